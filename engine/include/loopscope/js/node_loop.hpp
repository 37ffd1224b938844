// The Node.js event loop, as JS scenarios see it: a macrotask (timer) queue and a microtask queue.
//
// One run, exactly as Node 20 orders it:
//   1. the main script runs to its end (a macrotask of its own);
//   2. the microtask queue drains: promise reactions, await continuations and queueMicrotask
//      callbacks, in FIFO order, including the ones queued while draining;
//   3. unhandled rejections are checked: one left over ends the run as Node's process would exit;
//   4. the clock jumps to the earliest timer; every timer due at that time runs in (deadline,
//      insertion) order, and the microtask queue drains (step 2, 3) after EACH of them.
// Time is kept in milliseconds (Node's unit, so equal deadlines compare exactly) and recorded in
// the trace in seconds, with the same events as the asyncio loop (docs/javascript-mode.md).
#pragma once

#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loopscope/detail/ref.hpp"
#include "loopscope/event_loop.hpp"
#include "loopscope/run.hpp"
#include "loopscope/trace.hpp"

namespace loopscope::js {

class promise_core;

// What setTimeout / setInterval return (Node's Timeout object); pass it to clearTimeout.
class timeout : public loopscope::detail::ref_counted {
public:
    [[nodiscard]] object_id id() const { return id_; }
    [[nodiscard]] double when_ms() const { return when_ms_; }
    [[nodiscard]] bool active() const { return armed_; }

private:
    friend class node_loop;
    object_id id_ = 0;
    double when_ms_ = 0;
    double repeat_ms_ = 0;  // setInterval's period; 0 for setTimeout
    std::uint64_t seq_ = 0;
    bool armed_ = false;
    std::function<void()> callback_;
    string_id label_ = 0;
};
using timeout_ref = loopscope::detail::ref<timeout>;

// Node's delay rule: anything that is not a number in [1, 2^31 - 1] becomes 1 ms; libuv's clock
// counts whole milliseconds, so a fractional delay fires at the next whole one.
[[nodiscard]] double clamp_delay(double ms);

class node_loop {
public:
    explicit node_loop(loop_options options = {});
    ~node_loop();
    node_loop(const node_loop&) = delete;
    node_loop& operator=(const node_loop&) = delete;

    // The loop running on this thread; throws std::logic_error if none.
    [[nodiscard]] static node_loop& current();
    [[nodiscard]] static node_loop* current_or_null();

    [[nodiscard]] double now_ms() const { return now_ms_; }
    [[nodiscard]] double time() const { return now_ms_ / 1000.0; }

    // ---- the microtask queue ----
    // A plain microtask (a promise reaction, queueMicrotask, a thenable job), shown under `label`.
    void queue_microtask(std::function<void()> fn, std::string_view label);
    void queue_microtask(std::function<void()> fn, string_id label);
    // An async function's continuation after an await: traced as that task being scheduled.
    void queue_resume(object_id task, std::function<void()> fn, event_index cause);
    [[nodiscard]] std::size_t microtask_count() const { return microtasks_.size(); }

    // ---- the timer queue ----
    timeout_ref set_timer(std::function<void()> fn, double ms, bool repeat, std::string_view label);
    void clear_timer(const timeout_ref& t);
    [[nodiscard]] std::size_t timer_count() const { return timers_.size(); }

    // Runs `script` as the main script, then the queues until nothing is left or the run stops.
    void run(const std::function<void()>& script);
    // An exception nobody caught (thrown by the main script, a timer or a queueMicrotask callback,
    // or a rejection left unhandled): Node would print it and exit, so the run stops here.
    void uncaught(std::exception_ptr e, bool from_promise);
    [[nodiscard]] bool stopped() const { return stopped_; }

    // HostPromiseRejectionTracker: a promise rejected with no handler / got its first handler.
    void track_rejection(promise_core* p);

    // ---- lanes: each async function call is a task of the trace ----
    [[nodiscard]] object_id current_task() const { return current_task_; }
    void set_current_task(object_id t) { current_task_ = t; }
    object_id create_task(std::string name, site_id where);
    [[nodiscard]] const std::string& task_name(object_id t) const;

    // ---- tracing ----
    [[nodiscard]] bool tracing() const { return recorder_ != nullptr; }
    event_index record(event_kind k, std::uint8_t aux, site_id s, object_id subject, std::uint32_t a, std::uint32_t b);
    [[nodiscard]] string_id intern(std::string_view s) { return recorder_ ? recorder_->intern(s) : 0; }
    [[nodiscard]] string_id add_string(std::string_view s) { return recorder_ ? recorder_->add_string(s) : 0; }
    [[nodiscard]] std::string_view string_of(string_id id) const { return recorder_ ? recorder_->peek().string(id) : ""; }
    [[nodiscard]] site_id site_of(const std::source_location& loc);
    [[nodiscard]] object_id next_future_id() { return ++future_ids_; }
    void diagnose(diagnostic_kind kind, object_id task, std::string message, site_id where = 0);
    // console.log's line(s), captured with the time and the task that printed.
    void print(std::string text, site_id where);

    // ---- bookkeeping so that a run can end with frames and promises still pending ----
    void register_frame(std::coroutine_handle<> h, object_id task);
    void unregister_frame(std::coroutine_handle<> h);
    void register_promise(promise_core* p);
    void unregister_promise(promise_core* p);

    // Hands over what the run produced (its trace, output, diagnostics, uncaught error).
    [[nodiscard]] run_result finish();

private:
    struct job {
        std::function<void()> fn;
        event_index queued = no_event;
        object_id callback = 0;  // the callback id (0: the job resumes `task`)
        object_id task = 0;
    };
    void run_job(job& j);
    void drain_microtasks();
    void check_unhandled_rejections();
    void enter_phase(loop_phase p);
    bool over_limit();
    void advance_to(double ms);

    loop_options options_;
    double now_ms_ = 0;
    double real_start_ = 0;
    std::deque<job> microtasks_;
    std::map<std::pair<double, std::uint64_t>, timeout_ref> timers_;  // (deadline, insertion) order
    std::uint64_t timer_seq_ = 0;
    std::vector<loopscope::detail::ref<promise_core>> pending_rejections_;
    std::exception_ptr error_;
    std::string error_text_;
    bool stopped_ = false;
    bool limit_hit_ = false;
    std::uint64_t jobs_run_ = 0;
    std::uint32_t iteration_ = 0;
    std::optional<loop_phase> phase_;
    object_id current_task_ = 0;
    object_id task_ids_ = 0, future_ids_ = 0, timer_ids_ = 0, callback_ids_ = 0;
    std::vector<std::string> task_names_;
    std::optional<trace_builder> builder_;
    trace_builder* recorder_ = nullptr;
    std::unordered_map<std::string, site_id> site_cache_;
    std::vector<printed_line> output_;
    std::vector<std::string> diagnostics_;
    std::unordered_map<void*, object_id> frames_;  // live async function frames -> their task
    std::unordered_set<promise_core*> promises_;
    node_loop* previous_ = nullptr;
};

}  // namespace loopscope::js
