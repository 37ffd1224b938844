// `loopscope trace SCRIPT.py`: run the user's own asyncio script under CPython with the tracer
// (tracer/loopscope_tracer.py) and show the trace; `loopscope export FILE --chrome/--ascii OUT`.
#pragma once

#include "trace_runner.hpp"

namespace CLI {
class App;
}

namespace loopscope::cli {

// Adds `trace` and `export`.
void add_trace_commands(CLI::App& app, int& exit_code);

}  // namespace loopscope::cli
