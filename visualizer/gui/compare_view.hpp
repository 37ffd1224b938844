// The Compare mode: two runs of the open lesson stacked, one above the other, on one virtual-time
// axis (a run that took 3 s is three times as long as one that took 1 s), with one shared cursor
// (compare_model) and each run's output up to it. Each run is drawn by the timeline's own
// draw_lanes and the console panel, so it looks like the lesson view.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>

#include "compare_model.hpp"
#include "console_panel.hpp"
#include "timeline_panel.hpp"

namespace loopscope::gui {

class compare_view {
public:
    void open(compare_model m, compare_request r);
    void close() { model_.reset(); }
    [[nodiscard]] const compare_model* model() const { return model_ ? &*model_ : nullptr; }
    [[nodiscard]] const compare_request& request() const { return request_; }

    // The shared cursor: a step of compare_model (both runs' events in time order).
    [[nodiscard]] std::size_t cursor() const { return cursor_; }
    void set_cursor(std::size_t k);

    // Arrows, Home / End, Space and + / - / 0 move the shared cursor and zoom the shared axis.
    void handle_keys();
    // Its own toolbar row: the shared cursor's buttons and readout.
    void draw_toolbar(const frame_context& f, const rect& r);
    // The choice of comparison and both runs in r. Returns another comparison the student picked.
    // `offered`: what the lesson can compare now (before_after only after a knob changed).
    [[nodiscard]] std::optional<compare_request> draw(const frame_context& f, const rect& r, std::span<const compare_kind> offered,
                                                      double dt);

    // The last frame's layout of run i and where its lanes were on screen: for tests.
    [[nodiscard]] const timeline_layout& layout(int i) const { return timelines_[static_cast<std::size_t>(i)].last_layout(); }
    [[nodiscard]] rect block(int i) const { return blocks_[static_cast<std::size_t>(i)]; }

private:
    std::optional<compare_request> draw_choices(const frame_context& f, std::span<const compare_kind> offered);
    void draw_run(const frame_context& f, int i, const rect& r, float names_w);

    std::optional<compare_model> model_;
    compare_request request_;
    std::size_t cursor_ = 0;
    bool playing_ = false;
    double play_clock_ = 0;
    axis_window window_{0, 1};  // the shared window onto the time axis, seconds
    std::array<view_state, 2> views_;
    std::array<loop_state, 2> now_;
    std::array<timeline_panel, 2> timelines_;
    std::array<console_panel, 2> consoles_;
    std::array<rect, 2> blocks_{};
};

}  // namespace loopscope::gui
