// Work that runs off the loop, in a worker thread: asyncio.to_thread and loop.run_in_executor.
//
//     co_await asyncio::to_thread(1.0);          // await asyncio.to_thread(time.sleep, 1)
//     int n = co_await asyncio::to_thread(1.0, [] { return 42; });
//                                                // def work(): time.sleep(1); return 42
//                                                // n = await asyncio.to_thread(work)
//
// On the virtual clock the work takes `seconds` without blocking the loop: other tasks run
// meanwhile. The awaiting task waits on an asyncio future (traced as await_kind::io). When the
// worker finishes, its completion comes back as CPython's does (wrap_future + call_soon_threadsafe):
// a `_set_state` callback is queued while the loop polls, ahead of timers due at the same moment; it
// resolves the future, whose done callback then queues the task's wake-up. The optional `fn` is
// the thread's result, computed when the work ends; it must not touch the loop or print (a worker
// thread's print would race the loop's in Python).
//
// The Python twin uses asyncio.to_thread / run_in_executor with time.sleep in the function:
// tests/conformance/vclock.py turns a worker thread's time.sleep into a virtual-time wake-up the
// selector waits for, with the same rules (see event_loop::poll). One worker per call: the engine
// has no pool size limit (CPython's default pool has min(32, cpu_count + 4) threads).
#pragma once

#include <coroutine>
#include <exception>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "loopscope/task.hpp"

namespace loopscope {

namespace detail {

struct no_result {
    void operator()() const noexcept {}
};

// The worker's end: futures._chain_future's _set_state, which leaves a cancelled future alone.
template <class T, class F>
struct executor_job : ref_counted {
    executor_job(future_ref<T> f, F w) : fut(std::move(f)), work(std::move(w)) {}
    future_ref<T> fut;
    F work;
    static void set_state(ref_counted* self, ref_counted*) {
        auto* job = static_cast<executor_job*>(self);
        if (job->fut->cancelled()) return;
        try {
            if constexpr (std::is_void_v<T>) {
                job->work();
                job->fut->set_result();
            } else {
                job->fut->set_result(job->work());
            }
        } catch (...) {
            job->fut->set_exception(std::current_exception());
        }
    }
};

}  // namespace detail

// What run_in_executor returns: an asyncio future that is awaited as I/O.
template <class T>
class [[nodiscard]] executor_future {
public:
    executor_future(future_ref<T> f, std::string label, std::source_location where)
        : f_(std::move(f)), label_(std::move(label)), where_(where) {}

    [[nodiscard]] const future_ref<T>& get() const { return f_; }
    [[nodiscard]] bool done() const { return f_->done(); }
    bool cancel(std::string msg = {}) { return f_->cancel(std::move(msg)); }

    auto operator co_await() const {
        struct awaiter : future_awaiter<loopscope::future<T>> {
            std::source_location where;
            void await_suspend(std::coroutine_handle<> leaf) {
                detail::promise_base::note_await_site(where);  // the scenario's line, not this header's
                future_awaiter<loopscope::future<T>>::await_suspend(leaf);
            }
        };
        return awaiter{{f_, await_kind::io, label_}, where_};
    }

private:
    future_ref<T> f_;
    std::string label_;
    std::source_location where_;
};

// loop.run_in_executor(None, work): the worker starts now and finishes `seconds` later.
template <class F = detail::no_result>
executor_future<std::invoke_result_t<F&>> run_in_executor(double seconds, F work = {},
                                                         std::string label = "run_in_executor",
                                                         std::source_location where = std::source_location::current()) {
    using T = std::invoke_result_t<F&>;
    event_loop& loop = get_running_loop();
    if (loop.tracing()) label = fmt::format("{}({})", label, seconds);
    future_ref<T> fut(new future<T>(loop, label));
    detail::ref<detail::ref_counted> job(new detail::executor_job<T, F>(fut, std::move(work)));
    loop.call_soon_threadsafe_at(loop.time() + seconds,
                                 handle{&detail::executor_job<T, F>::set_state, job, {}, no_event, {}, false},
                                 "_set_state (worker finished)");
    return executor_future<T>(std::move(fut), std::move(label), where);
}

// asyncio.to_thread(fn): a coroutine, so the worker starts when it is first awaited (or its task
// first runs), not when it is called.
template <class F = detail::no_result>
coro<std::invoke_result_t<F&>> to_thread(double seconds, F work = {},
                                         std::source_location where = std::source_location::current()) {
    co_return co_await run_in_executor(seconds, std::move(work), "to_thread", where);
}

}  // namespace loopscope
