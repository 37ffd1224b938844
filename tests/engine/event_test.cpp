#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

std::vector<std::string> lines(const run_result& r) { return loopscope::testing::short_lines(r); }

using strings = std::vector<std::string>;

coro<> waiter(std::string name, event ev) {
    bool v = co_await ev.wait();
    print(fmt::format("{} woke ({})", name, repr(v)));
}

coro<> set_wakes_all() {
    event ev;
    std::vector<task<>> ts;
    for (const char* n : {"A", "B", "C"}) ts.push_back(create_task(waiter(n, ev)));
    co_await asyncio::sleep(1);
    print(fmt::format("waiting={}", ev.waiting()));
    ev.set();
    print("set");  // set() only queues the wake-ups: nobody has run yet
    for (auto& t : ts) co_await t;
    print(fmt::format("waiting={}", ev.waiting()));
}

TEST(Event, SetWakesEveryWaiterInTheOrderTheyBeganWaiting) {
    auto r = run(set_wakes_all());
    EXPECT_EQ(lines(r), (strings{"1 waiting=3", "1 set", "1 A woke (True)", "1 B woke (True)", "1 C woke (True)",
                                 "1 waiting=0"}));
}

coro<> already_set() {
    event ev;
    ev.set();
    EXPECT_TRUE(ev.is_set());
    auto t = create_task(waiter("late", ev));
    co_await t;
    ev.clear();
    EXPECT_FALSE(ev.is_set());
}

TEST(Event, WaitReturnsAtOnceWhenTheFlagIsSet) {
    auto r = run(already_set());
    EXPECT_EQ(lines(r), (strings{"0 late woke (True)"}));
    for (auto& e : r.trace.events()) EXPECT_NE(e.kind, event_kind::future_created) << "no waiter future when set";
}

coro<> set_then_clear() {
    event ev;
    auto t = create_task(waiter("A", ev));
    co_await asyncio::sleep(0);
    ev.set();
    ev.clear();
    co_await t;
    print(fmt::format("is_set={}", repr(ev.is_set())));
}

TEST(Event, ClearRightAfterSetStillWakesThoseAlreadyWaiting) {
    EXPECT_EQ(lines(run(set_then_clear())), (strings{"0 A woke (True)", "0 is_set=False"}));
}

coro<> cancelled_waiter() {
    event ev;
    auto a = create_task(waiter("A", ev));
    auto b = create_task(waiter("B", ev));
    co_await asyncio::sleep(0);
    a.cancel();
    co_await asyncio::sleep(0);
    print(fmt::format("waiting={}", ev.waiting()));
    ev.set();
    co_await b;
    EXPECT_TRUE(a.cancelled());
}

TEST(Event, ACancelledWaiterLeavesTheDeque) {
    EXPECT_EQ(lines(run(cancelled_waiter())), (strings{"0 waiting=1", "0 B woke (True)"}));
}

coro<> wait_for_other(event mine, event theirs) {
    co_await theirs.wait();
    mine.set();
}

coro<> each_waits_for_the_other() {
    event a, b;
    auto t1 = create_task(wait_for_other(a, b), "alice");
    auto t2 = create_task(wait_for_other(b, a), "bob");
    co_await t1;
    co_await t2;
}

TEST(Event, ADeadlockNamesEachStuckTaskAndWhatItAwaits) {
    auto r = run(each_waits_for_the_other());
    ASSERT_TRUE(r.deadlocked);
    ASSERT_FALSE(r.diagnostics.empty());
    const std::string& d = r.diagnostics.back();
    EXPECT_NE(d.find("alice (wait_for_other) waits on event.wait()"), std::string::npos) << d;
    EXPECT_NE(d.find("bob (wait_for_other) waits on event.wait()"), std::string::npos) << d;
    EXPECT_NE(d.find("Task-1 (each_waits_for_the_other) waits on task alice"), std::string::npos) << d;
}

}  // namespace
