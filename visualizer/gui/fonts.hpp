// Fonts: DejaVu Sans for the UI, DejaVu Sans Mono for code and output (Debian fonts-dejavu-core),
// rasterized at the current scale. Changing the scale rebuilds the atlas and the GPU texture,
// so text stays crisp at 3x on a projector instead of being stretched.
#pragma once

#include <string>

#include <imgui.h>

namespace loopscope::gui {

struct font_set {
    ImFont* ui = nullptr;
    ImFont* ui_large = nullptr;  // narration and headings
    ImFont* mono = nullptr;
    float size = 16;             // UI font size in pixels
    bool symbols = false;        // the font has the arrow / shape glyphs we use
    std::string problem;         // non-empty: what went wrong and what to do (shown to the user)
};

inline constexpr float base_font_px = 17.0f;

// Where the fonts are looked for; LOOPSCOPE_FONT_DIR overrides (tests use it to simulate a missing font).
[[nodiscard]] std::string font_directory();

// Rebuilds io.Fonts at this scale. Call outside a frame; then recreate the GPU texture.
[[nodiscard]] font_set load_fonts(float scale);

}  // namespace loopscope::gui
