#include "app.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace loopscope::gui {

app::app(const settings& s) {
    view_.theme = s.theme;
    view_.font_scale = s.font_scale;
    view_.axis = s.axis;
    view_.speed = s.speed;
    view_.show_browser = s.show_browser;
}

void app::open(const lessons::lesson& l, lessons::knob_values knobs) {
    const bool same_lesson = session_.lesson == &l;
    if (same_lesson && knobs != session_.knobs) before_knobs_ = session_.knobs;  // for "before vs after"
    else if (!same_lesson) before_knobs_.reset();
    script_.reset();
    session_ = open_session(l, std::move(knobs));
    reset_view(same_lesson);  // a knob changed: stay near the same step
    // A knob changed while comparing: compare again with the new knobs (before / after: this change).
    if (compare_.model()) {
        const compare_request r = compare_.request();
        compare_.close();
        std::string ignored;
        if (same_lesson) open_compare(r, &ignored);
    }
}

void app::open(session s) {
    script_.reset();
    before_knobs_.reset();
    compare_.close();
    view_.compare = false;
    session_ = std::move(s);
    reset_view(false);
}

std::vector<compare_kind> app::compare_offers() const {
    if (!session_.lesson) return {};
    auto kinds = compare_kinds(*session_.lesson);
    if (before_knobs_) kinds.push_back(compare_kind::before_after);
    return kinds;
}

bool app::open_compare(compare_request r, std::string* error) {
    if (!session_.lesson) {
        if (error) *error = "only a lesson's runs can be compared";
        return false;
    }
    if (r.kind == compare_kind::before_after) {
        if (!before_knobs_) {
            if (error) *error = "change a knob first: then the run before the change can be compared with the run after";
            return false;
        }
        r.before = *before_knobs_;
    }
    auto m = make_compare(*session_.lesson, session_.knobs, r, error);
    if (!m) return false;
    compare_.open(std::move(*m), std::move(r));
    view_.compare = true;
    return true;
}

void app::draw_compare(const frame_context& f, double dt) {
    const auto offers = compare_offers();
    // Entering the mode (or another lesson in it): the first comparison the lesson offers.
    if (!compare_.model() && !offers.empty()) {
        std::string ignored;
        compare_request r;
        r.kind = offers.front();
        open_compare(r, &ignored);
    }
    compare_.handle_keys();
    compare_.draw_toolbar(f, rects_.toolbar);
    if (auto other = compare_.draw(f, rects_.compare, offers, dt)) {
        std::string ignored;
        open_compare(*other, &ignored);
    }
}

bool app::open_script(const std::filesystem::path& script, std::string* error, const cli::trace_options& options,
                      bool in_background) {
    script_source source(script, {}, options);
    compare_.close();  // a script has no lesson runs to compare
    view_.compare = false;
    before_knobs_.reset();
    if (in_background) {
        // What would stop every run is said at once, before any window opens.
        std::error_code ec;
        std::string problem;
        if (!std::filesystem::is_regular_file(script, ec))
            problem = script.string() + ": no such file. Give the path of a Python script, e.g. `loopscope gui hello.py`.";
        else if (cli::find_python().empty())
            problem = "python3 was not found: install it (apt-get install python3) to trace your own scripts";
        if (!problem.empty()) {
            if (error) *error = problem;
            return false;
        }
        source.record_in_background();
        session_ = session{};
        reset_view(false);
        script_.emplace(std::move(source));
        script_panel_ = {};
        return true;
    }
    opened o = source.record();
    if (!o.s) {
        if (error) *error = o.error;
        return false;
    }
    session_ = std::move(*o.s);
    reset_view(false);
    script_.emplace(std::move(source));
    script_panel_ = {};
    return true;
}

void app::poll_script(double now) {
    if (!script_) return;
    if (auto fresh = script_->poll(now)) {
        session_ = std::move(*fresh);
        reset_view(true);
    }
}

void app::reset_view(bool keep_cursor) {
    now_ = {};
    view_.playing = false;
    view_.chosen_task = 0;
    view_.hovered_task = 0;
    view_.cursor = keep_cursor ? std::min(view_.cursor, session_.last()) : 0;
    view_.window_valid = false;
}

settings app::to_settings() const {
    settings s;
    s.theme = view_.theme;
    s.font_scale = view_.font_scale;
    s.axis = view_.axis;
    s.speed = view_.speed;
    s.show_browser = view_.show_browser;
    s.last_lesson = session_.lesson ? session_.lesson->id : std::string();
    return s;
}

void app::frame(const font_set& fonts, double dt) {
    const ImGuiIO& io = ImGui::GetIO();
    rects_ = layout_panels(io.DisplaySize.x, io.DisplaySize.y, ImGui::GetTextLineHeight(), view_.show_browser,
                           session_.timeline ? session_.timeline->lanes().size() : 4);
    const palette& colours = palette_for(view_.theme);
    if (!session_.empty()) {
        advance_playback(view_, session_, dt);
        view_.cursor = std::min(view_.cursor, session_.last());
        session_.states->seek(now_, view_.cursor);
    }
    const frame_context f{session_, view_, now_, colours, fonts, view_.font_scale};
    if (session_.empty()) {
        if (begin_panel("loopscope", {0, 0, io.DisplaySize.x, io.DisplaySize.y})) {
            if (script_ && script_->busy())
                ImGui::TextWrapped("Running %s under CPython's asyncio and recording what its event loop does... "
                                   "(a script that never ends is stopped after %g s of real time: --wall-timeout)",
                                   script_->script().filename().string().c_str(),
                                   script_->options().wall_timeout.value_or(60.0));
            else
                ImGui::TextWrapped("%s", session_.lesson ? "This lesson's run produced no events."
                                         : script_         ? "The script's run produced no events."
                                                           : "No lesson is open.");
            if (script_ && !script_->busy()) {
                ImGui::TextWrapped("%s", script_->status().c_str());
                ImGui::PushFont(fonts.mono);
                ImGui::TextUnformatted(script_->messages().c_str());
                ImGui::PopFont();
                ImGui::TextWrapped("Edit and save %s: it is recorded again.", script_->script().filename().string().c_str());
            }
        }
        end_panel();
        return;
    }
    transport_.handle_keys(f, !view_.compare);
    if (!view_.compare) compare_.close();
    if (view_.compare && !session_.lesson) view_.compare = false;  // a saved trace or a script: one run
    if (!view_.compare) transport_.draw_toolbar(f, rects_.toolbar);
    if (view_.show_browser) {
        rect browser = rects_.browser;
        if (view_.compare) browser.h = rects_.compare.h;  // nothing below it in the Compare mode
        const auto set_by_runs = view_.compare && compare_.model() && session_.lesson
                                     ? knobs_set_by_runs(*session_.lesson, compare_.request())
                                     : std::vector<std::string>{};
        if (auto request = browser_.draw(f, browser, set_by_runs)) {
            open(*request->lesson, std::move(request->knobs));
            return;  // the frame context points at the old session: draw the new one next frame
        }
    }
    if (view_.compare) {
        draw_compare(f, dt);
        transport_.draw_help(f);
        draw_problem(fonts);
        return;
    }
    // A very short window shows one of these at a time (nullopt: all of them).
    const std::optional<main_panel> shown = rects_.main_tabs ? draw_main_tabs(f) : std::nullopt;
    auto drawn = [&](main_panel p) { return !shown || *shown == p; };
    if (drawn(main_panel::code)) code_.draw(f, rects_.code);
    if (!rects_.narration_tab || drawn(main_panel::narration)) narration_.draw(f, rects_.narration, rects_.compact);
    else narration_.stop_at_quizzes(f);
    if (rects_.state_tabs) {
        draw_state_tabs(f);
    } else {
        if (drawn(main_panel::loop_state)) state_.draw(f, rects_.state, rects_.compact);
        if (drawn(main_panel::output)) console_.draw(f, rects_.console);
    }
    timeline_.set_lane_size(rects_.lanes);
    timeline_.set_header_wraps(rects_.timeline_header_wraps);
    if (drawn(main_panel::timeline)) timeline_.draw(f, rects_.timeline);
    transport_.draw_help(f);
    if (script_) script_panel_.draw(*script_, rects_, palette_for(view_.theme), fonts);
    draw_problem(fonts);
}

std::optional<main_panel> app::draw_main_tabs(const frame_context& f) {
    // A very short window: one panel at a time; the tab bar alone in a window above them, so each
    // panel draws as it always does. view().main_tab chooses the tab (ImGui selects it a frame
    // later); a click on a tab sets it.
    if (view_.main_tab == main_panel::narration && !rects_.narration_tab) view_.main_tab = main_panel::code;
    const bool requested = !main_tab_shown_ || view_.main_tab != *main_tab_shown_;
    auto flags = [&](main_panel p) { return requested && view_.main_tab == p ? ImGuiTabItemFlags_SetSelected : 0; };
    main_panel shown = main_tab_shown_.value_or(view_.main_tab);
    const float pad_y = std::max(0.0f, (rects_.main_tab_bar.h - ImGui::GetFrameHeight()) / 2);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetStyle().WindowPadding.x, pad_y));
    if (begin_panel("##main_tabs", rects_.main_tab_bar, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar) &&
        ImGui::BeginTabBar("main_tabs")) {
        for (auto [panel, label] : {std::pair{main_panel::narration, "Story"}, {main_panel::code, "Code"},
                                    {main_panel::timeline, "Timeline"}, {main_panel::loop_state, "Event loop"}}) {
            if (panel == main_panel::narration && !rects_.narration_tab) continue;
            if (ImGui::BeginTabItem(label, nullptr, flags(panel))) {
                shown = panel;
                ImGui::EndTabItem();
            }
        }
        if (output_tab(f, flags(main_panel::output))) {
            shown = main_panel::output;
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    end_panel();
    ImGui::PopStyleVar();
    if (!requested || shown == view_.main_tab) view_.main_tab = shown;
    main_tab_shown_ = shown;
    return shown;
}

bool app::output_tab(const frame_context& f, ImGuiTabItemFlags flags) {
    // The output's tab counts the lines printed so far, so a new one shows without opening it;
    // on the very step that prints it lights up in the printing task's colour.
    const std::size_t printed = session_.states->outputs_through(view_.cursor);
    const auto output = fmt::format("Output ({})###output", printed);
    const bool just_now = printed > 0 && session_.states->outputs()[printed - 1] == view_.cursor;
    if (just_now) {
        const ImU32 c = f.task_colour((*session_.data)[view_.cursor].subject);
        ImGui::PushStyleColor(ImGuiCol_Tab, to_vec4(with_alpha(c, 0.45f)));
        ImGui::PushStyleColor(ImGuiCol_TabHovered, to_vec4(with_alpha(c, 0.6f)));
    }
    const bool open = ImGui::BeginTabItem(output.c_str(), nullptr, flags);
    if (just_now) ImGui::PopStyleColor(2);
    return open;
}

void app::draw_state_tabs(const frame_context& f) {
    // Too short a column for both: the loop's state and the output as tabs.
    if (begin_panel("##state_tabs", rects_.state, ImGuiWindowFlags_NoTitleBar) && ImGui::BeginTabBar("state_tabs")) {
        if (ImGui::BeginTabItem("Event loop")) {
            ImGui::BeginChild("state");
            state_.draw_contents(f, true, false);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        const bool open = output_tab(f);
        if (open) {
            console_.draw_contents(f);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    end_panel();
}

void app::draw_problem(const font_set& fonts) {
    if (problem_.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y - 10), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.5f, fonts.size * 30), 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(IM_COL32(255, 236, 200, 255)));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(IM_COL32(0, 0, 0, 255)));
    bool open = true;
    if (ImGui::Begin("Problem", &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse))
        ImGui::TextWrapped("%s", problem_.c_str());
    ImGui::End();
    ImGui::PopStyleColor(2);
    if (!open) problem_.clear();
}

}  // namespace loopscope::gui
