// The timeline's model and layout pass, checked as draw records: no window, no OpenGL.
#include <algorithm>
#include <chrono>
#include <numeric>

#include <gtest/gtest.h>

#include "demo_lesson.hpp"
#include "timeline_layout.hpp"
#include "timeline_model.hpp"
#include "trace_fixtures.hpp"

namespace loopscope::gui {
namespace {

float fixed_width_text(std::string_view s) { return 7.0f * static_cast<float>(s.size()); }

timeline_geometry geometry(float width) {
    timeline_geometry g;
    g.left = 100;
    g.top = 20;
    g.width = width;
    g.height = 1000;
    g.lane_height = 20;
    g.lane_gap = 10;
    return g;
}

std::vector<draw_rect> rects_in_lane(const timeline_layout& l, std::uint32_t lane) {
    std::vector<draw_rect> out;
    std::copy_if(l.rects.begin(), l.rects.end(), std::back_inserter(out), [&](const draw_rect& r) { return r.lane == lane; });
    return out;
}

TEST(TimelineModel, HasOneLanePerTaskPlusTheLoopLane) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    ASSERT_EQ(m.lanes().size(), 4u);
    EXPECT_EQ(m.lanes()[0].task, 0u);
    EXPECT_EQ(m.lanes()[1].name, "main");
    EXPECT_EQ(m.lanes()[2].name, "A");
    EXPECT_EQ(m.lanes()[3].name, "B");
}

TEST(TimelineModel, SegmentsFollowTheTaskStates) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const auto& a = m.lanes()[m.lane_of(2)].segments;
    const std::vector<std::tuple<event_index, event_index, segment_kind>> expected{
        {4, 11, segment_kind::ready},     {11, 14, segment_kind::running}, {14, 32, segment_kind::suspended},
        {32, 34, segment_kind::ready},    {34, 36, segment_kind::running}, {36, 42, segment_kind::finished}};
    ASSERT_EQ(a.size(), expected.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].begin, std::get<0>(expected[i])) << "segment " << i;
        EXPECT_EQ(a[i].end, std::get<1>(expected[i])) << "segment " << i;
        EXPECT_EQ(a[i].kind, std::get<2>(expected[i])) << "segment " << i;
    }
    EXPECT_EQ(t.string(a[2].label), "sleep(1)");
}

TEST(TimelineModel, LoopLaneShowsWhoseStepRunsAndWhenItWaits) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const auto& loop = m.lanes()[0].segments;
    auto step_of = [&](object_id who) {
        return std::count_if(loop.begin(), loop.end(), [&](const segment& s) { return s.kind == segment_kind::loop_step && s.who == who; });
    };
    EXPECT_EQ(step_of(2), 2);  // A runs twice
    EXPECT_EQ(step_of(3), 2);
    EXPECT_TRUE(std::any_of(loop.begin(), loop.end(), [](const segment& s) { return s.kind == segment_kind::loop_idle; }));
}

TEST(TimelineModel, ArrowsGoFromTheCauseToTheResume) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    auto to = [&](event_index i) {
        auto it = std::find_if(m.arrows().begin(), m.arrows().end(), [&](const arrow& a) { return a.to == i; });
        EXPECT_NE(it, m.arrows().end()) << "no arrow into event " << i;
        return it == m.arrows().end() ? arrow{} : *it;
    };
    const arrow b_woken = to(25);  // B resumes after its timer fired
    EXPECT_EQ(b_woken.from, 22u);
    EXPECT_EQ(b_woken.from_lane, 0u);  // timers fire in the loop
    const arrow main_woken = to(39);   // main resumes because A finished
    EXPECT_EQ(main_woken.from, 36u);
    EXPECT_EQ(main_woken.from_lane, m.lane_of(2));
    EXPECT_EQ(main_woken.to_lane, m.lane_of(1));
    EXPECT_TRUE(std::is_sorted(m.arrows().begin(), m.arrows().end(), [](const arrow& x, const arrow& y) { return x.to < y.to; }));
}

TEST(Axis, EventAtInvertsPositionOnEveryAxis) {
    const trace t = build_demo_trace();
    for (axis_mode mode : {axis_mode::step, axis_mode::hybrid}) {
        const axis ax(t, mode);
        for (event_index i = 0; i < t.size(); ++i)
            EXPECT_EQ(ax.event_at(ax.position(i) + 0.25 * (ax.position(i + 1) - ax.position(i))), i) << to_string(mode);
    }
    const axis time(t, axis_mode::time);
    EXPECT_DOUBLE_EQ(time.end(), 1.0);
    EXPECT_EQ(t.time_at(time.event_at(0.75)), 0.5);
}

TEST(Axis, HybridGivesEveryStepWidthAndStretchesRealWaits) {
    const trace t = build_demo_trace();
    const axis ax(t, axis_mode::hybrid);
    for (event_index i = 0; i < t.size(); ++i) EXPECT_GE(ax.position(i + 1) - ax.position(i), 1.0);
    // The wait before t = 0.5 lasts half a second: far wider than one zero-time step.
    EXPECT_GT(ax.position(20) - ax.position(19), 10.0);
}

TEST(TimelineLayout, StacksLanesInCreationOrder) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, 42}, geometry(420), 0, fixed_width_text);
    ASSERT_EQ(l.lanes.size(), 4u);
    for (std::size_t i = 1; i < l.lanes.size(); ++i) EXPECT_GT(l.lanes[i].y0, l.lanes[i - 1].y1);
    EXPECT_FLOAT_EQ(l.content_height, 4 * 30.0f);
}

TEST(TimelineLayout, MapsSegmentsToPixelsOnTheStepAxis) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, 42}, geometry(420), 0, fixed_width_text);  // 10 px per event
    const auto a = rects_in_lane(l, m.lane_of(2));
    ASSERT_EQ(a.size(), 6u);
    EXPECT_EQ(a[1].kind, segment_kind::running);
    EXPECT_FLOAT_EQ(a[1].x0, 100 + 110);
    EXPECT_FLOAT_EQ(a[1].x1, 100 + 140);
    EXPECT_FALSE(a[1].merged);
}

TEST(TimelineLayout, LabelsSuspendedSegmentsOnlyWhereTheTextFits) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto wide = layout_timeline(m, ax, {0, 42}, geometry(840), 0, fixed_width_text);
    EXPECT_TRUE(std::any_of(wide.labels.begin(), wide.labels.end(), [](const draw_label& d) { return d.text == "await sleep(1)"; }));
    const auto narrow = layout_timeline(m, ax, {0, 42}, geometry(60), 0, fixed_width_text);
    for (const auto& d : narrow.labels) EXPECT_LE(fixed_width_text(d.text), d.clip_x1 - d.x) << d.text;
}

TEST(TimelineLayout, MergesSubPixelSegments) {
    const trace t = testing::round_robin(3, 20000);  // ~60k segments per lane
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, ax.end()}, geometry(300), 0, fixed_width_text);
    const auto lane1 = rects_in_lane(l, 1);
    EXPECT_LE(lane1.size(), 310u) << "about one record per pixel column at most";
    EXPECT_TRUE(std::any_of(lane1.begin(), lane1.end(), [](const draw_rect& r) { return r.merged; }));
    const auto covered = std::accumulate(lane1.begin(), lane1.end(), std::size_t{0},
                                         [](std::size_t n, const draw_rect& r) { return n + r.merged_count; });
    EXPECT_EQ(covered, m.lanes()[1].segments.size()) << "every segment is accounted for";
    for (std::size_t i = 1; i < lane1.size(); ++i) EXPECT_GE(lane1[i].x0, lane1[i - 1].x0);
    EXPECT_TRUE(l.arrows_hidden_for_density);
}

TEST(TimelineLayout, KeepsAWideSegmentThatStartsInACrowdedPixel) {
    testing::recorder r;
    auto s = r.create(1, "T");
    for (int i = 0; i < 50; ++i) {  // many tiny steps...
        r.resume(1, s);
        r.suspend(1, await_kind::yield, 0, "sleep(0)");
        s = r.add(event_kind::task_scheduled, 1, 0, no_event, static_cast<std::uint8_t>(schedule_reason::yielded));
    }
    r.resume(1, s);
    r.suspend(1, await_kind::sleep, 9, "sleep(5)");  // ...then one long wait
    for (int i = 0; i < 1000; ++i) r.add(event_kind::loop_phase, 0);
    const trace t = r.b.finish();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, ax.end()}, geometry(100), 0, fixed_width_text);
    const auto lane = rects_in_lane(l, 1);
    ASSERT_FALSE(lane.empty());
    EXPECT_EQ(lane.back().kind, segment_kind::suspended);
    EXPECT_FALSE(lane.back().merged);
    EXPECT_GT(lane.back().x1 - lane.back().x0, 80.0f);
}

TEST(TimelineLayout, DrawsArrowsBetweenTheRightLanes) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, 42}, geometry(420), 0, fixed_width_text);
    EXPECT_FALSE(l.arrows_hidden_for_density);
    const auto it = std::find_if(l.arrows.begin(), l.arrows.end(), [&](const draw_arrow& a) { return a.to_lane == m.lane_of(1) && a.from_lane == m.lane_of(2); });
    ASSERT_NE(it, l.arrows.end());
    EXPECT_LT(it->x0, it->x1);
    EXPECT_LT(it->y1, it->y0) << "main's lane is above A's";
}

TEST(TimelineLayout, CursorCoversTheCursorEvent) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, 42}, geometry(420), 5, fixed_width_text);
    EXPECT_FLOAT_EQ(l.cursor_x0, 150);
    EXPECT_FLOAT_EQ(l.cursor_x1, 160);
    const auto off = layout_timeline(m, ax, {10, 20}, geometry(420), 30, fixed_width_text);
    EXPECT_LT(off.cursor_x0, 0);
}

TEST(TimelineLayout, LabelsTicksOnEveryAxis) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    for (axis_mode mode : {axis_mode::step, axis_mode::time, axis_mode::hybrid}) {
        const axis ax(t, mode);
        const auto l = layout_timeline(m, ax, {0, ax.end()}, geometry(800), 0, fixed_width_text);
        EXPECT_TRUE(std::any_of(l.ticks.begin(), l.ticks.end(), [](const draw_tick& k) { return !k.text.empty(); })) << to_string(mode);
        for (const auto& k : l.ticks) {
            EXPECT_GE(k.x, 100.0f);
            EXPECT_LE(k.x, 900.0f);
        }
    }
}

TEST(TimelineLayout, HitTestFindsTheRectUnderTheMouse) {
    const trace t = build_demo_trace();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    const auto l = layout_timeline(m, ax, {0, 42}, geometry(420), 0, fixed_width_text);
    const auto lane_a = l.lanes[m.lane_of(2)];
    const int hit = hit_rect(l, 100 + 125, (lane_a.y0 + lane_a.y1) / 2);
    ASSERT_GE(hit, 0);
    EXPECT_EQ(l.rects[static_cast<std::size_t>(hit)].kind, segment_kind::running);
    EXPECT_EQ(hit_rect(l, 5, 5), -1);
}

TEST(TimelineLayout, StaysFastOnTenMillionEvents) {
    const trace t = testing::round_robin(4, 770'000);  // ~10M events
    ASSERT_GT(t.size(), 9'000'000u);
    const timeline_model m(t);
    const axis ax(t, axis_mode::hybrid);
    const auto start = std::chrono::steady_clock::now();
    for (int frame = 0; frame < 10; ++frame) {
        const auto l = layout_timeline(m, ax, {0, ax.end()}, geometry(3840), 123456, fixed_width_text);
        ASSERT_FALSE(l.rects.empty());
    }
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 10;
    RecordProperty("layout_ms", std::to_string(ms));
#ifdef NDEBUG
    const double budget_ms = 50;    // a few frames at most, even on a slow laptop
#else
    const double budget_ms = 1000;  // -O0 and a loaded CI machine: only catch O(events) regressions
#endif
    EXPECT_LT(ms, budget_ms) << "one layout of 10M events at 4K width";
}

}  // namespace
}  // namespace loopscope::gui
