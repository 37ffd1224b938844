// Everything the toolbar and the keyboard can ask for, applied to the view state. One place for
// the meaning of a command; transport.cpp only maps keys and buttons onto these.
#pragma once

#include "session.hpp"
#include "view_state.hpp"

namespace loopscope::gui {

enum class view_command {
    step_forward, step_back,
    next_iteration, previous_iteration,
    next_line, previous_line,     // of the chosen task
    play_pause, go_home, go_end,
    zoom_in, zoom_out, zoom_fit,
    faster, slower,
    font_bigger, font_smaller,
    toggle_theme, toggle_fullscreen, toggle_help, toggle_browser,
    toggle_compare,               // two runs side by side (compare_view)
    axis_step, axis_time, axis_hybrid,
};

void apply(view_command c, view_state& v, const session& s);

// Advances playback by dt seconds of wall time; stops at the end.
void advance_playback(view_state& v, const session& s, double dt);

// The task that next/previous line follow: the chosen one, else the running one, else the first.
[[nodiscard]] object_id line_task(const view_state& v, const session& s, const loop_state& now);

// Keeps the zoom window valid for the current axis and, when following, around the cursor.
void fit_window(view_state& v, const session& s);
void zoom_window(view_state& v, const session& s, double factor, double anchor);  // anchor in axis units
void keep_cursor_visible(view_state& v, const session& s);

}  // namespace loopscope::gui
