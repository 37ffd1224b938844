// Lesson 10: errors in coroutines. try/except around an await; an exception inside gather (the
// siblings run on); gather(return_exceptions=True).
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<std::string> fetch(std::string name, double delay, bool fail) {   // py 3
    co_await asyncio::sleep(delay);                                    // py 4
    if (fail)                                                          // py 5
        throw value_error(fmt::format("{} failed", name));             // py 6
    print(fmt::format("{} done", name));                               // py 7
    co_return name;                                                    // py 8
}

coro<> main_coro(int failing) {                                        // py 10
    try {
        co_await fetch("A", 1, true);                                  // py 12
    } catch (const python_error& e) {
        print(fmt::format("caught: {}", e.what()));                    // py 14
    }

    std::exception_ptr gather_error;
    try {
        auto results = co_await asyncio::gather(fetch("B", 1, failing == 1), fetch("C", 2, failing == 2),  // py 17
                                                fetch("D", 3, failing == 3));                  // py 17
        print(repr(results));                                          // py 18
    } catch (const python_error& e) {
        print(fmt::format("gather raised: {}", e.what()));             // py 20
    }
    co_await asyncio::sleep(3);                                        // py 21

    auto results = co_await asyncio::gather(asyncio::return_exceptions, fetch("E", 1, false), fetch("F", 2, true));  // py 23
    print(repr(results));                                              // py 24
}

}  // namespace

LOOPSCOPE_LESSON_RUN(10_errors) {
    return asyncio::run(main_coro(lessons::knob_choice(knobs, "failing", 2)), lessons::lesson_options("Errors"));  // py 26
}
