// Orderings students get wrong: sync code, microtasks, timers; eager async functions; tick counts.
#include "js_scenario.hpp"

using namespace loopscope::js;

namespace {

void ordering_puzzle() {
    console.log("1");
    setTimeout([] { console.log("timeout"); }, 0);
    Promise::resolve().then([] { console.log("micro"); });
    queueMicrotask([] { console.log("queueMicrotask"); });
    console.log("2");
}
JS_SCENARIO(js_ordering_puzzle, ordering_puzzle);

promise<std::string> work(std::string name) {
    console.log(name + ": before the first await");
    co_await null;
    console.log(name + ": after the first await");
    co_return name;
}
void eager_async() {
    console.log("script: calling work(A)");
    auto p = work("A");
    console.log("script: work(A) returned a promise");
    work("B").then([](const std::string& v) { console.log("then: work(B) gave " + v); });
    p.then([](const std::string& v) { console.log("then: work(A) gave " + v); });
    console.log("script: end");
}
JS_SCENARIO(js_eager_async, eager_async);

promise<> stepper(std::string name, int steps) {
    for (int i = 1; i <= steps; i++) {
        co_await null;
        console.log(name + " step " + std::to_string(i));
    }
}
promise<std::string> returnsValue() { co_return "value"; }
promise<std::string> returnsPromise() { co_return Promise::resolve(std::string("promise")); }
promise<int> one() { co_return 1; }
promise<> awaits() {
    co_await Promise::resolve();
    console.log("await of a resolved promise");
    co_await one();
    console.log("await of an async function's value");
}
void await_ticks() {
    stepper("A", 4);
    stepper("B", 4);
    returnsValue().then([](const std::string& v) { console.log("returned " + v); });
    returnsPromise().then([](const std::string& v) { console.log("returned " + v); });
    Promise::resolve()
        .then([] { console.log("chain 1"); })
        .then([] { console.log("chain 2"); })
        .then([] { console.log("chain 3"); });
    awaits();
}
JS_SCENARIO(js_await_ticks, await_ticks);

void finally_ticks() {
    auto log = [](const std::string& s) { console.log(s); };
    Promise::resolve(1).finally([&] { log("finally callback"); }).then([=](int v) {
        log("after finally: " + to_string(v));
    });
    Promise::resolve(2)
        .then([=](int v) { log("then: " + to_string(v)); })
        .then([=] { log("then 2"); })
        .then([=] { log("then 3"); })
        .then([=] { log("then 4"); });
    new_promise<int>([](auto resolve) { resolve(Promise::resolve(3)); }).then([=](int v) {
        log("resolved with a promise: " + to_string(v));
    });
    Promise::reject(error("x"))
        .catch_([=](const error& e) { log("catch: " + e.message()); })
        .then([=](undefined_t v) { log("after catch: " + to_string(v)); });
    Promise::all(std::vector<promise<int>>{}).then([=](const std::vector<int>& v) {
        log("all([]): " + to_string(v.size()));
    });
    Promise::race(std::vector{Promise::resolve(std::string("r"))}).then([=](const std::string& v) {
        log("race: " + v);
    });
}
JS_SCENARIO(js_finally_ticks, finally_ticks);

int depth = 0;
void again() {
    depth++;
    if (depth < 5) queueMicrotask(again);
    else console.log("microtasks ran " + to_string(depth) + " times before the timer");
}
promise<> countdown(int n) {
    while (n > 0) {
        console.log("countdown " + to_string(n));
        n--;
        co_await null;
    }
}
void microtask_chain() {
    depth = 0;
    setTimeout([] { console.log("timer"); }, 0);
    queueMicrotask(again);
    countdown(3);
}
JS_SCENARIO(js_microtask_chain, microtask_chain);

}  // namespace
