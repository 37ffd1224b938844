#include "view_commands.hpp"

#include <algorithm>
#include <cmath>

namespace loopscope::gui {

namespace {

void move_cursor(view_state& v, const session& s, event_index to) {
    if (to == no_event || s.empty()) return;
    v.cursor = std::min(to, s.last());
    v.follow_cursor = true;
}

}  // namespace

object_id line_task(const view_state& v, const session& s, const loop_state& now) {
    if (v.chosen_task != 0) return v.chosen_task;
    if (now.running != 0) return now.running;
    if (s.timeline && s.timeline->lanes().size() > 1) return s.timeline->lanes()[1].task;
    return 0;
}

void fit_window(view_state& v, const session& s) {
    if (s.empty()) return;
    const axis ax(*s.data, v.axis);
    v.window = {0, std::max(ax.end(), 1e-9)};
    v.window_valid = true;
}

void zoom_window(view_state& v, const session& s, double factor, double anchor) {
    if (s.empty()) return;
    const axis ax(*s.data, v.axis);
    const double full = std::max(ax.end(), 1e-9);
    // Never narrower than a few events' worth, never wider than the whole trace.
    const double min_width = v.axis == axis_mode::time ? full * 1e-6 : 4.0;
    const double width = std::clamp(v.window.width() * factor, std::min(min_width, full), full);
    const double t = v.window.width() > 0 ? (anchor - v.window.begin) / v.window.width() : 0.5;
    double begin = anchor - t * width;
    begin = std::clamp(begin, 0.0, full - width);
    v.window = {begin, begin + width};
    v.follow_cursor = false;
}

void keep_cursor_visible(view_state& v, const session& s) {
    if (s.empty() || !v.follow_cursor) return;
    const axis ax(*s.data, v.axis);
    const double x0 = ax.position(v.cursor), x1 = ax.position(v.cursor + 1);
    const double w = v.window.width(), margin = w * 0.05;
    if (x0 >= v.window.begin + margin && x1 <= v.window.end - margin) return;
    // Page so the cursor sits a fifth into the window: playback reads left to right.
    double begin = x0 < v.window.begin + margin ? x0 - w * 0.2 : x1 - w * 0.8;
    begin = std::clamp(begin, 0.0, std::max(0.0, ax.end() - w));
    v.window = {begin, begin + w};
}

void apply(view_command c, view_state& v, const session& s) {
    const auto& idx = *s.states;
    switch (c) {
        case view_command::step_forward: move_cursor(v, s, v.cursor + 1); v.playing = false; break;
        case view_command::step_back: move_cursor(v, s, v.cursor == 0 ? 0 : v.cursor - 1); v.playing = false; break;
        case view_command::next_iteration: move_cursor(v, s, idx.next_iteration(v.cursor)); break;
        case view_command::previous_iteration: move_cursor(v, s, idx.previous_iteration(v.cursor)); break;
        case view_command::next_line:
        case view_command::previous_line: {
            const object_id task = line_task(v, s, idx.after(v.cursor));
            if (task == 0) break;
            move_cursor(v, s, c == view_command::next_line ? idx.next_line(task, v.cursor) : idx.previous_line(task, v.cursor));
            break;
        }
        case view_command::play_pause:
            if (!v.playing && v.cursor >= s.last()) v.cursor = 0;  // play again from the start
            v.playing = !v.playing;
            v.play_clock = 0;
            v.follow_cursor = true;
            break;
        case view_command::go_home: move_cursor(v, s, 0); break;
        case view_command::go_end: move_cursor(v, s, s.last()); break;
        case view_command::zoom_in:
        case view_command::zoom_out: {
            const axis ax(*s.data, v.axis);
            zoom_window(v, s, c == view_command::zoom_in ? 0.5 : 2.0, ax.position(v.cursor));
            v.follow_cursor = true;
            break;
        }
        case view_command::zoom_fit: fit_window(v, s); v.follow_cursor = true; break;
        case view_command::faster: v.speed = std::min(v.speed * 2.0f, 240.0f); break;
        case view_command::slower: v.speed = std::max(v.speed / 2.0f, 0.25f); break;
        case view_command::font_bigger: v.font_scale = std::min(v.font_scale + 0.25f, max_font_scale); break;
        case view_command::font_smaller: v.font_scale = std::max(v.font_scale - 0.25f, min_font_scale); break;
        case view_command::toggle_theme: v.theme = v.theme == theme_kind::light ? theme_kind::dark : theme_kind::light; break;
        case view_command::toggle_fullscreen: v.fullscreen = !v.fullscreen; break;
        case view_command::toggle_help: v.show_help = !v.show_help; break;
        case view_command::toggle_browser: v.show_browser = !v.show_browser; break;
        case view_command::toggle_compare: v.compare = !v.compare; break;
        case view_command::axis_step:
        case view_command::axis_time:
        case view_command::axis_hybrid: {
            // Keep the same events in view across the axis change.
            const axis before(*s.data, v.axis);
            const event_index first = before.event_at(v.window.begin), last = before.event_at(v.window.end);
            v.axis = c == view_command::axis_step ? axis_mode::step : c == view_command::axis_time ? axis_mode::time : axis_mode::hybrid;
            const axis after(*s.data, v.axis);
            v.window = {after.position(first), std::max(after.position(last + 1), after.position(first) + 1e-9)};
            break;
        }
    }
}

void advance_playback(view_state& v, const session& s, double dt) {
    if (!v.playing || s.empty()) return;
    v.play_clock += dt * v.speed;
    const double whole = std::floor(v.play_clock);
    if (whole < 1) return;
    v.play_clock -= whole;
    const auto steps = static_cast<event_index>(std::min<double>(whole, s.last()));
    v.cursor = std::min<event_index>(v.cursor + steps, s.last());
    v.follow_cursor = true;
    if (v.cursor >= s.last()) v.playing = false;
}

}  // namespace loopscope::gui
