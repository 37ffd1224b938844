#include "compare_view.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <fmt/format.h>

#include "view_commands.hpp"

namespace loopscope::gui {

namespace {

const char* kind_label(compare_kind k) {
    switch (k) {
        case compare_kind::presets: return "the lesson's programs";
        case compare_kind::javascript: return "Python vs JavaScript";
        case compare_kind::before_after: return "before vs after your knob change";
    }
    return "?";
}

bool tool_button(const char* label, const char* tip) {
    const bool pressed = ImGui::Button(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine();
    return pressed;
}

}  // namespace

void compare_view::open(compare_model m, compare_request r) {
    model_.emplace(std::move(m));
    request_ = std::move(r);
    cursor_ = 0;
    playing_ = false;
    play_clock_ = 0;
    // A little room after the longer run, so its end is visible.
    const double span = model_->span();
    window_ = span > 0 ? axis_window{0, span * 1.06}
                       : axis_window{0, static_cast<double>(std::max(model_->side(0).run.data->size(), model_->side(1).run.data->size()))};
    for (auto& v : views_) v = view_state{};
}

void compare_view::set_cursor(std::size_t k) {
    if (!model_) return;
    cursor_ = std::min(k, model_->steps() - 1);
}

void compare_view::handle_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!model_ || io.WantTextInput || io.KeyCtrl) return;
    const std::size_t last = model_->steps() - 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) {
        // Shift: to the next instant (the next moment the clock moves), as Shift+Right in a lesson.
        std::size_t k = std::min(cursor_ + 1, last);
        if (io.KeyShift) k = model_->step_at_time(std::nextafter(model_->time_of(cursor_), 1e300));
        set_cursor(k);
        playing_ = false;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) {
        std::size_t k = cursor_ == 0 ? 0 : cursor_ - 1;
        if (io.KeyShift) k = model_->step_at_time(model_->time_of(k));
        set_cursor(k);
        playing_ = false;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) set_cursor(0);
    if (ImGui::IsKeyPressed(GLFW_KEY_END)) set_cursor(last);
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
        if (!playing_ && cursor_ >= last) cursor_ = 0;
        playing_ = !playing_;
        play_clock_ = 0;
    }
    const double full = model_->span() > 0 ? model_->span() * 1.06 : window_.end;
    auto zoom = [&](double factor) {
        const double centre = model_->span() > 0 ? model_->time_of(cursor_) : (window_.begin + window_.end) / 2;
        const double w = std::clamp(window_.width() * factor, full * 1e-4, full);
        const double begin = std::clamp(centre - w / 2, 0.0, std::max(0.0, full - w));
        window_ = {begin, begin + w};
    };
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) zoom(0.5);
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) zoom(2.0);
    if (ImGui::IsKeyPressed(GLFW_KEY_0)) window_ = {0, full};
}

void compare_view::draw_toolbar(const frame_context& f, const rect& r) {
    if (begin_panel("##toolbar", r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(f.s.lesson ? fmt::format("Compare: {}", f.s.lesson->title).c_str() : "Compare");
        ImGui::SameLine(0, ImGui::GetFontSize() * 1.2f);
        if (model_) {
            const bool sym = f.fonts.symbols;
            const std::size_t last = model_->steps() - 1;
            if (tool_button(sym ? "|\u25C0##chome" : "|<##chome", "First step  (Home)")) set_cursor(0);
            if (tool_button(sym ? "\u25C0##cstep" : "<##cstep", "Previous step of either run  (Left)")) set_cursor(cursor_ == 0 ? 0 : cursor_ - 1);
            const char* play = playing_ ? (sym ? "\u25A0\u25A0 Pause" : "|| Pause") : (sym ? "\u25B6 Play" : "> Play");
            if (tool_button(play, "Play / pause both runs  (Space)")) {
                if (!playing_ && cursor_ >= last) cursor_ = 0;
                playing_ = !playing_;
            }
            if (tool_button(sym ? "\u25B6##cstep" : ">##cstep", "Next step of either run  (Right)")) set_cursor(cursor_ + 1);
            if (tool_button(sym ? "\u25B6|##cend" : ">|##cend", "Last step  (End)")) set_cursor(last);
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            ImGui::Text("t = %.3f s   step %zu / %zu", model_->time_of(cursor_), cursor_, last);
            ImGui::SameLine();
        }
        const float right_w = ImGui::GetFontSize() * 18;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + ImGui::GetFontSize(), ImGui::GetWindowContentRegionMax().x - right_w));
        if (tool_button("Back to the lesson (C)", "Leave the comparison  (C or Esc)")) apply(view_command::toggle_compare, f.view, f.s);
        if (tool_button(f.view.theme == theme_kind::light ? "Dark" : "Light", "Switch theme  (T)")) apply(view_command::toggle_theme, f.view, f.s);
        if (tool_button("F1 Help", "All keyboard shortcuts  (F1)")) apply(view_command::toggle_help, f.view, f.s);
    }
    end_panel();
}

std::optional<compare_request> compare_view::draw_choices(const frame_context& f, std::span<const compare_kind> offered) {
    std::optional<compare_request> out;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Compare");
    const auto* l = f.s.lesson;
    for (const auto k : offered) {
        ImGui::SameLine();
        const bool on = model_ && request_.kind == k;
        // Two presets: name them ("synchronous vs asynchronous"); more: pick two below.
        const std::string label = k == compare_kind::presets && l && l->compare.size() == 2
                                      ? fmt::format("{} vs {}", l->compare[0].label, l->compare[1].label)
                                      : kind_label(k);
        if (ImGui::RadioButton(label.c_str(), on) && !on) out = compare_request{k, 0, 1, {}};
    }
    // More than two presets: pick which two.
    if (model_ && l && request_.kind == compare_kind::presets && l->compare.size() > 2) {
        auto pick = [&](const char* id, std::size_t current, std::size_t other, bool first) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
            if (ImGui::BeginCombo(id, l->compare[current].label.c_str())) {
                for (std::size_t p = 0; p < l->compare.size(); ++p)
                    if (p != other && ImGui::Selectable(l->compare[p].label.c_str(), p == current)) {
                        compare_request r = request_;
                        (first ? r.a : r.b) = p;
                        out = r;
                    }
                ImGui::EndCombo();
            }
        };
        pick("##A", request_.a, request_.b, true);
        ImGui::SameLine();
        ImGui::TextUnformatted("vs");
        pick("##B", request_.b, request_.a, false);
    }
    return out;
}

void compare_view::draw_run(const frame_context& f, int i, const rect& r, float names_w) {
    const auto n = static_cast<std::size_t>(i);
    const compare_side& side = model_->side(i);
    view_state& v = views_[n];
    v.theme = f.view.theme;
    v.font_scale = f.view.font_scale;
    v.axis = model_->span() > 0 ? axis_mode::time : axis_mode::step;
    v.window = window_;
    v.window_valid = true;
    v.follow_cursor = false;
    v.playing = false;
    v.cursor = model_->shown(i, cursor_);
    const event_index shown = v.cursor;
    side.run.states->seek(now_[n], v.cursor);
    const frame_context fi{side.run, v, now_[n], f.colours, f.fonts, f.scale};
    blocks_[n] = r;
    const auto id = fmt::format("##compare_run{}", i);
    if (begin_panel(id.c_str(), r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        // "A  synchronous   program: only the synchronous calls   took 3.0 s"
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::PushFont(f.fonts.ui_large);
        const float pad = ImGui::GetTextLineHeight() * 0.2f;
        const ImU32 accent = lane_colour(i == 0 ? 0 : 2);
        const float w = chip(dl, ImGui::GetCursorScreenPos(), i == 0 ? "A" : "B", accent, readable_text_on(accent), pad);
        ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        ImGui::TextUnformatted(side.label.c_str());
        ImGui::SameLine(0, ImGui::GetFontSize());
        ImGui::Text("took %.1f s", model_->total_time(i));
        ImGui::PopFont();
        if (!side.detail.empty()) {
            ImGui::SameLine(0, ImGui::GetFontSize());
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", side.detail.c_str());
        }
        const axis_window before = v.window;
        timelines_[n].draw_lanes(fi, names_w);
        // The student clicked or dragged in this run: the shared cursor follows; zoom is shared.
        if (v.cursor != shown) {
            cursor_ = model_->step_of(i, v.cursor);
            playing_ = false;
        }
        if (v.window.begin != before.begin || v.window.end != before.end) window_ = v.window;
        // Where this run ends: a firm grey line (the cursor is the black one), so "3 s against
        // 1 s" reads at a glance.
        const rect& lanes = timelines_[n].last_lanes();
        if (v.axis == axis_mode::time && window_.width() > 0) {
            const float x = lanes.x + static_cast<float>((model_->total_time(i) - window_.begin) / window_.width()) * lanes.w;
            if (x >= lanes.x && x <= lanes.x + lanes.w)
                dl->AddLine(ImVec2(x, lanes.y - ImGui::GetTextLineHeight() * 0.4f), ImVec2(x, lanes.y + lanes.h), f.colours.text_dim,
                            std::max(3.0f, f.scale * 3));
        }
    }
    end_panel();
}

std::optional<compare_request> compare_view::draw(const frame_context& f, const rect& r, std::span<const compare_kind> offered,
                                                  double dt) {
    std::optional<compare_request> out;
    const float line = ImGui::GetTextLineHeight();
    const float header_h = std::round(line * 2.2f);
    if (begin_panel("##compare_choices", {r.x, r.y, r.w, header_h}, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (offered.empty())
            ImGui::TextWrapped("This lesson has nothing to compare yet: change a knob on the left, and compare the run before with the run after.");
        else
            out = draw_choices(f, offered);
    }
    end_panel();
    if (!model_) return out;

    if (playing_) {
        play_clock_ += dt * f.view.speed;
        const double whole = std::floor(play_clock_);
        play_clock_ -= whole;
        set_cursor(cursor_ + static_cast<std::size_t>(whole));
        if (cursor_ >= model_->steps() - 1) playing_ = false;
    }
    // One run above the other (a projector is wide, not tall): lanes on the left, output on the right.
    const float body_y = r.y + header_h, body_h = r.h - header_h;
    const float block_h = std::floor(body_h / 2);
    const float lanes_w = std::round(r.w * 0.64f);
    float names_w = 0;
    for (int i = 0; i < 2; ++i) {
        const auto n = static_cast<std::size_t>(i);
        const frame_context fi{model_->side(i).run, views_[n], now_[n], f.colours, f.fonts, f.scale};
        names_w = std::max(names_w, timeline_panel::names_width(fi, lanes_w));
    }
    for (int i = 0; i < 2; ++i) {
        const auto n = static_cast<std::size_t>(i);
        const rect block{r.x, body_y + block_h * static_cast<float>(i), lanes_w, block_h};
        draw_run(f, i, block, names_w);
        const frame_context fi{model_->side(i).run, views_[n], now_[n], f.colours, f.fonts, f.scale};
        const auto title = fmt::format("Output of {}: {}##compare_out{}", i == 0 ? "A" : "B", model_->side(i).label, i);
        consoles_[n].draw(fi, {r.x + lanes_w, block.y, r.w - lanes_w, block_h}, title.c_str());
    }
    // The shared moment: a line at the cursor's virtual time through both runs' lanes.
    if (model_->span() > 0 && window_.width() > 0) {
        ImDrawList* dl = ImGui::GetForegroundDrawList();
        for (const auto& t : timelines_) {
            const rect& lanes = t.last_lanes();
            const float x = lanes.x + static_cast<float>((model_->time_of(cursor_) - window_.begin) / window_.width()) * lanes.w;
            if (x >= lanes.x && x <= lanes.x + lanes.w)
                dl->AddLine(ImVec2(x, lanes.y), ImVec2(x, lanes.y + lanes.h), with_alpha(f.colours.cursor, 0.6f), std::max(2.0f, f.scale * 2));
        }
    }
    return out;
}

}  // namespace loopscope::gui
