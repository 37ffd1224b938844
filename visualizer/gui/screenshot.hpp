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

// One frame of input as the window would get it: keys through the GLFW backend's key callback
// (what GLFW calls), the mouse as the backend reports it for a hovered window (a hidden window
// has no cursor to move), and the seconds since the previous frame (playback).
struct frame_input {
    struct key {
        int code;           // GLFW key
        bool pressed;       // false: released
        int mods = 0;       // GLFW_MOD_*
    };
    std::vector<key> keys;
    bool has_mouse = false; // false: no mouse over the window
    float mouse_x = 0, mouse_y = 0;
    bool left_down = false;
    float wheel = 0;
    double dt = 0;
};

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
    // One frame with this input (tests of the keyboard, the mouse and playback).
    void run_frame(app& a, const frame_input& in);
    [[nodiscard]] const font_set& fonts() const { return platform_->fonts(); }
    [[nodiscard]] const platform& window() const { return *platform_; }

private:
    headless_renderer() = default;
    void frame(app& a, bool draw, const frame_input* in = nullptr);
    std::unique_ptr<platform> platform_;
    int width_ = 0, height_ = 0;
    unsigned fbo_ = 0, colour_ = 0;
};

}  // namespace loopscope::gui
