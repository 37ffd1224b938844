#include "loopscope/timeout.hpp"

#include <cassert>

#include <fmt/format.h>

namespace loopscope {

detail::ref<timeout_scope> timeout_scope::after(std::optional<double> delay) {
    return at(delay ? std::optional<double>(get_running_loop().time() + *delay) : std::nullopt);
}

detail::ref<timeout_scope> timeout_scope::at(std::optional<double> when) {
    return detail::ref<timeout_scope>(new timeout_scope(when));
}

void timeout_scope::cancel_handler() {
    if (timer_) timer_->cancel();
    timer_ = {};
    soon_token_ = {};
}

void timeout_scope::reschedule(std::optional<double> when) {
    if (state_ != state::entered) {
        if (state_ == state::created) throw runtime_error("Timeout has not been entered");
        static constexpr const char* names[] = {"created", "active", "expiring", "expired", "finished"};
        throw runtime_error(fmt::format("Cannot change state of {} Timeout", names[static_cast<int>(state_)]));
    }
    when_ = when;
    cancel_handler();
    if (!when) return;
    event_loop& loop = get_running_loop();
    std::string label = loop.tracing() ? fmt::format("timeout(when={})", *when) : std::string();
    if (*when <= loop.time()) {
        // loop.call_soon(self._on_timeout): a handle that cancel_handler() can still disarm.
        soon_token_ = detail::ref<detail::ref_counted>(new detail::ref_counted);
        handle h{&on_timeout, detail::ref<detail::ref_counted>(this), soon_token_, no_event, {}, false};
        h.queued = loop.record(event_kind::callback_queued, 0, 0, loop.next_callback_id(), 0, loop.intern(label));
        loop.call_soon(std::move(h));
    } else {
        timer_ = loop.call_at(*when, handle{&on_timeout, detail::ref<detail::ref_counted>(this), {}, no_event, {}, false},
                              label);
    }
}

void timeout_scope::on_timeout(detail::ref_counted* self, detail::ref_counted* token) {
    auto& s = *static_cast<timeout_scope*>(self);
    if (token && token != s.soon_token_.get()) return;  // that call_soon handle was cancelled
    assert(s.state_ == state::entered);
    s.task_->cancel();
    s.state_ = state::expiring;
    s.timer_ = {};  // drop the reference early
    s.soon_token_ = {};
}

void timeout_scope::enter() {
    if (state_ != state::created) throw runtime_error("Timeout has already been entered");
    task_base* t = get_running_loop().current_task();
    if (!t) throw runtime_error("Timeout should be used inside a task");
    state_ = state::entered;
    task_ = detail::ref<task_base>(t);
    cancelling_ = t->cancelling();
    reschedule(when_);
}

void timeout_scope::exit(const std::exception_ptr& error) {
    assert(state_ == state::entered || state_ == state::expiring);
    cancel_handler();
    if (state_ == state::expiring) {
        state_ = state::expired;
        bool is_cancelled = false;
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const cancelled_error&) {
                is_cancelled = true;
            } catch (...) {
            }
        }
        // No new cancel requests since we entered: this CancelledError is ours to convert.
        if (task_->uncancel() <= cancelling_ && is_cancelled) throw timeout_error();
    } else if (state_ == state::entered) {
        state_ = state::exited;
    }
    task_ = {};
}

}  // namespace loopscope
