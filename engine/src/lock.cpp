#include "loopscope/lock.hpp"

#include <algorithm>
#include <deque>

#include "loopscope/detail/waiter.hpp"

namespace loopscope {

lock::lock() : s_(new state) {}

bool lock::locked() const { return s_->locked; }

std::size_t lock::waiting() const { return s_->waiters.size(); }

coro<bool> lock::acquire(detail::ref<state> s) {
    if (!s->locked && std::ranges::all_of(s->waiters, [](const auto& w) { return w->cancelled(); })) {
        s->locked = true;
        co_return true;
    }
    site_id site = detail::caller_site();
    auto fut = detail::make_waiter<bool>("lock.acquire()", site);
    s->waiters.push_back(fut);
    // As in Python, the waiter leaves the deque (the inner finally) before the cancellation
    // handler runs, so a cancelled waiter cannot wake itself.
    try {
        try {
            co_await detail::wait_on(fut, "lock.acquire()", site);
        } catch (...) {
            detail::remove_waiter(s->waiters, fut);
            throw;
        }
        detail::remove_waiter(s->waiters, fut);
    } catch (const cancelled_error&) {
        if (!s->locked) s->wake_up_first();
        throw;
    }
    s->locked = true;
    co_return true;
}

void lock::release() const {
    if (s_->locked) {
        s_->locked = false;
        s_->wake_up_first();
    } else {
        throw runtime_error("Lock is not acquired.");
    }
}

coro<guard<lock>> lock::acquire_guard(detail::ref<state> s) {
    co_await detail::at_caller_site(acquire(s), detail::caller_site());
    co_return guard<lock>(lock(s));
}

coro<> lock::aenter(detail::ref<state> s) { co_await detail::at_caller_site(acquire(s), detail::caller_site()); }

coro<> lock::aexit(detail::ref<state> s) {
    lock(std::move(s)).release();
    co_return;
}

}  // namespace loopscope
