// The event loop's state at the cursor: every task's state and await chain, the ready queue in
// order, and the timer heap soonest first.
#pragma once

#include "widgets.hpp"

namespace loopscope::gui {

class state_panel {
public:
    void draw(const frame_context& f, const rect& r);

private:
    void draw_tasks(const frame_context& f);
    void draw_ready_queue(const frame_context& f);
    void draw_timers(const frame_context& f);
};

}  // namespace loopscope::gui
