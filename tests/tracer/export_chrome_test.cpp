// The Chrome Trace Event export, parsed back: well-formed slices on one track per task, named
// threads, flows that pair up and land on slices, output as instants, and valid JSON whatever the
// printed bytes were.
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "loopscope/export_chrome.hpp"
#include "loopscope/loopscope.hpp"
#include "run_tracer.hpp"

namespace loopscope::tracer_test {
namespace {

using json = nlohmann::json;

coro<double> slow_operation(double delay) {
    print(fmt::format("Starting operation with delay {}", delay));
    co_await asyncio::sleep(delay);
    print(fmt::format("Operation with delay {} finished", delay));
    co_return delay * 2;
}

coro<> create_task_main() {
    auto task1 = asyncio::create_task(slow_operation(2));
    auto task2 = asyncio::create_task(slow_operation(1));
    co_await task1;
    co_await task2;
    print("done");
}

json export_json(const trace& t) {
    std::ostringstream out;
    write_chrome_trace(t, out);
    return json::parse(out.str());  // throws on malformed JSON
}

// Checks the Trace Event Format invariants every export must keep; returns the events by phase.
std::map<std::string, std::vector<json>> check_structure(const json& doc) {
    std::map<std::string, std::vector<json>> by_phase;
    EXPECT_TRUE(doc.is_object());
    EXPECT_EQ(doc.at("displayTimeUnit"), "ms");
    for (const json& e : doc.at("traceEvents")) {
        std::string ph = e.at("ph");
        EXPECT_TRUE(e.at("pid").is_number_integer());
        EXPECT_TRUE(e.at("tid").is_number_integer());
        EXPECT_NE(e.at("tid"), 0) << "tid 0 is Perfetto's swapper thread";
        if (ph != "M") {
            EXPECT_TRUE(e.at("ts").is_number_integer()) << e;
            EXPECT_GE(e.at("ts").get<long long>(), 0) << e;
        }
        if (ph == "X") {
            EXPECT_GT(e.at("dur").get<long long>(), 0) << e;
        }
        if (ph == "i") {
            EXPECT_THAT(std::string(e.at("s")), ::testing::AnyOf("t", "p", "g"));
        }
        by_phase[ph].push_back(e);
    }
    // Slices on one track never overlap partly: Perfetto would mis-nest them.
    std::map<long long, std::vector<std::pair<long long, long long>>> tracks;
    for (const json& e : by_phase["X"]) {
        long long ts = e.at("ts"), dur = e.at("dur");
        tracks[e.at("tid")].push_back({ts, ts + dur});
    }
    for (auto& [tid, slices] : tracks) {
        std::sort(slices.begin(), slices.end());
        for (std::size_t i = 1; i < slices.size(); ++i)
            EXPECT_LE(slices[i - 1].second, slices[i].first) << "overlapping slices on track " << tid;
    }
    // Every flow has one start and one end, the start no later than the end, and both inside a slice.
    std::map<long long, json> starts, ends;
    for (const json& e : by_phase["s"]) EXPECT_TRUE(starts.emplace(e.at("id"), e).second) << "duplicate flow start";
    for (const json& e : by_phase["f"]) {
        EXPECT_TRUE(ends.emplace(e.at("id"), e).second) << "duplicate flow end";
        EXPECT_EQ(e.at("bp"), "e");
    }
    EXPECT_EQ(starts.size(), ends.size());
    auto inside_a_slice = [&](const json& e) {
        long long ts = e.at("ts");
        for (auto& [from, to] : tracks[e.at("tid")])
            if (from <= ts && ts < to) return true;
        return false;
    };
    for (auto& [id, s] : starts) {
        if (!ends.count(id)) {
            ADD_FAILURE() << "flow " << id << " never ends";
            continue;
        }
        EXPECT_LE(s.at("ts").get<long long>(), ends[id].at("ts").get<long long>());
        EXPECT_TRUE(inside_a_slice(s)) << s;
        EXPECT_TRUE(inside_a_slice(ends[id])) << ends[id];
    }
    return by_phase;
}

TEST(ExportChrome, AnEngineTraceHasATrackPerTaskNamedByItsCoroutine) {
    run_result r = run(create_task_main());
    auto events = check_structure(export_json(r.trace));
    std::map<long long, std::string> names;
    for (const json& m : events["M"])
        if (m.at("name") == "thread_name") names[m.at("tid")] = m.at("args").at("name");
    EXPECT_EQ(names[1], "Task-1 (create_task_main)");
    EXPECT_EQ(names[2], "Task-2 (slow_operation)");
    EXPECT_EQ(names[3], "Task-3 (slow_operation)");
    EXPECT_EQ(names[chrome_loop_tid], "event loop");
    // Steps: each child runs twice; Task-1 twice too (Task-3 is done before Task-1 awaits it).
    std::map<long long, int> steps;
    std::set<std::string> waits;
    for (const json& x : events["X"]) {
        if (x.at("cat") == "step") ++steps[x.at("tid")];
        if (x.at("cat") == "waiting") waits.insert(x.at("name"));
    }
    EXPECT_EQ(steps[1], 2);
    EXPECT_EQ(steps[2], 2);
    EXPECT_EQ(steps[3], 2);
    EXPECT_THAT(waits, ::testing::IsSupersetOf({"sleep(2)", "sleep(1)", "task Task-2"}));
    EXPECT_EQ(events["i"].size() >= 5u, true);
    // A timer firing wakes a task: an arrow from the loop's callback to the task's step.
    bool timer_arrow = false;
    for (const json& f : events["s"])
        if (f.at("name") == "timer fired" && f.at("tid") == chrome_loop_tid) timer_arrow = true;
    EXPECT_TRUE(timer_arrow);
}

TEST(ExportChrome, TheStepExpandedClockKeepsVirtualSecondsAndGivesEachStepWidth) {
    run_result r = run(create_task_main());
    auto events = check_structure(export_json(r.trace));
    long long last_output = 0;
    for (const json& i : events["i"])
        if (i.at("cat") == "output") last_output = std::max(last_output, i.at("ts").get<long long>());
    // "done" is printed at t = 2 s: 2e6 µs plus 2 µs per step or callback before it.
    EXPECT_GE(last_output, 2'000'000);
    EXPECT_LT(last_output, 2'000'100);
}

TEST(ExportChrome, PrintedBytesThatAreNotUtf8StillMakeValidJson) {
    trace_builder b;
    b.set_title("bytes \"quoted\"\n");
    b.append({event_kind::task_created, 0, 0, 1, 0, b.intern("Task-1")});
    auto sched = b.append({event_kind::task_scheduled, 0, 0, 1, 0, no_event});
    b.append({event_kind::task_resumed, 0, 0, 1, 0, sched});
    b.append({event_kind::output, 0, 0, 1, 0, b.add_string(std::string("bad \xff\xfe utf8 \x01 tab\t \xe2\x82"))});
    b.append({event_kind::task_finished, 0, 0, 1, 0, b.intern("")});
    trace t = b.finish();
    json doc = export_json(t);
    auto events = check_structure(doc);
    ASSERT_EQ(events["i"].size(), 2u);  // the line and the task's end
}

TEST(ExportChrome, ATracerTraceStoppedByALimitStillClosesItsSlices) {
    if (!have_python()) GTEST_SKIP() << "python3 is not installed: cannot run the tracer";
    auto r = run_tracer(script_path("forever.py"), {"--wall-timeout", "1"});
    ASSERT_TRUE(r.trace) << r.load_error;
    auto events = check_structure(export_json(*r.trace));
    bool spin_step = false;
    for (const json& x : events["X"])
        if (x.at("cat") == "step" && x.at("tid") == 2) spin_step = true;
    EXPECT_TRUE(spin_step) << "the step that never ended is drawn up to the end of the trace";
}

TEST(ExportChrome, EveryTracerScriptExportsToWellFormedJson) {
    if (!have_python()) GTEST_SKIP() << "python3 is not installed: cannot run the tracer";
    for (const char* name : {"create_task.py", "gather.py", "queue.py", "lock.py", "cancel.py", "deadlock.py", "raises.py"}) {
        auto r = run_tracer(script_path(name));
        ASSERT_TRUE(r.trace) << name << ": " << r.load_error;
        SCOPED_TRACE(name);
        auto events = check_structure(export_json(*r.trace));
        EXPECT_FALSE(events["s"].empty());
    }
}

TEST(ExportChrome, ExportToAFileIsAtomicAndReportsAMissingFolder) {
    run_result r = run(create_task_main());
    auto dir = scratch_dir();
    EXPECT_EQ(export_chrome_trace(r.trace, dir / "t.json"), "");
    EXPECT_TRUE(json::accept(slurp(dir / "t.json")));
    std::string err = export_chrome_trace(r.trace, dir / "missing" / "t.json");
    EXPECT_THAT(err, ::testing::HasSubstr("missing/t.json"));
    for (auto& e : std::filesystem::directory_iterator(dir))
        EXPECT_EQ(e.path().filename().string().front() != '.', true) << "a temporary file was left: " << e.path();
}

}  // namespace
}  // namespace loopscope::tracer_test
