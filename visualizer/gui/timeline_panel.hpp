// The timeline panel: paints the layout pass's records with ImDrawList and turns the mouse into
// cursor moves (click / drag), zoom (wheel), pan (right or middle drag, shift + wheel) and tooltips.
#pragma once

#include "panel_layout.hpp"
#include "timeline_layout.hpp"
#include "widgets.hpp"

namespace loopscope::gui {

class timeline_panel {
public:
    void draw(const frame_context& f, const rect& r);
    // The lanes, their axis and the cursor of f.s, in the rest of the current ImGui window (no
    // legend row), on f.view's axis and window; names_w: the name column's width (0: fit the
    // names). The compare view draws each of its runs with it, on one shared axis.
    void draw_lanes(const frame_context& f, float names_w = 0);
    // The name column's natural width for f.s's lanes in avail_w pixels.
    [[nodiscard]] static float names_width(const frame_context& f, float avail_w);

    // The last frame's layout and where its lanes were: for tests and screenshots.
    [[nodiscard]] const timeline_layout& last_layout() const { return layout_; }
    [[nodiscard]] const rect& last_lanes() const { return lanes_rect_; }
    // Where the axis buttons (or their menu) were last frame.
    [[nodiscard]] const rect& last_axis_control() const { return axis_control_; }
    // The least lane size, in lines of text (the panel layout's: compact in a short window).
    void set_lane_size(lane_size s) { lane_size_ = s; }
    // The axis buttons on a second header row (a narrow timeline with height to spare).
    void set_header_wraps(bool on) { header_wraps_ = on; }

private:
    void draw_header(const frame_context& f, bool narrow);
    // The axis buttons' stand-in in a narrow timeline: a menu in the corner above the names.
    void draw_axis_menu(const frame_context& f, const rect& corner);
    void paint(const frame_context& f, ImDrawList* dl, const rect& names, const rect& lanes, float axis_h);
    void handle_mouse(const frame_context& f, const rect& names, const rect& lanes, float axis_h);
    void tooltip(const frame_context& f, int hit) const;

    timeline_layout layout_;
    rect lanes_rect_;        // where the lanes area was last frame (screen pixels)
    rect axis_control_;      // where the axis buttons were last frame
    float scroll_y_ = 0;     // vertical scroll of the lanes, pixels
    lane_size lane_size_;    // least lane height and gap, lines
    bool header_wraps_ = false;
    bool scrubbing_ = false; // left button held: the cursor follows the mouse
    // The name column's width, for this run at this text size.
    const timeline_model* names_for_ = nullptr;
    std::size_t names_lanes_ = 0;
    float names_line_ = 0, names_w_ = 0;
};

}  // namespace loopscope::gui
