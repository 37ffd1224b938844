// loopscope: the event loop, made visible. This file only wires subcommands together.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "terminal_commands.hpp"
#include "trace_command.hpp"
#ifdef LOOPSCOPE_HAVE_GUI
#include "gui.hpp"
#endif

int main(int argc, char** argv) {
    CLI::App app{"loopscope: watch asyncio's event loop run, step by step"};
    app.set_version_flag("--version", "loopscope " LOOPSCOPE_VERSION);
    app.require_subcommand(0, 1);
    int exit_code = 0;
    loopscope::cli::add_terminal_commands(app, exit_code);
    loopscope::cli::add_trace_commands(app, exit_code);
#ifdef LOOPSCOPE_HAVE_GUI
    loopscope::gui::add_commands(app, exit_code);
#endif
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (app.get_subcommands().empty()) {
#ifdef LOOPSCOPE_HAVE_GUI
        return loopscope::gui::run_default();
#else
        fmt::print(stderr, "loopscope was built without the desktop app (LOOPSCOPE_BUILD_GUI=OFF).\n"
                           "Try `loopscope list` and `loopscope run hello-world --ascii`.\n");
        return 2;
#endif
    }
    return exit_code;
}
