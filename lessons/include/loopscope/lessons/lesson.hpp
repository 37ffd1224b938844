// A lesson: a scenario the engine runs, the texts a student reads beside it, and its knobs.
//
// Each lesson lives in its own folder under lessons/ (its C++ scenario, its Python text as the
// tutorial wrote it, a JavaScript twin where the tutorial compares) and registers itself here.
// Lines of the C++ scenario carry markers such as `// py 4` and `// js 7`; a task standing on that
// C++ line stands on line 4 of the Python text and line 7 of the JavaScript text.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/trace.hpp"

namespace loopscope::lessons {

enum class language { python, javascript, cpp };
[[nodiscard]] std::string_view to_string(language l);

struct source_text {
    language lang;
    std::string title;  // tab title, e.g. "Python (as the tutorial wrote it)"
    std::string text;
};

// A number the student can change; the lesson re-runs with it instantly.
struct knob {
    std::string id;     // "delay"
    std::string label;  // "Delay of task B (s)"
    double value = 0, min = 0, max = 1, step = 0.1;
};
using knob_values = std::map<std::string, double, std::less<>>;

// "Which task runs next?" asked at a step, answered with a click.
struct quiz {
    std::string question;
    std::vector<std::string> choices;
    int answer = 0;          // index into choices
    std::string explanation;
    // Asked when the cursor reaches the first event that matches: e.g. the 2nd resume.
    event_kind at_kind = event_kind::task_resumed;
    int at_occurrence = 1;   // 1-based
};

// A sentence the lesson adds at a key step (beside the generated narration).
struct note {
    event_kind at_kind = event_kind::output;
    int at_occurrence = 1;   // 1-based occurrence of at_kind
    std::string text;
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
    std::string cpp_file;  // basename of the scenario's C++ file, as sites name it
    // Runs the scenario with these knob values (missing ones take their default) and returns its trace.
    std::function<trace(const knob_values&)> run;

    [[nodiscard]] const source_text* source(language l) const;
    // The line of `l`'s text that C++ site `s` stands for (0: no such line).
    [[nodiscard]] int line_for(language l, const trace& t, site_id s) const;
    [[nodiscard]] knob_values default_knobs() const;
};

// Every registered lesson, ordered by number.
[[nodiscard]] const std::vector<lesson>& all_lessons();
[[nodiscard]] const lesson* find_lesson(std::string_view id);

}  // namespace loopscope::lessons
