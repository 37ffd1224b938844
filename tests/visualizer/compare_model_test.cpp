// The Compare mode's model, without OpenGL: both runs on one virtual-time axis, one shared cursor.
#include <gtest/gtest.h>

#include "compare_model.hpp"

namespace loopscope::gui {
namespace {

const lessons::lesson& lesson_named(std::string_view id) {
    const auto* l = lessons::find_lesson(id);
    if (!l) throw std::runtime_error("no lesson " + std::string(id));
    return *l;
}

compare_model must_compare(const lessons::lesson& l, const lessons::knob_values& k, compare_request r) {
    std::string error;
    auto m = make_compare(l, k, r, &error);
    if (!m) throw std::runtime_error(error);
    return std::move(*m);
}

event_index first_of(const trace& t, event_kind k, int n = 1) {
    for (event_index i = 0; i < t.size(); ++i)
        if (t[i].kind == k && --n == 0) return i;
    return no_event;
}

// Every event of both runs is one step; steps go forward in time; at every step each run stands
// on its last event at or before the cursor's time, and its next event is not earlier than it.
void expect_aligned(const compare_model& m) {
    ASSERT_EQ(m.steps(), m.side(0).run.data->size() + m.side(1).run.data->size());
    std::array<std::size_t, 2> seen{};
    for (std::size_t k = 0; k < m.steps(); ++k) {
        if (k > 0) {
            ASSERT_GE(m.time_of(k), m.time_of(k - 1)) << "step " << k;
        }
        const compare_step s = m.step(k);
        EXPECT_EQ(s.event, seen[s.side]++) << "each run's events in order, once";
        EXPECT_EQ(m.step_of(s.side, s.event), k);
        for (int i = 0; i < 2; ++i) {
            const trace& t = *m.side(i).run.data;
            const event_index e = m.shown(i, k);
            if (m.step_of(i, e) <= k) {
                EXPECT_LE(t.time_at(e), m.time_of(k) + 1e-12) << "run " << i << " step " << k;
            }
            if (e + 1 < t.size()) {
                EXPECT_GE(t.time_at(e + 1), m.time_of(k) - 1e-12) << "run " << i << " step " << k;
            }
        }
    }
}

TEST(CompareModel, SynchronousTakesThreeTimesAsLongAsGather) {
    const auto& l = lesson_named("sync-vs-async");
    const compare_model m = must_compare(l, l.default_knobs(), {compare_kind::presets, 0, 1, {}});
    EXPECT_EQ(m.side(0).label, "synchronous (time.sleep)");
    EXPECT_NE(m.side(0).detail.find("only the synchronous calls"), std::string::npos) << m.side(0).detail;
    EXPECT_NE(m.side(1).detail.find("only gather"), std::string::npos) << m.side(1).detail;
    EXPECT_DOUBLE_EQ(m.total_time(0), 3.0);
    EXPECT_DOUBLE_EQ(m.total_time(1), 1.0);
    EXPECT_DOUBLE_EQ(m.span(), 3.0);
    expect_aligned(m);

    const trace& sync = *m.side(0).run.data;
    const trace& async = *m.side(1).run.data;
    // The first blocking call ends at 1 s: the gather run has not moved past 1 s...
    const event_index first_call_done = first_of(sync, event_kind::blocking_end);
    ASSERT_NE(first_call_done, no_event);
    EXPECT_DOUBLE_EQ(sync.time_at(first_call_done), 1.0);
    const event_index b = m.map(0, first_call_done, 1);
    EXPECT_LE(async.time_at(b), 1.0);
    // ...and when the second one ends at 2 s, gather's run is over: it shows its last step.
    const event_index second_call_done = first_of(sync, event_kind::blocking_end, 2);
    EXPECT_EQ(m.map(0, second_call_done, 1), async.size() - 1);
    // The other way: when gather's three timers fire at 1 s, the synchronous run is in its first
    // blocking call (begun at 0, not yet ended).
    const event_index timers_fire = first_of(async, event_kind::timer_fired);
    EXPECT_DOUBLE_EQ(async.time_at(timers_fire), 1.0);
    const event_index a = m.map(1, timers_fire, 0);
    EXPECT_GE(a, first_of(sync, event_kind::blocking_begin));
    EXPECT_LE(a, first_call_done);
    // The cursor at a time: the first step at or after it.
    const std::size_t k = m.step_at_time(2.0);
    EXPECT_DOUBLE_EQ(m.time_of(k), 2.0);
    EXPECT_LT(m.time_of(k - 1), 2.0);
}

TEST(CompareModel, KnobsOfThePresetsApplyOnTopOfTheCurrentOnes) {
    const auto& l = lesson_named("sync-vs-async");
    auto k = l.default_knobs();
    k["calls"] = 5;
    const compare_model m = must_compare(l, k, {compare_kind::presets, 0, 1, {}});
    EXPECT_DOUBLE_EQ(m.total_time(0), 5.0);
    EXPECT_DOUBLE_EQ(m.total_time(1), 1.0);
}

TEST(CompareModel, NamesTheKnobsThePresetsSetForEachRun) {
    const auto& l = lesson_named("sync-vs-async");
    EXPECT_EQ(knobs_set_by_runs(l, {compare_kind::presets, 0, 1, {}}), std::vector<std::string>{"program"});
    EXPECT_TRUE(knobs_set_by_runs(l, {compare_kind::before_after, 0, 1, l.default_knobs()}).empty())
        << "before / after: the student's knobs are the 'after' run's";
    EXPECT_TRUE(knobs_set_by_runs(lesson_named("python-vs-javascript"), {compare_kind::javascript, 0, 1, {}}).empty());
}

TEST(CompareModel, SequentialVsGatherByHand) {
    const auto& l = lesson_named("event-loop-by-hand");
    const compare_model m = must_compare(l, l.default_knobs(), {compare_kind::presets, 0, 1, {}});
    EXPECT_DOUBLE_EQ(m.total_time(0), 3.0);  // one after the other: 1 s + 2 s
    EXPECT_DOUBLE_EQ(m.total_time(1), 2.0);  // together: the longer one
    expect_aligned(m);
}

TEST(CompareModel, RequestsOneAfterAnotherVsAllAtOnce) {
    const auto& l = lesson_named("http-requests");
    const compare_model m = must_compare(l, l.default_knobs(), {compare_kind::presets, 0, 1, {}});
    EXPECT_DOUBLE_EQ(m.total_time(0), 4.5);  // 1 + 1 + 2 (the timeout) + 0.5
    EXPECT_DOUBLE_EQ(m.total_time(1), 2.0);  // the longest wait
    expect_aligned(m);
}

TEST(CompareModel, PythonAgainstItsJavaScriptTwin) {
    for (const char* id : {"fetch-data", "gather", "python-vs-javascript"}) {
        SCOPED_TRACE(id);
        const auto& l = lesson_named(id);
        const compare_model m = must_compare(l, l.default_knobs(), {compare_kind::javascript, 0, 1, {}});
        EXPECT_NE(m.side(0).label.find("Python"), std::string::npos);
        EXPECT_NE(m.side(1).label.find("JavaScript"), std::string::npos);
        EXPECT_NE(m.side(1).run.data->producer().find("JavaScript"), std::string::npos) << "the JavaScript mode's trace";
        expect_aligned(m);
    }
}

TEST(CompareModel, BeforeAndAfterAKnobSayWhatChanged) {
    const auto& l = lesson_named("create-task");
    auto after = l.default_knobs();
    after["first"] = 0.5;
    compare_request r{compare_kind::before_after, 0, 1, l.default_knobs()};
    const compare_model m = must_compare(l, after, r);
    EXPECT_EQ(m.side(0).label, "before");
    EXPECT_EQ(m.side(1).label, "after");
    EXPECT_NE(m.side(0).detail.find("= 2"), std::string::npos) << m.side(0).detail;
    EXPECT_NE(m.side(1).detail.find("= 0.5"), std::string::npos) << m.side(1).detail;
    EXPECT_GT(m.total_time(0), m.total_time(1));
    expect_aligned(m);
}

TEST(CompareModel, SaysWhyALessonCannotCompare) {
    const auto& l = lesson_named("hello-world");
    std::string error;
    EXPECT_FALSE(make_compare(l, l.default_knobs(), {compare_kind::javascript, 0, 1, {}}, &error));
    EXPECT_NE(error.find("no JavaScript twin"), std::string::npos) << error;
    EXPECT_FALSE(make_compare(l, l.default_knobs(), {compare_kind::presets, 0, 1, {}}, &error));
    EXPECT_NE(error.find("\"compare\""), std::string::npos) << error;
    EXPECT_FALSE(make_compare(l, l.default_knobs(), {compare_kind::before_after, 0, 1, l.default_knobs()}, &error));
    EXPECT_NE(error.find("change a knob"), std::string::npos) << error;
}

TEST(CompareModel, EveryLessonsPresetsRunAndAlign) {
    for (const auto& l : lessons::all_lessons())
        for (const auto kind : compare_kinds(l)) {
            SCOPED_TRACE(l.id + " " + to_string(kind));
            expect_aligned(must_compare(l, l.default_knobs(), {kind, 0, 1, {}}));
        }
}

}  // namespace
}  // namespace loopscope::gui
