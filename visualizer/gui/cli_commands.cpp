#include <algorithm>
#include <charconv>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app.hpp"
#include "gl.hpp"
#include "gui.hpp"
#include "script_source.hpp"
#include "screenshot.hpp"
#include "trace_options.hpp"
#include "window.hpp"

namespace loopscope::gui {

namespace {

constexpr const char* shot_usage =
    "usage: loopscope shot LESSON|FILE.lstrace|SCRIPT.py --step N --out FILE.png [--size WxH] [--theme light|dark] [--scale S]\n"
    "                      [--compare presets|I,J|js|knob:ID=V,...]\n"
    "                      [--real-time] [--max-events N] [--max-seconds S] [--wall-timeout S] [-- SCRIPT ARGS]";

template <class T>
bool parse_number(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::string lesson_list() {
    std::string ids;
    for (const auto* l : available_lessons()) ids += (ids.empty() ? "" : ", ") + l->id;
    return ids;
}

const lessons::lesson* lesson_or_complain(std::string_view id) {
    const auto* l = find_available_lesson(id);
    if (!l) std::fprintf(stderr, "loopscope: unknown lesson '%.*s'. Available lessons: %s\n", static_cast<int>(id.size()),
                         id.data(), lesson_list().c_str());
    return l;
}

// Opens a lesson (default knobs), a saved trace or the user's script in the app; false after
// saying on stderr what went wrong (prefix: "loopscope" or "loopscope shot").
// in_background: a script is recorded while the window opens (the app says "recording...").
bool open_target(app& a, std::string_view target, const char* prefix, const cli::trace_options& options = {},
                 bool in_background = false) {
    std::string error;
    if (is_trace_file(target)) {
        opened o = open_trace_file(std::string(target));
        if (!o.s) {
            std::fprintf(stderr, "%s: %s\n", prefix, o.error.c_str());
            return false;
        }
        a.open(std::move(*o.s));
        return true;
    }
    if (is_script_file(target)) {
        if (!a.open_script(std::string(target), &error, options, in_background)) {
            std::fprintf(stderr, "%s: %s\n", prefix, error.c_str());
            return false;
        }
        return true;
    }
    const auto* lesson = lesson_or_complain(target);
    if (!lesson) return false;
    a.open(*lesson, lesson->default_knobs());
    return true;
}

}  // namespace

std::optional<shot_options> parse_shot_args(std::span<const std::string_view> args, std::string* error) {
    auto fail = [&](std::string what) -> std::optional<shot_options> {
        if (error) *error = fmt::format("{}\n{}", what, shot_usage);
        return std::nullopt;
    };
    shot_options o;
    bool have_step = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](std::string_view& v) {
            if (i + 1 >= args.size()) return false;
            v = args[++i];
            return true;
        };
        std::string_view v;
        if (a == "--step") {
            if (!value(v) || !parse_number(v, o.step) || o.step < 0) return fail("--step needs a step number (0, 1, 2, ...)");
            have_step = true;
        } else if (a == "--out") {
            if (!value(v) || v.empty()) return fail("--out needs a file name, e.g. --out shot.png");
            o.out = std::string(v);
        } else if (a == "--size") {
            const auto x = value(v) ? v.find('x') : std::string_view::npos;
            if (x == std::string_view::npos || !parse_number(v.substr(0, x), o.width) || !parse_number(v.substr(x + 1), o.height) ||
                o.width < 320 || o.height < 240 || o.width > 8192 || o.height > 8192)
                return fail("--size needs WIDTHxHEIGHT between 320x240 and 8192x8192, e.g. --size 1920x1080");
        } else if (a == "--theme") {
            if (!value(v) || (v != "light" && v != "dark")) return fail("--theme is light or dark");
            o.dark = v == "dark";
        } else if (a == "--scale") {
            if (!value(v) || !parse_number(v, o.scale) || o.scale < min_font_scale || o.scale > max_font_scale)
                return fail("--scale needs a number from 1 to 3, e.g. --scale 2");
        } else if (a == "--compare") {
            if (!value(v) || v.empty())
                return fail("--compare needs what to compare: presets, two preset numbers (0,1), js, or knob:ID=VALUE");
            o.compare = std::string(v);
        } else if (a == "--real-time") {
            o.trace.real_time = true;
        } else if (a == "--max-events") {
            long long n = 0;
            if (!value(v) || !parse_number(v, n) || n <= 0) return fail("--max-events needs a positive number, e.g. --max-events 100000");
            o.trace.max_events = n;
        } else if (a == "--max-seconds" || a == "--max-time" || a == "--wall-timeout" || a == "--timeout") {
            double s = 0;
            if (!value(v) || !parse_number(v, s) || !(s >= 0))
                return fail(fmt::format("{} needs a number of seconds (0: no limit), e.g. {} 30", a, a));
            (a == "--max-seconds" || a == "--max-time" ? o.trace.max_seconds : o.trace.wall_timeout) = s;
        } else if (a == "--") {
            for (++i; i < args.size(); ++i) o.trace.args.emplace_back(args[i]);
        } else if (!a.empty() && a.front() == '-') {
            return fail(fmt::format("unknown option '{}'", a));
        } else if (o.lesson.empty()) {
            o.lesson = std::string(a);
        } else {
            return fail(fmt::format("unexpected argument '{}'", a));
        }
    }
    if (o.lesson.empty())
        return fail(fmt::format("which lesson, FILE.lstrace or SCRIPT.py? Available lessons: {}", lesson_list()));
    if (o.out.empty()) return fail("--out FILE.png is required");
    if (!have_step) o.step = 0;
    const bool for_script = o.trace.real_time || o.trace.max_events || o.trace.max_seconds || o.trace.wall_timeout || !o.trace.args.empty();
    if (for_script && !is_script_file(o.lesson))
        return fail(fmt::format("--real-time, --max-events, --max-seconds, --wall-timeout and arguments after -- are for a script "
                                "(SCRIPT.py); '{}' is not one",
                                o.lesson));
    return o;
}

int shot_command(std::span<const std::string_view> args) {
    std::string error;
    auto o = parse_shot_args(args, &error);
    if (!o) {
        std::fprintf(stderr, "loopscope shot: %s\n", error.c_str());
        return 2;
    }
    return run_shot(*o);
}

// Puts the app in the Compare mode that `spec` names (see shot_options::compare); false after
// saying on stderr what is wrong.
bool open_compare_spec(app& a, std::string_view spec) {
    const auto* l = a.current().lesson;
    if (!l) {
        std::fprintf(stderr, "loopscope shot: --compare needs a lesson (a saved trace or a script is one run)\n");
        return false;
    }
    compare_request r;
    if (spec == "js") {
        r.kind = compare_kind::javascript;
    } else if (spec == "presets") {
        r.kind = compare_kind::presets;
    } else if (spec.starts_with("knob:")) {
        lessons::knob_values after = l->default_knobs();
        std::string_view rest = spec.substr(5);
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            const auto eq = item.find('=');
            double v = 0;
            const std::string id(item.substr(0, eq == std::string_view::npos ? item.size() : eq));
            if (eq == std::string_view::npos || !parse_number(item.substr(eq + 1), v) || !after.contains(id)) {
                std::string ids;
                for (const auto& k : l->knobs) ids += (ids.empty() ? "" : ", ") + k.id;
                std::fprintf(stderr, "loopscope shot: --compare knob:ID=VALUE needs one of this lesson's knobs (%s), e.g. knob:%s=2\n",
                             ids.empty() ? "it has none" : ids.c_str(), l->knobs.empty() ? "delay" : l->knobs.front().id.c_str());
                return false;
            }
            after[id] = v;
        }
        a.open(*l, std::move(after));  // the defaults were open: they are "before"
        r.kind = compare_kind::before_after;
    } else {
        const auto comma = spec.find(',');
        if (comma == std::string_view::npos || !parse_number(spec.substr(0, comma), r.a) || !parse_number(spec.substr(comma + 1), r.b)) {
            std::fprintf(stderr, "loopscope shot: --compare is presets, two preset numbers (0,1), js or knob:ID=VALUE, not '%.*s'\n",
                         static_cast<int>(spec.size()), spec.data());
            return false;
        }
        r.kind = compare_kind::presets;
    }
    std::string error;
    if (!a.open_compare(r, &error)) {
        std::fprintf(stderr, "loopscope shot: %s\n", error.c_str());
        return false;
    }
    return true;
}

int run_shot(const shot_options& o) {
    settings s;
    s.theme = o.dark ? theme_kind::dark : theme_kind::light;
    s.font_scale = o.scale;
    app a(s);
    if (!open_target(a, o.lesson, "loopscope shot", o.trace)) return is_trace_file(o.lesson) || is_script_file(o.lesson) ? 1 : 2;
    const char* what = a.current().lesson ? "lesson" : "run";
    if (a.current().empty()) {
        std::fprintf(stderr, "loopscope shot: %s '%s' produced no events\n", what, o.lesson.c_str());
        return 1;
    }
    if (!o.compare.empty()) {
        if (!open_compare_spec(a, o.compare)) return 2;
        const std::size_t last = a.comparison().model()->steps() - 1;
        if (static_cast<unsigned long>(o.step) > last) {
            std::fprintf(stderr, "loopscope shot: step %ld is past the end: the comparison has steps 0 to %zu\n", o.step, last);
            return 2;
        }
        a.comparison().set_cursor(static_cast<std::size_t>(o.step));
    } else if (static_cast<unsigned long>(o.step) > a.current().last()) {
        std::fprintf(stderr, "loopscope shot: step %ld is past the end: %s '%s' has steps 0 to %u\n", o.step, what, o.lesson.c_str(),
                     a.current().last());
        return 2;
    }
    if (o.compare.empty()) a.view().cursor = static_cast<event_index>(o.step);
    std::string error;
    auto renderer = headless_renderer::create(o.width, o.height, &error);
    if (!renderer) {
        std::fprintf(stderr, "loopscope shot: %s\n", error.c_str());
        return 1;
    }
    const image img = renderer->render(a);
    if (!renderer->fonts().problem.empty()) std::fprintf(stderr, "loopscope shot: %s\n", renderer->fonts().problem.c_str());
    if (!write_png(img, o.out, &error)) {
        std::fprintf(stderr, "loopscope shot: %s\n", error.c_str());
        return 1;
    }
    return 0;
}

void add_commands(CLI::App& cli, int& exit_code) {
    struct gui_args {
        std::string target;
        cli::trace_options options;
    };
    auto g = std::make_shared<gui_args>();
    auto* gui = cli.add_subcommand("gui", "Open the desktop app (optionally on LESSON, a FILE.lstrace, or your SCRIPT.py)");
    gui->add_option("target", g->target,
                    "A lesson id, a saved FILE.lstrace, or your SCRIPT.py (re-recorded each time you save it)");
    cli::add_trace_options(gui, g->options);
    gui->footer("The options are for SCRIPT.py, as for `loopscope trace`, e.g.\n"
                "  loopscope gui my_script.py --max-seconds 30 -- --port 8080");
    gui->callback([g, gui, &exit_code] {
        if (!is_script_file(g->target) && cli::trace_options_given(gui)) {
            std::fprintf(stderr,
                         "loopscope gui: --real-time, --max-events, --max-seconds, --wall-timeout and arguments after "
                         "the target are for a script (SCRIPT.py); '%s' is not one\n",
                         g->target.c_str());
            exit_code = 2;
            return;
        }
        exit_code = run_gui(g->target, g->options);
    });
    auto* shot = cli.add_subcommand("shot", "Render the app at one step into a PNG, without a window");
    // Every argument goes to parse_shot_args untouched, "--" and the script's arguments after it too.
    shot->prefix_command();
    shot->footer(fmt::format("{}\n  --size WxH     image size in pixels (default 1600x900)\n"
                             "  --theme        light (default) or dark\n  --scale S      text scale 1 to 3 (default 1)\n"
                             "  --compare      two runs side by side: presets, I,J, js, or knob:ID=VALUE (defaults before)\n"
                             "For SCRIPT.py, as for `loopscope trace`: --real-time, --max-events N, --max-seconds S,\n"
                             "  --wall-timeout S, and the script's arguments after --\n"
                             "Without a display: xvfb-run -a loopscope shot ...",
                             shot_usage));
    shot->callback([shot, &exit_code] {
        const auto rest = shot->remaining();
        const std::vector<std::string_view> args(rest.begin(), rest.end());
        const auto end_of_options = std::find(args.begin(), args.end(), "--");
        if (std::find_if(args.begin(), end_of_options, [](std::string_view a) { return a == "--help" || a == "-h"; }) !=
            end_of_options) {
            std::fputs(shot->help().c_str(), stdout);
            exit_code = 0;
            return;
        }
        exit_code = shot_command(args);
    });
}

int run_default() { return run_gui({}); }

int run_gui(std::string_view target, const cli::trace_options& options) {
    const auto settings_file = settings_path();
    const settings saved = load_settings(settings_file);
    // Open before the window: a bad argument or a broken trace is said on stderr, with no window.
    app a(saved);
    if (!target.empty()) {
        if (!open_target(a, target, "loopscope", options, true)) return is_trace_file(target) || is_script_file(target) ? 1 : 2;
    } else {
        const lessons::lesson* lesson = find_available_lesson(saved.last_lesson);
        if (!lesson) lesson = available_lessons().front();
        a.open(*lesson, lesson->default_knobs());
    }
    std::string error;
    auto p = platform::create({1600, 900, true}, &error);
    if (!p) {
        std::fprintf(stderr, "loopscope: %s\n", error.c_str());
        return 1;
    }
    double last = glfwGetTime();
    bool font_problem_reported = false;
    while (!glfwWindowShouldClose(p->window())) {
        // Sleep until input unless playing: a projector laptop should not spin its fan.
        if (a.view().playing) glfwPollEvents();
        else glfwWaitEventsTimeout(0.1);
        p->sync(a.view());
        if (!p->fonts().problem.empty() && !font_problem_reported) {
            std::fprintf(stderr, "loopscope: %s\n", p->fonts().problem.c_str());
            a.report(p->fonts().problem);
            font_problem_reported = true;
        }
        const double now = glfwGetTime();
        a.poll_script(now);  // an open script: re-record it when it was saved
        p->new_frame();
        ImGui::NewFrame();
        a.frame(p->fonts(), now - last);
        last = now;
        int w = 0, h = 0;
        glfwGetFramebufferSize(p->window(), &w, &h);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        p->render(w, h, a.view().theme);
        glfwSwapBuffers(p->window());
    }
    if (!save_settings(a.to_settings(), settings_file, &error))
        std::fprintf(stderr, "loopscope: settings not saved: %s\n", error.c_str());
    return 0;
}

}  // namespace loopscope::gui
