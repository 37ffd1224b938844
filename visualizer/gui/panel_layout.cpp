#include "panel_layout.hpp"

#include <algorithm>
#include <cmath>

namespace loopscope::gui {

bool toolbar_wraps(float width, float line_height) { return width < line_height * 92; }

bool short_window(float height, float line_height) { return height < line_height * 44; }
bool narrow_window(float width, float line_height) { return width < line_height * 70; }
// Legend (six states) and axis buttons are about 62 lines of text wide.
bool timeline_header_wraps(float timeline_width, float line_height) { return timeline_width < line_height * 64; }

namespace {

float browser_width(float width, float line_height, bool show_browser, float most) {
    if (!show_browser) return 0;
    if (narrow_window(width, line_height)) return std::round(line_height * 4.2f);
    return std::clamp(width * 0.16f, line_height * 10, most);
}

// Code rows the short layouts keep (tabs and padding take 3 lines, a code row 1.24): enough
// around the current line to follow the lesson.
constexpr float code_rows_least = 8, code_chrome_lines = 3, code_row_lines = 1.24f;

// The short window's layout (see the header): a column on the right for the story and the
// loop's state, code and timeline on the left.
void side_column_layout(panel_rects& p, float width, float body_h, float line, bool show_browser, std::size_t lanes) {
    const float y = p.toolbar.h;
    p.compact = true;
    const auto n = static_cast<float>(lanes);
    // Short windows are few lines wide too: the lesson list is the strip of numbers, the code
    // gets the width.
    const float browser_w = show_browser ? std::round(line * 4.2f) : 0.0f;
    const float least_code_h = line * (code_chrome_lines + code_row_lines * code_rows_least);
    const lane_size compact{1.15f, 0.25f};
    const float four_lanes = compact.pitch() * std::min(n, 4.0f);

    // Too short for eight rows of code above four lanes (720p at 2x, 1080p at 3x): code, timeline,
    // loop state and output take turns in one rect as four tabs of the whole height, and the
    // narration alone has a narrower column (a sentence beside the code it is about).
    if (body_h - line * (timeline_chrome_lines + four_lanes) < least_code_h) {
        p.main_tabs = true;
        p.lanes = compact;
        const float column_w = std::round(std::max(width * tabs_column_share, line * 12));
        const float tabs_w = width - column_w - browser_w;
        const float tabs_h = std::round(line * main_tab_bar_lines);
        p.main_tab_bar = {browser_w, y, tabs_w, tabs_h};
        p.code = p.timeline = p.state = p.console = {browser_w, y + tabs_h, tabs_w, body_h - tabs_h};
        p.browser = {0, y, browser_w, body_h};
        p.compare = {browser_w, y, width - browser_w, body_h};
        p.narration = {width - column_w, y, column_w, body_h};
        if (width < line * narration_tab_below_lines) {
            p.narration_tab = true;
            p.main_tab_bar.w = width - browser_w;
            p.code.w = p.timeline.w = p.state.w = p.console.w = width - browser_w;
            p.narration = p.code;
        }
        return;
    }

    // The column, top to bottom by priority: what is happening, the loop's state (a row per
    // task), what was printed (the newest lines). Too short for all three: the last two as tabs.
    const float tasks = std::max(0.0f, n - 1);
    // The narration: a long sentence (up to ~200 characters in the large font) and a note.
    const float narration_want = line * 11.5f, narration_least = line * 7;
    const float state_want = line * (compact_state_lines + compact_state_lines_per_task * tasks);
    const float console_least = line * 4.5f;
    // Besides: await chains that wrap to a second line, and a few timers.
    const float state_slack = line * 4;
    p.state_tabs = narration_want + state_want + state_slack + console_least > body_h;
    // The column: as wide as the task table needs (a task's await chain on one line; a sentence
    // of the narration then takes few lines), the code gets the rest.
    const float side_w = std::round(std::min(std::max(width * side_share, line * 23), width * 0.5f));
    const float main_w = width - side_w;

    // Timeline: every lane at the usual size if that takes at most half the body; else every lane
    // in compact lanes; else at least four lanes (the loop and three tasks: enough to see them
    // take turns), the rest scroll. Never more than 62% of the body, and never so much that the
    // code shows fewer than eight rows.
    // A narrow timeline's axis buttons get a second header row if that costs no lane and leaves
    // the code a dozen lines (else they are a menu in the corner above the lane names).
    const float wrapped_h = line * (timeline_chrome_lines + timeline_header_row_lines + p.lanes.pitch() * n);
    p.timeline_header_wraps = timeline_header_wraps(main_w, line) && wrapped_h <= body_h * 0.5f &&
                              body_h - wrapped_h >= line * (3 + 1.24f * 12);
    const float chrome = timeline_chrome_lines + (p.timeline_header_wraps ? timeline_header_row_lines : 0.0f);
    const float four = line * (chrome + four_lanes);
    float timeline_h = line * (chrome + p.lanes.pitch() * n);
    if (timeline_h > body_h * 0.5f) {
        p.lanes = compact;
        const float all = line * (chrome + compact.pitch() * n);
        timeline_h = std::min(std::max(std::min(all, body_h * 0.55f), four), body_h * 0.62f);
    }
    timeline_h = std::ceil(timeline_h);
    if (body_h - timeline_h < least_code_h) timeline_h = std::max(std::floor(body_h - least_code_h), four);
    const float top_h = body_h - timeline_h;
    p.timeline = {0, y + top_h, main_w, timeline_h};
    p.browser = {0, y, browser_w, top_h};
    p.code = {browser_w, y, main_w - browser_w, top_h};
    p.compare = {browser_w, y, width - browser_w, body_h};

    const float x = main_w;
    if (!p.state_tabs) {
        // Room to spare: some for long notes and more timers, the rest for the output.
        const float spare = body_h - narration_want - state_want - state_slack - console_least;
        const float narration_h = std::round(narration_want + std::min(spare * 0.3f, line * 4));
        const float state_h = std::round(state_want + state_slack + std::min(spare * 0.3f, line * 4));
        p.narration = {x, y, side_w, narration_h};
        p.state = {x, y + narration_h, side_w, state_h};
        p.console = {x, y + narration_h + state_h, side_w, body_h - narration_h - state_h};
        return;
    }
    const float narration_h = std::round(std::clamp(body_h * 0.45f, std::min(narration_least, body_h * 0.5f), narration_want));
    p.narration = {x, y, side_w, narration_h};
    p.state = p.console = {x, y + narration_h, side_w, body_h - narration_h};
}
}  // namespace

panel_rects layout_panels(float width, float height, float line_height, bool show_browser, std::size_t lanes) {
    panel_rects p;
    const float toolbar_h = std::round(line_height * (toolbar_wraps(width, line_height) ? 4.0f : 2.6f));
    p.toolbar = {0, 0, width, toolbar_h};
    const float body_h = std::max(0.0f, height - toolbar_h);
    // Measured in lines of text, 1280x720 at 1x and 4K at 3x are the same window.
    if (short_window(height, line_height)) {
        side_column_layout(p, width, body_h, line_height, show_browser, lanes);
        return p;
    }
    // The timeline gets what its lanes need (legend, axis, ~1.75 lines per lane), at least
    // a third of the body and room for a few lanes, at most 55% (the lanes scroll).
    const float wanted = line_height * (3.8f + 1.75f * static_cast<float>(lanes));
    const float most = body_h * 0.55f;
    const float timeline_h = std::clamp(std::max(body_h * 0.32f, wanted), std::min(most, line_height * 9), most);
    p.timeline = {0, height - timeline_h, width, timeline_h};
    const float top_h = body_h - timeline_h;
    const float browser_w = browser_width(width, line_height, show_browser, width * 0.3f);
    p.browser = {0, toolbar_h, browser_w, top_h};
    p.compare = {browser_w, toolbar_h, width - browser_w, body_h};
    const float rest_x = browser_w, rest_w = width - browser_w;
    const float code_w = std::round(rest_w * 0.52f);
    const float code_h = std::round(top_h * 0.62f);
    p.code = {rest_x, toolbar_h, code_w, code_h};
    p.narration = {rest_x, toolbar_h + code_h, code_w, top_h - code_h};
    p.state = {rest_x + code_w, toolbar_h, rest_w - code_w, code_h};
    p.console = {rest_x + code_w, toolbar_h + code_h, rest_w - code_w, top_h - code_h};
    return p;
}

}  // namespace loopscope::gui
