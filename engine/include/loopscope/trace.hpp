// The trace: the immutable record of one run.
//
// It is the contract between producers (the engine, the Python tracer) and consumers (the GUI,
// the terminal view, exporters). Events are 16-byte records; everything variable-sized (names,
// labels, printed text, deadlines) lives in side tables that events index into. Time is not stored
// per event: it only changes when the loop jumps to a timer, so the trace keeps a table of
// (first event index, time) epochs and time_at(i) is a binary search.
//
// docs/trace-format.md documents the meaning of every field and the file layout.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loopscope/detail/event_buffer.hpp"
#include "loopscope/detail/string_index.hpp"

namespace loopscope {

// Identifies a task, future or timer inside one trace. 0 means "none".
using object_id = std::uint32_t;
// Index into trace::strings(). 0 is always the empty string.
using string_id = std::uint32_t;
// Index into trace::sites(). 0 is always "unknown site".
using site_id = std::uint16_t;
// Index of an event in trace::events().
using event_index = std::uint32_t;
inline constexpr event_index no_event = 0xffffffffu;
inline constexpr string_id no_string = 0xffffffffu;  // "not interned yet", for caches

enum class event_kind : std::uint8_t {
    loop_iteration,   // a = iteration number. Starts one pass of run_once().
    loop_phase,       // aux = loop_phase. Marks the start of a phase inside the iteration.
    time_advanced,    // a = index into times(); the clock jumped (virtual) or moved on (real).
    task_created,     // subject = task, a = parent task (0: none), b = name; site = where.
    task_scheduled,   // subject = task, aux = schedule_reason, b = cause event (no_event: none).
    task_resumed,     // subject = task, b = the task_scheduled event that queued this step.
    task_suspended,   // subject = task, aux = await_kind, a = awaited object, b = label string.
    task_finished,    // subject = task, aux = outcome, b = result / exception text.
    future_created,   // subject = future, a = owner task (0: none), b = label string.
    future_resolved,  // subject = future, aux = outcome, b = text.
    timer_armed,      // subject = timer, a = index into deadlines(), b = label string.
    timer_fired,      // subject = timer.
    timer_cancelled,  // subject = timer.
    callback_queued,  // subject = callback id, b = label (a plain call_soon callback, not a task).
    callback_ran,     // subject = callback id, b = the callback_queued event.
    output,           // subject = task that printed (0: none), b = text (one line, no newline).
    blocking_begin,   // subject = task, a = index into deadlines() (the blocking duration).
    blocking_end,     // subject = task.
    diagnostic,       // subject = task (0: none), aux = diagnostic_kind, b = message.
    cancel_requested, // subject = task being cancelled, a = the task that asked (0: the loop), b = message.
    count_
};

// microtasks: the JS mode's microtask queue draining (after the main script and after each timer).
enum class loop_phase : std::uint8_t { timers, ready, io, idle, microtasks };

enum class schedule_reason : std::uint8_t {
    created,          // create_task: the first step is queued with call_soon
    yielded,          // sleep(0) / bare yield: the task goes to the back of the ready queue
    timer_fired,      // the timer the task slept on fired
    future_resolved,  // a future it awaited got a result or an exception
    task_finished,    // a task it awaited finished
    cancelled,        // it was cancelled while waiting
    woken,            // a queue, lock, event, semaphore or condition woke it
};

enum class await_kind : std::uint8_t {
    yield,     // sleep(0)
    sleep,     // sleep(d > 0); a = timer
    future,    // a plain future; a = future
    task,      // another task; a = task
    gather,    // gather(...); a = the gather future
    primitive, // queue / lock / event / semaphore / condition; a = future
    io,        // simulated network or executor work; a = future
};

enum class outcome : std::uint8_t { result, exception, cancelled };

enum class diagnostic_kind : std::uint8_t {
    deadlock,                    // nothing ready, no timer, main not finished
    never_awaited,               // a coroutine object was created and dropped
    exception_never_retrieved,   // a task failed and nobody looked
    slow_callback,               // one step held the loop >= 100 ms (asyncio debug mode)
    unhandled_exception,         // main raised
    limit_reached,               // event / time cap hit; the run was stopped
};

struct trace_event {
    event_kind kind;
    std::uint8_t aux;
    site_id site;
    object_id subject;
    std::uint32_t a;
    std::uint32_t b;
};
static_assert(sizeof(trace_event) == 16, "a trace event must stay 16 bytes");

// Where something happened in the scenario's source: file (a string) and 1-based line.
struct site {
    string_id file = 0;
    std::uint32_t line = 0;
    string_id function = 0;
    bool operator==(const site&) const = default;
};

enum class object_kind : std::uint8_t { task, future, timer, callback };

// Facts about a task that never change during the run, collected as its events are recorded.
struct task_info {
    object_id id = 0;
    string_id name = 0;
    object_id parent = 0;
    event_index created = no_event;
    event_index finished = no_event;  // no_event: still pending when the trace ends
};

struct time_epoch {
    event_index first;  // first event at this time
    double time;        // seconds since the loop started
};

// Immutable once built. Produced by trace_builder (the engine's recorder and the file loader).
class trace {
public:
    trace();

    [[nodiscard]] std::span<const trace_event> events() const { return events_; }
    [[nodiscard]] std::size_t size() const { return events_.size(); }
    [[nodiscard]] const trace_event& operator[](event_index i) const { return events_[i]; }

    [[nodiscard]] std::string_view string(string_id id) const { return strings_[id]; }
    [[nodiscard]] const detail::string_table& strings() const { return strings_; }
    [[nodiscard]] std::span<const site> sites() const { return sites_; }
    [[nodiscard]] const site& site_of(const trace_event& e) const { return sites_[e.site]; }
    [[nodiscard]] std::span<const time_epoch> times() const { return times_; }
    [[nodiscard]] std::span<const double> deadlines() const { return deadlines_; }
    [[nodiscard]] std::span<const task_info> tasks() const { return tasks_; }  // tasks()[0] is unused
    [[nodiscard]] const task_info& task(object_id id) const { return tasks_[id]; }
    [[nodiscard]] std::string_view task_name(object_id id) const;

    // Virtual (or real) time in seconds when event i happened. O(log epochs).
    [[nodiscard]] double time_at(event_index i) const;
    // Time of the last event: the run's duration.
    [[nodiscard]] double end_time() const;

    // Free-form metadata: the scenario name, the producer, the clock ("virtual" / "real").
    [[nodiscard]] std::string_view title() const { return title_; }
    [[nodiscard]] std::string_view producer() const { return producer_; }
    [[nodiscard]] std::string_view clock() const { return clock_; }

    // The printed lines and when they were printed, in order.
    struct output_line {
        event_index at;
        double time;
        std::string_view text;
    };
    [[nodiscard]] std::vector<output_line> output() const;

private:
    friend class trace_builder;
    friend struct trace_io;  // the file reader fills a trace directly, after validating it
    detail::event_buffer<trace_event> events_;  // grows without copying (see event_buffer.hpp)
    detail::string_table strings_;
    std::vector<site> sites_;
    std::vector<time_epoch> times_;
    std::vector<double> deadlines_;
    std::vector<task_info> tasks_;
    std::string title_, producer_, clock_;
};

// Appends events and interns strings / sites. Single-threaded; finish() hands over the trace.
class trace_builder {
public:
    trace_builder();

    void reserve(std::size_t events) { t_.events_.reserve(events); }
    void set_title(std::string_view s) { t_.title_ = s; }
    void set_producer(std::string_view s) { t_.producer_ = s; }
    void set_clock(std::string_view s) { t_.clock_ = s; }

    // Interning keeps repeated labels ("sleep(1)") to one copy.
    [[nodiscard]] string_id intern(std::string_view s);
    // Adds without interning: for printed output and other text that rarely repeats.
    [[nodiscard]] string_id add_string(std::string_view s);
    [[nodiscard]] site_id intern_site(std::string_view file, std::uint32_t line, std::string_view function = {});
    [[nodiscard]] std::uint32_t add_deadline(double d);

    // Records the clock moving to `now` (no event if unchanged).
    void advance_time(double now);

    // Always inline into event_loop::record, whose event kind is mostly a constant: the task check folds away.
    [[gnu::always_inline]] event_index append(const trace_event& e) {
        if (e.kind == event_kind::task_created || e.kind == event_kind::task_finished) [[unlikely]]
            note_task(e, static_cast<event_index>(t_.events_.size()));
        t_.events_.push_back(e);
        return static_cast<event_index>(t_.events_.size() - 1);
    }
    [[nodiscard]] event_index next_index() const { return static_cast<event_index>(t_.events_.size()); }
    [[nodiscard]] const trace& peek() const { return t_; }

    [[nodiscard]] trace finish();

private:
    void note_task(const trace_event& e, event_index at);
    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    trace t_;
    detail::string_index string_ids_;  // interned strings only (add_string's are not looked up)
    std::unordered_map<std::string, site_id, string_hash, std::equal_to<>> site_ids_;  // "file\0line\0fn"
};

[[nodiscard]] std::string_view to_string(event_kind k);
// Whether the event's subject is the task it concerns (created, stepped, printed, blocked, cancelled).
[[nodiscard]] bool has_task_subject(event_kind k);
[[nodiscard]] std::string_view to_string(schedule_reason r);
[[nodiscard]] std::string_view to_string(await_kind k);
[[nodiscard]] std::string_view to_string(outcome o);
[[nodiscard]] std::string_view to_string(diagnostic_kind k);
[[nodiscard]] std::string_view to_string(loop_phase p);

// One event, as a line a person can read: "#12 t=1.000 resumed task B (cause #9)".
[[nodiscard]] std::string describe(const trace& t, event_index i);

}  // namespace loopscope
