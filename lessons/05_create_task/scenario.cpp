// Lesson 5: create_task starts both operations; awaiting them in order still overlaps the waits.
#include "lesson_api.hpp"

using namespace loopscope;
using lessons::py_num;

namespace {

coro<py_num> slow_operation(py_num delay) {                                   // py 3
    print(fmt::format("Starting operation with delay {}", str(delay)));       // py 4
    co_await asyncio::sleep(delay);                                           // py 5
    print(fmt::format("Operation with delay {} finished", str(delay)));       // py 6
    co_return delay * 2;                                                      // py 7
}

coro<> main_coro(py_num first, py_num second) {                               // py 9
    auto task1 = asyncio::create_task(slow_operation(first));                 // py 10
    auto task2 = asyncio::create_task(slow_operation(second));                // py 11
    auto result1 = co_await task1;                                            // py 12
    auto result2 = co_await task2;                                            // py 13
    print(fmt::format("Results: {}, {}", str(result1), str(result2)));        // py 14
}

}  // namespace

LOOPSCOPE_LESSON_RUN(05_create_task) {
    return asyncio::run(main_coro(lessons::knob_number(knobs, "first", 2), lessons::knob_number(knobs, "second", 1)),
                        lessons::lesson_options("create_task"));
}
