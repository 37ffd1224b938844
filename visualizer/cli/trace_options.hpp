// The options of a run of the user's script, defined once for CLI11: `loopscope trace SCRIPT.py`
// and `loopscope gui SCRIPT.py` take the same ones.
#pragma once

#include "trace_runner.hpp"

namespace CLI {
class App;
}

namespace loopscope::cli {

// Adds --real-time, --max-events, --max-seconds, --wall-timeout and the script's arguments (a
// positional "args", after the script; put them after --) to cmd, stored into o. `o` must outlive
// the parse.
void add_trace_options(CLI::App* cmd, trace_options& o);

// Whether any of those options was given on cmd's command line (e.g. to refuse them for a lesson).
[[nodiscard]] bool trace_options_given(const CLI::App* cmd);

}  // namespace loopscope::cli
