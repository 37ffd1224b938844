#include "screenshot.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>

#include <imgui.h>
#include <zlib.h>

#include "gl.hpp"  // glad before GLFW
#include <imgui_impl_glfw.h>

namespace loopscope::gui {

namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void put_chunk(std::string& out, const char type[4], const std::string& data) {
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t at = out.size();
    out.append(type, 4);
    out += data;
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(out.data() + at), static_cast<uInt>(out.size() - at));
    put_u32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::string encode_png(const image& img) {
    // Every row "Up"-filtered (screenshots are mostly flat colour), zlib's fastest level:
    // stb_image_write's own deflate took most of a screenshot's time.
    const std::size_t row = static_cast<std::size_t>(img.width) * 4;
    std::vector<std::uint8_t> filtered(static_cast<std::size_t>(img.height) * (row + 1));
    for (std::size_t y = 0; y < static_cast<std::size_t>(img.height); ++y) {
        std::uint8_t* out = &filtered[y * (row + 1)];
        const std::uint8_t* src = &img.rgba[y * row];
        out[0] = y == 0 ? 0 : 2;
        if (y == 0) {
            std::memcpy(out + 1, src, row);
        } else {
            const std::uint8_t* up = src - row;
            for (std::size_t i = 0; i < row; ++i) out[1 + i] = static_cast<std::uint8_t>(src[i] - up[i]);
        }
    }
    uLongf packed_size = compressBound(static_cast<uLong>(filtered.size()));
    std::string packed(packed_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, filtered.data(), static_cast<uLong>(filtered.size()),
                  Z_BEST_SPEED) != Z_OK)
        return {};
    packed.resize(packed_size);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    put_u32(header, static_cast<std::uint32_t>(img.width));
    put_u32(header, static_cast<std::uint32_t>(img.height));
    header += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, deflate, adaptive filters, no interlace
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", packed);
    put_chunk(png, "IEND", {});
    return png;
}

bool write_png(const image& img, const std::filesystem::path& file, std::string* error) {
    const std::string bytes = encode_png(img);
    if (bytes.empty()) {
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

void headless_renderer::frame(app& a, bool draw, const frame_input* in) {
    ImGuiIO& io = ImGui::GetIO();
    platform_->sync(a.view());
    platform_->new_frame();
    // The hidden window may be smaller than the shot (screen limits): the frame is the shot's size.
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = in && in->has_mouse ? ImVec2(in->mouse_x, in->mouse_y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[ImGuiMouseButton_Left] = in && in->left_down;
    io.MouseWheel = in ? in->wheel : 0.0f;
    if (in)
        for (const auto& k : in->keys)
            ImGui_ImplGlfw_KeyCallback(platform_->window(), k.code, 0, k.pressed ? GLFW_PRESS : GLFW_RELEASE, k.mods);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    a.frame(platform_->fonts(), in ? in->dt : 0.0);
    if (draw) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        platform_->render(width_, height_, a.view().theme);
    } else {
        ImGui::Render();
    }
}

void headless_renderer::run_frame(app& a) { frame(a, false); }

void headless_renderer::run_frame(app& a, const frame_input& in) { frame(a, false, &in); }

image headless_renderer::render(app& a, int frames) {
    // Only the last frame is rasterized: with a software OpenGL that is most of a shot's time.
    for (int n = 0; n < frames; ++n) frame(a, n + 1 == frames);
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
