// asyncio.Future: a result that will exist later. Tasks are futures too.
//
// As in CPython, completing a future does not run its callbacks: it queues each one on the ready
// queue with call_soon, in the order they were added. That one-iteration hop is why a task that
// awaits another resumes one loop turn after the other finishes.
#pragma once

#include <exception>
#include <memory>
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

namespace detail {
// What a future rarely needs, allocated the first time it does. Most futures end with a result and
// one callback; keeping the rest out of line keeps a task or a future in two or three cache lines,
// which matters when a hundred thousand of them are alive and visited at random (timers).
struct future_rare {
    std::exception_ptr exception;
    std::string cancel_message;
    std::vector<done_callback> more_callbacks;  // every callback after the first
    // Tasks only: a name given or asked for ("Task-3"), and task.cancel(msg)'s message.
    std::string task_name;
    std::string must_cancel_msg;
};
inline const std::string empty_string;
}  // namespace detail

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
    void check_result() {
        if (state_ != future_state::finished || rare_) [[unlikely]]
            check_result_slow();
        exception_retrieved = true;
    }

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
    // Set once somebody looked at the exception (for "exception was never retrieved").
    bool exception_retrieved = false;
    // The event that caused the resolution (e.g. the timer that fired), if not this future's own.
    event_index cause = no_event;
    [[nodiscard]] const std::string& cancel_message() const { return rare_ ? rare_->cancel_message : detail::empty_string; }

protected:
    // Marks the future done with `outcome` and queues its callbacks. Subclasses store the value first.
    void finish(future_state s, outcome o, std::string_view text);
    [[nodiscard]] bool traced() const { return traced_; }
    [[nodiscard]] detail::future_rare& rare() const {
        if (!rare_) rare_ = std::make_unique<detail::future_rare>();
        return *rare_;
    }
    [[nodiscard]] bool has_rare() const { return rare_ != nullptr; }

    // ref_counted's tail padding holds id_; then the fields every future touches, then the callback.
    object_id id_ = 0;
    event_loop* loop_;
    future_state state_ = future_state::pending;
    bool traced_;
    event_index resolved_event_ = no_event;
    // Most futures get exactly one callback (their awaiter's wake-up): keep it inline.
    done_callback first_callback_;

private:
    void check_result_slow();
    void queue_callback(done_callback cb);
    mutable std::unique_ptr<detail::future_rare> rare_;
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
