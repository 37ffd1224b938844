#include "transport.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <GLFW/glfw3.h>
#include <fmt/format.h>

namespace loopscope::gui {

namespace {

using vc = view_command;

constexpr std::array shortcut_table{
    shortcut{GLFW_KEY_SPACE, false, false, vc::play_pause, "Space", "Play / pause"},
    shortcut{GLFW_KEY_RIGHT, false, false, vc::step_forward, "Right", "Next step (one event)"},
    shortcut{GLFW_KEY_LEFT, false, false, vc::step_back, "Left", "Previous step"},
    shortcut{GLFW_KEY_RIGHT, true, false, vc::next_iteration, "Shift+Right", "Next loop iteration"},
    shortcut{GLFW_KEY_LEFT, true, false, vc::previous_iteration, "Shift+Left", "Previous loop iteration"},
    shortcut{GLFW_KEY_DOWN, false, false, vc::next_line, "Down", "Next line of the chosen task (click its name)"},
    shortcut{GLFW_KEY_UP, false, false, vc::previous_line, "Up", "Previous line of the chosen task"},
    shortcut{GLFW_KEY_HOME, false, false, vc::go_home, "Home", "First step"},
    shortcut{GLFW_KEY_END, false, false, vc::go_end, "End", "Last step"},
    shortcut{GLFW_KEY_EQUAL, false, false, vc::zoom_in, "+", "Zoom the timeline in (around the cursor)"},
    shortcut{GLFW_KEY_EQUAL, true, false, vc::zoom_in, "", ""},  // '+' is Shift+= on US layouts
    shortcut{GLFW_KEY_KP_ADD, false, false, vc::zoom_in, "", ""},
    shortcut{GLFW_KEY_MINUS, false, false, vc::zoom_out, "-", "Zoom the timeline out"},
    shortcut{GLFW_KEY_KP_SUBTRACT, false, false, vc::zoom_out, "", ""},
    shortcut{GLFW_KEY_0, false, false, vc::zoom_fit, "0", "Fit the whole run"},
    shortcut{GLFW_KEY_RIGHT_BRACKET, false, false, vc::faster, "]", "Play faster"},
    shortcut{GLFW_KEY_LEFT_BRACKET, false, false, vc::slower, "[", "Play slower"},
    shortcut{GLFW_KEY_1, false, false, vc::axis_hybrid, "1", "Axis: hybrid (steps + real time)"},
    shortcut{GLFW_KEY_2, false, false, vc::axis_step, "2", "Axis: one column per step"},
    shortcut{GLFW_KEY_3, false, false, vc::axis_time, "3", "Axis: seconds"},
    shortcut{GLFW_KEY_EQUAL, false, true, vc::font_bigger, "Ctrl +", "Bigger text (up to 3x)"},
    shortcut{GLFW_KEY_MINUS, false, true, vc::font_smaller, "Ctrl -", "Smaller text"},
    shortcut{GLFW_KEY_T, false, false, vc::toggle_theme, "T", "Light / dark theme"},
    shortcut{GLFW_KEY_B, false, false, vc::toggle_browser, "B", "Show / hide the lesson list"},
    shortcut{GLFW_KEY_C, false, false, vc::toggle_compare, "C", "Compare two runs side by side (sync / async, Python / JavaScript, before / after a knob)"},
    shortcut{GLFW_KEY_F11, false, false, vc::toggle_fullscreen, "F11", "Fullscreen"},
    shortcut{GLFW_KEY_F1, false, false, vc::toggle_help, "F1", "This help"},
};

bool tool_button(const char* label, const char* tip, const char* key) {
    const bool pressed = ImGui::Button(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s  (%s)", tip, key);
    ImGui::SameLine();
    return pressed;
}

}  // namespace

std::span<const shortcut> shortcuts() { return shortcut_table; }

bool moves_the_cursor(view_command c) {
    switch (c) {
        case vc::step_forward: case vc::step_back: case vc::next_iteration: case vc::previous_iteration:
        case vc::next_line: case vc::previous_line: case vc::play_pause: case vc::go_home: case vc::go_end:
        case vc::zoom_in: case vc::zoom_out: case vc::zoom_fit: case vc::axis_step: case vc::axis_time: case vc::axis_hybrid:
            return true;
        default: return false;
    }
}

void transport::handle_keys(const frame_context& f, bool cursor_keys) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || f.s.empty()) return;
    for (const auto& s : shortcut_table) {
        if (s.shift != io.KeyShift || s.ctrl != io.KeyCtrl) continue;
        if (!cursor_keys && moves_the_cursor(s.command)) continue;
        if (ImGui::IsKeyPressed(s.key, true)) apply(s.command, f.view, f.s);
    }
    if (f.view.show_help && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) f.view.show_help = false;
    else if (f.view.compare && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) f.view.compare = false;
}

void transport::draw_toolbar(const frame_context& f, const rect& r) {
    if (begin_panel("##toolbar", r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar) && !f.s.empty()) {
        const bool sym = f.fonts.symbols;
        const ImGuiStyle& style = ImGui::GetStyle();
        auto button_w = [&](const char* label) {
            return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
        };
        // What the first row needs besides the title: the transport and line buttons.
        float transport_w = button_w(sym ? "\u25A0\u25A0 Pause" : "|| Pause") + button_w("|") + 2 * button_w(sym ? "\u25B2 line" : "^ line");
        for (const char* l : {"|\u25C0", "\u25C0\u25C0", "\u25C0", "\u25B6", "\u25B6\u25B6", "\u25B6|"}) transport_w += button_w(l);
        // Narrow for its text size (720p at 2x): the title gives way to the buttons (the lesson
        // list's tooltips name the lesson).
        const bool title_fits = ImGui::CalcTextSize(f.s.lesson ? f.s.lesson->title.c_str() : "").x + ImGui::GetFontSize() * 1.2f +
                                    transport_w <= ImGui::GetContentRegionAvail().x;
        ImGui::AlignTextToFramePadding();
        if (f.s.lesson && title_fits) {
            ImGui::TextUnformatted(f.s.lesson->title.c_str());
            // The goal, which a short window's narration may leave out.
            if (ImGui::IsItemHovered() && !f.s.lesson->goal.empty()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
                ImGui::TextUnformatted(f.s.lesson->goal.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::SameLine(0, ImGui::GetFontSize() * 1.2f);
        }
        auto cmd = [&](const char* symbol, const char* ascii, const char* tip, const char* key, view_command c) {
            if (tool_button(sym ? symbol : ascii, tip, key)) apply(c, f.view, f.s);
        };
        cmd("|\u25C0##home", "|<##home", "First step", "Home", vc::go_home);
        cmd("\u25C0\u25C0##it", "<<##it", "Previous loop iteration", "Shift+Left", vc::previous_iteration);
        cmd("\u25C0##step", "<##step", "Previous step", "Left", vc::step_back);
        const char* play = f.view.playing ? (sym ? "\u25A0\u25A0 Pause" : "|| Pause") : (sym ? "\u25B6 Play" : "> Play");
        if (tool_button(play, "Play / pause", "Space")) apply(vc::play_pause, f.view, f.s);
        cmd("\u25B6##step", ">##step", "Next step", "Right", vc::step_forward);
        cmd("\u25B6\u25B6##it", ">>##it", "Next loop iteration", "Shift+Right", vc::next_iteration);
        cmd("\u25B6|##end", ">|##end", "Last step", "End", vc::go_end);
        // The line buttons only where they fit (720p at 3x: Up / Down still do it).
        if (ImGui::GetContentRegionAvail().x >= button_w("|") + 2 * button_w(sym ? "\u25B2 line" : "^ line")) {
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            const object_id lt = line_task(f.view, f.s, f.now);
            const auto line_tip = fmt::format("Previous line of {}", lt ? f.task_name(lt) : "a task");
            if (tool_button(sym ? "\u25B2 line" : "^ line", line_tip.c_str(), "Up")) apply(vc::previous_line, f.view, f.s);
            const auto next_tip = fmt::format("Next line of {}", lt ? f.task_name(lt) : "a task");
            if (tool_button(sym ? "\u25BC line" : "v line", next_tip.c_str(), "Down")) apply(vc::next_line, f.view, f.s);
        }
        const float window_right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
        float reached = ImGui::GetItemRectMax().x;

        const bool two_rows = toolbar_wraps(r.w, ImGui::GetTextLineHeight());
        if (two_rows) {
            ImGui::NewLine();
            ImGui::AlignTextToFramePadding();
        } else {
            ImGui::TextDisabled("|");
            ImGui::SameLine();
        }
        const trace& t = *f.s.data;
        // The status, shortened where the text size, the help and the text-size buttons would
        // not fit beside it (720p at 3x): the iteration, then the spaces give way.
        const float least_right = button_w("A-") + ImGui::CalcTextSize("2.5x").x + style.ItemSpacing.x + button_w("A+") +
                                  button_w("F1 Help") + ImGui::GetFontSize();
        std::string status = fmt::format("Step {} / {}   t = {:.3f} s   iteration {}", f.view.cursor, f.s.last(),
                                         t.time_at(f.view.cursor), f.now.iteration);
        if (ImGui::CalcTextSize(status.c_str()).x + least_right > ImGui::GetContentRegionAvail().x)
            status = fmt::format("Step {}/{}  t={:.3f} s", f.view.cursor, f.s.last(), t.time_at(f.view.cursor));
        if (ImGui::CalcTextSize(status.c_str()).x + least_right > ImGui::GetContentRegionAvail().x)
            status = fmt::format("{}/{}", f.view.cursor, f.s.last());
        ImGui::TextUnformatted(status.c_str());

        // Right-aligned: speed, classroom options, help. Short of room, the speed, then Compare,
        // then the theme give way (their keys still work, F1 lists them); text size and help stay.
        const float speed_w = ImGui::GetFontSize() * 6.5f + style.ItemSpacing.x;
        const char* theme_label = f.view.theme == theme_kind::light ? "Dark" : "Light";
        const float theme_w = button_w(theme_label), compare_w = button_w("Compare");
        float right_w = button_w("A-") + ImGui::CalcTextSize("2.5x").x + style.ItemSpacing.x + button_w("A+") + button_w("F1 Help");
        // After the status text, never over it (the cursor has already moved to the next line).
        const float text_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
        const float room = ImGui::GetWindowContentRegionMax().x - text_end - ImGui::GetFontSize();
        const bool show_theme = right_w + theme_w <= room, show_compare = right_w + theme_w + compare_w <= room;
        const bool show_speed = right_w + theme_w + compare_w + speed_w <= room;
        right_w += (show_theme ? theme_w : 0) + (show_compare ? compare_w : 0) + (show_speed ? speed_w : 0);
        ImGui::SameLine(std::max(text_end + ImGui::GetFontSize(), ImGui::GetWindowContentRegionMax().x - std::max(right_w, ImGui::GetFontSize() * 28)));
        if (show_speed) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
            ImGui::SliderFloat("##speed", &f.view.speed, 0.25f, 60.0f, "%.1f steps/s", ImGuiSliderFlags_Logarithmic);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed  ([ and ])");
            ImGui::SameLine();
        }
        if (show_theme && tool_button(theme_label, "Switch theme", "T")) apply(vc::toggle_theme, f.view, f.s);
        if (tool_button("A-", "Smaller text", "Ctrl -")) apply(vc::font_smaller, f.view, f.s);
        ImGui::Text("%.2gx", static_cast<double>(f.view.font_scale));
        ImGui::SameLine();
        if (tool_button("A+", "Bigger text (for the back of the room)", "Ctrl +")) apply(vc::font_bigger, f.view, f.s);
        if (show_compare && tool_button("Compare", "Two runs side by side, on one time axis", "C")) apply(vc::toggle_compare, f.view, f.s);
        if (tool_button("F1 Help", "All keyboard shortcuts", "F1")) apply(vc::toggle_help, f.view, f.s);
        reached = std::max(reached, ImGui::GetItemRectMax().x);
        overflow_ = std::max(0.0f, reached - window_right);
    }
    end_panel();
}

void transport::draw_help(const frame_context& f) {
    if (!f.view.show_help) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.9f, ImGui::GetFontSize() * 34), 0));
    bool open = true;
    if (ImGui::Begin("Keyboard shortcuts", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                                      ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
            ImGui::TableSetupColumn("Does");
            for (const auto& s : shortcut_table) {
                if (!*s.keys) continue;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what);
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("Mouse: click or drag on the timeline to move the cursor; wheel zooms,");
        ImGui::TextDisabled("right-drag pans; click a task's name to choose it for Up/Down.");
        ImGui::TextDisabled("Compare (C): arrows, Home/End and Space move one cursor through both runs; Esc leaves.");
        // The legend's meaning, for a timeline too short to show it (720p at 3x).
        ImGui::TextDisabled("Timeline bars: solid = running, hatched = ready, outlined = waiting; a thin line");
        ImGui::TextDisabled("ending in a dot, cross or slashed circle = returned, raised, cancelled.");
        if (ImGui::Button("Close (Esc)")) open = false;
    }
    ImGui::End();
    if (!open) f.view.show_help = false;
}

}  // namespace loopscope::gui
