// Exporting a trace as Chrome Trace Event JSON, for Perfetto (ui.perfetto.dev) and chrome://tracing.
//
// One process ("loopscope: <title>"), one track per task (tid = task id, named "Task-2 (slow_operation)")
// and one for the event loop's own callbacks (tid = chrome_loop_tid). On a task's track:
//   "X" running   a step, from task_resumed to task_suspended / task_finished
//   "X" <label>   waiting, named by what it awaits ("sleep(1)", "task Task-2", "queue.get()")
//   "X" ready     from task_scheduled to the task_resumed that consumed it
//   "i"           a printed line (on the printing task's track), the task's end, diagnostics (global)
// and flow arrows ("s" -> "f", bp "e") from the step or callback that queued a task to the step it
// caused (a timer's callback, a finishing task, a put on a queue), named by the schedule reason.
//
// The display clock. On the virtual clock every step takes no time, so a plain time axis would stack
// all of them on one instant. The export gives each step or callback 2 µs of its own:
//   ts = round(time * 1e6) + 2 * (steps and callbacks that started up to this event) [- 1 for a start]
// so 1 s on screen is 1 s of the loop's clock plus 2 µs per step before it. Events inside a step fall
// strictly inside its slice, which is what flow arrows bind to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>

#include "loopscope/trace.hpp"

namespace loopscope {

// The event loop's track: out of the range of task ids (at most 50 million), never 0 (Perfetto's swapper).
inline constexpr std::uint32_t chrome_loop_tid = 1'000'000'000;

// Writes {"traceEvents":[...],"displayTimeUnit":"ms"} to `out`, one event per line, as it goes.
void write_chrome_trace(const trace& t, std::ostream& out);

// Writes to `path` atomically (a temporary file in the same folder, then rename). Returns "" or an
// error message naming the file and the reason.
[[nodiscard]] std::string export_chrome_trace(const trace& t, const std::filesystem::path& path);

}  // namespace loopscope
