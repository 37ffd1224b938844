// Lesson 14: a future is a box for a result that arrives later; callbacks run when it is filled.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<int> compute(double delay) {                                                   // py 6
    co_await asyncio::sleep(delay);                                                 // py 7
    co_return 42;                                                                   // py 8
}

coro<> main_coro(double answer_after, double compute_delay) {                       // py 10
    event_loop& loop = get_running_loop();                                          // py 11
    auto fut = create_future<std::string>("fut");                                   // py 12
    fut->add_done_callback([](future_base& f) {                                     // py 13
        print(fmt::format("callback: the future holds {}", repr(static_cast<future<std::string>&>(f).result())));  // py 4
    }, "on_done");
    loop.call_later(answer_after, [fut] { fut->set_result("the answer"); }, "fut.set_result");  // py 14
    print("main waits for the future");                                             // py 15
    auto result = co_await fut;                                                     // py 16
    print(fmt::format("main got {}", repr(result)));                                // py 17

    auto task = asyncio::create_task(compute(compute_delay));                      // py 19
    task.add_done_callback([](future_base& f) {                                     // py 20
        print(fmt::format("callback: the future holds {}", repr(static_cast<task_impl<int>&>(f).result())));  // py 4
    }, "on_done");
    print(fmt::format("task done? {}", repr(task.done())));                         // py 21
    co_await task;                                                                  // py 22
    print(fmt::format("task done? {}, result {}", repr(task.done()), task.result()));  // py 23
}

}  // namespace

LOOPSCOPE_LESSON_RUN(14_futures_callbacks) {
    return asyncio::run(main_coro(lessons::knob_value(knobs, "answer_after", 1), lessons::knob_value(knobs, "compute", 1)),  // py 25
                        lessons::lesson_options("Futures and callbacks"));
}
