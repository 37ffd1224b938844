// `loopscope list`, `loopscope run LESSON`, `loopscope view FILE`: everything that works without a display.
#pragma once

namespace CLI {
class App;
}

namespace loopscope::cli {

void add_terminal_commands(CLI::App& app, int& exit_code);

}  // namespace loopscope::cli
