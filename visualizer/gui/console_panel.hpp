// What the program printed up to the cursor, each line tagged with the task that printed it.
#pragma once

#include <cstddef>

#include "widgets.hpp"

namespace loopscope::gui {

class console_panel {
public:
    // title: the window's title and ImGui id ("Output"; the compare view shows two).
    void draw(const frame_context& f, const rect& r, const char* title = "Output");
    // The lines alone, into the current window (a tab of the short window's side column).
    void draw_contents(const frame_context& f);

private:
    std::size_t shown_lines_ = 0;  // to scroll to the bottom only when a line appears
};

}  // namespace loopscope::gui
