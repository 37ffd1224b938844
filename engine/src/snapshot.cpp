#include "loopscope/snapshot.hpp"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace loopscope {

std::string_view to_string(task_state s) {
    switch (s) {
        case task_state::unborn: return "not created";
        case task_state::ready: return "ready";
        case task_state::running: return "running";
        case task_state::suspended: return "suspended";
        case task_state::finished: return "finished";
    }
    return "?";
}

namespace {

// Whether an event's site is a line of its subject task. Not for cancel_requested: its site is
// where cancel() was called, in the canceller; task_created's site is the parent's (see apply).
bool site_is_subjects_line(event_kind k) {
    return (has_task_subject(k) && k != event_kind::cancel_requested) || k == event_kind::diagnostic;
}

const task_status no_task{};

}  // namespace

const task_status& loop_state::task(object_id id) const { return id < tasks.size() ? tasks[id] : no_task; }

void loop_state::apply(const trace& t) {
    assert(applied < t.size() && "loop_state::apply past the end of the trace");
    const event_index i = applied;
    const trace_event& e = t[i];
    auto status = [&](object_id id) -> task_status& {
        if (id >= tasks.size()) tasks.resize(id + 1);
        return tasks[id];
    };
    auto take_from_ready = [&](event_index queued_at, object_id subject, bool callback) {
        // Usually the front; search so that an out-of-order producer cannot corrupt the queue.
        auto it = std::find_if(ready.begin(), ready.end(), [&](const ready_entry& r) {
            return queued_at != no_event ? r.queued_at == queued_at : (r.subject == subject && r.callback == callback);
        });
        if (it != ready.end()) ready.erase(it);
    };

    switch (e.kind) {
        case event_kind::loop_iteration:
            iteration = e.a;
            running_callback = 0;
            break;
        case event_kind::loop_phase:
            phase = static_cast<loop_phase>(e.aux);
            running_callback = 0;
            break;
        case event_kind::time_advanced: break;
        case event_kind::task_created: {
            auto& s = status(e.subject);
            s = {};
            s.state = task_state::ready;  // about to be queued for its first step
            s.since = i;
            break;
        }
        case event_kind::task_scheduled: {
            auto& s = status(e.subject);
            s.state = task_state::ready;
            s.since = i;
            ready.push_back({i, e.subject, false});
            break;
        }
        case event_kind::task_resumed: {
            take_from_ready(e.b, e.subject, false);
            auto& s = status(e.subject);
            s.state = task_state::running;
            s.since = i;
            s.awaited = 0;
            s.label = 0;
            running = e.subject;
            running_callback = 0;
            break;
        }
        case event_kind::task_suspended: {
            auto& s = status(e.subject);
            s.state = task_state::suspended;
            s.detail = e.aux;
            s.awaited = e.a;
            s.label = e.b;
            s.since = i;
            if (running == e.subject) running = 0;
            break;
        }
        case event_kind::task_finished: {
            auto& s = status(e.subject);
            s.state = task_state::finished;
            s.detail = e.aux;
            s.awaited = 0;
            s.label = e.b;
            s.since = i;
            if (running == e.subject) running = 0;
            if (blocking == e.subject) blocking = 0;
            std::erase_if(ready, [&](const ready_entry& r) { return !r.callback && r.subject == e.subject; });
            break;
        }
        case event_kind::future_created:
        case event_kind::future_resolved: break;
        case event_kind::timer_armed: {
            pending_timer p{i, e.subject, e.a < t.deadlines().size() ? t.deadlines()[e.a] : 0.0, e.b};
            auto at = std::upper_bound(timers.begin(), timers.end(), p, [](const pending_timer& x, const pending_timer& y) {
                return x.deadline != y.deadline ? x.deadline < y.deadline : x.armed_at < y.armed_at;
            });
            timers.insert(at, p);
            break;
        }
        case event_kind::timer_fired:
        case event_kind::timer_cancelled:
            std::erase_if(timers, [&](const pending_timer& p) { return p.timer == e.subject; });
            break;
        case event_kind::callback_queued: ready.push_back({i, e.subject, true}); break;
        case event_kind::callback_ran:
            take_from_ready(e.b, e.subject, true);
            running_callback = e.subject;
            break;
        case event_kind::output: ++output_lines; break;
        case event_kind::blocking_begin: blocking = e.subject; break;
        case event_kind::blocking_end:
            if (blocking == e.subject) blocking = 0;
            break;
        case event_kind::cancel_requested:  // delivered later, as a task_scheduled (cancelled)
        case event_kind::diagnostic:
        case event_kind::count_: break;
    }

    // Whose line is this? The running task's if one runs; create_task's site is in the parent.
    if (e.site != 0) {
        object_id who = running;
        if (who == 0) who = e.kind == event_kind::task_created ? e.a : site_is_subjects_line(e.kind) ? e.subject : 0;
        if (who != 0) status(who).site = e.site;
    }
    ++applied;
}

await_chain chain_of(const loop_state& s, object_id task) {
    await_chain chain;
    object_id at = task;
    // A cycle means a deadlock (A awaits B awaits A); stop when a task repeats.
    while (at != 0 && std::find(chain.tasks.begin(), chain.tasks.end(), at) == chain.tasks.end()) {
        chain.tasks.push_back(at);
        const auto& st = s.task(at);
        chain.final_label = st.state == task_state::suspended ? st.label : 0;
        if (st.state != task_state::suspended || st.waiting_on() != await_kind::task) break;
        at = st.awaited;
    }
    return chain;
}

state_index::state_index(const trace& t, std::size_t interval)
    : trace_(&t), interval_(interval ? interval : std::max<std::size_t>(4096, (t.size() + 1023) / 1024)) {
    loop_state s;
    s.tasks.resize(t.tasks().size());
    checkpoints_.reserve(t.size() / interval_ + 1);
    for (event_index i = 0; i < t.size(); ++i) {
        if (i % interval_ == 0) checkpoints_.push_back(s);
        if (t[i].kind == event_kind::loop_iteration) iterations_.push_back(i);
        if (t[i].kind == event_kind::output) outputs_.push_back(i);
        s.apply(t);
    }
    if (checkpoints_.empty()) checkpoints_.push_back(s);
}

loop_state state_index::after(event_index i) const {
    loop_state s;
    seek(s, i);
    return s;
}

void state_index::seek(loop_state& s, event_index i) const {
    assert(i < trace_->size() && "state_index::seek past the end of the trace");
    const std::size_t target = std::size_t{i} + 1;
    const bool forward_is_cheap = s.applied <= target && target - s.applied <= interval_ && !s.tasks.empty();
    if (!forward_is_cheap) s = checkpoints_[std::min(target / interval_, checkpoints_.size() - 1)];
    while (s.applied < target) s.apply(*trace_);
}

std::size_t state_index::outputs_through(event_index i) const {
    return static_cast<std::size_t>(std::upper_bound(outputs_.begin(), outputs_.end(), i) - outputs_.begin());
}

event_index state_index::next_iteration(event_index from) const {
    auto it = std::upper_bound(iterations_.begin(), iterations_.end(), from);
    return it == iterations_.end() ? no_event : *it;
}

event_index state_index::previous_iteration(event_index from) const {
    auto it = std::lower_bound(iterations_.begin(), iterations_.end(), from);
    return it == iterations_.begin() ? no_event : *std::prev(it);
}

event_index state_index::next_line(object_id task, event_index from) const {
    if (from >= trace_->size()) return no_event;
    loop_state s = after(from);
    const site_id here = s.task(task).site;
    while (s.applied < trace_->size()) {
        s.apply(*trace_);
        const site_id now = s.task(task).site;
        if (now != 0 && now != here) return s.applied - 1;
    }
    return no_event;
}

event_index state_index::previous_line(object_id task, event_index from) const {
    if (from == 0 || from >= trace_->size()) return no_event;
    // Sites of `task` after each event of one checkpoint chunk, computed on demand going backwards.
    std::vector<site_id> chunk;
    std::size_t chunk_begin = 0;
    bool have_chunk = false;
    auto site_after = [&](event_index j) {
        if (!have_chunk || j < chunk_begin || j >= chunk_begin + chunk.size()) {
            const std::size_t c = std::min<std::size_t>(j / interval_, checkpoints_.size() - 1);
            loop_state s = checkpoints_[c];
            chunk_begin = s.applied;
            chunk.clear();
            while (s.applied < trace_->size() && s.applied < chunk_begin + interval_) {
                s.apply(*trace_);
                chunk.push_back(s.task(task).site);
            }
            have_chunk = true;
        }
        return chunk[j - chunk_begin];
    };
    const site_id here = site_after(from);
    event_index j = from;
    // Walk back to the last step on another (known) line, then to where the task arrived there.
    while (j > 0) {
        --j;
        const site_id s = site_after(j);
        if (s == 0 || s == here) continue;
        while (j > 0 && site_after(j - 1) == s) --j;
        return j;
    }
    return no_event;
}

namespace {

std::string quoted_code(const code_lookup& code, site_id s) {
    if (!code || s == 0) return {};
    std::string text = code(s);
    return text.empty() ? std::string() : fmt::format("`{}`", text);
}

std::string what_runs_next(const trace& t, const loop_state& s) {
    if (!s.ready.empty()) {
        const auto& r = s.ready.front();
        if (r.callback) return "next, the loop runs the callback at the front of the ready queue";
        return fmt::format("next, the loop takes {} from the front of the ready queue", t.task_name(r.subject));
    }
    if (!s.timers.empty())
        return fmt::format("nothing is ready, so the loop waits for the next timer (t = {:.3f} s)", s.timers.front().deadline);
    return "nothing is ready and no timer is pending";
}

std::string scheduled_sentence(const trace& t, const trace_event& e) {
    const auto name = t.task_name(e.subject);
    switch (static_cast<schedule_reason>(e.aux)) {
        case schedule_reason::created: return fmt::format("{} is queued to run its first step; it does not run yet.", name);
        case schedule_reason::yielded:
            return fmt::format("{} gives up its turn and goes to the back of the ready queue.", name);
        case schedule_reason::timer_fired:
            return fmt::format("{}'s sleep is over, so {} joins the back of the ready queue.", name, name);
        case schedule_reason::future_resolved:
            return fmt::format("What {} was waiting for is done, so {} joins the ready queue.", name, name);
        case schedule_reason::task_finished: {
            const bool known = e.b != no_event && e.b < t.size() && t[e.b].kind == event_kind::task_finished;
            return known ? fmt::format("{} finished, so {}, which awaited it, joins the ready queue.",
                                       t.task_name(t[e.b].subject), name)
                         : fmt::format("The task {} awaited finished, so {} joins the ready queue.", name, name);
        }
        case schedule_reason::cancelled:
            return fmt::format("{} was cancelled; it is queued to receive CancelledError.", name);
        case schedule_reason::woken: return fmt::format("{} is woken up and joins the ready queue.", name);
    }
    return fmt::format("{} joins the ready queue.", name);
}

}  // namespace

// "Task-3's sleep(1)": who is waiting on timer `timer`, found from the suspension that armed it.
// Searches back a bounded distance so narration stays cheap on huge traces.
static std::string timer_owner(const trace& t, event_index before, object_id timer) {
    const event_index stop = before > 200'000 ? before - 200'000 : 0;
    for (event_index j = before; j-- > stop;) {
        const trace_event& e = t[j];
        if (e.kind == event_kind::task_suspended && e.a == timer && static_cast<await_kind>(e.aux) == await_kind::sleep)
            return fmt::format("{}'s {}", t.task_name(e.subject), t.string(e.b));
        if (e.kind == event_kind::timer_armed && e.subject == timer) break;  // armed by plain call_later
    }
    return {};
}

std::string narrate(const state_index& index, event_index i, const code_lookup& code) {
    const trace& t = index.source();
    if (i >= t.size()) return "The trace is empty.";
    const trace_event& e = t[i];
    const loop_state s = index.after(i);
    const auto name = std::string(t.task_name(e.subject));
    const auto label = std::string(t.string(e.b < t.strings().size() ? e.b : 0));
    const std::string at = quoted_code(code, e.site);
    auto at_code = [&](std::string_view prefix) { return at.empty() ? std::string() : fmt::format("{}{}", prefix, at); };

    switch (e.kind) {
        case event_kind::loop_iteration:
            return fmt::format("The loop starts iteration {}: {}.", e.a, what_runs_next(t, s));
        case event_kind::loop_phase:
            switch (static_cast<loop_phase>(e.aux)) {
                case loop_phase::timers: return "The loop checks its timers and wakes the sleepers whose time has come.";
                case loop_phase::ready: return "The loop runs everything that is in the ready queue now, in order.";
                case loop_phase::io: return "The loop checks for finished I/O.";
                case loop_phase::idle: return "The loop has nothing ready, so it waits.";
                case loop_phase::microtasks:
                    return "The loop empties the microtask queue: promise callbacks and await continuations.";
            }
            return "The loop moves to its next phase.";
        case event_kind::time_advanced:
            return fmt::format("Nothing can run until a timer is due, so the clock jumps to t = {:.3f} s.", t.time_at(i));
        case event_kind::task_created: {
            const auto creator = e.a ? std::string(t.task_name(e.a)) : std::string("The program");
            return fmt::format("{} creates task {}{}; it will start when the loop gets to it.", creator, name,
                               at_code(" at "));
        }
        case event_kind::task_scheduled: return scheduled_sentence(t, e);
        case event_kind::task_resumed:
            return fmt::format("The loop takes {} from the front of the ready queue and runs it{}.", name,
                               at_code(", continuing at "));
        case event_kind::task_suspended: {
            const auto waits_for = label.empty() ? std::string() : fmt::format(" (waiting for {})", label);
            if (!at.empty())
                return fmt::format("{} reaches {} and suspends{}; {}.", name, at, waits_for, what_runs_next(t, s));
            return fmt::format("{} suspends{}; {}.", name, waits_for, what_runs_next(t, s));
        }
        case event_kind::task_finished:
            switch (static_cast<outcome>(e.aux)) {
                case outcome::result:
                    return label.empty() ? fmt::format("{} finishes; {}.", name, what_runs_next(t, s))
                                         : fmt::format("{} finishes and returns {}; {}.", name, label, what_runs_next(t, s));
                case outcome::exception:
                    return fmt::format("{} fails with {}; {}.", name, label.empty() ? "an exception" : label,
                                       what_runs_next(t, s));
                case outcome::cancelled: return fmt::format("{} is cancelled; {}.", name, what_runs_next(t, s));
            }
            return fmt::format("{} finishes.", name);
        case event_kind::future_created:
            return label.empty() ? std::string("A future is created: a box a result will be put in later.")
                                 : fmt::format("A future is created for {}.", label);
        case event_kind::future_resolved: {
            const auto what = label.empty() ? std::string("A future") : fmt::format("The future ({})", label);
            return static_cast<outcome>(e.aux) == outcome::exception ? fmt::format("{} fails.", what)
                   : static_cast<outcome>(e.aux) == outcome::cancelled ? fmt::format("{} is cancelled.", what)
                                                                       : fmt::format("{} gets its result.", what);
        }
        case event_kind::timer_armed: {
            const double deadline = e.a < t.deadlines().size() ? t.deadlines()[e.a] : 0.0;
            return fmt::format("A timer{} is set to go off at t = {:.3f} s.", label.empty() ? "" : " for " + label, deadline);
        }
        case event_kind::timer_fired: {
            // The timer is found a few events later, when the task it belongs to suspended on it.
            const std::string owner = timer_owner(t, i, e.subject);
            return owner.empty() ? fmt::format("A timer goes off at t = {:.3f} s; its callback joins the ready queue.", t.time_at(i))
                                 : fmt::format("{} is over: its timer goes off at t = {:.3f} s and its callback joins the "
                                               "ready queue.", owner, t.time_at(i));
        }
        case event_kind::timer_cancelled: return "A timer is cancelled before it went off.";
        case event_kind::callback_queued:
            return fmt::format("A callback{} is put in the ready queue.", label.empty() ? "" : " (" + label + ")");
        case event_kind::callback_ran: {
            if (e.b < i && t[e.b].kind == event_kind::timer_fired) {
                const std::string owner = timer_owner(t, e.b, t[e.b].subject);
                if (!owner.empty())
                    return fmt::format("The loop runs the timer callback of {}: it marks the sleep as done, which "
                                       "puts the sleeping task back in the ready queue.", owner);
                return "The loop runs a timer's callback (set with call_later).";
            }
            if (e.b < i && t[e.b].kind == event_kind::callback_queued && t[e.b].b)
                return fmt::format("The loop runs the callback \"{}\" from the ready queue.", t.string(t[e.b].b));
            return "The loop runs a callback from the ready queue.";
        }
        case event_kind::output:
            return e.subject ? fmt::format("{} prints \"{}\".", name, label) : fmt::format("The program prints \"{}\".", label);
        case event_kind::blocking_begin: {
            const double d = e.a < t.deadlines().size() ? t.deadlines()[e.a] : 0.0;
            return fmt::format("{} blocks the whole loop for {:.3f} s: no other task can run meanwhile.", name, d);
        }
        case event_kind::blocking_end: return fmt::format("{} stops blocking; the loop can run others again.", name);
        case event_kind::cancel_requested:
            return fmt::format("{} asks to cancel {}; it will get CancelledError when it next resumes.",
                               e.a ? std::string(t.task_name(e.a)) : std::string("The loop"), name);
        case event_kind::diagnostic:
            return fmt::format("Warning ({}): {}", to_string(static_cast<diagnostic_kind>(e.aux)), label);
        case event_kind::count_: break;
    }
    return describe(t, i);
}

}  // namespace loopscope
