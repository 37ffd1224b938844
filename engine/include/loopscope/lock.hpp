// asyncio.Lock, line by line from CPython 3.11.7's locks.py.
//
// release() wakes only the first waiter, and only by resolving its future: the waiter takes the
// lock one call_soon hop later, when its task runs. Until then the lock looks free, yet a task that
// calls acquire() meanwhile does not barge in: the deque still holds a waiter that is not cancelled,
// so the newcomer queues behind it (3.11.7's fairness). A waiter cancelled after being woken passes
// the wake-up on to the next one.
//
//   async with lock:  ->  auto held = co_await lk.acquire_guard();   (see guard.hpp)
//   await lock.acquire(); ... lock.release()  ->  co_await lk.acquire(); ... lk.release();
//
// A lock is a handle: copies share one lock, as Python names share one object, so a scenario
// passes it to its tasks by value.
#pragma once

#include <cstddef>
#include <exception>
#include <deque>

#include "loopscope/guard.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

class lock {
public:
    lock();

    // True while some task holds the lock.
    [[nodiscard]] bool locked() const;
    // Waits (as "lock.acquire()") until the lock is free and this task is first in line.
    [[nodiscard]] coro<bool> acquire() const { return acquire(s_); }
    // Throws RuntimeError('Lock is not acquired.') when the lock is free.
    void release() const;
    // async with lock: acquire, and release when the guard is destroyed.
    [[nodiscard]] coro<guard<lock>> acquire_guard() const { return acquire_guard(s_); }
    // The async_with protocol (async_with.hpp): __aenter__ acquires, __aexit__ releases.
    [[nodiscard]] coro<> aenter() const { return aenter(s_); }
    [[nodiscard]] coro<> aexit(std::exception_ptr) const { return aexit(s_); }
    // len(lock._waiters): tasks queued in acquire(), woken or not.
    [[nodiscard]] std::size_t waiting() const;

private:
    struct state : detail::ref_counted {
        std::deque<future_ref<bool>> waiters;
        bool locked = false;

        // Lock._wake_up_first: wake the first waiter unless it is already done. A done one will run
        // anyway, and either take the lock or, cancelled, pass the wake-up on.
        void wake_up_first() {
            if (waiters.empty()) return;
            auto& fut = waiters.front();
            if (!fut->done()) fut->set_result(true);
        }
    };

    explicit lock(detail::ref<state> s) : s_(std::move(s)) {}
    static coro<bool> acquire(detail::ref<state> s);
    static coro<guard<lock>> acquire_guard(detail::ref<state> s);
    static coro<> aenter(detail::ref<state> s);
    static coro<> aexit(detail::ref<state> s);
    detail::ref<state> s_;
};

}  // namespace loopscope
