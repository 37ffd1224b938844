// Rejections: unhandled ones end the run; Promise.all rejects fast while the others go on.
#include "js_scenario.hpp"

using namespace loopscope::js;

namespace {

promise<> load() {
    console.log("loading");
    co_await new_promise([](auto resolve) { setTimeout(resolve, 100); });
    throw error("load failed");
}
promise<> unhandled_main() {
    setTimeout([] { console.log("never printed: the process is gone"); }, 200);
    co_await load();
    console.log("not reached");
}
JS_SCENARIO(js_unhandled_rejection, unhandled_main);

promise<std::string> job(std::string name, int ms, bool fail = false) {
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });
    if (fail) throw error(name + " failed");
    console.log(name + " finished");
    co_return name;
}
promise<> fail_fast_main() {
    try {
        auto results = co_await Promise::all(job("a", 300), job("b", 100, true), job("c", 200));
        console.log(results);
    } catch (const error& e) {
        console.log("Promise.all rejected:", e.message());
    }
    auto settled = co_await Promise::allSettled(job("d", 50), job("e", 10, true));
    for (const auto& s : settled)
        console.log(s.status, s.fulfilled() ? *s.value : error_of(s.reason).message());
}
JS_SCENARIO(js_all_fail_fast, fail_fast_main);

}  // namespace
