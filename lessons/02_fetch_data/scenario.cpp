// Lesson 2: awaiting a coroutine runs it inside the awaiting task; no new task is made.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<std::string> fetch_data(double delay) {        // py 3 js 1
    co_await asyncio::sleep(delay);                 // py 5 js 3
    co_return "Data from Python";                   // py 6 js 4
}

coro<> main_coro(double delay) {                    // py 8 js 7
    auto result = co_await fetch_data(delay);       // py 9 js 8
    print(result);                                  // py 10 js 9
}

}  // namespace

LOOPSCOPE_LESSON_RUN(02_fetch_data) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "delay", 1)), lessons::lesson_options("Awaiting a coroutine"));  // py 12 js 12
}
