#include "loopscope/event_loop.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "loopscope/detail/float_text.hpp"
#include "loopscope/detail/heapq.hpp"
#include "loopscope/detail/pool.hpp"
#include "loopscope/detail/prefetch.hpp"
#include "loopscope/task.hpp"

namespace loopscope {
namespace {

// CPython's values (base_events.py): the heap is rebuilt when more than half of over 100 timers
// are cancelled; timers due within the clock's resolution fire together.
constexpr std::size_t min_scheduled_timer_handles = 100;
constexpr double min_cancelled_timer_handles_fraction = 0.5;
constexpr double clock_resolution = 1e-9;  // time.get_clock_info('monotonic').resolution on Linux

// heapq compares TimerHandles by `when` alone. A function object, so that the sift loops inline it.
struct timer_less {
    template <class E>
    bool operator()(const E& a, const E& b) const {
        return a.when < b.when;
    }
};

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// A std::function kept alive by the ready queue.
struct function_holder : detail::ref_counted {
    explicit function_holder(std::function<void()> f) : fn(std::move(f)) {}
    std::function<void()> fn;
    static void call(detail::ref_counted* self, detail::ref_counted*) { static_cast<function_holder*>(self)->fn(); }
};

}  // namespace

void timer_handle::prefetch_callback() const {
    // Sizes are generous guesses: a future, a task, a small coroutine frame.
    detail::prefetch(callback_.target.get(), 192);
    detail::prefetch(touch_[0], 320);
    detail::prefetch(touch_[1], 256);
}

void timer_handle::cancel() {
    if (!cancelled_ && loop_) loop_->timer_cancelled(*this);
    cancelled_ = true;
    callback_ = {};  // as CPython does: drop the callback and its references at once
}

event_loop::event_loop(loop_options options) : options_(std::move(options)) {
    if (options_.trace) {
        builder_.emplace();
        recorder_ = &*builder_;
        recorder_->set_title(options_.title);
        recorder_->set_producer("loopscope engine");
        recorder_->set_clock(options_.clock == clock_kind::virtual_clock ? "virtual" : "real");
    }
    real_start_ = monotonic_seconds();
    previous_ = detail::running_loop;
    detail::running_loop = this;
}

event_loop::~event_loop() {
    recorder_ = nullptr;  // frames destroyed below may report; nobody reads the trace any more
    // A task still waiting (a deadlock, a limit) and the future it awaits hold each other (the
    // future's wake-up callback holds the task): drop those callbacks so both can be freed.
    for (auto& t : tasks_)
        if (future_base* f = t->done() ? nullptr : t->waiting_on()) f->remove_done_callbacks(t.get());
    tasks_.clear();
    while (!ready_.empty()) {
        auto q = ready_.front();
        ready_.pop_front();
        for (detail::ref_counted* owned : {q.task_step ? nullptr : q.target, q.arg, static_cast<detail::ref_counted*>(q.timer)})
            if (owned) owned->release();
    }
    off_loop_.clear();
    for (auto& e : scheduled_) e.timer->release();
    scheduled_.clear();
    detail::running_loop = previous_;
    detail::block_pool::tidy();  // the next loop's objects start from blocks in address order
}

void event_loop::no_running_loop() {
    throw std::logic_error("no running event loop: create an event_loop (or use run()) first");
}

void event_loop::call_soon(std::function<void()> fn, std::string_view label) {
    handle h{&function_holder::call, detail::ref<detail::ref_counted>(new function_holder(std::move(fn))), {}, no_event, {}, false};
    h.queued = record(event_kind::callback_queued, 0, 0, next_callback_id(), 0, intern(label));
    call_soon(std::move(h));
}

detail::ref<timer_handle> event_loop::call_at(double when, handle h, std::string_view label) {
    return call_at(when, std::move(h), intern(label));
}

detail::ref<timer_handle> event_loop::call_at(double when, handle h, string_id label) {
    detail::ref<timer_handle> t(new timer_handle);
    t->loop_ = this;
    t->when_ = when;
    t->callback_ = std::move(h);
    t->id_ = ++timer_ids_;
    t->scheduled_ = true;
    if (recorder_) record(event_kind::timer_armed, 0, await_site_, t->id_, recorder_->add_deadline(when), label);
    t->add_ref();  // the heap's reference
    detail::heapq_push(scheduled_, scheduled_timer{when, t.get()}, timer_less{});
    return t;
}

detail::ref<timer_handle> event_loop::call_later(double delay, handle h, std::string_view label) {
    return call_at(now_ + delay, std::move(h), label);
}

detail::ref<timer_handle> event_loop::call_later(double delay, std::function<void()> fn, std::string_view label) {
    handle h{&function_holder::call, detail::ref<detail::ref_counted>(new function_holder(std::move(fn))), {}, no_event, {}, false};
    return call_later(delay, std::move(h), label);
}

void event_loop::call_soon_threadsafe_at(double when, handle h, std::string_view label) {
    auto at = std::upper_bound(off_loop_.begin(), off_loop_.end(), when,
                               [](double w, const off_loop_work& o) { return w < o.when; });
    off_loop_.insert(at, off_loop_work{when, std::move(h), intern(label)});
}

void event_loop::timer_cancelled(timer_handle& t) {
    if (t.scheduled_) ++timer_cancelled_count_;
    if (!t.ran_) record(event_kind::timer_cancelled, 0, 0, t.id_, 0, 0);
}

// ---- one iteration -----------------------------------------------------------------------------

string_id event_loop::new_sleep_label(double delay) {
    char text[8 + detail::float_text_max] = {'s', 'l', 'e', 'e', 'p', '('};
    char* end = detail::write_float(text + 6, delay);
    *end++ = ')';
    return recorder_->add_string(std::string_view(text, static_cast<std::size_t>(end - text)));
}

bool event_loop::run_once() {
    ++iteration_;
    record(event_kind::loop_iteration, 0, 0, 0, static_cast<std::uint32_t>(iteration_), 0);

    prune_cancelled_timers();

    std::optional<double> timeout;  // nullopt: wait forever
    if (!ready_.empty() || stopping_) timeout = 0.0;
    else if (!scheduled_.empty()) timeout = std::max(0.0, scheduled_.front().when - now_);

    record(event_kind::loop_phase, static_cast<std::uint8_t>(loop_phase::io), 0, 0, 0, 0);
    if (!poll(timeout)) return false;

    record(event_kind::loop_phase, static_cast<std::uint8_t>(loop_phase::timers), 0, 0, 0, 0);
    fire_due_timers();

    record(event_kind::loop_phase, static_cast<std::uint8_t>(loop_phase::ready), 0, 0, 0, 0);
    run_ready();
    return true;
}

void event_loop::prune_cancelled_timers() {
    // Every cancelled timer still in the heap was counted when it was cancelled: none counted, none
    // to prune (and the head's timer, elsewhere in memory, need not be looked at).
    if (timer_cancelled_count_ == 0) return;
    std::size_t count = scheduled_.size();
    if (count > min_scheduled_timer_handles &&
        static_cast<double>(timer_cancelled_count_) / static_cast<double>(count) > min_cancelled_timer_handles_fraction) {
        std::vector<scheduled_timer> kept;
        for (auto& e : scheduled_) {
            if (e.timer->cancelled_) {
                e.timer->scheduled_ = false;
                e.timer->release();
            } else {
                kept.push_back(e);
            }
        }
        detail::heapq_heapify(kept, timer_less{});
        scheduled_ = std::move(kept);
        timer_cancelled_count_ = 0;
    } else {
        while (!scheduled_.empty() && scheduled_.front().timer->cancelled_) {
            --timer_cancelled_count_;
            timer_handle* t = detail::heapq_pop(scheduled_, timer_less{}).timer;
            t->scheduled_ = false;
            t->release();
        }
    }
}

// No real I/O exists in the engine, so polling is where time passes: the virtual clock jumps to the
// earliest deadline, the real clock sleeps until it. Off-loop work (executor threads) that is due
// hands its completion back first, as a worker's call_soon_threadsafe wakes the selector; when
// nothing is ready, the clock moves to whichever comes first, a timer or a worker. Returns false if
// nothing can ever happen. tests/conformance/vclock.py's selector follows the same rules.
bool event_loop::poll(std::optional<double> timeout) {
    while (true) {
        if (deliver_off_loop_work() || (timeout && *timeout <= 0)) return true;
        if (!scheduled_.empty() && scheduled_.front().when <= now_) return true;
        if (scheduled_.empty() && off_loop_.empty()) return false;
        double next = scheduled_.empty() ? off_loop_.front().when : scheduled_.front().when;
        if (!off_loop_.empty()) next = std::min(next, off_loop_.front().when);
        if (next > options_.max_time) {
            diagnose(diagnostic_kind::limit_reached, 0,
                     fmt::format("stopped at t={:.3f}s: the next timer (t={:.3f}s) is past the {:.0f}s time limit", now_,
                                 next, options_.max_time));
            limit_hit_ = true;
            return false;
        }
        if (options_.clock == clock_kind::virtual_clock) {
            now_ = next;
        } else {
            std::this_thread::sleep_for(std::chrono::duration<double>(next - now_));
            now_ = std::max(next, monotonic_seconds() - real_start_);
        }
        if (recorder_) recorder_->advance_time(now_);
        timeout = 0.0;  // time has moved: deliver what is due, then let the timers phase run
    }
}

bool event_loop::deliver_off_loop_work() {
    bool any = false;
    while (!off_loop_.empty() && off_loop_.front().when <= now_) {
        off_loop_work w = std::move(off_loop_.front());
        off_loop_.pop_front();
        w.h.queued = record(event_kind::callback_queued, 0, 0, next_callback_id(), 0, w.label);
        call_soon(std::move(w.h));
        any = true;
    }
    return any;
}

void event_loop::fire_due_timers() {
    double end_time = now_ + clock_resolution;
    while (!scheduled_.empty() && scheduled_.front().when < end_time) {
        timer_handle* t = detail::heapq_pop(scheduled_, timer_less{}).timer;
        t->scheduled_ = false;
        handle h = std::move(t->callback_);  // it runs once; a later cancel() has nothing to drop
        h.timer = detail::ref<timer_handle>(t);
        h.queued = record(event_kind::timer_fired, 0, 0, t->id_, 0, 0);
        t->release();  // the heap's reference; the handle holds its own
        call_soon(std::move(h));
        if (scheduled_.empty() || scheduled_.front().when >= end_time) prefetch_next_timers();
    }
}

// With many timers alive, each one that fires is somewhere else in memory: its handle, the future
// it resolves, the task that wakes, that task's frame. Waiting for each in turn made the timers
// workload wait on memory for most of its time, so this fetches ahead, two timers deep: the handle
// of the timer after next (the second smallest deadline is one of the front's children), and what
// the next timer's callback will touch (its handle came in one firing ago).
void event_loop::prefetch_next_timers() const {
    std::size_t n = scheduled_.size();
    if (n == 0) return;
    scheduled_[0].timer->prefetch_callback();
    if (n >= 2) {
        const scheduled_timer& second = n >= 3 && scheduled_[2].when < scheduled_[1].when ? scheduled_[2] : scheduled_[1];
        detail::prefetch(second.timer, sizeof(timer_handle));
    }
}

void event_loop::run_ready() {
    if (recorder_) run_ready_pass<true>();
    else run_ready_pass<false>();
}

template <bool Traced>
void event_loop::run_ready_pass() {
    // Only what is ready now runs in this pass; callbacks queued meanwhile wait for the next one.
    // Prefetching pays only in a pass too long for its objects to still be in the cache from
    // their last step (1000 tasks yielding in turn are; 100k sleepers starting are not).
    const bool prefetch = ready_.size() > ready_prefetch_min_pass;
    for (std::size_t todo = ready_.size(); todo > 0 && !ready_.empty(); --todo) {
        if (prefetch && todo > ready_prefetch_far) prefetch_ready();
        const detail::queued_handle& front = ready_.front();
        if (front.task_step && !front.arg) {
            auto* t = static_cast<task_base*>(front.target);
            event_index queued = front.queued;
            ready_.pop_front();  // before the step, which may queue more (and grow the ring)
            run_step<Traced>(t, queued);
        } else {
            detail::queued_handle q = front;
            ready_.pop_front();
            run_handle(q);
        }
    }
}

// The entries of a long pass (a gather starting its children, timers due together) are objects
// scattered in memory: fetch them ahead, in two stages because a task's frame is found through
// the task: the target of the entry `far` places ahead, and what the one `near` ahead will touch.
void event_loop::prefetch_ready() const {
    const detail::queued_handle& far = ready_[ready_prefetch_far];
    detail::prefetch(far.timer ? static_cast<const void*>(far.timer) : far.target, 320);
    const detail::queued_handle& near = ready_[ready_prefetch_near];
    if (near.timer) near.timer->prefetch_callback();
    else if (near.task_step) detail::prefetch(static_cast<const task_base*>(near.target)->leaf_frame(), 256);
}

// A task's step from schedule_step: nothing to adopt or release, no call through the handle's
// function pointer, and the step records its own resume.
template <bool Traced>
inline void event_loop::run_step(task_base* t, event_index queued) {
    if constexpr (Traced) running_handle_event_ = queued;  // untraced it is always no_event
    block_site_ = 0;
    double started = now_;
    try {
        t->step<Traced>(queued);
    } catch (const std::exception& e) {
        diagnose(diagnostic_kind::unhandled_exception, 0, fmt::format("Exception in callback: {}", e.what()));
    }
    if constexpr (Traced) running_handle_event_ = no_event;
    if (now_ - started >= options_.slow_callback_duration) [[unlikely]]
        slow_step(t->id(), started);
}

void event_loop::run_handle(const detail::queued_handle& q) {
    // Take back the references the queue held; they are released on return.
    auto target = detail::ref<detail::ref_counted>::adopt(q.task_step ? nullptr : q.target);
    auto arg = detail::ref<detail::ref_counted>::adopt(q.arg);
    auto timer = detail::ref<timer_handle>::adopt(q.timer);
    if (timer) {
        if (timer->cancelled_) return;
        timer->ran_ = true;
    }
    if (!q.task_step) record(event_kind::callback_ran, 0, 0, timer ? timer->id_ : 0, 0, q.queued);
    running_handle_event_ = q.queued;
    block_site_ = 0;
    double started = now_;
    try {
        q.fn(q.target, q.arg);
    } catch (const std::exception& e) {
        // CPython logs "Exception in callback ..." and the loop goes on.
        diagnose(diagnostic_kind::unhandled_exception, 0, fmt::format("Exception in callback: {}", e.what()));
    }
    running_handle_event_ = no_event;
    if (now_ - started >= options_.slow_callback_duration) [[unlikely]]
        slow_step(q.task_step ? static_cast<task_base*>(q.target)->id() : 0, started);
}

void event_loop::slow_step(object_id task, double started) {
    diagnose(diagnostic_kind::slow_callback, task,
             fmt::format("Executing a step took {:.3f} seconds (asyncio debug mode warns at {:.3f})", now_ - started,
                         options_.slow_callback_duration),
             block_site_ ? block_site_ : await_site_);
}

void event_loop::run_forever() {
    while (run_once() && !stopping_) {
    }
    stopping_ = false;
}

// ---- the things scenarios do to the loop -------------------------------------------------------

void event_loop::block(double seconds, std::source_location where) {
    object_id task = current_task_ ? current_task_->id() : 0;
    site_id s = site_of(where);
    block_site_ = s;
    if (recorder_) record(event_kind::blocking_begin, 0, s, task, recorder_->add_deadline(seconds), 0);
    if (options_.clock == clock_kind::real_clock) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    now_ = now_ + seconds;  // the same float arithmetic as time.sleep on CPython's virtual clock
    if (recorder_) recorder_->advance_time(now_);
    record(event_kind::blocking_end, 0, s, task, 0, 0);
}

site_id event_loop::site_of_slow(const std::source_location& loc) {
    if (!recorder_) return 0;
    auto key = std::make_pair(loc.file_name(), static_cast<std::uint32_t>(loc.line()));
    if (auto it = site_cache_.find(key); it != site_cache_.end()) return it->second;
    site_id id = recorder_->intern_site(loc.file_name(), loc.line(), detail::coroutine_name(loc.function_name()));
    site_cache_.emplace(key, id);
    return id;
}

void event_loop::diagnose(diagnostic_kind kind, object_id task, std::string message, site_id where) {
    diagnostics_.push_back(fmt::format("{}: {}", to_string(kind), message));
    if (recorder_) recorder_->append({event_kind::diagnostic, static_cast<std::uint8_t>(kind), where, task, 0,
                                      recorder_->add_string(std::move(message))});
}

void event_loop::print(std::string text, std::source_location where) {
    object_id task = current_task_ ? current_task_->id() : 0;
    std::string who = current_task_ ? current_task_->name() : std::string();
    site_id s = site_of(where);
    // One event per line, as the console shows them.
    std::size_t start = 0;
    while (true) {
        std::size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (recorder_) record(event_kind::output, 0, s, task, 0, recorder_->add_string(line));
        output_.push_back({now_, who, std::move(line)});
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
}

void event_loop::register_task(task_base* t) { tasks_.emplace_back(t); }

event_index event_loop::over_limit() {
    if (!limit_hit_) {
        limit_hit_ = true;
        stopping_ = true;
        diagnose(diagnostic_kind::limit_reached, 0,
                 fmt::format("the run was stopped after {} events (the limit); shorten the scenario or raise the limit",
                             options_.max_events));
    }
    return no_event;
}

trace event_loop::take_trace() {
    if (!recorder_) return trace{};
    recorder_ = nullptr;
    return builder_->finish();
}

}  // namespace loopscope
