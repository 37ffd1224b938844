// The event loop's state at the cursor: every task's state and await chain, the ready queue in
// order, and the timer heap soonest first. Compact (a short window): no title bar, headings on
// the line they introduce, and the table's task and state columns as narrow as their text, so a
// row per task fits in about a line and a third.
#pragma once

#include "widgets.hpp"

namespace loopscope::gui {

class state_panel {
public:
    void draw(const frame_context& f, const rect& r, bool compact = false);
    // Into the current window; named: "Event loop:" starts the first line (false in a tab, whose
    // label says it).
    void draw_contents(const frame_context& f, bool compact, bool named = true);
    // The last frame: pixels of the task table below the panel's bottom (0: every task's row
    // showed without scrolling; the timers below it may scroll), and
    // the width of the table's "waiting for / result" column.
    [[nodiscard]] float overflow() const { return overflow_; }
    [[nodiscard]] float detail_width() const { return detail_w_; }

private:
    void draw_tasks(const frame_context& f, bool compact);
    void draw_ready_queue(const frame_context& f, bool compact);
    void draw_timers(const frame_context& f, bool compact);

    float overflow_ = 0, detail_w_ = 0;
};

}  // namespace loopscope::gui
