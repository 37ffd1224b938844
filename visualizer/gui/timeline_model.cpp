#include "timeline_model.hpp"

#include <algorithm>
#include <unordered_map>

namespace loopscope::gui {

const char* to_string(axis_mode m) {
    switch (m) {
        case axis_mode::step: return "Steps";
        case axis_mode::time: return "Time";
        case axis_mode::hybrid: return "Hybrid";
    }
    return "?";
}

axis::axis(const trace& t, axis_mode mode) : trace_(&t), mode_(mode) {
    const double end_time = t.end_time();
    if (mode == axis_mode::time) time_weight_ = 1.0;
    // Hybrid: the run's duration gets as much width as all its events, so both stay readable.
    if (mode == axis_mode::hybrid && end_time > 0) time_weight_ = static_cast<double>(t.size()) / end_time;
}

double axis::time_at(event_index i) const {
    return i >= trace_->size() ? trace_->end_time() : trace_->time_at(i);
}

double axis::position(event_index i) const {
    switch (mode_) {
        case axis_mode::step: return static_cast<double>(i);
        case axis_mode::time: return time_at(i);
        case axis_mode::hybrid: return static_cast<double>(i) + time_weight_ * time_at(i);
    }
    return 0;
}

event_index axis::event_at(double x) const {
    const auto n = static_cast<event_index>(trace_->size());
    if (n == 0) return 0;
    // Last event that begins at or before x; position() is non-decreasing.
    event_index lo = 0, hi = n;  // answer in [lo, hi)
    while (hi - lo > 1) {
        const event_index mid = lo + (hi - lo) / 2;
        if (position(mid) <= x) lo = mid; else hi = mid;
    }
    return lo;
}

namespace {

struct lane_builder {
    std::vector<lane>& lanes;

    void open(std::uint32_t lane_index, segment s) {
        auto& segs = lanes[lane_index].segments;
        if (!segs.empty()) {
            auto& last = segs.back();
            if (last.begin == s.begin) {  // zero-length: the newer state wins
                last = s;
                merge_with_previous(segs);
                return;
            }
            last.end = s.begin;
            if (same_state(last, s)) return;  // still one segment
        }
        segs.push_back(s);
    }
    static bool same_state(const segment& a, const segment& b) {
        return a.kind == b.kind && a.who == b.who && a.detail == b.detail && a.label == b.label;
    }
    static void merge_with_previous(std::vector<segment>& segs) {
        if (segs.size() >= 2 && same_state(segs[segs.size() - 2], segs.back())) segs.pop_back();
    }
};

}  // namespace

timeline_model::timeline_model(const trace& t) : trace_(&t) {
    const auto n = static_cast<event_index>(t.size());
    lanes_.push_back({0, "event loop", 0, {}});
    lane_of_task_.assign(t.tasks().size(), 0);
    lane_builder build{lanes_};

    auto lane_for = [&](object_id task) -> std::uint32_t {
        if (task >= lane_of_task_.size()) lane_of_task_.resize(task + 1, 0);
        if (lane_of_task_[task] == 0) {
            lane_of_task_[task] = static_cast<std::uint32_t>(lanes_.size());
            lanes_.push_back({task, std::string(t.task_name(task)), static_cast<std::uint32_t>(lanes_.size() - 1), {}});
        }
        return lane_of_task_[task];
    };
    auto task_segment = [&](object_id task, event_index i, segment_kind k, std::uint8_t detail = 0, string_id label = 0) {
        build.open(lane_for(task), {i, n, k, detail, task, label});
    };

    object_id running = 0;
    std::unordered_map<event_index, std::pair<event_index, std::uint32_t>> cause_of_schedule;  // scheduled -> cause, lane
    for (event_index i = 0; i < n; ++i) {
        const trace_event& e = t[i];
        switch (e.kind) {
            case event_kind::task_created: task_segment(e.subject, i, segment_kind::ready); break;
            case event_kind::task_scheduled: {
                task_segment(e.subject, i, segment_kind::ready);
                if (e.b < n) {
                    const trace_event& cause = t[e.b];
                    std::uint32_t from = 0;  // the loop lane by default (timers fire in the loop)
                    if (cause.kind == event_kind::task_finished || cause.kind == event_kind::task_created)
                        from = cause.kind == event_kind::task_created && cause.a ? lane_for(cause.a) : lane_for(cause.subject);
                    else if (cause.kind != event_kind::timer_fired && running != 0)
                        from = lane_for(running);
                    if (cause.kind == event_kind::task_created && cause.a == 0) from = 0;
                    cause_of_schedule[i] = {e.b, from};
                }
                break;
            }
            case event_kind::task_resumed: {
                running = e.subject;
                task_segment(e.subject, i, segment_kind::running);
                if (auto it = cause_of_schedule.find(e.b); it != cause_of_schedule.end()) {
                    arrows_.push_back({it->second.first, i, it->second.second, lane_for(e.subject)});
                    cause_of_schedule.erase(it);
                }
                break;
            }
            case event_kind::task_suspended:
                if (running == e.subject) running = 0;
                task_segment(e.subject, i, segment_kind::suspended, e.aux, e.b);
                break;
            case event_kind::task_finished:
                if (running == e.subject) running = 0;
                task_segment(e.subject, i, segment_kind::finished, e.aux, e.b);
                break;
            case event_kind::blocking_begin: task_segment(e.subject, i, segment_kind::blocking); break;
            case event_kind::blocking_end:
                if (running == e.subject) task_segment(e.subject, i, segment_kind::running);
                break;
            default: break;
        }
        // The loop lane: whose step runs, or is the loop waiting for the clock, or doing its own work.
        segment_kind loop_kind = segment_kind::loop_busy;
        if (running != 0) loop_kind = segment_kind::loop_step;
        else if (i + 1 < n && t.time_at(i + 1) > t.time_at(i)) loop_kind = segment_kind::loop_idle;
        build.open(0, {i, n, loop_kind, 0, running, 0});
    }
    for (auto& l : lanes_)
        if (!l.segments.empty()) l.segments.back().end = n;
    std::sort(arrows_.begin(), arrows_.end(), [](const arrow& a, const arrow& b) { return a.to < b.to; });
}

std::uint32_t timeline_model::lane_of(object_id task) const {
    return task < lane_of_task_.size() ? lane_of_task_[task] : 0;
}

}  // namespace loopscope::gui
