// Lesson 12: Python's coroutine is lazy (nothing runs until it is awaited or made a task);
// JavaScript's async function runs at once, up to its first await, and hands back a promise.
// This scenario is the Python side; lesson.js is the JavaScript twin the tutorial compares with.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<std::string> work(std::string name, double delay) {      // py 3
    print(fmt::format("{} starts", name));                    // py 4
    co_await asyncio::sleep(delay);                           // py 5
    print(fmt::format("{} ends", name));                      // py 6
    co_return name;                                           // py 7
}

coro<> main_coro(double delay) {                              // py 9
    auto a = work("A", delay);                                // py 10
    print("created A");                                       // py 11
    auto b = asyncio::create_task(work("B", delay));          // py 12
    print("created B");                                       // py 13
    co_await asyncio::sleep(0);                               // py 14
    print("main yielded once");                               // py 15
    auto ra = co_await std::move(a);                          // py 16
    auto rb = co_await b;                                     // py 16
    print(fmt::format("{} {}", ra, rb));                      // py 16
}

}  // namespace

LOOPSCOPE_LESSON_RUN(12_python_vs_javascript) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "delay", 1)), lessons::lesson_options("Python vs JavaScript"));  // py 18
}
