#include "ascii_timeline.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace loopscope::terminal {
namespace {

enum class lane_state : std::uint8_t { absent, waiting, ready, running, done };

// Higher wins when several states share one column: a column where a task ran shows it ran.
int priority(lane_state s) {
    switch (s) {
        case lane_state::running: return 4;
        case lane_state::ready: return 3;
        case lane_state::waiting: return 2;
        case lane_state::done: return 1;
        case lane_state::absent: return 0;
    }
    return 0;
}

struct segment {
    double x0, x1;
    lane_state state;
};

struct lane {
    object_id task = 0;
    std::vector<segment> segments;
    lane_state state = lane_state::absent;
    double since = 0;
    double finished_at = -1;
    outcome end = outcome::result;
};

std::string fit(std::string s, std::size_t w) {
    if (s.size() > w) s = s.substr(0, w - 1) + "~";
    return s + std::string(w - s.size(), ' ');
}

}  // namespace

std::string task_label(const trace& t, object_id task) {
    const task_info& info = t.task(task);
    std::string name(t.string(info.name));
    if (info.created != no_event) {
        std::string_view fn = t.string(t.site_of(t[info.created]).function);
        // The site of task_created is where it was created; the coroutine is named by the task's
        // first suspension site instead, when there is one.
        for (event_index i = info.created; i < t.size(); ++i) {
            const trace_event& e = t[i];
            if (e.subject == task && (e.kind == event_kind::task_suspended || e.kind == event_kind::output) && e.site) {
                fn = t.string(t.site_of(e).function);
                break;
            }
        }
        if (!fn.empty() && fn != name) name += fmt::format(" ({})", fn);
    }
    return name;
}

std::string ascii_timeline(const trace& t, const ascii_options& o) {
    int label_width = 8;
    for (object_id id = 1; id < t.tasks().size(); ++id)
        label_width = std::max(label_width, static_cast<int>(task_label(t, id).size()));
    label_width = std::min(label_width, 30);
    const int cols = std::max(10, o.width - label_width - 2);

    // Hybrid axis: every step of a task takes width `a`, every second of time takes width `b`.
    std::size_t steps = 0;
    for (auto& e : t.events()) steps += e.kind == event_kind::task_resumed;
    double duration = t.end_time();
    double a = 0, b = 0;
    if (steps && duration > 0) {
        a = 0.4 * cols / static_cast<double>(steps);
        b = 0.6 * cols / duration;
    } else if (steps) {
        a = static_cast<double>(cols) / static_cast<double>(steps);
    } else if (duration > 0) {
        b = cols / duration;
    }

    std::vector<lane> lanes(t.tasks().size());
    for (object_id id = 1; id < lanes.size(); ++id) lanes[id].task = id;
    struct tick {
        double x;
        double time;
    };
    std::vector<tick> ticks{{0, 0}};
    double pos = 0, now = 0;
    auto set_state = [&](object_id id, lane_state s) {
        if (id == 0 || id >= lanes.size()) return;
        lane& l = lanes[id];
        if (l.state != lane_state::absent && pos > l.since) l.segments.push_back({l.since, pos, l.state});
        else if (l.state == lane_state::running) l.segments.push_back({l.since, std::max(pos, l.since + 0.01), l.state});
        l.state = s;
        l.since = pos;
    };
    for (event_index i = 0; i < t.size(); ++i) {
        const trace_event& e = t[i];
        switch (e.kind) {
            case event_kind::time_advanced: {
                double nt = t.times()[e.a].time;
                pos += b * (nt - now);
                now = nt;
                ticks.push_back({pos, now});
                break;
            }
            case event_kind::task_created: set_state(e.subject, lane_state::waiting); break;
            case event_kind::task_scheduled: set_state(e.subject, lane_state::ready); break;
            case event_kind::task_resumed: set_state(e.subject, lane_state::running); break;
            case event_kind::task_suspended:
                pos += a;
                set_state(e.subject, lane_state::waiting);
                break;
            case event_kind::task_finished:
                pos += a;
                set_state(e.subject, lane_state::done);
                if (e.subject < lanes.size()) {
                    lanes[e.subject].finished_at = pos;
                    lanes[e.subject].end = static_cast<outcome>(e.aux);
                }
                break;
            default: break;
        }
    }
    for (auto& l : lanes)
        if (l.state != lane_state::absent && l.state != lane_state::done && pos > l.since)
            l.segments.push_back({l.since, pos, l.state});

    const double scale = pos > 0 ? cols / pos : 1.0;
    auto glyph = [&](lane_state s) -> std::string_view {
        switch (s) {
            case lane_state::running: return o.unicode ? "█" : "#";
            case lane_state::ready: return o.unicode ? "▒" : "+";
            case lane_state::waiting: return o.unicode ? "─" : "-";
            default: return " ";
        }
    };
    std::string out;
    for (object_id id = 1; id < lanes.size(); ++id) {
        const lane& l = lanes[id];
        std::vector<lane_state> cells(static_cast<std::size_t>(cols), lane_state::absent);
        for (auto& s : l.segments) {
            int c0 = std::clamp(static_cast<int>(s.x0 * scale), 0, cols - 1);
            int c1 = std::clamp(static_cast<int>(std::ceil(s.x1 * scale)) - 1, c0, cols - 1);
            for (int c = c0; c <= c1; ++c)
                if (priority(s.state) > priority(cells[static_cast<std::size_t>(c)])) cells[static_cast<std::size_t>(c)] = s.state;
        }
        std::string row;
        for (auto s : cells) row += glyph(s);
        if (l.finished_at >= 0) {
            int c = std::clamp(static_cast<int>(l.finished_at * scale), 0, cols - 1);
            char mark = l.end == outcome::result ? 'v' : l.end == outcome::exception ? 'x' : 'c';
            // Replace the c-th glyph (rows may hold multi-byte glyphs when unicode is on).
            std::string rebuilt;
            for (int k = 0; k < cols; ++k) rebuilt += k == c ? std::string(1, mark) : std::string(glyph(cells[static_cast<std::size_t>(k)]));
            row = rebuilt;
        }
        out += fmt::format("{}|{}|\n", fit(task_label(t, id), static_cast<std::size_t>(label_width)), row);
    }

    // Time axis: a tick where the clock moved, labelled when there is room.
    std::string axis(static_cast<std::size_t>(cols), ' ');
    std::string labels(static_cast<std::size_t>(cols) + 8, ' ');
    int free_from = 0;
    for (auto& tk : ticks) {
        int c = std::clamp(static_cast<int>(tk.x * scale), 0, cols - 1);
        axis[static_cast<std::size_t>(c)] = '^';
        std::string text = fmt::format("{:g}s", tk.time);
        if (c >= free_from) {
            labels.replace(static_cast<std::size_t>(c), text.size(), text);
            free_from = c + static_cast<int>(text.size()) + 1;
        }
    }
    labels.resize(std::min(labels.size(), static_cast<std::size_t>(cols) + 1));  // a last label may not spill past the frame
    while (!labels.empty() && labels.back() == ' ') labels.pop_back();
    out += fmt::format("{}|{}|\n", fit("time", static_cast<std::size_t>(label_width)), axis);
    out += fmt::format("{} {}\n", std::string(static_cast<std::size_t>(label_width), ' '), labels);
    out += fmt::format("{}{} running  {} ready  {} waiting  v returned  x raised  c cancelled\n",
                       std::string(static_cast<std::size_t>(label_width) + 1, ' '), glyph(lane_state::running), glyph(lane_state::ready),
                       glyph(lane_state::waiting));
    out += fmt::format("{}(each task step gets its own width: what happens at one instant stays visible)\n",
                       std::string(static_cast<std::size_t>(label_width) + 1, ' '));
    return out;
}

std::string console_output(const trace& t) {
    std::string out;
    for (auto& line : t.output()) out += fmt::format("{:8.3f}  {}\n", line.time, line.text);
    return out;
}

std::string diagnostics(const trace& t) {
    std::string out;
    for (event_index i = 0; i < t.size(); ++i)
        if (t[i].kind == event_kind::diagnostic)
            out += fmt::format("{:8.3f}  {}: {}\n", t.time_at(i), to_string(static_cast<diagnostic_kind>(t[i].aux)),
                               t.string(t[i].b));
    return out;
}

std::string event_list(const trace& t) {
    std::string out;
    for (event_index i = 0; i < t.size(); ++i) out += describe(t, i) + "\n";
    return out;
}

}  // namespace loopscope::terminal
