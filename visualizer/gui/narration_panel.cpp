#include "narration_panel.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

void boxed_text(const frame_context& f, const char* heading, const std::string& text, ImU32 accent) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bar = std::max(3.0f, f.scale * 3);
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::Indent(bar * 3);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(f.colours.text_dim));
    ImGui::TextUnformatted(heading);
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::Unindent(bar * 3);
    const ImVec2 end(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x, ImGui::GetCursorScreenPos().y);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(p, ImVec2(end.x, end.y), with_alpha(accent, 0.08f));
    dl->AddRectFilled(p, ImVec2(p.x + bar, end.y), accent);
    dl->ChannelsMerge();
    ImGui::Spacing();
}

}  // namespace

void narration_panel::stop_at_quizzes(const frame_context& f) {
    const auto& quiz_at = f.s.placed.quiz_at;
    if (quizzes_for_ != f.s.lesson || knobs_ != f.s.knobs || answers_.size() != quiz_at.size()) {
        quizzes_for_ = f.s.lesson;  // a new run (another lesson or a knob): ask again
        knobs_ = f.s.knobs;
        answers_.assign(quiz_at.size(), -1);
        asked_.assign(quiz_at.size(), false);
    }
    // Playback stops where a quiz is asked, before the answer shows on screen.
    for (std::size_t q = 0; q < quiz_at.size(); ++q) {
        const event_index at = quiz_at[q];
        if (at == no_event || asked_[q] || !f.view.playing || f.view.cursor < at) continue;
        asked_[q] = true;
        f.view.cursor = at;
        f.view.playing = false;
    }
}

void narration_panel::draw(const frame_context& f, const rect& r, bool compact) {
    stop_at_quizzes(f);
    if (begin_panel("What is happening", r, compact ? ImGuiWindowFlags_NoTitleBar : 0) && !f.s.empty()) {
        const lessons::lesson* l = f.s.lesson;
        float story_end = 0;  // below the sentence and the note, in window coordinates
        const std::string sentence = narrate(*f.s.states, f.view.cursor, [&](site_id s) { return code_for_site(f.s, s); });
        // Compact: a sentence longer than four lines in the large font (one quoting a long line
        // of code) is set in the body font, which is already large at 2x, so the note still shows.
        ImFont* font = f.fonts.ui_large;
        if (compact) {
            ImGui::PushFont(font);
            const float wrapped = ImGui::CalcTextSize(sentence.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y;
            if (wrapped > ImGui::GetTextLineHeight() * 4.5f) font = f.fonts.ui;
            ImGui::PopFont();
        }
        ImGui::PushFont(font);
        ImGui::TextWrapped("%s", sentence.c_str());
        ImGui::PopFont();
        story_end = ImGui::GetCursorPosY();
        ImGui::Spacing();

        if (l) {
            // The lesson's note for this stretch: the latest one reached.
            int note = -1;
            const auto& note_at = f.s.placed.note_at;
            for (std::size_t n = 0; n < note_at.size(); ++n)
                if (note_at[n] != no_event && note_at[n] <= f.view.cursor &&
                    (note < 0 || note_at[n] >= note_at[static_cast<std::size_t>(note)]))
                    note = static_cast<int>(n);
            if (note >= 0) boxed_text(f, "Note", l->notes[static_cast<std::size_t>(note)].text, lane_colour(0));
            story_end = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y;  // not the spacing below it
            for (std::size_t q = 0; q < f.s.placed.quiz_at.size(); ++q)
                if (f.s.placed.quiz_at[q] == f.view.cursor) draw_quiz(f, q);
            if (f.view.cursor == f.s.last() && !l->notice.empty()) boxed_text(f, "What to notice", l->notice, lane_colour(2));
            // The goal does not change with the step: last, so the step's story stays on top.
            const auto goal = fmt::format("Goal of this lesson: {}", l->goal);
            const float goal_h = ImGui::CalcTextSize(goal.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y +
                                 ImGui::GetStyle().ItemSpacing.y * 2;
            if (!l->goal.empty() && (!compact || goal_h <= ImGui::GetContentRegionAvail().y)) {
                ImGui::Separator();
                ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(f.colours.text_dim));
                ImGui::TextWrapped("%s", goal.c_str());
                ImGui::PopStyleColor();
            }
        }
        // Against the window's clip rectangle: below it text is cut off.
        const float clip_bottom = ImGui::GetWindowDrawList()->GetClipRectMax().y - ImGui::GetWindowPos().y;
        overflow_ = std::max(0.0f, story_end - ImGui::GetScrollY() - clip_bottom);
    }
    end_panel();
}

void narration_panel::draw_quiz(const frame_context& f, std::size_t q) {
    const auto& quiz = f.s.lesson->quizzes[q];
    ImGui::PushID(static_cast<int>(q));
    ImGui::PushFont(f.fonts.ui_large);
    ImGui::TextWrapped("Quiz: %s", quiz.question.c_str());
    ImGui::PopFont();
    for (std::size_t c = 0; c < quiz.choices.size(); ++c) {
        if (c) ImGui::SameLine();
        const bool chosen = answers_[q] == static_cast<int>(c);
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(with_alpha(lane_colour(0), 0.45f)));
        if (ImGui::Button(quiz.choices[c].c_str())) answers_[q] = static_cast<int>(c);
        if (chosen) ImGui::PopStyleColor();
    }
    if (answers_[q] >= 0) {
        // The right choice in this run: away from the default knobs the trace decides it.
        const int answer = f.s.placed.quiz_answer[q];
        const bool right = answers_[q] == answer;
        const std::string& why = quiz.explanation;
        boxed_text(f, right ? "Right!" : "Not quite.",
                   right ? why : fmt::format("The answer is {}. {}", quiz.choices[static_cast<std::size_t>(answer)], why),
                   right ? lane_colour(2) : f.colours.failure);
    } else {
        ImGui::TextDisabled("Answer, then step on (Right arrow) to check it on the timeline.");
    }
    ImGui::PopID();
}

}  // namespace loopscope::gui
