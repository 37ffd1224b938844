// A lesson: a scenario the engine runs, the texts a student reads beside it, and its knobs.
//
// Each lesson lives in its own folder under lessons/ (its C++ scenario, its Python text as the
// tutorial wrote it, a JavaScript twin where the tutorial compares) and registers itself here.
// Lines of the C++ scenario carry markers such as `// py 4` and `// js 7`; a task standing on that
// C++ line stands on line 4 of the Python text and line 7 of the JavaScript text.
//
// Knobs change the run *and* the text: a knob's edits rewrite the Python / JavaScript the student
// reads (`asyncio.sleep(1)` becomes `asyncio.sleep(2.5)`), and a choice knob ("as written" /
// "fixed") may swap in another Python file of the folder. Edits never add or remove lines, so the
// `// py N` markers hold for every knob setting. Show source_for(lang, knobs), not sources[i].text,
// when the knobs are not the defaults. docs/writing-lessons.md describes the folder format.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/run.hpp"
#include "loopscope/trace.hpp"

namespace loopscope::lessons {

enum class language { python, javascript, cpp };
[[nodiscard]] std::string_view to_string(language l);

struct source_text {
    language lang;
    std::string title;  // tab title, e.g. "Python (as the tutorial wrote it)"
    std::string text;
    std::string file;   // the file in the lesson folder it came from ("lesson.py")
};

// How a knob rewrites a source text: every occurrence of `find` becomes `replace`, where
// {value} is the knob's value as a Python number literal (2, 2.5), {ms} the value * 1000 as an
// integer (for setTimeout) and {int} the value rounded. For a choice knob `replace` holds one
// text per choice; otherwise exactly one. `find` and its replacements never contain a newline.
// All edits are found in the unedited text and applied at once (one knob never re-edits another's).
struct text_edit {
    std::optional<language> lang;        // nullopt: every source text that contains `find`
    std::string find;
    std::vector<std::string> replace;
};

// A number the student can change; the lesson re-runs with it instantly.
struct knob {
    std::string id;     // "delay"
    std::string label;  // "Delay of task B (s)"
    double value = 0, min = 0, max = 1, step = 0.1;
    // A choice knob ("as written" / "fixed"): value min + i selects choices[i]; step is 1.
    std::vector<std::string> choices;
    // Per choice (parallel to choices, may be shorter): a Python file of the folder that replaces
    // lesson.py while this choice is selected ("" keeps lesson.py).
    std::vector<std::string> python_files;
    std::vector<std::string> javascript_files;  // the same for lesson.js
    std::vector<text_edit> edits;
    [[nodiscard]] bool is_choice() const { return !choices.empty(); }
    // The index into choices that `v` selects (clamped).
    [[nodiscard]] std::size_t choice_index(double v) const;
};
using knob_values = std::map<std::string, double, std::less<>>;

// A knob value as Python writes the number literal: 2 -> "2", 2.5 -> "2.5".
[[nodiscard]] std::string python_literal(double v);

// A fact about a run, relative to a step (the event a note or a quiz is attached to): about the
// step's own event or, with `next`, about the first event of that kind after it. Empty fields are
// not checked. Notes and quizzes use them to say what must hold for their text to be true.
struct trace_fact {
    std::optional<event_kind> next;  // nullopt: the step's own event
    std::string task;                // the event's task (subject) must have this name
    std::string text;                // output: the printed line; task_finished: the result text...
    std::optional<double> time;      // the event's virtual time
};

// What a quiz's answer must match in the trace: the first event of kind `next` after the event
// the quiz is asked at. Tests check it against the real run at every knob setting the quiz shows at.
struct quiz_check : trace_fact {
    // `next` nullopt: the quiz has no check (the tests refuse that).
    std::string mentions;            // the right choice must contain this (default: text or task)
};

// "Which task runs next?" asked at a step, answered with a click.
struct quiz {
    std::string question;
    std::vector<std::string> choices;
    int answer = 0;          // index into choices, at the default knobs
    std::string explanation;
    // Asked when the cursor reaches the first event that matches: e.g. the 2nd resume.
    event_kind at_kind = event_kind::task_resumed;
    int at_occurrence = 1;   // 1-based
    quiz_check check;        // how the tests verify `answer` against the trace
    // What must hold for the question, the choices and the explanation to be true away from the
    // default knobs; a quiz without facts is asked only at the defaults (see lesson::place).
    std::vector<trace_fact> when;
};

// A sentence the lesson adds at a key step (beside the generated narration).
struct note {
    event_kind at_kind = event_kind::output;
    int at_occurrence = 1;   // 1-based occurrence of at_kind
    std::string text;
    // What must hold in the run for `text` to be true; away from the default knobs a note without
    // facts is hidden (see lesson::place).
    std::vector<trace_fact> when;
};

// Where one run shows a lesson's notes and quizzes (lesson::place).
struct placement {
    std::vector<event_index> note_at;   // per note: its step in this run; no_event: not shown
    std::vector<event_index> quiz_at;   // per quiz: the step it is asked at; no_event: not shown
    std::vector<int> quiz_answer;       // per quiz: the right choice in this run (-1: not shown)
    std::vector<event_index> quiz_reveal;  // per quiz: the event that answers it
};

// The n-th (1-based) event of kind k in t, or no_event.
[[nodiscard]] event_index nth_event(const trace& t, event_kind k, int n);
// The event a fact is about, for a step at `at`: `at` itself, or the first event of kind `next`
// after it; no_event if there is none.
[[nodiscard]] event_index fact_event(const trace& t, event_index at, std::optional<event_kind> next);
// The text an event carries (printed line, result, suspension label...), empty if none.
[[nodiscard]] std::string event_text(const trace& t, event_index i);
// True when every field of f holds for the step at `at`.
[[nodiscard]] bool fact_holds(const trace& t, event_index at, const trace_fact& f);
// The quiz's choices that name what the trace does after the step at `at`: the task the check's
// event belongs to (for a `task` check) or its text (for a `text` check). For a check whose
// `mentions` is neither, the authored answer when the event is exactly as authored. Other fields
// the check names (time, task) must hold as authored, else no choice is right.
[[nodiscard]] std::vector<int> right_choices(const trace& t, event_index at, const quiz& q);

// One run of a side-by-side comparison: "synchronous" with {program: 1}.
struct compare_preset {
    std::string label;
    knob_values knobs;  // the knobs it sets; the others keep their current values
};

struct lesson {
    std::string id;        // "hello-world": used on the command line
    int number = 0;        // order in the lesson browser
    std::string title;     // "Hello, World"
    std::string goal;      // the learning goal, one sentence
    std::string notice;    // "what to notice", shown at the end
    std::vector<source_text> sources;   // python first, then javascript (if any), then cpp
    std::vector<knob> knobs;
    std::vector<quiz> quizzes;
    std::vector<note> notes;
    std::vector<compare_preset> compare;  // runs worth comparing side by side (lesson.json "compare")
    std::string cpp_file;  // basename of the scenario's C++ file, as sites name it
    // Runs the scenario with these knob values (missing ones take their default) and returns its trace.
    std::function<trace(const knob_values&)> run;
    // The same run with everything it left behind: printed lines, what main raised, diagnostics.
    std::function<run_result(const knob_values&)> run_full;
    // The JavaScript twin run by the engine's JavaScript mode (Node's rules), from the folder's
    // scenario_js.cpp; empty when the lesson has none. Its `// js M` markers map to lesson.js.
    std::function<run_result(const knob_values&)> run_js;
    std::string js_cpp_file;  // "NN_name/scenario_js.cpp", or empty
    // Every text file of the folder by name ("lesson.py", "fixed.py", "lesson.js"), for variants.
    std::map<std::string, std::string, std::less<>> files;

    [[nodiscard]] const source_text* source(language l) const;
    // The text of `l` the student should see at these knob values: the choice knobs' files
    // swapped in, every knob's edits applied. Same line count as source(l)->text.
    [[nodiscard]] std::string source_for(language l, const knob_values& k) const;
    // True when every knob is at its default (notes and quizzes are written for that run).
    [[nodiscard]] bool at_defaults(const knob_values& k) const;
    // Where the run t (made with knobs k) shows each note and quiz. At the defaults: at their
    // steps, with the authored answers. Elsewhere a note or a quiz shows only when it has `when`
    // facts and they hold, and its step is the same moment as in the default run (same kind,
    // task, code line, function and text); a quiz also needs exactly one right choice in this
    // run (right_choices), which becomes its answer.
    [[nodiscard]] placement place(const trace& t, const knob_values& k) const;
    // The line of `l`'s text that C++ site `s` stands for (0: no such line). Works for traces of
    // both run (scenario.cpp) and run_js (scenario_js.cpp).
    [[nodiscard]] int line_for(language l, const trace& t, site_id s) const;
    [[nodiscard]] knob_values default_knobs() const;
};

// Every registered lesson, ordered by number.
[[nodiscard]] const std::vector<lesson>& all_lessons();
// By id ("gather") or by the number `loopscope list` and the lesson browser show ("4").
[[nodiscard]] const lesson* find_lesson(std::string_view id);

}  // namespace loopscope::lessons
