// The user's script in the app: the status line in the code pane's corner ("re-recording...",
// "re-recorded 12:03:04", what went wrong) and, when the run did not end well, the whole traceback
// (or the tracer's deadlock / limit message) over the narration pane, the script's lines marked.
#pragma once

#include "fonts.hpp"
#include "panel_layout.hpp"
#include "script_source.hpp"
#include "theme.hpp"

namespace loopscope::gui {

class script_panel {
public:
    // Draws into the current ImGui frame, over the panes (call after them).
    void draw(const script_source& script, const panel_rects& rects, const palette& colours, const font_set& fonts);

private:
    void draw_status(const script_source& script, const panel_rects& rects, const palette& colours);
    void draw_messages(const script_source& script, const panel_rects& rects, const palette& colours,
                       const font_set& fonts);

    int closed_at_ = -1;    // script.finished() when the user closed the messages box
    int scrolled_at_ = -1;  // ... when the box was last scrolled to the exception
};

}  // namespace loopscope::gui
