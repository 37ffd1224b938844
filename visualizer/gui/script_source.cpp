#include "script_source.hpp"

#include <mutex>
#include <ctime>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "loopscope/trace_file.hpp"
#include "trace_runner.hpp"

namespace loopscope::gui {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string clock_now() {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    return fmt::format("{:02}:{:02}:{:02}", local.tm_hour, local.tm_min, local.tm_sec);
}

// The last non-empty line of the tracer's messages ("the script raised ...", "deadlock: ..."),
// without the tracer's "loopscope trace: ".
std::string last_line(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    const auto nl = text.rfind('\n');
    std::string_view line = nl == std::string_view::npos ? text : text.substr(nl + 1);
    if (line.starts_with("loopscope trace: ")) line.remove_prefix(std::string_view("loopscope trace: ").size());
    return std::string(line);
}

fs::path temp_file(const fs::path& script, std::string_view ext) {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    return dir / fmt::format("loopscope-{}-{}{}", ::getpid(), script.stem().string(), ext);
}

}  // namespace

bool is_trace_file(std::string_view arg) { return ends_with(arg, ".lstrace"); }
bool is_script_file(std::string_view arg) { return ends_with(arg, ".py"); }

opened open_trace_file(const fs::path& file) {
    auto loaded = load_trace(file);
    if (!loaded) return {std::nullopt, "cannot open the trace: " + loaded.error};
    opened o{open_trace(std::move(*loaded.trace)), {}};
    (void)attach_source(*o.s);  // no text: the code pane says so; the trace still opens
    return o;
}

std::vector<message_line> parse_messages(std::string_view text, const fs::path& script) {
    std::vector<message_line> out;
    const std::string name = script.filename().string();
    std::error_code ec;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        message_line m;
        m.text = std::string(line);
        constexpr std::string_view frame = "  File \"", tracer = "loopscope trace: ";
        if (line.starts_with(frame)) {
            const auto close = line.find('"', frame.size());
            const std::string_view file = line.substr(frame.size(), close == std::string_view::npos ? 0 : close - frame.size());
            const bool mine = !file.empty() && (fs::path(file).filename() == name ||
                                                fs::equivalent(fs::path(std::string(file)), script, ec));
            m.k = mine ? message_line::kind::user_frame : message_line::kind::other_frame;
            if (const auto at = line.find(", line "); at != std::string_view::npos)
                for (char c : line.substr(at + 7)) {
                    if (c < '0' || c > '9') break;
                    m.line = m.line * 10 + (c - '0');
                }
        } else if (line.starts_with(tracer)) {
            // "the script raised X" only repeats the traceback's last line
            if (line.substr(tracer.size()).starts_with("the script raised") && !out.empty() &&
                out.back().k == message_line::kind::error)
                continue;
            m.k = message_line::kind::tracer;
            m.text = std::string(line.substr(tracer.size()));
        } else if (line.starts_with("    ") && !out.empty() &&
                   (out.back().k == message_line::kind::user_frame || out.back().k == message_line::kind::other_frame)) {
            m.k = message_line::kind::code;
        } else if (!line.empty() && line.front() != ' ' && line != "Traceback (most recent call last):" &&
                   !line.starts_with("During handling") && !line.starts_with("The above exception")) {
            m.k = message_line::kind::error;  // "ValueError: ...", "SyntaxError: ..."
        }
        out.push_back(std::move(m));
    }
    while (!out.empty() && out.back().text.empty()) out.pop_back();
    return out;
}

// One recording's outcome: what the tracer said, and the run (opened off the UI thread).
struct script_source::result {
    cli::trace_outcome outcome;  // without its trace: that is in s
    std::optional<session> s;
};

// A recording in a thread of its own. The mutex hands the result over (a plain lock, so that
// ThreadSanitizer and helgrind see the hand-over too); the UI thread only tries it, once a frame.
struct script_source::job {
    std::mutex m;
    bool done = false;    // guarded by m
    result r;             // guarded by m: written by the thread, then taken by the UI thread
    std::jthread thread;  // last member: on destruction it is stopped (the child killed) and joined first

    // The result, once the thread is done; never waits for it.
    std::optional<result> take() {
        const std::unique_lock lock(m, std::try_to_lock);
        if (!lock.owns_lock() || !done) return std::nullopt;
        return std::move(r);
    }
    bool finished() {
        const std::unique_lock lock(m, std::try_to_lock);
        return lock.owns_lock() && done;
    }
};

namespace {

// Runs the tracer and opens what it wrote: the slow part, on whichever thread calls it.
void run_recording(cli::trace_request req, bool remove_trace, const fs::path& script, cli::trace_outcome& o,
                   std::optional<session>& s) {
    o = cli::run_trace_command(req);
    std::error_code ec;
    fs::remove(req.messages_to, ec);
    if (remove_trace) fs::remove(req.out, ec);
    if (o.trace && o.trace->size() == 0 && o.error.empty())
        o.error = fmt::format("the run recorded no events (the tracer exited with status {})", o.exit_code);
    if (o.trace && o.trace->size() > 0 && !req.stop.stop_requested()) {
        s = open_trace(std::move(*o.trace));
        (void)attach_source(*s, script);
    }
    o.trace.reset();
}

}  // namespace

script_source::script_source(fs::path script, fs::path trace_out, cli::trace_options options)
    : script_(std::move(script)),
      trace_out_(trace_out.empty() ? temp_file(script_, ".lstrace") : trace_out),
      messages_(temp_file(script_, ".stderr")),
      options_(std::move(options)),
      temp_trace_(trace_out.empty()) {}

script_source::~script_source() = default;  // each job stops its child and joins its thread
script_source::script_source(script_source&&) noexcept = default;
script_source& script_source::operator=(script_source&&) noexcept = default;

std::optional<session> script_source::finish(result r) {
    const cli::trace_outcome& o = r.outcome;
    const std::string said = last_line(o.messages);
    messages_text_ = o.exit_code != 0 || !r.s ? o.messages : std::string();
    ++finished_;
    kept_previous_ = !r.s;
    if (!r.s) {  // keep what is open rather than an empty run
        status_ = said.empty() ? o.error : fmt::format("{} ({})", said, o.error);
        return std::nullopt;
    }
    status_ = fmt::format("{} {}", recordings_++ ? "re-recorded" : "recorded", clock_now());
    if (o.exit_code != 0)
        status_ += said.empty() ? fmt::format(" - the script stopped (status {})", o.exit_code)
                                : fmt::format(" - {}{}", said.starts_with("the script") || said.starts_with("stopped") ? "" : "the script stopped: ", said);
    return std::move(r.s);
}

opened script_source::record() {
    std::error_code ec;
    seen_ = fs::last_write_time(script_, ec);  // before running: a save during the run counts
    next_check_ = 0;
    cli::trace_request req;
    req.script = script_;
    req.options = options_;
    req.out = trace_out_;
    req.messages_to = messages_;
    result r;
    run_recording(std::move(req), temp_trace_, script_, r.outcome, r.s);
    std::optional<session> s = finish(std::move(r));
    if (!s) return {std::nullopt, status_};
    return {std::move(s), {}};
}

void script_source::start() {
    std::error_code ec;
    seen_ = fs::last_write_time(script_, ec);  // before running: a save during the run counts
    if (running_) {  // superseded: stop it (its thread kills the child) and forget its result
        running_->thread.request_stop();
        retired_.push_back(std::move(running_));
    }
    // Files of its own: a superseded run may still be writing its own while it is being stopped.
    const int n = ++jobs_started_;
    cli::trace_request req;
    req.script = script_;
    req.options = options_;
    req.out = temp_trace_ ? temp_file(script_, fmt::format("-{}.lstrace", n)) : trace_out_;
    req.messages_to = temp_file(script_, fmt::format("-{}.stderr", n));
    auto j = std::make_unique<job>();
    job* raw = j.get();
    j->thread = std::jthread([raw, req = std::move(req), remove = temp_trace_, script = script_](std::stop_token stop) mutable {
        req.stop = std::move(stop);
        result r;
        run_recording(std::move(req), remove, script, r.outcome, r.s);
        const std::lock_guard lock(raw->m);
        raw->r = std::move(r);
        raw->done = true;
    });
    running_ = std::move(j);
}

bool script_source::busy() const { return running_ != nullptr; }

std::optional<session> script_source::poll(double now) {
    std::optional<session> fresh;
    if (running_) {
        if (std::optional<result> r = running_->take()) {
            running_.reset();  // joins a thread that has nothing left to do
            fresh = finish(std::move(*r));
        }
    }
    std::erase_if(retired_, [](const std::unique_ptr<job>& j) { return j->finished(); });
    if (now < next_check_) return fresh;
    next_check_ = now + check_interval;
    std::error_code ec;
    const auto mtime = fs::last_write_time(script_, ec);
    if (!ec && mtime != seen_) start();
    return fresh;
}

}  // namespace loopscope::gui
