#include "fonts.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

// Latin, general punctuation (… – ’), arrows, geometric shapes (▶ ◀ ■ ●), check marks.
constexpr ImWchar ui_ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x21FF, 0x2300, 0x23FF,
                                 0x25A0, 0x25FF, 0x2700, 0x2717, 0};

}  // namespace

std::string font_directory() {
    if (const char* dir = std::getenv("LOOPSCOPE_FONT_DIR"); dir && *dir) return dir;
    return "/usr/share/fonts/truetype/dejavu";
}

font_set load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    font_set f;
    f.size = std::round(base_font_px * scale);
    const std::filesystem::path dir = font_directory();
    const auto sans = dir / "DejaVuSans.ttf", mono = dir / "DejaVuSansMono.ttf";
    std::error_code ec;
    if (std::filesystem::exists(sans, ec) && std::filesystem::exists(mono, ec)) {
        ImFontConfig cfg;
        // Horizontal oversampling sharpens small text; from 1.5x on the glyphs are big enough,
        // and rasterizing them twice as wide would slow the start (and every Ctrl+).
        cfg.OversampleH = scale < 1.5f ? 2 : 1;
        f.ui = io.Fonts->AddFontFromFileTTF(sans.c_str(), f.size, &cfg, ui_ranges);
        f.ui_large = io.Fonts->AddFontFromFileTTF(sans.c_str(), std::round(f.size * 1.3f), &cfg, ui_ranges);
        f.mono = io.Fonts->AddFontFromFileTTF(mono.c_str(), f.size, &cfg, ui_ranges);
        f.symbols = f.ui && f.mono && f.ui_large;
    }
    if (!f.symbols) {
        // ImGui's built-in font is a 13 px bitmap: scaled, it is blurry but readable.
        io.Fonts->Clear();
        f.problem = fmt::format("Fonts DejaVuSans.ttf / DejaVuSansMono.ttf not found in {}: using ImGui's built-in font. "
                                "Install them with: apt-get install fonts-dejavu-core",
                                dir.string());
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f;
        f.ui = f.mono = f.ui_large = io.Fonts->AddFontDefault(&cfg);
        io.FontGlobalScale = f.size / 13.0f;
    } else {
        io.FontGlobalScale = 1.0f;
    }
    io.Fonts->Build();
    return f;
}

}  // namespace loopscope::gui
