// Lesson 1: Hello, World. asyncio.run starts a loop, main prints, sleeps, prints again.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<> main_coro(double delay) {              // py 3
    print("Hello");                           // py 4
    co_await asyncio::sleep(delay);           // py 5
    print("World");                           // py 6
}

}  // namespace

LOOPSCOPE_LESSON_RUN(01_hello_world) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "delay", 1.0)), lessons::lesson_options("Hello, World")).trace;
}
