#include "trace_command.hpp"
#include "trace_options.hpp"
#include "terminal_commands.hpp"

#include <cstdio>
#include <memory>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "ascii_timeline.hpp"
#include "loopscope/export_chrome.hpp"
#include "loopscope/trace_file.hpp"

namespace loopscope::cli {
namespace fs = std::filesystem;

void add_trace_commands(CLI::App& app, int& exit_code) {
    struct trace_args {
        std::string script, out;
        trace_options options;
        view_flags flags;
    };
    auto a = std::make_shared<trace_args>();
    auto* cmd = app.add_subcommand("trace", "Run your own asyncio script under CPython and show what its event loop did");
    cmd->add_option("script", a->script, "The Python script to run (it is never modified)")->required();
    add_trace_options(cmd, a->options);
    cmd->add_option("--out", a->out, "Where to save the trace (default: SCRIPT.lstrace in the current folder)");
    add_view_flags(cmd, a->flags);
    cmd->callback([a, &exit_code] {
        trace_request r;
        r.script = a->script;
        r.options = a->options;
        r.out = a->out;
        // The tracer's messages (a traceback, a deadlock, a limit) come after the view, as the last
        // thing on screen, rather than scrolled away above it.
        std::error_code ec;
        r.messages_to = fs::temp_directory_path(ec) / fmt::format("loopscope-trace-{}.stderr", ::getpid());
        trace_outcome o = run_trace_command(r);
        fs::remove(r.messages_to, ec);
        exit_code = o.exit_code;
        if (!o.trace) {
            std::fputs(o.messages.c_str(), stderr);
            fmt::print(stderr, "loopscope: {}\n", o.error);
            if (exit_code == 0) exit_code = 1;
            return;
        }
        show(*o.trace, a->flags);
        fmt::print("\nSaved the trace to {} (open it again with `loopscope view {}`)\n", o.trace_path.string(),
                   o.trace_path.string());
        if (!o.messages.empty()) {
            std::fflush(stdout);
            fmt::print(stderr, "\n{}{}", o.exit_code == 1 ? "The script raised (the trace above runs up to there):\n" : "",
                       o.messages);
        }
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
