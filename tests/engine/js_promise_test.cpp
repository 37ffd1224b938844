// The JavaScript mode's promises and async functions: eagerness, tick counts, rejections.
#include <gtest/gtest.h>

#include "loopscope/js/js.hpp"

using namespace loopscope::js;
using loopscope::run_result;

namespace {

std::vector<std::string> lines(const run_result& r) {
    std::vector<std::string> out;
    for (const auto& l : r.output) out.push_back(l.text);
    return out;
}

promise<int> eager(std::vector<std::string>& log) {
    log.push_back("body starts");
    co_await null;
    log.push_back("body resumes");
    co_return 7;
}

TEST(JsAsyncFunction, RunsEagerlyUntilItsFirstAwait) {
    std::vector<std::string> log;
    run([&] {
        auto p = eager(log);
        log.push_back("call returned");
        EXPECT_TRUE(p.pending());
    });
    EXPECT_EQ(log, (std::vector<std::string>{"body starts", "call returned", "body resumes"}));
}

promise<int> no_await() { co_return 3; }

TEST(JsAsyncFunction, WithoutAwaitSettlesDuringTheCall) {
    run([] {
        auto p = no_await();
        EXPECT_TRUE(p.fulfilled());
        EXPECT_EQ(p.state()->value(), 3);
    });
}

promise<> thrower() {
    throw error("boom");
    co_return;
}

TEST(JsAsyncFunction, AThrowBeforeTheFirstAwaitRejectsInsteadOfThrowing) {
    auto r = run([] {
        auto p = thrower();  // no exception escapes the call
        EXPECT_TRUE(p.rejected());
        p.catch_([](const error& e) { console.log("caught " + e.message()); });
    });
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(lines(r), (std::vector<std::string>{"caught boom"}));
}

// Counts the microtask ticks before `p`'s then() runs, with a ticker queued first.
template <class Make>
int ticks_until_then(Make make) {
    int ticks = 0, seen = -1;
    std::function<void()> tick = [&] {
        ++ticks;
        if (ticks < 20) queueMicrotask(tick);
    };
    run([&] {
        queueMicrotask(tick);
        make().then([&] { seen = ticks; });
    });
    return seen;
}

promise<int> returns_value() { co_return 1; }
promise<int> returns_promise() { co_return Promise::resolve(1); }

TEST(JsPromise, TickCountsMatchV8) {
    // Measured under Node 20 with the same ticker (see tests/conformance/js_scenarios/js_await_ticks.js).
    EXPECT_EQ(ticks_until_then([] { return Promise::resolve(); }), 1);
    EXPECT_EQ(ticks_until_then([] { return returns_value(); }), 1);
    EXPECT_EQ(ticks_until_then([] { return returns_promise(); }), 3);  // adopting a promise: 2 more
    EXPECT_EQ(ticks_until_then([] { return Promise::resolve().then([] { return Promise::resolve(); }); }), 4);
    EXPECT_EQ(ticks_until_then([] { return Promise::resolve().finally([] {}); }), 4);
    EXPECT_EQ(ticks_until_then([] { return Promise::all(std::vector{Promise::resolve(1)}); }), 2);
    EXPECT_EQ(ticks_until_then([] { return Promise::all(std::vector<promise<int>>{}); }), 1);
    EXPECT_EQ(ticks_until_then([] { return new_promise<int>([](auto resolve) { resolve(Promise::resolve(1)); }); }), 3);
}

promise<> awaits_settled(std::vector<std::string>& log) {
    co_await Promise::resolve(5);
    log.push_back("await resumed");
}

TEST(JsPromise, AwaitOfASettledPromiseStillYieldsToTheMicrotaskQueue) {
    std::vector<std::string> log;
    run([&] {
        Promise::resolve().then([&] { log.push_back("then queued first"); });
        awaits_settled(log);
        log.push_back("script ends");
    });
    EXPECT_EQ(log, (std::vector<std::string>{"script ends", "then queued first", "await resumed"}));
}

TEST(JsPromise, ReactionsRunBeforeTheNextTimer) {
    auto r = run([] {
        setTimeout([] { console.log("timer 1"); }, 0);
        setTimeout([] { console.log("timer 2"); }, 0);
        Promise::resolve().then([] {
            console.log("micro 1");
            Promise::resolve().then([] { console.log("micro 2, queued by micro 1"); });
        });
        setTimeout([] {}, 0);
    });
    EXPECT_EQ(lines(r), (std::vector<std::string>{"micro 1", "micro 2, queued by micro 1", "timer 1", "timer 2"}));
}

TEST(JsPromise, ThenHandlersChainValuesAndTypes) {
    auto r = run([] {
        Promise::resolve(2)
            .then([](int v) { return v * 21; })
            .then([](int v) { return std::to_string(v) + "!"; })
            .then([](const std::string& s) { console.log(s); });
    });
    EXPECT_EQ(lines(r), (std::vector<std::string>{"42!"}));
}

TEST(JsPromise, CatchWithoutAValueMakesAnOptional) {
    auto r = run([] {
        Promise::reject<int>(error("no"))
            .catch_([](const error& e) { console.log(e.message()); })
            .then([](const std::optional<int>& v) { console.log(inspect(v)); });
    });
    EXPECT_EQ(lines(r), (std::vector<std::string>{"no", "undefined"}));
}

TEST(JsPromise, AnUnhandledRejectionEndsTheRunAfterTheMicrotasksDrain) {
    auto r = run([] {
        auto p = Promise::reject(type_error("bad"));
        Promise::resolve().then([p] { p.catch_([] {}); });  // handled, but only within the same drain
        Promise::reject(range_error("really unhandled"));
        setTimeout([] { console.log("never"); }, 1);
    });
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error_text, "RangeError: really unhandled");
    EXPECT_TRUE(r.output.empty());
}

TEST(JsPromise, AHandlerAddedInTheSameDrainCountsAsHandled) {
    auto r = run([] {
        auto p = Promise::reject(error("late"));
        queueMicrotask([p] { p.catch_([](const error& e) { console.log("handled " + e.message()); }); });
    });
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"handled late"}));
}

TEST(JsPromise, ResolveAndRejectCountOnlyOnce) {
    auto r = run([] {
        new_promise<int>([](auto resolve, auto reject) {
            resolve(1);
            resolve(2);
            reject(error("ignored"));
        }).then([](int v) { console.log(to_string(v)); });
    });
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1"}));
}

TEST(JsPromise, AnExecutorThatThrowsRejects) {
    auto r = run([] {
        new_promise<int>([](auto) { throw error("in executor"); }).catch_([](const error& e) {
            console.log(e.message());
            return 0;
        });
    });
    EXPECT_EQ(lines(r), (std::vector<std::string>{"in executor"}));
}

TEST(JsPromiseCombinators, AllRaceAnyAllSettled) {
    auto r = run([] {
        auto later = [](int v, double ms) {
            return new_promise<int>([v, ms](auto resolve) { setTimeout([resolve, v] { resolve(v); }, ms); });
        };
        auto failing = [](double ms) {
            return new_promise<int>([ms](auto, auto reject) { setTimeout([reject] { reject(error("f")); }, ms); });
        };
        Promise::all(std::vector{later(1, 30), later(2, 10)}).then([](const std::vector<int>& v) {
            console.log("all", v);
        });
        Promise::race(later(1, 30), later(2, 10)).then([](int v) { console.log("race", v); });
        Promise::any(failing(5), later(3, 20)).then([](int v) { console.log("any", v); });
        Promise::any(failing(5), failing(6)).catch_([](const error& e) {
            console.log(e.name() + ": " + e.message());
            return 0;
        });
        Promise::allSettled(later(4, 1), failing(2)).then([](const std::vector<settled<int>>& v) {
            console.log(v[0].status, v[1].status);
        });
    });
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"fulfilled rejected", "AggregateError: All promises were rejected",
                                                  "race 2", "any 3", "all [ 1, 2 ]"}));
}

promise<> lane_child() { co_await null; }
promise<> lane_parent() {
    co_await lane_child();
}

TEST(JsTrace, EachAsyncCallIsALaneNamedAfterItsFunction) {
    auto r = run([] { lane_parent(); });
    const auto& t = r.trace;
    ASSERT_GE(t.tasks().size(), 3u);
    EXPECT_EQ(t.task_name(1), "lane_parent");
    EXPECT_EQ(t.task_name(2), "lane_child");
    EXPECT_EQ(t.task(2).parent, 1u);
    EXPECT_NE(t.task(1).finished, loopscope::no_event);
    EXPECT_NE(t.task(2).finished, loopscope::no_event);
}

TEST(JsTrace, MicrotasksAndTimersHaveTheirOwnPhases) {
    auto r = run([] {
        setTimeout([] { Promise::resolve().then([] {}); }, 1000);
        Promise::resolve().then([] {});
    });
    std::vector<loopscope::loop_phase> phases;
    for (const auto& e : r.trace.events())
        if (e.kind == loopscope::event_kind::loop_phase) phases.push_back(static_cast<loopscope::loop_phase>(e.aux));
    using lp = loopscope::loop_phase;
    EXPECT_EQ(phases, (std::vector<lp>{lp::ready, lp::microtasks, lp::timers, lp::microtasks}));
    EXPECT_DOUBLE_EQ(r.trace.end_time(), 1.0);  // milliseconds inside, seconds in the trace
}

}  // namespace
