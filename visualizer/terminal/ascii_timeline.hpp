// The terminal view of a trace: a row per task, time across, one glyph per column, then the console
// output and the diagnostics. Fits `width` columns (100 by default).
#pragma once

#include <string>

#include "loopscope/trace.hpp"

namespace loopscope::terminal {

struct ascii_options {
    int width = 100;
    bool unicode = false;  // ASCII glyphs by default: they survive every terminal and log
};

// The timeline block: lanes, time axis and legend.
[[nodiscard]] std::string ascii_timeline(const trace& t, const ascii_options& o = {});
// The printed lines with their times: "  1.000  World".
[[nodiscard]] std::string console_output(const trace& t);
// Deadlocks, never-awaited coroutines, slow callbacks...: one line each, empty when none.
[[nodiscard]] std::string diagnostics(const trace& t);
// Every event, one line each (describe()).
[[nodiscard]] std::string event_list(const trace& t);

// "Task-2 (slow_operation)": the task's name and the coroutine it runs, for lane labels.
[[nodiscard]] std::string task_label(const trace& t, object_id task);

}  // namespace loopscope::terminal
