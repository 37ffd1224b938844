#include "code_panel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "code_wrap.hpp"

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

// The chips saying who stands on a line, from x; returns where they end. form 0: every task's
// name (one task: and its state); 1: the first name and how many more; 2: the first name (the
// gutter has a bar per task); 3: a bare arrow.
float draw_chips(const frame_context& f, ImDrawList* dl, const std::vector<line_mark>& here, float x, float y, int form,
                 const char* arrow, bool dry_run) {
    const float char_w = ImGui::CalcTextSize("0").x;
    const float pad = char_w * 0.4f;
    float end = x;
    for (const auto& m : here) {
        const bool alone = here.size() == 1;
        const bool front = m.task == here.front().task;
        std::string label;
        if (form == 0)
            label = fmt::format("{}{}{}", front ? fmt::format("{} ", arrow) : "", f.task_name(m.task),
                                alone && m.state != task_state::running ? fmt::format(" ({})", state_word(m.state)) : "");
        else if (form == 1 && here.size() > 1)
            label = fmt::format("{} {} +{}", arrow, f.task_name(m.task), here.size() - 1);
        else if (form <= 2)
            label = fmt::format("{} {}", arrow, f.task_name(m.task));
        else
            label = arrow;
        const ImU32 mc = f.task_colour(m.task);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        const ImVec2 a(x, y), b(x + size.x + 2 * pad, y + size.y + pad);
        end = b.x;
        if (!dry_run) {
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
        }
        x = b.x + char_w * 0.6f + (m.state == task_state::ready ? pad : 0);
        if (form > 0) break;  // the first task stands for the others
    }
    return end;
}

}  // namespace

void code_panel::draw(const frame_context& f, const rect& r) {
    // A short window (big text on a small screen): the tabs name the code, the title bar would
    // only take a line from it.
    const bool short_window_now = short_window(ImGui::GetIO().DisplaySize.y, ImGui::GetTextLineHeight());
    if (begin_panel("Code", r, short_window_now ? ImGuiWindowFlags_NoTitleBar : 0)) draw_contents(f);
    end_panel();
}

void code_panel::draw_contents(const frame_context& f) {
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

    // A line wider than the pane wraps (a hanging indent under its own indentation) rather than
    // being cut: a student reads every line whole. Its last row keeps room for a marker.
    const float text_w = ImGui::GetContentRegionAvail().x - gutter;
    const auto columns = static_cast<std::size_t>(std::max(12.0f, std::floor(text_w / char_w)));
    std::vector<wrapped_row> rows;
    std::vector<std::size_t> first_row(lines.size() + 1, 0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        first_row[i] = rows.size();
        wrap_line(lines[i], columns, i, rows);
    }
    first_row[lines.size()] = rows.size();
    visible_lines_ = ImGui::GetWindowHeight() / line_h;
    overflow_ = 0;

    if (focus_line > 0 && lang_slot < scrolled_for_.size() && scrolled_for_[lang_slot] != f.view.cursor) {
        scrolled_for_[lang_slot] = f.view.cursor;
        const float y = static_cast<float>(first_row[static_cast<std::size_t>(focus_line - 1)]) * line_h;
        const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top || y > top + h - 2 * line_h) ImGui::SetScrollY(std::max(0.0f, y - h / 3));
    }

    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;  // the visible text's edge
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), line_h);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const wrapped_row& row = rows[static_cast<std::size_t>(r)];
            const int ln = static_cast<int>(row.line) + 1;
            const std::size_t line_rows = first_row[row.line + 1] - first_row[row.line];
            const bool first = first_row[row.line] == static_cast<std::size_t>(r);
            const bool last = first_row[row.line + 1] == static_cast<std::size_t>(r) + 1;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const auto& here = marks[static_cast<std::size_t>(ln)];
            // The line's mark over all its rows, drawn once: at its first row, or at the first row
            // shown when that is above the view.
            if (!here.empty() && (first || r == clipper.DisplayStart)) {
                const float top = p.y - static_cast<float>(static_cast<std::size_t>(r) - first_row[row.line]) * line_h;
                const ImU32 c = f.task_colour(here.front().task);
                const bool running = here.front().state == task_state::running;
                const ImVec2 a(p.x, top), b(p.x + width, top + line_h * static_cast<float>(line_rows));
                dl->AddRectFilled(a, b, with_alpha(c, running ? 0.28f : 0.10f));
                if (!running) dl->AddRect(a, b, with_alpha(c, 0.9f), 0, 0, std::max(1.0f, f.scale * 1.5f));
                // One bar per task in the gutter; running = solid arrow-like block.
                float x = p.x;
                for (const auto& m : here) {
                    const ImU32 mc = f.task_colour(m.task);
                    const float bw = line_h * 0.28f;
                    if (m.state == task_state::running) dl->AddRectFilled(ImVec2(x, a.y), ImVec2(x + bw, b.y), mc);
                    else dl->AddRect(ImVec2(x, a.y + 1), ImVec2(x + bw, b.y - 1), mc, 0, 0, std::max(1.0f, f.scale));
                    x += bw + 2;
                }
            }
            if (first) {
                const auto number = fmt::format("{:>3}", ln);
                dl->AddText(ImVec2(p.x + gutter - char_w * 4, p.y), f.colours.text_dim, number.c_str());
            } else {  // a continued line: a dim arrow where the number would be
                dl->AddText(ImVec2(p.x + gutter - char_w * 2, p.y), f.colours.text_dim, f.fonts.symbols ? "\u21AA" : ">");
            }
            const float indent = static_cast<float>(row.indent) * char_w;
            ImGui::SetCursorScreenPos(ImVec2(p.x + gutter + indent, p.y));
            const auto code = row.text;
            ImGui::TextUnformatted(code.data(), code.data() + code.size());
            const float code_end = p.x + gutter + indent + ImGui::CalcTextSize(code.data(), code.data() + code.size()).x;
            overflow_ = std::max(overflow_, code_end - right);
            // Who is here, at the end of the line, drawn like the timeline draws the state:
            // solid = running, hatched = ready, outlined = waiting. One task: its state in words too.
            if (!here.empty() && last) {
                const float x0 = code_end + char_w * 2;
                // As much as fits before the pane's edge: every name (one task: and its state),
                // else the first name (and how many more), else a bare arrow.
                const char* arrow = f.fonts.symbols ? "\u25C0" : "<";
                // A line that fills its row: none (the gutter bars and the line's colour say who).
                for (int form = 0; form < 4; ++form) {
                    if (draw_chips(f, dl, here, x0, p.y, form, arrow, /*dry_run=*/true) > right) continue;
                    (void)draw_chips(f, dl, here, x0, p.y, form, arrow, false);
                    break;
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
