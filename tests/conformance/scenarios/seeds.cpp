// The seed tutorials' own examples (shared/seeds/), before gather. Seed 000's AsyncResource is
// with_async_resource in generators.cpp, written with a real async_with.
#include "scenario.hpp"

using loopscope::coro;
using loopscope::print;

namespace {

// 000/001/003: Hello ... World
coro<> hello_world() {
    print("Hello");
    co_await asyncio::sleep(1);
    print("World");
}
LOOPSCOPE_SCENARIO(seed_hello_world, hello_world);

// 000: awaiting a coroutine runs it inline
coro<std::string> fetch_data() {
    co_await asyncio::sleep(1);
    co_return "Data from Python";
}
coro<> fetch_main() {
    auto result = co_await fetch_data();
    print(result);
}
LOOPSCOPE_SCENARIO(seed_fetch_data, fetch_main);

// 004: two tasks created, then awaited in order
coro<double> slow_operation(double delay) {
    print(fmt::format("Starting operation with delay {}", delay));
    co_await asyncio::sleep(delay);
    print(fmt::format("Operation with delay {} finished", delay));
    co_return delay * 2;
}
coro<> create_task_main() {
    auto task1 = asyncio::create_task(slow_operation(2));
    auto task2 = asyncio::create_task(slow_operation(1));
    auto result1 = co_await task1;
    auto result2 = co_await task2;
    print(fmt::format("Results: {}, {}", result1, result2));
}
LOOPSCOPE_SCENARIO(seed_create_task, create_task_main);

}  // namespace
