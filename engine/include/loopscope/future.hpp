// asyncio.Future: a result that will exist later. Tasks are futures too.
//
// As in CPython, completing a future does not run its callbacks: it queues each one on the ready
// queue with call_soon, in the order they were added. That one-iteration hop is why a task that
// awaits another resumes one loop turn after the other finishes.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/errors.hpp"
#include "loopscope/event_loop.hpp"

namespace loopscope {

enum class future_state : std::uint8_t { pending, finished, cancelled };

// A callback run (via call_soon) when a future is done. `target` is kept alive until then.
struct done_callback {
    using fn_t = void (*)(detail::ref_counted* target, detail::ref_counted* future);
    fn_t fn = nullptr;
    detail::ref<detail::ref_counted> target;
    object_id wakes_task = 0;   // non-zero: this is that task's wake-up (traced as task_scheduled)
    string_id label = 0;        // otherwise: how the trace names the callback
};

class future_base : public detail::ref_counted {
public:
    // `label` names the future in the trace; an untraced future records no events of its own.
    future_base(event_loop& loop, std::string_view label, bool traced = true);
    ~future_base() override;

    [[nodiscard]] bool done() const { return state_ != future_state::pending; }
    [[nodiscard]] bool cancelled() const { return state_ == future_state::cancelled; }
    [[nodiscard]] future_state state() const { return state_; }
    [[nodiscard]] event_loop& loop() const { return *loop_; }
    [[nodiscard]] object_id id() const { return id_; }
    [[nodiscard]] virtual bool is_task() const { return false; }

    // future.exception(): raises cancelled_error if cancelled, invalid_state_error if pending.
    [[nodiscard]] std::exception_ptr exception();
    // Throws what result() would throw (the exception, cancelled_error, invalid_state_error).
    void check_result();

    // future.cancel(): false if already done.
    virtual bool cancel(std::string msg = {});
    void set_exception(std::exception_ptr e);

    void add_done_callback(done_callback cb);
    // A plain std::function callback (asyncio's fut.add_done_callback(fn)).
    void add_done_callback(std::function<void(future_base&)> fn, std::string_view label = "done callback");
    // Removes every callback with this target; returns how many.
    std::size_t remove_done_callbacks(const detail::ref_counted* target);

    // The trace event at which this future became done: what woke its awaiters.
    [[nodiscard]] event_index resolved_event() const { return resolved_event_; }
    // Why tasks that await this future are scheduled when it completes.
    schedule_reason wake_reason = schedule_reason::future_resolved;
    // The event that caused the resolution (e.g. the timer that fired), if not this future's own.
    event_index cause = no_event;
    // Set once somebody looked at the exception (for "exception was never retrieved").
    bool exception_retrieved = false;
    [[nodiscard]] const std::string& cancel_message() const { return cancel_message_; }

protected:
    // Marks the future done with `outcome` and queues its callbacks. Subclasses store the value first.
    void finish(future_state s, outcome o, std::string_view text);
    [[nodiscard]] bool traced() const { return traced_; }

    event_loop* loop_;
    object_id id_ = 0;
    future_state state_ = future_state::pending;
    std::exception_ptr exception_;
    std::string cancel_message_;
    // Most futures get exactly one callback (their awaiter's wake-up): keep it inline.
    done_callback first_callback_;
    std::vector<done_callback> more_callbacks_;
    event_index resolved_event_ = no_event;
    bool traced_;
};

// The text a trace shows for a value: Python's repr where we can.
std::string describe_exception(const std::exception_ptr& e);

template <class T>
class future : public future_base {
public:
    using future_base::future_base;
    using value_type = T;

    void set_result(T value) {
        if (done()) throw invalid_state_error("invalid state: future is already done");
        value_ = std::move(value);
        finish(future_state::finished, outcome::result, {});
    }
    // Only when done: the value, or throws the exception / cancelled_error.
    T& result() {
        check_result();
        return *value_;
    }

private:
    std::optional<T> value_;
};

template <>
class future<void> : public future_base {
public:
    using future_base::future_base;
    using value_type = void;
    void set_result() {
        if (done()) throw invalid_state_error("invalid state: future is already done");
        finish(future_state::finished, outcome::result, {});
    }
    void result() { check_result(); }
};

template <class T>
using future_ref = detail::ref<future<T>>;

// loop.create_future()
template <class T = void>
[[nodiscard]] future_ref<T> create_future(std::string_view label = "future") {
    return future_ref<T>(new future<T>(get_running_loop(), label));
}

}  // namespace loopscope
