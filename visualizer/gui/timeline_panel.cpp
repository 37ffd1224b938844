#include "timeline_panel.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "view_commands.hpp"

namespace loopscope::gui {

namespace {

ImU32 rect_colour(const frame_context& f, const draw_rect& r) {
    switch (r.kind) {
        case segment_kind::loop_busy: return f.colours.loop_busy;
        case segment_kind::loop_idle: return f.colours.loop_idle;
        default: return f.task_colour(r.who);
    }
}

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, float size, ImU32 colour) {
    ImVec2 d(tip.x - from.x, tip.y - from.y);
    const float len = std::sqrt(d.x * d.x + d.y * d.y);
    if (len < 1e-3f) return;
    d = ImVec2(d.x / len, d.y / len);
    const ImVec2 n(-d.y, d.x);
    dl->AddTriangleFilled(tip, ImVec2(tip.x - d.x * size + n.x * size * 0.5f, tip.y - d.y * size + n.y * size * 0.5f),
                          ImVec2(tip.x - d.x * size - n.x * size * 0.5f, tip.y - d.y * size - n.y * size * 0.5f), colour);
}

// A segment's look by kind (a merged record is drawn as its dominant kind).
void paint_segment(ImDrawList* dl, const palette& p, const draw_rect& r, ImU32 c, ImVec2 a, ImVec2 b, float stroke, float lanes_x) {
    const float h = r.y1 - r.y0;
    switch (r.kind) {
        case segment_kind::running: dl->AddRectFilled(a, b, c); break;
        case segment_kind::blocking:
            dl->AddRectFilled(a, b, c);
            hatch(dl, a, b, p.failure, h * 0.5f, stroke * 1.5f);
            dl->AddRect(a, b, p.failure, 0, 0, stroke * 1.5f);
            break;
        case segment_kind::ready:
            dl->AddRectFilled(a, b, with_alpha(c, 0.16f));
            hatch(dl, a, b, with_alpha(c, 0.85f), std::max(5.0f, h / 3), stroke);
            break;
        case segment_kind::suspended:
            dl->AddRectFilled(a, b, with_alpha(c, 0.07f));
            dl->AddRect(ImVec2(a.x + stroke / 2, a.y + stroke / 2), ImVec2(b.x - stroke / 2, b.y - stroke / 2), c, 2, 0, stroke * 1.3f);
            break;
        case segment_kind::finished: {
            const float cy = (r.y0 + r.y1) / 2;
            dl->AddLine(ImVec2(a.x, cy), ImVec2(b.x, cy), with_alpha(c, 0.5f), stroke);
            if (r.merged || r.x0 <= lanes_x + 0.5f) break;  // started left of the view: its marker is off-screen
            outcome_marker(dl, ImVec2(a.x + h * 0.35f, cy), h * 0.3f, static_cast<outcome>(r.detail), c, p.failure);
            break;
        }
        case segment_kind::loop_step: dl->AddRectFilled(ImVec2(a.x, a.y + h * 0.12f), ImVec2(b.x, b.y - h * 0.12f), c); break;
        case segment_kind::loop_busy: {
            const float cy = (r.y0 + r.y1) / 2;
            dl->AddRectFilled(ImVec2(a.x, cy - h * 0.12f), ImVec2(b.x, cy + h * 0.12f), c);
            break;
        }
        case segment_kind::loop_idle: hatch(dl, a, b, with_alpha(c, 0.7f), std::max(6.0f, h / 2.5f), 1); break;
    }
}

// On a merged record: a solid band on top where the task also ran (red if it blocked), so short
// steps never vanish when zoomed out, and a dashed line underneath saying "several states here".
void paint_merged_marks(ImDrawList* dl, const palette& p, const draw_rect& r, ImU32 c, ImVec2 a, ImVec2 b) {
    const float h = r.y1 - r.y0;
    if (r.has(segment_kind::blocking)) dl->AddRectFilled(a, ImVec2(b.x, a.y + h * 0.3f), p.failure);
    else if (r.ran() && class_of(r.kind) != state_class::running) dl->AddRectFilled(a, ImVec2(b.x, a.y + h * 0.3f), c);
    mixed_mark(dl, ImVec2(a.x, b.y - std::max(2.0f, h * 0.1f)), b, p.text);
}

// Before an item `w` wide: a new row when it would pass the panel's edge (a narrow timeline's
// legend flows onto a second row rather than being cut).
void flow(float w) {
    if (ImGui::GetContentRegionAvail().x < w) {
        ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
    }
}

void legend_item(const frame_context& f, task_state state, outcome o, const char* text, bool flows = false) {
    const float h = ImGui::GetTextLineHeight();
    if (flows) flow(h * 1.9f + ImGui::CalcTextSize(text).x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 a(p.x, p.y + h * 0.15f), b(p.x + h * 1.6f, p.y + h * 0.85f);
    state_swatch(ImGui::GetWindowDrawList(), a, b, state, o, lane_colour(0), f.colours);
    ImGui::Dummy(ImVec2(h * 1.6f, h));
    ImGui::SameLine(0, h * 0.3f);
    ImGui::TextUnformatted(text);
    ImGui::SameLine(0, h * 0.9f);
}

// A narrow timeline's one legend item for the three ends: ● returned, ✕ raised, ⊘ cancelled.
void finished_legend_item(const frame_context& f) {
    const float h = ImGui::GetTextLineHeight();
    const char* text = "finished";
    flow(h * 3.4f + ImGui::CalcTextSize(text).x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cy = p.y + h * 0.5f, r = h * 0.7f * 0.32f;
    const ImU32 c = lane_colour(0);
    dl->AddLine(ImVec2(p.x, cy), ImVec2(p.x + h * 3.1f, cy), with_alpha(c, 0.6f), 2);
    const outcome ends[] = {outcome::result, outcome::exception, outcome::cancelled};
    for (int i = 0; i < 3; ++i) outcome_marker(dl, ImVec2(p.x + h * (0.45f + 1.1f * static_cast<float>(i)), cy), r, ends[i], c, f.colours.failure);
    ImGui::Dummy(ImVec2(h * 3.1f, h));
    ImGui::SameLine(0, h * 0.3f);
    ImGui::TextUnformatted(text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("finished: returned (dot), raised (cross) or cancelled (slashed circle)");
    ImGui::SameLine(0, h * 0.9f);
}

}  // namespace

void timeline_panel::draw_header(const frame_context& f, bool narrow) {
    // A timeline both narrow and very short (720p at 3x) would spend most of its height on the
    // legend's two rows and show one lane: the lanes win (a bar's tooltip and F1 say the states).
    if (narrow && ImGui::GetContentRegionAvail().y < 12 * ImGui::GetTextLineHeightWithSpacing()) return;
    ImGui::AlignTextToFramePadding();
    // narrow: the axis is a menu in the corner above the lane names (see draw), the legend shows
    // the three ends as one item and flows onto a second row where even that is too wide.
    legend_item(f, task_state::running, outcome::result, "running", narrow);
    legend_item(f, task_state::ready, outcome::result, "ready", narrow);
    legend_item(f, task_state::suspended, outcome::result, "waiting", narrow);
    if (narrow) {
        finished_legend_item(f);
    } else {
        legend_item(f, task_state::finished, outcome::result, "returned");
        legend_item(f, task_state::finished, outcome::exception, "raised");
        legend_item(f, task_state::finished, outcome::cancelled, "cancelled");
    }
    if (layout_.any_merged) {  // zoomed out: say what a merged pixel looks like
        const float h = ImGui::GetTextLineHeight();
        if (narrow) flow(h * 1.9f + ImGui::CalcTextSize("several in a pixel").x);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 a(p.x, p.y + h * 0.15f), b(p.x + h * 1.6f, p.y + h * 0.85f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImU32 c = lane_colour(0);
        dl->AddRectFilled(a, b, with_alpha(c, 0.16f));
        hatch(dl, a, b, with_alpha(c, 0.85f), std::max(5.0f, (b.y - a.y) / 3), 1);
        dl->AddRectFilled(a, ImVec2(b.x, a.y + (b.y - a.y) * 0.3f), c);
        mixed_mark(dl, ImVec2(a.x, b.y - std::max(2.0f, (b.y - a.y) * 0.1f)), b, f.colours.text);
        ImGui::Dummy(ImVec2(h * 1.6f, h));
        ImGui::SameLine(0, h * 0.3f);
        ImGui::TextUnformatted("several in a pixel");
        ImGui::SameLine(0, h * 0.9f);
    }
    if (narrow) {
        ImGui::NewLine();  // undoes the SameLine: the lanes start below this row
        return;
    }
    // A narrow timeline (a short window's), when the layout gave it the room: the axis buttons on
    // a row of their own.
    if (header_wraps_) {
        ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
    } else {
        ImGui::TextDisabled("|");
        ImGui::SameLine();
    }
    ImGui::TextUnformatted("Axis:");
    const ImVec2 axis_min = ImGui::GetItemRectMin();
    for (auto [mode, cmd] : {std::pair{axis_mode::hybrid, view_command::axis_hybrid}, {axis_mode::step, view_command::axis_step},
                             {axis_mode::time, view_command::axis_time}}) {
        ImGui::SameLine();
        if (ImGui::RadioButton(to_string(mode), f.view.axis == mode) && f.view.axis != mode) apply(cmd, f.view, f.s);
    }
    ImGui::SameLine();
    if (ImGui::Button("Fit")) apply(view_command::zoom_fit, f.view, f.s);
    axis_control_ = {axis_min.x, axis_min.y, ImGui::GetItemRectMax().x - axis_min.x, ImGui::GetItemRectMax().y - axis_min.y};
    ImGui::SameLine();
    const char* hint = "wheel: zoom   drag: move cursor   right-drag: pan";
    if (ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(hint).x) ImGui::TextDisabled("%s", hint);
    else ImGui::NewLine();  // undoes the SameLine: the lanes start below this row
}

void timeline_panel::draw(const frame_context& f, const rect& r) {
    // The panel scrolls and zooms by itself: the window must not eat the wheel.
    // No title bar: the legend row says what this is and saves a line for the lanes.
    if (begin_panel("Timeline", r, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoTitleBar) &&
        !f.s.empty()) {
        // Narrower than legend and axis buttons, without a second row for them (a short
        // window's timeline).
        const bool narrow = !header_wraps_ && timeline_header_wraps(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight());
        draw_header(f, narrow);
        if (!f.view.window_valid) fit_window(f.view, f.s);
        const ImVec2 corner = ImGui::GetCursorScreenPos();
        draw_lanes(f);
        if (narrow) draw_axis_menu(f, {corner.x, corner.y, lanes_rect_.x - corner.x, lanes_rect_.y - corner.y});
    }
    end_panel();
}

void timeline_panel::draw_axis_menu(const frame_context& f, const rect& corner) {
    // In the corner above the lane names, left of the tick labels: a menu for the axis and Fit.
    ImGui::SetCursorScreenPos(ImVec2(corner.x, corner.y));
    const float w = corner.w - ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(w);
    // A narrow name column: the mode's name whole rather than the arrow.
    const char* shown = to_string(f.view.axis);
    const bool arrow = w >= ImGui::CalcTextSize(shown).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
    const bool open = ImGui::BeginCombo("##axis", shown, arrow ? 0 : ImGuiComboFlags_NoArrowButton);
    axis_control_ = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
    if (!open && ImGui::IsItemHovered()) ImGui::SetTooltip("The timeline's axis: hybrid, steps or time (keys 1 / 2 / 3)");
    if (open) {
        for (auto [mode, cmd] : {std::pair{axis_mode::hybrid, view_command::axis_hybrid}, {axis_mode::step, view_command::axis_step},
                                 {axis_mode::time, view_command::axis_time}})
            if (ImGui::Selectable(fmt::format("{} axis", to_string(mode)).c_str(), f.view.axis == mode) && f.view.axis != mode)
                apply(cmd, f.view, f.s);
        ImGui::Separator();
        if (ImGui::Selectable("Fit (key 0)")) apply(view_command::zoom_fit, f.view, f.s);
        ImGui::EndCombo();
    }
}

float timeline_panel::names_width(const frame_context& f, float avail_w) {
    const float line = ImGui::GetTextLineHeight();
    float names_w = line * 4;
    for (const auto& l : f.s.timeline->lanes()) names_w = std::max(names_w, ImGui::CalcTextSize(l.name.c_str()).x + line * 2.2f);
    return std::min(names_w, avail_w * 0.22f);
}

void timeline_panel::draw_lanes(const frame_context& f, float names_w) {
    {  // draw()'s former body, kept at its indentation so concurrent edits to it merge cleanly
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float line = ImGui::GetTextLineHeight();
        // The widest lane name, measured once per run and text size (a thousand lanes would cost
        // a thousand text measurements every frame).
        if (names_w <= 0 && (names_for_ != f.s.timeline.get() || names_line_ != line || names_lanes_ != f.s.timeline->lanes().size())) {
            names_for_ = f.s.timeline.get();
            names_lanes_ = f.s.timeline->lanes().size();
            names_line_ = line;
            names_w_ = line * 4;
            for (const auto& l : f.s.timeline->lanes()) names_w_ = std::max(names_w_, ImGui::CalcTextSize(l.name.c_str()).x + line * 2.2f);
        }
        if (names_w <= 0) names_w = std::min(names_w_, avail.x * 0.22f);  // else: the caller aligns several timelines
        // Two rows: tick labels on top, the cursor's marker below them (they never overlap).
        const float axis_h = std::round(line * 1.6f);
        const rect names{origin.x, origin.y + axis_h, names_w, std::max(0.0f, avail.y - axis_h)};
        const rect lanes{origin.x + names_w, origin.y + axis_h, std::max(1.0f, avail.x - names_w - line * 0.5f), names.h};
        lanes_rect_ = lanes;

        timeline_geometry geo;
        geo.left = lanes.x;
        geo.top = lanes.y;
        geo.width = lanes.w;
        geo.height = lanes.h;
        // Few tasks: taller lanes (easier to read from the back of a room); many: at least 1.5 lines.
        const auto lane_count = static_cast<float>(f.s.timeline->lanes().size());
        geo.lane_gap = std::round(line * lane_size_.gap);
        geo.lane_height = std::round(std::clamp(lanes.h / lane_count - geo.lane_gap, line * lane_size_.height, line * 2.4f));
        geo.min_label_gap = std::round(line * 0.3f);
        const float max_scroll = std::max(0.0f, static_cast<float>(f.s.timeline->lanes().size()) * (geo.lane_height + geo.lane_gap) - lanes.h);
        scroll_y_ = std::clamp(scroll_y_, 0.0f, max_scroll);
        geo.scroll_y = scroll_y_;

        keep_cursor_visible(f.view, f.s);
        const axis ax(*f.s.data, f.view.axis);
        layout_timeline(*f.s.timeline, ax, f.view.window, geo, f.view.cursor,
                        [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; }, layout_);
        handle_mouse(f, names, lanes, axis_h);
        paint(f, ImGui::GetWindowDrawList(), names, lanes, axis_h);
    }
}

void timeline_panel::handle_mouse(const frame_context& f, const rect& names, const rect& lanes, float axis_h) {
    ImGuiIO& io = ImGui::GetIO();
    const axis ax(*f.s.data, f.view.axis);
    auto axis_at = [&](float x) { return f.view.window.begin + static_cast<double>(x - lanes.x) / lanes.w * f.view.window.width(); };

    ImGui::SetCursorScreenPos(ImVec2(lanes.x, lanes.y - axis_h));
    ImGui::InvisibleButton("##lanes", ImVec2(lanes.w, lanes.h + axis_h),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = io.MousePos;

    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) scrubbing_ = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) scrubbing_ = false;
    if (scrubbing_) {
        f.view.cursor = std::min(ax.event_at(axis_at(std::clamp(mouse.x, lanes.x, lanes.x + lanes.w - 1))), f.s.last());
        f.view.playing = false;
    }
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
        const double per_px = f.view.window.width() / lanes.w;
        const double shift = -static_cast<double>(io.MouseDelta.x) * per_px;
        const double w = f.view.window.width();
        const double begin = std::clamp(f.view.window.begin + shift, 0.0, std::max(0.0, ax.end() - w));
        f.view.window = {begin, begin + w};
        f.view.follow_cursor = false;
        scroll_y_ -= io.MouseDelta.y;
    }
    if (hovered && io.MouseWheel != 0) {
        if (io.KeyShift) {  // pan
            const double w = f.view.window.width();
            const double begin = std::clamp(f.view.window.begin - io.MouseWheel * w * 0.1, 0.0, std::max(0.0, ax.end() - w));
            f.view.window = {begin, begin + w};
            f.view.follow_cursor = false;
        } else {
            zoom_window(f.view, f.s, std::pow(0.8, io.MouseWheel), axis_at(mouse.x));
        }
    }
    if (names.contains(mouse.x, mouse.y) && io.MouseWheel != 0) scroll_y_ -= io.MouseWheel * ImGui::GetTextLineHeight() * 3;

    // Hover: highlight the task everywhere; tooltip on the segment.
    f.view.hovered_task = 0;
    for (const auto& h : layout_.lanes) {
        const bool in_row = mouse.y >= h.y0 && mouse.y < h.y1 && mouse.x >= names.x && mouse.x < lanes.x + lanes.w;
        if (!in_row) continue;
        f.view.hovered_task = f.s.timeline->lanes()[h.lane].task;
        if (names.contains(mouse.x, mouse.y) && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && f.view.hovered_task != 0) {
            f.view.chosen_task = f.view.chosen_task == f.view.hovered_task ? 0 : f.view.hovered_task;
        }
    }
    if (hovered && !scrubbing_) {
        const int hit = hit_rect(layout_, mouse.x, mouse.y);
        if (hit >= 0) tooltip(f, hit);
    }
}

void timeline_panel::tooltip(const frame_context& f, int hit) const {
    const draw_rect& r = layout_.rects[static_cast<std::size_t>(hit)];
    const auto& l = f.s.timeline->lanes()[r.lane];
    const auto& seg = l.segments[r.segment];
    const trace& t = *f.s.data;
    ImGui::BeginTooltip();
    if (r.merged) {
        const double total = static_cast<double>(r.end - r.begin);
        ImGui::Text("%s: %u segments in these %.0f pixels", l.name.c_str(), r.merged_count, std::max(1.0f, r.x1 - r.x0));
        std::string shares;
        const char* names[] = {l.task ? "running" : "running steps", l.task ? "ready" : "own work", l.task ? "waiting" : "idle", "finished"};
        for (std::size_t c = 0; c < state_class_count; ++c)
            if (r.events[c] > 0 && total > 0)
                shares += fmt::format("{}{} {:.0f}%", shares.empty() ? "" : ",  ", names[c], 100.0 * r.events[c] / total);
        ImGui::TextUnformatted(shares.c_str());
        if (r.has(segment_kind::blocking)) ImGui::TextUnformatted("It BLOCKED the loop in here.");
        ImGui::TextDisabled("steps #%u to #%u", r.begin, r.end > r.begin ? r.end - 1 : r.begin);
        ImGui::TextDisabled("Zoom in (mouse wheel or +) to see them one by one.");
    } else {
        const char* state = "";
        switch (seg.kind) {
            case segment_kind::running: state = "running"; break;
            case segment_kind::ready: state = "ready (queued, waiting for its turn)"; break;
            case segment_kind::suspended: state = "suspended"; break;
            case segment_kind::blocking: state = "running, BLOCKING the loop"; break;
            case segment_kind::finished: state = "finished"; break;
            case segment_kind::loop_step: state = "running a task's step"; break;
            case segment_kind::loop_busy: state = "the loop's own work"; break;
            case segment_kind::loop_idle: state = "idle: waiting for the next timer"; break;
        }
        ImGui::Text("%s: %s", l.name.c_str(), state);
        const auto text = segment_text(t, l, seg);
        if (!text.empty() && seg.kind != segment_kind::ready) ImGui::TextUnformatted(text.c_str());
        const event_index last = seg.end > seg.begin ? seg.end - 1 : seg.begin;
        ImGui::TextDisabled("steps #%u to #%u,  t = %.3f s to %.3f s", seg.begin, last, t.time_at(seg.begin),
                            seg.end < t.size() ? t.time_at(seg.end) : t.end_time());
        ImGui::TextDisabled("Click to move the cursor here.");
    }
    ImGui::EndTooltip();
}

void timeline_panel::paint(const frame_context& f, ImDrawList* dl, const rect& names, const rect& lanes, float axis_h) {
    const palette& p = f.colours;
    const float line = ImGui::GetTextLineHeight();
    const float right = lanes.x + lanes.w;
    const ImVec2 clip_min(names.x, lanes.y - axis_h), clip_max(right, lanes.y + lanes.h);

    // Lane backgrounds and names.
    dl->PushClipRect(ImVec2(names.x, lanes.y), clip_max, true);
    for (const auto& h : layout_.lanes) {
        const auto& l = f.s.timeline->lanes()[h.lane];
        const float pad = (h.y1 - h.y0) * 0.12f;
        dl->AddRectFilled(ImVec2(names.x, h.y0 - pad), ImVec2(right, h.y1 + pad), p.lane_bg);
        const ImU32 colour = l.task ? lane_colour(l.colour_slot) : p.loop_busy;
        const float sw = line * 0.8f, cy = (h.y0 + h.y1) / 2;
        dl->AddRectFilled(ImVec2(names.x + line * 0.3f, cy - sw / 2), ImVec2(names.x + line * 0.3f + sw, cy + sw / 2), colour, 2);
        const bool chosen = l.task != 0 && l.task == f.view.chosen_task;
        const bool hot = l.task != 0 && l.task == f.view.hovered_task;
        dl->AddText(ImVec2(names.x + line * 1.4f, cy - line / 2), l.task ? p.text : p.text_dim, l.name.c_str());
        if (hot) dl->AddLine(ImVec2(names.x + line * 1.4f, cy + line / 2), ImVec2(names.x + names.w - line * 0.3f, cy + line / 2), p.text, 1);
        if (chosen) dl->AddRect(ImVec2(names.x + 1, h.y0 - pad + 1), ImVec2(names.x + names.w - 2, h.y1 + pad - 1), p.text, 3, 0, 2);
    }
    dl->PopClipRect();

    dl->PushClipRect(clip_min, clip_max, true);
    // Grid and tick labels.
    for (const auto& t : layout_.ticks) {
        dl->AddLine(ImVec2(t.x, lanes.y - axis_h * (t.major ? 0.9f : 0.2f)), ImVec2(t.x, lanes.y), p.text_dim, 1);
        if (t.major) {
            dl->AddLine(ImVec2(t.x, lanes.y), ImVec2(t.x, lanes.y + lanes.h), with_alpha(p.grid, 0.7f), 1);
            dl->AddText(ImVec2(t.x + std::max(3.0f, line * 0.2f), lanes.y - axis_h), p.text_dim, t.text.c_str());
        }
    }
    dl->PopClipRect();

    dl->PushClipRect(ImVec2(lanes.x, lanes.y), clip_max, true);
    const float stroke = std::max(1.0f, std::round(f.scale * 1.5f));
    for (const auto& r : layout_.rects) {
        const ImU32 c = rect_colour(f, r);
        const ImVec2 a(r.x0, r.y0), b(std::max(r.x1, r.x0 + 1), r.y1);
        paint_segment(dl, p, r, c, a, b, stroke, lanes.x);
        if (r.merged) paint_merged_marks(dl, p, r, c, a, b);
    }
    // Labels: dark on light fills, light on dark fills.
    for (const auto& l : layout_.labels) {
        dl->PushClipRect(ImVec2(l.x, lanes.y), ImVec2(l.clip_x1, lanes.y + lanes.h), true);
        ImU32 text = p.text;
        // Loop-step labels sit on a solid lane colour.
        if (l.rect < layout_.rects.size() && layout_.rects[l.rect].kind == segment_kind::loop_step)
            text = readable_text_on(rect_colour(f, layout_.rects[l.rect]));
        dl->AddText(ImVec2(l.x, l.y - line / 2), text, l.text.c_str());
        dl->PopClipRect();
    }
    // Cause -> resume arrows.
    for (const auto& a : layout_.arrows) {
        const ImVec2 p0(a.x0, a.y0), p1(a.x1, a.y1);
        const float dx = std::max(std::fabs(p1.x - p0.x) * 0.5f, line);
        const ImU32 c = with_alpha(p.arrow, 0.75f);
        dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p1.x - dx, p1.y), p1, c, stroke);
        dl->AddCircleFilled(p0, stroke * 1.6f, c);
        arrow_head(dl, p1, ImVec2(p1.x - dx, p1.y), line * 0.55f, c);
    }
    dl->PopClipRect();

    // The cursor on top of everything, down through the axis strip.
    if (layout_.cursor_x0 >= 0) {
        dl->PushClipRect(clip_min, clip_max, true);
        dl->AddRectFilled(ImVec2(layout_.cursor_x0, lanes.y), ImVec2(layout_.cursor_x1, lanes.y + lanes.h), p.cursor_band);
        dl->AddLine(ImVec2(layout_.cursor_x0, lanes.y), ImVec2(layout_.cursor_x0, lanes.y + lanes.h), p.cursor, std::max(2.0f, stroke));
        // The marker sits in the axis strip's lower row, under the tick labels' row.
        const float s = std::min(line * 0.5f, axis_h - line - 1);
        dl->AddTriangleFilled(ImVec2(layout_.cursor_x0 - s, lanes.y - s), ImVec2(layout_.cursor_x0 + s, lanes.y - s),
                              ImVec2(layout_.cursor_x0, lanes.y), p.cursor);
        dl->PopClipRect();
    }
    if (layout_.arrows_hidden_for_density)
        dl->AddText(ImVec2(right - ImGui::CalcTextSize("arrows hidden: zoom in").x - 4, lanes.y + lanes.h - line), p.text_dim,
                    "arrows hidden: zoom in");
}

}  // namespace loopscope::gui
