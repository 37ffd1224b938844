#include "code_panel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

struct line_mark {
    object_id task;
    task_state state;
};

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        lines.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

const char* state_word(task_state s) {
    switch (s) {
        case task_state::running: return "running";
        case task_state::ready: return "ready";
        case task_state::suspended: return "waiting";
        default: return "";
    }
}

}  // namespace

void code_panel::draw(const frame_context& f, const rect& r) {
    // A short window (big text on a small screen): the tabs name the code, the title bar would
    // only take a line from it.
    const bool short_window_now = short_window(ImGui::GetIO().DisplaySize.y, ImGui::GetTextLineHeight());
    if (begin_panel("Code", r, short_window_now ? ImGuiWindowFlags_NoTitleBar : 0)) {
        const lessons::lesson* l = f.s.lesson;
        if (f.s.has_own_source()) {
            if (ImGui::BeginTabBar("sources")) {
                if (ImGui::BeginTabItem(f.s.own_source.title.c_str())) {
                    draw_source(f, f.s.own_source, f.s.own_source.text);
                    ImGui::EndTabItem();
                }
                ImGui::EndTabBar();
            }
        } else if (!l || l->sources.empty()) {
            ImGui::TextDisabled("This run has no source text.");
        } else if (ImGui::BeginTabBar("sources")) {
            for (std::size_t i = 0; i < l->sources.size(); ++i) {
                const auto& src = l->sources[i];
                if (ImGui::BeginTabItem(src.title.c_str())) {
                    draw_source(f, src, i < f.s.texts.size() ? f.s.texts[i] : src.text);
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
    }
    end_panel();
}

void code_panel::draw_source(const frame_context& f, const lessons::source_text& src, std::string_view text) {
    const auto lines = split_lines(text);
    // Which tasks stand on which line of this text.
    std::vector<std::vector<line_mark>> marks(lines.size() + 1);
    // Keep in view the task that runs, else the one this step is about, else the chosen one.
    int focus_line = 0;
    const trace_event& at = (*f.s.data)[f.view.cursor];
    const bool about_task = at.subject != 0 && at.subject < f.now.tasks.size() && at.kind != event_kind::timer_armed &&
                            at.kind != event_kind::timer_fired && at.kind != event_kind::timer_cancelled &&
                            at.kind != event_kind::future_created && at.kind != event_kind::future_resolved &&
                            at.kind != event_kind::callback_queued && at.kind != event_kind::callback_ran;
    const object_id focus_task = f.now.running ? f.now.running : about_task ? at.subject : f.view.chosen_task;
    for (object_id id = 1; id < f.now.tasks.size(); ++id) {
        const auto& st = f.now.tasks[id];
        if (st.site == 0 || st.state == task_state::unborn || st.state == task_state::finished) continue;
        const int ln = source_line(f.s, src.lang, st.site);
        if (ln <= 0 || ln > static_cast<int>(lines.size())) continue;
        marks[static_cast<std::size_t>(ln)].push_back({id, st.state});
        if (id == focus_task || (focus_line == 0 && focus_task == 0)) focus_line = ln;
    }
    for (auto& m : marks)  // the running task first: it gets the fill
        std::stable_sort(m.begin(), m.end(), [](const line_mark& a, const line_mark& b) {
            return (a.state == task_state::running) > (b.state == task_state::running);
        });

    ImGui::PushFont(f.fonts.mono);
    ImGui::BeginChild("text", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Tighter than ImGui's item spacing (1.35 lines at 2x): more code fits on a projector.
    const float line_h = std::round(ImGui::GetTextLineHeight() * 1.24f);
    const float char_w = ImGui::CalcTextSize("0").x;
    const float gutter = char_w * 4 + line_h * 0.6f;
    const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetWindowContentRegionMax().x);
    const auto lang_slot = static_cast<std::size_t>(src.lang);

    if (focus_line > 0 && lang_slot < scrolled_for_.size() && scrolled_for_[lang_slot] != f.view.cursor) {
        scrolled_for_[lang_slot] = f.view.cursor;
        const float y = static_cast<float>(focus_line - 1) * line_h;
        const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top || y > top + h - 2 * line_h) ImGui::SetScrollY(std::max(0.0f, y - h / 3));
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()), line_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const int ln = i + 1;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const auto& here = marks[static_cast<std::size_t>(ln)];
            if (!here.empty()) {
                const ImU32 c = f.task_colour(here.front().task);
                const bool running = here.front().state == task_state::running;
                const ImVec2 a(p.x, p.y), b(p.x + width, p.y + line_h);
                dl->AddRectFilled(a, b, with_alpha(c, running ? 0.28f : 0.10f));
                if (!running) dl->AddRect(a, b, with_alpha(c, 0.9f), 0, 0, std::max(1.0f, f.scale * 1.5f));
                // One bar per task in the gutter; running = solid arrow-like block.
                float x = p.x;
                for (const auto& m : here) {
                    const ImU32 mc = f.task_colour(m.task);
                    const float bw = line_h * 0.28f;
                    if (m.state == task_state::running) dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + bw, p.y + line_h), mc);
                    else dl->AddRect(ImVec2(x, p.y + 1), ImVec2(x + bw, p.y + line_h - 1), mc, 0, 0, std::max(1.0f, f.scale));
                    x += bw + 2;
                }
            }
            const auto number = fmt::format("{:>3}", ln);
            dl->AddText(ImVec2(p.x + gutter - char_w * 4, p.y), f.colours.text_dim, number.c_str());
            ImGui::SetCursorScreenPos(ImVec2(p.x + gutter, p.y));
            const auto code = lines[static_cast<std::size_t>(i)];
            ImGui::TextUnformatted(code.data(), code.data() + code.size());
            // Who is here, at the end of the line, drawn like the timeline draws the state:
            // solid = running, hatched = ready, outlined = waiting. One task: its state in words too.
            if (!here.empty()) {
                float x = p.x + gutter + ImGui::CalcTextSize(code.data(), code.data() + code.size()).x + char_w * 2;
                const float pad = char_w * 0.4f;
                for (const auto& m : here) {
                    const bool alone = here.size() == 1;
                    const auto label = fmt::format("{}{}{}", m.task == here.front().task ? (f.fonts.symbols ? "\u25C0 " : "< ") : "",
                                                   f.task_name(m.task),
                                                   alone && m.state != task_state::running ? fmt::format(" ({})", state_word(m.state)) : "");
                    const ImU32 mc = f.task_colour(m.task);
                    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
                    const ImVec2 a(x, p.y), b(x + size.x + 2 * pad, p.y + size.y + pad);
                    ImU32 text_colour = f.colours.text;
                    if (m.state == task_state::running) {
                        dl->AddRectFilled(a, b, mc, pad);
                        text_colour = readable_text_on(mc);
                    } else if (m.state == task_state::ready) {
                        dl->AddRectFilled(a, b, mix(f.colours.panel_bg, mc, 0.15f), pad);
                        hatch(dl, a, ImVec2(a.x + pad * 2, b.y), mc, pad, 1);
                        dl->AddRect(a, b, mc, pad, 0, 1);
                    } else {
                        dl->AddRectFilled(a, b, f.colours.panel_bg, pad);
                        dl->AddRect(a, b, mc, pad, 0, std::max(1.5f, f.scale * 1.5f));
                    }
                    dl->AddText(ImVec2(a.x + pad + (m.state == task_state::ready ? pad : 0), a.y + pad / 2), text_colour, label.c_str());
                    x = b.x + char_w * 0.6f + (m.state == task_state::ready ? pad : 0);
                }
            }
            ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + line_h));
        }
    }
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::EndChild();
    ImGui::PopFont();
}

}  // namespace loopscope::gui
