#include "lesson_browser.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

void lesson_tooltip(const lessons::lesson& l, bool with_title) {
    if (!ImGui::IsItemHovered() || (l.goal.empty() && !with_title)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    if (with_title) ImGui::TextUnformatted(l.title.c_str());
    if (!l.goal.empty()) ImGui::TextDisabled("%s", l.goal.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// The open lesson's knobs; a change asks for a re-run.
void draw_knobs(const frame_context& f, std::optional<open_request>& request, const std::vector<std::string>& set_by_runs) {
    ImGui::TextDisabled("Change and watch it re-run:");
    for (const auto& k : f.s.lesson->knobs) {
        auto it = f.s.knobs.find(k.id);
        float value = static_cast<float>(it == f.s.knobs.end() ? k.value : it->second);
        ImGui::TextUnformatted(k.label.c_str());
        if (std::find(set_by_runs.begin(), set_by_runs.end(), k.id) != set_by_runs.end()) {
            // A compared preset chooses it: the student's value would show a run that is not on screen.
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("each run sets its own: see A and B");
            ImGui::PopTextWrapPos();
            continue;
        }
        if (k.is_choice()) {
            // "as written" / "fixed": one radio button per variant.
            const std::size_t current = k.choice_index(value);
            for (std::size_t c = 0; c < k.choices.size(); ++c) {
                const auto label = fmt::format("{}##{}{}", k.choices[c], k.id, c);
                if (ImGui::RadioButton(label.c_str(), c == current) && c != current) {
                    open_request re{f.s.lesson, f.s.knobs};
                    re.knobs[k.id] = k.min + static_cast<double>(c);
                    request = std::move(re);
                }
            }
            continue;
        }
        ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 12));
        const auto id = fmt::format("##{}", k.id);
        // Whole-number knobs (counts, sizes) show no decimals.
        const char* format = k.step >= 1 && std::floor(k.step) == k.step ? "%.0f" : k.step >= 0.1 ? "%.1f" : "%.2f";
        if (ImGui::SliderFloat(id.c_str(), &value, static_cast<float>(k.min), static_cast<float>(k.max), format)) {
            // Snap to the knob's step so runs are reproducible from the numbers shown.
            const double snapped = k.step > 0 ? k.min + std::round((value - k.min) / k.step) * k.step : value;
            if (it == f.s.knobs.end() || snapped != it->second) {
                open_request re{f.s.lesson, f.s.knobs};
                re.knobs[k.id] = snapped;
                request = std::move(re);
            }
        }
    }
    if (ImGui::Button("Reset knobs")) request = open_request{f.s.lesson, f.s.lesson->default_knobs()};
}

}  // namespace

std::optional<open_request> lesson_browser::draw(const frame_context& f, const rect& r, const std::vector<std::string>& set_by_runs) {
    std::optional<open_request> request;
    // Narrow (a big text size on a small screen): a strip of lesson numbers, titles on hover,
    // the knobs in a popup.
    const bool strip = r.w < ImGui::GetTextLineHeight() * 5;
    if (begin_panel(strip ? "##lessons" : "Lessons", r, strip ? ImGuiWindowFlags_NoTitleBar : 0)) {
        const auto lessons = available_lessons();
        const bool has_knobs = f.s.lesson && !f.s.lesson->knobs.empty();
        const float avail_h = ImGui::GetContentRegionAvail().y;
        const float list_h = strip ? avail_h - (has_knobs ? ImGui::GetFrameHeightWithSpacing() : 0.0f)
                                   : std::max(ImGui::GetTextLineHeightWithSpacing() * 4, avail_h * 0.55f);
        ImGui::BeginChild("list", ImVec2(0, list_h));
        for (const auto* l : lessons) {
            const auto label = strip ? fmt::format("{}##{}", l->number > 0 ? std::to_string(l->number) : l->title.substr(0, 2), l->id)
                                     : l->number > 0 ? fmt::format("{}. {}", l->number, l->title) : l->title;
            if (ImGui::Selectable(label.c_str(), l == f.s.lesson) && l != f.s.lesson) request = open_request{l, l->default_knobs()};
            lesson_tooltip(*l, strip);
        }
        ImGui::EndChild();
        if (has_knobs && strip) {
            if (ImGui::Button("Knobs", ImVec2(-1, 0))) ImGui::OpenPopup("knobs");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Change the lesson's knobs and watch it re-run");
            if (ImGui::BeginPopup("knobs")) {
                draw_knobs(f, request, set_by_runs);
                ImGui::EndPopup();
            }
        } else if (has_knobs) {
            ImGui::Separator();
            draw_knobs(f, request, set_by_runs);
        }
    }
    end_panel();
    return request;
}

}  // namespace loopscope::gui
