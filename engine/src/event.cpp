#include "loopscope/event.hpp"

#include <deque>

#include "loopscope/detail/waiter.hpp"

namespace loopscope {

event::event() : s_(new state) {}

bool event::is_set() const { return s_->value; }

std::size_t event::waiting() const { return s_->waiters.size(); }

void event::set() const {
    if (!s_->value) {
        s_->value = true;
        // set_result only queues each wake-up, so the deque cannot change under this loop.
        for (auto& fut : s_->waiters)
            if (!fut->done()) fut->set_result(true);
    }
}

void event::clear() const { s_->value = false; }

// `label` must outlive the wait: callers pass string literals.
coro<bool> event::wait(detail::ref<state> s, std::string_view label) {
    if (s->value) co_return true;
    site_id site = detail::caller_site();
    auto fut = detail::make_waiter<bool>(label, site);
    s->waiters.push_back(fut);
    try {
        co_await detail::wait_on(fut, label, site);
    } catch (...) {
        detail::remove_waiter(s->waiters, fut);
        throw;
    }
    detail::remove_waiter(s->waiters, fut);
    co_return true;
}

}  // namespace loopscope
