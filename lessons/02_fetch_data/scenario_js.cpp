// Lesson 2, the JavaScript twin (lesson.js), run by the engine's JavaScript mode with Node's rules.
#include "lesson_api.hpp"
#include "loopscope/js/js.hpp"

using namespace loopscope::js;

namespace {

promise<std::string> fetchData(double ms) {                                          // js 1
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });           // js 3
    co_return "Data from JavaScript";                                                // js 4
}

promise<> main_fn(double ms) {                                                       // js 7
    auto result = co_await fetchData(ms);                                            // js 8
    console.log(result);                                                             // js 9
}

}  // namespace

LOOPSCOPE_LESSON_RUN_JS(02_fetch_data) {
    double ms = loopscope::lessons::knob_value(knobs, "delay", 1) * 1000;
    return loopscope::js::run([ms] { return main_fn(ms); }, loopscope::lessons::lesson_options("Awaiting a coroutine (JavaScript)"));  // js 12
}
