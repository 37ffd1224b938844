// The Node.js event loop of the JS mode (see js/node_loop.hpp).
#include "loopscope/js/node_loop.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "loopscope/js/promise.hpp"

namespace loopscope::js {
namespace {

thread_local node_loop* running_loop = nullptr;

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

constexpr double timeout_max = 2147483647.0;  // 2^31 - 1 ms, Node's TIMEOUT_MAX

}  // namespace

double clamp_delay(double ms) {
    if (!(ms >= 1 && ms <= timeout_max)) ms = 1;  // also catches NaN
    return std::ceil(ms);
}

node_loop::node_loop(loop_options options) : options_(std::move(options)) {
    if (options_.trace) {
        builder_.emplace();
        recorder_ = &*builder_;
        recorder_->set_title(options_.title);
        recorder_->set_producer("loopscope engine (JavaScript mode)");
        recorder_->set_clock(options_.clock == clock_kind::virtual_clock ? "virtual" : "real");
    }
    task_names_.emplace_back();  // task 0: none
    real_start_ = monotonic_seconds();
    previous_ = running_loop;
    running_loop = this;
}

node_loop::~node_loop() {
    recorder_ = nullptr;  // what teardown destroys may report; nobody reads the trace any more
    // Async functions still suspended: destroy their frames (they hold the promises they await).
    std::vector<void*> frames;
    for (auto& [address, task] : frames_) frames.push_back(address);
    for (void* address : frames) std::coroutine_handle<>::from_address(address).destroy();
    microtasks_.clear();
    for (auto& [key, t] : timers_) t->callback_ = nullptr;  // a callback may hold its own timer
    timers_.clear();
    pending_rejections_.clear();
    // Pending reactions can form cycles (a handler holding its own promise): cut them.
    std::vector<loopscope::detail::ref<promise_core>> live;
    for (promise_core* p : promises_) live.emplace_back(p);
    for (auto& p : live) p->drop_reactions();
    for (auto& p : live) p->detach();
    promises_.clear();
    live.clear();
    running_loop = previous_;
}

node_loop& node_loop::current() {
    if (!running_loop) throw std::logic_error("no JavaScript event loop: run the scenario with js::run()");
    return *running_loop;
}

node_loop* node_loop::current_or_null() { return running_loop; }

// ---- queues -----------------------------------------------------------------------------------

void node_loop::queue_microtask(std::function<void()> fn, std::string_view label) {
    queue_microtask(std::move(fn), intern(label));
}

void node_loop::queue_microtask(std::function<void()> fn, string_id label) {
    object_id id = ++callback_ids_;
    event_index q = record(event_kind::callback_queued, 0, 0, id, 0, label);
    microtasks_.push_back({std::move(fn), q, id, 0});
}

void node_loop::queue_resume(object_id task, std::function<void()> fn, event_index cause) {
    event_index q = record(event_kind::task_scheduled, static_cast<std::uint8_t>(schedule_reason::future_resolved), 0,
                           task, 0, cause);
    microtasks_.push_back({std::move(fn), q, 0, task});
}

timeout_ref node_loop::set_timer(std::function<void()> fn, double ms, bool repeat, std::string_view label) {
    timeout_ref t(new timeout);
    t->id_ = ++timer_ids_;
    t->callback_ = std::move(fn);
    t->label_ = intern(label);
    const double delay = clamp_delay(ms);
    if (repeat) t->repeat_ms_ = delay;
    t->when_ms_ = now_ms_ + delay;
    t->seq_ = ++timer_seq_;
    t->armed_ = true;
    if (recorder_)
        record(event_kind::timer_armed, 0, 0, t->id_, recorder_->add_deadline(t->when_ms_ / 1000.0), t->label_);
    timers_.emplace(std::make_pair(t->when_ms_, t->seq_), t);
    return t;
}

void node_loop::clear_timer(const timeout_ref& t) {
    if (!t) return;
    t->repeat_ms_ = 0;  // an interval cleared from its own callback is not re-armed
    t->callback_ = nullptr;  // as Node does: a cleared timer lets go of its callback (and its captures)
    if (!t->armed_) return;
    t->armed_ = false;
    timers_.erase(std::make_pair(t->when_ms_, t->seq_));
    record(event_kind::timer_cancelled, 0, 0, t->id_, 0, 0);
}

// ---- running ------------------------------------------------------------------------------------

void node_loop::run(const std::function<void()>& script) {
    record(event_kind::loop_iteration, 0, 0, 0, ++iteration_, 0);
    enter_phase(loop_phase::ready);
    object_id id = ++callback_ids_;
    job main{[&script] { script(); }, record(event_kind::callback_queued, 0, 0, id, 0, intern("main script")), id, 0};
    run_job(main);
    drain_microtasks();

    while (!stopped_ && !timers_.empty()) {
        const double when = timers_.begin()->first.first;
        if (when / 1000.0 > options_.max_time) {
            diagnose(diagnostic_kind::limit_reached, 0,
                     fmt::format("stopped at t={:.3f}s: the next timer (t={:.3f}s) is past the {:.0f}s time limit",
                                 time(), when / 1000.0, options_.max_time));
            limit_hit_ = stopped_ = true;
            break;
        }
        record(event_kind::loop_iteration, 0, 0, 0, ++iteration_, 0);
        phase_.reset();
        advance_to(when);
        // Every timer due now, in insertion order; microtasks drain after each one.
        while (!stopped_ && !timers_.empty() && timers_.begin()->first.first == when) {
            timeout_ref t = timers_.begin()->second;
            timers_.erase(timers_.begin());
            t->armed_ = false;
            enter_phase(loop_phase::timers);
            job j{t->callback_, record(event_kind::timer_fired, 0, 0, t->id_, 0, 0), t->id_, 0};
            run_job(j);
            if (t->repeat_ms_ == 0) t->callback_ = nullptr;  // done: drop what the callback holds
            if (t->repeat_ms_ > 0 && !stopped_) {
                // setInterval re-arms right after its callback, before the microtasks run.
                t->when_ms_ = now_ms_ + t->repeat_ms_;
                t->seq_ = ++timer_seq_;
                t->armed_ = true;
                if (recorder_)
                    record(event_kind::timer_armed, 0, 0, t->id_, recorder_->add_deadline(t->when_ms_ / 1000.0),
                           t->label_);
                timers_.emplace(std::make_pair(t->when_ms_, t->seq_), t);
            }
            drain_microtasks();
        }
    }
}

void node_loop::run_job(job& j) {
    if (j.task) record(event_kind::task_resumed, 0, 0, j.task, 0, j.queued);
    else record(event_kind::callback_ran, 0, 0, j.callback, 0, j.queued);
    ++jobs_run_;
    current_task_ = 0;
    try {
        j.fn();
    } catch (...) {
        uncaught(std::current_exception(), false);
    }
    current_task_ = 0;
}

void node_loop::drain_microtasks() {
    if (stopped_) return;
    if (!microtasks_.empty()) enter_phase(loop_phase::microtasks);
    while (!stopped_ && !microtasks_.empty()) {
        if (over_limit()) return;
        job j = std::move(microtasks_.front());
        microtasks_.pop_front();
        run_job(j);
    }
    if (!stopped_) check_unhandled_rejections();
}

void node_loop::check_unhandled_rejections() {
    // Node's processPromiseRejections, after the microtask queue drained: a rejection still without
    // a handler is raised as an uncaught exception (--unhandled-rejections=throw, the default).
    auto pending = std::move(pending_rejections_);
    pending_rejections_.clear();
    for (auto& p : pending)
        if (!p->handled()) {
            uncaught(p->reason(), true);
            return;
        }
}

void node_loop::track_rejection(promise_core* p) { pending_rejections_.emplace_back(p); }

void node_loop::uncaught(std::exception_ptr e, bool from_promise) {
    if (stopped_) return;
    error_ = e;
    error_text_ = error_text(e);
    diagnose(diagnostic_kind::unhandled_exception, current_task_,
             from_promise ? fmt::format("unhandled promise rejection: {} (Node exits with status 1)", error_text_)
                          : fmt::format("uncaught exception: {} (Node exits with status 1)", error_text_));
    stopped_ = true;
}

void node_loop::enter_phase(loop_phase p) {
    if (phase_ == p) return;
    phase_ = p;
    record(event_kind::loop_phase, static_cast<std::uint8_t>(p), 0, 0, 0, 0);
}

bool node_loop::over_limit() {
    if (limit_hit_) return true;
    bool events = recorder_ && recorder_->next_index() >= options_.max_events;
    if (!events && jobs_run_ < options_.max_events) return false;
    limit_hit_ = stopped_ = true;
    diagnose(diagnostic_kind::limit_reached, 0,
             fmt::format("the run was stopped after {} events (the limit); shorten the scenario or raise the limit",
                         options_.max_events));
    return true;
}

void node_loop::advance_to(double ms) {
    if (ms <= now_ms_) return;
    if (options_.clock == clock_kind::real_clock) {
        double wait = ms / 1000.0 - (monotonic_seconds() - real_start_);
        if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
    now_ms_ = ms;
    if (recorder_) recorder_->advance_time(time());
}

// ---- lanes, tracing, output ---------------------------------------------------------------------

object_id node_loop::create_task(std::string name, site_id where) {
    object_id id = static_cast<object_id>(task_names_.size());
    ++task_ids_;
    record(event_kind::task_created, 0, where, id, current_task_, intern(name));
    task_names_.push_back(std::move(name));
    return id;
}

const std::string& node_loop::task_name(object_id t) const { return task_names_[t < task_names_.size() ? t : 0]; }

event_index node_loop::record(event_kind k, std::uint8_t aux, site_id s, object_id subject, std::uint32_t a,
                              std::uint32_t b) {
    if (!recorder_) return no_event;
    if (recorder_->next_index() >= options_.max_events) [[unlikely]] {
        over_limit();
        return no_event;
    }
    return recorder_->append({k, aux, s, subject, a, b});
}

site_id node_loop::site_of(const std::source_location& loc) {
    if (!recorder_) return 0;
    std::string key = fmt::format("{}:{}", loc.file_name(), loc.line());
    if (auto it = site_cache_.find(key); it != site_cache_.end()) return it->second;
    site_id id = recorder_->intern_site(loc.file_name(), loc.line(), detail::function_name(loc.function_name()));
    site_cache_.emplace(std::move(key), id);
    return id;
}

void node_loop::diagnose(diagnostic_kind kind, object_id task, std::string message, site_id where) {
    diagnostics_.push_back(fmt::format("{}: {}", to_string(kind), message));
    if (recorder_)
        recorder_->append({event_kind::diagnostic, static_cast<std::uint8_t>(kind), where, task, 0,
                           recorder_->add_string(std::move(message))});
}

void node_loop::print(std::string text, site_id where) {
    std::size_t start = 0;
    while (true) {
        std::size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (recorder_) record(event_kind::output, 0, where, current_task_, 0, recorder_->add_string(line));
        output_.push_back({time(), task_name(current_task_), std::move(line)});
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
}

void node_loop::register_frame(std::coroutine_handle<> h, object_id task) { frames_.emplace(h.address(), task); }
void node_loop::unregister_frame(std::coroutine_handle<> h) { frames_.erase(h.address()); }
void node_loop::register_promise(promise_core* p) { promises_.insert(p); }
void node_loop::unregister_promise(promise_core* p) { promises_.erase(p); }

run_result node_loop::finish() {
    // Node exits quietly when nothing is left to do, even with async functions still waiting;
    // the trace says which ones never finished.
    if (!stopped_) {
        std::vector<object_id> waiting;
        for (auto& [address, task] : frames_) waiting.push_back(task);
        std::sort(waiting.begin(), waiting.end());
        for (object_id t : waiting)
            diagnose(diagnostic_kind::deadlock, t,
                     fmt::format("{} never finished: the program ended while it still awaited a promise that nothing "
                                 "will ever settle (Node exits without a word)",
                                 task_name(t)));
    }
    run_result r;
    r.output = output_;
    r.diagnostics = diagnostics_;
    r.error = error_;
    r.error_text = error_text_;
    r.limit_reached = limit_hit_;
    if (recorder_) {
        r.trace = recorder_->finish();
        recorder_ = nullptr;
    }
    return r;
}

}  // namespace loopscope::js
