#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

using loopscope::testing::lines;

coro<> sleeps(double delay, std::string name) {
    try {
        co_await asyncio::sleep(delay);
        print(fmt::format("{} woke", name));
    } catch (const cancelled_error&) {
        print(fmt::format("{} cancelled at t={}", name, get_running_loop().time()));
        throw;
    }
}

coro<> cancel_at_one(std::string name) {
    auto t = asyncio::create_task(sleeps(10, name));
    co_await asyncio::sleep(1);
    EXPECT_TRUE(t.cancel());
    EXPECT_FALSE(t.cancelled());  // only a request until the task runs
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print("awaiter sees CancelledError");
    }
    EXPECT_TRUE(t.cancelled());
    EXPECT_FALSE(t.cancel());  // done: nothing to cancel
}

TEST(Cancel, RaisesAtTheSuspensionPointAndReachesTheAwaiter) {
    auto r = run(cancel_at_one("w"));
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 w cancelled at t=1", "1.000 awaiter sees CancelledError"}));
}

struct guard {
    std::string name;
    ~guard() { print(fmt::format("{} released", name)); }
};

coro<> cleanup_awaits() {
    guard g{"resource"};
    std::exception_ptr cancelled;
    try {
        co_await asyncio::sleep(10);
    } catch (const cancelled_error&) {
        cancelled = std::current_exception();
    }
    print("cleanup starts");
    co_await asyncio::sleep(0.5);  // awaiting during cleanup is fine
    print("cleanup ends");
    std::rethrow_exception(cancelled);
}

coro<> cancels_cleanup() {
    auto t = asyncio::create_task(cleanup_awaits());
    co_await asyncio::sleep(1);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print("cancelled after cleanup");
    }
}

TEST(Cancel, CleanupRunsAndMayAwait) {
    auto r = run(cancels_cleanup());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 cleanup starts", "1.500 cleanup ends", "1.500 resource released",
                                                  "1.500 cancelled after cleanup"}));
}

coro<> never_runs(bool* ran) {
    *ran = true;
    co_return;
}

coro<> cancels_before_start(bool* ran) {
    auto t = asyncio::create_task(never_runs(ran));
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print("cancelled before its first step");
    }
}

TEST(Cancel, TaskCancelledBeforeItsFirstStepNeverRuns) {
    bool ran = false;
    auto r = run(cancels_before_start(&ran));
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_FALSE(ran);
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 cancelled before its first step"}));
}

coro<> kill(std::vector<task<>>* victims) {
    co_await asyncio::sleep(1);
    for (auto& v : *victims) v.cancel();
}

coro<> cancels_ready_task() {
    std::vector<task<>> victims;
    auto k = asyncio::create_task(kill(&victims));
    auto v = asyncio::create_task(sleeps(1, "victim"));
    victims.push_back(v);
    co_await asyncio::gather(asyncio::return_exceptions, k, v);
    print(fmt::format("victim cancelled: {}", repr(v.cancelled())));
}

TEST(Cancel, ReadyTaskIsCancelledAtItsNextStepEvenThoughItsSleepEnded) {
    auto r = run(cancels_ready_task());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 victim cancelled at t=1", "1.000 victim cancelled: True"}));
}

coro<> gathers(std::string a, std::string b) { co_await asyncio::gather(sleeps(1, a), sleeps(2, b)); }

coro<> cancels_gathering_task() {
    auto t = asyncio::create_task(gathers("a", "b"));
    co_await asyncio::sleep(1.5);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print(fmt::format("gathering task cancelled: {}", repr(t.cancelled())));
    }
}

TEST(Cancel, TaskBlockedInGatherCancelsTheUnfinishedChildren) {
    auto r = run(cancels_gathering_task());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 a woke", "1.500 b cancelled at t=1.5",
                                                  "1.500 gathering task cancelled: True"}));
}

coro<int> swallows() {
    try {
        co_await asyncio::sleep(10);
    } catch (const cancelled_error&) {
        print(fmt::format("swallowed, cancelling={}", current_task()->cancelling()));
    }
    current_task()->uncancel();
    co_await asyncio::sleep(1);
    print(fmt::format("after uncancel, cancelling={}", current_task()->cancelling()));
    co_return 3;
}

coro<> cancels_a_swallower() {
    auto t = asyncio::create_task(swallows());
    co_await asyncio::sleep(1);
    t.cancel();
    print(fmt::format("result {}, cancelled={}", co_await t, repr(t.cancelled())));
}

TEST(Cancel, SwallowedCancellationLetsTheTaskFinishAndCountsRequests) {
    auto r = run(cancels_a_swallower());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 swallowed, cancelling=1", "2.000 after uncancel, cancelling=0",
                                                  "2.000 result 3, cancelled=False"}));
}

coro<> cancel_message() {
    auto t = asyncio::create_task(sleeps(10, "m"));
    co_await asyncio::sleep(0);
    t.cancel("stop now");
    try {
        co_await t;
    } catch (const cancelled_error& e) {
        print(repr(std::current_exception()));
    }
}

TEST(Cancel, MessageTravelsToTheAwaiter) {
    auto r = run(cancel_message());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 m cancelled at t=0", "0.000 CancelledError('stop now')"}));
}

coro<> cancel_recorded() {
    auto t = asyncio::create_task(sleeps(10, "r"));
    co_await asyncio::sleep(0);
    t.cancel();
    co_await asyncio::sleep(0);
}

TEST(Cancel, RequestIsRecordedWithWhoAsked) {
    auto r = run(cancel_recorded());
    int requests = 0;
    for (auto& e : r.trace.events())
        if (e.kind == event_kind::cancel_requested) {
            ++requests;
            EXPECT_EQ(r.trace.task_name(e.a), "Task-1");
            EXPECT_EQ(r.trace.task_name(e.subject), "Task-2");
        }
    EXPECT_EQ(requests, 1);
}

}  // namespace
