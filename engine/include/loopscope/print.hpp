// print(): what a scenario writes to the console, captured with its virtual time, task and line.
#pragma once

#include <source_location>
#include <string>

#include "loopscope/event_loop.hpp"

namespace loopscope {

inline void print(std::string text, std::source_location where = std::source_location::current()) {
    get_running_loop().print(std::move(text), where);
}

// time.sleep(seconds) inside a coroutine: blocks the whole loop (nothing else runs meanwhile).
inline void blocking_sleep(double seconds, std::source_location where = std::source_location::current()) {
    get_running_loop().block(seconds, where);
}

}  // namespace loopscope
