// Lesson 4, the JavaScript twins (lesson.js: greet with Promise.all; tasks.js: tasks A, B, C),
// run by the engine's JavaScript mode with Node's rules.
#include "lesson_api.hpp"
#include "loopscope/js/js.hpp"

using namespace loopscope::js;

namespace {

// lesson.js
promise<> greet(std::string name, double ms) {                                       // js 1
    console.log("Hello, " + name + "!");                                             // js 2
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });           // js 3
    console.log("Goodbye, " + name + "!");                                           // js 4
}

promise<> greet_main(double ms) {                                                    // js 7
    auto alice = greet("Alice", ms);                                                 // js 9
    auto bob = greet("Bob", ms);                                                     // js 10
    auto charlie = greet("Charlie", ms);                                             // js 11
    co_await Promise::all(alice, bob, charlie);                                      // js 8
}

// tasks.js
promise<std::string> task(std::string name, double ms) {                             // js 2
    co_await new_promise([ms](auto resolve) { setTimeout(resolve, ms); });           // js 3
    co_return "Task " + name + " completed";                                         // js 4
}

promise<> tasks_main(double ms) {                                                    // js 7
    std::vector<promise<std::string>> tasks{task("A", ms), task("B", ms), task("C", ms)};  // js 8
    auto results = co_await Promise::all(tasks);                                     // js 9
    console.log(results);                                                            // js 10
}

}  // namespace

LOOPSCOPE_LESSON_RUN_JS(04_gather) {
    double ms = loopscope::lessons::knob_value(knobs, "delay", 1) * 1000;
    auto opts = loopscope::lessons::lesson_options("Promise.all (JavaScript)");
    if (loopscope::lessons::knob_choice(knobs, "program", 0) == 1)
        return loopscope::js::run([ms] { return tasks_main(ms); }, opts);           // js 12
    return loopscope::js::run([ms] { return greet_main(ms); }, opts);               // js 15
}
