#include "trace_options.hpp"

#include <CLI/CLI.hpp>

namespace loopscope::cli {

namespace {
constexpr const char* option_names[] = {"--real-time", "--max-events", "--max-seconds", "--wall-timeout", "args"};
}

void add_trace_options(CLI::App* cmd, trace_options& o) {
    cmd->add_option("args", o.args, "Arguments for the script (put them after --, e.g. -- --port 8080)");
    cmd->add_flag("--real-time", o.real_time, "Run on the wall clock instead of the virtual one");
    cmd->add_option_function<long long>(
           "--max-events", [&o](const long long& n) { o.max_events = n; }, "Stop after this many events (default 10000000)")
        ->check(CLI::PositiveNumber);
    cmd->add_option_function<double>(
           "--max-seconds,--max-time", [&o](const double& s) { o.max_seconds = s; },
           "Stop when the loop's clock passes this many seconds (default 3600; 0: no limit)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option_function<double>(
           "--wall-timeout,--timeout", [&o](const double& s) { o.wall_timeout = s; },
           "Stop a script still running after this many real seconds (default 60; 0: no limit)")
        ->check(CLI::NonNegativeNumber);
}

bool trace_options_given(const CLI::App* cmd) {
    for (const char* name : option_names)
        if (cmd->count(name) > 0) return true;
    return false;
}

}  // namespace loopscope::cli
