// The event loop, modelled on asyncio's BaseEventLoop.
//
// One iteration (run_once) is four named phases, exactly as in CPython's _run_once:
//   1. prune   drop cancelled timers from the top of the heap (or rebuild it when most are cancelled)
//   2. poll    wait for I/O; on the virtual clock, jump time to the earliest deadline instead
//   3. timers  move every timer that is due to the back of the ready queue
//   4. ready   run the callbacks that were ready when the phase began; new ones wait a turn
// Every phase and every state change is recorded in the trace.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/detail/ref.hpp"
#include "loopscope/detail/ring_queue.hpp"
#include "loopscope/trace.hpp"

namespace loopscope {

class event_loop;
class task_base;
class future_base;

enum class clock_kind { virtual_clock, real_clock };

struct loop_options {
    clock_kind clock = clock_kind::virtual_clock;
    bool trace = true;                    // false: record nothing (fast path for benchmarks)
    std::uint64_t max_events = 20'000'000;  // cap on recorded events; beyond it the run stops
    double max_time = 1e6;                // cap on (virtual) seconds
    double slow_callback_duration = 0.1;  // asyncio debug mode's slow-callback threshold
    std::string title;                    // recorded in the trace
};

// One callback in the ready queue: fn(target, arg). Both are kept alive until it has run.
struct handle {
    using fn_t = void (*)(detail::ref_counted* target, detail::ref_counted* arg);
    fn_t fn = nullptr;
    detail::ref<detail::ref_counted> target;
    detail::ref<detail::ref_counted> arg;
    event_index queued = no_event;  // the event that put it in the queue (for causality)
    detail::ref<class timer_handle> timer;  // set when it came from a timer: skipped if cancelled
    bool task_step = false;         // a task's step records its own resume; others record callback_ran
};

namespace detail {
// A handle as the ready queue stores it: plain pointers that each own one reference, so pushing
// and popping copies 40 bytes instead of moving three smart pointers. A task step's target is the
// exception: it owns no reference, because the loop's task list keeps every task alive until the
// loop ends.
struct queued_handle {
    handle::fn_t fn = nullptr;
    ref_counted* target = nullptr;
    ref_counted* arg = nullptr;
    class timer_handle* timer = nullptr;
    event_index queued = no_event;
    bool task_step = false;
};
inline thread_local event_loop* running_loop = nullptr;
}  // namespace detail

// A call_later / call_at registration. Cancel it to keep it from running.
class timer_handle : public detail::ref_counted {
public:
    void cancel();
    [[nodiscard]] bool cancelled() const { return cancelled_; }
    [[nodiscard]] double when() const { return when_; }
    [[nodiscard]] object_id id() const { return id_; }
    // Memory its callback will touch besides the callback's target (a sleep: the task and its
    // coroutine frame). A hint only: the loop fetches it into the cache while earlier timers run.
    void touches(const void* a, const void* b) {
        touch_[0] = a;
        touch_[1] = b;
    }

private:
    friend class event_loop;
    void prefetch_callback() const;
    event_loop* loop_ = nullptr;
    double when_ = 0;
    handle callback_;
    const void* touch_[2] = {};
    object_id id_ = 0;
    bool cancelled_ = false;
    bool scheduled_ = false;  // still in the heap
    bool ran_ = false;        // its callback has run
};

// A line a scenario printed, with when and by whom.
struct printed_line {
    double time;
    std::string task;
    std::string text;
};

class event_loop {
public:
    explicit event_loop(loop_options options = {});
    ~event_loop();
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;

    // The loop running on this thread (asyncio.get_running_loop()); asserts there is one.
    [[nodiscard]] static event_loop& current() {
        if (!detail::running_loop) [[unlikely]]
            no_running_loop();
        return *detail::running_loop;
    }
    [[nodiscard]] static event_loop* current_or_null() { return detail::running_loop; }

    // loop.time(): seconds since the loop was created (virtual or real).
    [[nodiscard]] double time() const { return now_; }

    void call_soon(handle h) {
        // A task step does not own its task (see queued_handle): h's reference goes with h.
        detail::ref_counted* target = h.task_step ? h.target.get() : h.target.detach();
        ready_.push_back({h.fn, target, h.arg.detach(), h.timer.detach(), h.queued, h.task_step});
    }
    // A task's next step, with nothing else attached: the common case, kept lean.
    void call_soon_step(handle::fn_t step, detail::ref_counted* task, event_index queued) {
        ready_.push_back({step, task, nullptr, nullptr, queued, true});
    }
    // A plain callback, shown in the trace under `label`.
    void call_soon(std::function<void()> fn, std::string_view label = "callback");
    detail::ref<timer_handle> call_later(double delay, handle h, std::string_view label = "timer");
    detail::ref<timer_handle> call_at(double when, handle h, std::string_view label = "timer");
    // The same, with the label already interned (0 when tracing is off).
    detail::ref<timer_handle> call_at(double when, handle h, string_id label);
    detail::ref<timer_handle> call_later(double delay, std::function<void()> fn, std::string_view label = "timer");
    // Work running off the loop (an executor thread) that ends at loop time `when`. Its completion
    // comes back as call_soon_threadsafe does: queued while the loop polls, ahead of any timer due
    // at the same time (the worker wakes the selector before the timers phase runs).
    void call_soon_threadsafe_at(double when, handle h, std::string_view label = "call_soon_threadsafe");
    [[nodiscard]] std::size_t off_loop_count() const { return off_loop_.size(); }

    // One pass through the phases. Returns false when nothing can ever happen again.
    bool run_once();
    // Runs iterations until stop() or until no progress is possible.
    void run_forever();
    void stop() { stopping_ = true; }
    [[nodiscard]] bool is_stopping() const { return stopping_; }
    // True once the event or time cap stopped the run.
    [[nodiscard]] bool limit_hit() const { return limit_hit_; }

    // What time.sleep(d) does inside a coroutine: the whole loop stands still for d seconds.
    void block(double seconds, std::source_location where = std::source_location::current());

    // The task whose step is running now (asyncio.current_task()), or nullptr.
    [[nodiscard]] task_base* current_task() const { return current_task_; }
    void set_current_task(task_base* t) { current_task_ = t; }

    // Tracing. When tracing is off every record call is a no-op returning no_event.
    [[nodiscard]] bool tracing() const { return recorder_ != nullptr; }
    // Always inline: untraced it is one test, and GCC stopped inlining it into the loop's pass.
    [[gnu::always_inline]] event_index record(event_kind k, std::uint8_t aux, site_id s, object_id subject,
                                              std::uint32_t a, std::uint32_t b) {
        if (!recorder_) return no_event;
        if (recorder_->next_index() >= options_.max_events) [[unlikely]]
            return over_limit();
        return recorder_->append({k, aux, s, subject, a, b});
    }
    [[nodiscard]] string_id intern(std::string_view s) { return recorder_ ? recorder_->intern(s) : 0; }
    // Adds a string known to be unique (a default task name): no interning, no lookup.
    [[nodiscard]] string_id add_unique_string(std::string_view s) { return recorder_ ? recorder_->add_string(s) : 0; }
    [[nodiscard]] std::string_view string_of(string_id id) const { return recorder_ ? recorder_->peek().string(id) : ""; }
    [[nodiscard]] site_id site_of(const std::source_location& loc) {
        // Most awaits repeat a handful of sites: a direct-mapped cache in front of the map.
        auto& slot = site_slots_[(reinterpret_cast<std::uintptr_t>(loc.file_name()) ^ loc.line() * 2654435761u) & 255];
        if (slot.file == loc.file_name() && slot.line == loc.line()) return slot.id;
        site_id id = site_of_slow(loc);
        slot = {loc.file_name(), loc.line(), id};
        return id;
    }
    // The interned label "sleep(0)", asked for at every yield.
    // The label "sleep(<delay>)" of a timed sleep, for its timer and its suspension (0 untraced).
    [[nodiscard]] string_id sleep_label(double delay) {
        if (!recorder_) return 0;
        std::uint64_t bits;
        std::memcpy(&bits, &delay, sizeof bits);
        auto& slot = sleep_label_slots_[(bits * 0x9e3779b97f4a7c15ull) >> 56];
        if (slot.id && slot.bits == bits) return slot.id;
        slot = {bits, new_sleep_label(delay)};
        return slot.id;
    }
    [[nodiscard]] string_id yield_label() {
        if (!yield_label_ && recorder_) yield_label_ = recorder_->intern("sleep(0)");
        return yield_label_;
    }
    void diagnose(diagnostic_kind kind, object_id task, std::string message, site_id where = 0);
    void print(std::string text, std::source_location where);

    // The trace event that queued the handle now running (a task step reads it as its cause).
    [[nodiscard]] event_index running_handle_event() const { return running_handle_event_; }
    // Set by every co_await (see promise_base::await_transform): where the running task stands.
    void set_await_site(site_id s) { await_site_ = s; }
    [[nodiscard]] site_id await_site() const { return await_site_; }

    [[nodiscard]] object_id next_task_id() { return ++task_ids_; }
    [[nodiscard]] object_id next_callback_id() { return ++callback_ids_; }
    [[nodiscard]] object_id next_future_id() { return ++future_ids_; }
    [[nodiscard]] std::uint64_t iteration() const { return iteration_; }
    [[nodiscard]] std::size_t ready_count() const { return ready_.size(); }
    [[nodiscard]] std::size_t timer_count() const { return scheduled_.size(); }

    [[nodiscard]] const std::vector<printed_line>& output() const { return output_; }
    [[nodiscard]] const std::vector<std::string>& diagnostics() const { return diagnostics_; }
    [[nodiscard]] const loop_options& options() const { return options_; }

    // Every task created on this loop, in creation order (asyncio.all_tasks() includes done ones here).
    [[nodiscard]] const std::vector<detail::ref<task_base>>& tasks() const { return tasks_; }
    void register_task(task_base* t);

    // Hands over the recorded trace; the loop records nothing afterwards.
    [[nodiscard]] trace take_trace();

private:
    friend class timer_handle;
    site_id site_of_slow(const std::source_location& loc);
    [[noreturn]] static void no_running_loop();
    void prune_cancelled_timers();
    bool poll(std::optional<double> timeout);
    bool deliver_off_loop_work();
    void fire_due_timers();
    void prefetch_next_timers() const;
    void run_ready();
    template <bool Traced>
    void run_ready_pass();
    static constexpr std::size_t ready_prefetch_near = 3, ready_prefetch_far = 6, ready_prefetch_min_pass = 4096;
    void prefetch_ready() const;
    void run_handle(const detail::queued_handle& q);
    template <bool Traced>
    void run_step(task_base* t, event_index queued);
    void slow_step(object_id task, double started);  // the slow_callback diagnostic
    void timer_cancelled(timer_handle& t);
    event_index over_limit();

    loop_options options_;
    double now_ = 0;
    double real_start_ = 0;
    detail::ring_queue<detail::queued_handle> ready_;
    // A heapq heap ordered by deadline; each entry holds one reference. The deadline is copied into
    // the entry so that sifting compares neighbours in one array instead of chasing pointers.
    struct scheduled_timer {
        double when;
        timer_handle* timer;
    };
    std::vector<scheduled_timer> scheduled_;
    std::size_t timer_cancelled_count_ = 0;
    struct off_loop_work {
        double when;
        handle h;
        string_id label;
    };
    std::deque<off_loop_work> off_loop_;  // sorted by `when`; equal times keep submission order
    site_id block_site_ = 0;              // the last block() of the running handle (for slow_callback)
    bool stopping_ = false;
    bool limit_hit_ = false;
    std::uint64_t iteration_ = 0;
    task_base* current_task_ = nullptr;
    event_index running_handle_event_ = no_event;
    site_id await_site_ = 0;
    struct site_key_hash {
        std::size_t operator()(const std::pair<const char*, std::uint32_t>& k) const {
            return std::hash<const void*>{}(k.first) * 31u + k.second;
        }
    };
    std::unordered_map<std::pair<const char*, std::uint32_t>, site_id, site_key_hash> site_cache_;
    struct site_slot {
        const char* file = nullptr;
        std::uint_least32_t line = 0;
        site_id id = 0;
    };
    site_slot site_slots_[256] = {};
    // Labels of the delays slept lately. A miss adds the label without looking it up: a run with
    // many distinct delays (100k random sleeps) makes each label once, and interning them cost a
    // cache miss apiece in a table that only grew. The same text may then have two ids.
    struct sleep_label_slot {
        std::uint64_t bits = 0;
        string_id id = 0;
    };
    sleep_label_slot sleep_label_slots_[256] = {};
    [[gnu::noinline]] string_id new_sleep_label(double delay);
    string_id yield_label_ = 0;
    object_id task_ids_ = 0, future_ids_ = 0, timer_ids_ = 0, callback_ids_ = 0;
    std::optional<trace_builder> builder_;
    trace_builder* recorder_ = nullptr;
    std::vector<printed_line> output_;
    std::vector<std::string> diagnostics_;
    std::vector<detail::ref<task_base>> tasks_;
    event_loop* previous_ = nullptr;
};

// asyncio.get_running_loop()
[[nodiscard]] inline event_loop& get_running_loop() { return event_loop::current(); }

}  // namespace loopscope
