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
//
// In a window that is short for its text size the code takes the whole height and state,
// narration and output stack to its right; in a narrow one the lesson list is a strip.
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
// Few lines of text high (e.g. 1080p at 2x): the code takes the whole height of the top area (no
// title bar: its tabs say what it is) and the loop state, narration and output stack beside it.
[[nodiscard]] bool short_window(float height, float line_height);
// Few lines of text wide: the lesson list is a strip of lesson numbers.
[[nodiscard]] bool narrow_window(float width, float line_height);

}  // namespace loopscope::gui
