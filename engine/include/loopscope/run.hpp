// asyncio.run(main) and loop.run_until_complete(future).
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "loopscope/event_loop.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

// Everything one run leaves behind.
struct run_result {
    loopscope::trace trace;
    std::vector<printed_line> output;
    std::vector<std::string> diagnostics;  // "deadlock: ...", "coroutine 'x' was never awaited", ...
    std::exception_ptr error;              // what main raised, as asyncio.run would re-raise it
    std::string error_text;                // "ValueError: boom"
    bool deadlocked = false;
    bool limit_reached = false;
    [[nodiscard]] bool ok() const { return !error && !deadlocked && !limit_reached; }
};

// loop.run_until_complete(fut): runs the loop until `fut` is done. Returns false if it never can be
// (a deadlock or a limit); the caller decides what to report.
bool run_until_complete(event_loop& loop, future_base& fut);

// asyncio.run's shutdown: cancel every task still pending and let them finish their cleanup.
void cancel_all_tasks(event_loop& loop);

namespace detail {
run_result finish_run(event_loop& loop, task_base& main);
}

// asyncio.run(main()): a fresh loop, main as its first task (Task-1), then shutdown.
template <class T>
run_result run(coro<T> main, loop_options options = {}) {
    event_loop loop(std::move(options));
    auto t = create_task(std::move(main));
    return detail::finish_run(loop, *t.get());
}

}  // namespace loopscope
