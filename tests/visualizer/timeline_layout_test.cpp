// The timeline's model and layout pass, checked as draw records: no window, no OpenGL.
#include <algorithm>
#include <random>
#include <numeric>

#include <gtest/gtest.h>

#include "demo_lesson.hpp"
#include "loopscope/lessons/lesson.hpp"
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
    // Every event of the lane is accounted for, once, in order.
    EXPECT_EQ(lane1.front().begin, m.lanes()[1].segments.front().begin);
    EXPECT_EQ(lane1.back().end, m.lanes()[1].segments.back().end);
    for (std::size_t i = 1; i < lane1.size(); ++i) {
        EXPECT_EQ(lane1[i].begin, lane1[i - 1].end);
        EXPECT_GE(lane1[i].x0, lane1[i - 1].x0);
    }
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

// ---- Level of detail ----

// Round-robin tasks whose clock moves now and then (idle loop, wide hybrid steps), with one
// task blocking the loop once in a while: every segment kind and a real time axis.
// Every `jump_every` rounds the clock moves (a timer wait).
trace timed_round_robin(object_id tasks, int rounds, int jump_every = 7) {
    testing::recorder r;
    std::vector<event_index> sched(tasks + 1);
    for (object_id id = 1; id <= tasks; ++id) sched[id] = r.create(id, "T" + std::to_string(id));
    for (int round = 0; round < rounds; ++round) {
        if (round % jump_every == jump_every - 1) {
            r.b.advance_time(0.001 * round);
            r.add(event_kind::loop_phase, 0);
        }
        for (object_id id = 1; id <= tasks; ++id) {
            r.resume(id, sched[id]);
            if (id == 2 && round % 11 == 3) {
                r.add(event_kind::blocking_begin, id);
                r.add(event_kind::blocking_end, id);
            }
            if (round + 1 == rounds) {
                r.finish(id, id == 3 ? outcome::exception : outcome::result, "None");
            } else {
                const auto suspended = r.suspend(id, await_kind::yield, 0, "sleep(0)");
                sched[id] = r.add(event_kind::task_scheduled, id, 0, suspended, static_cast<std::uint8_t>(schedule_reason::yielded));
            }
        }
    }
    return r.b.finish();
}

object_id who_shown(const segment& s) {
    return s.kind == segment_kind::loop_busy || s.kind == segment_kind::loop_idle ? 0 : s.who;
}
object_id combined_who(object_id a, object_id b) {
    if (a == 0) return b;
    if (b == 0 || a == b) return a;
    return several_tasks;
}

// What segments [begin, end) of a lane hold, by scanning every segment.
struct brute_summary {
    std::uint32_t first = 0, last = 0, count = 0;
    std::array<std::uint32_t, state_class_count> events{};
    std::uint8_t kinds = 0;
    object_id who = 0;
};
brute_summary summarize(const lane& l, event_index begin, event_index end) {
    brute_summary b;
    // Segments are sorted: start at the first that ends after `begin`, read every one up to `end`.
    const auto from = std::partition_point(l.segments.begin(), l.segments.end(), [&](const segment& s) { return s.end <= begin; });
    for (auto k = static_cast<std::uint32_t>(from - l.segments.begin()); k < l.segments.size() && l.segments[k].begin < end; ++k) {
        const segment& s = l.segments[k];
        const event_index lo = std::max(s.begin, begin), hi = std::min(s.end, end);
        if (lo >= hi) continue;
        if (b.count == 0) b.first = k;
        b.last = k;
        ++b.count;
        b.events[static_cast<std::size_t>(class_of(s.kind))] += hi - lo;
        b.kinds |= kind_bit(s.kind);
        b.who = combined_who(b.who, who_shown(s));
    }
    return b;
}

// A level built the slow way: every bucket of 2^shift events on its own, then runs of buckets
// inside one segment joined.
std::vector<lod_record> brute_level(const lane& l, std::uint32_t shift) {
    std::vector<lod_record> out;
    const event_index lane_begin = l.segments.front().begin, lane_end = l.segments.back().end;
    for (std::uint64_t bucket = lane_begin >> shift; (bucket << shift) < lane_end; ++bucket) {
        const auto b0 = static_cast<event_index>(std::max<std::uint64_t>(bucket << shift, lane_begin));
        const auto b1 = static_cast<event_index>(std::min<std::uint64_t>((bucket + 1) << shift, lane_end));
        const brute_summary s = summarize(l, b0, b1);
        lod_record r;
        r.begin = b0;
        r.first_segment = s.first;
        r.last_segment = s.last;
        r.who = s.who;
        r.events = s.events;
        r.kinds = s.kinds;
        if (r.plain() && !out.empty() && out.back().plain() && out.back().first_segment == r.first_segment) {
            for (std::size_t c = 0; c < state_class_count; ++c) out.back().events[c] += r.events[c];
            continue;
        }
        out.push_back(r);
    }
    lod_record sentinel;
    sentinel.begin = lane_end;
    out.push_back(sentinel);
    return out;
}

TEST(TimelineLod, LevelsEqualBucketsMergedOneByOne) {
    for (const trace& t : {testing::round_robin(3, 3000), timed_round_robin(4, 2500)}) {
        const timeline_model m(t);
        std::size_t levels_checked = 0;
        for (const auto& l : m.lanes()) {
            std::size_t records = 0;
            for (const auto& level : l.lod) {
                const auto expected = brute_level(l, level.shift);
                ASSERT_EQ(level.records.size(), expected.size()) << l.name << " 2^" << level.shift;
                for (std::size_t i = 0; i < expected.size(); ++i) {
                    const auto& got = level.records[i];
                    const auto& want = expected[i];
                    ASSERT_EQ(got.begin, want.begin) << l.name << " 2^" << level.shift << " record " << i;
                    if (i + 1 == expected.size()) break;  // the sentinel: only its begin means something
                    EXPECT_EQ(got.first_segment, want.first_segment) << l.name << " record " << i;
                    EXPECT_EQ(got.last_segment, want.last_segment) << l.name << " record " << i;
                    EXPECT_EQ(got.events, want.events) << l.name << " record " << i;
                    EXPECT_EQ(got.kinds, want.kinds) << l.name << " record " << i;
                    EXPECT_EQ(got.who, want.who) << l.name << " record " << i;
                }
                records += level.records.size();
                ++levels_checked;
            }
            EXPECT_LE(records, l.segments.size() / 2 + l.lod.size()) << "memory: at most half a record per segment";
        }
        EXPECT_GT(levels_checked, 4u) << "the traces are big enough to have levels";
    }
}

// The layout against a brute-force reading of the segments, at several zooms on every axis:
//  - each lane's records tile the visible events, in order;
//  - each record's summary (segments, kinds, time per state, dominant state) is exactly what the
//    segments hold over its events, and it is merged exactly when it holds several;
//  - each record sits where its events are (to a pixel);
//  - every state that occurs in a pixel column is shown there (to a pixel): nothing vanishes.
// Returns how many merged records it checked.
std::size_t check_against_brute_force(const timeline_model& m, const axis& ax, axis_window w, float width) {
    std::size_t merged = 0;
    const trace& t = m.source();
    const auto g = geometry(width);
    const auto l = layout_timeline(m, ax, w, g, 0, fixed_width_text);
    const event_index e0 = ax.event_at(w.begin), e1 = ax.event_at(w.end) + 1;
    auto px = [&](event_index i) { return g.left + static_cast<float>((ax.position(i) - w.begin) * (g.width / w.width())); };
    const float right = g.left + g.width;
    EXPECT_FALSE(l.lanes.empty());
    for (const auto& header : l.lanes) {
        const lane& lane = m.lanes()[header.lane];
        const auto rects = rects_in_lane(l, header.lane);
        SCOPED_TRACE(lane.name);
        const event_index first = std::max(e0, lane.segments.front().begin), last = std::min(e1, lane.segments.back().end);
        if (first >= last) continue;
        if (rects.empty()) {
            ADD_FAILURE() << "no records";
            continue;
        }
        EXPECT_EQ(rects.front().begin, first);
        EXPECT_EQ(rects.back().end, last);
        for (std::size_t i = 0; i < rects.size(); ++i) {
            const draw_rect& r = rects[i];
            if (i > 0) { EXPECT_EQ(r.begin, rects[i - 1].end) << "record " << i; }
            const brute_summary b = summarize(lane, r.begin, r.end);
            EXPECT_EQ(r.merged, b.count > 1) << "record " << i;
            merged += r.merged;
            EXPECT_EQ(r.merged_count, b.count) << "record " << i;
            EXPECT_EQ(r.segment, b.first) << "record " << i;
            EXPECT_EQ(r.kinds, b.kinds) << "record " << i;
            EXPECT_EQ(r.events, b.events) << "record " << i;
            if (r.merged) {
                std::size_t dominant = 0;
                for (std::size_t c = 1; c < state_class_count; ++c)
                    if (b.events[c] > b.events[dominant]) dominant = c;
                EXPECT_EQ(static_cast<std::size_t>(class_of(r.kind)), dominant) << "record " << i;
                EXPECT_TRUE(r.has(r.kind)) << "record " << i;
                EXPECT_EQ(r.who, b.who) << "record " << i;
            } else {
                EXPECT_EQ(r.kind, lane.segments[r.segment].kind) << "record " << i;
            }
            const float want0 = std::clamp(px(r.begin), g.left, right), want1 = std::clamp(px(r.end), g.left, right);
            EXPECT_GE(r.x0, want0 - 0.01f) << "record " << i;
            EXPECT_LE(r.x0, want0 + 1.01f) << "record " << i;
            EXPECT_GE(r.x1, want1 - 0.01f) << "record " << i;
            EXPECT_LE(r.x1, std::max(want1 + 1.0f, r.x0 + 1.0f) + 0.01f) << "record " << i;  // at least a pixel wide
        }
        // Pixel columns: the kinds of the segments under each column, against the records within a pixel of it.
        std::size_t k = 0;
        for (float x = g.left; x + 1 <= right; x += 1) {
            const event_index c0 = ax.event_at(w.begin + (x - g.left) / g.width * w.width());
            const event_index c1 = ax.event_at(w.begin + (x + 1 - g.left) / g.width * w.width());
            std::uint8_t occurred = 0;
            while (k < lane.segments.size() && lane.segments[k].end <= c0) ++k;
            for (std::size_t j = k; j < lane.segments.size() && lane.segments[j].begin <= c1; ++j) {
                const segment& s = lane.segments[j];
                // Only what really takes up part of this column (an event spanning it, or starting in it).
                const float s0 = px(std::max(s.begin, first)), s1 = px(std::min(s.end, last));
                if (s1 <= x || s0 >= x + 1 || std::max(s.begin, first) >= std::min(s.end, last)) continue;
                occurred |= kind_bit(s.kind);
            }
            std::uint8_t shown = 0;
            for (const auto& r : rects)
                if (r.x1 > x - 1 && r.x0 < x + 2) shown |= r.kinds;
            EXPECT_EQ(occurred & ~shown, 0) << "pixel " << x << ": a state that occurred there is not shown";
        }
    }
    (void)t;
    return merged;
}

TEST(TimelineLod, MergedRecordsMatchBruteForceAtSeveralZooms) {
    const trace t = timed_round_robin(4, 2500);
    const timeline_model m(t);
    for (axis_mode mode : {axis_mode::step, axis_mode::hybrid, axis_mode::time}) {
        const axis ax(t, mode);
        const double end = ax.end();
        std::size_t merged = 0;
        for (auto [begin, width] : {std::pair{0.0, end}, {end * 0.2, end * 0.5}, {end * 0.37, end / 40}, {end * 0.61, end / 900}}) {
            SCOPED_TRACE(::testing::Message() << to_string(mode) << " window " << begin << " + " << width);
            merged += check_against_brute_force(m, ax, {begin, begin + width}, 500);
        }
        EXPECT_GT(merged, 20u) << to_string(mode) << ": the zoomed-out views merge";
    }
}

// Every record under `r` (at every finer level), by scanning the levels.
bool uniform_brute_force(const lane& l, std::size_t level, const lod_record& r, event_index end) {
    if (r.plain()) return false;
    for (std::size_t lv = 0; lv < level; ++lv) {
        const auto& recs = l.lod[lv].records;
        for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
            const event_index b = recs[i].begin, e = recs[i + 1].begin;
            if (e <= r.begin || b >= end) continue;
            const lod_record& c = recs[i];
            if (c.plain() || c.kinds != r.kinds || c.who != r.who || dominant_kind(c.events, c.kinds) != r.look) return false;
        }
    }
    return true;
}

TEST(TimelineLod, UniformRecordsLookTheSameAllTheWayDown) {
    for (const trace& t : {testing::round_robin(3, 3000), timed_round_robin(4, 2500)}) {
        const timeline_model m(t);
        std::size_t uniform = 0, mixed = 0;
        for (const auto& l : m.lanes())
            for (std::size_t lv = 0; lv < l.lod.size(); ++lv) {
                const auto& recs = l.lod[lv].records;
                for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
                    const lod_record& r = recs[i];
                    if (r.plain()) {
                        EXPECT_FALSE(r.uniform) << l.name << " level " << lv << " record " << i;
                        continue;
                    }
                    ++mixed;
                    EXPECT_EQ(r.look, dominant_kind(r.events, r.kinds)) << l.name << " level " << lv << " record " << i;
                    EXPECT_EQ(r.uniform, uniform_brute_force(l, lv, r, recs[i + 1].begin)) << l.name << " level " << lv << " record " << i;
                    uniform += r.uniform;
                }
            }
        EXPECT_GT(uniform, 0u);
        EXPECT_LT(uniform, mixed) << "the timed trace has blocking calls and clock jumps: some records are not uniform";
    }
}

void expect_same_layout(const timeline_layout& runs, const timeline_layout& each) {
    ASSERT_EQ(runs.rects.size(), each.rects.size());
    for (std::size_t i = 0; i < runs.rects.size(); ++i) {
        const draw_rect &a = runs.rects[i], &b = each.rects[i];
        EXPECT_TRUE(a.x0 == b.x0 && a.x1 == b.x1 && a.y0 == b.y0 && a.y1 == b.y1) << "record " << i;
        EXPECT_TRUE(a.lane == b.lane && a.kind == b.kind && a.detail == b.detail && a.who == b.who && a.merged == b.merged)
            << "record " << i;
        EXPECT_TRUE(a.merged_count == b.merged_count && a.segment == b.segment && a.begin == b.begin && a.end == b.end)
            << "record " << i;
        EXPECT_TRUE(a.kinds == b.kinds && a.events == b.events) << "record " << i;
    }
    ASSERT_EQ(runs.labels.size(), each.labels.size());
    for (std::size_t i = 0; i < runs.labels.size(); ++i) {
        const draw_label &a = runs.labels[i], &b = each.labels[i];
        EXPECT_TRUE(a.x == b.x && a.y == b.y && a.clip_x1 == b.clip_x1 && a.lane == b.lane && a.text == b.text && a.rect == b.rect)
            << "label " << i;
    }
}

TEST(TimelineLod, UniformRunsTakenWholeGiveTheSameRecords) {
    // Taking runs of uniform records whole must not change a single record, only the reading.
    for (const trace& t : {testing::round_robin(4, 20000), timed_round_robin(5, 4000)}) {
        const timeline_model m(t);
        std::size_t fewer = 0;
        for (axis_mode mode : {axis_mode::step, axis_mode::hybrid, axis_mode::time}) {
            const axis ax(t, mode);
            const double end = ax.end();
            for (auto [begin, width] : {std::pair{0.0, end}, {end * 0.1, end * 0.7}, {end * 0.37, end / 10}, {end * 0.61, end / 300}}) {
                for (float px : {333.0f, 1000.0f, 2500.0f}) {
                    SCOPED_TRACE(::testing::Message() << to_string(mode) << " window " << begin << " + " << width << " in " << px << " px");
                    auto g = geometry(px);
                    g.left = 100.5f;
                    const auto runs = layout_timeline(m, ax, {begin, begin + width}, g, 0, fixed_width_text);
                    g.uniform_runs = false;
                    const auto each = layout_timeline(m, ax, {begin, begin + width}, g, 0, fixed_width_text);
                    expect_same_layout(runs, each);
                    EXPECT_LE(runs.records_read, each.records_read);
                    fewer += runs.records_read < each.records_read;
                }
            }
        }
        EXPECT_GT(fewer, 3u) << "uniform runs were taken whole in some views";
    }
}

TEST(TimelineLod, UniformRunsReachPastClockJumps) {
    // Many tasks and a rare clock jump (the benchmark's shape): on the hybrid axis each jump widens
    // one record, which the walk refines; the runs on either side of it reach past the records
    // being refined, so the whole run reads far fewer records than one by one, and the same
    // records come out at any zoom and pixel offset.
    const trace t = timed_round_robin(24, 2400, 97);
    const timeline_model m(t);
    const axis ax(t, axis_mode::hybrid);
    const double end = ax.end();
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    std::size_t runs_read = 0, each_read = 0;
    for (int view = 0; view < 40; ++view) {
        const double width = view == 0 ? end : end * std::pow(10.0, -3 * u(rng));
        const double begin = view == 0 ? 0 : u(rng) * (end - width);
        const float px = view == 0 ? 2500.0f : 300.0f + 3000.0f * static_cast<float>(u(rng));
        SCOPED_TRACE(::testing::Message() << "window " << begin << " + " << width << " in " << px << " px");
        auto g = geometry(px);
        g.left = view % 2 ? 100.5f : 0.0f;
        const auto runs = layout_timeline(m, ax, {begin, begin + width}, g, 0, fixed_width_text);
        g.uniform_runs = false;
        const auto each = layout_timeline(m, ax, {begin, begin + width}, g, 0, fixed_width_text);
        expect_same_layout(runs, each);
        // Whether a run pays is estimated from its records' widths: a few records either way.
        EXPECT_LE(runs.records_read, each.records_read + each.records_read / 20);
        runs_read += runs.records_read;
        each_read += each.records_read;
        if (view == 0) {
            EXPECT_LT(runs.records_read * 4, each.records_read * 3) << "runs read " << runs.records_read << " of " << each.records_read;
        }
    }
    EXPECT_LT(runs_read, each_read);
}

TEST(TimelineLod, RunningNeverDisappearsWhenZoomedOut) {
    // One task runs for a single event in a million: at any zoom its lane still shows it ran.
    testing::recorder r;
    auto s = r.create(1, "rare");
    auto s2 = r.create(2, "busy");
    for (int i = 0; i < 3000; ++i) {
        r.resume(2, s2);
        r.suspend(2, await_kind::yield, 0, "sleep(0)");
        s2 = r.add(event_kind::task_scheduled, 2, 0, no_event, static_cast<std::uint8_t>(schedule_reason::yielded));
    }
    r.resume(1, s);
    r.suspend(1, await_kind::sleep, 9, "sleep(5)");
    for (int i = 0; i < 3000; ++i) {
        r.resume(2, s2);
        r.suspend(2, await_kind::yield, 0, "sleep(0)");
        s2 = r.add(event_kind::task_scheduled, 2, 0, no_event, static_cast<std::uint8_t>(schedule_reason::yielded));
    }
    const trace t = r.b.finish();
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    for (float width : {40.0f, 200.0f, 1000.0f}) {
        const auto l = layout_timeline(m, ax, {0, ax.end()}, geometry(width), 0, fixed_width_text);
        const auto rects = rects_in_lane(l, m.lane_of(1));
        EXPECT_TRUE(std::any_of(rects.begin(), rects.end(), [](const draw_rect& d) {
            return d.kind == segment_kind::running || d.ran();
        })) << "width " << width;
    }
}

TEST(TimelineLod, LaysOutOnlyTheLanesInView) {
    const trace t = testing::round_robin(60, 30);
    const timeline_model m(t);
    const axis ax(t, axis_mode::step);
    auto g = geometry(400);
    g.height = 100;    // a bit more than 3 lanes of 30 px
    g.scroll_y = 900;  // from lane 30 on
    const auto l = layout_timeline(m, ax, {0, ax.end()}, g, 0, fixed_width_text);
    ASSERT_FALSE(l.lanes.empty());
    EXPECT_EQ(l.lanes.front().lane, 30u);
    EXPECT_LE(l.lanes.size(), 5u);
    for (const auto& h : l.lanes) {
        EXPECT_LE(h.y0, g.top + g.height);
        EXPECT_GE(h.y1, g.top);
    }
    for (const auto& r : l.rects) EXPECT_TRUE(r.lane >= 30 && r.lane <= l.lanes.back().lane) << "lane " << r.lane;
    for (const auto& a : l.arrows)
        EXPECT_TRUE(std::max(a.from_lane, a.to_lane) >= 30 && std::min(a.from_lane, a.to_lane) <= l.lanes.back().lane);
    EXPECT_FLOAT_EQ(l.content_height, 61 * 30.0f);
}

TEST(TimelineLod, AFrameReadsAboutPixelsTimesLanesRecords) {
    // The cost of a frame, counted (not timed): it must not grow with the trace.
    const trace t = testing::round_robin(4, 250'000);  // ~3M events, ~750k segments per lane
    ASSERT_GT(t.size(), 2'500'000u);
    const timeline_model m(t);
    for (axis_mode mode : {axis_mode::step, axis_mode::hybrid}) {
        const axis ax(t, mode);
        for (double fraction : {1.0, 0.1, 0.001}) {
            const double begin = ax.end() * 0.3;
            const axis_window w = fraction == 1.0 ? axis_window{0, ax.end()} : axis_window{begin, begin + ax.end() * fraction};
            const auto l = layout_timeline(m, ax, w, geometry(2000), 123456, fixed_width_text);
            ASSERT_FALSE(l.rects.empty());
            EXPECT_LE(l.records_read, 8 * 2000 * l.lanes.size()) << to_string(mode) << " " << fraction;
        }
    }
}

TEST(TimelineLayout, SuspendedLabelsSayAwaitOnceInEveryLanguage) {
    // JavaScript twins label their waits "await Promise.all(...)" themselves.
    int checked = 0;
    for (const auto& l : lessons::all_lessons()) {
        if (!l.run_js) continue;
        const trace t = l.run_js(l.default_knobs()).trace;
        const timeline_model m(t);
        for (const auto& ln : m.lanes())
            for (const auto& seg : ln.segments) {
                if (seg.kind != segment_kind::suspended) continue;
                const std::string text = segment_text(t, ln, seg);
                EXPECT_EQ(text.find("await await"), std::string::npos) << l.id << ": " << text;
                EXPECT_EQ(text.rfind("await ", 0) == 0 || text == "waiting", true) << l.id << ": " << text;
                ++checked;
            }
    }
    EXPECT_GT(checked, 0) << "no JavaScript twin has a suspended segment";
}

}  // namespace
}  // namespace loopscope::gui
