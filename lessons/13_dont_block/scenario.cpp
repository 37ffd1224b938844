// Lesson 13: time.sleep inside a coroutine freezes every task; await asyncio.sleep lets them run.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<> ticker() {                                   // py 4
    for (int i = 0; i < 4; ++i) {                   // py 5
        print(fmt::format("tick {}", i));           // py 6
        co_await asyncio::sleep(0.5);               // py 7
    }
}

coro<> slow_work(bool fixed) {                      // py 9
    print("slow_work starts");                      // py 10
    if (fixed) co_await asyncio::sleep(2);          // py 11
    else blocking_sleep(2);                         // py 11
    print("slow_work ends");                        // py 12
}

coro<> main_coro(bool fixed) {                      // py 14
    co_await asyncio::gather(ticker(), slow_work(fixed));  // py 15
}

}  // namespace

LOOPSCOPE_LESSON_RUN(13_dont_block) {
    return asyncio::run(main_coro(lessons::knob_choice(knobs, "fix", 0) == 1), lessons::lesson_options("Don't block the loop"));  // py 17
}
