#include "loopscope/trace.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace loopscope {

trace::trace() {
    strings_.push_back("");       // string 0: ""
    sites_.emplace_back();        // site 0: unknown
    tasks_.emplace_back();        // task 0: none
    times_.push_back({0, 0.0});   // the run starts at t = 0
}

std::string_view trace::task_name(object_id id) const {
    if (id == 0 || id >= tasks_.size()) return "loop";
    return string(tasks_[id].name);
}

double trace::time_at(event_index i) const {
    // Last epoch whose first event is <= i.
    auto it = std::upper_bound(times_.begin(), times_.end(), i,
                               [](event_index v, const time_epoch& e) { return v < e.first; });
    return it == times_.begin() ? 0.0 : std::prev(it)->time;
}

double trace::end_time() const { return times_.back().time; }

std::vector<trace::output_line> trace::output() const {
    std::vector<output_line> lines;
    for (event_index i = 0; i < events_.size(); ++i)
        if (events_[i].kind == event_kind::output) lines.push_back({i, time_at(i), string(events_[i].b)});
    return lines;
}

trace_builder::trace_builder() = default;

string_id trace_builder::intern(std::string_view s) {
    if (s.empty()) return 0;  // string 0
    const std::uint32_t h = detail::string_index::hash(s);
    if (auto id = string_ids_.find(s, h, t_.strings_); id != detail::string_index::absent) return id;
    auto id = t_.strings_.push_back(s);
    string_ids_.insert(h, id);
    return id;
}

string_id trace_builder::add_string(std::string_view s) { return t_.strings_.push_back(s); }

site_id trace_builder::intern_site(std::string_view file, std::uint32_t line, std::string_view function) {
    std::string key = fmt::format("{}\x1f{}\x1f{}", file, line, function);
    if (auto it = site_ids_.find(key); it != site_ids_.end()) return it->second;
    if (t_.sites_.size() >= 0xffff) return 0;  // out of site ids: degrade to "unknown", never wrap
    auto id = static_cast<site_id>(t_.sites_.size());
    t_.sites_.push_back({intern(file), line, intern(function)});
    site_ids_.emplace(std::move(key), id);
    return id;
}

std::uint32_t trace_builder::add_deadline(double d) {
    t_.deadlines_.push_back(d);
    return static_cast<std::uint32_t>(t_.deadlines_.size() - 1);
}

void trace_builder::advance_time(double now) {
    if (now == t_.times_.back().time) return;
    auto first = next_index();
    if (t_.times_.back().first == first)
        t_.times_.back().time = now;  // no event at the previous time: overwrite it
    else
        t_.times_.push_back({first, now});
    append({event_kind::time_advanced, 0, 0, 0, static_cast<std::uint32_t>(t_.times_.size() - 1), 0});
}

void trace_builder::note_task(const trace_event& e, event_index at) {
    if (e.kind == event_kind::task_created) {
        task_info info{e.subject, e.b, e.a, at, no_event};
        if (t_.tasks_.size() == e.subject) {
            t_.tasks_.push_back(info);  // ids come in order: the usual case
            return;
        }
        if (t_.tasks_.size() < e.subject) t_.tasks_.resize(e.subject + 1);
        t_.tasks_[e.subject] = info;
    } else if (e.subject < t_.tasks_.size()) {
        t_.tasks_[e.subject].finished = at;
    }
}

trace trace_builder::finish() {
    trace out = std::move(t_);
    t_ = trace{};
    string_ids_.clear();
    site_ids_.clear();
    return out;
}

bool has_task_subject(event_kind k) {
    switch (k) {
        case event_kind::task_created:
        case event_kind::task_scheduled:
        case event_kind::task_resumed:
        case event_kind::task_suspended:
        case event_kind::task_finished:
        case event_kind::output:
        case event_kind::blocking_begin:
        case event_kind::blocking_end:
        case event_kind::cancel_requested: return true;
        default: return false;
    }
}

std::string_view to_string(event_kind k) {
    switch (k) {
        case event_kind::loop_iteration: return "loop_iteration";
        case event_kind::loop_phase: return "loop_phase";
        case event_kind::time_advanced: return "time_advanced";
        case event_kind::task_created: return "task_created";
        case event_kind::task_scheduled: return "task_scheduled";
        case event_kind::task_resumed: return "task_resumed";
        case event_kind::task_suspended: return "task_suspended";
        case event_kind::task_finished: return "task_finished";
        case event_kind::future_created: return "future_created";
        case event_kind::future_resolved: return "future_resolved";
        case event_kind::timer_armed: return "timer_armed";
        case event_kind::timer_fired: return "timer_fired";
        case event_kind::timer_cancelled: return "timer_cancelled";
        case event_kind::callback_queued: return "callback_queued";
        case event_kind::callback_ran: return "callback_ran";
        case event_kind::output: return "output";
        case event_kind::blocking_begin: return "blocking_begin";
        case event_kind::blocking_end: return "blocking_end";
        case event_kind::diagnostic: return "diagnostic";
        case event_kind::cancel_requested: return "cancel_requested";
        case event_kind::count_: break;
    }
    return "?";
}

std::string_view to_string(schedule_reason r) {
    switch (r) {
        case schedule_reason::created: return "created";
        case schedule_reason::yielded: return "yielded";
        case schedule_reason::timer_fired: return "timer fired";
        case schedule_reason::future_resolved: return "future resolved";
        case schedule_reason::task_finished: return "task finished";
        case schedule_reason::cancelled: return "cancelled";
        case schedule_reason::woken: return "woken";
    }
    return "?";
}

std::string_view to_string(await_kind k) {
    switch (k) {
        case await_kind::yield: return "yield";
        case await_kind::sleep: return "sleep";
        case await_kind::future: return "future";
        case await_kind::task: return "task";
        case await_kind::gather: return "gather";
        case await_kind::primitive: return "primitive";
        case await_kind::io: return "io";
    }
    return "?";
}

std::string_view to_string(outcome o) {
    switch (o) {
        case outcome::result: return "result";
        case outcome::exception: return "exception";
        case outcome::cancelled: return "cancelled";
    }
    return "?";
}

std::string_view to_string(diagnostic_kind k) {
    switch (k) {
        case diagnostic_kind::deadlock: return "deadlock";
        case diagnostic_kind::never_awaited: return "coroutine never awaited";
        case diagnostic_kind::exception_never_retrieved: return "task exception never retrieved";
        case diagnostic_kind::slow_callback: return "slow callback";
        case diagnostic_kind::unhandled_exception: return "unhandled exception";
        case diagnostic_kind::limit_reached: return "limit reached";
    }
    return "?";
}

std::string_view to_string(loop_phase p) {
    switch (p) {
        case loop_phase::timers: return "timers";
        case loop_phase::ready: return "ready";
        case loop_phase::io: return "io";
        case loop_phase::idle: return "idle";
        case loop_phase::microtasks: return "microtasks";
    }
    return "?";
}

std::string describe(const trace& t, event_index i) {
    const trace_event& e = t[i];
    auto head = fmt::format("#{} t={:.3f} ", i, t.time_at(i));
    auto task = [&](object_id id) { return std::string(t.task_name(id)); };
    switch (e.kind) {
        case event_kind::loop_iteration: return head + fmt::format("loop iteration {}", e.a);
        case event_kind::loop_phase: return head + fmt::format("phase {}", to_string(loop_phase(e.aux)));
        case event_kind::time_advanced: return head + "time advanced";
        case event_kind::task_created:
            return head + fmt::format("created task {}{}", task(e.subject),
                                      e.a ? fmt::format(" (by {})", task(e.a)) : std::string());
        case event_kind::task_scheduled:
            return head + fmt::format("scheduled {} ({})", task(e.subject), to_string(schedule_reason(e.aux)));
        case event_kind::task_resumed: return head + fmt::format("resumed {}", task(e.subject));
        case event_kind::task_suspended:
            return head + fmt::format("{} suspended on {}", task(e.subject), t.string(e.b));
        case event_kind::task_finished:
            return head + fmt::format("{} finished: {} {}", task(e.subject), to_string(outcome(e.aux)), t.string(e.b));
        case event_kind::future_created: return head + fmt::format("future {} created: {}", e.subject, t.string(e.b));
        case event_kind::future_resolved:
            return head + fmt::format("future {} resolved: {} {}", e.subject, to_string(outcome(e.aux)), t.string(e.b));
        case event_kind::timer_armed:
            return head + fmt::format("timer {} armed for t={:.3f}: {}", e.subject, t.deadlines()[e.a], t.string(e.b));
        case event_kind::timer_fired: return head + fmt::format("timer {} fired", e.subject);
        case event_kind::timer_cancelled: return head + fmt::format("timer {} cancelled", e.subject);
        case event_kind::callback_queued: return head + fmt::format("callback {} queued: {}", e.subject, t.string(e.b));
        case event_kind::callback_ran: return head + fmt::format("callback {} ran", e.subject);
        case event_kind::output: return head + fmt::format("{} printed \"{}\"", task(e.subject), t.string(e.b));
        case event_kind::blocking_begin:
            return head + fmt::format("{} blocks the loop for {:.3f}s", task(e.subject), t.deadlines()[e.a]);
        case event_kind::blocking_end: return head + fmt::format("{} stops blocking", task(e.subject));
        case event_kind::diagnostic:
            return head + fmt::format("{}: {}", to_string(diagnostic_kind(e.aux)), t.string(e.b));
        case event_kind::cancel_requested:
            return head + fmt::format("{} asks {} to cancel", task(e.a), task(e.subject));
        case event_kind::count_: break;
    }
    return head + "?";
}

}  // namespace loopscope
