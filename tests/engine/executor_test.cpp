#include <gtest/gtest.h>

#include "loopscope/executor.hpp"
#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

using loopscope::testing::lines;

coro<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        print(fmt::format("tick {}", i));
        co_await asyncio::sleep(0.5);
    }
}

coro<> work_beside_ticker() {
    auto t = asyncio::create_task(ticker(3));
    int r = co_await asyncio::to_thread(1.0, [] { return 42; });
    print(fmt::format("result {}", r));
    co_await t;
}

TEST(Executor, WorkOffTheLoopLetsOtherTasksRunMeanwhile) {
    auto r = run(work_beside_ticker());
    EXPECT_TRUE(r.ok()) << r.error_text;
    // At t=1 the worker and the ticker's timer are due together: the worker's completion comes first.
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 tick 0", "0.500 tick 1", "1.000 result 42", "1.000 tick 2"}));
}

coro<> only_a_worker() {
    co_await asyncio::to_thread(2.5);
    print("done");
}

TEST(Executor, AWorkerAloneIsNotADeadlock) {
    auto r = run(only_a_worker());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.500 done"}));
}

coro<> to_thread_is_lazy(double* started_at) {
    auto job = asyncio::to_thread(1.0);  // a coroutine: nothing submitted yet
    co_await asyncio::sleep(2);
    EXPECT_EQ(get_running_loop().off_loop_count(), 0u);
    co_await std::move(job);
    *started_at = get_running_loop().time() - 1.0;
}

TEST(Executor, ToThreadStartsWhenAwaitedRunInExecutorWhenCalled) {
    double started = -1;
    auto r = run(to_thread_is_lazy(&started));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_DOUBLE_EQ(started, 2.0);
}

coro<> eager_executor() {
    auto f = asyncio::run_in_executor(1.0);
    EXPECT_EQ(get_running_loop().off_loop_count(), 1u);
    co_await asyncio::sleep(2);
    EXPECT_TRUE(f.done());
    co_await f;
    print("already done");
}

TEST(Executor, RunInExecutorStartsAtTheCall) {
    auto r = run(eager_executor());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.000 already done"}));
}

coro<> failing_work(std::string* seen) {
    try {
        co_await asyncio::to_thread(0.5, []() -> int { throw value_error("disk full"); });
    } catch (const python_error& e) {
        *seen = fmt::format("{} at {}", e.what(), get_running_loop().time());
    }
}

TEST(Executor, TheWorkersExceptionIsRaisedInTheAwaitingTask) {
    std::string seen;
    auto r = run(failing_work(&seen));
    EXPECT_EQ(seen, "disk full at 0.5");
}

coro<> cancel_waiter() {
    auto t = asyncio::create_task(asyncio::to_thread(5.0, [] { return 1; }));
    co_await asyncio::sleep(1);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print("cancelled");
    }
    co_await asyncio::sleep(10);  // the worker still ends at t=5: its result is dropped
    print("end");
}

TEST(Executor, CancellingTheWaiterLeavesTheWorkerToFinishUnseen) {
    auto r = run(cancel_waiter());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 cancelled", "11.000 end"}));
    bool delivered = false;
    for (event_index i = 0; i < r.trace.size(); ++i)
        if (r.trace[i].kind == event_kind::callback_queued && r.trace.time_at(i) == 5.0) delivered = true;
    EXPECT_TRUE(delivered) << "the worker's completion is still handed back at t=5";
}

coro<> traced_as_io() {
    co_await asyncio::to_thread(1.0);
}

TEST(Executor, TheWaitIsTracedAsIoAtTheScenariosLine) {
    auto r = run(traced_as_io());
    const trace& t = r.trace;
    int io = 0;
    for (auto& e : t.events()) {
        if (e.kind != event_kind::task_suspended) continue;
        EXPECT_EQ(static_cast<await_kind>(e.aux), await_kind::io);
        EXPECT_EQ(t.string(e.b), "to_thread(1)");
        EXPECT_NE(std::string(t.string(t.site_of(e).file)).find("executor_test.cpp"), std::string::npos);
        ++io;
    }
    EXPECT_EQ(io, 1);
}

}  // namespace
