// Lesson 1: Hello, World. asyncio.run starts a loop, main prints, sleeps, prints again.
// Choice 1 runs seed 003's my_coroutine the same way (its text lines up with lesson.py's).
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<> main_coro(double delay) {              // py 3
    print("Hello");                           // py 4
    co_await asyncio::sleep(delay);           // py 5
    print("World");                           // py 6
}

coro<> my_coroutine(double delay) {           // py 3
    print("Coroutine started");               // py 4
    co_await asyncio::sleep(delay);           // py 5
    print("Coroutine resumed");               // py 6
}

}  // namespace

LOOPSCOPE_LESSON_RUN(01_hello_world) {
    double delay = lessons::knob_value(knobs, "delay", 1.0);
    auto opts = lessons::lesson_options("Hello, World");
    if (lessons::knob_choice(knobs, "program", 0) == 1) return asyncio::run(my_coroutine(delay), opts);  // py 8
    return asyncio::run(main_coro(delay), opts);                                                          // py 8
}
