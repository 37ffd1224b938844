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

coro<> fits() { print(fmt::format("{}", co_await asyncio::timeout(2, after(1, 5)))); }

TEST(Timeout, BlockThatFinishesInTimeGivesItsValue) {
    auto r = run(fits());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 5"}));
}

coro<> expires() {
    try {
        co_await asyncio::timeout(1.5, after(10, 1));
    } catch (const timeout_error&) {
        print(fmt::format("{} cancelling={}", repr(std::current_exception()), current_task()->cancelling()));
    }
}

TEST(Timeout, ExpiryRaisesTimeoutErrorAtTheDeadlineAndUncancelsTheTask) {
    auto r = run(expires());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.500 TimeoutError() cancelling=0"}));
}

coro<> yields_once() {
    print("in");
    co_await asyncio::sleep(0);
    print("not reached");
}

coro<> past_deadline() {
    try {
        co_await asyncio::timeout(-1, yields_once());
    } catch (const timeout_error&) {
        print("expired at the first suspension");
    }
}

TEST(Timeout, DeadlineInThePastFiresOnTheNextTurn) {
    auto r = run(past_deadline());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 in", "0.000 expired at the first suspension"}));
}

coro<> no_suspension() {
    print("in");
    co_return;
}

coro<> past_deadline_no_await() {
    co_await asyncio::timeout(0, no_suspension());
    co_await asyncio::sleep(0);  // a stale _on_timeout would cancel us here
    print("not cancelled");
}

TEST(Timeout, ExitDisarmsACallSoonDeadline) {
    auto r = run(past_deadline_no_await());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 in", "0.000 not cancelled"}));
}

coro<> nested() {
    try {
        co_await asyncio::timeout(1, asyncio::timeout(2, after(5, 1)));
    } catch (const timeout_error&) {
        print("outer expired");
    }
}

TEST(Timeout, InnerScopeDoesNotConvertTheOuterScopesCancellation) {
    auto r = run(nested());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 outer expired"}));
}

coro<> rescheduled(detail::ref<timeout_scope> scope) {
    scope->reschedule(get_running_loop().time() + 3);
    co_await asyncio::sleep(2);
    print(fmt::format("still here, expired={}", repr(scope->expired())));
    co_await asyncio::sleep(2);
}

coro<> reschedules() {
    auto scope = timeout_scope::after(1);
    try {
        co_await asyncio::within(scope, rescheduled(scope));
    } catch (const timeout_error&) {
        print(fmt::format("expired={}", repr(scope->expired())));
    }
}

TEST(Timeout, RescheduleMovesTheDeadline) {
    auto r = run(reschedules());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.000 still here, expired=False", "3.000 expired=True"}));
}

coro<> reschedule_before_enter() {
    auto scope = timeout_scope::after(1);
    try {
        scope->reschedule(5);
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
    co_return;
}

TEST(Timeout, RescheduleBeforeEnteringIsARuntimeError) {
    auto r = run(reschedule_before_enter());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 RuntimeError: Timeout has not been entered"}));
}

}  // namespace
