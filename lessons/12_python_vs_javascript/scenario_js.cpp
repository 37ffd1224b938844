// Lesson 12, the JavaScript twin (lesson.js), run by the engine's JavaScript mode with Node's rules:
// calling an async function runs it at once, up to its first await.
#include "lesson_api.hpp"
#include "loopscope/js/js.hpp"

using namespace loopscope::js;

namespace {

promise<std::string> work(std::string name, double ms) {                            // js 1
    console.log(name + " starts");                                                   // js 2
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });           // js 3
    console.log(name + " ends");                                                     // js 4
    co_return name;                                                                  // js 5
}

promise<> main_fn(double ms) {                                                       // js 8
    auto a = work("A", ms);                                                          // js 9
    console.log("created A");                                                        // js 10
    auto b = work("B", ms);                                                          // js 11
    console.log("created B");                                                        // js 12
    co_await null;                                                                   // js 13
    console.log("main yielded once");                                                // js 14
    auto ra = co_await a;                                                            // js 15
    auto rb = co_await b;                                                            // js 15
    console.log(ra, rb);                                                             // js 15
}

}  // namespace

LOOPSCOPE_LESSON_RUN_JS(12_python_vs_javascript) {
    double ms = loopscope::lessons::knob_value(knobs, "delay", 1) * 1000;
    return loopscope::js::run([ms] { return main_fn(ms); }, loopscope::lessons::lesson_options("Python vs JavaScript (JavaScript)"));  // js 18
}
