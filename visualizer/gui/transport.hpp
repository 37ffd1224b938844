// The toolbar (transport buttons, step / time readout, speed, classroom options), the keyboard
// shortcuts and the F1 overlay listing them. Keys and buttons map onto view commands.
#pragma once

#include <span>

#include "view_commands.hpp"
#include "widgets.hpp"

namespace loopscope::gui {

struct shortcut {
    int key;           // GLFW key code (the 1.86 GLFW backend indexes io.KeysDown by it)
    bool shift, ctrl;
    view_command command;
    const char* keys;  // as shown in the help
    const char* what;
};
[[nodiscard]] std::span<const shortcut> shortcuts();
// Stepping, playback, zoom and axis: what the compare view does with its own shared cursor.
[[nodiscard]] bool moves_the_cursor(view_command c);

class transport {
public:
    void draw_toolbar(const frame_context& f, const rect& r);
    // cursor_keys false: leave stepping, playback and zoom to the compare view.
    void handle_keys(const frame_context& f, bool cursor_keys = true);
    void draw_help(const frame_context& f);
    // Pixels the last frame's toolbar reached past the window's right edge (0: every button showed).
    [[nodiscard]] float overflow() const { return overflow_; }

private:
    float overflow_ = 0;
};

}  // namespace loopscope::gui
