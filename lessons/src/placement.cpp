// Where a run shows a lesson's notes and quizzes, and which quiz choice its trace makes right.
// Notes and quizzes are written for the default knobs; away from them a text shows only when the
// trace still supports it, so a student never reads a sentence the run contradicts.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "loopscope/lessons/lesson.hpp"

namespace loopscope::lessons {

event_index nth_event(const trace& t, event_kind k, int n) {
    int seen = 0;
    for (event_index i = 0; i < t.size(); ++i)
        if (t[i].kind == k && ++seen == n) return i;
    return no_event;
}

event_index fact_event(const trace& t, event_index at, std::optional<event_kind> next) {
    if (at == no_event || at >= t.size()) return no_event;
    if (!next) return at;
    for (event_index i = at + 1; i < t.size(); ++i)
        if (t[i].kind == *next) return i;
    return no_event;
}

namespace {

std::string task_of(const trace& t, event_index i) {
    const auto& e = t[i];
    if (!has_task_subject(e.kind) || e.subject == 0) return {};
    return std::string(t.task_name(e.subject));
}

// `name` occurs in `s` as a whole name: "Task-2" is not in "Task-20".
bool mentions_name(std::string_view s, std::string_view name) {
    if (name.empty()) return false;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (auto at = s.find(name); at != std::string_view::npos; at = s.find(name, at + 1)) {
        const bool left = at == 0 || !word(s[at - 1]) || !word(name.front());
        const auto end = at + name.size();
        const bool right = end == s.size() || !word(s[end]) || !word(name.back());
        if (left && right) return true;
    }
    return false;
}

bool same_time(double a, double b) { return std::fabs(a - b) < 1e-9; }

// The Python line `line` (1-based) of text, without indentation.
std::string code_line(std::string_view text, int line) {
    for (int n = 1; n < line && !text.empty(); ++n) {
        const auto nl = text.find('\n');
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
    text = text.substr(0, text.find('\n'));
    const auto first = text.find_first_not_of(" \t");
    return line <= 0 || first == std::string_view::npos ? std::string() : std::string(text.substr(first));
}

// What identifies a step across runs: its kind, its task, the code it stands on (the text of the
// Python line, so another program with the same line counts, and the function it is in) and its
// text. A timer_fired event is identified by the timer's timer_armed (label and site).
struct step_signature {
    event_kind kind{};
    std::string task, text, code;
    std::string function;  // the scenario function the code is in: two programs may share a line
    bool operator==(const step_signature&) const = default;
};

step_signature signature(const lesson& l, const trace& t, event_index i, std::string_view python) {
    event_index source = i;
    if (t[i].kind == event_kind::timer_fired)
        for (event_index j = i; j-- > 0;)
            if (t[j].kind == event_kind::timer_armed && t[j].subject == t[i].subject) {
                source = j;
                break;
            }
    const site_id at = t[source].site;
    std::string function = at != 0 && at < t.sites().size() ? std::string(t.string(t.sites()[at].function)) : std::string();
    return {t[i].kind, task_of(t, i), event_text(t, source), code_line(python, l.line_for(language::python, t, at)), std::move(function)};
}

}  // namespace

std::string event_text(const trace& t, event_index i) {
    const auto& e = t[i];
    switch (e.kind) {
        case event_kind::output:
        case event_kind::task_finished:
        case event_kind::task_suspended:
        case event_kind::task_created:
        case event_kind::timer_armed:
        case event_kind::future_created:
        case event_kind::future_resolved:
        case event_kind::callback_queued:
        case event_kind::diagnostic:
        case event_kind::cancel_requested: return std::string(t.string(e.b));
        default: return {};
    }
}

bool fact_holds(const trace& t, event_index at, const trace_fact& f) {
    const event_index e = fact_event(t, at, f.next);
    if (e == no_event) return false;
    if (!f.task.empty() && task_of(t, e) != f.task) return false;
    if (!f.text.empty() && event_text(t, e) != f.text) return false;
    if (f.time && !same_time(t.time_at(e), *f.time)) return false;
    return true;
}

std::vector<int> right_choices(const trace& t, event_index at, const quiz& q) {
    const auto& c = q.check;
    std::vector<int> out;
    const event_index e = fact_event(t, at, c.next);
    if (!c.next || e == no_event) return out;
    const std::string task = task_of(t, e), text = event_text(t, e);
    const bool by_text = !c.text.empty() && (c.mentions.empty() || c.mentions == c.text);
    const bool by_task = c.text.empty() && !c.task.empty() && (c.mentions.empty() || c.mentions == c.task);
    // The fields the choices do not name must be as authored: the question may be about them.
    if (c.time && !same_time(t.time_at(e), *c.time)) return out;
    if (!by_task && !c.task.empty() && task != c.task) return out;
    if (!by_text && !c.text.empty() && text != c.text) return out;
    for (int i = 0; i < static_cast<int>(q.choices.size()); ++i) {
        const std::string& choice = q.choices[static_cast<std::size_t>(i)];
        if (by_text ? (!text.empty() && choice.find(text) != std::string::npos)
            : by_task ? mentions_name(choice, task)
                      : i == q.answer)  // an answer in other words: right when the event is as authored
            out.push_back(i);
    }
    return out;
}

placement lesson::place(const trace& t, const knob_values& k) const {
    placement p;
    p.note_at.assign(notes.size(), no_event);
    p.quiz_at.assign(quizzes.size(), no_event);
    p.quiz_answer.assign(quizzes.size(), -1);
    p.quiz_reveal.assign(quizzes.size(), no_event);
    const bool defaults = at_defaults(k);
    trace reference;  // the default run, to recognise the same moment in this one
    if (!defaults && run && (!notes.empty() || !quizzes.empty())) reference = run(default_knobs());
    const std::string python = defaults ? std::string() : source_for(language::python, k);
    const std::string reference_python = defaults ? std::string() : source_for(language::python, default_knobs());
    auto same_moment = [&](event_kind kind, int occurrence, event_index here) {
        if (defaults) return true;
        const event_index there = nth_event(reference, kind, occurrence);
        return there != no_event && signature(*this, reference, there, reference_python) == signature(*this, t, here, python);
    };
    auto all_hold = [&](const std::vector<trace_fact>& facts, event_index at) {
        return std::all_of(facts.begin(), facts.end(), [&](const trace_fact& f) { return fact_holds(t, at, f); });
    };
    for (std::size_t n = 0; n < notes.size(); ++n) {
        const auto& note = notes[n];
        const event_index at = nth_event(t, note.at_kind, note.at_occurrence);
        if (at == no_event || !all_hold(note.when, at)) continue;
        if (!defaults && (note.when.empty() || !same_moment(note.at_kind, note.at_occurrence, at))) continue;
        p.note_at[n] = at;
    }
    for (std::size_t n = 0; n < quizzes.size(); ++n) {
        const auto& q = quizzes[n];
        const event_index at = nth_event(t, q.at_kind, q.at_occurrence);
        if (at == no_event || !all_hold(q.when, at)) continue;
        p.quiz_reveal[n] = fact_event(t, at, q.check.next);
        if (defaults) {
            p.quiz_at[n] = at;
            p.quiz_answer[n] = q.answer;
            continue;
        }
        // The question, the choices and the explanation may quote the default run ("slow_operation(2)"):
        // away from the defaults only a quiz whose `when` facts say when its text is true.
        if (q.when.empty() || !same_moment(q.at_kind, q.at_occurrence, at)) continue;
        const auto right = right_choices(t, at, q);
        if (right.size() != 1) continue;
        p.quiz_at[n] = at;
        p.quiz_answer[n] = right.front();
    }
    return p;
}

}  // namespace loopscope::lessons
