// What every differential test shares: running a reference interpreter and writing the engine's
// run in the same transcript format as tests/conformance/vclock.py and node/vclock.js.
#pragma once

#include <cstdio>
#include <string>
#include <sys/wait.h>

#include <fmt/format.h>

#include "loopscope/run.hpp"

namespace loopscope::conformance {

// The engine's run as the vclock scripts print it: "<time>\t<line>" per printed line, then
// "!raised\t<Type>: <message>" or "!deadlock" when the run did not end normally.
inline std::string transcript(const run_result& r) {
    std::string out;
    for (const auto& line : r.output) out += fmt::format("{:.6f}\t{}\n", line.time, line.text);
    if (r.deadlocked) out += "!deadlock\n";
    else if (r.error) out += fmt::format("!raised\t{}\n", r.error_text);
    return out;
}

// Runs a shell command and returns its stdout; `status` gets its exit status (-1: killed).
inline std::string capture(const std::string& cmd, int* status = nullptr) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        int st = pclose(p);
        if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    return out;
}

}  // namespace loopscope::conformance
