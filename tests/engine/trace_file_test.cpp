#include <cstring>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "loopscope/trace_file.hpp"

using namespace loopscope;

namespace {

coro<int> worker(double d) {
    co_await asyncio::sleep(d);
    print(fmt::format("worker {} done", d));
    co_return 1;
}

coro<> two_workers() {
    auto a = asyncio::create_task(worker(2));
    auto b = asyncio::create_task(worker(1));
    co_await a;
    co_await b;
}

trace sample() { return run(two_workers()).trace; }

std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s)); }

TEST(TraceFile, RoundTripKeepsEveryEventStringAndTime) {
    trace t = sample();
    auto r = parse_trace(bytes_of(serialize_trace(t)));
    ASSERT_TRUE(r) << r.error;
    const trace& u = *r.trace;
    ASSERT_EQ(u.size(), t.size());
    for (event_index i = 0; i < t.size(); ++i) {
        EXPECT_EQ(describe(u, i), describe(t, i));
        EXPECT_EQ(u.time_at(i), t.time_at(i));
    }
    EXPECT_EQ(u.title(), t.title());
    EXPECT_EQ(u.clock(), "virtual");
    EXPECT_EQ(u.tasks().size(), t.tasks().size());
    EXPECT_EQ(u.task_name(2), "Task-2");
}

TEST(TraceFile, RejectsAFileThatIsNotATrace) {
    std::string junk = "hello, I am a text file";
    auto r = parse_trace(bytes_of(junk));
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("not a loopscope trace"), std::string::npos) << r.error;
}

TEST(TraceFile, RejectsEveryTruncationWithAPosition) {
    std::string data = serialize_trace(sample());
    for (std::size_t len = 0; len < data.size(); len += 7) {
        auto r = parse_trace(bytes_of(data.substr(0, len)));
        ASSERT_FALSE(r) << "a file cut at byte " << len << " was accepted";
        EXPECT_NE(r.error.find("byte "), std::string::npos) << r.error;
    }
}

TEST(TraceFile, RejectsAnUnknownEventKind) {
    trace t = sample();
    std::string data = serialize_trace(t);
    // The EVTS section is written last: its first event starts 16 × size bytes from the end.
    std::size_t first_event = data.size() - t.size() * sizeof(trace_event);
    data[first_event] = static_cast<char>(200);
    auto r = parse_trace(bytes_of(data));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("unknown kind 200"), std::string::npos) << r.error;
}

TEST(TraceFile, RejectsAReferenceToALaterEvent) {
    trace t = sample();
    std::string data = serialize_trace(t);
    std::size_t first_event = data.size() - t.size() * sizeof(trace_event);
    for (event_index i = 0; i < t.size(); ++i) {
        if (t[i].kind != event_kind::task_resumed) continue;
        std::uint32_t later = i + 1;
        std::memcpy(data.data() + first_event + i * sizeof(trace_event) + 12, &later, 4);
        break;
    }
    auto r = parse_trace(bytes_of(data));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("not earlier"), std::string::npos) << r.error;
}

TEST(TraceFile, RejectsATaskIdFarBeyondTheFileSize) {
    // Found by the fuzzer: the task table is sized by the largest id, so a 2 KB file naming task
    // 40 000 000 made the loader allocate a gigabyte.
    trace t = sample();
    std::string data = serialize_trace(t);
    std::size_t first_event = data.size() - t.size() * sizeof(trace_event);
    for (event_index i = 0; i < t.size(); ++i) {
        if (t[i].kind != event_kind::task_created) continue;
        std::uint32_t huge = 40'000'000;
        std::memcpy(data.data() + first_event + i * sizeof(trace_event) + 4, &huge, 4);
        break;
    }
    auto r = parse_trace(bytes_of(data));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("task id 40000000 is implausibly large"), std::string::npos) << r.error;
}

TEST(TraceFile, RejectsAnotherVersion) {
    std::string data = serialize_trace(sample());
    data[8] = 9;
    auto r = parse_trace(bytes_of(data));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("version 9 is not supported"), std::string::npos) << r.error;
}

TEST(TraceFile, SaveIsAtomicAndLoadReadsItBack) {
    auto dir = std::filesystem::temp_directory_path() / "loopscope_trace_file_test";
    std::filesystem::create_directories(dir);
    auto path = dir / "run.lstrace";
    ASSERT_EQ(save_trace(sample(), path), "");
    auto r = load_trace(path);
    ASSERT_TRUE(r) << r.error;
    // Nothing but the file itself is left in the folder: the temporary was renamed into place.
    int files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
    EXPECT_EQ(files, 1);
    std::filesystem::remove_all(dir);
}

// Found by the fuzzer: a section too short to hold its own count made the size check wrap.
TEST(TraceFile, RejectsASectionShorterThanItsOwnCount) {
    std::string data = serialize_trace(sample());
    auto at = data.find("STRS");
    ASSERT_NE(at, std::string::npos);
    std::uint64_t two = 2;  // the section claims 2 bytes: not even room for its u32 count
    std::memcpy(data.data() + at + 4, &two, 8);
    auto r = parse_trace(bytes_of(data));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("section"), std::string::npos) << r.error;
}

TEST(TraceFile, MissingFileSaysSo) {
    auto r = load_trace("/nonexistent/loopscope.lstrace");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error.find("no such file"), std::string::npos) << r.error;
}

TEST(TraceFile, SavingIntoAMissingFolderFailsWithAMessage) {
    auto err = save_trace(sample(), "/nonexistent/dir/x.lstrace");
    EXPECT_NE(err.find("cannot write"), std::string::npos) << err;
}

}  // namespace
