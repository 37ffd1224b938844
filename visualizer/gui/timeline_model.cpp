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
            if (same_state(last, s)) return;  // still one segment (its end is set when the next opens)
            last.end = s.begin;
        }
        segs.push_back(s);
    }
    static bool same_state(const segment& a, const segment& b) {
        return a.kind == b.kind && a.who == b.who && a.detail == b.detail && a.label == b.label;
    }
    static void merge_with_previous(std::vector<segment>& segs) {
        if (segs.size() >= 2 && same_state(segs[segs.size() - 2], segs.back())) {
            segs.pop_back();
        }
    }
};

// ---- Level of detail ----

object_id combine_who(object_id a, object_id b) {
    if (a == 0) return b;
    if (b == 0 || a == b) return a;
    return several_tasks;
}

// Who a segment shows: the loop lane's busy / idle time belongs to no task.
object_id who_of(const segment& s) {
    return s.kind == segment_kind::loop_busy || s.kind == segment_kind::loop_idle ? 0 : s.who;
}

// Cuts a tiling sequence of pieces (segments or a finer level's records) into buckets of
// 2^shift events: runs of whole buckets inside one segment stay one plain record, every bucket
// holding several segments becomes one mixed record.
class bucketizer {
public:
    bucketizer(std::uint32_t shift, std::vector<lod_record>& out) : shift_(shift), out_(out) {}

    // A piece [r.begin, end) that lies inside one segment (plain) or inside one bucket (mixed).
    void add(const lod_record& r, event_index end) {
        if (!r.plain()) {
            start_bucket(r.begin >> shift_);
            take(r);
            if (end == bucket_end()) flush();
            return;
        }
        add_plain(r.first_segment, r.begin, end, static_cast<std::size_t>(first_class(r)), r.kinds, r.who);
    }
    // A piece of segment `segment`: events [begin, end) of one state class.
    void add_plain(std::uint32_t segment, event_index begin, event_index end, std::size_t kind_class, std::uint8_t kinds,
                   object_id who) {
        // The common case on busy lanes: a short piece inside the open bucket.
        if (has_cur_ && (begin >> shift_) == cur_bucket_ && end <= bucket_end()) {
            cur_.last_segment = std::max(cur_.last_segment, segment);
            cur_.events[kind_class] += end - begin;
            cur_.kinds |= kinds;
            cur_.who = combine_who(cur_.who, who);
            if (end == bucket_end()) flush();
            return;
        }
        lod_record r;
        r.first_segment = r.last_segment = segment;
        r.kinds = kinds;
        r.who = who;
        event_index a = begin;
        while (a < end) {
            const std::uint64_t bucket = a >> shift_;
            const auto bs = static_cast<event_index>(bucket << shift_);
            const std::uint64_t be = (bucket + 1) << shift_;
            if (has_cur_ && cur_bucket_ != bucket) flush();
            if (!has_cur_ && a == bs && end >= be) {  // whole buckets: one plain record
                const auto whole_end = static_cast<event_index>((static_cast<std::uint64_t>(end) >> shift_) << shift_);
                lod_record p = r;
                p.begin = a;
                p.events = {};
                p.events[kind_class] = whole_end - a;
                emit(p);
                a = whole_end;
                continue;
            }
            const auto part_end = static_cast<event_index>(std::min<std::uint64_t>(end, be));
            lod_record p = r;
            p.begin = a;
            p.events = {};
            p.events[kind_class] = part_end - a;
            start_bucket(bucket);
            take(p);
            a = part_end;
            if (a == be) flush();
        }
    }
    void finish(event_index lane_end) {
        flush();
        lod_record sentinel;
        sentinel.begin = lane_end;
        out_.push_back(sentinel);
    }

private:
    static state_class first_class(const lod_record& r) {
        for (std::size_t c = 0; c < state_class_count; ++c)
            if (r.events[c]) return static_cast<state_class>(c);
        return state_class::ready;
    }
    [[nodiscard]] std::uint64_t bucket_end() const { return (cur_bucket_ + 1) << shift_; }
    void start_bucket(std::uint64_t bucket) {
        if (has_cur_ && cur_bucket_ != bucket) flush();
        cur_bucket_ = bucket;
    }
    void take(const lod_record& r) {
        if (!has_cur_) {
            cur_ = r;
            has_cur_ = true;
            return;
        }
        cur_.last_segment = std::max(cur_.last_segment, r.last_segment);
        for (std::size_t c = 0; c < state_class_count; ++c) cur_.events[c] += r.events[c];
        cur_.kinds |= r.kinds;
        cur_.who = combine_who(cur_.who, r.who);
    }
    void flush() {
        if (!has_cur_) return;
        has_cur_ = false;
        emit(cur_);
    }
    void emit(const lod_record& r) {
        if (r.plain() && !out_.empty() && out_.back().plain() && out_.back().first_segment == r.first_segment) {
            for (std::size_t c = 0; c < state_class_count; ++c) out_.back().events[c] += r.events[c];
            return;
        }
        out_.push_back(r);
    }

    std::uint32_t shift_;
    std::vector<lod_record>& out_;
    lod_record cur_;
    std::uint64_t cur_bucket_ = 0;
    bool has_cur_ = false;
};

// Each mixed record's look, and which records are uniform (timeline_model.hpp), finest level first.
void mark_uniform(lane& l) {
    for (std::size_t lv = 0; lv < l.lod.size(); ++lv) {
        auto& recs = l.lod[lv].records;
        for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
            lod_record& r = recs[i];
            if (r.plain()) continue;
            r.look = dominant_kind(r.events, r.kinds);
            r.uniform = lv == 0;
        }
        if (lv == 0) continue;
        // A coarser mixed record is one bucket: the finer records inside it are its children.
        const auto& finer = l.lod[lv - 1].records;
        std::size_t c = 0;
        for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
            lod_record& r = recs[i];
            const event_index end = recs[i + 1].begin;
            while (c + 1 < finer.size() && finer[c + 1].begin <= r.begin) ++c;  // the child holding r.begin
            if (r.plain()) continue;
            bool uniform = true;
            for (std::size_t k = c; k + 1 < finer.size() && finer[k].begin < end; ++k) {
                const lod_record& child = finer[k];
                if (!child.uniform || child.kinds != r.kinds || child.who != r.who || child.look != r.look) {
                    uniform = false;
                    break;
                }
            }
            r.uniform = uniform;
        }
    }
}

// Below this many segments a lane is cheap to walk segment by segment.
constexpr std::size_t lod_min_segments = 256;

void build_lod(lane& l) {
    const auto& segs = l.segments;
    l.lod.clear();
    if (segs.size() < lod_min_segments) return;
    const event_index lane_end = segs.back().end;
    const std::uint64_t span = lane_end - segs.front().begin;
    std::size_t budget = segs.size() / 4;  // the first stored level: at most 1/4 of the segments
    std::vector<lod_record> finer;         // the last level built, stored or not
    bool finer_is_segments = true;
    // Finer buckets than this would leave more records than the first level may have.
    std::uint32_t first_shift = 2;
    while (first_shift + 2 < 32 && (span >> first_shift) > budget) first_shift += 2;
    for (std::uint32_t shift = first_shift; shift < 32 && (std::uint64_t{1} << (shift - 2)) < span; shift += 2) {
        std::vector<lod_record> built;
        const std::size_t pieces = finer_is_segments ? segs.size() : (finer.empty() ? l.lod.back().records.size() : finer.size());
        built.reserve(std::min<std::size_t>(pieces, 2 * (span >> shift) + 4) + 1);
        bucketizer b(shift, built);
        if (finer_is_segments) {
            for (std::uint32_t k = 0; k < segs.size(); ++k) {
                const segment& sg = segs[k];
                b.add_plain(k, sg.begin, sg.end, static_cast<std::size_t>(class_of(sg.kind)), kind_bit(sg.kind), who_of(sg));
            }
        } else {
            const auto& src = finer.empty() ? l.lod.back().records : finer;
            for (std::size_t i = 0; i + 1 < src.size(); ++i) b.add(src[i], src[i + 1].begin);
        }
        b.finish(lane_end);
        finer_is_segments = false;
        const std::size_t records = built.size() - 1;
        if (records <= budget) {
            budget = records / 2;
            l.lod.push_back({shift, std::move(built)});
            finer.clear();
            if (records <= 4) break;
        } else {
            finer = std::move(built);
        }
    }
    mark_uniform(l);
}

}  // namespace

timeline_model::timeline_model(const trace& t) : trace_(&t) {
    const auto n = static_cast<event_index>(t.size());
    lanes_.push_back({0, "event loop", 0, {}, {}});
    lane_of_task_.assign(t.tasks().size(), 0);
    lane_builder build{lanes_};

    std::vector<std::uint32_t> changes(t.tasks().size(), 0);  // per task: events that may open a segment
    auto lane_for = [&](object_id task) -> std::uint32_t {
        if (task >= lane_of_task_.size()) lane_of_task_.resize(task + 1, 0);
        if (lane_of_task_[task] == 0) {
            lane_of_task_[task] = static_cast<std::uint32_t>(lanes_.size());
            lanes_.push_back({task, std::string(t.task_name(task)), static_cast<std::uint32_t>(lanes_.size() - 1), {}, {}});
            if (task < changes.size()) lanes_.back().segments.reserve(changes[task]);
        }
        return lane_of_task_[task];
    };
    auto task_segment = [&](object_id task, event_index i, segment_kind k, std::uint8_t detail = 0, string_id label = 0) {
        build.open(lane_for(task), {i, n, k, detail, task, label});
    };

    // Reserve each lane's segments (an upper bound from one cheap pass): growing vectors of
    // millions of segments would copy them several times and leave up to half their memory unused.
    {
        std::size_t loop_changes = 2 * t.times().size() + 1;
        for (event_index i = 0; i < n; ++i) {
            const trace_event& e = t[i];
            switch (e.kind) {
                case event_kind::task_resumed:
                case event_kind::task_suspended:
                case event_kind::task_finished:
                case event_kind::blocking_end: ++loop_changes; [[fallthrough]];
                case event_kind::task_created:
                case event_kind::task_scheduled:
                case event_kind::blocking_begin:
                    if (e.subject >= changes.size()) changes.resize(e.subject + 1, 0);
                    ++changes[e.subject];
                    break;
                default: break;
            }
        }
        lanes_[0].segments.reserve(std::min<std::size_t>(loop_changes, n));
    }

    // What made each pending schedule happen, looked up when the task resumes. A task has one
    // pending schedule at a time in practice; an overwritten one moves to the (rarely used) map.
    struct pending_schedule {
        event_index scheduled = no_event, cause = 0;
        std::uint32_t from_lane = 0;
    };
    std::vector<pending_schedule> pending(t.tasks().size());
    std::unordered_map<event_index, pending_schedule> older;  // keyed by the scheduled event

    const auto epochs = t.times();
    std::size_t epoch = 0;  // epochs whose first event is <= i
    while (epoch < epochs.size() && epochs[epoch].first == 0) ++epoch;
    object_id running = 0;
    segment_kind loop_kind_open = segment_kind::loop_busy;
    object_id loop_who_open = 0;
    bool loop_open = false;
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
                    if (e.subject >= pending.size()) pending.resize(e.subject + 1);
                    auto& slot = pending[e.subject];
                    if (slot.scheduled != no_event) older[slot.scheduled] = slot;
                    slot = {i, e.b, from};
                }
                break;
            }
            case event_kind::task_resumed: {
                running = e.subject;
                task_segment(e.subject, i, segment_kind::running);
                pending_schedule found;
                if (e.subject < pending.size() && pending[e.subject].scheduled == e.b && e.b != no_event) {
                    found = pending[e.subject];
                    pending[e.subject].scheduled = no_event;
                } else if (!older.empty()) {
                    if (auto it = older.find(e.b); it != older.end()) {
                        found = it->second;
                        older.erase(it);
                    }
                }
                if (found.scheduled != no_event) arrows_.push_back({found.cause, i, found.from_lane, lane_for(e.subject)});
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
        // Epochs with first <= i + 1: the clock moves between i and i + 1 when one starts at i + 1.
        const double time_here = epoch ? epochs[epoch - 1].time : 0.0;
        while (epoch < epochs.size() && epochs[epoch].first <= i + 1) ++epoch;
        const double time_next = epoch ? epochs[epoch - 1].time : 0.0;
        segment_kind loop_kind = segment_kind::loop_busy;
        if (running != 0) loop_kind = segment_kind::loop_step;
        else if (i + 1 < n && time_next > time_here) loop_kind = segment_kind::loop_idle;
        // Most events leave the loop lane as it was: skip the builder then.
        if (!loop_open || loop_kind != loop_kind_open || running != loop_who_open) {
            build.open(0, {i, n, loop_kind, 0, running, 0});
            loop_open = true;
            loop_kind_open = loop_kind;
            loop_who_open = running;
        }
    }
    for (auto& l : lanes_) {
        if (!l.segments.empty()) l.segments.back().end = n;
        build_lod(l);
    }
    std::sort(arrows_.begin(), arrows_.end(), [](const arrow& a, const arrow& b) { return a.to < b.to; });
}

std::size_t timeline_model::memory_bytes() const {
    std::size_t bytes = arrows_.capacity() * sizeof(arrow);
    for (const auto& l : lanes_) {
        bytes += l.segments.capacity() * sizeof(segment);
        for (const auto& level : l.lod) bytes += level.records.capacity() * sizeof(lod_record);
    }
    return bytes;
}

std::uint32_t timeline_model::lane_of(object_id task) const {
    return task < lane_of_task_.size() ? lane_of_task_[task] : 0;
}

}  // namespace loopscope::gui
