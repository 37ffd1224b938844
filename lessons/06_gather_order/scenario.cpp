// Lesson 6: gather returns results in argument order, whatever order the operations finish in.
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

coro<> main_coro(py_num a, py_num b, py_num c) {                              // py 9
    auto results = co_await asyncio::gather(                                  // py 10
        slow_operation(a),                                                    // py 11
        slow_operation(b),                                                    // py 12
        slow_operation(c));                                                   // py 13
    print(fmt::format("Results: {}", repr(results)));                         // py 15
}

}  // namespace

LOOPSCOPE_LESSON_RUN(06_gather_order) {
    return asyncio::run(main_coro(lessons::knob_number(knobs, "first", 2), lessons::knob_number(knobs, "second", 1),  // py 17
                                  lessons::knob_number(knobs, "third", 3)),
                        lessons::lesson_options("gather keeps argument order"));
}
