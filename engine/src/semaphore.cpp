#include "loopscope/semaphore.hpp"

#include <algorithm>
#include <deque>
#include <optional>

#include "loopscope/detail/waiter.hpp"

namespace loopscope {

semaphore::semaphore(int value) : semaphore(value, false) {}

semaphore::semaphore(int value, bool bounded) : s_(new state) {
    if (value < 0) throw value_error("Semaphore initial value must be >= 0");
    s_->value = value;
    if (bounded) s_->bound = value;
}

bool semaphore::locked() const { return s_->locked(); }
int semaphore::value() const { return s_->value; }
std::size_t semaphore::waiting() const { return s_->waiters.size(); }

coro<bool> semaphore::acquire(detail::ref<state> s) {
    if (!s->locked()) {
        --s->value;
        co_return true;
    }
    site_id site = detail::caller_site();
    auto fut = detail::make_waiter<bool>("semaphore.acquire()", site);
    s->waiters.push_back(fut);
    // The waiter leaves the deque before the cancellation handler runs, so it cannot wake itself.
    try {
        try {
            co_await detail::wait_on(fut, "semaphore.acquire()", site);
        } catch (...) {
            detail::remove_waiter(s->waiters, fut);
            throw;
        }
        detail::remove_waiter(s->waiters, fut);
    } catch (const cancelled_error&) {
        // Woken (given a slot) and then cancelled: hand the slot to the next waiter.
        if (!fut->cancelled()) {
            ++s->value;
            s->wake_up_next();
        }
        throw;
    }
    if (s->value > 0) s->wake_up_next();
    co_return true;
}

void semaphore::release() const {
    if (s_->bound && s_->value >= *s_->bound) throw value_error("BoundedSemaphore released too many times");
    ++s_->value;
    s_->wake_up_next();
}

coro<guard<semaphore>> semaphore::acquire_guard(detail::ref<state> s) {
    co_await detail::at_caller_site(acquire(s), detail::caller_site());
    co_return guard<semaphore>(semaphore(s));
}

coro<> semaphore::aenter(detail::ref<state> s) { co_await detail::at_caller_site(acquire(s), detail::caller_site()); }

coro<> semaphore::aexit(detail::ref<state> s) {
    semaphore(std::move(s)).release();
    co_return;
}

}  // namespace loopscope
