// Runs without a lesson: a saved trace file, or the user's own asyncio script traced with the
// tracer and re-recorded when the script changes on disk. GUI-free: the app polls it each frame.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "session.hpp"

namespace loopscope::gui {

// A session, or why there is none.
struct opened {
    std::optional<session> s;
    std::string error;
};

// A saved trace (.lstrace) with the text of the script its sites name, when that can be read.
[[nodiscard]] opened open_trace_file(const std::filesystem::path& file);

// Whether `arg` names a trace file / a Python script (by extension), not a lesson.
[[nodiscard]] bool is_trace_file(std::string_view arg);
[[nodiscard]] bool is_script_file(std::string_view arg);

// The user's script: traces it (never writing to it) and watches its modification time.
class script_source {
public:
    static constexpr double check_interval = 0.5;  // seconds between two looks at the mtime

    // The trace goes to trace_out (default: a file in the temp folder, not next to the script,
    // removed once loaded).
    explicit script_source(std::filesystem::path script, std::filesystem::path trace_out = {});

    // Traces the script now. Sets status(): "recorded 12:03:04", or the tracer's error.
    [[nodiscard]] opened record();
    // At most every check_interval seconds of `now` (any clock in seconds), looks at the
    // script's mtime; when it changed since the last recording, records again. nullopt: nothing
    // new (unchanged, not yet time, or the re-recording failed: status() says why).
    [[nodiscard]] std::optional<session> poll(double now);

    [[nodiscard]] const std::string& status() const { return status_; }
    [[nodiscard]] const std::filesystem::path& script() const { return script_; }

private:
    std::filesystem::path script_, trace_out_, messages_;
    std::filesystem::file_time_type seen_{};
    double next_check_ = 0;
    bool temp_trace_ = false;  // trace_out_ is ours: remove it once loaded
    int recordings_ = 0;
    std::string status_;
};

}  // namespace loopscope::gui
