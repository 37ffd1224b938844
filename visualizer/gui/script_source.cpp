#include "script_source.hpp"

#include <ctime>

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

// The last non-empty line of the tracer's messages: the exception of a traceback, "deadlock: ...".
std::string last_line(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    const auto nl = text.rfind('\n');
    return std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
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

script_source::script_source(fs::path script, fs::path trace_out)
    : script_(std::move(script)),
      trace_out_(trace_out.empty() ? temp_file(script_, ".lstrace") : trace_out),
      messages_(temp_file(script_, ".stderr")),
      temp_trace_(trace_out.empty()) {}

opened script_source::record() {
    std::error_code ec;
    seen_ = fs::last_write_time(script_, ec);  // before running: a save during the run counts
    next_check_ = 0;
    cli::trace_request r;
    r.script = script_;
    r.out = trace_out_;
    r.messages_to = messages_;
    cli::trace_outcome o = cli::run_trace_command(r);
    fs::remove(messages_, ec);
    if (temp_trace_) fs::remove(trace_out_, ec);
    const std::string said = last_line(o.messages);
    if (o.trace && o.trace->size() == 0 && o.error.empty())
        o.error = fmt::format("the run recorded no events (the tracer exited with status {})", o.exit_code);
    if (!o.trace || o.trace->size() == 0) {  // keep what is open rather than an empty run
        status_ = said.empty() ? o.error : fmt::format("{} ({})", said, o.error);
        return {std::nullopt, status_};
    }
    opened result{open_trace(std::move(*o.trace)), {}};
    (void)attach_source(*result.s, script_);
    status_ = fmt::format("{} {}", recordings_++ ? "re-recorded" : "recorded", clock_now());
    if (o.exit_code != 0) status_ += fmt::format(" - the script stopped: {}", said.empty() ? fmt::format("status {}", o.exit_code) : said);
    return result;
}

std::optional<session> script_source::poll(double now) {
    if (now < next_check_) return std::nullopt;
    next_check_ = now + check_interval;
    std::error_code ec;
    const auto mtime = fs::last_write_time(script_, ec);
    if (ec || mtime == seen_) return std::nullopt;
    const double keep = now + check_interval;
    opened o = record();
    next_check_ = keep;
    return std::move(o.s);
}

}  // namespace loopscope::gui
