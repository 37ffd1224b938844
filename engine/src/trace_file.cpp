#include "loopscope/trace_file.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

namespace loopscope {

// Layout (all little-endian):
//   "LSTRACE\n"  u32 version  u32 section count
//   section: 4-byte tag, u64 payload length, payload
//   META: str title, str producer, str clock        (str = u32 length + UTF-8 bytes)
//   STRS: u32 count, count × str                    (string 0 must be "")
//   SITE: u32 count, count × (u32 file, u32 line, u32 function)   (site 0 must be 0,0,0)
//   TIME: u32 count, count × (u32 first event, f64 seconds)       (first epoch: event 0)
//   DEAD: u32 count, count × f64
//   EVTS: u64 count, count × 16-byte event
struct trace_io {
    static trace& mut(trace& t) { return t; }
    static detail::event_buffer<trace_event>& events(trace& t) { return t.events_; }
    static detail::string_table& strings(trace& t) { return t.strings_; }
    static std::vector<site>& sites(trace& t) { return t.sites_; }
    static std::vector<time_epoch>& times(trace& t) { return t.times_; }
    static std::vector<double>& deadlines(trace& t) { return t.deadlines_; }
    static std::vector<task_info>& tasks(trace& t) { return t.tasks_; }
    static std::string& title(trace& t) { return t.title_; }
    static std::string& producer(trace& t) { return t.producer_; }
    static std::string& clock(trace& t) { return t.clock_; }
};

namespace {

constexpr char magic[8] = {'L', 'S', 'T', 'R', 'A', 'C', 'E', '\n'};

struct writer {
    std::string out;
    template <class T>
    void put(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        char buf[sizeof(T)];
        std::memcpy(buf, &v, sizeof(T));
        out.append(buf, sizeof(T));
    }
    void str(std::string_view s) {
        put(static_cast<std::uint32_t>(s.size()));
        out.append(s);
    }
    std::size_t begin(const char (&tag)[5]) {
        out.append(tag, 4);
        put(std::uint64_t{0});
        return out.size();
    }
    void end(std::size_t start) {
        std::uint64_t len = out.size() - start;
        std::memcpy(out.data() + start - 8, &len, 8);
    }
};

struct parse_error {
    std::string message;
};

struct reader {
    std::span<const std::byte> bytes;
    std::size_t pos = 0;
    std::string section = "header";

    [[noreturn]] void fail(const std::string& why) const {
        throw parse_error{fmt::format("byte {} (section {}): {}", pos, section, why)};
    }
    void need(std::size_t n) const {
        if (n > bytes.size() - pos) fail(fmt::format("the file ends early: {} more bytes expected, {} left", n, bytes.size() - pos));
    }
    template <class T>
    T get() {
        need(sizeof(T));
        T v;
        std::memcpy(&v, bytes.data() + pos, sizeof(T));
        pos += sizeof(T);
        return v;
    }
    std::string str() {
        auto n = get<std::uint32_t>();
        need(n);
        std::string s(reinterpret_cast<const char*>(bytes.data() + pos), n);
        pos += n;
        return s;
    }
    // A count of items of `item_size` bytes each, checked against what is left of the section.
    std::size_t count(std::uint64_t n, std::size_t item_size, std::size_t section_end) const {
        // Reading the count itself may have run past a section too short to hold it.
        if (pos > section_end || n > (section_end - pos) / item_size)
            fail(fmt::format("claims {} items of {} bytes but only {} bytes remain in the section", n, item_size, section_end - pos));
        return static_cast<std::size_t>(n);
    }
};

void validate(reader& r, trace& t) {
    auto& ev = trace_io::events(t);
    auto nstr = trace_io::strings(t).size();
    auto nsite = trace_io::sites(t).size();
    r.section = "check";
    if (nstr == 0 || !trace_io::strings(t)[0].empty()) r.fail("string 0 must exist and be empty");
    if (nsite == 0) r.fail("site 0 must exist");
    for (std::size_t i = 0; i < nsite; ++i) {
        auto& s = trace_io::sites(t)[i];
        if (s.file >= nstr || s.function >= nstr) r.fail(fmt::format("site {} names string {} of {}", i, std::max(s.file, s.function), nstr));
    }
    auto& times = trace_io::times(t);
    if (times.empty() || times[0].first != 0) r.fail("the first time epoch must start at event 0");
    for (std::size_t i = 1; i < times.size(); ++i)
        if (times[i].first < times[i - 1].first) r.fail(fmt::format("time epoch {} starts before epoch {}", i, i - 1));
    auto ndead = trace_io::deadlines(t).size();
    object_id max_task = 0;
    constexpr std::size_t max_task_id_slack = 65'536;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const trace_event& e = ev[i];
        auto bad = [&](const std::string& why) { r.fail(fmt::format("event {} ({}): {}", i, to_string(e.kind), why)); };
        if (e.kind >= event_kind::count_) r.fail(fmt::format("event {} has unknown kind {}", i, static_cast<int>(e.kind)));
        if (e.site >= nsite) bad(fmt::format("site {} of {}", e.site, nsite));
        auto needs_string = [&](std::uint32_t id) {
            if (id >= nstr) bad(fmt::format("string {} of {}", id, nstr));
        };
        auto needs_earlier_event = [&](std::uint32_t idx) {
            if (idx != no_event && idx >= i) bad(fmt::format("refers to event {}, which is not earlier", idx));
        };
        switch (e.kind) {
            case event_kind::time_advanced:
                if (e.a >= times.size()) bad(fmt::format("time epoch {} of {}", e.a, times.size()));
                break;
            case event_kind::task_created:
                needs_string(e.b);
                if (e.subject == 0) bad("task id 0");
                // Producers number tasks 1, 2, 3...; the task table is sized by the largest id, so an
                // id far beyond the file's own event count would make a tiny file allocate gigabytes.
                if (e.subject > ev.size() + max_task_id_slack)
                    bad(fmt::format("task id {} is implausibly large for a trace of {} events", e.subject, ev.size()));
                max_task = std::max(max_task, e.subject);
                break;
            case event_kind::task_scheduled: needs_earlier_event(e.b); break;
            case event_kind::task_resumed: needs_earlier_event(e.b); break;
            case event_kind::callback_ran: needs_earlier_event(e.b); break;
            case event_kind::task_suspended:
            case event_kind::task_finished:
            case event_kind::future_created:
            case event_kind::future_resolved:
            case event_kind::callback_queued:
            case event_kind::output:
            case event_kind::diagnostic:
            case event_kind::cancel_requested: needs_string(e.b); break;
            case event_kind::timer_armed:
                needs_string(e.b);
                if (e.a >= ndead) bad(fmt::format("deadline {} of {}", e.a, ndead));
                break;
            case event_kind::blocking_begin:
                if (e.a >= ndead) bad(fmt::format("deadline {} of {}", e.a, ndead));
                break;
            default: break;
        }
        if ((e.kind == event_kind::task_scheduled || e.kind == event_kind::task_resumed ||
             e.kind == event_kind::task_suspended || e.kind == event_kind::task_finished) &&
            (e.subject == 0 || e.subject > max_task))
            bad(fmt::format("task {} was never created", e.subject));
    }
    // Rebuild the task table from the events, as the builder does.
    auto& tasks = trace_io::tasks(t);
    tasks.assign(max_task + 1, task_info{});
    for (event_index i = 0; i < ev.size(); ++i) {
        const trace_event& e = ev[i];
        if (e.kind == event_kind::task_created) tasks[e.subject] = {e.subject, e.b, e.a, i, no_event};
        else if (e.kind == event_kind::task_finished) tasks[e.subject].finished = i;
    }
}

}  // namespace

std::string serialize_trace(const trace& t) {
    writer w;
    w.out.reserve(64 + t.size() * sizeof(trace_event));
    w.out.append(magic, 8);
    w.put(trace_format_version);
    w.put(std::uint32_t{6});
    auto s = w.begin("META");
    w.str(t.title());
    w.str(t.producer());
    w.str(t.clock());
    w.end(s);
    s = w.begin("STRS");
    w.put(static_cast<std::uint32_t>(t.strings().size()));
    for (std::size_t i = 0; i < t.strings().size(); ++i) w.str(t.strings()[i]);
    w.end(s);
    s = w.begin("SITE");
    w.put(static_cast<std::uint32_t>(t.sites().size()));
    for (auto& site : t.sites()) {
        w.put(site.file);
        w.put(site.line);
        w.put(site.function);
    }
    w.end(s);
    s = w.begin("TIME");
    w.put(static_cast<std::uint32_t>(t.times().size()));
    for (auto& ep : t.times()) {
        w.put(ep.first);
        w.put(ep.time);
    }
    w.end(s);
    s = w.begin("DEAD");
    w.put(static_cast<std::uint32_t>(t.deadlines().size()));
    for (double d : t.deadlines()) w.put(d);
    w.end(s);
    s = w.begin("EVTS");
    w.put(static_cast<std::uint64_t>(t.size()));
    w.out.append(reinterpret_cast<const char*>(t.events().data()), t.size() * sizeof(trace_event));
    w.end(s);
    return std::move(w.out);
}

trace_load_result parse_trace(std::span<const std::byte> bytes) {
    reader r{bytes};
    try {
        r.need(8);
        if (std::memcmp(bytes.data(), magic, 8) != 0) r.fail("not a loopscope trace (the file does not start with LSTRACE)");
        r.pos = 8;
        auto version = r.get<std::uint32_t>();
        if (version != trace_format_version)
            r.fail(fmt::format("format version {} is not supported (this loopscope reads version {})", version, trace_format_version));
        auto sections = r.get<std::uint32_t>();
        trace t;
        trace_io::strings(t).clear();
        trace_io::sites(t).clear();
        trace_io::times(t).clear();
        trace_io::tasks(t).clear();
        std::uint32_t seen = 0;
        for (std::uint32_t k = 0; k < sections; ++k) {
            r.section = "header";
            r.need(12);
            std::string tag(reinterpret_cast<const char*>(bytes.data() + r.pos), 4);
            r.pos += 4;
            auto len = r.get<std::uint64_t>();
            r.section = tag;
            if (len > bytes.size() - r.pos) r.fail(fmt::format("section length {} runs past the end of the file", len));
            std::size_t end = r.pos + static_cast<std::size_t>(len);
            if (tag == "META") {
                trace_io::title(t) = r.str();
                trace_io::producer(t) = r.str();
                trace_io::clock(t) = r.str();
                seen |= 1;
            } else if (tag == "STRS") {
                auto n = r.count(r.get<std::uint32_t>(), 4, end);
                auto& v = trace_io::strings(t);
                v.reserve(n);
                for (std::size_t i = 0; i < n; ++i) v.push_back(r.str());
                seen |= 2;
            } else if (tag == "SITE") {
                auto n = r.count(r.get<std::uint32_t>(), 12, end);
                if (n > 0x10000) r.fail(fmt::format("{} sites; at most 65536 fit a site id", n));
                for (std::size_t i = 0; i < n; ++i) {
                    site s;
                    s.file = r.get<std::uint32_t>();
                    s.line = r.get<std::uint32_t>();
                    s.function = r.get<std::uint32_t>();
                    trace_io::sites(t).push_back(s);
                }
                seen |= 4;
            } else if (tag == "TIME") {
                auto n = r.count(r.get<std::uint32_t>(), 12, end);
                for (std::size_t i = 0; i < n; ++i) {
                    time_epoch ep;
                    ep.first = r.get<std::uint32_t>();
                    ep.time = r.get<double>();
                    trace_io::times(t).push_back(ep);
                }
                seen |= 8;
            } else if (tag == "DEAD") {
                auto n = r.count(r.get<std::uint32_t>(), 8, end);
                for (std::size_t i = 0; i < n; ++i) trace_io::deadlines(t).push_back(r.get<double>());
                seen |= 16;
            } else if (tag == "EVTS") {
                auto n = r.count(r.get<std::uint64_t>(), sizeof(trace_event), end);
                auto& ev = trace_io::events(t);
                ev.resize(n);
                if (n) std::memcpy(ev.data(), bytes.data() + r.pos, n * sizeof(trace_event));  // data() may be null at 0
                r.pos += n * sizeof(trace_event);
                seen |= 32;
            }  // unknown sections are skipped: newer writers may add them
            if (r.pos > end) r.fail("the section's content runs past its declared length");
            r.pos = end;
        }
        if (seen != 63) {
            r.section = "header";
            r.fail("a required section (META, STRS, SITE, TIME, DEAD or EVTS) is missing");
        }
        validate(r, t);
        return {std::move(t), {}};
    } catch (const parse_error& e) {
        return {std::nullopt, e.message};
    }
}

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    // Appended, not `"." + name + ...`: GCC 12 warns (-Wrestrict) on that falsely.
    std::string name(".");
    name += path.filename().string();
    name += ".XXXXXX";
    std::string tmpl = (dir / name).string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) {
            std::string err = std::strerror(errno);
            ::close(fd);
            ::unlink(tmpl.c_str());
            return fmt::format("cannot write {}: {}", path.string(), err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    }
    std::error_code ec;
    fs::rename(tmpl, path, ec);
    if (ec) {
        ::unlink(tmpl.c_str());
        return fmt::format("cannot write {}: {}", path.string(), ec.message());
    }
    return {};
}

std::string save_trace(const trace& t, const std::filesystem::path& path) {
    return write_file_atomically(path, serialize_trace(t));
}

trace_load_result load_trace(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) return {std::nullopt, fmt::format("{}: no such file", path.string())};
    if (fs::is_directory(path, ec)) return {std::nullopt, fmt::format("{} is a folder, not a trace file", path.string())};
    auto size = fs::file_size(path, ec);
    if (ec) return {std::nullopt, fmt::format("{}: {}", path.string(), ec.message())};
    if (size > max_trace_file_bytes)
        return {std::nullopt, fmt::format("{} is {} MiB; loopscope opens traces up to {} MiB", path.string(), size >> 20,
                                          max_trace_file_bytes >> 20)};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, fmt::format("{}: cannot open for reading", path.string())};
    std::string data(static_cast<std::size_t>(size), '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (!in) return {std::nullopt, fmt::format("{}: read failed", path.string())};
    auto r = parse_trace(std::as_bytes(std::span(data)));
    if (!r) r.error = fmt::format("{}: {}", path.string(), r.error);
    return r;
}

}  // namespace loopscope
