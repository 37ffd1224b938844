// Runs tracer/loopscope_tracer.py on a script under CPython and loads the trace it wrote.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "loopscope/trace_file.hpp"

namespace loopscope::tracer_test {

struct traced_run {
    int exit_code = -1;
    std::string stdout_text, stderr_text;
    std::filesystem::path trace_path;
    std::optional<loopscope::trace> trace;
    std::string load_error;
};

inline std::string python_path() { return LOOPSCOPE_PYTHON; }
inline bool have_python() {
    return !python_path().empty() && std::filesystem::exists(python_path());
}
inline std::string script_path(const std::string& name) { return std::string(LOOPSCOPE_TRACER_SCRIPTS "/") + name; }

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh folder per run, so tests can run in parallel.
inline std::filesystem::path scratch_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "loopscope-tracer-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return std::filesystem::temp_directory_path();
    return tmpl;
}

// `options` go before the script, `args` after it; `env` is prefixed to the command ("A=1 ").
inline traced_run run_tracer(const std::string& script, const std::vector<std::string>& options = {},
                             const std::vector<std::string>& args = {}, const std::string& env = "",
                             const std::string& python = python_path()) {
    traced_run r;
    auto dir = scratch_dir();
    r.trace_path = dir / "run.lstrace";
    std::string cmd = env + shell_quote(python) + " " + shell_quote(LOOPSCOPE_TRACER) + " --out " +
                      shell_quote(r.trace_path.string());
    for (auto& o : options) cmd += " " + shell_quote(o);
    cmd += " " + shell_quote(script);
    for (auto& a : args) cmd += " " + shell_quote(a);
    cmd += " >" + shell_quote((dir / "stdout").string()) + " 2>" + shell_quote((dir / "stderr").string());
    int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.stdout_text = slurp(dir / "stdout");
    r.stderr_text = slurp(dir / "stderr");
    if (std::filesystem::exists(r.trace_path)) {
        auto loaded = load_trace(r.trace_path);
        if (loaded) r.trace = std::move(loaded.trace);
        else r.load_error = loaded.error;
    } else {
        r.load_error = "no trace was written";
    }
    return r;
}

// ---- reading a trace the way the tests state facts about it --------------------------------------

// "resumed Task-2", "suspended Task-2 on sleep(1)", "finished Task-2": the task steps in order.
inline std::vector<std::string> task_steps(const loopscope::trace& t, bool with_labels = false) {
    std::vector<std::string> out;
    for (event_index i = 0; i < t.size(); ++i) {
        const trace_event& e = t[i];
        std::string name(t.task_name(e.subject));
        if (e.kind == event_kind::task_resumed) out.push_back("resumed " + name);
        else if (e.kind == event_kind::task_suspended)
            out.push_back("suspended " + name + (with_labels ? " on " + std::string(t.string(e.b)) : ""));
        else if (e.kind == event_kind::task_finished) out.push_back("finished " + name);
    }
    return out;
}

inline std::vector<std::string> output_lines(const loopscope::trace& t) {
    std::vector<std::string> out;
    for (auto& l : t.output()) out.push_back(fmt::format("{:.6f} {}", l.time, l.text));
    return out;
}

inline std::vector<event_index> events_of(const loopscope::trace& t, event_kind k) {
    std::vector<event_index> out;
    for (event_index i = 0; i < t.size(); ++i)
        if (t[i].kind == k) out.push_back(i);
    return out;
}

inline std::vector<std::string> diagnostics_of(const loopscope::trace& t, diagnostic_kind k) {
    std::vector<std::string> out;
    for (auto i : events_of(t, event_kind::diagnostic))
        if (t[i].aux == static_cast<std::uint8_t>(k)) out.emplace_back(t.string(t[i].b));
    return out;
}

}  // namespace loopscope::tracer_test
