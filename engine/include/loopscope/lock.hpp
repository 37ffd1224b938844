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
    // len(lock._waiters): tasks queued in acquire(), woken or not.
    [[nodiscard]] std::size_t waiting() const;

    struct state;

private:
    explicit lock(detail::ref<state> s) : s_(std::move(s)) {}
    static coro<bool> acquire(detail::ref<state> s);
    static coro<guard<lock>> acquire_guard(detail::ref<state> s);
    detail::ref<state> s_;
};

}  // namespace loopscope
