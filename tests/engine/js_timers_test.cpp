// The JavaScript mode's timer queue: Node's clamp, insertion order, intervals, uncaught errors.
#include <gtest/gtest.h>

#include "loopscope/js/js.hpp"
#include "loopscope/snapshot.hpp"
#include "loopscope/trace_file.hpp"

using namespace loopscope::js;

namespace {

std::vector<std::string> stamped(const loopscope::run_result& r) {
    std::vector<std::string> out;
    for (const auto& l : r.output) out.push_back(fmt::format("{:.3f} {}", l.time, l.text));
    return out;
}

TEST(JsTimers, DelaysBelowOneMillisecondBecomeOne) {
    EXPECT_EQ(clamp_delay(0), 1);
    EXPECT_EQ(clamp_delay(-5), 1);
    EXPECT_EQ(clamp_delay(0.5), 1);
    EXPECT_EQ(clamp_delay(1.5), 2);  // libuv counts whole milliseconds
    EXPECT_EQ(clamp_delay(std::nan("")), 1);
    EXPECT_EQ(clamp_delay(3e9), 1);  // past TIMEOUT_MAX
    EXPECT_EQ(clamp_delay(1000), 1000);
}

TEST(JsTimers, EqualDeadlinesRunInInsertionOrder) {
    auto r = run([] {
        setTimeout([] { console.log("a"); }, 1);
        setTimeout([] { console.log("b"); }, 0);
        setTimeout([] { console.log("c"); }, 0.2);
    });
    EXPECT_EQ(stamped(r), (std::vector<std::string>{"0.001 a", "0.001 b", "0.001 c"}));
}

TEST(JsTimers, ClearTimeoutAndIntervals) {
    auto r = run([] {
        auto t = setTimeout([] { console.log("never"); }, 5);
        clearTimeout(t);
        auto n = std::make_shared<int>(0);
        auto id = std::make_shared<timeout_ref>();
        *id = setInterval(
            [n, id] {
                console.log("tick " + std::to_string(++*n));
                if (*n == 2) clearInterval(*id);
            },
            100);
    });
    EXPECT_EQ(stamped(r), (std::vector<std::string>{"0.100 tick 1", "0.200 tick 2"}));
    EXPECT_TRUE(r.ok());
}

TEST(JsTimers, TheSleepIdiomDelayResolvesAfterItsDelay) {
    auto r = run([]() -> promise<> {
        co_await delay(250);
        console.log("slept");
    });
    EXPECT_EQ(stamped(r), (std::vector<std::string>{"0.250 slept"}));
}

TEST(JsTimers, AThrowInATimerStopsTheRun) {
    auto r = run([] {
        setTimeout([] { throw type_error("x is undefined"); }, 10);
        setTimeout([] { console.log("never"); }, 20);
    });
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error_text, "TypeError: x is undefined");
    EXPECT_TRUE(r.output.empty());
}

TEST(JsTimers, TheTimeLimitStopsARunawayInterval) {
    loopscope::loop_options o;
    o.max_time = 1;
    auto r = run([] { setInterval([] {}, 300); }, o);
    EXPECT_TRUE(r.limit_reached);
}

TEST(JsTimers, AnEndlessMicrotaskLoopHitsTheEventLimit) {
    loopscope::loop_options o;
    o.max_events = 1000;
    std::function<void()> again = [&again] { queueMicrotask(again); };
    auto r = run([&] { queueMicrotask(again); }, o);
    EXPECT_TRUE(r.limit_reached);
}

promise<> never_settles() { co_await new_promise([](auto) {}); }

TEST(JsTrace, APendingAsyncFunctionAtTheEndIsDiagnosedButNotAnError) {
    auto r = run([] { never_settles(); });
    EXPECT_TRUE(r.ok());  // Node exits quietly
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].find("never_settles never finished"), std::string::npos);
}

promise<std::string> fetchData() {
    co_await delay(1000);
    co_return "data";
}

TEST(JsTrace, ATraceSurvivesTheFileFormatsValidation) {
    auto r = run([]() -> promise<> {
        console.log(co_await fetchData());
        co_await Promise::all(fetchData(), fetchData());
    });
    std::string bytes = loopscope::serialize_trace(r.trace);
    auto loaded = loopscope::parse_trace(std::as_bytes(std::span(bytes.data(), bytes.size())));
    EXPECT_TRUE(loaded.error.empty()) << loaded.error;
    ASSERT_TRUE(loaded.trace.has_value());
    EXPECT_EQ(loaded.trace->size(), r.trace.size());
    EXPECT_EQ(r.trace.producer(), "loopscope engine (JavaScript mode)");
}

TEST(JsTrace, TheStateViewsReplayAJavaScriptTrace) {
    auto r = run([]() -> promise<> {
        setTimeout([] { queueMicrotask([] {}); }, 0);
        console.log(co_await fetchData());
    });
    loopscope::state_index index(r.trace);
    for (loopscope::event_index i = 0; i < r.trace.size(); ++i) EXPECT_FALSE(loopscope::narrate(index, i).empty());
    const auto end = index.after(static_cast<loopscope::event_index>(r.trace.size() - 1));
    EXPECT_TRUE(end.ready.empty());  // every queued microtask ran
    EXPECT_TRUE(end.timers.empty());
}

}  // namespace
