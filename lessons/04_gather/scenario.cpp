// Lesson 4: gather runs coroutines concurrently. Choice 0: seed 002's greet; choice 1: seed 000's tasks.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

// lesson.py / lesson.js
coro<> greet(std::string name, double delay) {                 // py 3 js 1
    print(fmt::format("Hello, {}!", name));                    // py 4 js 2
    co_await asyncio::sleep(delay);                            // py 5 js 3
    print(fmt::format("Goodbye, {}!", name));                  // py 6 js 4
}

coro<> greet_main(double delay) {                              // py 8 js 7
    co_await asyncio::gather(                                  // py 9 js 8
        greet("Alice", delay),                                 // py 10 js 9
        greet("Bob", delay),                                   // py 11 js 10
        greet("Charlie", delay));                              // py 12 js 11
}

// tasks.py / tasks.js
coro<std::string> task(std::string name, double delay) {       // py 3 js 2
    co_await asyncio::sleep(delay);                            // py 4 js 3
    co_return fmt::format("Task {} completed", name);          // py 5 js 4
}

coro<> tasks_main(double delay) {                              // py 7 js 7
    std::vector<coro<std::string>> tasks;                      // py 8 js 8
    for (auto name : {"A", "B", "C"}) tasks.push_back(task(name, delay));
    auto results = co_await asyncio::gather(std::move(tasks)); // py 9 js 9
    print(repr(results));                                      // py 10 js 10
}

}  // namespace

LOOPSCOPE_LESSON_RUN(04_gather) {
    double delay = lessons::knob_value(knobs, "delay", 1);
    auto opts = lessons::lesson_options("gather");
    if (lessons::knob_choice(knobs, "program", 0) == 1) return asyncio::run(tasks_main(delay), opts);  // py 12 js 13
    return asyncio::run(greet_main(delay), opts);                                                       // py 15 js 15
}
