// The app: one open session, the view state, and the panels. frame() draws one ImGui frame;
// it knows nothing about windows or OpenGL, so the window and the screenshot share it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "code_panel.hpp"
#include "compare_view.hpp"
#include "console_panel.hpp"
#include "lesson_browser.hpp"
#include "narration_panel.hpp"
#include "script_panel.hpp"
#include "script_source.hpp"
#include "state_panel.hpp"
#include "timeline_panel.hpp"
#include "transport.hpp"

namespace loopscope::gui {

class app {
public:
    explicit app(const settings& s);

    void open(const lessons::lesson& l, lessons::knob_values knobs);
    // A run without a lesson (a saved trace): from step 0. Stops watching any script.
    void open(session s);
    // Traces the user's script and opens the run; false and *error (the tracer's) if none.
    // From then on poll_script() re-records it when it changes.
    // options: the script's arguments and the tracer's limits, kept for every re-recording.
    // in_background: returns at once (false only if python3 or the script is missing) with an empty
    // run that says "recording..."; poll_script() brings the run when the tracer is done.
    bool open_script(const std::filesystem::path& script, std::string* error, const cli::trace_options& options = {},
                     bool in_background = false);
    // Call every frame with a clock in seconds; never blocks. Looks twice a second whether the
    // open script's file changed and then re-records it in the background; once a re-recording is
    // done, swaps in the new run (here, on the UI thread), keeping the cursor where it still exists.
    void poll_script(double now);
    // A re-recording is running in the background (the old run is shown meanwhile).
    [[nodiscard]] bool script_busy() const { return script_ && script_->busy(); }
    // "re-recorded 12:03:04" or the tracer's error; empty without a script.
    [[nodiscard]] std::string_view script_status() const { return script_ ? std::string_view(script_->status()) : std::string_view(); }
    // Draws every panel into the current ImGui frame; dt: seconds since the last frame (playback).
    void frame(const font_set& fonts, double dt);

    [[nodiscard]] view_state& view() { return view_; }
    [[nodiscard]] const view_state& view() const { return view_; }
    [[nodiscard]] const session& current() const { return session_; }
    [[nodiscard]] const panel_rects& panels() const { return rects_; }
    [[nodiscard]] const timeline_panel& timeline() const { return timeline_; }
    [[nodiscard]] const code_panel& code() const { return code_; }
    [[nodiscard]] const narration_panel& narration() const { return narration_; }
    [[nodiscard]] const state_panel& loop_state_panel() const { return state_; }
    [[nodiscard]] const transport& toolbar() const { return transport_; }
    // The Compare mode (view().compare) on this comparison of the open lesson; false and *error
    // if the lesson cannot make it. Without a call, the mode opens on the first one offered.
    bool open_compare(compare_request r, std::string* error);
    [[nodiscard]] const compare_view& comparison() const { return compare_; }
    [[nodiscard]] compare_view& comparison() { return compare_; }
    // What the open lesson can compare now: its presets, its JavaScript twin, and once a knob
    // changed, the run before the change with the run after.
    [[nodiscard]] std::vector<compare_kind> compare_offers() const;
    [[nodiscard]] settings to_settings() const;
    // A problem to show in the window until the app closes (e.g. a missing font).
    void report(std::string problem) { problem_ = std::move(problem); }

private:
    void draw_problem(const font_set& fonts);
    void reset_view(bool keep_cursor);
    void draw_compare(const frame_context& f, double dt);
    void draw_state_tabs(const frame_context& f);
    // The tabs of a very short window: which panel to draw.
    [[nodiscard]] std::optional<main_panel> draw_main_tabs(const frame_context& f);
    // The output's tab item (BeginTabItem's result).
    [[nodiscard]] bool output_tab(const frame_context& f, ImGuiTabItemFlags flags = 0);

    session session_;
    view_state view_;
    loop_state now_;
    panel_rects rects_;
    std::optional<main_panel> main_tab_shown_;  // the main tab ImGui showed last frame (none yet)
    std::string problem_;
    std::optional<script_source> script_;  // the user's script behind session_, if any
    script_panel script_panel_;            // its status line and messages
    transport transport_;
    lesson_browser browser_;
    timeline_panel timeline_;
    code_panel code_;
    state_panel state_;
    console_panel console_;
    narration_panel narration_;
    compare_view compare_;
    std::optional<lessons::knob_values> before_knobs_;  // the knobs before the last change, same lesson
};

}  // namespace loopscope::gui
