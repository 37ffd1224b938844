// libFuzzer entry point: parse_trace must turn any bytes into a trace or an error, never a crash.
// What it accepts must also survive everything readers do with a trace: describe every event,
// save it again (and load the copy), export it as Chrome JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <span>
#include <streambuf>

#include "loopscope/export_chrome.hpp"
#include "loopscope/trace_file.hpp"

namespace {

// An ostream that throws its bytes away: the exporter runs, nothing is stored.
struct null_buffer : std::streambuf {
    int overflow(int c) override { return c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = loopscope::parse_trace(std::span(reinterpret_cast<const std::byte*>(data), size));
    if (!r) {
        if (r.error.empty()) std::abort();  // a refusal must say why
        return 0;
    }
    const loopscope::trace& t = *r.trace;
    for (loopscope::event_index i = 0; i < t.size() && i < 4096; ++i) (void)loopscope::describe(t, i);
    (void)t.end_time();
    (void)t.output();
    std::string bytes = loopscope::serialize_trace(t);
    if (!loopscope::parse_trace(std::as_bytes(std::span(bytes)))) std::abort();  // what loads, saves and reloads
    null_buffer sink;
    std::ostream out(&sink);
    loopscope::write_chrome_trace(t, out);
    return 0;
}
