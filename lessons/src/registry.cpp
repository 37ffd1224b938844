#include <algorithm>
#include <charconv>
#include <cmath>
#include <mutex>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "loopscope/lessons/lesson.hpp"

namespace loopscope::lessons {
namespace detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_texts();  // generated
struct lesson_entry {
    std::string_view dir;
    run_result (*run)(const knob_values&);
    run_result (*run_js)(const knob_values&);  // null: no scenario_js.cpp
};
const std::vector<lesson_entry>& lesson_entries();  // generated: one per lessons/NN_name folder
}  // namespace detail

std::string_view to_string(language l) {
    switch (l) {
        case language::python: return "python";
        case language::javascript: return "javascript";
        case language::cpp: return "cpp";
    }
    return "?";
}

const source_text* lesson::source(language l) const {
    for (auto& s : sources)
        if (s.lang == l) return &s;
    return nullptr;
}

knob_values lesson::default_knobs() const {
    knob_values k;
    for (auto& kn : knobs) k[kn.id] = kn.value;
    return k;
}

bool lesson::at_defaults(const knob_values& k) const {
    for (auto& kn : knobs)
        if (auto it = k.find(kn.id); it != k.end() && it->second != kn.value) return false;
    return true;
}

std::size_t knob::choice_index(double v) const {
    if (choices.empty()) return 0;
    double i = std::round(v - min);
    if (i < 0) return 0;
    return std::min(static_cast<std::size_t>(i), choices.size() - 1);
}

std::string python_literal(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);  // shortest round-trip text, as Python's repr
}

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    if (from.empty()) return s;
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

std::string fill(std::string_view templ, double v) {
    std::string s(templ);
    s = replace_all(s, "{value}", python_literal(v));
    s = replace_all(s, "{ms}", fmt::format("{}", static_cast<long long>(std::llround(v * 1000))));
    s = replace_all(s, "{int}", fmt::format("{}", static_cast<long long>(std::llround(v))));
    return s;
}

}  // namespace

std::string lesson::source_for(language l, const knob_values& k) const {
    const source_text* base = source(l);
    if (!base) return {};
    std::string text = base->text;
    auto value_of = [&](const knob& kn) {
        auto it = k.find(kn.id);
        return it == k.end() ? kn.value : it->second;
    };
    // A choice knob may swap in another file of the folder.
    for (auto& kn : knobs) {
        if (!kn.is_choice()) continue;
        std::size_t c = kn.choice_index(value_of(kn));
        const auto& swaps = l == language::python ? kn.python_files : l == language::javascript ? kn.javascript_files
                                                                                                 : kn.python_files;
        if (l == language::cpp || c >= swaps.size() || swaps[c].empty()) continue;
        if (auto f = files.find(swaps[c]); f != files.end()) text = f->second;
    }
    // Every edit finds its text in the unedited source; all replacements then apply at once, so
    // one knob's new text is never edited again by another knob.
    struct hit {
        std::size_t at, len;
        std::string with;
    };
    std::vector<hit> hits;
    for (auto& kn : knobs) {
        double v = value_of(kn);
        for (auto& e : kn.edits) {
            if ((e.lang && *e.lang != l) || e.replace.empty() || e.find.empty()) continue;
            std::string_view templ = kn.is_choice() ? e.replace[std::min(kn.choice_index(v), e.replace.size() - 1)]
                                                    : e.replace.front();
            std::string with = fill(templ, v);
            for (std::size_t at = text.find(e.find); at != std::string::npos; at = text.find(e.find, at + e.find.size()))
                hits.push_back({at, e.find.size(), with});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const hit& a, const hit& b) { return a.at < b.at; });
    std::string out;
    std::size_t pos = 0;
    for (auto& h : hits) {
        if (h.at < pos) continue;  // overlaps an earlier edit: the first one wins
        out.append(text, pos, h.at - pos);
        out += h.with;
        pos = h.at + h.len;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

namespace {

std::string_view text_of(std::string_view path) {
    for (auto& [p, text] : detail::embedded_texts())
        if (p == path) return text;
    return {};
}

// `// py 4 js 7` on a C++ line: that line stands for line 4 of the Python and 7 of the JavaScript.
std::map<int, std::pair<int, int>> parse_markers(std::string_view cpp) {
    std::map<int, std::pair<int, int>> marks;
    static const std::regex py(R"(//.*\bpy\s+(\d+))"), js(R"(//.*\bjs\s+(\d+))");
    int line = 0;
    std::size_t start = 0;
    while (start <= cpp.size()) {
        std::size_t nl = cpp.find('\n', start);
        std::string l(cpp.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        ++line;
        std::smatch m;
        int p = 0, j = 0;
        if (std::regex_search(l, m, py)) p = std::stoi(m[1]);
        if (std::regex_search(l, m, js)) j = std::stoi(m[1]);
        if (p || j) marks[line] = {p, j};
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return marks;
}

event_kind kind_named(const std::string& s) {
    for (int k = 0; k < static_cast<int>(event_kind::count_); ++k)
        if (to_string(static_cast<event_kind>(k)) == s) return static_cast<event_kind>(k);
    throw std::runtime_error(fmt::format("unknown event kind '{}'", s));
}

language language_named(const std::string& s) {
    if (s == "python") return language::python;
    if (s == "javascript") return language::javascript;
    if (s == "cpp") return language::cpp;
    throw std::runtime_error(fmt::format("unknown language '{}' (python, javascript or cpp)", s));
}

trace_fact fact_from(const nlohmann::json& c) {
    trace_fact f;
    if (c.contains("next")) f.next = kind_named(c.at("next").get<std::string>());
    f.task = c.value("task", "");
    f.text = c.value("text", "");
    if (c.contains("time")) f.time = c.at("time").get<double>();
    if (f.task.empty() && f.text.empty() && !f.time)
        throw std::runtime_error(fmt::format("a fact ({}) names no task, text or time: it would always hold", c.dump()));
    return f;
}

std::vector<trace_fact> facts_from(const nlohmann::json& j) {
    std::vector<trace_fact> out;
    if (!j.contains("when")) return out;
    const auto& w = j.at("when");
    if (w.is_array())
        for (auto& c : w) out.push_back(fact_from(c));
    else
        out.push_back(fact_from(w));
    return out;
}

lesson load(const detail::lesson_entry& e) {
    std::string dir(e.dir);
    std::string_view meta = text_of(dir + "/lesson.json");
    if (meta.empty()) throw std::runtime_error(fmt::format("lesson folder {} has no lesson.json", dir));
    auto j = nlohmann::json::parse(meta);
    lesson l;
    l.id = j.at("id").get<std::string>();
    l.number = std::stoi(dir.substr(0, dir.find('_')));
    l.title = j.at("title").get<std::string>();
    l.goal = j.value("goal", "");
    l.notice = j.value("notice", "");
    l.cpp_file = dir + "/scenario.cpp";
    for (auto& [path, text] : detail::embedded_texts())
        if (path.starts_with(dir + "/")) l.files.emplace(std::string(path.substr(dir.size() + 1)), std::string(text));
    if (auto py = text_of(dir + "/lesson.py"); !py.empty())
        l.sources.push_back({language::python, j.value("python_title", "Python"), std::string(py), "lesson.py"});
    if (auto js = text_of(dir + "/lesson.js"); !js.empty())
        l.sources.push_back({language::javascript, j.value("javascript_title", "JavaScript"), std::string(js), "lesson.js"});
    l.sources.push_back({language::cpp, "C++ (engine)", std::string(text_of(l.cpp_file)), "scenario.cpp"});
    for (auto& k : j.value("knobs", nlohmann::json::array())) {
        knob kn{k.at("id"), k.at("label"), k.at("value"), k.value("min", 0.0), k.value("max", 10.0), k.value("step", 0.5), {}, {}, {}, {}};
        for (auto& c : k.value("choices", nlohmann::json::array())) {
            if (c.is_string()) {
                kn.choices.push_back(c.get<std::string>());
                kn.python_files.emplace_back();
                kn.javascript_files.emplace_back();
            } else {
                kn.choices.push_back(c.at("label").get<std::string>());
                kn.python_files.push_back(c.value("python", ""));
                kn.javascript_files.push_back(c.value("javascript", ""));
            }
        }
        if (kn.is_choice()) {
            kn.step = 1;
            kn.max = kn.min + static_cast<double>(kn.choices.size()) - 1;
        }
        for (auto& ed : k.value("edits", nlohmann::json::array())) {
            text_edit te;
            if (ed.contains("in")) te.lang = language_named(ed.at("in").get<std::string>());
            te.find = ed.at("find").get<std::string>();
            if (ed.at("replace").is_array()) te.replace = ed.at("replace").get<std::vector<std::string>>();
            else te.replace.push_back(ed.at("replace").get<std::string>());
            kn.edits.push_back(std::move(te));
        }
        l.knobs.push_back(std::move(kn));
    }
    for (auto& q : j.value("quizzes", nlohmann::json::array())) {
        quiz qz{q.at("question"), q.at("choices").get<std::vector<std::string>>(), q.at("answer"),
                q.value("explanation", ""), kind_named(q.value("at", "task_resumed")), q.value("occurrence", 1), {}};
        if (q.contains("check")) {
            auto& c = q.at("check");
            qz.check.next = kind_named(c.at("next").get<std::string>());
            qz.check.task = c.value("task", "");
            qz.check.text = c.value("text", "");
            if (c.contains("time")) qz.check.time = c.at("time").get<double>();
            qz.check.mentions = c.value("mentions", "");
        }
        qz.when = facts_from(q);
        l.quizzes.push_back(std::move(qz));
    }
    for (auto& n : j.value("notes", nlohmann::json::array()))
        l.notes.push_back({kind_named(n.value("at", "output")), n.value("occurrence", 1), n.at("text"), facts_from(n)});
    for (auto& c : j.value("compare", nlohmann::json::array())) {
        compare_preset p{c.at("label").get<std::string>(), {}};
        for (auto& [id, v] : c.at("knobs").items()) {
            auto k = std::find_if(l.knobs.begin(), l.knobs.end(), [&](const knob& kn) { return kn.id == id; });
            if (k == l.knobs.end())
                throw std::runtime_error(fmt::format("{}: compare preset '{}' sets knob '{}', which the lesson does not have", dir, p.label, id));
            p.knobs[id] = v.get<double>();
        }
        l.compare.push_back(std::move(p));
    }
    l.run_full = e.run;
    if (e.run_js) {
        l.run_js = e.run_js;
        l.js_cpp_file = dir + "/scenario_js.cpp";
    }
    l.run = [run = e.run](const knob_values& k) { return run(k).trace; };
    return l;
}

struct registry {
    std::vector<lesson> lessons;
    std::map<std::string, std::map<int, std::pair<int, int>>, std::less<>> markers;  // by cpp_file
};

const registry& the_registry() {
    static const registry r = [] {
        registry reg;
        for (auto& e : detail::lesson_entries()) reg.lessons.push_back(load(e));
        std::sort(reg.lessons.begin(), reg.lessons.end(), [](auto& a, auto& b) { return a.number < b.number; });
        for (auto& l : reg.lessons) {
            reg.markers[l.cpp_file] = parse_markers(l.source(language::cpp)->text);
            if (!l.js_cpp_file.empty())
                if (auto f = l.files.find("scenario_js.cpp"); f != l.files.end()) reg.markers[l.js_cpp_file] = parse_markers(f->second);
        }
        return reg;
    }();
    return r;
}

}  // namespace

int lesson::line_for(language l, const trace& t, site_id s) const {
    if (s == 0 || s >= t.sites().size()) return 0;
    std::string_view file = t.string(t.sites()[s].file);
    const std::string* scenario = nullptr;
    if (file.ends_with(cpp_file)) scenario = &cpp_file;
    else if (!js_cpp_file.empty() && file.ends_with(js_cpp_file)) scenario = &js_cpp_file;
    if (!scenario) return 0;
    int cpp_line = static_cast<int>(t.sites()[s].line);
    if (l == language::cpp) return cpp_line;
    auto& marks = the_registry().markers;
    auto it = marks.find(*scenario);
    if (it == marks.end()) return 0;
    auto m = it->second.find(cpp_line);
    if (m == it->second.end()) return 0;
    return l == language::python ? m->second.first : m->second.second;
}

const std::vector<lesson>& all_lessons() { return the_registry().lessons; }

const lesson* find_lesson(std::string_view id) {
    for (auto& l : all_lessons())
        if (l.id == id) return &l;
    int number = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
    if (ec != std::errc() || end != id.data() + id.size() || number <= 0) return nullptr;
    for (auto& l : all_lessons())
        if (l.number == number) return &l;
    return nullptr;
}

}  // namespace loopscope::lessons
