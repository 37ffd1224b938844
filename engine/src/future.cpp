#include "loopscope/future.hpp"

#include "loopscope/repr.hpp"
#include "loopscope/task.hpp"

namespace loopscope {
namespace {

struct function_callback : detail::ref_counted {
    explicit function_callback(std::function<void(future_base&)> f) : fn(std::move(f)) {}
    std::function<void(future_base&)> fn;
    static void call(detail::ref_counted* self, detail::ref_counted* fut) {
        static_cast<function_callback*>(self)->fn(*static_cast<future_base*>(fut));
    }
};

object_id owner_task(event_loop& loop) { return loop.current_task() ? loop.current_task()->id() : 0; }

}  // namespace

future_base::future_base(event_loop& loop, std::string_view label, bool traced)
    : loop_(&loop), traced_(traced && loop.tracing()) {
    if (traced_) {
        id_ = loop.next_future_id();
        loop.record(event_kind::future_created, 0, loop.await_site(), id_, owner_task(loop), loop.intern(label));
    }
}

future_base::~future_base() = default;

std::exception_ptr future_base::exception() {
    if (state_ == future_state::cancelled) throw cancelled_error(cancel_message());
    if (state_ == future_state::pending) throw invalid_state_error("Exception is not set.");
    exception_retrieved = true;
    return rare_ ? rare_->exception : nullptr;
}

void future_base::check_result_slow() {
    if (state_ == future_state::cancelled) throw cancelled_error(cancel_message());
    if (state_ == future_state::pending) throw invalid_state_error("Result is not set.");
    exception_retrieved = true;
    if (rare_ && rare_->exception) std::rethrow_exception(rare_->exception);
}

bool future_base::cancel(std::string msg) {
    if (done()) return false;
    rare().cancel_message = std::move(msg);
    finish(future_state::cancelled, outcome::cancelled, rare_->cancel_message);
    return true;
}

void future_base::set_exception(std::exception_ptr e) {
    if (done()) throw invalid_state_error("invalid state: future is already done");
    rare().exception = std::move(e);
    finish(future_state::finished, outcome::exception, loop_->tracing() ? cut_trace_text(exception_repr(rare_->exception)) : std::string());
}

void future_base::finish(future_state s, outcome o, std::string_view text) {
    state_ = s;
    if (traced_) {
        auto kind = is_task() ? event_kind::task_finished : event_kind::future_resolved;
        resolved_event_ = loop_->record(kind, static_cast<std::uint8_t>(o), 0, id_, 0, loop_->intern(text));
    } else {
        resolved_event_ = cause != no_event ? cause : loop_->running_handle_event();
    }
    // Callbacks never run inline: each is queued, in the order it was added.
    if (!first_callback_.fn) return;
    queue_callback(std::exchange(first_callback_, {}));
    if (!rare_ || rare_->more_callbacks.empty()) return;
    auto more = std::move(rare_->more_callbacks);
    rare_->more_callbacks.clear();
    for (auto& cb : more) queue_callback(std::move(cb));
}

void future_base::add_done_callback(done_callback cb) {
    if (done()) {
        queue_callback(std::move(cb));
    } else if (!first_callback_.fn) {
        first_callback_ = std::move(cb);
    } else {
        rare().more_callbacks.push_back(std::move(cb));
    }
}

// call_soon(callback, fut), with the event that names it in the trace.
void future_base::queue_callback(done_callback cb) {
    handle h{cb.fn, std::move(cb.target), detail::ref<detail::ref_counted>(this), no_event, {}, cb.wakes_task != 0};
    if (cb.wakes_task) {
        auto why = cancelled() ? schedule_reason::cancelled : wake_reason;
        h.queued = loop_->record(event_kind::task_scheduled, static_cast<std::uint8_t>(why), 0, cb.wakes_task, 0,
                                 resolved_event_);
    } else {
        h.queued = loop_->record(event_kind::callback_queued, 0, 0, loop_->next_callback_id(), 0, cb.label);
    }
    loop_->call_soon(std::move(h));
}

void future_base::add_done_callback(std::function<void(future_base&)> fn, std::string_view label) {
    add_done_callback(done_callback{&function_callback::call,
                                    detail::ref<detail::ref_counted>(new function_callback(std::move(fn))), 0,
                                    loop_->intern(label)});
}

std::size_t future_base::remove_done_callbacks(const detail::ref_counted* target) {
    std::size_t removed = 0;
    if (rare_)
        removed = std::erase_if(rare_->more_callbacks, [&](const done_callback& cb) { return cb.target.get() == target; });
    if (first_callback_.fn && first_callback_.target.get() == target) {
        ++removed;
        first_callback_ = {};
        // Keep the order of the rest: the oldest remaining becomes the first.
        if (rare_ && !rare_->more_callbacks.empty()) {
            first_callback_ = std::move(rare_->more_callbacks.front());
            rare_->more_callbacks.erase(rare_->more_callbacks.begin());
        }
    }
    return removed;
}

std::string describe_exception(const std::exception_ptr& e) { return exception_repr(e); }

}  // namespace loopscope
