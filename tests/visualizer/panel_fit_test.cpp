// Rendered at the sizes and text scales of a classroom: does what a student needs show without
// scrolling? The layout function's tests say what each panel gets; these say it is enough for
// the real text of real lessons.
#include <algorithm>
#include <string>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "display.hpp"
#include "session.hpp"

namespace loopscope::gui {
namespace {

app lesson_at(std::string_view id, float scale) {
    settings s;
    s.font_scale = scale;
    app a(s);
    const auto* l = find_available_lesson(id);
    EXPECT_NE(l, nullptr) << id;
    if (l) a.open(*l, l->default_knobs());
    return a;
}

// Lanes whose bar shows whole inside the timeline's lanes area.
std::size_t whole_lanes(const app& a) {
    const rect& area = a.timeline().last_lanes();
    return static_cast<std::size_t>(std::count_if(a.timeline().last_layout().lanes.begin(), a.timeline().last_layout().lanes.end(),
                                                  [&](const lane_header& h) { return h.y0 >= area.y - 0.5f && h.y1 <= area.y + area.h + 0.5f; }));
}

// Issue 3: "at 1920x1080 with font scale 2x the narration panel shows about 3 lines (long
// narrations scroll) and the event-loop panel's task table is clipped". At every step of the
// lessons with the most tasks, the step's sentence and note and the whole loop state (every
// task's row, ready queue, timers) show without scrolling. The last step ("what to notice", a
// paragraph) and quiz steps (question, answers, explanation) may scroll.
// The same at 720p 1x (4K at 3x in lines of text), whose column is as narrow.
TEST(PanelFit, At1080pTwiceAnd720pOnceNarrationAndLoopStateShowWhole) {
    for (auto [w, h, scale] : {std::tuple{1920, 1080, 2.0f}, {1280, 720, 1.0f}}) {
        LOOPSCOPE_RENDERER_OR_SKIP(renderer, w, h);
        for (const char* id : {"semaphore-crawler", "errors", "http-requests", "producer-consumer"}) {
            app a = lesson_at(id, scale);
            ASSERT_FALSE(a.current().empty()) << id;
            const auto& quizzes = a.current().placed.quiz_at;
            int checked = 0;
            for (event_index i = 0; i < a.current().last(); ++i) {
                if (std::find(quizzes.begin(), quizzes.end(), i) != quizzes.end()) continue;
                a.view().cursor = i;
                renderer->run_frame(a);  // the second frame reads the first one's content size
                renderer->run_frame(a);
                ASSERT_TRUE(a.panels().compact);
                EXPECT_EQ(a.narration().overflow(), 0) << id << " step " << i << " at " << w << "x" << h << ": the narration scrolls";
                EXPECT_EQ(a.loop_state_panel().overflow(), 0) << id << " step " << i << " at " << w << "x" << h << ": the loop state scrolls";
                ++checked;
            }
            EXPECT_GT(checked, 50) << id;
            EXPECT_GE(a.loop_state_panel().detail_width(), renderer->fonts().size * 9)
                << "the await chain's column reads 'semaphore.acquire()'";
        }
    }
}

TEST(PanelFit, At1080pTwiceTheTimelineShowsEveryLaneOfSixTasks) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1920, 1080);
    app a = lesson_at("semaphore-crawler", 2);
    a.view().cursor = 60;
    (void)renderer->render(a);
    ASSERT_EQ(a.current().timeline->lanes().size(), 7u);
    EXPECT_EQ(whole_lanes(a), 7u);
}

// Issue 3: "at 1280x720 with scale 2x the timeline shows about two lanes".
// There the timeline is one of the main tabs, the code's first.
TEST(PanelFit, At720pTwiceTheTimelineShowsFourLanes) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = lesson_at("semaphore-crawler", 2);
    a.view().cursor = 60;
    (void)renderer->render(a);
    ASSERT_TRUE(a.panels().main_tabs);
    EXPECT_EQ(a.view().main_tab, main_panel::code);
    a.view().main_tab = main_panel::timeline;
    (void)renderer->render(a);
    EXPECT_EQ(a.view().main_tab, main_panel::timeline);
    EXPECT_GE(whole_lanes(a), 4u);
    // Three lanes (at 1080p 3x, the same in lines of text) would not show interleaving well.
}

TEST(PanelFit, At720pOnceEverythingShowsAsBefore) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = lesson_at("semaphore-crawler", 1);
    a.view().cursor = 60;
    (void)renderer->render(a);
    EXPECT_EQ(whole_lanes(a), 7u);
    EXPECT_EQ(a.narration().overflow(), 0);
    EXPECT_EQ(a.loop_state_panel().overflow(), 0);
    EXPECT_FALSE(a.panels().state_tabs) << "the output shows without a click";
}

// Issue 3, "1080p at 2x: long Python lines are cut and the task chips overflow": at every step
// of the lessons with the longest lines and the most tasks, every row of code and every marker
// of who stands on it ends inside the code pane (a line too long for it wraps).
TEST(PanelFit, At1080pTwiceEveryLineOfCodeShowsWhole) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1920, 1080);
    for (const char* id : {"errors", "http-requests", "semaphore-crawler", "sync-vs-async", "python-vs-javascript"}) {
        app a = lesson_at(id, 2);
        ASSERT_FALSE(a.current().empty()) << id;
        for (event_index i = 0; i <= a.current().last(); i += 3) {
            a.view().cursor = i;
            renderer->run_frame(a);
            renderer->run_frame(a);
            ASSERT_EQ(a.code().overflow(), 0) << id << " step " << i << ": a row of code or a marker is cut";
        }
        EXPECT_GE(a.code().visible_lines(), 8) << id;
    }
}

// Issue 3, "720p at 2x and 1080p at 3x: the code pane shows about 3 lines": eight or more (code
// and timeline are tabs there), whole, and at 1080p 2x too.
TEST(PanelFit, ShortWindowsShowEightLinesOfCode) {
    for (auto [w, h, scale] : {std::tuple{1280, 720, 2.0f}, {1920, 1080, 3.0f}, {1920, 1080, 2.0f}}) {
        LOOPSCOPE_RENDERER_OR_SKIP(renderer, w, h);
        app a = lesson_at("semaphore-crawler", scale);
        a.view().cursor = 60;
        renderer->run_frame(a);
        renderer->run_frame(a);
        EXPECT_GE(a.code().visible_lines(), 8) << w << "x" << h << " at " << scale << "x";
        EXPECT_EQ(a.code().overflow(), 0) << w << "x" << h << " at " << scale << "x";
    }
}

// 720p at 3x (14 lines of text high, 25 wide): one panel at a time, the code's tab first, its
// rows whole; the story is a tab too (a long sentence and note scroll there).
TEST(PanelFit, At720pThreeTimesOnePanelAtATime) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = lesson_at("semaphore-crawler", 3);
    a.view().cursor = 60;
    (void)renderer->render(a);
    ASSERT_TRUE(a.panels().main_tabs && a.panels().narration_tab);
    EXPECT_EQ(a.view().main_tab, main_panel::code);
    EXPECT_GE(a.code().visible_lines(), 4);
    EXPECT_EQ(a.code().overflow(), 0);
    a.view().main_tab = main_panel::narration;
    (void)renderer->render(a);
    EXPECT_EQ(a.view().main_tab, main_panel::narration);
    const rect& n = a.panels().narration;
    EXPECT_EQ(n.y, a.panels().code.y);
    EXPECT_EQ(n.w, a.panels().code.w) << "the story gets the tabs' whole width";
}

// Semaphore-crawler at step 60 (six tasks), rendered at 720p, 1080p and 4K at 1x to 3x; `check`
// looks at the app after two frames. `tab` is the panel a very short window shows.
template <class Check>
void at_every_size_and_scale(main_panel tab, Check check) {
    for (auto [w, h] : {std::pair{1280, 720}, {1920, 1080}, {3840, 2160}}) {
        LOOPSCOPE_RENDERER_OR_SKIP(renderer, w, h);
        for (const float scale : {1.0f, 2.0f, 3.0f}) {
            app a = lesson_at("semaphore-crawler", scale);
            a.view().cursor = 60;
            a.view().main_tab = tab;
            renderer->run_frame(a);
            renderer->run_frame(a);
            check(a, fmt::format("{}x{} at {}x", w, h, scale));
        }
    }
}

// Issue 3, "with 6 tasks the timeline's axis buttons are hidden at 1080p 2x": the axis control
// (buttons, or a menu in the corner above the lane names) is inside the timeline, whole, at
// every size and scale (in a very short window, on the Timeline tab).
TEST(PanelFit, TheAxisButtonsStayReachable) {
    at_every_size_and_scale(main_panel::timeline, [](app& a, const std::string& where) {
        const rect& t = a.panels().timeline;
        const rect& c = a.timeline().last_axis_control();
        EXPECT_GT(c.w, 0) << where;
        EXPECT_GE(c.x, t.x) << where;
        EXPECT_GE(c.y, t.y) << where;
        EXPECT_LE(c.x + c.w, t.x + t.w) << where;
        EXPECT_LE(c.y + c.h, t.y + t.h) << where;
    });
}

// At 720p 3x the Timeline tab is both narrow and very short: the legend (two rows there) gives
// way to the lanes, which showed about one whole lane under it.
TEST(PanelFit, AVeryShortTimelineTabShowsLanesNotTheLegend) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = lesson_at("semaphore-crawler", 3.0f);
    a.view().cursor = 60;
    a.view().main_tab = main_panel::timeline;
    renderer->run_frame(a);
    renderer->run_frame(a);
    ASSERT_TRUE(a.panels().main_tabs);
    EXPECT_GE(whole_lanes(a), 4u);
}

// Every toolbar button that is drawn is on screen (narrow windows drop the speed, Compare and
// theme, whose keys still work), from 720p to 4K at 1x to 3x.
TEST(PanelFit, TheToolbarStaysOnScreen) {
    at_every_size_and_scale(main_panel::code, [](app& a, const std::string& where) {
        EXPECT_EQ(a.toolbar().overflow(), 0) << where;
    });
}

}  // namespace
}  // namespace loopscope::gui
