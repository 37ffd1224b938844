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
#include <exception>
#include <algorithm>
#include <deque>
#include <optional>

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
    // The async_with protocol (async_with.hpp): __aenter__ acquires, __aexit__ releases.
    [[nodiscard]] coro<> aenter() const { return aenter(s_); }
    [[nodiscard]] coro<> aexit(std::exception_ptr) const { return aexit(s_); }
    // semaphore._value: free slots not yet promised to a woken waiter.
    [[nodiscard]] int value() const;
    [[nodiscard]] std::size_t waiting() const;

protected:
    semaphore(int value, bool bounded);

private:
    struct state : detail::ref_counted {
        std::deque<future_ref<bool>> waiters;
        int value = 1;
        std::optional<int> bound;  // BoundedSemaphore._bound_value

        bool locked() const {
            return value == 0 || std::ranges::any_of(waiters, [](const auto& w) { return !w->cancelled(); });
        }
        // Semaphore._wake_up_next: the first waiter that is not done gets a slot now.
        void wake_up_next() {
            for (auto& fut : waiters) {
                if (!fut->done()) {
                    --value;
                    fut->set_result(true);
                    return;
                }
            }
        }
    };

    explicit semaphore(detail::ref<state> s) : s_(std::move(s)) {}
    static coro<bool> acquire(detail::ref<state> s);
    static coro<guard<semaphore>> acquire_guard(detail::ref<state> s);
    static coro<> aenter(detail::ref<state> s);
    static coro<> aexit(detail::ref<state> s);
    detail::ref<state> s_;
};

// asyncio.BoundedSemaphore: release() past the initial value is an error, not a new slot.
class bounded_semaphore : public semaphore {
public:
    explicit bounded_semaphore(int value = 1) : semaphore(value, true) {}
};

}  // namespace loopscope
