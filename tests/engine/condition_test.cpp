#include <memory>

#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

std::vector<std::string> lines(const run_result& r) { return loopscope::testing::short_lines(r); }

using strings = std::vector<std::string>;

coro<> waiter(std::string name, condition cond) {
    auto held = co_await cond.acquire_guard();
    bool v = co_await cond.wait();
    print(fmt::format("{} notified ({}), locked={}", name, repr(v), repr(cond.locked())));
}

coro<> notify_some(std::size_t n) {
    condition cond;
    std::vector<task<>> ts;
    for (const char* name : {"A", "B", "C"}) ts.push_back(create_task(waiter(name, cond)));
    co_await asyncio::sleep(1);
    {
        auto held = co_await cond.acquire_guard();
        print(fmt::format("waiting={}", cond.waiting()));
        if (n) cond.notify(n);
        else cond.notify_all();
        co_await asyncio::sleep(1);  // still holding the lock: nobody can return from wait() yet
        print("releasing");
    }
    co_await asyncio::sleep(1);
    print(fmt::format("still waiting={}", cond.waiting()));
    for (auto& t : ts) t.cancel();
    for (auto& t : ts) {
        try {
            co_await t;
        } catch (const cancelled_error&) {
        }
    }
}

TEST(Condition, NotifyWakesAtMostNWaitersOnceTheNotifierReleases) {
    EXPECT_EQ(lines(run(notify_some(2))), (strings{"1 waiting=3", "2 releasing", "2 A notified (True), locked=True",
                                                   "2 B notified (True), locked=True", "3 still waiting=1"}));
}

TEST(Condition, NotifyAllWakesEveryWaiterInOrder) {
    EXPECT_EQ(lines(run(notify_some(0))),
              (strings{"1 waiting=3", "2 releasing", "2 A notified (True), locked=True", "2 B notified (True), locked=True",
                       "2 C notified (True), locked=True", "3 still waiting=0"}));
}

coro<> without_lock() {
    condition cond;
    try {
        co_await cond.wait();
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
    try {
        cond.notify();
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
}

TEST(Condition, WaitAndNotifyWithoutTheLockAreRuntimeErrors) {
    EXPECT_EQ(lines(run(without_lock())), (strings{"0 RuntimeError: cannot wait on un-acquired lock",
                                                   "0 RuntimeError: cannot notify on un-acquired lock"}));
}

coro<> count_up(condition cond, std::shared_ptr<int> n) {
    for (int i = 0; i < 3; ++i) {
        co_await asyncio::sleep(1);
        auto held = co_await cond.acquire_guard();
        ++*n;
        cond.notify_all();
    }
}

coro<> wait_for_three() {
    condition cond;
    auto n = std::make_shared<int>(0);
    auto t = create_task(count_up(cond, n));
    auto held = co_await cond.acquire_guard();
    auto at_least_three = [n] { return *n >= 3 ? *n : 0; };
    int v = co_await cond.wait_for(at_least_three);
    print(fmt::format("predicate gave {}", v));
    held.release();
    co_await t;
}

TEST(Condition, WaitForReturnsThePredicatesValueOnceItIsTruthy) {
    EXPECT_EQ(lines(run(wait_for_three())), (strings{"3 predicate gave 3"}));
}

coro<> cancelled_wait(condition cond) {
    auto held = co_await cond.acquire_guard();
    try {
        co_await cond.wait();
    } catch (const cancelled_error&) {
        print(fmt::format("cancelled, locked={}", repr(cond.locked())));
        throw;
    }
}

coro<> cancel_reacquires() {
    condition cond;
    auto t = create_task(cancelled_wait(cond));
    co_await asyncio::sleep(0);
    {
        auto held = co_await cond.acquire_guard();
        t.cancel();
        co_await asyncio::sleep(1);  // the cancelled waiter cannot raise before it has the lock back
        print("main releases");
    }
    try {
        co_await t;
    } catch (const cancelled_error&) {
    }
    print(fmt::format("end locked={}", repr(cond.locked())));
}

TEST(Condition, ACancelledWaitReacquiresTheLockBeforeRaising) {
    EXPECT_EQ(lines(run(cancel_reacquires())), (strings{"1 main releases", "1 cancelled, locked=True", "1 end locked=False"}));
}

coro<> shared_lock() {
    lock lk;
    condition cond(lk);
    co_await lk.acquire();
    EXPECT_TRUE(cond.locked());
    cond.release();
    EXPECT_FALSE(lk.locked());
}

TEST(Condition, UsesTheLockItIsGiven) { EXPECT_TRUE(run(shared_lock()).ok()); }

}  // namespace
