// The app: one open session, the view state, and the panels. frame() draws one ImGui frame;
// it knows nothing about windows or OpenGL, so the window and the screenshot share it.
#pragma once

#include <string>
#include <string_view>

#include "code_panel.hpp"
#include "console_panel.hpp"
#include "lesson_browser.hpp"
#include "narration_panel.hpp"
#include "state_panel.hpp"
#include "timeline_panel.hpp"
#include "transport.hpp"

namespace loopscope::gui {

class app {
public:
    explicit app(const settings& s);

    void open(const lessons::lesson& l, lessons::knob_values knobs);
    // Draws every panel into the current ImGui frame; dt: seconds since the last frame (playback).
    void frame(const font_set& fonts, double dt);

    [[nodiscard]] view_state& view() { return view_; }
    [[nodiscard]] const view_state& view() const { return view_; }
    [[nodiscard]] const session& current() const { return session_; }
    [[nodiscard]] const panel_rects& panels() const { return rects_; }
    [[nodiscard]] const timeline_panel& timeline() const { return timeline_; }
    [[nodiscard]] settings to_settings() const;
    // A problem to show in the window until the app closes (e.g. a missing font).
    void report(std::string problem) { problem_ = std::move(problem); }

private:
    void draw_problem(const font_set& fonts);

    session session_;
    view_state view_;
    loop_state now_;
    panel_rects rects_;
    std::string problem_;
    transport transport_;
    lesson_browser browser_;
    timeline_panel timeline_;
    code_panel code_;
    state_panel state_;
    console_panel console_;
    narration_panel narration_;
};

}  // namespace loopscope::gui
