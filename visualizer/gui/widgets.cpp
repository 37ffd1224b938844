#include "widgets.hpp"

#include <algorithm>
#include <cmath>

namespace loopscope::gui {

ImU32 frame_context::task_colour(object_id task) const {
    const std::uint32_t lane = s.timeline ? s.timeline->lane_of(task) : 0;
    if (lane == 0) return colours.loop_busy;
    return lane_colour(s.timeline->lanes()[lane].colour_slot);
}

bool begin_panel(const char* title, const rect& r, ImGuiWindowFlags extra) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
    constexpr ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    return ImGui::Begin(title, nullptr, fixed | extra);
}

void end_panel() { ImGui::End(); }

void hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float spacing, float thickness) {
    if (b.x - a.x < 1 || b.y - a.y < 1) return;
    dl->PushClipRect(a, b, true);
    const float h = b.y - a.y;
    // Lines at 45 degrees, anchored to absolute x so they do not crawl while panning.
    const float start = std::floor((a.x - h) / spacing) * spacing;
    for (float x = start; x < b.x; x += spacing) dl->AddLine(ImVec2(x, b.y), ImVec2(x + h, a.y), colour, thickness);
    dl->PopClipRect();
}

float chip(ImDrawList* dl, ImVec2 at, std::string_view text, ImU32 fill, ImU32 text_colour, float pad) {
    const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
    const ImVec2 b(at.x + size.x + 2 * pad, at.y + size.y + pad);
    dl->AddRectFilled(at, b, fill, pad);
    dl->AddText(ImVec2(at.x + pad, at.y + pad / 2), text_colour, text.data(), text.data() + text.size());
    return b.x - at.x;
}

void outcome_marker(ImDrawList* dl, ImVec2 c, float r, outcome o, ImU32 colour, ImU32 failure) {
    const float t = std::max(1.5f, r * 0.35f);
    switch (o) {
        case outcome::result: dl->AddCircleFilled(c, r, colour, 16); break;
        case outcome::exception:
            dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), failure, t);
            dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), failure, t);
            break;
        case outcome::cancelled:
            dl->AddCircle(c, r, colour, 16, t * 0.7f);
            dl->AddLine(ImVec2(c.x - r * 0.7f, c.y + r * 0.7f), ImVec2(c.x + r * 0.7f, c.y - r * 0.7f), colour, t * 0.7f);
            break;
    }
}

void state_swatch(ImDrawList* dl, ImVec2 a, ImVec2 b, task_state state, outcome o, ImU32 colour, const palette& p) {
    const float h = b.y - a.y;
    switch (state) {
        case task_state::running: dl->AddRectFilled(a, b, colour, 2); break;
        case task_state::ready:
            dl->AddRectFilled(a, b, with_alpha(colour, 0.18f));
            hatch(dl, a, b, colour, std::max(4.0f, h / 3), std::max(1.0f, h / 10));
            dl->AddRect(a, b, colour, 0, 0, 1);
            break;
        case task_state::suspended:
            dl->AddRectFilled(a, b, with_alpha(colour, 0.08f));
            dl->AddRect(a, b, colour, 2, 0, std::max(1.5f, h / 8));
            break;
        case task_state::finished:
            dl->AddLine(ImVec2(a.x, (a.y + b.y) / 2), ImVec2(b.x, (a.y + b.y) / 2), with_alpha(colour, 0.6f), 2);
            outcome_marker(dl, ImVec2(a.x + h / 2, (a.y + b.y) / 2), h * 0.32f, o, colour, p.failure);
            break;
        case task_state::unborn: dl->AddRect(a, b, with_alpha(p.grid, 0.8f), 0, 0, 1); break;
    }
}

void mixed_mark(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour) {
    const float dash = std::max(3.0f, b.y - a.y);
    if (b.x - a.x < 2 * dash) {
        dl->AddRectFilled(a, b, colour);
        return;
    }
    // Anchored to absolute x so the dashes do not crawl while panning.
    for (float x = std::floor(a.x / (2 * dash)) * 2 * dash; x < b.x; x += 2 * dash)
        dl->AddRectFilled(ImVec2(std::max(x, a.x), a.y), ImVec2(std::min(x + dash, b.x), b.y), colour);
}

ImU32 readable_text_on(ImU32 fill) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(fill);
    const float luminance = 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
    return luminance > 0.55f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace loopscope::gui
