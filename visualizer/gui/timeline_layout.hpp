// The timeline's layout pass: from the model, the axis and the view, plain draw records in pixels.
// No ImGui and no OpenGL here, so tests can check what would be drawn; the paint pass only turns
// records into ImDrawList calls. Level of detail: segments narrower than a pixel are merged into
// one record per pixel column (dominant state, which states occurred, how many segments), read
// from the lanes' pre-merged levels (timeline_model.hpp), and only lanes inside the height are
// laid out, so a frame costs about (pixels x visible lanes) records whatever the trace size.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "timeline_model.hpp"

namespace loopscope::gui {

// The horizontal window onto the axis, in axis units.
struct axis_window {
    double begin = 0, end = 1;
    [[nodiscard]] double width() const { return end - begin; }
};

struct timeline_geometry {
    float left = 0, top = 0;    // top-left of the lanes area (after the name column)
    float width = 800;          // lanes area width in pixels
    float height = 400;         // lanes area height in pixels (lanes below it are skipped)
    float lane_height = 28;     // one lane's bar height
    float lane_gap = 8;         // space between lanes
    float scroll_y = 0;         // vertical scroll of the lanes, in pixels
    float min_label_gap = 6;    // padding around text inside a segment
    // Take runs of uniform level-of-detail records whole (timeline_model.hpp); the same records
    // come out either way. Off: every record read one by one, for tests that compare the two.
    bool uniform_runs = true;
};

struct draw_rect {
    float x0, y0, x1, y1;
    std::uint32_t lane;
    segment_kind kind;      // merged: the kind that held the most events (the dominant state)
    std::uint8_t detail;    // as segment::detail
    object_id who;          // task whose colour to use (several_tasks: steps of more than one task)
    bool merged;            // LOD: several segments in a pixel column shown as one
    std::uint32_t merged_count;  // segments shown by this record (1 unless merged)
    std::uint32_t segment;  // index of the (first) segment in lane.segments
    event_index begin = 0, end = 0;  // the events this record stands for
    std::uint8_t kinds = 0;          // kind_bit() of every kind in [begin, end)
    std::array<std::uint32_t, state_class_count> events{};  // events per state class in [begin, end)
    [[nodiscard]] bool has(segment_kind k) const { return (kinds & kind_bit(k)) != 0; }
    // A merged record where the task also ran (or the loop ran a step): drawn with a solid mark
    // so short steps never vanish when zoomed out.
    [[nodiscard]] bool ran() const {
        return merged && (has(segment_kind::running) || has(segment_kind::blocking) || has(segment_kind::loop_step));
    }
};

struct draw_label {
    float x, y;             // top-left
    float clip_x1;          // right clip edge
    std::uint32_t lane;
    std::string text;
    std::uint32_t rect = 0;  // the record it labels (index into timeline_layout::rects)
};

struct draw_arrow {
    float x0, y0, x1, y1;
    std::uint32_t from_lane, to_lane;
};

struct draw_tick {
    float x;
    bool major;
    std::string text;  // empty for minor ticks
};

struct lane_header {
    std::uint32_t lane;
    float y0, y1;
};

struct timeline_layout {
    std::vector<lane_header> lanes;  // visible lanes only
    std::vector<draw_rect> rects;
    std::vector<draw_label> labels;
    std::vector<draw_arrow> arrows;
    std::vector<draw_tick> ticks;
    float cursor_x0 = -1, cursor_x1 = -1;  // the cursor event's span (x1 >= x0 + 2 px); -1: off-screen
    bool arrows_hidden_for_density = false;
    bool any_merged = false;               // some pixel shows several states (the legend explains it)
    std::size_t records_read = 0;          // segments and level-of-detail records visited: the frame's cost
    float content_height = 0;              // all lanes, for vertical scrolling
};

// Text width in pixels for the current font; tests pass a fixed-width estimate.
using measure_text = std::function<float(std::string_view)>;

// Lays out `model` into the rectangle of `geo`, showing `window` of axis `ax`. Any number of
// timelines can be laid out side by side: nothing here keeps state between calls.
[[nodiscard]] timeline_layout layout_timeline(const timeline_model& model, const axis& ax, const axis_window& window,
                                              const timeline_geometry& geo, event_index cursor,
                                              const measure_text& measure);
// The same into `out`, replacing its contents but keeping its buffers: a panel that lays out
// every frame into the layout it kept allocates nothing once the view has been seen.
void layout_timeline(const timeline_model& model, const axis& ax, const axis_window& window, const timeline_geometry& geo,
                     event_index cursor, const measure_text& measure, timeline_layout& out);

// The text shown inside a segment (empty for running and loop segments).
[[nodiscard]] std::string segment_text(const trace& t, const lane& l, const segment& s);

// Which record is under (x, y)? -1 if none. Later records win (they are drawn on top).
[[nodiscard]] int hit_rect(const timeline_layout& layout, float x, float y);

// Nice tick spacing: 1, 2 or 5 times a power of ten, at least min_step.
[[nodiscard]] double nice_step(double min_step);

}  // namespace loopscope::gui
