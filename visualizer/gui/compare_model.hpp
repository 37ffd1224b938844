// Two runs of one lesson side by side (synchronous vs asynchronous, Python vs JavaScript, before vs
// after a knob), aligned on virtual time. GUI-free, so the alignment is tested without OpenGL.
//
// The shared cursor walks the events of both runs merged in time order: at one instant (several
// events at the same virtual time) each run's events are spread over the instant in proportion,
// so stepping through t = 0 advances both runs together. Each run then shows the last of its own
// events at or before the cursor: at virtual time t, run B stands where it stood at t.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"

namespace loopscope::gui {

// One run: what it is (label), what differs from the other (detail) and the run itself.
struct compare_side {
    std::string label;   // "synchronous", "Python", "before"
    std::string detail;  // "program: only the synchronous calls", "delay = 2.5"
    session run;
};

// One step of the shared cursor: run `side` reaches its event `event`.
struct compare_step {
    std::uint8_t side = 0;
    event_index event = 0;
};

class compare_model {
public:
    // Both runs must have events.
    compare_model(compare_side a, compare_side b);

    [[nodiscard]] const compare_side& side(int i) const { return sides_[static_cast<std::size_t>(i)]; }
    // The virtual time a run took, and the longer of the two (the shared axis' extent).
    [[nodiscard]] double total_time(int i) const { return side(i).run.data->end_time(); }
    [[nodiscard]] double span() const;

    // The shared cursor: steps 0 .. steps() - 1, every event of both runs once.
    [[nodiscard]] std::size_t steps() const { return order_.size(); }
    [[nodiscard]] compare_step step(std::size_t k) const { return order_[k]; }
    [[nodiscard]] double time_of(std::size_t k) const;
    // The event run `i` shows at shared step k: its last event at or before k (its first if none).
    [[nodiscard]] event_index shown(int i, std::size_t k) const;
    // The shared step at which run `i` reaches its event e.
    [[nodiscard]] std::size_t step_of(int i, event_index e) const;
    // The event run `to` shows while run `from` stands at its event e.
    [[nodiscard]] event_index map(int from, event_index e, int to) const { return shown(to, step_of(from, e)); }
    // The first shared step at virtual time t or later (steps() - 1 past the end).
    [[nodiscard]] std::size_t step_at_time(double t) const;

private:
    std::array<compare_side, 2> sides_;
    std::vector<compare_step> order_;
    std::array<std::vector<std::uint32_t>, 2> step_of_;  // per run, per event: its shared step
};

// What to compare.
enum class compare_kind : std::uint8_t {
    presets,       // two of the lesson's compare presets (lesson.json "compare")
    javascript,    // the Python run and its JavaScript twin, at the same knobs
    before_after,  // the run before the student's last knob change, and after it
};
[[nodiscard]] const char* to_string(compare_kind k);

struct compare_request {
    compare_kind kind = compare_kind::presets;
    std::size_t a = 0, b = 1;          // presets: indexes into lesson.compare
    lessons::knob_values before;        // before_after: the earlier knobs (the later are `current`)
};

// Runs both sides through the same code path as opening a lesson (open_session; run_js for the
// JavaScript twin). `current`: the knobs the student has now. nullopt and *error when the lesson
// cannot make this comparison (no presets, no JavaScript twin, a run with no events).
// The knobs each run of the comparison sets for itself (a preset's), in the lesson's knob order;
// the student's value of such a knob applies to neither run.
[[nodiscard]] std::vector<std::string> knobs_set_by_runs(const lessons::lesson& l, const compare_request& r);

[[nodiscard]] std::optional<compare_model> make_compare(const lessons::lesson& l, const lessons::knob_values& current,
                                                        const compare_request& r, std::string* error);

// The comparisons a lesson offers at these knobs, best first (presets, then JavaScript);
// before_after is offered by the app once a knob has changed.
[[nodiscard]] std::vector<compare_kind> compare_kinds(const lessons::lesson& l);

// "delay = 2.5, program: fixed": the knobs of `k` that differ from `base`, as the student reads them.
[[nodiscard]] std::string describe_knobs(const lessons::lesson& l, const lessons::knob_values& k, const lessons::knob_values& base);

}  // namespace loopscope::gui
