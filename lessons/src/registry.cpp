#include <algorithm>
#include <charconv>
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
    trace (*run)(const knob_values&);
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
    if (auto py = text_of(dir + "/lesson.py"); !py.empty())
        l.sources.push_back({language::python, j.value("python_title", "Python"), std::string(py)});
    if (auto js = text_of(dir + "/lesson.js"); !js.empty())
        l.sources.push_back({language::javascript, "JavaScript", std::string(js)});
    l.sources.push_back({language::cpp, "C++ (engine)", std::string(text_of(l.cpp_file))});
    for (auto& k : j.value("knobs", nlohmann::json::array()))
        l.knobs.push_back({k.at("id"), k.at("label"), k.at("value"), k.value("min", 0.0), k.value("max", 10.0),
                           k.value("step", 0.5)});
    for (auto& q : j.value("quizzes", nlohmann::json::array()))
        l.quizzes.push_back({q.at("question"), q.at("choices").get<std::vector<std::string>>(), q.at("answer"),
                             q.value("explanation", ""), kind_named(q.value("at", "task_resumed")),
                             q.value("occurrence", 1)});
    for (auto& n : j.value("notes", nlohmann::json::array()))
        l.notes.push_back({kind_named(n.value("at", "output")), n.value("occurrence", 1), n.at("text")});
    l.run = e.run;
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
        for (auto& l : reg.lessons) reg.markers[l.cpp_file] = parse_markers(l.source(language::cpp)->text);
        return reg;
    }();
    return r;
}

}  // namespace

int lesson::line_for(language l, const trace& t, site_id s) const {
    if (s == 0 || s >= t.sites().size()) return 0;
    std::string_view file = t.string(t.sites()[s].file);
    if (!file.ends_with(cpp_file)) return 0;
    int cpp_line = static_cast<int>(t.sites()[s].line);
    if (l == language::cpp) return cpp_line;
    auto& marks = the_registry().markers;
    auto it = marks.find(cpp_file);
    if (it == marks.end()) return 0;
    auto m = it->second.find(cpp_line);
    if (m == it->second.end()) return 0;
    return l == language::python ? m->second.first : m->second.second;
}

const std::vector<lesson>& all_lessons() { return the_registry().lessons; }

const lesson* find_lesson(std::string_view id) {
    for (auto& l : all_lessons())
        if (l.id == id) return &l;
    return nullptr;
}

}  // namespace loopscope::lessons
