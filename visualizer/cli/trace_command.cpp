#include "trace_command.hpp"
#include "terminal_commands.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "ascii_timeline.hpp"
#include "loopscope/export_chrome.hpp"
#include "loopscope/trace_file.hpp"

extern char** environ;

namespace loopscope::cli {
namespace fs = std::filesystem;

namespace {

bool is_executable_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

fs::path own_executable_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

// Runs argv[0] with our stdin, stdout and stderr; returns its exit status (128 + signal if killed).
int run_and_wait(const std::vector<std::string>& argv, std::string& error) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // Ctrl-C is for the script: the tracer saves the trace and stops; we wait for it.
    struct sigaction ignore {}, old_int {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, &old_int);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ);
    int status = 0;
    if (rc == 0)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    sigaction(SIGINT, &old_int, nullptr);
    if (rc != 0) {
        error = fmt::format("cannot run {}: {}", argv[0], std::strerror(rc));
        return 127;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

fs::path find_python() {
    if (const char* env = std::getenv("LOOPSCOPE_PYTHON"); env && *env) return is_executable_file(env) ? fs::path(env) : fs::path();
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!dirs.empty()) {
        auto colon = dirs.find(':');
        std::string_view dir = dirs.substr(0, colon);
        fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / "python3";
        if (is_executable_file(candidate)) return candidate;
        if (colon == std::string_view::npos) break;
        dirs.remove_prefix(colon + 1);
    }
    return {};
}

fs::path find_tracer() {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("LOOPSCOPE_TRACER"); env && *env) candidates.emplace_back(env);
#ifdef LOOPSCOPE_TRACER_SOURCE_DIR
    candidates.push_back(fs::path(LOOPSCOPE_TRACER_SOURCE_DIR) / "loopscope_tracer.py");
#endif
    if (fs::path dir = own_executable_dir(); !dir.empty())
        candidates.push_back(dir.parent_path() / "share" / "loopscope" / "tracer" / "loopscope_tracer.py");
    std::error_code ec;
    for (auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return c;
    return {};
}

trace_outcome run_trace_command(const trace_request& request) {
    trace_outcome outcome;
    std::error_code ec;
    if (!fs::exists(request.script, ec)) {
        outcome.error = fmt::format("{}: no such file. Give the path of a Python script, e.g. `loopscope trace hello.py`.",
                                    request.script.string());
        outcome.exit_code = 2;
        return outcome;
    }
    fs::path python = find_python();
    if (python.empty()) {
        outcome.error = "python3 was not found: install it (apt-get install python3) to trace your own scripts";
        outcome.exit_code = 127;
        return outcome;
    }
    fs::path tracer = find_tracer();
    if (tracer.empty()) {
        outcome.error = "the tracer (tracer/loopscope_tracer.py) was not found next to loopscope; reinstall loopscope "
                        "or set LOOPSCOPE_TRACER to its path";
        outcome.exit_code = 2;
        return outcome;
    }
    outcome.trace_path = request.out.empty() ? fs::path(request.script.stem().string() + ".lstrace") : request.out;

    std::vector<std::string> argv{python.string(), tracer.string(), "--out", outcome.trace_path.string()};
    if (!request.echo_output) argv.emplace_back("--quiet");
    if (request.real_time) argv.emplace_back("--real-time");
    if (request.max_events) argv.insert(argv.end(), {"--max-events", std::to_string(*request.max_events)});
    if (request.max_seconds) argv.insert(argv.end(), {"--max-seconds", number(*request.max_seconds)});
    if (request.wall_timeout) argv.insert(argv.end(), {"--wall-timeout", number(*request.wall_timeout)});
    argv.push_back(request.script.string());
    argv.insert(argv.end(), request.args.begin(), request.args.end());

    // The tracer writes the trace whenever the script started, even if it failed; a file left from
    // an earlier run must not pass for this one.
    auto before = fs::exists(outcome.trace_path, ec) ? fs::last_write_time(outcome.trace_path, ec) : fs::file_time_type::min();
    std::fflush(stdout);
    outcome.exit_code = run_and_wait(argv, outcome.error);
    if (!outcome.error.empty()) return outcome;
    if (!fs::exists(outcome.trace_path, ec) || fs::last_write_time(outcome.trace_path, ec) == before) {
        outcome.error = outcome.exit_code == 2 ? "the tracer refused to run (see its message above)"
                                               : fmt::format("the tracer wrote no trace (it exited with status {})",
                                                             outcome.exit_code);
        return outcome;
    }
    auto loaded = load_trace(outcome.trace_path);
    if (!loaded) {
        outcome.error = fmt::format("the tracer wrote a trace loopscope cannot read: {}", loaded.error);
        if (outcome.exit_code == 0) outcome.exit_code = 1;
        return outcome;
    }
    outcome.trace = std::move(loaded.trace);
    return outcome;
}

void add_trace_commands(CLI::App& app, int& exit_code) {
    struct trace_args {
        std::string script, out;
        std::vector<std::string> script_args;
        bool real_time = false;
        long long max_events = 0;
        double max_seconds = -1, wall_timeout = -1;
        view_flags flags;
    };
    auto a = std::make_shared<trace_args>();
    auto* cmd = app.add_subcommand("trace", "Run your own asyncio script under CPython and show what its event loop did");
    cmd->add_option("script", a->script, "The Python script to run (it is never modified)")->required();
    cmd->add_option("args", a->script_args, "Arguments for the script (put them after --)");
    cmd->add_option("--out", a->out, "Where to save the trace (default: SCRIPT.lstrace in the current folder)");
    cmd->add_flag("--real-time", a->real_time, "Run on the wall clock instead of the virtual one");
    cmd->add_option("--max-events", a->max_events, "Stop after this many events (default 10000000)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-seconds", a->max_seconds, "Stop when the loop's clock passes this (default 3600; 0: none)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--wall-timeout", a->wall_timeout, "Stop a script still running after this many real seconds "
                                                        "(default 60; 0: none)")
        ->check(CLI::NonNegativeNumber);
    add_view_flags(cmd, a->flags);
    cmd->callback([a, &exit_code] {
        trace_request r;
        r.script = a->script;
        r.args = a->script_args;
        r.out = a->out;
        r.real_time = a->real_time;
        if (a->max_events > 0) r.max_events = a->max_events;
        if (a->max_seconds >= 0) r.max_seconds = a->max_seconds;
        if (a->wall_timeout >= 0) r.wall_timeout = a->wall_timeout;
        trace_outcome o = run_trace_command(r);
        exit_code = o.exit_code;
        if (!o.trace) {
            fmt::print(stderr, "loopscope: {}\n", o.error);
            if (exit_code == 0) exit_code = 1;
            return;
        }
        show(*o.trace, a->flags);
        fmt::print("\nSaved the trace to {} (open it again with `loopscope view {}`)\n", o.trace_path.string(),
                   o.trace_path.string());
    });

    struct export_args {
        std::string file, chrome, ascii;
        int width = 100;
    };
    auto e = std::make_shared<export_args>();
    auto* ex = app.add_subcommand("export", "Convert a saved trace: Chrome/Perfetto JSON, or the timeline as text");
    ex->add_option("file", e->file, "A trace written by `loopscope run --out` or `loopscope trace`")->required();
    ex->add_option("--chrome", e->chrome, "Write Chrome Trace Event JSON here (open it in ui.perfetto.dev)");
    ex->add_option("--ascii", e->ascii, "Write the terminal view (timeline, output, diagnostics) here");
    ex->add_option("--width", e->width, "Columns for the --ascii timeline")->check(CLI::Range(40, 400));
    ex->callback([e, &exit_code] {
        if (e->chrome.empty() && e->ascii.empty()) {
            fmt::print(stderr, "loopscope: export needs --chrome OUT.json and/or --ascii OUT.txt\n");
            exit_code = 2;
            return;
        }
        std::error_code ec;
        for (const std::string& target : {e->chrome, e->ascii}) {
            if (!target.empty() && fs::exists(target, ec) && fs::exists(e->file, ec) && fs::equivalent(target, e->file, ec)) {
                fmt::print(stderr, "loopscope: {} is the trace itself; choose another output file\n", target);
                exit_code = 2;
                return;
            }
        }
        auto r = load_trace(e->file);
        if (!r) {
            fmt::print(stderr, "loopscope: cannot open the trace: {}\n", r.error);
            exit_code = 1;
            return;
        }
        exit_code = 0;
        if (!e->chrome.empty()) {
            if (auto err = export_chrome_trace(*r.trace, e->chrome); !err.empty()) {
                fmt::print(stderr, "loopscope: {}\n", err);
                exit_code = 1;
            } else {
                fmt::print("Wrote {} (open it in https://ui.perfetto.dev or chrome://tracing)\n", e->chrome);
            }
        }
        if (!e->ascii.empty()) {
            const trace& t = *r.trace;
            std::string text = terminal::ascii_timeline(t, {e->width, false}) + "\nOutput\n" + terminal::console_output(t);
            if (auto d = terminal::diagnostics(t); !d.empty()) text += "\nDiagnostics\n" + d;
            if (auto err = write_file_atomically(e->ascii, text); !err.empty()) {
                fmt::print(stderr, "loopscope: {}\n", err);
                exit_code = 1;
            } else {
                fmt::print("Wrote {}\n", e->ascii);
            }
        }
    });
}

}  // namespace loopscope::cli
