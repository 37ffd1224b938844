// Entry points of the desktop app for the `loopscope` executable (visualizer/cli/main.cpp):
//   loopscope                      -> the app, last lesson
//   loopscope gui [LESSON]         -> the app on LESSON
//   loopscope gui FILE.lstrace     -> the app on a saved trace
//   loopscope gui SCRIPT.py [--real-time] [--max-events N] [--max-seconds S] [--wall-timeout S] [-- ARGS]
//                                  -> the app on the user's script, re-recorded when it is saved
//   loopscope shot LESSON|FILE.lstrace|SCRIPT.py --step N --out FILE.png [--size WxH] [--theme light|dark] [--scale S]
//                  [--compare presets|I,J|js|knob:ID=V,...]   -> the Compare mode, --step on its shared cursor
// Each returns the process exit code: 0 ok, 1 could not run (no display...), 2 bad arguments.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "trace_runner.hpp"

namespace CLI {
class App;
}

namespace loopscope::gui {

// Registers `gui` and `shot` on the executable's CLI11 app; their exit code lands in exit_code.
void add_commands(CLI::App& app, int& exit_code);
// `loopscope` with no subcommand: the app on the last lesson.
int run_default();

// args: what follows the subcommand.
int shot_command(std::span<const std::string_view> args);

struct shot_options {
    std::string lesson;  // a lesson id, or a FILE.lstrace / SCRIPT.py (by extension)
    long step = 0;
    std::string out;
    int width = 1600, height = 900;
    bool dark = false;
    float scale = 1.0f;
    // The Compare mode: "presets" (the lesson's first two), "I,J" (presets I and J), "js" (Python
    // vs JavaScript) or "knob:ID=V,..." (the default knobs before, these after). Empty: no.
    std::string compare;
    // For a SCRIPT.py target: how to run it, as `loopscope trace` takes it.
    cli::trace_options trace;
};
// nullopt and a message saying what is wrong and what to write instead.
[[nodiscard]] std::optional<shot_options> parse_shot_args(std::span<const std::string_view> args, std::string* error);

// target empty: the last lesson. options: for a SCRIPT.py target (as `loopscope trace` takes them).
int run_gui(std::string_view target, const cli::trace_options& options = {});
int run_shot(const shot_options& o);

}  // namespace loopscope::gui
