#include "script_panel.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace loopscope::gui {

void script_panel::draw(const script_source& script, const panel_rects& rects, const palette& colours,
                        const font_set& fonts) {
    draw_messages(script, rects, colours, fonts);
    draw_status(script, rects, colours);
}

void script_panel::draw_status(const script_source& script, const panel_rects& rects, const palette& colours) {
    if (script.status().empty() && !script.busy()) return;
    // One line over the bottom-right corner of the code pane: the watched file and what happened,
    // or that a re-recording runs (the run shown is the previous one until it is done).
    static constexpr const char* dots[] = {".  ", ".. ", "..."};
    const auto name = script.script().filename().string();
    const auto text = script.busy() ? fmt::format("{}: re-recording{}", name, dots[static_cast<int>(ImGui::GetTime() * 3) % 3])
                                      : fmt::format("{}: {}", name, script.status());
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float pad = ImGui::GetStyle().FramePadding.y;
    const ImVec2 b(rects.code.x + rects.code.w - pad, rects.code.y + rects.code.h - pad);
    const ImVec2 a(std::max(rects.code.x + pad, b.x - size.x - 4 * pad), b.y - size.y - 2 * pad);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(a, b, script.busy() ? mix(colours.panel_bg, colours.cursor, 0.25f) : colours.panel_bg, pad);
    dl->AddRect(a, b, script.busy() ? colours.cursor : colours.text_dim, pad);
    dl->PushClipRect(a, b, true);
    dl->AddText(ImVec2(a.x + 2 * pad, a.y + pad), colours.text, text.c_str());
    dl->PopClipRect();
    // Clicking it brings back the script's error, once closed.
    if (!script.messages().empty() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
        ImGui::IsMouseHoveringRect(a, b, false))
        closed_at_ = -1;
}

void script_panel::draw_messages(const script_source& script, const panel_rects& rects, const palette& colours,
                                 const font_set& fonts) {
    if (script.messages().empty() || closed_at_ == script.finished()) return;
    // Python's traceback (or the tracer's deadlock / limit message) in full, the lines in the user's
    // script marked; the timeline shows the run up to there.
    const auto lines = parse_messages(script.messages(), script.script());
    const auto name = script.script().filename().string();
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
    // Over the narration pane: the code pane stays visible, with each task's line marked.
    const rect& r = rects.narration;
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_TitleBg, to_vec4(colours.failure));
    ImGui::PushStyleColor(ImGuiCol_TitleBgActive, to_vec4(colours.failure));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(colours.text));
    bool open = true;
    if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                                               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::TextWrapped("%s", script.kept_previous() ? "This version did not run. The panes show the previous run."
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
        if (scrolled_at_ != script.finished()) {  // a new traceback: its end (the exception) first
            if (traceback) ImGui::SetScrollHereY(1.0f);
            scrolled_at_ = script.finished();
        }
        ImGui::PopFont();
        ImGui::EndChild();
    }
    ImGui::End();
    ImGui::PopStyleColor(3);
    if (!open) closed_at_ = script.finished();
}

}  // namespace loopscope::gui
