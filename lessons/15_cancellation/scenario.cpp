// Lesson 15: task.cancel(), wait_for's timeout, and shield.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<std::string> slow_job(std::string name, double seconds) {     // py 3
    print(fmt::format("{} starts", name));                         // py 4
    try {
        co_await asyncio::sleep(seconds);                          // py 6
    } catch (const cancelled_error&) {
        print(fmt::format("{} was cancelled", name));              // py 8
        throw;                                                     // py 9
    }
    print(fmt::format("{} finished", name));                       // py 10
    co_return name;                                                // py 11
}

coro<> main_coro(double cancel_after, double b_timeout, double c_timeout) {  // py 13
    auto task = asyncio::create_task(slow_job("A", 3));            // py 14
    co_await asyncio::sleep(cancel_after);                         // py 15
    task.cancel();                                                 // py 16
    try {
        co_await task;                                             // py 18
    } catch (const cancelled_error&) {
        print("main: A is cancelled");                             // py 20
    }

    try {
        print(co_await asyncio::wait_for(slow_job("B", 3), b_timeout));  // py 23
    } catch (const timeout_error&) {
        print("main: B took too long");                            // py 25
    }

    auto c = asyncio::create_task(slow_job("C", 2));               // py 27
    try {
        co_await asyncio::wait_for(asyncio::shield(c), c_timeout); // py 29
    } catch (const timeout_error&) {
        print("main: stopped waiting for C, but C goes on");       // py 31
    }
    print(co_await c);                                             // py 32
}

}  // namespace

LOOPSCOPE_LESSON_RUN(15_cancellation) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "cancel_after", 1), lessons::knob_value(knobs, "b_timeout", 2),  // py 34
                                  lessons::knob_value(knobs, "c_timeout", 1)),
                        lessons::lesson_options("Cancellation and timeouts"));
}
