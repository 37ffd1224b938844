// Lesson 8: async with awaits __aenter__ and __aexit__; __aexit__ runs however the block ends.
// Choice 0: seed 000's AsyncResource (it sleeps); choice 1: seed 002's AsyncContextManager (it never waits).
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

struct async_resource {                                              // py 3
    double delay;
    coro<> aenter() {                                                // py 4
        print("Acquiring resource");                                 // py 5
        co_await asyncio::sleep(delay);                              // py 6
    }
    coro<> aexit(std::exception_ptr) {                               // py 9
        print("Releasing resource");                                 // py 10
        co_await asyncio::sleep(delay);                              // py 11
    }
};

coro<> resource_main(double delay, bool fail) {                      // py 13
    co_await asyncio::async_with(async_resource{delay}, [fail](async_resource&) -> coro<> {  // py 14
        if (fail) throw value_error("something went wrong");         // py 15
        print("Using resource");                                     // py 15
        co_return;
    });
}

struct async_context_manager {                                       // py 3
    coro<> aenter() {                                                // py 4
        print("Entering context");                                   // py 5
        co_return;                                                   // py 6
    }
    coro<> aexit(std::exception_ptr) {                               // py 8
        print("Exiting context");                                    // py 9
        co_return;
    }
};

coro<> context_main(bool fail) {                                     // py 11
    co_await asyncio::async_with(async_context_manager{}, [fail](async_context_manager&) -> coro<> {  // py 12
        if (fail) throw value_error("something went wrong");         // py 13
        print("Inside context");                                     // py 13
        co_return;
    });
}

}  // namespace

LOOPSCOPE_LESSON_RUN(08_async_with) {
    bool fail = lessons::knob_choice(knobs, "raise", 0) == 1;
    auto opts = lessons::lesson_options("Async context managers");
    if (lessons::knob_choice(knobs, "program", 0) == 1) return asyncio::run(context_main(fail), opts);    // py 15
    return asyncio::run(resource_main(lessons::knob_value(knobs, "delay", 1), fail), opts);               // py 17
}
