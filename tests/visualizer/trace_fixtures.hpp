// Small hand-built traces with known shapes, shared by the visualizer suites.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/trace.hpp"

namespace loopscope::testing {

// A compact way to write events by hand.
struct recorder {
    trace_builder b;
    event_index add(event_kind k, object_id subject, std::uint32_t a = 0, std::uint32_t bb = 0, std::uint8_t aux = 0,
                    site_id s = 0) {
        return b.append({k, aux, s, subject, a, bb});
    }
    event_index create(object_id task, std::string_view name, object_id parent = 0) {
        auto c = add(event_kind::task_created, task, parent, b.intern(name));
        return add(event_kind::task_scheduled, task, 0, c, static_cast<std::uint8_t>(schedule_reason::created));
    }
    event_index resume(object_id task, event_index scheduled, site_id s = 0) {
        return add(event_kind::task_resumed, task, 0, scheduled, 0, s);
    }
    event_index suspend(object_id task, await_kind k, object_id on, std::string_view label, site_id s = 0) {
        return add(event_kind::task_suspended, task, on, b.intern(label), static_cast<std::uint8_t>(k), s);
    }
    event_index finish(object_id task, outcome o, std::string_view text) {
        return add(event_kind::task_finished, task, 0, b.intern(text), static_cast<std::uint8_t>(o));
    }
    event_index arm(object_id timer, double deadline, std::string_view label) {
        return add(event_kind::timer_armed, timer, b.add_deadline(deadline), b.intern(label));
    }
    event_index print(object_id task, std::string_view text) {
        return add(event_kind::output, task, 0, b.add_string(std::string(text)));
    }
};

// `tasks` tasks that each yield `rounds` times (sleep(0)), round-robin: lots of zero-time steps.
inline trace round_robin(object_id tasks, int rounds) {
    recorder r;
    std::vector<event_index> sched(tasks + 1);
    for (object_id id = 1; id <= tasks; ++id) sched[id] = r.create(id, "T" + std::to_string(id));
    std::uint32_t it = 0;
    for (int round = 0; round < rounds; ++round) {
        r.add(event_kind::loop_iteration, 0, ++it);
        for (object_id id = 1; id <= tasks; ++id) {
            r.resume(id, sched[id]);
            if (round + 1 == rounds) {
                r.finish(id, outcome::result, "None");
            } else {
                const auto suspended = r.suspend(id, await_kind::yield, 0, "sleep(0)");
                sched[id] = r.add(event_kind::task_scheduled, id, 0, suspended, static_cast<std::uint8_t>(schedule_reason::yielded));
            }
        }
    }
    return r.b.finish();
}

}  // namespace loopscope::testing
