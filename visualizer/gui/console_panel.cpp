#include "console_panel.hpp"

#include <fmt/format.h>

namespace loopscope::gui {

void console_panel::draw(const frame_context& f, const rect& r, const char* title) {
    if (begin_panel(title, r)) draw_contents(f);
    end_panel();
}

void console_panel::draw_contents(const frame_context& f) {
    if (!f.s.empty()) {
        const trace& t = *f.s.data;
        const auto outputs = f.s.states->outputs();
        const std::size_t count = f.s.states->outputs_through(f.view.cursor);
        ImGui::PushFont(f.fonts.mono);
        ImGui::BeginChild("lines");
        if (count == 0) ImGui::TextDisabled("(nothing printed yet)");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float pad = ImGui::GetTextLineHeight() * 0.25f;
        for (std::size_t n = 0; n < count; ++n) {
            const trace_event& e = t[outputs[n]];
            const bool just_now = outputs[n] == f.view.cursor;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (just_now)
                dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + ImGui::GetTextLineHeightWithSpacing()),
                                  with_alpha(f.task_colour(e.subject), 0.22f));
            ImGui::TextDisabled("%7.3f", t.time_at(outputs[n]));
            ImGui::SameLine();
            const auto who = fmt::format("{}", e.subject ? t.task_name(e.subject) : std::string_view("main"));
            const float w = chip(dl, ImGui::GetCursorScreenPos(), who, with_alpha(f.task_colour(e.subject), 0.9f),
                                 readable_text_on(f.task_colour(e.subject)), pad);
            ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
            ImGui::SameLine();
            // Long lines wrap (under their own start) rather than run off a narrow panel.
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(std::string(t.string(e.b)).c_str());
            ImGui::PopTextWrapPos();
        }
        if (count != shown_lines_) {
            shown_lines_ = count;
            ImGui::SetScrollHereY(1.0f);
        }
        ImGui::EndChild();
        ImGui::PopFont();
    }
}

}  // namespace loopscope::gui
