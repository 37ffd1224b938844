// `loopscope list`, `loopscope run LESSON`, `loopscope view FILE`: everything that works without a display.
#pragma once

namespace CLI {
class App;
}
namespace loopscope {
class trace;
}

namespace loopscope::cli {

void add_terminal_commands(CLI::App& app, int& exit_code);

// How a trace is shown in the terminal: by `run`, `view` and `trace`.
struct view_flags {
    bool ascii = false;
    bool events = false;
    bool unicode = false;
    int width = 100;
};
void add_view_flags(CLI::App* cmd, view_flags& f);
// Prints the title line, the timeline (--ascii), the output, diagnostics and events (--events).
void show(const trace& t, const view_flags& f);

}  // namespace loopscope::cli
