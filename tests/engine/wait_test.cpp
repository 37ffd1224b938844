#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

using loopscope::testing::lines;

coro<int> after(double delay, int value) {
    co_await asyncio::sleep(delay);
    co_return value;
}

coro<> cleans_up_slowly(double cleanup) {
    std::exception_ptr cancelled;
    try {
        co_await asyncio::sleep(100);
    } catch (const cancelled_error&) {
        cancelled = std::current_exception();
    }
    co_await asyncio::sleep(cleanup);
    print("cleanup finished");
    std::rethrow_exception(cancelled);
}

// ---- wait_for ------------------------------------------------------------------------------------

coro<> in_time() { print(fmt::format("{}", co_await asyncio::wait_for(after(1, 42), 2))); }

TEST(WaitFor, ReturnsTheResultWhenInTime) {
    auto r = run(in_time());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 42"}));
}

coro<> too_slow() {
    auto t = asyncio::create_task(after(5, 1));
    try {
        co_await asyncio::wait_for(t, 1.5);
    } catch (const timeout_error&) {
        print(fmt::format("timed out; inner cancelled: {}", repr(t.cancelled())));
    }
}

TEST(WaitFor, TimesOutAndCancelsTheInnerTask) {
    auto r = run(too_slow());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.500 timed out; inner cancelled: True"}));
}

coro<> waits_for_cleanup() {
    try {
        co_await asyncio::wait_for(cleans_up_slowly(0.25), 1);
    } catch (const timeout_error&) {
        print("timed out");
    }
}

TEST(WaitFor, RaisesOnlyAfterTheInnerTaskHasFinishedItsCleanup) {
    auto r = run(waits_for_cleanup());
    ASSERT_TRUE(r.ok()) << r.error_text;
    // 3.11's _cancel_and_wait: the timeout is reported when the inner task is really done.
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.250 cleanup finished", "1.250 timed out"}));
}

coro<> zero_timeout() {
    auto t = asyncio::create_task(after(1, 1));
    try {
        co_await asyncio::wait_for(t, 0);
    } catch (const timeout_error&) {
        print(fmt::format("cancelled before it ran: {}", repr(t.cancelled())));
    }
}

TEST(WaitFor, ZeroTimeoutCancelsAtOnce) {
    auto r = run(zero_timeout());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 cancelled before it ran: True"}));
}

coro<> no_timeout() { print(fmt::format("{}", co_await asyncio::wait_for(after(100, 7), std::nullopt))); }

TEST(WaitFor, NoTimeoutAwaitsPlainly) {
    auto r = run(no_timeout());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"100.000 7"}));
    EXPECT_EQ(r.trace.tasks().size(), 2u);  // tasks()[0] is unused: only main, no task for the coroutine
}

coro<> sits_in_wait_for(task<int>* inner) {
    *inner = asyncio::create_task(after(10, 1));
    co_await asyncio::wait_for(*inner, 20);
}

coro<> cancels_the_waiter() {
    task<int> inner;
    auto outer = asyncio::create_task(sits_in_wait_for(&inner));
    co_await asyncio::sleep(1);
    outer.cancel();
    try {
        co_await outer;
    } catch (const cancelled_error&) {
        print(fmt::format("outer cancelled, inner cancelled: {}", repr(inner.cancelled())));
    }
}

TEST(WaitFor, CancellingTheWaiterCancelsTheInnerTask) {
    auto r = run(cancels_the_waiter());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 outer cancelled, inner cancelled: True"}));
}

// ---- wait ----------------------------------------------------------------------------------------

std::vector<task<int>> three_tasks() {
    std::vector<task<int>> ts;
    ts.push_back(asyncio::create_task(after(3, 3), "three"));
    ts.push_back(asyncio::create_task(after(1, 1), "one"));
    ts.push_back(asyncio::create_task(after(2, 2), "two"));
    return ts;
}

std::string names(const std::vector<task<int>>& ts) {
    std::vector<std::string> n;
    for (auto& t : ts) n.push_back(t.get_name());
    return repr(n);
}

coro<> first_completed() {
    auto ts = three_tasks();
    auto [done, pending] = co_await asyncio::wait(ts, asyncio::FIRST_COMPLETED);
    print(fmt::format("done={} pending={}", names(done), names(pending)));
    for (auto& t : pending) t.cancel();
}

TEST(Wait, FirstCompletedReturnsAfterTheFirstDoneInArgumentOrder) {
    auto r = run(first_completed());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 done=['one'] pending=['three', 'two']"}));
}

coro<int> fails_after(double delay) {
    co_await asyncio::sleep(delay);
    throw value_error("boom");
}

coro<> first_exception() {
    std::vector<task<int>> ts;
    ts.push_back(asyncio::create_task(after(1, 1), "ok"));
    ts.push_back(asyncio::create_task(fails_after(2), "bad"));
    ts.push_back(asyncio::create_task(after(3, 3), "late"));
    auto [done, pending] = co_await asyncio::wait(ts, asyncio::FIRST_EXCEPTION);
    print(fmt::format("done={} pending={}", names(done), names(pending)));
    for (auto& t : pending) t.cancel();
}

TEST(Wait, FirstExceptionStopsAtTheFailure) {
    auto r = run(first_exception());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.000 done=['ok', 'bad'] pending=['late']"}));
}

coro<> with_timeout() {
    auto ts = three_tasks();
    auto [done, pending] = co_await asyncio::wait(ts, {.timeout = 2.5});
    print(fmt::format("done={} pending={}", names(done), names(pending)));
    for (auto& t : pending) t.cancel();
}

TEST(Wait, TimeoutLeavesTheRestPendingWithoutRaising) {
    auto r = run(with_timeout());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.500 done=['one', 'two'] pending=['three']"}));
}

coro<> empty_wait() {
    std::vector<task<int>> none;
    try {
        co_await asyncio::wait(none);
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
}

TEST(Wait, EmptyListRaisesValueError) {
    auto r = run(empty_wait());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 ValueError: Set of Tasks/Futures is empty."}));
}

// ---- as_completed --------------------------------------------------------------------------------

coro<> completion_order() {
    auto ts = three_tasks();
    for (auto next : asyncio::as_completed(ts)) print(fmt::format("{}", co_await std::move(next)));
}

TEST(AsCompleted, YieldsResultsInCompletionOrder) {
    auto r = run(completion_order());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 1", "2.000 2", "3.000 3"}));
}

coro<> completion_timeout() {
    auto ts = three_tasks();
    try {
        for (auto next : asyncio::as_completed(ts, 1.5)) print(fmt::format("{}", co_await std::move(next)));
    } catch (const timeout_error&) {
        print("timed out");
    }
    for (auto& t : ts) t.cancel();
}

TEST(AsCompleted, TimeoutRaisesTimeoutErrorForTheRest) {
    auto r = run(completion_timeout());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 1", "1.500 timed out"}));
}

// ---- shield --------------------------------------------------------------------------------------

coro<int> shielded_await(task<int> inner) { co_return co_await asyncio::shield(inner); }

coro<> shield_survives() {
    auto inner = asyncio::create_task(after(2, 9));
    auto outer = asyncio::create_task(shielded_await(inner));
    co_await asyncio::sleep(1);
    outer.cancel();
    try {
        co_await outer;
    } catch (const cancelled_error&) {
        print(fmt::format("outer cancelled; inner cancelled: {}", repr(inner.cancelled())));
    }
    print(fmt::format("inner gives {}", co_await inner));
}

TEST(Shield, InnerTaskSurvivesTheCancellationOfItsAwaiter) {
    auto r = run(shield_survives());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 outer cancelled; inner cancelled: False", "2.000 inner gives 9"}));
}

coro<> shield_done() {
    auto t = asyncio::create_task(after(0, 5));
    co_await asyncio::sleep(0.5);
    auto s = asyncio::shield(t);
    EXPECT_TRUE(s.done());
    print(fmt::format("{}", co_await s));
}

TEST(Shield, OfADoneTaskIsDoneAtOnce) {
    auto r = run(shield_done());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.500 5"}));
}

coro<> shield_cancelled_inner() {
    auto inner = asyncio::create_task(after(2, 9));
    auto s = asyncio::shield(inner);
    co_await asyncio::sleep(1);
    inner.cancel();
    try {
        co_await s;
    } catch (const cancelled_error&) {
        print(fmt::format("shield cancelled too: {}", repr(s.cancelled())));
    }
}

TEST(Shield, CancellingTheInnerTaskCancelsTheShield) {
    auto r = run(shield_cancelled_inner());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 shield cancelled too: True"}));
}

}  // namespace
