#include "state_panel.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

// A section's heading: a line of its own with a rule, or (compact) the start of its first line.
void section(const frame_context& f, const char* title, bool compact) {
    if (!compact) ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(f.colours.text_dim));
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    if (compact) ImGui::SameLine();
    else ImGui::Separator();
}

// compact: no word longer than "cancelled", so the column keeps one width at every step.
std::string state_text(const frame_context& f, object_id id, const task_status& st, bool compact) {
    switch (st.state) {
        case task_state::unborn: return compact ? "not yet" : "not created yet";
        case task_state::ready: return "ready";
        case task_state::running: return f.now.blocking == id ? (compact ? "blocking!" : "running (blocking!)") : "running";
        case task_state::suspended: return "waiting";
        case task_state::finished:
            switch (st.result()) {
                case outcome::result: return "returned";
                case outcome::exception: return "raised";
                case outcome::cancelled: return "cancelled";
            }
    }
    return {};
}

std::string detail_text(const frame_context& f, object_id id, const task_status& st) {
    const trace& t = *f.s.data;
    if (st.state == task_state::finished) return std::string(t.string(st.label));
    if (st.state != task_state::suspended) return {};
    // The await chain: main -> task A -> sleep(1).
    const auto chain = chain_of(f.now, id);
    std::string out;
    const char* arrow = f.fonts.symbols ? " \u2192 " : " -> ";
    for (std::size_t i = 1; i < chain.tasks.size(); ++i) out += fmt::format("{}task {}", i == 1 ? "" : arrow, t.task_name(chain.tasks[i]));
    const auto label = t.string(chain.final_label);
    if (!label.empty()) {
        if (chain.tasks.size() > 1) out += arrow;
        out += label;
    }
    return out;
}

}  // namespace

void state_panel::draw(const frame_context& f, const rect& r, bool compact) {
    if (begin_panel("Event loop", r, compact ? ImGuiWindowFlags_NoTitleBar : 0)) draw_contents(f, compact);
    end_panel();
}

void state_panel::draw_contents(const frame_context& f, bool compact, bool named) {
    if (f.s.empty()) return;
    const trace& t = *f.s.data;
    // Compact: the panel's name starts its first line instead of a title bar.
    if (compact && named) section(f, "Event loop:", true);
    const char* running = compact && named ? "running" : "Running now";
    if (f.now.running)
        ImGui::Text("%s: %s", running, std::string(t.task_name(f.now.running)).c_str());
    else
        ImGui::Text("%s: nothing (the loop itself)", running);
    if (f.now.blocking) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(f.colours.failure));
        ImGui::Text("  %s is blocking the loop!", std::string(t.task_name(f.now.blocking)).c_str());
        ImGui::PopStyleColor();
    }
    draw_ready_queue(f, compact);
    draw_tasks(f, compact);
    // Every task's row is what must show; the timers below may scroll.
    const float clip_bottom = ImGui::GetWindowDrawList()->GetClipRectMax().y - ImGui::GetWindowPos().y;  // text is cut below
    overflow_ = std::max(0.0f, ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y - ImGui::GetScrollY() - clip_bottom);
    draw_timers(f, compact);
}

void state_panel::draw_tasks(const frame_context& f, bool compact) {
    const float h = ImGui::GetTextLineHeight();
    if (!compact) section(f, "Tasks", false);
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("tasks", 3, flags)) return;
    if (compact) {
        // Name and state as wide as their longest text (swatch included); the rest for the await
        // chain, which wraps.
        float name_w = ImGui::CalcTextSize("Task").x, state_w = ImGui::CalcTextSize("State").x;
        for (const auto& l : f.s.timeline->lanes()) {
            if (l.task == 0) continue;
            name_w = std::max(name_w, ImGui::CalcTextSize(l.name.c_str()).x + h * 0.7f + ImGui::GetStyle().ItemSpacing.x);
        }
        state_w = std::max(state_w, ImGui::CalcTextSize("cancelled").x + h * 1.4f + ImGui::GetStyle().ItemSpacing.x);
        ImGui::TableSetupColumn("Task", ImGuiTableColumnFlags_WidthFixed, name_w);
        ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed, state_w);
        ImGui::TableSetupColumn("Waiting for / result", ImGuiTableColumnFlags_WidthStretch);
    } else {
        ImGui::TableSetupColumn("Task", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("Waiting for / result", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    }
    ImGui::TableHeadersRow();
    for (const auto& l : f.s.timeline->lanes()) {
        if (l.task == 0) continue;
        const auto& st = f.now.task(l.task);
        ImGui::TableNextRow();
        if (l.task == f.view.hovered_task || l.task == f.now.running)
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(f.task_colour(l.task), l.task == f.now.running ? 0.22f : 0.12f));
        ImGui::TableNextColumn();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f), ImVec2(p.x + h * 0.7f, p.y + h * 0.85f),
                                                  f.task_colour(l.task), 2);
        ImGui::Dummy(ImVec2(h * 0.7f, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(l.name.c_str());
        ImGui::TableNextColumn();
        const ImVec2 q = ImGui::GetCursorScreenPos();
        state_swatch(ImGui::GetWindowDrawList(), ImVec2(q.x, q.y + h * 0.15f), ImVec2(q.x + h * 1.4f, q.y + h * 0.85f), st.state,
                     st.result(), f.task_colour(l.task), f.colours);
        ImGui::Dummy(ImVec2(h * 1.4f, h));
        ImGui::SameLine();
        const auto state = state_text(f, l.task, st, compact);
        if (st.state == task_state::unborn) ImGui::TextDisabled("%s", state.c_str());
        else ImGui::TextUnformatted(state.c_str());
        ImGui::TableNextColumn();
        detail_w_ = ImGui::GetContentRegionAvail().x;
        const auto detail = detail_text(f, l.task, st);
        ImGui::TextWrapped("%s", detail.c_str());
    }
    ImGui::EndTable();
}

void state_panel::draw_ready_queue(const frame_context& f, bool compact) {
    const float start_x = ImGui::GetCursorScreenPos().x;  // where wrapped rows start
    section(f, compact ? "Ready queue:" : "Ready queue (front runs next)", compact);
    if (f.now.ready.empty()) {
        ImGui::TextDisabled("empty");
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ImGui::GetTextLineHeight() * (compact ? 0.2f : 0.3f);  // compact: a row in 1.4 lines
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImVec2 p = ImGui::GetCursorScreenPos();
    float rows = 1;
    int n = 0;
    for (const auto& e : f.now.ready) {
        const auto text = e.callback ? fmt::format("{}. callback", ++n) : fmt::format("{}. {}", ++n, f.task_name(e.subject));
        const float w = ImGui::CalcTextSize(text.c_str()).x + 2 * pad;
        if (p.x + w > right && p.x > start_x) {
            p = ImVec2(start_x, p.y + ImGui::GetTextLineHeight() + 2 * pad);
            ++rows;
        }
        const ImU32 c = e.callback ? f.colours.loop_busy : f.task_colour(e.subject);
        const ImVec2 b(p.x + w, p.y + ImGui::GetTextLineHeight() + pad);
        dl->AddRectFilled(p, b, with_alpha(c, 0.16f), pad);
        hatch(dl, p, ImVec2(p.x + pad * 1.5f, b.y), c, pad, 1);
        dl->AddRect(p, b, c, pad, 0, 1.5f);
        dl->AddText(ImVec2(p.x + pad * 1.6f, p.y + pad / 2), f.colours.text, text.c_str());
        p.x += w + pad * 2;
    }
    ImGui::Dummy(ImVec2(0, rows * (ImGui::GetTextLineHeight() + 2 * pad)));
}

void state_panel::draw_timers(const frame_context& f, bool compact) {
    section(f, compact ? "Timers (soonest first):" : "Timers (soonest first)", compact);
    if (f.now.timers.empty()) {
        ImGui::TextDisabled("none pending");
        return;
    }
    if (compact) ImGui::NewLine();  // the heading shares no line with the table
    const trace& t = *f.s.data;
    const double now = t.time_at(f.view.cursor);
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("timers", 3, flags)) return;
    if (compact) {
        // A narrow column: the times as wide as their text, the label wraps (stretched columns
        // would run into each other).
        float at_w = 0, in_w = 0;
        for (const auto& timer : f.now.timers) {
            at_w = std::max(at_w, ImGui::CalcTextSize(fmt::format("at t = {:.3f} s", timer.deadline).c_str()).x);
            in_w = std::max(in_w, ImGui::CalcTextSize(fmt::format("in {:.3f} s", std::max(0.0, timer.deadline - now)).c_str()).x);
        }
        ImGui::TableSetupColumn("at", ImGuiTableColumnFlags_WidthFixed, at_w);
        ImGui::TableSetupColumn("in", ImGuiTableColumnFlags_WidthFixed, in_w);
        ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    }
    for (const auto& timer : f.now.timers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("at t = %.3f s", timer.deadline);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("in %.3f s", std::max(0.0, timer.deadline - now));
        ImGui::TableNextColumn();
        // Whose timer: the task sleeping on it.
        object_id owner = 0;
        for (object_id id = 1; id < f.now.tasks.size() && owner == 0; ++id)
            if (f.now.tasks[id].state == task_state::suspended && f.now.tasks[id].awaited == timer.timer &&
                f.now.tasks[id].waiting_on() == await_kind::sleep)
                owner = id;
        const auto label = std::string(t.string(timer.label));
        const auto what = owner ? fmt::format("{}  ({})", label, t.task_name(owner)) : label;
        if (compact) ImGui::TextWrapped("%s", what.c_str());
        else ImGui::TextUnformatted(what.c_str());
    }
    ImGui::EndTable();
}

}  // namespace loopscope::gui
