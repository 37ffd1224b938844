// What the user is looking at, separate from the data: the cursor, the timeline's zoom, the
// chosen task, playback, and the classroom options. Panels read it and change it through
// view commands; the window applies the options that need the platform (fonts, fullscreen).
#pragma once

#include "loopscope/trace.hpp"
#include "settings.hpp"
#include "timeline_layout.hpp"

namespace loopscope::gui {

// The panel a very short window shows in its main tabs (one panel at a time).
enum class main_panel { narration, code, timeline, loop_state, output };

struct view_state {
    event_index cursor = 0;        // the step shown: the state after this event
    object_id chosen_task = 0;     // for next/previous line (0: the running task, else the first task)
    object_id hovered_task = 0;    // highlighted across panels while the mouse is over it

    bool playing = false;
    float speed = 4.0f;            // steps per second
    double play_clock = 0;         // seconds of playback not yet turned into steps

    axis_mode axis = axis_mode::hybrid;
    axis_window window{0, 1};      // visible part of the timeline axis
    bool window_valid = false;     // false: fit the whole trace on the next frame
    bool follow_cursor = true;     // pan the timeline to keep the cursor visible

    theme_kind theme = theme_kind::light;
    float font_scale = 1.0f;
    bool fullscreen = false;
    bool show_browser = true;
    bool show_help = false;
    bool compare = false;          // the Compare mode: two runs of the lesson side by side
    main_panel main_tab = main_panel::code;  // a very short window's panel on show
};

}  // namespace loopscope::gui
