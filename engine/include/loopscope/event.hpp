// asyncio.Event, line by line from CPython 3.11.7's locks.py.
//
// set() resolves every waiting future at once, in the order the tasks started waiting; each task
// then wakes one call_soon hop later, in that same order. clear() only lowers the flag.
//
// An event is a handle: copies share one event, as Python names share one object.
#pragma once

#include <cstddef>
#include <deque>
#include <string_view>

#include "loopscope/task.hpp"

namespace loopscope {

class event {
public:
    event();

    [[nodiscard]] bool is_set() const;
    // Raises the flag and wakes every waiter (a no-op when already set).
    void set() const;
    void clear() const;
    // Returns true at once when set; otherwise waits (as "event.wait()") until set() is called.
    [[nodiscard]] coro<bool> wait() const { return wait(s_, "event.wait()"); }
    // The same wait, under another label in the trace (queue.join() waits as "queue.join()").
    // The wait starts lazily, so the label must outlive it: pass a string literal.
    [[nodiscard]] coro<bool> wait(std::string_view label) const { return wait(s_, label); }
    // len(event._waiters)
    [[nodiscard]] std::size_t waiting() const;

private:
    struct state : detail::ref_counted {
        std::deque<future_ref<bool>> waiters;
        bool value = false;
    };

    static coro<bool> wait(detail::ref<state> s, std::string_view label);
    detail::ref<state> s_;
};

}  // namespace loopscope
