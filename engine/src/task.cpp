#include "loopscope/task.hpp"

#include <cassert>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace loopscope {
namespace detail {

std::string coroutine_name(const char* function_name) {
    // GCC: "loopscope::coro<int> lessons::fetch_data(std::string)" -> "fetch_data".
    std::string_view s = function_name ? function_name : "";
    int depth = 0;
    std::size_t paren = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<') ++depth;
        else if (s[i] == '>') --depth;
        else if (s[i] == '(' && depth == 0) {
            paren = i;
            break;
        }
    }
    std::string_view head = s.substr(0, paren);
    std::size_t cut = head.find_last_of(" :");
    return std::string(cut == std::string_view::npos ? head : head.substr(cut + 1));
}

void report_never_awaited(const promise_base& p) {
    event_loop* loop = event_loop::current_or_null();
    if (!loop) return;
    object_id task = loop->current_task() ? loop->current_task()->id() : 0;
    loop->diagnose(diagnostic_kind::never_awaited, task,
                   fmt::format("coroutine '{}' was never awaited", coroutine_name(p.function())),
                   loop->site_of(p.location));
}

}  // namespace detail

task_base::task_base(event_loop& loop, std::coroutine_handle<> root, detail::promise_base& root_promise,
                     std::string&& name)
    : future_base(loop, {}, false), root_(root), root_promise_(&root_promise), leaf_(root),
      coroutine_function_(root_promise.function()) {
    if (!name.empty()) rare().task_name = std::move(name);
    id_ = loop.next_task_id();
    traced_ = loop.tracing();
    wake_reason = schedule_reason::task_finished;
    loop.register_task(this);
    if (traced_) {
        object_id parent = loop.current_task() ? loop.current_task()->id() : 0;
        char name_buf[default_name_max];
        created_site_ = loop.await_site();
        loop.record(event_kind::task_created, 0, created_site_, id_, parent,
                    has_rare() && !rare().task_name.empty() ? loop.intern(rare().task_name) : loop.add_unique_string(default_name_in(name_buf)));
    }
}

task_base::~task_base() {
    if (root_promise_) root_.destroy();  // the root coroutine never finished
}

std::string task_base::default_name() const {
    char buf[default_name_max];
    return std::string(default_name_in(buf));
}

std::string_view task_base::default_name_in(char (&buf)[default_name_max]) const {
    // "Task-<id>", written in place: one per task in a traced run, so no formatting machinery.
    std::memcpy(buf, "Task-", 5);
    auto end = std::to_chars(buf + 5, buf + default_name_max, id_).ptr;
    return {buf, static_cast<std::size_t>(end - buf)};
}

bool task_base::cancel(std::string msg) {
    if (done()) return false;
    object_id by = loop_->current_task() ? loop_->current_task()->id() : 0;
    loop_->record(event_kind::cancel_requested, 0, loop_->await_site(), id_, by, loop_->intern(msg));
    ++num_cancels_requested_;
    // A task waiting on a future is cancelled by cancelling that future: its wake-up then throws.
    if (fut_waiter_ && fut_waiter_->cancel(msg)) return true;
    // Otherwise the next step throws cancelled_error into the coroutine.
    must_cancel_ = true;
    rare().must_cancel_msg = std::move(msg);
    return true;
}


void task_base::step_thunk(detail::ref_counted* self, detail::ref_counted*) {
    auto* t = static_cast<task_base*>(self);
    if (t->loop_->tracing()) t->step<true>(t->loop_->running_handle_event());
    else t->step<false>(no_event);
}

// asyncio's Task.__wakeup: the awaited future is done. The leaf's await_resume reads its result
// (or raises its exception), exactly where Python's `return self.result()` would.
void task_base::wakeup_thunk(detail::ref_counted* self, detail::ref_counted*) { step_thunk(self, nullptr); }

void task_base::note_yield() {
    await_site_ = loop_->await_site();
    await_label_ = loop_->yield_label();
    loop_->record(event_kind::task_suspended, static_cast<std::uint8_t>(await_kind::yield), await_site_, id_, 0, await_label_);
}

void task_base::suspend_on(future_base& f, std::coroutine_handle<> leaf, await_kind kind, std::string_view label,
                           object_id awaited) {
    string_id id = 0;
    if (loop_->tracing()) {
        // Awaiting a task: its name is looked up only here, in traced runs.
        if (kind == await_kind::task) id = loop_->intern(fmt::format("task {}", label.empty() ? static_cast<task_base&>(f).name() : label));
        else id = loop_->intern(label);
    }
    suspend_on(f, leaf, kind, id, awaited);
}

void task_base::suspend_on(future_base& f, std::coroutine_handle<> leaf, await_kind kind, string_id label,
                           object_id awaited) {
    leaf_ = leaf;
    fut_waiter_ = detail::ref<future_base>(&f);
    if (loop_->tracing()) {
        await_site_ = loop_->await_site();
        await_label_ = label;
        loop_->record(event_kind::task_suspended, static_cast<std::uint8_t>(kind), loop_->await_site(), id_,
                      awaited ? awaited : f.id(), await_label_);
    }
}

void task_base::step_unusual(event_index queued) {
    if (done()) throw invalid_state_error(fmt::format("step(): task {} is already done", name()));
    if (fut_waiter_) fut_waiter_ = {};
    yielded_ = false;
    loop_->record(event_kind::task_resumed, 0, 0, id_, 0, queued);
    task_base* outer = loop_->current_task();
    loop_->set_current_task(this);
    // must_cancel_: the step throws cancelled_error into the coroutine.
    must_cancel_ = false;
    auto exc = std::make_exception_ptr(cancelled_error(rare().must_cancel_msg));
    if (!root_promise_->started) {
        // Throwing into a coroutine that never ran raises at once; none of its code runs.
        root_promise_->exception = exc;
        loop_->set_current_task(outer);
        finish_from_root();
        return;
    }
    pending_ = std::move(exc);
    leaf_.resume();
    loop_->set_current_task(outer);
    if (loop_->tracing()) after_resume<true>();
    else after_resume<false>();
}

// The coroutine awaits a pending future: wake up when it is done (and pass on a cancel() that came
// during the step).
void task_base::wait_for_waiter() {
    fut_waiter_->add_done_callback(done_callback{&wakeup_thunk, detail::ref<detail::ref_counted>(this), id_, 0});
    if (must_cancel_ && fut_waiter_->cancel(rare().must_cancel_msg)) must_cancel_ = false;
}

void task_base::finish_from_root() {
    pending_ = nullptr;
    std::exception_ptr exc = root_promise_->exception;
    take_root_value();
    root_.destroy();
    root_promise_ = nullptr;
    if (exc) {
        try {
            std::rethrow_exception(exc);
        } catch (const cancelled_error& c) {
            rare().cancel_message = c.what();
            finish(future_state::cancelled, outcome::cancelled, rare().cancel_message);
        } catch (...) {
            rare().exception = exc;
            finish(future_state::finished, outcome::exception, loop_->tracing() ? cut_trace_text(exception_repr(exc)) : std::string());
        }
    } else if (must_cancel_) {
        // cancel() was called during the step that returned: the task ends cancelled anyway.
        must_cancel_ = false;
        future_base::cancel(rare().must_cancel_msg);
    } else {
        finish(future_state::finished, outcome::result, loop_->tracing() ? result_text() : std::string());
    }
}

}  // namespace loopscope
