#include "loopscope/export_chrome.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

namespace loopscope {
namespace {

constexpr int pid = 1;

// Appends `s` as a JSON string body: escapes, and invalid UTF-8 replaced by U+FFFD so the file
// always parses (a printed line may hold any bytes).
void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) out += fmt::format("\\u{:04x}", c);
                    else out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        bool valid = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
        if (valid && len == 3) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            valid = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
        } else if (valid && len == 4) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            valid = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
        }
        if (valid) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xef\xbf\xbd";
            ++i;
        }
    }
    out += '"';
}

std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

// "Task-2 (slow_operation)": the name and the coroutine, from the first site that names it.
std::string task_track_name(const trace& t, object_id task) {
    const task_info& info = t.task(task);
    std::string name(t.string(info.name));
    if (info.created == no_event) return name;
    std::string_view fn;
    for (event_index i = info.created + 1; i < t.size(); ++i) {
        const trace_event& e = t[i];
        if (e.subject == task && e.site && (e.kind == event_kind::task_suspended || e.kind == event_kind::output)) {
            fn = t.string(t.site_of(e).function);
            break;
        }
        if (e.subject == task && e.kind == event_kind::task_finished) break;
    }
    if (!fn.empty() && fn != name) name += fmt::format(" ({})", fn);
    return name;
}

struct exporter {
    const trace& t;
    std::ostream& out;
    std::string line;  // one event, reused
    bool first = true;
    std::uint64_t next_flow = 1;

    void emit() {
        out << (first ? "\n" : ",\n") << line;
        first = false;
        line.clear();
    }
    void slice(std::uint32_t tid, std::string_view name, std::string_view cat, std::int64_t start, std::int64_t end,
               std::string_view args_json = {}) {
        if (end <= start) return;
        line += R"({"ph":"X","name":)";
        append_json_string(line, name);
        line += fmt::format(R"(,"cat":"{}","pid":{},"tid":{},"ts":{},"dur":{})", cat, pid, tid, start, end - start);
        if (!args_json.empty()) line += fmt::format(R"(,"args":{{{}}})", args_json);
        line += '}';
        emit();
    }
    void instant(std::uint32_t tid, std::string_view name, std::string_view cat, std::int64_t ts, char scope,
                 std::string_view args_json = {}) {
        line += R"({"ph":"i","name":)";
        append_json_string(line, name);
        line += fmt::format(R"(,"cat":"{}","pid":{},"tid":{},"ts":{},"s":"{}")", cat, pid, tid, ts, scope);
        if (!args_json.empty()) line += fmt::format(R"(,"args":{{{}}})", args_json);
        line += '}';
        emit();
    }
    void flow(std::string_view name, std::uint32_t from_tid, std::int64_t from_ts, std::uint32_t to_tid,
              std::int64_t to_ts) {
        auto id = next_flow++;
        line += R"({"ph":"s","name":)";
        append_json_string(line, name);
        line += fmt::format(R"(,"cat":"cause","id":{},"pid":{},"tid":{},"ts":{}}})", id, pid, from_tid, from_ts);
        emit();
        line += R"({"ph":"f","bp":"e","name":)";
        append_json_string(line, name);
        line += fmt::format(R"(,"cat":"cause","id":{},"pid":{},"tid":{},"ts":{}}})", id, pid, to_tid, to_ts);
        emit();
    }
    void metadata(std::string_view what, std::uint32_t tid, std::string_view key, std::string_view value_json) {
        line += fmt::format(R"({{"ph":"M","name":"{}","pid":{},"tid":{},"args":{{"{}":{}}}}})", what, pid, tid, key,
                            value_json);
        emit();
    }

    // Where a running slice (a step or a callback) started: flows leave from there.
    struct source {
        std::uint32_t tid = 0;
        std::int64_t start = -1;
    };
    struct task_track {
        std::int64_t step_start = -1;     // running since
        std::int64_t waiting_start = -1;  // waiting since (after a suspension)
        string_id waiting_label = 0;
        std::int64_t ready_start = -1;    // ready since (queued)
    };

    void run() {
        out << R"({"traceEvents":[)";
        metadata("process_name", chrome_loop_tid, "name", json_string(fmt::format("loopscope: {}", t.title())));
        metadata("thread_name", chrome_loop_tid, "name", R"("event loop")");
        metadata("thread_sort_index", chrome_loop_tid, "sort_index", "-1");
        for (object_id id = 1; id < t.tasks().size(); ++id) {
            if (t.task(id).created == no_event) continue;
            metadata("thread_name", id, "name", json_string(task_track_name(t, id)));
            metadata("thread_sort_index", id, "sort_index", fmt::format("{}", id));
        }

        std::vector<task_track> tracks(t.tasks().size());
        std::unordered_map<event_index, source> queued_by;  // task_scheduled event -> the slice that queued it
        source running;                                      // the step or callback running now
        std::int64_t callback_start = -1;
        std::string callback_name;
        std::unordered_map<object_id, string_id> callback_labels, timer_labels;
        std::int64_t starts = 0;  // steps and callbacks begun so far
        std::int64_t last_ts = 0;

        auto end_callback = [&] {
            if (callback_start < 0) return;
            slice(chrome_loop_tid, callback_name, "callback", callback_start, last_ts + 1);
            callback_start = -1;
            running = {};
        };
        auto track = [&](object_id id) -> task_track* { return id < tracks.size() ? &tracks[id] : nullptr; };

        for (event_index i = 0; i < t.size(); ++i) {
            const trace_event& e = t[i];
            bool starts_slice = e.kind == event_kind::task_resumed || e.kind == event_kind::callback_ran;
            if (starts_slice || e.kind == event_kind::loop_iteration || e.kind == event_kind::loop_phase) end_callback();
            if (starts_slice) ++starts;
            auto base = static_cast<std::int64_t>(std::llround(t.time_at(i) * 1e6));
            std::int64_t ts = base + 2 * starts - (starts_slice ? 1 : 0);
            switch (e.kind) {
                case event_kind::task_scheduled:
                    if (auto* tr = track(e.subject)) {
                        tr->ready_start = ts;
                        if (running.start >= 0) queued_by[i] = running;
                    }
                    break;
                case event_kind::task_resumed: {
                    task_track* tr = track(e.subject);
                    if (!tr) break;
                    if (tr->waiting_start >= 0) {
                        std::int64_t waited_until = tr->ready_start >= 0 ? tr->ready_start : ts;
                        slice(e.subject, t.string(tr->waiting_label), "waiting", tr->waiting_start, waited_until);
                    }
                    if (tr->ready_start >= 0)
                        slice(e.subject, "ready", "ready", std::max(tr->ready_start, tr->waiting_start), ts);
                    tr->waiting_start = tr->ready_start = -1;
                    tr->step_start = ts;
                    if (auto q = queued_by.find(e.b); q != queued_by.end()) {
                        if (q->second.tid != e.subject && e.b < i)
                            flow(to_string(static_cast<schedule_reason>(t[e.b].aux)), q->second.tid, q->second.start,
                                 e.subject, ts);
                        queued_by.erase(q);
                    }
                    running = {e.subject, ts};
                    break;
                }
                case event_kind::task_suspended:
                case event_kind::task_finished: {
                    task_track* tr = track(e.subject);
                    if (!tr) break;
                    if (tr->step_start >= 0) {
                        std::string args;
                        if (e.site) {
                            const site& s = t.site_of(e);
                            args = fmt::format(R"("line":{},"function":{})", s.line, json_string(t.string(s.function)));
                        }
                        slice(e.subject, "running", "step", tr->step_start, ts + 1, args);
                    }
                    tr->step_start = -1;
                    if (running.tid == e.subject) running = {};
                    if (e.kind == event_kind::task_suspended) {
                        tr->waiting_start = ts + 1;
                        tr->waiting_label = e.b;
                    } else {
                        auto o = static_cast<outcome>(e.aux);
                        std::string_view word = o == outcome::result ? "returned" : o == outcome::exception ? "raised" : "cancelled";
                        std::string text(t.string(e.b));
                        instant(e.subject, text.empty() ? std::string(word) : fmt::format("{} {}", word, text), "end", ts,
                                't');
                    }
                    break;
                }
                case event_kind::callback_queued: callback_labels[e.subject] = e.b; break;
                case event_kind::timer_armed: timer_labels[e.subject] = e.b; break;
                case event_kind::callback_ran: {
                    callback_start = ts;
                    bool timer = e.b != no_event && e.b < i && t[e.b].kind == event_kind::timer_fired;
                    auto& labels = timer ? timer_labels : callback_labels;
                    auto it = labels.find(e.subject);
                    callback_name = it != labels.end() ? std::string(t.string(it->second))
                                                       : fmt::format("{} {}", timer ? "timer" : "callback", e.subject);
                    if (timer && it != labels.end()) labels.erase(it);
                    running = {chrome_loop_tid, ts};
                    break;
                }
                case event_kind::output: {
                    std::uint32_t tid = e.subject && track(e.subject) ? e.subject : chrome_loop_tid;
                    std::string_view text = t.string(e.b);
                    instant(tid, text.size() > 80 ? text.substr(0, 80) : text, "output", ts, 't',
                            fmt::format(R"("line":{})", json_string(text)));
                    break;
                }
                case event_kind::diagnostic:
                    instant(chrome_loop_tid,
                            fmt::format("{}: {}", to_string(static_cast<diagnostic_kind>(e.aux)), t.string(e.b)),
                            "diagnostic", ts, 'g');
                    break;
                default: break;
            }
            last_ts = ts;
        }
        // A run stopped by a limit ends with slices still open: close them at the last event.
        end_callback();
        for (object_id id = 1; id < tracks.size(); ++id) {
            task_track& tr = tracks[id];
            if (tr.step_start >= 0) slice(id, "running", "step", tr.step_start, last_ts + 1);
            if (tr.waiting_start >= 0)
                slice(id, t.string(tr.waiting_label), "waiting", tr.waiting_start,
                      std::max(tr.ready_start >= 0 ? tr.ready_start : last_ts + 1, tr.waiting_start + 1));
            if (tr.ready_start >= 0) slice(id, "ready", "ready", std::max(tr.ready_start, tr.waiting_start), last_ts + 2);
        }
        out << "\n],\"displayTimeUnit\":\"ms\"}\n";
    }
};

}  // namespace

void write_chrome_trace(const trace& t, std::ostream& out) {
    exporter e{t, out, {}};
    e.run();
}

std::string export_chrome_trace(const trace& t, const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    // Appended, not `"." + name + ...`: GCC 12 warns (-Wrestrict) on that falsely.
    std::string name(".");
    name += path.filename().string();
    name += ".XXXXXX";
    std::string tmpl = (dir / name).string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    ::close(fd);  // the stream reopens it: mkstemp only reserved a unique name
    {
        std::ofstream f(tmpl, std::ios::binary | std::ios::trunc);
        if (f) {
            write_chrome_trace(t, f);
            f.flush();
        }
        if (!f) {
            ::unlink(tmpl.c_str());
            return fmt::format("cannot write {}: {}", path.string(), errno ? std::strerror(errno) : "write failed");
        }
    }
    std::error_code ec;
    fs::rename(tmpl, path, ec);
    if (ec) {
        ::unlink(tmpl.c_str());
        return fmt::format("cannot write {}: {}", path.string(), ec.message());
    }
    return {};
}

}  // namespace loopscope
