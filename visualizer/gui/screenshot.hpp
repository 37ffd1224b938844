// Headless rendering: the same app frame as the window, drawn into an offscreen framebuffer of
// a hidden GLFW window and read back. `loopscope shot` and the screenshot tests use it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "window.hpp"

namespace loopscope::gui {

struct image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // top row first
    [[nodiscard]] const std::uint8_t* at(int x, int y) const { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
};

// The PNG file's bytes (zlib, fastest level); empty if encoding failed.
[[nodiscard]] std::string encode_png(const image& img);
// Encodes PNG and writes it atomically (temp file + rename).
bool write_png(const image& img, const std::filesystem::path& file, std::string* error);

class headless_renderer {
public:
    // nullptr and a message if there is no display / no OpenGL 3.3.
    [[nodiscard]] static std::unique_ptr<headless_renderer> create(int width, int height, std::string* error);
    ~headless_renderer();
    headless_renderer(const headless_renderer&) = delete;
    headless_renderer& operator=(const headless_renderer&) = delete;

    // Runs `frames` frames of the app (layouts settle after the first) and returns the last one.
    [[nodiscard]] image render(app& a, int frames = 3);
    // One frame of every panel without rasterizing it: cheap, for walking thousands of steps.
    void run_frame(app& a);
    [[nodiscard]] const font_set& fonts() const { return platform_->fonts(); }

private:
    headless_renderer() = default;
    void frame(app& a, bool draw);
    std::unique_ptr<platform> platform_;
    int width_ = 0, height_ = 0;
    unsigned fbo_ = 0, colour_ = 0;
};

}  // namespace loopscope::gui
