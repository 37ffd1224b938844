// Colours. Lanes use the Okabe-Ito palette (safe for the common colour-vision deficiencies);
// state is never colour alone: the timeline also uses fill / hatching / outline / markers.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "settings.hpp"

namespace loopscope::gui {

struct palette {
    ImU32 window_bg, panel_bg, text, text_dim, grid, lane_bg;
    ImU32 cursor, cursor_band;
    ImU32 loop_busy, loop_idle;
    ImU32 arrow;
    ImU32 failure;   // exceptions, blocking: vermillion with a shape as well
    ImU32 code_line_bg;
};

[[nodiscard]] const palette& palette_for(theme_kind t);
// Colour of the lane in slot n (tasks in creation order).
[[nodiscard]] ImU32 lane_colour(std::uint32_t slot);
[[nodiscard]] ImU32 with_alpha(ImU32 c, float alpha);
[[nodiscard]] ImU32 mix(ImU32 a, ImU32 b, float t);
[[nodiscard]] ImVec4 to_vec4(ImU32 c);

// Sets ImGui's style for the theme at this UI scale (call after a font or theme change).
void apply_style(theme_kind t, float scale);

}  // namespace loopscope::gui
