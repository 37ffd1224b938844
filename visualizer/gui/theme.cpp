#include "theme.hpp"

#include <algorithm>
#include <array>

namespace loopscope::gui {

namespace {

constexpr ImU32 rgb(std::uint32_t hex) {
    return IM_COL32((hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff, 0xff);
}

// Okabe-Ito, most distinct first. Yellow last: weakest on a light background.
constexpr std::array<ImU32, 7> okabe_ito{rgb(0x0072B2), rgb(0xD55E00), rgb(0x009E73), rgb(0xCC79A7),
                                         rgb(0xE69F00), rgb(0x56B4E9), rgb(0xF0E442)};

constexpr palette light{
    .window_bg = rgb(0xFFFFFF), .panel_bg = rgb(0xFFFFFF), .text = rgb(0x000000), .text_dim = rgb(0x4A4A4A),
    .grid = rgb(0xC8C8C8), .lane_bg = rgb(0xF2F2F2),
    .cursor = rgb(0x000000), .cursor_band = IM_COL32(0, 0, 0, 28),
    .loop_busy = rgb(0x8A8A8A), .loop_idle = rgb(0xB0B0B0),
    .arrow = rgb(0x303030), .failure = rgb(0xD55E00), .code_line_bg = rgb(0xF4F4F4)};

constexpr palette dark{
    .window_bg = rgb(0x15171A), .panel_bg = rgb(0x1C1F23), .text = rgb(0xF2F2F2), .text_dim = rgb(0xB4B4B4),
    .grid = rgb(0x3A3F45), .lane_bg = rgb(0x24282D),
    .cursor = rgb(0xFFFFFF), .cursor_band = IM_COL32(255, 255, 255, 34),
    .loop_busy = rgb(0x8C8C8C), .loop_idle = rgb(0x5E6368),
    .arrow = rgb(0xD8D8D8), .failure = rgb(0xFF7A3D), .code_line_bg = rgb(0x23262B)};

}  // namespace

const palette& palette_for(theme_kind t) { return t == theme_kind::dark ? dark : light; }

ImU32 lane_colour(std::uint32_t slot) { return okabe_ito[slot % okabe_ito.size()]; }

ImU32 with_alpha(ImU32 c, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t,
                                                 x.w + (y.w - x.w) * t));
}

ImVec4 to_vec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void apply_style(theme_kind t, float scale) {
    ImGuiStyle style;  // fresh: ScaleAllSizes must not compound
    if (t == theme_kind::dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    const palette& p = palette_for(t);
    style.WindowRounding = 0;
    style.WindowBorderSize = 1;
    style.FrameRounding = 3;
    style.TabRounding = 3;
    style.ScrollbarSize = 16;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    auto& c = style.Colors;
    c[ImGuiCol_WindowBg] = to_vec4(p.panel_bg);
    c[ImGuiCol_ChildBg] = to_vec4(p.panel_bg);
    c[ImGuiCol_Text] = to_vec4(p.text);
    c[ImGuiCol_TextDisabled] = to_vec4(p.text_dim);
    c[ImGuiCol_Border] = to_vec4(p.grid);
    if (t == theme_kind::light) {
        // High contrast for projectors: darker frames and headers than ImGui's light default.
        c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = to_vec4(rgb(0xE4E4E4));
        c[ImGuiCol_FrameBg] = to_vec4(rgb(0xE8E8E8));
        c[ImGuiCol_Button] = to_vec4(rgb(0xDCE6F2));
        c[ImGuiCol_ButtonHovered] = to_vec4(rgb(0xB8CFEA));
        c[ImGuiCol_ButtonActive] = to_vec4(rgb(0x8FB4E0));
        c[ImGuiCol_Header] = to_vec4(rgb(0xCFE0F3));
        c[ImGuiCol_Tab] = to_vec4(rgb(0xE0E0E0));
        c[ImGuiCol_TabActive] = to_vec4(rgb(0xFFFFFF));
        c[ImGuiCol_TabHovered] = to_vec4(rgb(0xB8CFEA));
        c[ImGuiCol_PopupBg] = to_vec4(rgb(0xFFFFF4));
    } else {
        c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = to_vec4(rgb(0x2A2E34));
        c[ImGuiCol_PopupBg] = to_vec4(rgb(0x2A2E34));
    }
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace loopscope::gui
