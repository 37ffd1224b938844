#include "window.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "gl.hpp"
#include "theme.hpp"

namespace loopscope::gui {

std::string explain_glfw_failure(const char* glfw_message) {
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland))
        return "no display (DISPLAY and WAYLAND_DISPLAY are unset): the window needs a desktop session; "
               "for screenshots run under xvfb-run, e.g. `xvfb-run -a loopscope shot LESSON --step N --out shot.png`";
    return fmt::format("cannot open a window on display {}: {}. Check that the X server is running and allows you "
                       "(or use `xvfb-run -a loopscope ...`).",
                       display && *display ? display : wayland, glfw_message ? glfw_message : "unknown GLFW error");
}

std::unique_ptr<platform> platform::create(const platform_options& o, std::string* error) {
    auto fail = [&](std::string what) -> std::unique_ptr<platform> {
        if (error) *error = std::move(what);
        return nullptr;
    };
    std::unique_ptr<platform> p(new platform());
    const char* message = nullptr;
    // An X server that just lost its last client resets and refuses connections for a moment
    // (Xvfb between two renders in one process): retry briefly before giving up.
    const char* display = std::getenv("DISPLAY");
    const int attempts = display && *display ? 40 : 1;
    bool ready = false;
    for (int attempt = 0; attempt < attempts && !ready; ++attempt) {
        if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ready = glfwInit() == GLFW_TRUE;
    }
    if (!ready) {
        glfwGetError(&message);
        return fail(explain_glfw_failure(message));
    }
    p->glfw_ready_ = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, o.visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    p->window_ = glfwCreateWindow(o.width, o.height, "loopscope", nullptr, nullptr);
    if (!p->window_) {
        glfwGetError(&message);
        return fail(fmt::format("cannot create an OpenGL 3.3 core window: {}. Mesa's llvmpipe (libgl1-mesa-dri) provides one "
                                "in software.",
                                message ? message : "unknown GLFW error"));
    }
    glfwMakeContextCurrent(p->window_);
    glfwSwapInterval(1);
    if (!load_gl()) return fail("the OpenGL driver does not provide OpenGL 3.3 core functions");
    if (o.visible) {
        float sx = 1, sy = 1;
        glfwGetWindowContentScale(p->window_, &sx, &sy);
        p->dpi_scale_ = std::max(1.0f, sx);
    }

    IMGUI_CHECKVERSION();
    p->imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // panels are tiled by code; nothing to remember
    io.LogFilename = nullptr;
    if (!ImGui_ImplGlfw_InitForOpenGL(p->window_, true) || !ImGui_ImplOpenGL3_Init("#version 330 core"))
        return fail("cannot initialise Dear ImGui's GLFW / OpenGL3 backends");
    p->backends_ready_ = true;
    return p;
}

platform::~platform() {
    if (backends_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (imgui_) ImGui::DestroyContext(imgui_);
    if (window_) glfwDestroyWindow(window_);
    if (glfw_ready_) glfwTerminate();
}

void platform::sync(const view_state& v) {
    const float scale = v.font_scale * dpi_scale_;
    if (scale != fonts_scale_) {
        fonts_ = load_fonts(scale);
        // The atlas changed size: the GPU copy must be rebuilt, not stretched. (The first time,
        // the backend's first NewFrame creates it along with its other device objects.)
        if (fonts_scale_ > 0) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        fonts_scale_ = scale;
    }
    if (scale != style_scale_ || v.theme != style_theme_) {
        apply_style(v.theme, scale);
        style_scale_ = scale;
        style_theme_ = v.theme;
    }
    if (v.fullscreen != fullscreen_) set_fullscreen(v.fullscreen);
}

void platform::set_fullscreen(bool on) {
    fullscreen_ = on;
    if (on) {
        glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
        glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (mode) glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3], GLFW_DONT_CARE);
    }
}

void platform::new_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

void platform::render(int w, int h, theme_kind theme) {
    ImGui::Render();
    glViewport(0, 0, w, h);
    const ImVec4 bg = to_vec4(palette_for(theme).window_bg);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace loopscope::gui
