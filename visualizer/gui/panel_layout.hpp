// Where each panel goes, as a pure function of the window size and the text height, so that the
// tiling is the same on screen and in screenshots and can be tested without a window.
//
// A window with room (at least 44 lines of text high):
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
// A short one (1280x720 at 1x, 4K at 3x): the story and the loop's state need more lines than a
// third of the height, so they get a column of the whole height; code and timeline share the
// rest, the timeline showing every lane when it can (compact lanes when it cannot) but leaving
// the code eight rows. The lesson list is a strip of numbers (short windows are narrow too).
//   +---------------------------------------------------------------+
//   | toolbar                                                        |
//   +--+--------------------------------+--------------------------+
//   |ls| code                           | narration                |
//   +--+--------------------------------+--------------------------+
//   | timeline                          | event loop state         |
//   |                                   +--------------------------+
//   |                                   | console                  |
//   +-----------------------------------+--------------------------+
// When the column cannot hold all three (1080p at 2x), loop state and console share one rect
// with tabs, below the narration. The column is only as wide as the task table needs, so that
// the code gets the width (a long line wraps).
// Too short for eight rows of code above four lanes (720p at 2x, 1080p at 3x): one panel at a
// time, as tabs of the whole height, beside the narration:
//   |ls| [Code | Timeline | Event loop | Output]    | narration       |
// Narrower still (720p at 3x, 25 lines of text wide), the narration is one of the tabs.
#pragma once

#include <cstddef>

namespace loopscope::gui {

struct rect {
    float x = 0, y = 0, w = 0, h = 0;
    [[nodiscard]] bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

// A timeline lane's bar and the gap below it, in lines of text (the timeline grows lanes to fill
// its height; these are the least it uses).
struct lane_size {
    float height = 1.3f, gap = 0.4f;
    [[nodiscard]] float pitch() const { return height + gap; }
};

struct panel_rects {
    rect toolbar, browser, code, state, narration, console, timeline;
    rect compare;               // the Compare mode: everything right of the lesson list, below the toolbar
    bool compact = false;       // a short window: panels drop their title bars and tighten their text
    bool state_tabs = false;    // loop state and console share `state` (== `console`) as two tabs
    lane_size lanes;            // the timeline's least lane size
    bool timeline_header_wraps = false;  // the timeline's axis buttons on a second header row
    // A very short window: code, timeline, loop state and console share `code` (== `timeline` ==
    // `state` == `console`) as four tabs, whose bar is `main_tab_bar`.
    bool main_tabs = false;
    rect main_tab_bar;
    bool narration_tab = false;  // narrower still (720p at 3x): the narration is a main tab too
};

// line_height: the UI font's line height in pixels (it grows with the font scale).
// lanes: timeline lanes (tasks + the loop); the timeline grows to show them all when it can.
[[nodiscard]] panel_rects layout_panels(float width, float height, float line_height, bool show_browser,
                                        std::size_t lanes = 4);

// The toolbar needs a second row when the window is narrow for its text size.
[[nodiscard]] bool toolbar_wraps(float width, float line_height);
// Few lines of text high (e.g. 1080p at 2x): the side-column layout above.
[[nodiscard]] bool short_window(float height, float line_height);
// Few lines of text wide: the lesson list is a strip of lesson numbers.
[[nodiscard]] bool narrow_window(float width, float line_height);
// The timeline's legend and its axis buttons need two rows in a timeline this wide (the layout
// gives them the second row only when that costs no lane).
[[nodiscard]] bool timeline_header_wraps(float timeline_width, float line_height);

// Lines of text the panels need, for the layout and its tests: the timeline's legend and axis
// rows with the window's padding (measured: 4.5), and the compact loop state's rows besides one
// per task (running now, two of ready queue, table header, timers, padding).
inline constexpr float timeline_chrome_lines = 4.8f, timeline_header_row_lines = 2.0f;
inline constexpr float compact_state_lines = 6.8f, compact_state_lines_per_task = 1.25f;
// The main tabs' bar; the column's share of a short window's width, and the narration's beside
// the main tabs (720p at 2x); narrower than narration_tab_below_lines, the narration is a tab.
inline constexpr float main_tab_bar_lines = 1.9f, side_share = 0.44f, tabs_column_share = 0.33f,
                       narration_tab_below_lines = 32;

}  // namespace loopscope::gui
