#include "trace_runner.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <sys/wait.h>
#include <ctime>
#include <unistd.h>

#include <fmt/format.h>

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
// stderr_to: when non-empty, the child's stderr goes to this file (truncated) instead.
// stop: when a stop is possible, the child gets its own process group, killed if a stop is requested
// (*stopped is then set); we look every 20 ms.
int run_and_wait(const std::vector<std::string>& argv, const fs::path& stderr_to, std::stop_token stop, bool* stopped,
                 std::string& error) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const bool stoppable = stop.stop_possible();
    // Ctrl-C is for the script: the tracer saves the trace and stops; we wait for it. (Not for a
    // stoppable run: that is the GUI's, in a thread of its own, and the signal disposition is global.)
    struct sigaction ignore {}, old_int {};
    ignore.sa_handler = SIG_IGN;
    if (!stoppable) sigaction(SIGINT, &ignore, &old_int);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!stderr_to.empty())
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_to.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    if (stoppable) {  // its own process group: a kill reaches whatever the script started too
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
    }
    int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    if (rc == 0 && !stoppable) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    } else if (rc == 0) {
        bool killed = false;
        for (;;) {
            const pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid || (done < 0 && errno != EINTR)) break;
            if (!killed && stop.stop_requested()) {
                ::kill(-pid, SIGKILL);
                killed = true;
                if (stopped) *stopped = true;
                continue;  // reap it at once
            }
            const timespec pause{0, 20'000'000};
            nanosleep(&pause, nullptr);
        }
    }
    if (!stoppable) sigaction(SIGINT, &old_int, nullptr);
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
    const trace_options& o = request.options;
    if (!request.echo_output) argv.emplace_back("--quiet");
    if (o.real_time) argv.emplace_back("--real-time");
    if (o.max_events) argv.insert(argv.end(), {"--max-events", std::to_string(*o.max_events)});
    if (o.max_seconds) argv.insert(argv.end(), {"--max-seconds", number(*o.max_seconds)});
    if (o.wall_timeout) argv.insert(argv.end(), {"--wall-timeout", number(*o.wall_timeout)});
    argv.push_back(request.script.string());
    argv.insert(argv.end(), o.args.begin(), o.args.end());

    // The tracer writes the trace whenever the script started, even if it failed; a file left from
    // an earlier run must not pass for this one.
    auto before = fs::exists(outcome.trace_path, ec) ? fs::last_write_time(outcome.trace_path, ec) : fs::file_time_type::min();
    std::fflush(stdout);
    outcome.exit_code = run_and_wait(argv, request.messages_to, request.stop, &outcome.stopped, outcome.error);
    if (!request.messages_to.empty()) {
        std::ifstream in(request.messages_to, std::ios::binary);
        outcome.messages.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!outcome.error.empty()) return outcome;
    if (outcome.stopped) {
        outcome.error = "stopped before the run ended";
        return outcome;
    }
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

}  // namespace loopscope::cli
