#include <gtest/gtest.h>

#include "loopscope/async_generator.hpp"
#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

unsigned sleep_line = 0;  // set by count_up: the line of its sleep

using loopscope::testing::lines;

async_generator<int> count_up(int n, double pause, std::vector<std::string>* log) {
    for (int i = 0; i < n; ++i) {
        log->push_back(fmt::format("produce {}", i));
        sleep_line = __LINE__ + 1;  // the line the trace must name, however this file moves
        if (pause > 0) co_await asyncio::sleep(pause);
        co_yield i;
    }
    log->push_back("done");
}

coro<> consume_all(int n, double pause, std::vector<std::string>* log) {
    auto gen = count_up(n, pause, log);
    while (auto v = co_await gen.next()) {
        log->push_back(fmt::format("consume {}", *v));
        print(str(*v));
    }
    EXPECT_TRUE(gen.finished());
    EXPECT_FALSE(co_await gen.next()) << "an exhausted generator keeps saying it is exhausted";
}

TEST(AsyncGenerator, ItemsArriveInOrderWithTheSleepsBetweenThem) {
    std::vector<std::string> log;
    auto r = run(consume_all(3, 1, &log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 0", "2.000 1", "3.000 2"}));
    EXPECT_EQ(log, (std::vector<std::string>{"produce 0", "consume 0", "produce 1", "consume 1", "produce 2",
                                             "consume 2", "done"}));
}

TEST(AsyncGenerator, DoesNothingUntilTheFirstNext) {
    std::vector<std::string> log;
    event_loop loop;
    {
        auto gen = count_up(3, 0, &log);
        EXPECT_TRUE(log.empty());
    }
    EXPECT_TRUE(log.empty());
    EXPECT_TRUE(loop.diagnostics().empty()) << "Python does not warn about an unconsumed async generator";
}

TEST(AsyncGenerator, YieldingNeverSuspendsTheConsumingTask) {
    std::vector<std::string> log;
    auto r = run(consume_all(3, 0, &log));
    int suspensions = 0;
    for (auto& e : r.trace.events()) suspensions += e.kind == event_kind::task_suspended;
    EXPECT_EQ(suspensions, 0);
}

TEST(AsyncGenerator, TheGeneratorsAwaitsSuspendTheConsumerAtTheGeneratorsLine) {
    std::vector<std::string> log;
    auto r = run(consume_all(1, 1, &log));
    const trace& t = r.trace;
    bool found = false;
    for (auto& e : t.events()) {
        if (e.kind != event_kind::task_suspended) continue;
        found = true;
        EXPECT_EQ(e.subject, 1u) << "the consuming task is the one that waits";
        EXPECT_EQ(t.site_of(e).line, sleep_line) << "the sleep inside count_up";
    }
    EXPECT_TRUE(found);
}

async_generator<int> raises_after_one() {
    co_yield 1;
    co_await asyncio::sleep(0.5);
    throw value_error("sensor offline");
}

coro<> consume_raising(std::vector<std::string>* log) {
    auto gen = raises_after_one();
    try {
        while (auto v = co_await gen.next()) log->push_back(fmt::format("got {}", *v));
    } catch (const python_error& e) {
        log->push_back(fmt::format("caught {} at {}", e.what(), get_running_loop().time()));
    }
    EXPECT_FALSE(co_await gen.next());
}

TEST(AsyncGenerator, AnExceptionInTheBodyComesOutOfNext) {
    std::vector<std::string> log;
    auto r = run(consume_raising(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"got 1", "caught sensor offline at 0.5"}));
}

coro<> cancel_consumer(std::vector<std::string>* log) {
    auto consumer = asyncio::create_task([](std::vector<std::string>* l) -> coro<> {
        auto gen = count_up(5, 1, l);
        try {
            while (auto v = co_await gen.next()) l->push_back(fmt::format("consume {}", *v));
        } catch (const cancelled_error&) {
            l->push_back("consumer cancelled");
            throw;
        }
    }(log));
    co_await asyncio::sleep(1.5);
    consumer.cancel();
    try {
        co_await consumer;
    } catch (const cancelled_error&) {
    }
}

TEST(AsyncGenerator, CancellingTheConsumerRaisesInsideTheGeneratorsAwait) {
    std::vector<std::string> log;
    auto r = run(cancel_consumer(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"produce 0", "consume 0", "produce 1", "consumer cancelled"}));
}

coro<> two_consumers_of_one(std::string* error) {
    std::vector<std::string> log;
    auto gen = count_up(3, 1, &log);
    auto first = asyncio::create_task([](async_generator<int>* g) -> coro<> { (void)co_await g->next(); }(&gen));
    co_await asyncio::sleep(0.5);
    try {
        (void)co_await gen.next();
    } catch (const python_error& e) {
        *error = e.what();
    }
    co_await first;
}

TEST(AsyncGenerator, ASecondConsumerWhileTheFirstWaitsIsAnError) {
    std::string error;
    auto r = run(two_consumers_of_one(&error));
    EXPECT_EQ(error, "anext(): asynchronous generator is already running");
}

}  // namespace
