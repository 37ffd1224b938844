// The panel tiling as a pure function: what each panel gets at the sizes and text scales a
// classroom uses, measured in lines of text (the line height is 17 px times the scale).
#include <algorithm>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "panel_layout.hpp"

namespace loopscope::gui {
namespace {

constexpr std::size_t six_tasks = 7;  // the lanes of a run with six tasks: the loop's and one each

// Lanes the timeline shows whole: its height less legend and axis, over the least lane pitch.
float timeline_lanes(const panel_rects& p, float line) {
    const float chrome = timeline_chrome_lines + (p.timeline_header_wraps ? timeline_header_row_lines : 0.0f);
    return (p.timeline.h - chrome * line) / (p.lanes.pitch() * line);
}

TEST(PanelLayout, TilesTheWindowWithoutOverlapFrom720pTo4K) {
    for (auto [w, h, line] : {std::tuple{1280.f, 720.f, 17.f}, {1920.f, 1080.f, 20.f}, {3840.f, 2160.f, 40.f}, {1280.f, 720.f, 51.f},
                              {1920.f, 1080.f, 34.f}, {1280.f, 720.f, 34.f}, {3840.f, 2160.f, 51.f}})
        for (const std::size_t lanes : {std::size_t{2}, std::size_t{4}, six_tasks, std::size_t{30}}) {
            const auto p = layout_panels(w, h, line, true, lanes);
            std::vector<rect> all{p.toolbar, p.browser, p.code};
            if (!p.narration_tab) all.push_back(p.narration);
            if (p.main_tabs) {  // code, timeline, loop state and output share a rect below their tab bar
                for (const rect& r : {p.timeline, p.state, p.console, p.narration_tab ? p.narration : p.code}) {
                    EXPECT_EQ(r.x, p.code.x);
                    EXPECT_EQ(r.y, p.code.y);
                    EXPECT_EQ(r.w, p.code.w);
                    EXPECT_EQ(r.h, p.code.h);
                }
                EXPECT_EQ(p.main_tab_bar.y + p.main_tab_bar.h, p.code.y);
                EXPECT_EQ(p.main_tab_bar.x, p.code.x);
                all.push_back(p.main_tab_bar);
            } else {
                all.push_back(p.timeline);
                all.push_back(p.state);
                if (!p.state_tabs) all.push_back(p.console);  // else the tabs share the state's rect
                else EXPECT_EQ(p.state.y, p.console.y);
            }
            float area = 0;
            for (const rect& r : all) {
                EXPECT_GE(r.x, 0);
                EXPECT_GE(r.y, 0);
                EXPECT_LE(r.x + r.w, w + 0.5f);
                EXPECT_LE(r.y + r.h, h + 0.5f);
                area += r.w * r.h;
            }
            for (std::size_t i = 0; i < all.size(); ++i)
                for (std::size_t j = i + 1; j < all.size(); ++j) {
                    const rect &a = all[i], &b = all[j];
                    const bool overlap = a.x + a.w > b.x + 0.5f && b.x + b.w > a.x + 0.5f && a.y + a.h > b.y + 0.5f && b.y + b.h > a.y + 0.5f;
                    EXPECT_FALSE(overlap) << "panels " << i << " and " << j << " at " << w << "x" << h << " line " << line;
                }
            EXPECT_NEAR(area, w * h, w * h * 0.001f) << "panels cover the window exactly once at " << w << "x" << h;
            EXPECT_GE(p.timeline.h, std::min(line * 6, h * 0.4f)) << "room for the loop lane and a few tasks";
            EXPECT_GE(p.code.w, 300);
        }
}

// Issue 3, "1080p at 2x: the narration shows about 3 lines, the task table is clipped": the
// narration gets 10 lines of a column 20+ lines wide (a sentence and a note), the loop state a
// row per task, and the timeline every lane.
TEST(PanelLayout, At1080pTwiceTheNarrationTheTaskTableAndEveryLaneFit) {
    const float line = 34;
    const auto p = layout_panels(1920, 1080, line, true, six_tasks);
    EXPECT_TRUE(p.compact);
    EXPECT_GE(p.narration.h, line * 10) << "a sentence in the large font and a four-line note";
    EXPECT_GE(p.narration.w, line * 20);
    const float state_h = p.state.h - (p.state_tabs ? 1.8f * line : 0);  // a tab bar above the state
    EXPECT_GE(state_h, line * (compact_state_lines + compact_state_lines_per_task * 6)) << "every task's row, and the timers";
    EXPECT_GE(timeline_lanes(p, line), 7.0f) << "the loop and six tasks";
    const float code_lines = (p.code.h - 3.0f * line) / (line * 1.24f);  // tabs and padding; a code line is 1.24
    EXPECT_GE(code_lines, 8);
}

// Issue 3, "720p at 2x: the timeline shows about two lanes": at least four (the loop and three
// tasks, enough to see them take turns), whatever the number of tasks.
TEST(PanelLayout, At720pTwiceTheTimelineShowsFourLanes) {
    for (const std::size_t lanes : {std::size_t{4}, six_tasks, std::size_t{30}}) {
        const auto p = layout_panels(1280, 720, 34, true, lanes);
        EXPECT_GE(timeline_lanes(p, 34), 4.0f) << lanes << " lanes";
        EXPECT_GE(p.narration.h, 34 * 6) << "the narration still has a sentence";
        EXPECT_GE(p.code.h, 34 * 5) << "and the code a few lines";
    }
    // 1080p at 3x is the same window in lines of text.
    EXPECT_GE(timeline_lanes(layout_panels(1920, 1080, 51, true, six_tasks), 51), 4.0f);
}

// The short window's column holds narration, loop state and output one above the other when it
// can (the output shows without a click: 720p at 1x, 4K at 3x); tabs only when it cannot (1080p
// at 2x: a long sentence and note, six task rows with wrapped await chains and a few timers
// leave no room for the output).
TEST(PanelLayout, TheOutputGetsATabOnlyWhenTheColumnIsTooShort) {
    for (auto [w, h, line] : {std::tuple{1280.f, 720.f, 17.f}, {3840.f, 2160.f, 51.f}}) {
        const auto p = layout_panels(w, h, line, true, six_tasks);
        EXPECT_FALSE(p.state_tabs) << w << "x" << h;
        EXPECT_GE(p.narration.h, line * 11);
        EXPECT_GE(p.console.h, line * 4.5f);
        EXPECT_GE(timeline_lanes(p, line), 7.0f);
    }
    EXPECT_TRUE(layout_panels(1920, 1080, 34, true, 4).state_tabs);          // 1080p at 2x
    const auto p = layout_panels(1280, 720, 34, true, six_tasks);  // 720p at 2x: one of the main tabs
    EXPECT_TRUE(p.main_tabs && !p.state_tabs);
}

TEST(PanelLayout, CodeShowsElevenLinesOrMoreAtProjectorSizes) {
    // 4K at 3x and 720p at 1x (the same window in lines), 1080p at 1x: 16 lines or more of code
    // above a timeline with every lane of a run with three tasks.
    for (auto [w, h, line] : {std::tuple{3840.f, 2160.f, 51.f}, {1280.f, 720.f, 17.f}, {1920.f, 1080.f, 17.f}}) {
        const auto p = layout_panels(w, h, line, true);
        // Tabs, padding and a scroll bar (and the title bar, but in short windows) take about 3 (4.3)
        // lines; a code line is 1.24 text lines.
        const float code_lines = (p.code.h - (short_window(h, line) ? 3.0f : 4.3f) * line) / (line * 1.24f);
        EXPECT_GE(code_lines, 16) << w << "x" << h << " at line height " << line;
        EXPECT_GE(p.narration.h, line * 4) << "the narration still has room for a sentence";
        EXPECT_GE(p.timeline.h, line * 9) << "legend, axis and a few lanes";
    }
    // 1080p at 2x, three tasks: 10 lines.
    const auto p = layout_panels(1920, 1080, 34, true);
    EXPECT_GE((p.code.h - 3.0f * 34) / (34 * 1.24f), 10);
}

// Issue 3, "720p at 2x and 1080p at 3x: the code pane shows about 3 lines": every short window
// shows at least eight rows of code around the current line (there, code and timeline become
// two tabs), with any number of tasks.
TEST(PanelLayout, ShortWindowsShowEightRowsOfCode) {
    for (auto [w, h, line] : {std::tuple{1920.f, 1080.f, 34.f}, {1280.f, 720.f, 34.f}, {1920.f, 1080.f, 51.f}, {3840.f, 2160.f, 51.f},
                              {1280.f, 720.f, 17.f}, {2560.f, 1440.f, 34.f}})
        for (const std::size_t lanes : {std::size_t{2}, std::size_t{4}, six_tasks, std::size_t{30}}) {
            const auto p = layout_panels(w, h, line, true, lanes);
            ASSERT_TRUE(p.compact);
            EXPECT_GE((p.code.h - 3.0f * line) / (line * 1.24f), 8) << w << "x" << h << " line " << line << ", " << lanes << " lanes";
        }
    // 720p at 3x is 14 lines of text high: the code gets all of it below toolbar and tabs.
    const auto tiny = layout_panels(1280, 720, 51, true, six_tasks);
    EXPECT_TRUE(tiny.main_tabs);
    EXPECT_EQ(tiny.code.y + tiny.code.h, 720);
    EXPECT_GE(tiny.code.h, 720 - tiny.toolbar.h - 2 * 51);
    // With room for eight rows above four lanes, code and timeline show together.
    EXPECT_FALSE(layout_panels(1920, 1080, 34, true, six_tasks).main_tabs);
    EXPECT_FALSE(layout_panels(1280, 720, 17, true, 30).main_tabs);
    EXPECT_TRUE(layout_panels(1280, 720, 34, true, 4).main_tabs);
    EXPECT_TRUE(layout_panels(1920, 1080, 51, true, 4).main_tabs);
}

// Issue 3, "1080p at 2x: long Python lines are cut": the column is only as wide as the loop
// state's table needs (a task's await chain on one line), the code takes the rest (42 columns
// of DejaVu Sans Mono, where a lesson's line of 70 takes two rows) beside the strip of lesson numbers.
TEST(PanelLayout, At1080pTwiceTheCodeTakesTheWidthTheColumnLeaves) {
    const float line = 34;
    const auto p = layout_panels(1920, 1080, line, true, six_tasks);
    EXPECT_GE(p.code.w, line * 27);
    EXPECT_GE(p.state.w, line * 23);
    EXPECT_LT(p.browser.w, line * 5) << "the lesson list is its strip of numbers";
}

// Windows with room keep the layout they had: code and loop state side by side above narration
// and output, the timeline the whole width.
TEST(PanelLayout, RoomyWindowsKeepTheirLayout) {
    for (auto [w, h, line] : {std::tuple{1920.f, 1080.f, 17.f}, {3840.f, 2160.f, 34.f}, {3840.f, 2160.f, 17.f}}) {
        const auto p = layout_panels(w, h, line, true, six_tasks);
        EXPECT_FALSE(p.compact);
        EXPECT_EQ(p.timeline.w, w);
        EXPECT_EQ(p.code.y, p.state.y);
        EXPECT_EQ(p.narration.y, p.console.y);
        EXPECT_GT(p.narration.y, p.code.y);
        EXPECT_EQ(p.lanes.height, lane_size{}.height);
    }
}

// A short window's timeline is narrower than its legend and axis buttons: they get two rows
// where that costs no lane and leaves the code 12 lines (720p 1x, 4K 3x, 1440p 2x); else (1080p
// 2x, 720p 2x) lanes and code win and the axis is left to keys 1 / 2 / 3.
TEST(PanelLayout, TheTimelineHeaderWrapsOnlyWhenItCostsNoLane) {
    EXPECT_TRUE(layout_panels(1280, 720, 17, true, six_tasks).timeline_header_wraps);
    EXPECT_TRUE(layout_panels(3840, 2160, 51, true, six_tasks).timeline_header_wraps);
    EXPECT_TRUE(layout_panels(2560, 1440, 34, true, 4).timeline_header_wraps);
    EXPECT_FALSE(layout_panels(1920, 1080, 34, true, six_tasks).timeline_header_wraps);
    EXPECT_FALSE(layout_panels(1280, 720, 34, true, 4).timeline_header_wraps);
    EXPECT_FALSE(layout_panels(1920, 1080, 34, true, 4).timeline_header_wraps);
    EXPECT_FALSE(layout_panels(1920, 1080, 17, true, six_tasks).timeline_header_wraps) << "a wide timeline: one row";
}

TEST(PanelLayout, ANarrowWindowShowsTheLessonsAsAStrip) {
    const auto narrow = layout_panels(1920, 1080, 34, true);  // 1080p at 2x: 56 lines wide
    EXPECT_TRUE(narrow_window(1920, 34));
    EXPECT_LT(narrow.browser.w, 34 * 5);
    EXPECT_GT(narrow.browser.w, 34 * 2);
    const auto wide = layout_panels(1920, 1080, 17, true);
    EXPECT_FALSE(narrow_window(1920, 17));
    EXPECT_GE(wide.browser.w, 17 * 10);
}

TEST(PanelLayout, HidingTheBrowserGivesItsSpaceToTheCode) {
    for (const float line : {17.f, 34.f}) {
        const auto with = layout_panels(1280, 720, line, true);
        const auto without = layout_panels(1280, 720, line, false);
        EXPECT_EQ(without.browser.w, 0);
        EXPECT_GT(without.code.w, with.code.w);
    }
}

}  // namespace
}  // namespace loopscope::gui
