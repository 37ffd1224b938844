// Lesson 5: create_task starts both operations; awaiting them in order still overlaps the waits.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<double> slow_operation(double delay) {                                   // py 3
    print(fmt::format("Starting operation with delay {}", delay));            // py 4
    co_await asyncio::sleep(delay);                                           // py 5
    print(fmt::format("Operation with delay {} finished", delay));            // py 6
    co_return delay * 2;                                                      // py 7
}

coro<> main_coro(double first, double second) {                               // py 9
    auto task1 = asyncio::create_task(slow_operation(first));                 // py 10
    auto task2 = asyncio::create_task(slow_operation(second));                // py 11
    auto result1 = co_await task1;                                            // py 12
    auto result2 = co_await task2;                                            // py 13
    print(fmt::format("Results: {}, {}", result1, result2));                  // py 14
}

}  // namespace

LOOPSCOPE_LESSON_RUN(05_create_task) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "first", 2), lessons::knob_value(knobs, "second", 1)),
                        lessons::lesson_options("create_task"))
        .trace;
}
