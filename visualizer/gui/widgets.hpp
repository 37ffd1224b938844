// Small drawing helpers shared by the panels, and the per-frame context they all receive.
#pragma once

#include <string_view>

#include <imgui.h>

#include "fonts.hpp"
#include "loopscope/snapshot.hpp"
#include "panel_layout.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "view_state.hpp"

namespace loopscope::gui {

// What every panel gets for one frame. Panels keep only their own state.
struct frame_context {
    const session& s;
    view_state& view;
    const loop_state& now;  // the state at view.cursor
    const palette& colours;
    const font_set& fonts;
    float scale;            // UI scale (font scale): multiply pixel sizes by it

    [[nodiscard]] ImU32 task_colour(object_id task) const;
    [[nodiscard]] std::string_view task_name(object_id task) const { return s.data->task_name(task); }
};

// A fixed, tiled panel window. Returns false if collapsed/clipped (End() must still be called).
bool begin_panel(const char* title, const rect& r, ImGuiWindowFlags extra = 0);
void end_panel();

// Diagonal hatching inside [a, b]: "ready" without relying on colour.
void hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float spacing, float thickness);
// A small coloured pill with text; returns its width.
float chip(ImDrawList* dl, ImVec2 at, std::string_view text, ImU32 fill, ImU32 text_colour, float pad);
// Marks for finished tasks: ● returned, ✕ raised, ⊘ cancelled (shape, not only colour).
void outcome_marker(ImDrawList* dl, ImVec2 centre, float radius, outcome o, ImU32 colour, ImU32 failure);
// A state icon drawn like the timeline draws it (legend, state table, lane headers).
void state_swatch(ImDrawList* dl, ImVec2 a, ImVec2 b, task_state state, outcome o, ImU32 colour, const palette& p);

// "Several states here": a dashed band over [a, b] (solid when too narrow for dashes).
void mixed_mark(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour);

[[nodiscard]] ImU32 readable_text_on(ImU32 fill);

}  // namespace loopscope::gui
