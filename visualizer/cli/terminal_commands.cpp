#include "terminal_commands.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "ascii_timeline.hpp"
#include "loopscope/lessons/lesson.hpp"
#include "loopscope/trace_file.hpp"

namespace loopscope::cli {

void add_view_flags(CLI::App* cmd, view_flags& f) {
    cmd->add_flag("--ascii", f.ascii, "Draw the timeline: a row per task, time across");
    cmd->add_flag("--events", f.events, "List every event of the trace");
    cmd->add_flag("--unicode", f.unicode, "Use block characters in the timeline instead of ASCII");
    cmd->add_option("--width", f.width, "Columns the timeline may use")->check(CLI::Range(40, 400));
}

void show(const trace& t, const view_flags& f) {
    std::string out;
    out += fmt::format("{} ({} clock, {} events, {:.3f} s)\n\n", t.title().empty() ? "trace" : t.title(), t.clock(),
                       t.size(), t.end_time());
    if (f.ascii) out += terminal::ascii_timeline(t, {f.width, f.unicode}) + "\n";
    out += "Output\n" + terminal::console_output(t);
    if (auto d = terminal::diagnostics(t); !d.empty()) out += "\nDiagnostics\n" + d;
    if (f.events) out += "\nEvents\n" + terminal::event_list(t);
    std::fputs(out.c_str(), stdout);
}

namespace {

// "delay=2.5" -> ("delay", 2.5)
bool parse_knob(const std::string& s, std::string& id, double& value) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    id = s.substr(0, eq);
    try {
        std::size_t used = 0;
        value = std::stod(s.substr(eq + 1), &used);
        return used == s.size() - eq - 1;
    } catch (...) {
        return false;
    }
}

}  // namespace

void add_terminal_commands(CLI::App& app, int& exit_code) {
    auto* list = app.add_subcommand("list", "List the lessons");
    list->callback([&exit_code] {
        for (auto& l : lessons::all_lessons()) fmt::print("{:>3}  {:<24} {}\n", l.number, l.id, l.title);
        exit_code = 0;
    });

    struct run_args {
        std::string lesson, out;
        std::vector<std::string> knobs;
        view_flags flags;
    };
    auto args = std::make_shared<run_args>();
    auto* run = app.add_subcommand("run", "Run a lesson in the terminal and show what happened");
    run->add_option("lesson", args->lesson, "Lesson id (see `loopscope list`)")->required();
    run->add_option("--out", args->out, "Save the trace to this file (loopscope trace format)");
    run->add_option("--knob", args->knobs, "Change a knob: --knob delay=2.5 (repeatable)");
    add_view_flags(run, args->flags);
    run->callback([args, &exit_code] {
        const lessons::lesson* l = lessons::find_lesson(args->lesson);
        if (!l) {
            fmt::print(stderr, "loopscope: there is no lesson named '{}'. Run `loopscope list` to see the lessons.\n",
                       args->lesson);
            exit_code = 2;
            return;
        }
        lessons::knob_values k = l->default_knobs();
        for (auto& s : args->knobs) {
            std::string id;
            double v = 0;
            if (!parse_knob(s, id, v)) {
                fmt::print(stderr, "loopscope: --knob takes NAME=NUMBER, e.g. --knob delay=2 (got '{}')\n", s);
                exit_code = 2;
                return;
            }
            auto it = std::find_if(l->knobs.begin(), l->knobs.end(), [&](auto& kn) { return kn.id == id; });
            if (it == l->knobs.end()) {
                std::string names;
                for (auto& kn : l->knobs) names += (names.empty() ? "" : ", ") + kn.id;
                fmt::print(stderr, "loopscope: lesson '{}' has no knob '{}' (its knobs: {})\n", l->id, id,
                           names.empty() ? "none" : names);
                exit_code = 2;
                return;
            }
            if (v < it->min || v > it->max) {
                fmt::print(stderr, "loopscope: knob '{}' goes from {} to {} (got {})\n", id, it->min, it->max, v);
                exit_code = 2;
                return;
            }
            k[id] = v;
        }
        trace t = l->run(k);
        show(t, args->flags);
        exit_code = 0;
        if (!args->out.empty()) {
            if (auto err = save_trace(t, args->out); !err.empty()) {
                fmt::print(stderr, "loopscope: {}\n", err);
                exit_code = 1;
            } else {
                fmt::print("\nSaved the trace to {}\n", args->out);
            }
        }
    });

    struct view_args {
        std::string file;
        view_flags flags;
    };
    auto vargs = std::make_shared<view_args>();
    auto* view = app.add_subcommand("view", "Show a saved trace file in the terminal");
    view->add_option("file", vargs->file, "A trace written by `loopscope run --out` or `loopscope trace`")->required();
    add_view_flags(view, vargs->flags);
    view->callback([vargs, &exit_code] {
        auto r = load_trace(vargs->file);
        if (!r) {
            fmt::print(stderr, "loopscope: cannot open the trace: {}\n", r.error);
            exit_code = 1;
            return;
        }
        show(*r.trace, vargs->flags);
        exit_code = 0;
    });
}

}  // namespace loopscope::cli
