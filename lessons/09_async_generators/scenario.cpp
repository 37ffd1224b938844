// Lesson 9: an async generator sleeps between items; async for awaits each one in turn.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

async_generator<int> async_gen(int count, double delay) {     // py 3
    for (int i = 0; i < count; ++i) {                         // py 4
        co_await asyncio::sleep(delay);                       // py 5
        co_yield i;                                           // py 6
    }
}

coro<> main_coro(int count, double delay) {                   // py 8
    auto gen = async_gen(count, delay);                       // py 9
    while (auto value = co_await gen.next())                  // py 9
        print(str(*value));                                   // py 10
}

}  // namespace

LOOPSCOPE_LESSON_RUN(09_async_generators) {
    return asyncio::run(main_coro(lessons::knob_choice(knobs, "count", 3), lessons::knob_value(knobs, "delay", 1)),  // py 12
                        lessons::lesson_options("Async generators"));
}
