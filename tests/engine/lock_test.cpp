#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

std::vector<std::string> lines(const run_result& r) { return loopscope::testing::short_lines(r); }

using strings = std::vector<std::string>;

coro<> hold(std::string name, lock lk, double seconds) {
    auto held = co_await lk.acquire_guard();
    print(name + " has it");
    co_await asyncio::sleep(seconds);
}

coro<> four_contenders() {
    lock lk;
    std::vector<task<>> ts;
    for (const char* n : {"A", "B", "C", "D"}) ts.push_back(create_task(hold(n, lk, 1)));
    for (auto& t : ts) co_await t;
    print(fmt::format("locked={}", repr(lk.locked())));
}

TEST(Lock, HandsOverInFifoOrder) {
    auto r = run(four_contenders());
    EXPECT_EQ(lines(r), (strings{"0 A has it", "1 B has it", "2 C has it", "3 D has it", "4 locked=False"}));
}

coro<> newcomer() {
    lock lk;
    co_await lk.acquire();
    auto waiter = create_task(hold("waiter", lk, 1));
    co_await asyncio::sleep(0);
    lk.release();  // wakes the waiter; it takes the lock a call_soon hop later
    print(fmt::format("released: locked={} waiting={}", repr(lk.locked()), lk.waiting()));
    co_await lk.acquire();  // free, but the woken waiter is first in line (3.11.7 fairness)
    print("main has it again");
    lk.release();
    co_await waiter;
}

TEST(Lock, ANewcomerQueuesBehindAWokenWaiterInsteadOfBargingIn) {
    auto r = run(newcomer());
    EXPECT_EQ(lines(r), (strings{"0 released: locked=False waiting=1", "0 waiter has it", "1 main has it again"}));
}

coro<> cancel_woken() {
    lock lk;
    co_await lk.acquire();
    auto b = create_task(hold("B", lk, 1));
    auto c = create_task(hold("C", lk, 1));
    co_await asyncio::sleep(0);
    lk.release();  // wakes B...
    b.cancel();    // ...which is cancelled before it runs: it wakes C, whose step is queued before
                   // the wake-up of main, which awaits B
    try {
        co_await b;
    } catch (const cancelled_error&) {
        print("B cancelled");
    }
    co_await c;
}

TEST(Lock, ACancelledWokenWaiterPassesTheLockToTheNext) {
    auto r = run(cancel_woken());
    EXPECT_EQ(lines(r), (strings{"0 C has it", "0 B cancelled"}));
}

coro<> cancel_waiting() {
    lock lk;
    auto a = create_task(hold("A", lk, 1));
    auto b = create_task(hold("B", lk, 1));
    auto c = create_task(hold("C", lk, 1));
    co_await asyncio::sleep(0.5);
    b.cancel();
    co_await asyncio::sleep(0);
    print(fmt::format("waiting={}", lk.waiting()));
    co_await a;
    co_await c;
}

TEST(Lock, ACancelledWaiterLeavesTheLineAndIsSkipped) {
    auto r = run(cancel_waiting());
    EXPECT_EQ(lines(r), (strings{"0 A has it", "0.5 waiting=1", "1 C has it"}));
}

coro<> release_unlocked() {
    lock lk;
    try {
        lk.release();
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
    co_return;
}

TEST(Lock, ReleasingAnUnlockedLockIsARuntimeError) {
    EXPECT_EQ(lines(run(release_unlocked())), (strings{"0 RuntimeError: Lock is not acquired."}));
}

coro<> guard_on_exception(lock lk) {
    auto held = co_await lk.acquire_guard();
    co_await asyncio::sleep(1);
    throw value_error("boom");
}

coro<> guards() {
    lock lk;
    {
        auto held = co_await lk.acquire_guard();
        EXPECT_TRUE(lk.locked());
        held.release();  // leaving the block early
        EXPECT_FALSE(lk.locked());
    }
    EXPECT_FALSE(lk.locked());
    try {
        co_await guard_on_exception(lk);
    } catch (const python_error&) {
        print(fmt::format("after exception locked={}", repr(lk.locked())));
    }
    auto t = create_task(guard_on_exception(lk));
    co_await asyncio::sleep(0.5);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print(fmt::format("after cancel locked={}", repr(lk.locked())));
    }
}

TEST(Lock, TheGuardReleasesOnScopeExitOnExceptionAndOnCancellation) {
    auto r = run(guards());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (strings{"1 after exception locked=False", "1.5 after cancel locked=False"}));
}

coro<> with_body(lock& lk) {
    print(fmt::format("inside locked={}", repr(lk.locked())));
    co_await asyncio::sleep(1);
}

coro<> protocol() {
    lock lk;
    co_await async_with(lk, with_body);
    print(fmt::format("after locked={}", repr(lk.locked())));
}

TEST(Lock, WorksWithTheAsyncWithProtocol) {
    auto r = run(protocol());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (strings{"0 inside locked=True", "1 after locked=False"}));
}

coro<> take_both(std::string name, lock first, lock second) {
    auto a = co_await first.acquire_guard();
    print(name + " holds one lock");
    co_await asyncio::sleep(1);
    auto b = co_await second.acquire_guard();
    print(name + " never gets here");
}

coro<> abba() {
    lock x, y;
    auto t1 = create_task(take_both("left", x, y), "left");
    auto t2 = create_task(take_both("right", y, x), "right");
    co_await t1;
    co_await t2;
}

TEST(Lock, ADeadlockNamesEachStuckTaskAndTheLockItWaitsFor) {
    auto r = run(abba());
    ASSERT_TRUE(r.deadlocked);
    ASSERT_FALSE(r.diagnostics.empty());
    const std::string& d = r.diagnostics.back();
    EXPECT_NE(d.find("left (take_both) waits on lock.acquire()"), std::string::npos) << d;
    EXPECT_NE(d.find("right (take_both) waits on lock.acquire()"), std::string::npos) << d;
    EXPECT_NE(d.find("Task-1 (abba) waits on task left"), std::string::npos) << d;
}

}  // namespace
