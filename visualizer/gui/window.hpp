// The platform layer: GLFW window, OpenGL 3.3 core context, Dear ImGui context and its GLFW /
// OpenGL3 backends, fonts and style. Used visible by the app and hidden by the screenshot.
#pragma once

#include <memory>
#include <string>

#include "fonts.hpp"
#include "settings.hpp"
#include "view_state.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace loopscope::gui {

struct platform_options {
    int width = 1600, height = 900;
    bool visible = true;
};

class platform {
public:
    // nullptr and a message naming the problem and what to do (no display, no OpenGL 3.3).
    [[nodiscard]] static std::unique_ptr<platform> create(const platform_options& o, std::string* error);
    ~platform();
    platform(const platform&) = delete;
    platform& operator=(const platform&) = delete;

    [[nodiscard]] GLFWwindow* window() const { return window_; }
    [[nodiscard]] const font_set& fonts() const { return fonts_; }
    // Monitor content scale (HiDPI); 1 for hidden windows so screenshots do not depend on the machine.
    [[nodiscard]] float dpi_scale() const { return dpi_scale_; }
    // The window covers a monitor (F11).
    [[nodiscard]] bool fullscreen() const { return fullscreen_; }

    // Applies what needs the platform: re-rasterized fonts, the theme's style, fullscreen.
    // Call between frames.
    void sync(const view_state& v);
    // Starts an ImGui frame (backends + ImGui::NewFrame).
    void new_frame();
    // Ends the frame and draws it into the bound framebuffer of size w x h.
    void render(int w, int h, theme_kind theme);

private:
    platform() = default;
    void set_fullscreen(bool on);

    GLFWwindow* window_ = nullptr;
    ImGuiContext* imgui_ = nullptr;
    bool glfw_ready_ = false, backends_ready_ = false;
    font_set fonts_;
    float dpi_scale_ = 1.0f;
    float fonts_scale_ = -1.0f;
    theme_kind style_theme_ = theme_kind::light;
    float style_scale_ = -1.0f;
    bool fullscreen_ = false;
    int windowed_[4] = {100, 100, 1600, 900};  // x, y, w, h to restore after fullscreen
};

// Why GLFW could not start, as advice (no display -> xvfb-run).
[[nodiscard]] std::string explain_glfw_failure(const char* glfw_message);

}  // namespace loopscope::gui
