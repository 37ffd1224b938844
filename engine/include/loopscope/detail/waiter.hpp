// What every synchronization primitive shares: its waiters are plain futures in a deque, as in
// CPython's locks.py and queues.py, and awaiting one suspends the task like `await fut` does.
//
// The primitives are coroutines awaited inline (as `await lock.acquire()` is in Python), so a
// co_await inside them would record this header as the place the task stands. They read the
// scenario's own co_await site when they start, and every wait inside them reports that site.
#pragma once

#include <algorithm>
#include <coroutine>
#include <deque>
#include <string_view>
#include <utility>

#include "loopscope/future.hpp"
#include "loopscope/task.hpp"

namespace loopscope::detail {

// The site of the co_await that is entering a primitive's coroutine (read it first thing).
[[nodiscard]] inline site_id caller_site() { return get_running_loop().await_site(); }

// loop.create_future() for a waiter: traced under `label`, created at `site`, and its wake-up is
// traced as schedule_reason::woken.
template <class T>
[[nodiscard]] future_ref<T> make_waiter(std::string_view label, site_id site) {
    event_loop& loop = get_running_loop();
    loop.set_await_site(site);
    future_ref<T> f(new future<T>(loop, label));
    f->wake_reason = schedule_reason::woken;
    return f;
}

// `await fut` on a waiter, recorded as await_kind::primitive at the scenario's site.
template <class T>
struct waiter_awaiter : future_awaiter<future<T>> {
    site_id site = 0;
    void await_suspend(std::coroutine_handle<> leaf) {
        this->f->loop().set_await_site(site);
        future_awaiter<future<T>>::await_suspend(leaf);
    }
};

template <class T>
[[nodiscard]] waiter_awaiter<T> wait_on(const future_ref<T>& f, std::string_view label, site_id site) {
    return waiter_awaiter<T>{{f, await_kind::primitive, label}, site};
}

// Awaits a coroutine inline, as if the scenario had awaited it at `site` (used when one primitive
// awaits another: condition.wait() re-acquiring its lock, queue.join() waiting on its event).
template <class T>
class [[nodiscard]] at_caller_site {
public:
    at_caller_site(coro<T> c, site_id site) : c_(std::move(c)), site_(site), inner_(std::move(c_).operator co_await()) {}
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) {
        get_running_loop().set_await_site(site_);
        return inner_.await_suspend(parent);
    }
    T await_resume() { return inner_.await_resume(); }

private:
    coro<T> c_;  // owns the frame; inner_ only borrows its handle
    site_id site_;
    decltype(std::declval<coro<T>>().operator co_await()) inner_;
};

// deque.remove(fut), tolerating absence (queues: a _wakeup_next may have popped it already).
template <class T>
bool remove_waiter(std::deque<future_ref<T>>& waiters, const future_ref<T>& fut) {
    auto it = std::find(waiters.begin(), waiters.end(), fut);
    if (it == waiters.end()) return false;
    waiters.erase(it);
    return true;
}

}  // namespace loopscope::detail
