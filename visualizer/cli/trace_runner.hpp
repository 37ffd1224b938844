// Running the user's own asyncio script under CPython with the tracer
// (tracer/loopscope_tracer.py) and loading the trace it writes. No CLI, no GUI: the `trace`
// command and the desktop app (`loopscope gui SCRIPT.py`) share it.
#pragma once

#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "loopscope/trace.hpp"

namespace loopscope::cli {

// What the user chose for a run of their script: the script's arguments and the tracer's limits.
// `loopscope trace SCRIPT.py` and `loopscope gui SCRIPT.py` take the same options (trace_options.hpp).
struct trace_options {
    std::vector<std::string> args;   // passed to the script
    bool real_time = false;          // the wall clock instead of the virtual one
    std::optional<long long> max_events;   // unset: the tracer's defaults
    std::optional<double> max_seconds;
    std::optional<double> wall_timeout;
};

struct trace_request {
    std::filesystem::path script;
    trace_options options;
    std::filesystem::path out;       // empty: <script stem>.lstrace in the current folder
    bool echo_output = false;        // let the script's output through to our stdout as it runs
    std::filesystem::path messages_to;  // non-empty: the tracer's stderr (a traceback...) goes to this
                                        // file instead of ours, and comes back in trace_outcome::messages
    // Possible to stop (the GUI's background runs): the tracer runs in its own process group, which
    // is killed when a stop is requested; Ctrl-C is left alone. Otherwise (the CLI) the tracer shares
    // our terminal, and we ignore Ctrl-C while it runs so that the tracer saves what it has.
    std::stop_token stop;
};

struct trace_outcome {
    int exit_code = 0;                   // the tracer's: 0 ok, 1 the script raised, 3 deadlock, 4 a limit...
    std::filesystem::path trace_path;    // where the trace was written
    std::optional<loopscope::trace> trace;  // loaded and validated; empty if none could be read
    std::string error;                   // why there is no trace (python3 missing, bad script path...)
    std::string messages;                // the tracer's stderr, when the request sent it to a file
    bool stopped = false;                // request.stop was requested: the run was killed, no trace
};

// Runs the tracer on the script and loads what it wrote. The tracer's own messages (a traceback,
// "deadlock: ...") go to stderr as it runs. Reusable by the GUI: it opens outcome.trace.
[[nodiscard]] trace_outcome run_trace_command(const trace_request& request);

// python3 on PATH (or $LOOPSCOPE_PYTHON); empty when there is none.
[[nodiscard]] std::filesystem::path find_python();
// tracer/loopscope_tracer.py: $LOOPSCOPE_TRACER, the source tree, or <prefix>/share/loopscope/tracer.
[[nodiscard]] std::filesystem::path find_tracer();

}  // namespace loopscope::cli
