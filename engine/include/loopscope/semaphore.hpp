// asyncio.Semaphore and asyncio.BoundedSemaphore, line by line from CPython 3.11.7's locks.py.
//
// The counter is taken on the waiter's behalf when release() wakes it (_wake_up_next decrements
// it), so the woken task owns its slot before it even runs, and newcomers queue behind any waiter
// that is not cancelled. A waiter cancelled after being woken gives its slot back and wakes the
// next one.
//
//   async with sem:  ->  auto held = co_await sem.acquire_guard();   (see guard.hpp)
//
// A semaphore is a handle: copies share one counter, as Python names share one object.
#pragma once

#include <cstddef>

#include "loopscope/guard.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

class semaphore {
public:
    // Throws ValueError('Semaphore initial value must be >= 0') when value < 0.
    explicit semaphore(int value = 1);

    // True if acquire() would wait: the counter is 0, or a waiter that is not cancelled is queued.
    [[nodiscard]] bool locked() const;
    // Waits (as "semaphore.acquire()") for a slot.
    [[nodiscard]] coro<bool> acquire() const { return acquire(s_); }
    // Adds a slot and wakes the first waiter that is not done. A bounded semaphore throws
    // ValueError('BoundedSemaphore released too many times') past its initial value.
    void release() const;
    [[nodiscard]] coro<guard<semaphore>> acquire_guard() const { return acquire_guard(s_); }
    // semaphore._value: free slots not yet promised to a woken waiter.
    [[nodiscard]] int value() const;
    [[nodiscard]] std::size_t waiting() const;

    struct state;

protected:
    semaphore(int value, bool bounded);

private:
    explicit semaphore(detail::ref<state> s) : s_(std::move(s)) {}
    static coro<bool> acquire(detail::ref<state> s);
    static coro<guard<semaphore>> acquire_guard(detail::ref<state> s);
    detail::ref<state> s_;
};

// asyncio.BoundedSemaphore: release() past the initial value is an error, not a new slot.
class bounded_semaphore : public semaphore {
public:
    explicit bounded_semaphore(int value = 1) : semaphore(value, true) {}
};

}  // namespace loopscope
