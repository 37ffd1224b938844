// Lesson 3: three blocking calls take 3 s; three awaited together take 1 s.
#include "lesson_api.hpp"

using namespace loopscope;
using lessons::py_num;

namespace {

std::string get_data(int n, double delay) {                   // py 4
    blocking_sleep(delay);                                    // py 5
    return fmt::format("data {}", n);                         // py 6
}

coro<std::string> get_data_async(int n, double delay) {       // py 8
    co_await asyncio::sleep(delay);                           // py 9
    co_return fmt::format("data {}", n);                      // py 10
}

coro<> main_coro(int calls, double delay) {                   // py 12
    double start = get_running_loop().time();                 // py 13
    std::vector<std::string> results;
    for (int n = 0; n < calls; ++n) results.push_back(get_data(n, delay));  // py 14
    print(fmt::format("synchronous: {} in {:.1f} s", repr(results), get_running_loop().time() - start));  // py 15

    start = get_running_loop().time();                        // py 17
    std::vector<coro<std::string>> coros;
    for (int n = 0; n < calls; ++n) coros.push_back(get_data_async(n, delay));
    results = co_await asyncio::gather(std::move(coros));     // py 18
    print(fmt::format("asynchronous: {} in {:.1f} s", repr(results), get_running_loop().time() - start));  // py 19
}

// sync.py: the synchronous half alone (get_data is on the same lines as in lesson.py).
coro<> main_sync(int calls, double delay) {                   // py 8
    double start = get_running_loop().time();                 // py 9
    std::vector<std::string> results;
    for (int n = 0; n < calls; ++n) results.push_back(get_data(n, delay));  // py 10
    print(fmt::format("synchronous: {} in {:.1f} s", repr(results), get_running_loop().time() - start));  // py 11
    co_return;  // nothing awaited: co_return keeps it a coroutine, as `async def` is
}

// gather.py: the asynchronous half alone.
coro<std::string> get_data_async_alone(int n, double delay) { // py 4
    co_await asyncio::sleep(delay);                           // py 5
    co_return fmt::format("data {}", n);                      // py 6
}

coro<> main_gather(int calls, double delay) {                 // py 8
    double start = get_running_loop().time();                 // py 9
    std::vector<coro<std::string>> coros;
    for (int n = 0; n < calls; ++n) coros.push_back(get_data_async_alone(n, delay));
    auto results = co_await asyncio::gather(std::move(coros));  // py 10
    print(fmt::format("asynchronous: {} in {:.1f} s", repr(results), get_running_loop().time() - start));  // py 11
}

}  // namespace

LOOPSCOPE_LESSON_RUN(03_sync_vs_async) {
    int calls = lessons::knob_choice(knobs, "calls", 3);
    double delay = lessons::knob_value(knobs, "delay", 1);
    switch (lessons::knob_choice(knobs, "program", 0)) {
        case 1: return asyncio::run(main_sync(calls, delay), lessons::lesson_options("Synchronous only"));  // py 13
        case 2: return asyncio::run(main_gather(calls, delay), lessons::lesson_options("Asynchronous only"));  // py 13
        default: break;
    }
    return asyncio::run(main_coro(calls, delay),  // py 21
                        lessons::lesson_options("Synchronous vs asynchronous"));
}
