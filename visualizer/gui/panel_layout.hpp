// Where each panel goes, as a pure function of the window size and the text height, so that the
// tiling is the same on screen and in screenshots and can be tested without a window.
//
//   +---------------------------------------------------------------+
//   | toolbar                                                        |
//   +----------+------------------------+---------------------------+
//   | lessons  | code                   | event loop state          |
//   |          +------------------------+---------------------------+
//   |          | narration              | console                   |
//   +----------+------------------------+---------------------------+
//   | timeline                                                       |
//   +---------------------------------------------------------------+
#pragma once

#include <cstddef>

namespace loopscope::gui {

struct rect {
    float x = 0, y = 0, w = 0, h = 0;
    [[nodiscard]] bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct panel_rects {
    rect toolbar, browser, code, state, narration, console, timeline;
    rect compare;  // the Compare mode: everything right of the lesson list, below the toolbar
};

// line_height: the UI font's line height in pixels (it grows with the font scale).
// lanes: timeline lanes (tasks + the loop); the timeline grows to show them all when it can.
[[nodiscard]] panel_rects layout_panels(float width, float height, float line_height, bool show_browser,
                                        std::size_t lanes = 4);

// The toolbar needs a second row when the window is narrow for its text size.
[[nodiscard]] bool toolbar_wraps(float width, float line_height);

}  // namespace loopscope::gui
