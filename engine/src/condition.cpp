#include "loopscope/condition.hpp"

#include <deque>
#include <exception>

namespace loopscope {

condition::condition(lock lk) : s_(new state(std::move(lk))) {}

bool condition::locked() const { return s_->lk.locked(); }
coro<bool> condition::acquire() const { return s_->lk.acquire(); }
void condition::release() const { s_->lk.release(); }
std::size_t condition::waiting() const { return s_->waiters.size(); }

coro<bool> condition::wait(detail::ref<state> s) {
    if (!s->lk.locked()) throw runtime_error("cannot wait on un-acquired lock");
    site_id site = detail::caller_site();
    s->lk.release();
    // try: wait to be notified (finally: leave the deque) ...
    std::exception_ptr raised;
    {
        auto fut = detail::make_waiter<bool>("condition.wait()", site);
        s->waiters.push_back(fut);
        try {
            co_await detail::wait_on(fut, "condition.wait()", site);
        } catch (...) {
            raised = std::current_exception();
        }
        detail::remove_waiter(s->waiters, fut);
    }
    // ... finally: the lock must be re-acquired even if the wait was cancelled.
    bool cancelled = false;
    while (true) {
        try {
            co_await detail::at_caller_site(s->lk.acquire(), site);
            break;
        } catch (const cancelled_error&) {
            cancelled = true;
        }
    }
    if (cancelled) throw cancelled_error();
    if (raised) std::rethrow_exception(raised);
    co_return true;
}

void condition::notify(std::size_t n) const {
    if (!s_->lk.locked()) throw runtime_error("cannot notify on un-acquired lock");
    std::size_t idx = 0;
    for (auto& fut : s_->waiters) {
        if (idx >= n) break;
        if (!fut->done()) {
            ++idx;
            fut->set_result(false);
        }
    }
}

void condition::notify_all() const { notify(s_->waiters.size()); }

coro<guard<condition>> condition::acquire_guard(detail::ref<state> s) {
    co_await detail::at_caller_site(s->lk.acquire(), detail::caller_site());
    co_return guard<condition>(condition(s));
}

coro<> condition::aenter(detail::ref<state> s) { co_await detail::at_caller_site(s->lk.acquire(), detail::caller_site()); }

coro<> condition::aexit(detail::ref<state> s) {
    condition(std::move(s)).release();
    co_return;
}

}  // namespace loopscope
