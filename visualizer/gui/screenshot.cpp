#include "screenshot.hpp"

#include <algorithm>
#include <cfloat>
#include <cstring>

#include <imgui.h>
#include <stb_image_write.h>

#include "gl.hpp"

namespace loopscope::gui {

bool write_png(const image& img, const std::filesystem::path& file, std::string* error) {
    std::string bytes;
    auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &bytes, img.width, img.height, 4, img.rgba.data(), img.width * 4)) {
        if (error) *error = "PNG encoding failed";
        return false;
    }
    return write_file_atomically(file, bytes, error);
}

std::unique_ptr<headless_renderer> headless_renderer::create(int width, int height, std::string* error) {
    std::unique_ptr<headless_renderer> r(new headless_renderer());
    r->platform_ = platform::create({std::min(width, 1280), std::min(height, 1024), false}, error);
    if (!r->platform_) return nullptr;
    r->width_ = width;
    r->height_ = height;
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    if (width > max_size || height > max_size) {
        if (error) *error = "the requested size is larger than this OpenGL driver can render";
        return nullptr;
    }
    // Offscreen: a hidden window's own framebuffer may not be backed by pixels.
    glGenFramebuffers(1, &r->fbo_);
    glGenRenderbuffers(1, &r->colour_);
    glBindRenderbuffer(GL_RENDERBUFFER, r->colour_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, r->fbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, r->colour_);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        if (error) *error = "cannot create an offscreen framebuffer";
        return nullptr;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return r;
}

headless_renderer::~headless_renderer() {
    if (platform_) {
        if (fbo_) glDeleteFramebuffers(1, &fbo_);
        if (colour_) glDeleteRenderbuffers(1, &colour_);
    }
}

void headless_renderer::frame(app& a, bool draw) {
    ImGuiIO& io = ImGui::GetIO();
    platform_->sync(a.view());
    platform_->new_frame();
    // The hidden window may be smaller than the shot (screen limits): the frame is the shot's size.
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    a.frame(platform_->fonts(), 0.0);
    if (draw) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        platform_->render(width_, height_, a.view().theme);
    } else {
        ImGui::Render();
    }
}

void headless_renderer::run_frame(app& a) { frame(a, false); }

image headless_renderer::render(app& a, int frames) {
    for (int n = 0; n < frames; ++n) frame(a, true);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    image img;
    img.width = width_;
    img.height = height_;
    img.rgba.resize(static_cast<std::size_t>(width_) * height_ * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // OpenGL's first row is the bottom one.
    const std::size_t row = static_cast<std::size_t>(width_) * 4;
    std::vector<std::uint8_t> swap(row);
    for (int y = 0; y < height_ / 2; ++y) {
        std::uint8_t* top = &img.rgba[static_cast<std::size_t>(y) * row];
        std::uint8_t* bottom = &img.rgba[static_cast<std::size_t>(height_ - 1 - y) * row];
        std::memcpy(swap.data(), top, row);
        std::memcpy(top, bottom, row);
        std::memcpy(bottom, swap.data(), row);
    }
    for (std::size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;  // opaque PNG
    return img;
}

}  // namespace loopscope::gui
