#include "timeline_layout.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace loopscope::gui {

double nice_step(double min_step) {
    if (!(min_step > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(min_step)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= min_step) return m * p;
    return 10 * p;
}

std::string segment_text(const trace& t, const lane& l, const segment& s) {
    const auto label = t.string(s.label < t.strings().size() ? s.label : 0);
    switch (s.kind) {
        case segment_kind::suspended: return label.empty() ? std::string("waiting") : fmt::format("await {}", label);
        case segment_kind::ready: return "ready";
        case segment_kind::blocking: return "BLOCKING the loop";
        case segment_kind::finished:
            switch (static_cast<outcome>(s.detail)) {
                case outcome::result: return label.empty() ? std::string("done") : fmt::format("returned {}", label);
                case outcome::exception: return label.empty() ? std::string("raised") : fmt::format("raised {}", label);
                case outcome::cancelled: return "cancelled";
            }
            return "done";
        case segment_kind::loop_step: return std::string(t.task_name(s.who));
        case segment_kind::loop_idle: return "waiting for a timer";
        case segment_kind::running:
        case segment_kind::loop_busy: break;
    }
    (void)l;
    return {};
}

namespace {

struct mapping {
    const axis_window& w;
    const timeline_geometry& g;
    [[nodiscard]] float px(double x) const {
        return g.left + static_cast<float>((x - w.begin) / w.width() * g.width);
    }
    [[nodiscard]] double at(float p) const { return w.begin + static_cast<double>(p - g.left) / g.width * w.width(); }
};

void layout_ticks(const trace& t, const axis& ax, const mapping& m, const timeline_geometry& geo, timeline_layout& out) {
    const float min_gap = 90;  // pixels between labelled ticks
    const float right = geo.left + geo.width;
    const double units_per_px = m.w.width() / geo.width;
    if (ax.mode() == axis_mode::step || ax.mode() == axis_mode::time) {
        const double step = nice_step(units_per_px * min_gap);
        const double minor = step / 5;
        for (double v = std::ceil(m.w.begin / minor) * minor; v <= m.w.end; v += minor) {
            const float x = m.px(v);
            if (x < geo.left || x > right) continue;
            const bool major = std::fabs(std::remainder(v, step)) < minor * 0.01;
            std::string text;
            if (major) text = ax.mode() == axis_mode::step ? fmt::format("#{:.0f}", v) : fmt::format("{:g} s", v);
            out.ticks.push_back({x, major, std::move(text)});
        }
        return;
    }
    // Hybrid: time is not linear, so mark the moments the clock moved (epochs), spaced out.
    const auto epochs = t.times();
    const event_index first_visible = ax.event_at(m.w.begin);
    auto it = std::lower_bound(epochs.begin(), epochs.end(), first_visible,
                               [](const time_epoch& e, event_index v) { return e.first < v; });
    if (it != epochs.begin() && (it == epochs.end() || it->first > first_visible)) --it;
    while (it != epochs.end()) {
        const float x = std::max(m.px(ax.position(it->first)), geo.left);
        if (x > right) break;
        out.ticks.push_back({x, true, fmt::format("t = {:g} s", it->time)});
        const event_index skip_to = ax.event_at(m.at(x + min_gap));
        auto next = std::lower_bound(it + 1, epochs.end(), skip_to,
                                     [](const time_epoch& e, event_index v) { return e.first < v; });
        if (next == it) ++next;
        it = next;
    }
}

}  // namespace

timeline_layout layout_timeline(const timeline_model& model, const axis& ax, const axis_window& window,
                                const timeline_geometry& geo, event_index cursor, const measure_text& measure) {
    timeline_layout out;
    const trace& t = model.source();
    const float pitch = geo.lane_height + geo.lane_gap;
    out.content_height = static_cast<float>(model.lanes().size()) * pitch;
    if (t.size() == 0 || window.width() <= 0 || geo.width <= 1) return out;

    const mapping m{window, geo};
    const float right = geo.left + geo.width;
    const event_index e0 = ax.event_at(window.begin);
    const event_index e1 = ax.event_at(window.end);
    auto lane_y = [&](std::uint32_t li) { return geo.top + static_cast<float>(li) * pitch - geo.scroll_y; };

    for (std::uint32_t li = 0; li < model.lanes().size(); ++li) {
        const float y0 = lane_y(li), y1 = y0 + geo.lane_height;
        if (y1 < geo.top || y0 > geo.top + geo.height) continue;
        out.lanes.push_back({li, y0, y1});
        const auto& l = model.lanes()[li];
        const auto& segs = l.segments;
        auto k = static_cast<std::size_t>(
            std::partition_point(segs.begin(), segs.end(), [&](const segment& s) { return s.end <= e0; }) - segs.begin());
        const std::size_t lane_first_rect = out.rects.size();
        while (k < segs.size() && segs[k].begin <= e1) {
            const segment& s = segs[k];
            float x0 = std::max(m.px(ax.position(s.begin)), geo.left);
            float x1 = std::min(m.px(ax.position(s.end)), right);
            std::size_t next = k + 1;
            bool merged = false;
            if (x1 - x0 < 1.0f) {
                // Sub-pixel: take every segment that starts before the next pixel column in one record.
                const event_index boundary = ax.event_at(m.at(std::floor(x0) + 1.0f));
                next = static_cast<std::size_t>(std::partition_point(segs.begin() + static_cast<std::ptrdiff_t>(k) + 1, segs.end(),
                                                                     [&](const segment& c) { return c.begin <= boundary; }) -
                                                segs.begin());
                // The last one may start in this column yet be wide: it gets its own record.
                const auto& last = segs[next - 1];
                if (next > k + 1 && m.px(ax.position(last.end)) - m.px(ax.position(last.begin)) >= 1.0f) --next;
                merged = next > k + 1;
                x1 = std::min(std::max(m.px(ax.position(segs[next - 1].end)), x0 + 1.0f), right);
                auto& rects = out.rects;
                if (merged && rects.size() > lane_first_rect && rects.back().merged && rects.back().x1 >= x0 - 0.5f) {
                    rects.back().x1 = std::max(rects.back().x1, x1);
                    rects.back().merged_count += static_cast<std::uint32_t>(next - k);
                    k = next;
                    continue;
                }
            }
            out.rects.push_back({x0, y0, x1, y1, li, s.kind, s.detail, s.who, merged,
                                 static_cast<std::uint32_t>(next - k), static_cast<std::uint32_t>(k)});
            if (!merged && measure) {
                std::string text = segment_text(t, l, s);
                if (!text.empty() && measure(text) + 2 * geo.min_label_gap <= x1 - x0)
                    out.labels.push_back({x0 + geo.min_label_gap, (y0 + y1) / 2, x1 - geo.min_label_gap, li, std::move(text)});
            }
            k = next;
        }
    }

    // Arrows: only while they stay readable (roughly one per 8 px), else the lanes say enough.
    const auto& arrows = model.arrows();
    auto a0 = std::partition_point(arrows.begin(), arrows.end(), [&](const arrow& a) { return a.to < e0; });
    auto a1 = std::partition_point(a0, arrows.end(), [&](const arrow& a) { return a.to <= e1; });
    if (static_cast<float>(a1 - a0) > geo.width / 8) {
        out.arrows_hidden_for_density = true;
    } else {
        auto centre = [&](event_index i) { return m.px((ax.position(i) + ax.position(i + 1)) / 2); };
        for (auto a = a0; a != a1; ++a) {
            out.arrows.push_back({std::clamp(centre(a->from), geo.left, right), lane_y(a->from_lane) + geo.lane_height / 2,
                                  std::clamp(m.px(ax.position(a->to)), geo.left, right), lane_y(a->to_lane) + geo.lane_height / 2,
                                  a->from_lane, a->to_lane});
        }
    }

    layout_ticks(t, ax, m, geo, out);

    if (cursor < t.size()) {
        float c0 = m.px(ax.position(cursor)), c1 = m.px(ax.position(cursor + 1));
        c1 = std::max(c1, c0 + 2.0f);
        if (c1 >= geo.left && c0 <= right) {
            out.cursor_x0 = std::max(c0, geo.left);
            out.cursor_x1 = std::min(c1, right);
        }
    }
    return out;
}

int hit_rect(const timeline_layout& layout, float x, float y) {
    for (int i = static_cast<int>(layout.rects.size()) - 1; i >= 0; --i) {
        const auto& r = layout.rects[static_cast<std::size_t>(i)];
        if (x >= r.x0 && x < std::max(r.x1, r.x0 + 1) && y >= r.y0 && y < r.y1) return i;
    }
    return -1;
}

}  // namespace loopscope::gui
