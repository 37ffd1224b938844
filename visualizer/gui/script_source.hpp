// Runs without a lesson: a saved trace file, or the user's own asyncio script traced with the
// tracer and re-recorded when the script changes on disk. GUI-free: the app polls it each frame.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"
#include "trace_runner.hpp"

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

// One line of what the tracer said about a run that did not end well (Python's traceback, a
// deadlock, a limit), sorted for display.
struct message_line {
    enum class kind {
        text,        // a line of the traceback ("Traceback (most recent call last):", "    ^^^^")
        user_frame,  // `  File "<the script>", line N, in f`: where in the user's script
        other_frame, // `  File "<elsewhere>", line N, in f`
        code,        // the source line under a frame
        error,       // the exception itself, the last line of a traceback ("ValueError: b.txt is empty")
        tracer,      // the tracer's own words ("loopscope trace: deadlock: ..."), text without "loopscope trace: "
    };
    kind k = kind::text;
    std::string text;
    int line = 0;  // user_frame: the line of the script
};
// The tracer's stderr, line by line; frames in `script` (or a file of that name) are user_frame.
[[nodiscard]] std::vector<message_line> parse_messages(std::string_view text, const std::filesystem::path& script);

// The user's script: traces it (never writing to it) and watches its modification time. A change
// is re-recorded in a background thread (the tracer runs as a python3 child); the UI keeps the
// old run meanwhile and gets the new one from poll(). A newer change supersedes (kills) a
// re-recording still running; so does destroying the script_source.
class script_source {
public:
    static constexpr double check_interval = 0.5;  // seconds between two looks at the mtime

    // The trace goes to trace_out (default: a file in the temp folder, not next to the script,
    // removed once loaded). options: the script's arguments and the tracer's limits.
    explicit script_source(std::filesystem::path script, std::filesystem::path trace_out = {},
                           cli::trace_options options = {});
    ~script_source();
    script_source(script_source&&) noexcept;
    script_source& operator=(script_source&&) noexcept;

    // Traces the script now, in this thread. Sets status(): "recorded 12:03:04", or the tracer's error.
    [[nodiscard]] opened record();
    // The first recording, in the background (the app opens its window meanwhile): poll() brings it.
    void record_in_background() { start(); }
    // Never blocks. At most every check_interval seconds of `now` (any clock in seconds), looks at
    // the script's mtime; when it changed since the last recording began, starts a re-recording in
    // the background (killing one still running). Returns the new run once a re-recording is done;
    // nullopt otherwise (nothing new, still running, or it failed: status() says why).
    [[nodiscard]] std::optional<session> poll(double now);
    // A re-recording is running in the background.
    [[nodiscard]] bool busy() const;

    [[nodiscard]] const std::string& status() const { return status_; }
    // What the tracer said when the last finished recording did not end well (a traceback, a
    // deadlock, a limit); empty when the script ended normally.
    [[nodiscard]] const std::string& messages() const { return messages_text_; }
    // The last finished recording gave no run (e.g. a SyntaxError): the previous run stays open.
    [[nodiscard]] bool kept_previous() const { return kept_previous_; }
    // How many recordings have finished (successfully or not): changes when messages() may have.
    [[nodiscard]] int finished() const { return finished_; }
    [[nodiscard]] const std::filesystem::path& script() const { return script_; }
    [[nodiscard]] const cli::trace_options& options() const { return options_; }

private:
    struct job;
    struct result;
    std::optional<session> finish(result r);
    void start();

    std::filesystem::path script_, trace_out_, messages_;
    cli::trace_options options_;
    std::filesystem::file_time_type seen_{};
    double next_check_ = 0;
    bool temp_trace_ = false;  // trace_out_ is ours: remove it once loaded
    int recordings_ = 0;
    int jobs_started_ = 0;
    int finished_ = 0;
    bool kept_previous_ = false;
    std::string status_, messages_text_;
    std::unique_ptr<job> running_;                // the re-recording the UI waits for
    std::vector<std::unique_ptr<job>> retired_;   // superseded ones, being stopped
};

}  // namespace loopscope::gui
