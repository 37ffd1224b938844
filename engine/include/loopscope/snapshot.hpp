// The state of the event loop at any step of a trace, and the sentence that explains the step.
//
// A trace only records changes; viewers need the whole picture at the cursor: which task runs,
// which wait (and on what), the ready queue in order, the pending timers by deadline, how much
// output was printed. `loop_state::apply` replays one event; `state_index` keeps a copy of the
// state every K events so that any step is a checkpoint copy plus at most K replays, whatever
// the trace's length. GUI-free: std + fmt only.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/trace.hpp"

namespace loopscope {

enum class task_state : std::uint8_t {
    unborn,     // not created yet at this step
    ready,      // in the ready queue, waiting for its turn
    running,    // its step is executing right now
    suspended,  // waiting on something (label says what)
    finished,   // done: a result, an exception, or cancelled
};
[[nodiscard]] std::string_view to_string(task_state s);

struct task_status {
    task_state state = task_state::unborn;
    std::uint8_t detail = 0;        // suspended: await_kind; finished: outcome
    site_id site = 0;               // the C++ line it stands on (last site seen while it ran)
    object_id awaited = 0;          // suspended: the awaited task / timer / future
    string_id label = 0;            // suspended: what it awaits ("sleep(1)"); finished: result text
    event_index since = no_event;   // the event that put it in this state

    [[nodiscard]] await_kind waiting_on() const { return static_cast<await_kind>(detail); }
    [[nodiscard]] outcome result() const { return static_cast<outcome>(detail); }
    bool operator==(const task_status&) const = default;
};

// A ready-queue entry: a task step or a plain callback, in FIFO order.
struct ready_entry {
    event_index queued_at = no_event;  // the task_scheduled / callback_queued event
    object_id subject = 0;
    bool callback = false;
    bool operator==(const ready_entry&) const = default;
};

struct pending_timer {
    event_index armed_at = no_event;
    object_id timer = 0;
    double deadline = 0;
    string_id label = 0;
    bool operator==(const pending_timer&) const = default;
};

// Everything the loop knows after a prefix of the trace. Plain data: checkpoints are copies.
struct loop_state {
    event_index applied = 0;             // events [0, applied) have been replayed
    std::uint32_t iteration = 0;
    loop_phase phase = loop_phase::idle;
    object_id running = 0;               // task whose step executes now (0: the loop itself)
    object_id running_callback = 0;      // plain callback executing now (0: none)
    object_id blocking = 0;              // task holding the loop in a blocking call (0: none)
    std::uint32_t output_lines = 0;      // printed lines so far
    std::vector<task_status> tasks;      // indexed by task id; [0] unused
    std::vector<ready_entry> ready;      // front = next to run
    std::vector<pending_timer> timers;   // sorted by (deadline, armed_at)

    // Replays event `applied` of `t` (events must be applied in order).
    void apply(const trace& t);
    [[nodiscard]] const task_status& task(object_id id) const;
    bool operator==(const loop_state&) const = default;
};

// The chain of waits starting at a task: "main awaits B, B awaits sleep(1)".
// tasks[0] is the task itself; the last task's label (if suspended) is what the chain ends on.
struct await_chain {
    std::vector<object_id> tasks;
    string_id final_label = 0;
};
[[nodiscard]] await_chain chain_of(const loop_state& s, object_id task);

// Random access to loop_state over one trace. The trace must outlive the index.
class state_index {
public:
    // interval 0: pick one so that there are at most ~1024 checkpoints (and at least every 4096).
    explicit state_index(const trace& t, std::size_t interval = 0);

    [[nodiscard]] const trace& source() const { return *trace_; }
    [[nodiscard]] std::size_t interval() const { return interval_; }
    [[nodiscard]] std::size_t checkpoint_count() const { return checkpoints_.size(); }

    // The state right after event i (i < size): checkpoint copy + at most `interval` replays.
    [[nodiscard]] loop_state after(event_index i) const;
    // Moves `s` to the state after event i, replaying forward when that is cheaper than a copy.
    void seek(loop_state& s, event_index i) const;

    // Indices of loop_iteration / output events, ascending.
    [[nodiscard]] std::span<const event_index> iterations() const { return iterations_; }
    [[nodiscard]] std::span<const event_index> outputs() const { return outputs_; }
    // Output lines printed at events <= i.
    [[nodiscard]] std::size_t outputs_through(event_index i) const;

    // Cursor moves. Return no_event when there is no such step.
    [[nodiscard]] event_index next_iteration(event_index from) const;
    [[nodiscard]] event_index previous_iteration(event_index from) const;
    // The next / previous step at which `task` stands on a different site than at `from`.
    [[nodiscard]] event_index next_line(object_id task, event_index from) const;
    [[nodiscard]] event_index previous_line(object_id task, event_index from) const;

private:
    const trace* trace_;
    std::size_t interval_;
    std::vector<loop_state> checkpoints_;  // checkpoints_[k]: state with k * interval_ applied
    std::vector<event_index> iterations_, outputs_;
};

// The code a site stands for, for narration (e.g. "await asyncio.sleep(1)"); empty if unknown.
using code_lookup = std::function<std::string(site_id)>;

// One plain-English sentence (or two) for step i, e.g. "B reaches `await asyncio.sleep(1)` and
// suspends; the loop takes C from the ready queue next."
[[nodiscard]] std::string narrate(const state_index& index, event_index i, const code_lookup& code = {});

}  // namespace loopscope
