// Every lesson, checked against the real thing:
//  - its output (lines, order, virtual times, what it raised) equals CPython's for the Python text
//    the student sees, at the default knobs and at every knob's min and max (and every choice);
//  - every `// py N` / `// js M` marker points at a real, non-blank line, and every line a task
//    prints from or suspends at maps to Python;
//  - knob edits find their text and keep the line count;
//  - every step has narration, every note and quiz lands on a step that exists, and every quiz's
//    answer is what the trace does next;
//  - `loopscope run <id> --ascii` works.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.hpp"
#include "loopscope/lessons/lesson.hpp"
#include "loopscope/snapshot.hpp"

namespace loopscope::lessons {
namespace {

bool have_python() { return !std::string(LOOPSCOPE_PYTHON).empty() && std::filesystem::exists(LOOPSCOPE_PYTHON); }

using conformance::capture;
using conformance::transcript;  // the vclock scripts' format (tests/conformance/harness.hpp)

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    static int counter = 0;
    auto dir = std::filesystem::temp_directory_path() / fmt::format("loopscope-lessons-{}", getpid());
    std::filesystem::create_directories(dir);
    auto path = dir / fmt::format("{}-{}", ++counter, name);
    std::ofstream(path) << text;
    return path;
}

std::string run_cpython(const std::string& script_text, const std::string& name) {
    auto path = write_temp(name + ".py", script_text);
    std::string out = capture(fmt::format("'{}' '{}' --fakes '{}' '{}' 2>/dev/null", LOOPSCOPE_PYTHON,
                                          LOOPSCOPE_CONFORMANCE_DIR "/vclock.py", LOOPSCOPE_CONFORMANCE_DIR "/fakes",
                                          path.string()));
    std::filesystem::remove(path);
    return out;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto nl = text.find('\n', start);
        out.emplace_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    if (!out.empty() && out.back().empty() && !text.empty() && text.back() == '\n') out.pop_back();
    return out;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

std::string test_name(std::string s) {
    for (auto& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
}

// ---- one lesson at one knob setting ---------------------------------------------------------------

struct setting {
    const lesson* l;
    std::string label;  // "defaults", "delay_min", ...
    knob_values knobs;
};

std::vector<setting> all_settings() {
    std::vector<setting> out;
    for (const auto& l : all_lessons()) {
        out.push_back({&l, "defaults", l.default_knobs()});
        for (const auto& k : l.knobs) {
            std::vector<std::pair<std::string, double>> values;
            if (k.is_choice()) {
                for (std::size_t c = 0; c < k.choices.size(); ++c) values.emplace_back(fmt::format("choice{}", c), k.min + c);
            } else {
                values = {{"min", k.min}, {"max", k.max}};
            }
            for (auto& [what, v] : values) {
                if (v == k.value) continue;  // the defaults run covers it
                knob_values kv = l.default_knobs();
                kv[k.id] = v;
                out.push_back({&l, fmt::format("{}_{}", k.id, what), kv});
            }
        }
    }
    return out;
}

const std::vector<setting>& settings() {
    static const std::vector<setting> s = all_settings();
    return s;
}

class LessonRun : public ::testing::TestWithParam<std::size_t> {};

TEST_P(LessonRun, OutputEqualsCPython) {
    const setting& s = settings()[GetParam()];
    std::string python = s.l->source_for(language::python, s.knobs);
    ASSERT_FALSE(python.empty()) << s.l->id << " has no Python text";
    if (!have_python()) GTEST_SKIP() << "python3 is not installed: cannot compare with CPython";
    std::string expected = run_cpython(python, s.l->id);
    ASSERT_FALSE(expected.empty()) << "CPython printed nothing for this text:\n" << python;
    run_result r = s.l->run_full(s.knobs);
    EXPECT_EQ(transcript(r), expected) << "lesson " << s.l->id << " (" << s.label
                                       << ") differs from CPython for this Python text:\n"
                                       << python;
}

// Every line a task prints from or suspends at maps to a real, non-blank line of the Python shown.
TEST_P(LessonRun, TraceSitesMapToPython) {
    const setting& s = settings()[GetParam()];
    trace t = s.l->run(s.knobs);
    auto py = lines_of(s.l->source_for(language::python, s.knobs));
    int checked = 0;
    for (event_index i = 0; i < t.size(); ++i) {
        const auto& e = t[i];
        if (e.kind != event_kind::output && e.kind != event_kind::task_suspended) continue;
        if (e.site == 0) continue;
        std::string_view file = t.string(t.sites()[e.site].file);
        if (!file.ends_with(s.l->cpp_file)) continue;  // a site inside the engine (e.g. a fake library)
        int line = s.l->line_for(language::python, t, e.site);
        EXPECT_GT(line, 0) << s.l->id << " (" << s.label << "): " << describe(t, i) << " stands on C++ line "
                           << t.sites()[e.site].line << ", which has no `// py N` marker";
        if (line > 0) {
            ASSERT_LE(line, static_cast<int>(py.size())) << describe(t, i);
            EXPECT_FALSE(blank(py[static_cast<std::size_t>(line - 1)]))
                << s.l->id << ": " << describe(t, i) << " maps to blank Python line " << line;
        }
        ++checked;
    }
    if (!t.output().empty()) { EXPECT_GT(checked, 0) << s.l->id << ": no printed line or suspension maps to the Python text"; }
}

INSTANTIATE_TEST_SUITE_P(Lessons, LessonRun, ::testing::Range<std::size_t>(0, settings().size()),
                         [](const auto& p) {
                             const setting& s = settings()[p.param];
                             return test_name(s.l->id + "_" + s.label);
                         });

// ---- one lesson ---------------------------------------------------------------------------------

class Lesson : public ::testing::TestWithParam<std::size_t> {
protected:
    const lesson& l() const { return all_lessons()[GetParam()]; }
};

TEST_P(Lesson, HasGoalNoticeNotesAndQuizzes) {
    EXPECT_FALSE(l().title.empty());
    EXPECT_GE(l().goal.size(), 20u) << l().id;
    EXPECT_GE(l().notice.size(), 20u) << l().id;
    EXPECT_GE(l().notes.size(), 2u) << l().id << " needs narration notes at its key steps";
    EXPECT_GE(l().quizzes.size(), 1u) << l().id << " needs a predict-then-reveal quiz";
    EXPECT_NE(l().source(language::python), nullptr) << l().id;
}

bool has_placeholder(const std::string& s) {
    static const std::regex bad(R"(TODO|FIXME|XXX|TBD|lorem|placeholder|\{\}|\?\?\?|<unknown>)", std::regex::icase);
    return std::regex_search(s, bad);
}

TEST_P(Lesson, MarkersPointAtRealLines) {
    const source_text* cpp = l().source(language::cpp);
    ASSERT_NE(cpp, nullptr);
    // Every Python text the lesson can show: lesson.py and the files its choice knobs swap in.
    std::vector<std::vector<std::string>> py_texts{lines_of(l().source(language::python)->text)};
    std::vector<std::vector<std::string>> js_texts;
    const source_text* js = l().source(language::javascript);
    if (js) js_texts.push_back(lines_of(js->text));
    for (auto& k : l().knobs) {
        for (auto& f : k.python_files)
            if (!f.empty()) {
                auto it = l().files.find(f);
                ASSERT_NE(it, l().files.end()) << l().id << ": knob " << k.id << " names missing file " << f;
                py_texts.push_back(lines_of(it->second));
            }
        for (auto& f : k.javascript_files)
            if (!f.empty()) {
                auto it = l().files.find(f);
                ASSERT_NE(it, l().files.end()) << l().id << ": knob " << k.id << " names missing file " << f;
                js_texts.push_back(lines_of(it->second));
            }
    }
    static const std::regex py(R"(//.*\bpy\s+(\d+))"), jsm(R"(//.*\bjs\s+(\d+))");
    int n = 0, markers = 0;
    for (auto& line : lines_of(cpp->text)) {
        ++n;
        std::smatch m;
        if (std::regex_search(line, m, py)) {
            ++markers;
            int p = std::stoi(m[1]);
            bool ok = false;
            for (auto& text : py_texts)
                ok |= p >= 1 && p <= static_cast<int>(text.size()) && !blank(text[static_cast<std::size_t>(p - 1)]);
            EXPECT_TRUE(ok) << l().id << " scenario.cpp:" << n << " marks py " << p
                            << ", which is not a non-blank line of any of its Python texts";
        }
        if (std::regex_search(line, m, jsm)) {
            int j = std::stoi(m[1]);
            ASSERT_NE(js, nullptr) << l().id << " scenario.cpp:" << n << " marks js " << j << " but there is no lesson.js";
            bool ok = false;
            for (auto& text : js_texts)
                ok |= j >= 1 && j <= static_cast<int>(text.size()) && !blank(text[static_cast<std::size_t>(j - 1)]);
            EXPECT_TRUE(ok) << l().id << " scenario.cpp:" << n << " marks js " << j
                            << ", which is not a non-blank line of any of its JavaScript texts";
        }
    }
    EXPECT_GT(markers, 0) << l().id << " has no `// py N` markers";
}

TEST_P(Lesson, KnobEditsFindTheirTextAndKeepLines) {
    for (auto& k : l().knobs) {
        EXPECT_LE(k.min, k.value) << k.id;
        EXPECT_LE(k.value, k.max) << k.id;
        EXPECT_FALSE(k.label.empty()) << k.id;
        if (k.is_choice()) { EXPECT_EQ(k.max - k.min + 1, static_cast<double>(k.choices.size())) << k.id; }
        for (auto& e : k.edits) {
            EXPECT_EQ(e.find.find('\n'), std::string::npos) << k.id;
            for (auto& r : e.replace) EXPECT_EQ(r.find('\n'), std::string::npos) << k.id;
            if (k.is_choice()) { EXPECT_EQ(e.replace.size(), k.choices.size()) << k.id << ": one replacement per choice"; }
            else EXPECT_EQ(e.replace.size(), 1u) << k.id;
            bool found = false;
            for (auto& [name, text] : l().files) {
                bool lang_ok = !e.lang || (*e.lang == language::python && name.ends_with(".py")) ||
                               (*e.lang == language::javascript && name.ends_with(".js"));
                found |= lang_ok && text.find(e.find) != std::string::npos;
            }
            EXPECT_TRUE(found) << l().id << ": knob " << k.id << " edits '" << e.find << "', which no text contains";
        }
    }
    // At every knob's extremes, the texts keep their line counts (so the markers still hold).
    for (auto lang : {language::python, language::javascript}) {
        const source_text* src = l().source(lang);
        if (!src) continue;
        for (const auto& s : settings()) {
            if (s.l != &l()) continue;
            std::string base = src->text;  // the file this setting shows, before edits
            for (auto& k : l().knobs) {
                auto& swaps = lang == language::python ? k.python_files : k.javascript_files;
                auto it = s.knobs.find(k.id);
                std::size_t c = k.choice_index(it == s.knobs.end() ? k.value : it->second);
                if (k.is_choice() && c < swaps.size() && !swaps[c].empty()) base = l().files.at(swaps[c]);
            }
            EXPECT_EQ(lines_of(l().source_for(lang, s.knobs)).size(), lines_of(base).size())
                << l().id << " (" << s.label << "): knob edits changed the number of " << to_string(lang) << " lines";
        }
    }
}

// The n-th (1-based) event of kind k, or no_event.
event_index occurrence(const trace& t, event_kind k, int n) {
    int seen = 0;
    for (event_index i = 0; i < t.size(); ++i)
        if (t[i].kind == k && ++seen == n) return i;
    return no_event;
}

TEST_P(Lesson, NotesAreTextAndLandOnSteps) {
    trace t = l().run(l().default_knobs());
    ASSERT_GT(t.size(), 0u);
    for (auto& note : l().notes) {
        EXPECT_FALSE(blank(note.text));
        EXPECT_FALSE(has_placeholder(note.text)) << note.text;
        EXPECT_NE(occurrence(t, note.at_kind, note.at_occurrence), no_event)
            << l().id << ": the note \"" << note.text << "\" is for " << to_string(note.at_kind) << " #"
            << note.at_occurrence << ", which the run never reaches";
    }
    EXPECT_FALSE(has_placeholder(l().goal));
    EXPECT_FALSE(has_placeholder(l().notice));
}

// The text an event carries in its b field, where it has one.
std::string text_of(const trace& t, const trace_event& e) {
    switch (e.kind) {
        case event_kind::output:
        case event_kind::task_finished:
        case event_kind::task_suspended:
        case event_kind::timer_armed:
        case event_kind::future_resolved:
        case event_kind::callback_queued:
        case event_kind::diagnostic:
        case event_kind::cancel_requested: return std::string(t.string(e.b));
        case event_kind::task_created:
        case event_kind::future_created: return std::string(t.string(e.b));
        default: return {};
    }
}

TEST_P(Lesson, QuizAnswersAreWhatHappensNext) {
    trace t = l().run(l().default_knobs());
    for (auto& q : l().quizzes) {
        SCOPED_TRACE(q.question);
        EXPECT_FALSE(has_placeholder(q.question));
        ASSERT_GE(q.choices.size(), 2u);
        ASSERT_GE(q.answer, 0);
        ASSERT_LT(q.answer, static_cast<int>(q.choices.size()));
        EXPECT_FALSE(blank(q.explanation)) << "explain the answer";
        event_index at = occurrence(t, q.at_kind, q.at_occurrence);
        ASSERT_NE(at, no_event) << l().id << ": the quiz is asked at " << to_string(q.at_kind) << " #" << q.at_occurrence
                                << ", which the run never reaches";
        ASSERT_TRUE(q.check.next.has_value()) << l().id << ": the quiz has no \"check\": nothing ties its answer to the trace";
        event_index next = no_event;
        for (event_index i = at + 1; i < t.size(); ++i)
            if (t[i].kind == *q.check.next) {
                next = i;
                break;
            }
        ASSERT_NE(next, no_event) << l().id << ": nothing of kind " << to_string(*q.check.next) << " happens after the quiz";
        const auto& e = t[next];
        if (!q.check.task.empty()) {
            ASSERT_TRUE(has_task_subject(e.kind));
            EXPECT_EQ(t.task_name(e.subject), q.check.task) << l().id << ": the next event is " << describe(t, next);
        }
        if (!q.check.text.empty()) {
            EXPECT_EQ(text_of(t, e), q.check.text) << l().id << ": the next event is " << describe(t, next);
        }
        if (q.check.time) { EXPECT_NEAR(t.time_at(next), *q.check.time, 1e-9) << describe(t, next); }
        std::string mentions = !q.check.mentions.empty() ? q.check.mentions : !q.check.text.empty() ? q.check.text : q.check.task;
        ASSERT_FALSE(mentions.empty()) << "the check must name a task, a text or what the answer mentions";
        const std::string& right = q.choices[static_cast<std::size_t>(q.answer)];
        EXPECT_NE(right.find(mentions), std::string::npos)
            << l().id << ": the answer \"" << right << "\" does not mention \"" << mentions << "\"";
        for (std::size_t c = 0; c < q.choices.size(); ++c)
            if (static_cast<int>(c) != q.answer) { EXPECT_NE(q.choices[c], right) << "two choices are the same"; }
    }
}

// The JavaScript twin prints under real Node (tests/conformance/node/vclock.js, a virtual clock)
// exactly what the engine's JavaScript mode prints for the lesson's scenario_js.cpp, at every
// knob setting; its printed lines and waits map to lines of lesson.js.
// Instantiated only for the lessons that have a lesson.js (see below), so none is "skipped".
class LessonWithJavaScript : public Lesson {};

std::vector<std::size_t> lessons_with_javascript() {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < all_lessons().size(); ++i)
        if (all_lessons()[i].source(language::javascript)) out.push_back(i);
    return out;
}

// ---- notes and quizzes at every knob setting ----------------------------------------------------

class LessonSetting : public ::testing::TestWithParam<std::size_t> {};

// Every step of the run has narration, at every knob setting: the app can stop anywhere.
TEST_P(LessonSetting, EveryStepHasNarration) {
    const setting& s = settings()[GetParam()];
    trace t = s.l->run(s.knobs);
    ASSERT_GT(t.size(), 0u);
    state_index index(t);
    auto py = lines_of(s.l->source_for(language::python, s.knobs));
    code_lookup code = [&](site_id site) -> std::string {
        int line = s.l->line_for(language::python, t, site);
        if (line <= 0 || line > static_cast<int>(py.size())) return {};
        std::string text = py[static_cast<std::size_t>(line - 1)];
        return text.substr(std::min(text.find_first_not_of(' '), text.size()));
    };
    for (event_index i = 0; i < t.size(); ++i) {
        std::string n = narrate(index, i, code);
        ASSERT_FALSE(blank(n)) << s.l->id << " (" << s.label << "): no narration for step " << describe(t, i);
        EXPECT_FALSE(has_placeholder(n)) << s.l->id << " (" << s.label << ") step " << describe(t, i) << ": " << n;
    }
}

// What the test itself finds: the event a fact is about, and whether the fact holds there.
event_index about(const trace& t, event_index at, std::optional<event_kind> next) {
    if (!next) return at;
    for (event_index i = at + 1; i < t.size(); ++i)
        if (t[i].kind == *next) return i;
    return no_event;
}

bool holds(const trace& t, event_index at, const trace_fact& f, std::string* why) {
    const event_index e = about(t, at, f.next);
    if (e == no_event) {
        *why = fmt::format("no {} after {}", to_string(*f.next), describe(t, at));
        return false;
    }
    bool ok = true;
    if (!f.task.empty()) ok &= has_task_subject(t[e].kind) && t.task_name(t[e].subject) == f.task;
    if (!f.text.empty()) ok &= text_of(t, t[e]) == f.text;
    if (f.time) ok &= std::fabs(t.time_at(e) - *f.time) < 1e-9;
    if (!ok) *why = fmt::format("the event is {}", describe(t, e));
    return ok;
}

// Notes shown in this run say only what its trace supports; every quiz shown has exactly one right
// choice, and it is what the trace does next. At the defaults every note and quiz shows, as authored.
TEST_P(LessonSetting, ShownNotesAndQuizzesHoldInTheTrace) {
    const setting& s = settings()[GetParam()];
    const lesson& l = *s.l;
    const bool defaults = l.at_defaults(s.knobs);
    trace t = l.run(s.knobs);
    const placement p = l.place(t, s.knobs);
    ASSERT_EQ(p.note_at.size(), l.notes.size());
    ASSERT_EQ(p.quiz_at.size(), l.quizzes.size());
    int shown = 0;
    for (std::size_t n = 0; n < l.notes.size(); ++n) {
        const auto& note = l.notes[n];
        SCOPED_TRACE(note.text);
        if (defaults && p.note_at[n] == no_event) {
            const event_index at = occurrence(t, note.at_kind, note.at_occurrence);
            std::string why = "its step never comes";
            for (const auto& f : note.when)
                if (at != no_event && !holds(t, at, f, &why)) break;
            ADD_FAILURE() << l.id << ": a note hidden at the default knobs: " << why;
        }
        if (p.note_at[n] == no_event) continue;
        ++shown;
        EXPECT_EQ(p.note_at[n], occurrence(t, note.at_kind, note.at_occurrence));
        if (!defaults) {
            EXPECT_FALSE(note.when.empty()) << "a note without facts shown away from the defaults";
        }
        for (const auto& f : note.when) {
            std::string why;
            EXPECT_TRUE(holds(t, p.note_at[n], f, &why)) << l.id << " (" << s.label << "): the note's fact fails: " << why;
        }
    }
    for (std::size_t n = 0; n < l.quizzes.size(); ++n) {
        const auto& q = l.quizzes[n];
        SCOPED_TRACE(q.question);
        if (defaults) {
            EXPECT_NE(p.quiz_at[n], no_event) << l.id << ": a quiz hidden at the default knobs";
            EXPECT_EQ(p.quiz_answer[n], q.answer);
        }
        if (p.quiz_at[n] == no_event) continue;
        ++shown;
        const event_index at = p.quiz_at[n];
        EXPECT_EQ(at, occurrence(t, q.at_kind, q.at_occurrence));
        for (const auto& f : q.when) {
            std::string why;
            EXPECT_TRUE(holds(t, at, f, &why)) << l.id << " (" << s.label << "): the quiz's fact fails: " << why;
        }
        ASSERT_TRUE(q.check.next.has_value());
        const event_index next = about(t, at, q.check.next);
        ASSERT_NE(next, no_event) << l.id << " (" << s.label << "): nothing answers the quiz";
        EXPECT_EQ(p.quiz_reveal[n], next);
        // What the right choice must name in this run.
        std::string must;
        const bool custom = !q.check.mentions.empty() && q.check.mentions != q.check.text && q.check.mentions != q.check.task;
        if (custom || defaults) {
            std::string why;
            EXPECT_TRUE(holds(t, at, q.check, &why)) << l.id << " (" << s.label << "): " << why;
            must = !q.check.mentions.empty() ? q.check.mentions : !q.check.text.empty() ? q.check.text : q.check.task;
        } else if (!q.check.text.empty()) {
            must = text_of(t, t[next]);
        } else {
            ASSERT_TRUE(has_task_subject(t[next].kind));
            must = std::string(t.task_name(t[next].subject));
        }
        ASSERT_FALSE(must.empty());
        ASSERT_GE(p.quiz_answer[n], 0);
        ASSERT_LT(p.quiz_answer[n], static_cast<int>(q.choices.size()));
        auto names = [&](const std::string& choice) {
            for (auto at2 = choice.find(must); at2 != std::string::npos; at2 = choice.find(must, at2 + 1)) {
                const auto end = at2 + must.size();
                if (end == choice.size() || !std::isdigit(static_cast<unsigned char>(choice[end]))) return true;
            }
            return false;
        };
        for (std::size_t c = 0; c < q.choices.size(); ++c) {
            if (static_cast<int>(c) == p.quiz_answer[n]) {
                EXPECT_TRUE(names(q.choices[c])) << l.id << " (" << s.label << "): the answer \"" << q.choices[c]
                                                 << "\" does not name \"" << must << "\"";
            } else if (!custom) {
                EXPECT_FALSE(names(q.choices[c])) << l.id << " (" << s.label << "): \"" << q.choices[c] << "\" is right too";
            }
        }
    }
    if (defaults) {
        EXPECT_GT(shown, 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Lessons, LessonSetting, ::testing::Range<std::size_t>(0, settings().size()),
                         [](const auto& p) {
                             const setting& s = settings()[p.param];
                             return test_name(s.l->id + "_" + s.label);
                         });

TEST_P(LessonWithJavaScript, JavaScriptTwinEqualsNode) {
    if (std::string(LOOPSCOPE_NODE).empty()) GTEST_SKIP() << "node is not installed: cannot compare with Node";
    for (const auto& s : settings()) {
        if (s.l != &l()) continue;
        std::string text = l().source_for(language::javascript, s.knobs);
        auto path = write_temp(l().id + ".js", text);
        int status = -1;
        std::string expected = capture(fmt::format("'{}' '{}' '{}' 2>/dev/null", LOOPSCOPE_NODE,
                                                   LOOPSCOPE_CONFORMANCE_DIR "/node/vclock.js", path.string()),
                                       &status);
        std::filesystem::remove(path);
        EXPECT_FALSE(expected.empty()) << l().id << " (" << s.label << "): lesson.js printed nothing under Node:\n" << text;
        if (!l().run_js) {
            ADD_FAILURE() << l().id << " has a lesson.js but no scenario_js.cpp to run it in the engine";
            continue;
        }
        run_result r = l().run_js(s.knobs);
        EXPECT_EQ(transcript(r), expected) << l().id << " (" << s.label << "): the JavaScript mode differs from Node for:\n"
                                           << text;
        auto lines = lines_of(text);
        for (event_index i = 0; i < r.trace.size(); ++i) {
            const auto& e = r.trace[i];
            if (e.kind != event_kind::output || e.site == 0) continue;
            int line = l().line_for(language::javascript, r.trace, e.site);
            EXPECT_GT(line, 0) << l().id << ": " << describe(r.trace, i) << " has no `// js N` marker";
            if (line > 0 && line <= static_cast<int>(lines.size())) {
                EXPECT_FALSE(blank(lines[static_cast<std::size_t>(line - 1)])) << describe(r.trace, i);
            }
        }
    }
}

TEST_P(Lesson, RunsFromTheCommandLine) {
    int status = -1;
    std::string out = capture(fmt::format("'{}' run '{}' --ascii 2>&1", LOOPSCOPE_CLI, l().id), &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Output"), std::string::npos) << out;
    EXPECT_NE(out.find("time"), std::string::npos) << "no timeline drawn:\n" << out;
}

INSTANTIATE_TEST_SUITE_P(Lessons, Lesson, ::testing::Range<std::size_t>(0, all_lessons().size()),
                         [](const auto& p) { return test_name(all_lessons()[p.param].id); });
INSTANTIATE_TEST_SUITE_P(Lessons, LessonWithJavaScript, ::testing::ValuesIn(lessons_with_javascript()),
                         [](const auto& p) { return test_name(all_lessons()[p.param].id); });

TEST(LessonRegistry, TheTutorialsThatCompareWithJavaScriptHaveATwin) {
    // Seeds 000 and 002 compare with JavaScript: fetch_data, gather and the comparison lesson.
    for (const char* id : {"fetch-data", "gather", "python-vs-javascript"}) {
        const lesson* l = find_lesson(id);
        ASSERT_NE(l, nullptr) << id;
        EXPECT_NE(l->source(language::javascript), nullptr) << id << " has no JavaScript twin";
    }
}

TEST(LessonRegistry, NumbersAndIdsAreUnique) {
    std::set<int> numbers;
    std::set<std::string> ids;
    for (auto& l : all_lessons()) {
        EXPECT_TRUE(numbers.insert(l.number).second) << "two lessons numbered " << l.number;
        EXPECT_TRUE(ids.insert(l.id).second) << "two lessons with id " << l.id;
    }
}

TEST(LessonRegistry, FindsALessonByIdOrByItsNumber) {
    ASSERT_NE(find_lesson("gather"), nullptr);
    EXPECT_EQ(find_lesson("4"), find_lesson("gather"));
    EXPECT_EQ(find_lesson("1")->id, "hello-world");
    for (const char* not_one : {"0", "99", "4x", "-4", "", "gatherx"}) EXPECT_EQ(find_lesson(not_one), nullptr) << not_one;
}

TEST(LessonRegistry, PythonLiteralsAreWhatPythonWrites) {
    EXPECT_EQ(python_literal(2), "2");
    EXPECT_EQ(python_literal(2.5), "2.5");
    EXPECT_EQ(python_literal(0.1), "0.1");
    EXPECT_EQ(python_literal(0), "0");
}

}  // namespace
}  // namespace loopscope::lessons
