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
    script_.reset();
    session_ = open_session(l, std::move(knobs));
    reset_view(same_lesson);  // a knob changed: stay near the same step
}

void app::open(session s) {
    script_.reset();
    session_ = std::move(s);
    reset_view(false);
}

bool app::open_script(const std::filesystem::path& script, std::string* error, const cli::trace_options& options,
                      bool in_background) {
    script_source source(script, {}, options);
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
        messages_closed_at_ = -1;
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
    messages_closed_at_ = -1;
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
    transport_.handle_keys(f);
    transport_.draw_toolbar(f, rects_.toolbar);
    if (view_.show_browser) {
        if (auto request = browser_.draw(f, rects_.browser)) {
            open(*request->lesson, std::move(request->knobs));
            return;  // the frame context points at the old session: draw the new one next frame
        }
    }
    code_.draw(f, rects_.code);
    state_.draw(f, rects_.state);
    narration_.draw(f, rects_.narration);
    console_.draw(f, rects_.console);
    timeline_.draw(f, rects_.timeline);
    transport_.draw_help(f);
    draw_script_messages(fonts);
    draw_script_status();
    draw_problem(fonts);
}

void app::draw_script_status() {
    if (!script_ || (script_->status().empty() && !script_->busy())) return;
    // One line over the bottom-right corner of the code pane: the watched file and what happened,
    // or that a re-recording runs (the run shown is the previous one until it is done).
    static constexpr const char* dots[] = {".  ", ".. ", "..."};
    const auto name = script_->script().filename().string();
    const auto text = script_->busy() ? fmt::format("{}: re-recording{}", name, dots[static_cast<int>(ImGui::GetTime() * 3) % 3])
                                      : fmt::format("{}: {}", name, script_->status());
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float pad = ImGui::GetStyle().FramePadding.y;
    const ImVec2 b(rects_.code.x + rects_.code.w - pad, rects_.code.y + rects_.code.h - pad);
    const ImVec2 a(std::max(rects_.code.x + pad, b.x - size.x - 4 * pad), b.y - size.y - 2 * pad);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const palette& colours = palette_for(view_.theme);
    dl->AddRectFilled(a, b, script_->busy() ? mix(colours.panel_bg, colours.cursor, 0.25f) : colours.panel_bg, pad);
    dl->AddRect(a, b, script_->busy() ? colours.cursor : colours.text_dim, pad);
    dl->PushClipRect(a, b, true);
    dl->AddText(ImVec2(a.x + 2 * pad, a.y + pad), colours.text, text.c_str());
    dl->PopClipRect();
    // Clicking it brings back the script's error, once closed.
    if (!script_->messages().empty() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
        ImGui::IsMouseHoveringRect(a, b, false))
        messages_closed_at_ = -1;
}

void app::draw_script_messages(const font_set& fonts) {
    if (!script_ || script_->messages().empty() || messages_closed_at_ == script_->finished()) return;
    // Python's traceback (or the tracer's deadlock / limit message) in full, the lines in the user's
    // script marked; the timeline shows the run up to there.
    const auto lines = parse_messages(script_->messages(), script_->script());
    const auto name = script_->script().filename().string();
    std::string title = fmt::format("{}: the run did not finish", name);
    bool compile_error = false, traceback = false;
    for (const auto& l : lines)
        if (l.k == message_line::kind::tracer && l.text.starts_with("deadlock"))
            title = fmt::format("{} is stuck: nothing can run any more (deadlock)", name);
        else if (l.k == message_line::kind::tracer && (l.text.starts_with("stopped") || l.text.starts_with("interrupted")))
            title = fmt::format("{} was stopped before it ended", name);
    for (const auto& l : lines)
        if (l.k == message_line::kind::error) {
            traceback = true;
            compile_error = l.text.starts_with("SyntaxError") || l.text.starts_with("IndentationError") ||
                            l.text.starts_with("TabError");
            title = compile_error ? fmt::format("{}: Python cannot read it: {}", name, l.text)
                                  : fmt::format("{} raised {}", name, l.text);
        }
    title += "###script-messages";
    const palette& colours = palette_for(view_.theme);
    // Over the narration pane: the code pane stays visible, with each task's line marked.
    const rect& r = rects_.narration;
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_TitleBg, to_vec4(colours.failure));
    ImGui::PushStyleColor(ImGuiCol_TitleBgActive, to_vec4(colours.failure));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(colours.text));
    bool open = true;
    if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                                               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::TextWrapped("%s", script_->kept_previous() ? "This version did not run. The panes show the previous run."
                                 : compile_error ? "Nothing ran: Python stops at the marked line before running anything."
                                                 : "The panes show the run up to where it stopped. Lines of your script are marked.");
        ImGui::BeginChild("lines", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::PushFont(fonts.mono);
        bool after_user_frame = false;
        for (const auto& l : lines) {
            const bool mine = l.k == message_line::kind::user_frame || (l.k == message_line::kind::code && after_user_frame);
            after_user_frame = l.k == message_line::kind::user_frame || (l.k == message_line::kind::code && after_user_frame);
            if (mine) {  // a band behind the line: your file, your line
                const ImVec2 p = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddRectFilled(
                    p, ImVec2(p.x + ImGui::GetContentRegionAvail().x + ImGui::GetScrollMaxX(), p.y + ImGui::GetTextLineHeight()),
                    colours.code_line_bg);
            }
            const bool dim = l.k == message_line::kind::other_frame ||
                             (l.k == message_line::kind::code && !after_user_frame);
            const ImU32 colour = l.k == message_line::kind::error || l.k == message_line::kind::tracer ? colours.failure
                                 : dim                                                              ? colours.text_dim
                                                                                                    : colours.text;
            ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(colour));
            if (l.k == message_line::kind::tracer) {  // prose: wrapped; a traceback keeps its columns
                ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
                ImGui::TextUnformatted(l.text.c_str());
                ImGui::PopTextWrapPos();
            } else {
                ImGui::TextUnformatted(l.text.c_str());
            }
            ImGui::PopStyleColor();
        }
        if (messages_scrolled_at_ != script_->finished()) {  // a new traceback: its end (the exception) first
            if (traceback) ImGui::SetScrollHereY(1.0f);
            messages_scrolled_at_ = script_->finished();
        }
        ImGui::PopFont();
        ImGui::EndChild();
    }
    ImGui::End();
    ImGui::PopStyleColor(3);
    if (!open) messages_closed_at_ = script_->finished();
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
