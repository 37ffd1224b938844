#include <memory>
#include <source_location>

#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

std::vector<std::string> lines(const run_result& r) { return loopscope::testing::short_lines(r); }

using strings = std::vector<std::string>;

coro<> job(std::string name, semaphore sem, double seconds, std::shared_ptr<int> running) {
    auto held = co_await sem.acquire_guard();
    ++*running;
    print(fmt::format("{} starts ({} running)", name, *running));
    co_await asyncio::sleep(seconds);
    --*running;
}

coro<> at_most_two() {
    semaphore sem(2);
    auto running = std::make_shared<int>(0);
    std::vector<task<>> ts;
    for (auto [n, d] : {std::pair{"a", 3.0}, {"b", 1.0}, {"c", 1.0}, {"d", 2.0}})
        ts.push_back(create_task(job(n, sem, d, running)));
    for (auto& t : ts) co_await t;
    print(fmt::format("value={}", sem.value()));
}

TEST(Semaphore, LimitsConcurrencyAndServesWaitersInOrder) {
    auto r = run(at_most_two());
    EXPECT_EQ(lines(r), (strings{"0 a starts (1 running)", "0 b starts (2 running)", "1 c starts (2 running)",
                                 "2 d starts (2 running)", "4 value=2"}));
}

coro<> newcomer() {
    semaphore sem(1);
    co_await sem.acquire();
    auto running = std::make_shared<int>(0);
    auto w = create_task(job("waiter", sem, 1, running));
    co_await asyncio::sleep(0);
    sem.release();  // the slot now belongs to the woken waiter
    print(fmt::format("value={} locked={}", sem.value(), repr(sem.locked())));
    co_await sem.acquire();
    print("main again");
    sem.release();
    co_await w;
}

TEST(Semaphore, AReleaseGivesTheSlotToTheWokenWaiterNotToANewcomer) {
    EXPECT_EQ(lines(run(newcomer())), (strings{"0 value=0 locked=True", "0 waiter starts (1 running)", "1 main again"}));
}

coro<> cancel_woken() {
    semaphore sem(1);
    co_await sem.acquire();
    auto running = std::make_shared<int>(0);
    auto a = create_task(job("A", sem, 1, running));
    auto b = create_task(job("B", sem, 1, running));
    co_await asyncio::sleep(0);
    sem.release();  // wakes A with the slot...
    a.cancel();     // ...A is cancelled before it runs and hands the slot to B
    co_await asyncio::sleep(0);
    print(fmt::format("value={} a cancelled={}", sem.value(), repr(a.cancelled())));
    co_await b;
    print(fmt::format("value={}", sem.value()));
}

TEST(Semaphore, ACancelledWokenWaiterGivesItsSlotToTheNext) {
    EXPECT_EQ(lines(run(cancel_woken())), (strings{"0 value=0 a cancelled=True", "0 B starts (1 running)", "1 value=1"}));
}

TEST(Semaphore, ANegativeInitialValueIsAValueError) {
    try {
        semaphore bad(-1);
        FAIL() << "no error";
    } catch (const python_error& e) {
        EXPECT_EQ(e.type_name, "ValueError");
        EXPECT_STREQ(e.what(), "Semaphore initial value must be >= 0");
    }
}

coro<> bounded() {
    bounded_semaphore b(1);
    co_await b.acquire();
    b.release();
    EXPECT_EQ(b.value(), 1);
    try {
        b.release();
        ADD_FAILURE() << "released past the bound";
    } catch (const python_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
    semaphore plain(1);
    plain.release();  // an unbounded semaphore just grows
    print(fmt::format("plain value={}", plain.value()));
}

TEST(BoundedSemaphore, ReleasingBeyondTheInitialValueIsAValueError) {
    EXPECT_EQ(lines(run(bounded())),
              (strings{"0 ValueError: BoundedSemaphore released too many times", "0 plain value=2"}));
}

coro<> release_soon(semaphore sem) {
    co_await asyncio::sleep(1);
    sem.release();
    sem.release();
}

coro<> traced_main(std::uint32_t* line) {
    semaphore sem(0);
    auto r = create_task(release_soon(sem));
    *line = std::source_location::current().line() + 1;
    auto g = co_await sem.acquire_guard();
    co_await r;
}

TEST(Semaphore, AGuardedWaitIsTracedAtTheScenarioLine) {
    std::uint32_t line = 0;
    auto r = run(traced_main(&line));
    ASSERT_TRUE(r.ok()) << r.error_text;
    int found = 0;
    for (auto& e : r.trace.events()) {
        if (e.kind != event_kind::task_suspended || r.trace.string(e.b) != "semaphore.acquire()") continue;
        ++found;
        EXPECT_EQ(static_cast<await_kind>(e.aux), await_kind::primitive);
        EXPECT_EQ(r.trace.site_of(e).line, line);
    }
    EXPECT_EQ(found, 1);
}

}  // namespace
