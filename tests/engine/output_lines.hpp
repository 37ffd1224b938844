// What a run printed, one "<time> <text>" string per line, for readable EXPECT_EQ on output.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "loopscope/run.hpp"

namespace loopscope::testing {

// "1.000 World": times with three decimals.
inline std::vector<std::string> lines(const run_result& r) {
    std::vector<std::string> out;
    for (auto& l : r.output) out.push_back(fmt::format("{:.3f} {}", l.time, l.text));
    return out;
}

// "1 World": times as short as they print (the sync-primitive suites use this form).
inline std::vector<std::string> short_lines(const run_result& r) {
    std::vector<std::string> out;
    for (auto& l : r.output) out.push_back(fmt::format("{:g} {}", l.time, l.text));
    return out;
}

}  // namespace loopscope::testing
