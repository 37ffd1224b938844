// Lesson 7: the event loop by hand. Choice 0: seed 000's get_event_loop / run_until_complete / close.
// Choices 1-3: seed 003's two coroutines as written (a TypeError), fixed with gather, and run one
// after the other (the order the tutorial's walkthrough first describes).
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

// lesson.py
coro<> task_coro() {                                           // py 3
    co_await asyncio::sleep(1);                                // py 4
    print("Task completed");                                   // py 5
}

// as_written.py, fixed.py, sequential.py (lines 1-13 are the same in all three)
coro<> coroutine_one() {                                       // py 3
    print("Coroutine started");                                // py 4
    co_await asyncio::sleep(1);                                // py 5
    print("Coroutine resumed");                                // py 6
}

coro<> coroutine_two() {                                       // py 8
    print("Coroutine two started");                            // py 9
    co_await asyncio::sleep(2);                                // py 10
    print("Coroutine two resumed");                            // py 11
}

run_result one_task() {
    event_loop loop(lessons::lesson_options("The event loop by hand"));  // py 7
    auto t = asyncio::create_task(task_coro());                // py 8
    run_until_complete(loop, *t.get());                        // py 8
    return lessons::finish_by_hand(loop);                      // py 9
}

run_result as_written() {
    event_loop loop(lessons::lesson_options("seed 003 as written"));     // py 13
    std::exception_ptr raised;
    {
        // Python evaluates both arguments (two coroutine objects) before the call fails, then
        // drops them unawaited: "coroutine 'coroutine_two' was never awaited".
        auto one = coroutine_one();                            // py 14
        auto two = coroutine_two();                            // py 14
        raised = std::make_exception_ptr(python_error(
            "TypeError", "BaseEventLoop.run_until_complete() takes 2 positional arguments but 3 were given"));
    }
    return lessons::finish_by_hand(loop, raised);
}

run_result fixed() {
    event_loop loop(lessons::lesson_options("seed 003 fixed with gather"));  // py 13
    auto both = asyncio::gather(coroutine_one(), coroutine_two());          // py 14
    run_until_complete(loop, *both.get());                                  // py 14
    return lessons::finish_by_hand(loop);
}

run_result sequential() {
    event_loop loop(lessons::lesson_options("seed 003 one after the other"));  // py 13
    auto one = asyncio::create_task(coroutine_one());                         // py 14
    run_until_complete(loop, *one.get());                                     // py 14
    auto two = asyncio::create_task(coroutine_two());                         // py 15
    run_until_complete(loop, *two.get());                                     // py 15
    return lessons::finish_by_hand(loop);
}

}  // namespace

LOOPSCOPE_LESSON_RUN(07_event_loop_by_hand) {
    switch (lessons::knob_choice(knobs, "program", 2)) {
        case 0: return one_task();
        case 1: return as_written();
        case 3: return sequential();
        default: return fixed();
    }
}
