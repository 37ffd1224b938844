// The snapshot model: the loop's state at any step, and the sentence that explains the step.
#include <random>

#include <gtest/gtest.h>

#include "demo_lesson.hpp"
#include "loopscope/snapshot.hpp"
#include "session.hpp"
#include "trace_fixtures.hpp"

namespace loopscope {
namespace {

using testing::recorder;

// Event numbers in the demo trace (delay of B = 0.5), see build_demo_trace.
constexpr event_index b_queued = 7, a_resumed = 11, a_suspended = 14, b_resumed = 15, b_armed = 17,
                      main_printed = 8, b_finished = 27, last = 41;
constexpr object_id main_task = 1, task_a = 2, task_b = 3;

TEST(Snapshot, ReadyQueueKeepsSchedulingOrder) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    const auto queued = index.after(b_queued);
    ASSERT_EQ(queued.ready.size(), 2u);
    EXPECT_EQ(queued.ready[0].subject, task_a);
    EXPECT_EQ(queued.ready[1].subject, task_b);
    const auto a_running = index.after(a_resumed);
    ASSERT_EQ(a_running.ready.size(), 1u);
    EXPECT_EQ(a_running.ready[0].subject, task_b);
}

TEST(Snapshot, TimerHeapIsSortedByDeadlineNotByArmingOrder) {
    const trace t = gui::build_demo_trace();
    const auto s = state_index(t).after(b_armed);
    ASSERT_EQ(s.timers.size(), 2u);
    EXPECT_DOUBLE_EQ(s.timers[0].deadline, 0.5);  // B's, armed second
    EXPECT_DOUBLE_EQ(s.timers[1].deadline, 1.0);
    EXPECT_EQ(t.string(s.timers[0].label), "sleep(0.5)");
}

TEST(Snapshot, TimersWithEqualDeadlinesKeepArmingOrder) {
    recorder r;
    r.arm(7, 2.0, "second");
    r.arm(5, 1.0, "first");
    r.arm(6, 2.0, "third");
    r.add(event_kind::timer_cancelled, 5);
    const trace t = r.b.finish();
    const state_index index(t);
    const auto s = index.after(2);
    ASSERT_EQ(s.timers.size(), 3u);
    EXPECT_EQ(s.timers[0].timer, 5u);
    EXPECT_EQ(s.timers[1].timer, 7u);
    EXPECT_EQ(s.timers[2].timer, 6u);
    EXPECT_EQ(index.after(3).timers.size(), 2u);
}

TEST(Snapshot, TaskStatesFollowTheEvents) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    const auto s = index.after(a_suspended);
    EXPECT_EQ(s.task(main_task).state, task_state::suspended);
    EXPECT_EQ(t.string(s.task(main_task).label), "task A");
    EXPECT_EQ(s.task(task_a).state, task_state::suspended);
    EXPECT_EQ(s.task(task_a).waiting_on(), await_kind::sleep);
    EXPECT_EQ(s.task(task_b).state, task_state::ready);
    EXPECT_EQ(s.running, 0u);
    const auto b_runs = index.after(b_resumed);
    EXPECT_EQ(b_runs.task(task_b).state, task_state::running);
    EXPECT_EQ(b_runs.running, task_b);
    EXPECT_EQ(index.after(0).task(task_a).state, task_state::unborn);
}

TEST(Snapshot, FinishedTasksKeepTheirOutcome) {
    recorder r;
    auto s1 = r.create(1, "ok");
    auto s2 = r.create(2, "boom");
    r.resume(1, s1);
    r.finish(1, outcome::result, "42");
    r.resume(2, s2);
    r.finish(2, outcome::exception, "ValueError('bad')");
    const trace t = r.b.finish();
    const auto s = state_index(t).after(static_cast<event_index>(t.size() - 1));
    EXPECT_EQ(s.task(1).state, task_state::finished);
    EXPECT_EQ(s.task(1).result(), outcome::result);
    EXPECT_EQ(t.string(s.task(1).label), "42");
    EXPECT_EQ(s.task(2).result(), outcome::exception);
    EXPECT_TRUE(s.ready.empty());
}

TEST(Snapshot, OutputSoFarCountsPrintedLines) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    EXPECT_EQ(index.outputs_through(main_printed - 1), 0u);
    EXPECT_EQ(index.outputs_through(main_printed), 1u);
    EXPECT_EQ(index.after(main_printed).output_lines, 1u);
    EXPECT_EQ(index.outputs_through(last), t.output().size());
}

TEST(Snapshot, RandomAccessEqualsSequentialReplay) {
    const trace t = testing::round_robin(7, 300);
    const state_index index(t, 64);  // small interval: many checkpoints crossed
    ASSERT_GT(index.checkpoint_count(), 10u);
    std::vector<loop_state> sequential;
    loop_state s;
    s.tasks.resize(t.tasks().size());
    for (event_index i = 0; i < t.size(); ++i) {
        s.apply(t);
        sequential.push_back(s);
    }
    std::mt19937 rng(42);
    std::uniform_int_distribution<event_index> pick(0, static_cast<event_index>(t.size() - 1));
    loop_state moving = index.after(0);
    for (int n = 0; n < 500; ++n) {
        const event_index i = pick(rng);
        ASSERT_EQ(index.after(i), sequential[i]) << "after event " << i;
        index.seek(moving, i);
        ASSERT_EQ(moving, sequential[i]) << "seek to " << i;
    }
}

TEST(Snapshot, AwaitChainFollowsAwaitedTasks) {
    const trace t = gui::build_demo_trace();
    const auto s = state_index(t).after(a_suspended);
    const auto chain = chain_of(s, main_task);
    ASSERT_EQ(chain.tasks.size(), 2u);
    EXPECT_EQ(chain.tasks[1], task_a);
    EXPECT_EQ(t.string(chain.final_label), "sleep(1)");
}

TEST(Snapshot, CurrentSiteFollowsTheRunningTask) {
    const trace t = gui::build_demo_trace();
    const auto s = state_index(t).after(main_printed);
    EXPECT_EQ(t.sites()[s.task(main_task).site].line, 11u);  // print("main waits")
    EXPECT_EQ(s.task(task_a).site, 0u);                       // has not run yet
}

TEST(Snapshot, NextAndPreviousLineOfATask) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    const event_index next = index.next_line(task_a, a_resumed);
    ASSERT_NE(next, no_event);
    EXPECT_EQ(t.sites()[index.after(next).task(task_a).site].line, 3u);  // print(name + " starts")
    EXPECT_EQ(index.previous_line(task_a, next), a_resumed);
    EXPECT_EQ(index.next_line(main_task, last), no_event);
}

TEST(Snapshot, LoopIterationsCanBeJumpedBetween) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    EXPECT_EQ(index.iterations().size(), 5u);
    const event_index second = index.next_iteration(index.iterations()[0]);
    EXPECT_EQ(second, index.iterations()[1]);
    EXPECT_EQ(index.previous_iteration(second), index.iterations()[0]);
    EXPECT_EQ(index.previous_iteration(0), no_event);
}

TEST(Narration, SaysWhoSuspendsOnWhichLineAndWhatRunsNext) {
    const gui::session s = gui::open_session(gui::demo_lesson(), gui::demo_lesson().default_knobs());
    const auto text = narrate(*s.states, a_suspended, [&](site_id site) { return gui::code_for_site(s, site); });
    EXPECT_EQ(text, "A reaches `await asyncio.sleep(delay)` and suspends (waiting for sleep(1)); "
                    "next, the loop takes B from the front of the ready queue.");
}

TEST(Narration, ExplainsTheClockJump) {
    const trace t = gui::build_demo_trace();
    const state_index index(t);
    const auto text = narrate(index, b_finished + 2, {});
    EXPECT_NE(text.find("clock jumps to t = 1.000 s"), std::string::npos) << text;
}

}  // namespace
}  // namespace loopscope
