// Runs without a lesson: a saved trace and the user's own script, re-recorded when it changes.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "script_fixtures.hpp"
#include "script_source.hpp"

namespace loopscope::gui {
namespace {

using testing::read_text;
using testing::temp_folder;
using testing::worker_await_line;
using testing::worker_script;
using testing::write_text;
namespace fs = std::filesystem;

// The lines (per source_line) where a task stands at some step of the run.
std::vector<int> task_lines(const session& s) {
    std::vector<int> lines;
    loop_state now;
    for (event_index i = 0; i < s.data->size(); ++i) {
        s.states->seek(now, i);
        for (object_id id = 1; id < now.tasks.size(); ++id)
            if (now.tasks[id].site != 0) lines.push_back(source_line(s, lessons::language::python, now.tasks[id].site));
    }
    return lines;
}

bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(ScriptSource, RecordsTheScriptAndShowsItsText) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    temp_folder dir("record");
    const fs::path script = dir.path / "two_workers.py", out = dir.path / "two_workers.lstrace";
    write_text(script, worker_script(1));
    script_source src(script, out);
    opened o = src.record();
    ASSERT_TRUE(o.s) << o.error;
    const session& s = *o.s;
    ASSERT_FALSE(s.empty());
    ASSERT_TRUE(s.has_own_source());
    EXPECT_TRUE(fs::equivalent(s.own_source.file, script));
    EXPECT_EQ(s.own_source.text, worker_script(1));
    EXPECT_EQ(s.own_source.title, "two_workers.py");
    // A worker waits on its sleep: the code pane marks line 5, whose text is the await.
    EXPECT_TRUE(has(task_lines(s), worker_await_line));
    EXPECT_EQ(line_of(s.own_source.text, worker_await_line), "await asyncio.sleep(1)");
    EXPECT_EQ(src.status().rfind("recorded ", 0), 0u) << src.status();
    EXPECT_EQ(read_text(script), worker_script(1)) << "the user's file is never modified";
}

TEST(ScriptSource, OpensASavedTraceWithTheScriptsText) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    temp_folder dir("saved");
    const fs::path script = dir.path / "saved.py", out = dir.path / "saved.lstrace";
    write_text(script, worker_script(1));
    script_source src(script, out);
    ASSERT_TRUE(src.record().s);
    opened o = open_trace_file(out);
    ASSERT_TRUE(o.s) << o.error;
    EXPECT_EQ(o.s->own_source.text, worker_script(1));
    EXPECT_TRUE(has(task_lines(*o.s), worker_await_line));
    // Narration quotes the script's line for a site on it.
    const auto& t = *o.s->data;
    site_id await_site = 0;
    for (site_id i = 1; i < t.sites().size() && !await_site; ++i)
        if (t.sites()[i].line == static_cast<std::uint32_t>(worker_await_line)) await_site = i;
    ASSERT_NE(await_site, 0u);
    EXPECT_EQ(code_for_site(*o.s, await_site), "await asyncio.sleep(1)");
}

TEST(ScriptSource, AMalformedTraceGivesTheLoadersMessage) {
    temp_folder dir("bad");
    const fs::path bad = dir.path / "bad.lstrace";
    write_text(bad, "this is not a trace");
    opened o = open_trace_file(bad);
    EXPECT_FALSE(o.s);
    EXPECT_NE(o.error.find("bad.lstrace"), std::string::npos) << o.error;
    EXPECT_NE(o.error.find("byte"), std::string::npos) << "the loader's message: " << o.error;
    EXPECT_FALSE(open_trace_file(dir.path / "missing.lstrace").s);
}

TEST(ScriptSource, ReRecordsWhenTheScriptChanges) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    temp_folder dir("watch");
    const fs::path script = dir.path / "watched.py";
    write_text(script, worker_script(1));
    script_source src(script, dir.path / "watched.lstrace");
    opened first = src.record();
    ASSERT_TRUE(first.s) << first.error;
    const double first_end = first.s->data->end_time();
    EXPECT_FALSE(src.poll(0.0)) << "unchanged: nothing new";

    write_text(script, worker_script(7));
    fs::last_write_time(script, fs::last_write_time(script) + std::chrono::seconds(2));
    EXPECT_FALSE(src.poll(0.2)) << "looks at most twice a second";
    auto second = src.poll(0.6);
    ASSERT_TRUE(second) << src.status();
    EXPECT_EQ(second->own_source.text, worker_script(7));
    EXPECT_EQ(line_of(second->own_source.text, worker_await_line), "await asyncio.sleep(7)");
    EXPECT_GT(second->data->end_time(), first_end + 5) << "the new run sleeps longer";
    EXPECT_EQ(src.status().rfind("re-recorded ", 0), 0u) << src.status();
    EXPECT_FALSE(src.poll(1.2)) << "recorded once per change";

    // A broken script: the status says what Python said (the run up to the failure, if any, opens).
    write_text(script, "import asyncio\nasync def main(:\n");
    fs::last_write_time(script, fs::last_write_time(script) + std::chrono::seconds(4));
    (void)src.poll(2.0);
    EXPECT_NE(src.status().find("SyntaxError"), std::string::npos) << src.status();
}

}  // namespace
}  // namespace loopscope::gui
