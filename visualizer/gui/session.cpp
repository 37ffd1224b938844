#include "session.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

#include "demo_lesson.hpp"

namespace loopscope::gui {

session open_trace(trace t, const lessons::lesson* l) {
    session s;
    s.lesson = l;
    s.data = std::make_unique<const trace>(std::move(t));
    s.states = std::make_unique<const state_index>(*s.data);
    s.timeline = std::make_unique<const timeline_model>(*s.data);
    if (l) s.placed = l->place(*s.data, l->default_knobs());  // a saved run: as written for the defaults
    return s;
}

session open_session(const lessons::lesson& l, lessons::knob_values knobs) {
    trace t = l.run ? l.run(knobs) : trace{};
    session s = open_trace(std::move(t));
    s.lesson = &l;
    s.placed = l.place(*s.data, knobs);
    for (const auto& src : l.sources) s.texts.push_back(l.source_for(src.lang, knobs));
    s.knobs = std::move(knobs);
    return s;
}

std::string attach_source(session& s, const std::filesystem::path& preferred) {
    s.own_source = {};
    if (s.lesson || !s.data) return {};
    const trace& t = *s.data;
    std::map<string_id, int> uses;
    for (std::size_t i = 1; i < t.sites().size(); ++i)
        if (t.sites()[i].file != 0 && t.sites()[i].line > 0) ++uses[t.sites()[i].file];
    if (uses.empty() && preferred.empty()) return "the trace names no source file";
    std::error_code ec;
    // No site at all (a script that did not compile): the preferred file all the same.
    std::string name = preferred.string();
    if (!uses.empty()) {
        auto best = std::max_element(uses.begin(), uses.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        for (const auto& [file, n] : uses)
            if (!preferred.empty() && std::filesystem::equivalent(std::filesystem::path(std::string(t.string(file))), preferred, ec))
                best = uses.find(file);
        name = std::string(t.string(best->first));
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) return "cannot read " + name;
    s.own_source.lang = lessons::language::python;
    s.own_source.file = name;
    s.own_source.title = std::filesystem::path(name).filename().string();
    s.own_source.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return {};
}

std::string_view line_of(std::string_view text, int line) {
    if (line <= 0) return {};
    for (int n = 1; n < line; ++n) {
        const auto nl = text.find('\n');
        if (nl == std::string_view::npos) return {};
        text.remove_prefix(nl + 1);
    }
    text = text.substr(0, text.find('\n'));
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

int source_line(const session& s, lessons::language lang, site_id site) {
    if (s.has_own_source() && s.data && site != 0 && site < s.data->sites().size()) {
        const auto& st = s.data->sites()[site];
        return s.data->string(st.file) == s.own_source.file ? static_cast<int>(st.line) : 0;
    }
    if (!s.lesson || !s.data || site == 0 || site >= s.data->sites().size()) return 0;
    if (const int line = s.lesson->line_for(lang, *s.data, site); line > 0) return line;
    const auto cpp_line = static_cast<int>(s.data->sites()[site].line);
    if (lang == lessons::language::cpp) return cpp_line;
    const auto* cpp = s.lesson->source(lessons::language::cpp);
    if (!cpp) return 0;
    // The marker on that line of the C++ text: "// py 4" or "// js 7".
    std::string_view text = cpp->text;
    for (int n = 1; n < cpp_line; ++n) {
        const auto nl = text.find('\n');
        if (nl == std::string_view::npos) return 0;
        text.remove_prefix(nl + 1);
    }
    text = text.substr(0, text.find('\n'));
    const std::string_view tag = lang == lessons::language::python ? "// py " : "// js ";
    const auto at = text.find(tag);
    if (at == std::string_view::npos) return 0;
    int line = 0;
    for (char c : text.substr(at + tag.size())) {
        if (c < '0' || c > '9') break;
        line = line * 10 + (c - '0');
    }
    return line;
}

std::string code_for_site(const session& s, site_id site) {
    if (s.has_own_source()) return std::string(line_of(s.own_source.text, source_line(s, s.own_source.lang, site)));
    if (!s.lesson || !s.data || site == 0 || s.lesson->sources.empty()) return {};
    const auto& src = s.lesson->sources.front();  // python first by convention
    const std::string_view text = s.texts.empty() ? std::string_view(src.text) : std::string_view(s.texts.front());
    return std::string(line_of(text, source_line(s, src.lang, site)));
}

std::vector<const lessons::lesson*> available_lessons() {
    std::vector<const lessons::lesson*> out;
    for (const auto& l : lessons::all_lessons()) out.push_back(&l);
    if (out.empty()) out.push_back(&demo_lesson());
    return out;
}

const lessons::lesson* find_available_lesson(std::string_view id) {
    if (id == "demo") return &demo_lesson();
    if (const auto* l = lessons::find_lesson(id)) return l;
    return nullptr;
}

}  // namespace loopscope::gui
