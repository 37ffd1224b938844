#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

using loopscope::testing::lines;

coro<int> answer(bool* ran) {
    *ran = true;
    co_return 42;
}

TEST(Task, CoroutineDoesNotStartUntilAwaited) {
    bool ran = false;
    event_loop loop;
    {
        auto c = answer(&ran);
        EXPECT_FALSE(ran);
    }
    EXPECT_FALSE(ran);
    ASSERT_EQ(loop.diagnostics().size(), 1u);
    EXPECT_EQ(loop.diagnostics()[0], "coroutine never awaited: coroutine 'answer' was never awaited");
}

coro<> spawn_and_check(bool* ran, bool* ran_before_yield) {
    auto t = asyncio::create_task(answer(ran));
    *ran_before_yield = *ran;  // create_task only queues the first step
    co_await asyncio::sleep(0);
    EXPECT_TRUE(t.done());
    EXPECT_EQ(t.result(), 42);
}

TEST(Task, CreateTaskRunsFirstStepOnNextIteration) {
    bool ran = false, ran_before_yield = true;
    auto r = run(spawn_and_check(&ran, &ran_before_yield));
    EXPECT_TRUE(r.ok());
    EXPECT_FALSE(ran_before_yield);
    EXPECT_TRUE(ran);
}

coro<> awaits_inline(std::vector<std::string>* log) {
    log->push_back("outer before");
    int v = co_await [](std::vector<std::string>* l) -> coro<int> {
        l->push_back("inner");
        co_return 1;
    }(log);
    log->push_back(fmt::format("outer after {}", v));
}

TEST(Task, AwaitingACoroutineRunsItInlineWithoutALoopTrip) {
    std::vector<std::string> log;
    auto r = run(awaits_inline(&log));
    EXPECT_EQ(log, (std::vector<std::string>{"outer before", "inner", "outer after 1"}));
    // One task, one step: created, scheduled, resumed, finished; no suspension at all.
    int suspensions = 0;
    for (auto& e : r.trace.events()) suspensions += e.kind == event_kind::task_suspended;
    EXPECT_EQ(suspensions, 0);
}

coro<> raises() {
    co_await asyncio::sleep(1);
    throw value_error("boom");
}

TEST(Task, MainExceptionIsReportedLikeAsyncioRun) {
    auto r = run(raises());
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error_text, "ValueError: boom");
    EXPECT_DOUBLE_EQ(r.trace.end_time(), 1.0);
}

coro<> sleeper(std::vector<std::string>* log) {
    try {
        co_await asyncio::sleep(10);
    } catch (const cancelled_error&) {
        log->push_back(fmt::format("cancelled at {}", get_running_loop().time()));
        throw;
    }
}

coro<> cancels(std::vector<std::string>* log) {
    auto t = asyncio::create_task(sleeper(log));
    co_await asyncio::sleep(1);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        log->push_back("awaiter sees cancelled_error");
    }
    EXPECT_TRUE(t.cancelled());
}

TEST(Task, CancelRaisesCancelledErrorAtTheSuspensionPoint) {
    std::vector<std::string> log;
    auto r = run(cancels(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"cancelled at 1", "awaiter sees cancelled_error"}));
}

coro<> waits_forever() {
    auto f = create_future<int>("never set");
    co_await f;
}

TEST(EventLoop, DeadlockIsDiagnosedWithTheStuckTask) {
    auto r = run(waits_forever());
    EXPECT_TRUE(r.deadlocked);
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_NE(r.diagnostics.back().find("Task-1 (waits_forever) waits on future"), std::string::npos)
        << r.diagnostics.back();
}

coro<> sleeps_in_order(std::vector<double> delays) {
    std::vector<task<>> ts;
    for (double d : delays)
        ts.push_back(asyncio::create_task([](double x) -> coro<> {
            co_await asyncio::sleep(x);
            print(fmt::format("{}", x));
        }(d)));
    for (auto& t : ts) co_await t;
}

TEST(EventLoop, VirtualClockJumpsToTheEarliestDeadline) {
    auto r = run(sleeps_in_order({3, 1, 2}));
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 1", "2.000 2", "3.000 3"}));
}

coro<> blocks() {
    print("before");
    blocking_sleep(0.5);
    print("after");
    co_return;  // without a co_ keyword this would be a plain function, run eagerly
}

TEST(EventLoop, BlockingCallFreezesTheClockForEveryone) {
    auto r = run(blocks());
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 before", "0.500 after"}));
    bool slow = false;
    for (auto& d : r.diagnostics) slow |= d.starts_with("slow callback");
    EXPECT_TRUE(slow);
}

TEST(Trace, EventsStaySixteenBytes) { EXPECT_EQ(sizeof(trace_event), 16u); }

TEST(Trace, EveryResumeLinksToTheEventThatScheduledIt) {
    auto r = run(sleeps_in_order({1, 2}));
    const trace& t = r.trace;
    int resumes = 0;
    for (event_index i = 0; i < t.size(); ++i) {
        if (t[i].kind != event_kind::task_resumed) continue;
        ++resumes;
        ASSERT_LT(t[i].b, i);
        EXPECT_EQ(t[t[i].b].kind, event_kind::task_scheduled);
        EXPECT_EQ(t[t[i].b].subject, t[i].subject);
    }
    EXPECT_GE(resumes, 5);
}

TEST(Repr, MatchesPython) {
    EXPECT_EQ(repr(std::vector<std::string>{"a", "it's"}), "['a', \"it's\"]");
    EXPECT_EQ(repr(2.0), "2.0");
    EXPECT_EQ(repr(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(repr(true), "True");
    EXPECT_EQ(repr(std::make_tuple(1)), "(1,)");
}

}  // namespace
