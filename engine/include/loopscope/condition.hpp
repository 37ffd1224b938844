// asyncio.Condition, line by line from CPython 3.11.7's locks.py.
//
// wait() releases the lock, waits (as "condition.wait()") to be notified, then re-acquires the
// lock, queueing behind every task already waiting in lock.acquire(); it re-acquires even when
// cancelled, and only then raises. notify(n) resolves the first n waiters that are not done; the
// notifier still holds the lock, so they can only proceed once it releases it.
//
//   async with cond:  ->  auto held = co_await cond.acquire_guard();   (see guard.hpp)
//
// A condition is a handle: copies share one condition (and its lock).
#pragma once

#include <cstddef>
#include <exception>
#include <deque>
#include <type_traits>

#include "loopscope/detail/waiter.hpp"
#include "loopscope/guard.hpp"
#include "loopscope/lock.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

class condition {
public:
    // Condition(lock=None): a fresh lock unless one is given.
    explicit condition(lock lk = lock());

    // The underlying lock's locked(), acquire() and release().
    [[nodiscard]] bool locked() const;
    [[nodiscard]] coro<bool> acquire() const;
    void release() const;
    [[nodiscard]] coro<guard<condition>> acquire_guard() const { return acquire_guard(s_); }
    // The async_with protocol (async_with.hpp): __aenter__ acquires, __aexit__ releases.
    [[nodiscard]] coro<> aenter() const { return aenter(s_); }
    [[nodiscard]] coro<> aexit(std::exception_ptr) const { return aexit(s_); }

    // Throws RuntimeError('cannot wait on un-acquired lock') unless the lock is held.
    [[nodiscard]] coro<bool> wait() const { return wait(s_); }
    // Waits until predicate() is truthy (checked first, then after every wake-up) and returns it.
    // With GCC 12, pass a named lambda: a capturing lambda temporary inside a co_await expression
    // is destroyed twice (a compiler bug; `auto ready = [...] {...}; co_await c.wait_for(ready);`).
    template <class Predicate>
    [[nodiscard]] coro<std::decay_t<std::invoke_result_t<Predicate&>>> wait_for(Predicate predicate) const {
        return wait_for(*this, std::move(predicate));
    }
    // Wakes at most n waiters; throws RuntimeError('cannot notify on un-acquired lock').
    void notify(std::size_t n = 1) const;
    void notify_all() const;
    [[nodiscard]] std::size_t waiting() const;

private:
    struct state : detail::ref_counted {
        explicit state(lock l) : lk(std::move(l)) {}
        lock lk;
        std::deque<future_ref<bool>> waiters;
    };

    explicit condition(detail::ref<state> s) : s_(std::move(s)) {}
    static coro<bool> wait(detail::ref<state> s);
    static coro<guard<condition>> acquire_guard(detail::ref<state> s);
    static coro<> aenter(detail::ref<state> s);
    static coro<> aexit(detail::ref<state> s);
    template <class Predicate>
    static coro<std::decay_t<std::invoke_result_t<Predicate&>>> wait_for(condition self, Predicate predicate) {
        site_id site = detail::caller_site();
        auto result = predicate();
        while (!result) {
            co_await detail::at_caller_site(self.wait(), site);
            result = predicate();
        }
        co_return result;
    }
    detail::ref<state> s_;
};

}  // namespace loopscope
