// What the timeline shows, computed once per trace: one lane per task plus the loop lane, each a
// list of state segments in event order, the cause -> resume arrows, and the mapping from events
// to the horizontal axis. GUI-free so the layout pass and its tests need no OpenGL.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "loopscope/trace.hpp"

namespace loopscope::gui {

enum class segment_kind : std::uint8_t {
    ready,      // task lane: queued, waiting for its turn (hatched)
    running,    // task lane: its step executes (solid)
    suspended,  // task lane: waiting on `label` (outlined)
    blocking,   // task lane: running but holding the whole loop in a blocking call
    finished,   // task lane: done; detail = outcome (marker at the start)
    loop_step,  // loop lane: the loop runs task `who`'s step
    loop_busy,  // loop lane: the loop's own work between steps
    loop_idle,  // loop lane: nothing ready, the clock jumps to the next timer
};

// Events [begin, end) of one lane in one state.
struct segment {
    event_index begin = 0;
    event_index end = 0;
    segment_kind kind = segment_kind::loop_busy;
    std::uint8_t detail = 0;  // finished: outcome; suspended: await_kind
    object_id who = 0;        // loop_step: the task; otherwise the lane's task
    string_id label = 0;      // suspended: what it awaits; finished: result / exception text
};

// What a state looks like on screen; a merged pixel shows how long each was held.
enum class state_class : std::uint8_t {
    running,   // solid: running, blocking, the loop running a step
    ready,     // hatched: ready, the loop's own work
    waiting,   // outlined: suspended, the loop idle until a timer
    finished,  // a thin line
};
inline constexpr std::size_t state_class_count = 4;
// Inline: the layout pass asks it for every segment it reads.
[[nodiscard]] inline state_class class_of(segment_kind k) {
    switch (k) {
        case segment_kind::running:
        case segment_kind::blocking:
        case segment_kind::loop_step: return state_class::running;
        case segment_kind::ready:
        case segment_kind::loop_busy: return state_class::ready;
        case segment_kind::suspended:
        case segment_kind::loop_idle: return state_class::waiting;
        case segment_kind::finished: return state_class::finished;
    }
    return state_class::ready;
}
[[nodiscard]] inline std::uint8_t kind_bit(segment_kind k) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k)); }

// The state class that holds the most events (the first of equals).
[[nodiscard]] inline state_class dominant_class(const std::array<std::uint32_t, state_class_count>& events) {
    std::size_t best = 0;
    for (std::size_t c = 1; c < state_class_count; ++c)
        if (events[c] > events[best]) best = c;
    return static_cast<state_class>(best);
}
// The kind several segments merged into one record are drawn as: the dominant class, in the kind
// of it that occurred (kinds: kind_bit() of the kinds present; the first listed wins).
[[nodiscard]] inline segment_kind dominant_kind(const std::array<std::uint32_t, state_class_count>& events, std::uint8_t kinds) {
    auto has = [&](segment_kind k) { return (kinds & kind_bit(k)) != 0; };
    switch (dominant_class(events)) {
        case state_class::running:
            return has(segment_kind::running) || !(has(segment_kind::loop_step) || has(segment_kind::blocking))
                       ? segment_kind::running
                       : has(segment_kind::loop_step) ? segment_kind::loop_step : segment_kind::blocking;
        case state_class::ready: return !has(segment_kind::ready) && has(segment_kind::loop_busy) ? segment_kind::loop_busy : segment_kind::ready;
        case state_class::waiting:
            return !has(segment_kind::suspended) && has(segment_kind::loop_idle) ? segment_kind::loop_idle : segment_kind::suspended;
        case state_class::finished: return segment_kind::finished;
    }
    return segment_kind::ready;
}

// `who` of a merged loop-lane record whose steps belong to more than one task.
inline constexpr object_id several_tasks = 0xFFFFFFFFu;

// Level of detail: a lane's segments pre-merged into aligned buckets of 2^shift events. A record
// is either a run of whole buckets inside one segment (plain) or one bucket holding several
// segments (mixed), with what happened in it. Records tile the lane; each one ends where the next
// begins (the last record of a level is a sentinel holding the lane's end).
struct lod_record {
    event_index begin = 0;
    std::uint32_t first_segment = 0;  // segments overlapping the record: [first_segment, last_segment]
    std::uint32_t last_segment = 0;
    object_id who = 0;                // whose steps (loop lane) or the task; several_tasks: more than one
    std::array<std::uint32_t, state_class_count> events{};  // events spent in each state class
    std::uint8_t kinds = 0;           // kind_bit() of every segment kind present
    segment_kind look = segment_kind::ready;  // mixed: dominant_kind(events, kinds), how it is drawn
    // Mixed, and so is every record under it at every finer level, all with this record's kinds,
    // who and look: however the layout cuts it into pixel columns, each column looks the same.
    bool uniform = false;
    [[nodiscard]] bool plain() const { return first_segment == last_segment; }
    [[nodiscard]] std::uint32_t segment_count() const { return last_segment - first_segment + 1; }
};

struct lod_level {
    std::uint32_t shift = 0;          // buckets of 2^shift events
    std::vector<lod_record> records;  // ordered, plus the sentinel
};

struct lane {
    object_id task = 0;  // 0: the loop lane
    std::string name;
    std::uint32_t colour_slot = 0;  // index into the lane palette (creation order)
    std::vector<segment> segments;  // ordered, non-overlapping
    // Fine to coarse; empty for lanes with few segments. Each level has at most half the records
    // of the finer one (the first at most 1/4 of the segments), so together they stay below half
    // the segment count.
    std::vector<lod_level> lod;
};

// A task_resumed event and what made it possible (timer fired, future resolved, task finished...).
struct arrow {
    event_index from = 0;  // the cause event
    event_index to = 0;    // the task_resumed event
    std::uint32_t from_lane = 0, to_lane = 0;
};

enum class axis_mode : std::uint8_t {
    step,    // every event one unit wide
    time,    // seconds; same-time events collapse
    hybrid,  // one unit per event plus time stretched so that a second is as wide as the trace's event rate
};
[[nodiscard]] const char* to_string(axis_mode m);

// Monotone mapping between event indices and axis positions: position(i) is where event i begins,
// event i spans [position(i), position(i + 1)). position(size) is the end of the axis.
class axis {
public:
    axis(const trace& t, axis_mode mode);
    [[nodiscard]] axis_mode mode() const { return mode_; }
    [[nodiscard]] double position(event_index i) const;
    [[nodiscard]] double end() const { return position(static_cast<event_index>(trace_->size())); }
    // The event whose span contains position x (clamped to [0, size - 1]).
    [[nodiscard]] event_index event_at(double x) const;
    // Axis units per second of loop time (hybrid and time), for tick placement.
    [[nodiscard]] double time_weight() const { return time_weight_; }
    [[nodiscard]] double time_at(event_index i) const;

private:
    const trace* trace_;
    axis_mode mode_;
    double time_weight_ = 0;
};

class timeline_model {
public:
    explicit timeline_model(const trace& t);
    [[nodiscard]] const trace& source() const { return *trace_; }
    [[nodiscard]] const std::vector<lane>& lanes() const { return lanes_; }
    [[nodiscard]] const std::vector<arrow>& arrows() const { return arrows_; }  // sorted by `to`
    // Lane showing task id (0 for the loop lane itself and unknown ids).
    [[nodiscard]] std::uint32_t lane_of(object_id task) const;
    // Heap bytes held by segments and level-of-detail records (for benchmarks).
    [[nodiscard]] std::size_t memory_bytes() const;

private:
    const trace* trace_;
    std::vector<lane> lanes_;
    std::vector<arrow> arrows_;
    std::vector<std::uint32_t> lane_of_task_;
};

}  // namespace loopscope::gui
