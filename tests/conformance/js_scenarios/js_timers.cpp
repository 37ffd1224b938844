// Timers: the 1 ms clamp, insertion order, intervals, races against a timeout, a throwing callback.
#include "js_scenario.hpp"

using namespace loopscope::js;

namespace {

void timers_order() {
    setTimeout([] { console.log("A 1ms"); }, 1);
    setTimeout(
        [] {
            console.log("B 0ms (clamped to 1)");
            Promise::resolve().then([] { console.log("B's microtask"); });
        },
        0);
    setTimeout([] { console.log("C 1ms"); }, 1);
    setTimeout([] { console.log("D 0.5ms"); }, 0.5);
    setTimeout([] { console.log("E 2ms"); }, 2);
    setTimeout(
        [] {
            console.log("F 1.5ms fires at 2ms");
            setTimeout([] { console.log("G nested, 0ms"); }, 0);
        },
        1.5);
    auto cancelled = setTimeout([] { console.log("never"); }, 1);
    clearTimeout(cancelled);
    auto n = std::make_shared<int>(0);
    auto id = std::make_shared<timeout_ref>();
    *id = setInterval(
        [n, id] {
            (*n)++;
            console.log("interval " + to_string(*n));
            if (*n == 3) clearInterval(*id);
        },
        10);
    setTimeout([] { console.log("H 20ms, armed before interval 2 was"); }, 20);
}
JS_SCENARIO(js_timers_order, timers_order);

promise<std::string> timeout(int ms) {
    return new_promise<std::string>([ms](auto, auto reject) {
        setTimeout([reject, ms] { reject(error("timed out after " + to_string(ms) + " ms")); }, ms);
    });
}
promise<std::string> request(std::string name, int ms) {
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });
    console.log(name + " answered after " + to_string(ms) + " ms");
    co_return name + " data";
}
promise<> race_main() {
    console.log(co_await Promise::race(request("fast", 100), timeout(500)));
    try {
        co_await Promise::race(request("slow", 2000), timeout(500));
    } catch (const error& e) {
        console.log("race lost:", e.message());
    }
}
JS_SCENARIO(js_race_timeout, race_main);

void uncaught_in_timer() {
    setTimeout([] { console.log("first timer"); }, 10);
    setTimeout(
        [] {
            Promise::resolve().then([] { console.log("never: the process exits first"); });
            throw type_error("cannot read properties of undefined");
        },
        20);
    setTimeout([] { console.log("never printed"); }, 30);
}
JS_SCENARIO(js_uncaught_in_timer, uncaught_in_timer);

}  // namespace
