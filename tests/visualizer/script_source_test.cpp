// Runs without a lesson: a saved trace and the user's own script, re-recorded when it changes.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

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

// Polls as the app's frame loop would (every 10 ms, `now` running on) until a re-recording lands;
// nullopt after `limit` seconds. Also checks that no poll blocks while the tracer runs.
std::optional<session> poll_until_done(script_source& src, double& now, double limit = 30) {
    using clock = std::chrono::steady_clock;
    const auto end = clock::now() + std::chrono::duration<double>(limit);
    while (clock::now() < end) {
        const auto t0 = clock::now();
        auto fresh = src.poll(now);
        // Generous (sanitizers, valgrind, a busy machine); a run of the tracer takes longer.
        EXPECT_LT(std::chrono::duration<double>(clock::now() - t0).count(), 2.0) << "poll() must never wait for the tracer";
        if (fresh) return fresh;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        now += 0.01;
    }
    return std::nullopt;
}

void touch(const fs::path& file, int seconds_later) {
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(seconds_later));
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
    EXPECT_FALSE(src.busy());

    write_text(script, worker_script(7));
    touch(script, 2);
    EXPECT_FALSE(src.poll(0.2)) << "looks at most twice a second";
    EXPECT_FALSE(src.busy());
    double now = 0.6;
    auto second = poll_until_done(src, now);
    ASSERT_TRUE(second) << src.status();
    EXPECT_FALSE(src.busy());
    EXPECT_EQ(second->own_source.text, worker_script(7));
    EXPECT_EQ(line_of(second->own_source.text, worker_await_line), "await asyncio.sleep(7)");
    EXPECT_GT(second->data->end_time(), first_end + 5) << "the new run sleeps longer";
    EXPECT_EQ(src.status().rfind("re-recorded ", 0), 0u) << src.status();
    EXPECT_TRUE(src.messages().empty()) << src.messages();
    now += 1;
    EXPECT_FALSE(src.poll(now)) << "recorded once per change";
    EXPECT_FALSE(src.busy());

    // A broken script: the status says what Python said, messages() has the whole traceback.
    write_text(script, "import asyncio\nasync def main(:\n");
    touch(script, 4);
    now += 1;
    (void)poll_until_done(src, now, 15);
    EXPECT_FALSE(src.busy());
    EXPECT_NE(src.status().find("SyntaxError"), std::string::npos) << src.status();
    EXPECT_NE(src.messages().find("SyntaxError"), std::string::npos) << src.messages();
    EXPECT_NE(src.messages().find("line 2"), std::string::npos) << "the whole traceback, not its last line: " << src.messages();
}

// A script that takes (real) seconds: the frame loop keeps polling without waiting, and a newer
// edit supersedes the re-recording still running (its python3 is killed, its result never shows).
TEST(ScriptSource, ReRecordsInTheBackgroundAndANewerEditWins) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    temp_folder dir("background");
    const fs::path script = dir.path / "slow.py";
    const auto slow = [](const std::string& word, double seconds) {
        return "import asyncio, time\n"
               "async def main():\n"
               "    await asyncio.sleep(1)\n"
               "    time.sleep(0)\n" +
               std::string(seconds > 0 ? "    import os; os.system('sleep " + std::to_string(seconds) + "')\n" : "") +
               "    print('" + word + "')\n"
               "asyncio.run(main())\n";
    };
    write_text(script, slow("first", 0));
    script_source src(script, {}, cli::trace_options{});
    ASSERT_TRUE(src.record().s) << src.status();

    // An edit whose run takes 30 s of real time: poll() starts it and returns at once.
    write_text(script, slow("slow", 30));
    touch(script, 2);
    double now = 1;
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(src.poll(now));
    EXPECT_TRUE(src.busy()) << "the re-recording runs in the background";
    for (int i = 0; i < 20; ++i) {  // 200 ms of frames: none waits, none brings a run
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        now += 0.01;
        EXPECT_FALSE(src.poll(now));
    }
    EXPECT_TRUE(src.busy());
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10)
        << "21 frames while a 30 s run records: none of them waited for it";

    // A newer edit supersedes it: the quick version's run is the one that lands.
    write_text(script, slow("quick", 0));
    touch(script, 4);
    now += 1;
    auto fresh = poll_until_done(src, now);
    ASSERT_TRUE(fresh) << src.status();
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 20)
        << "the slow run was stopped, not waited for";
    EXPECT_EQ(fresh->own_source.text, slow("quick", 0));
    bool quick = false, slow_word = false;
    for (event_index i = 0; i < fresh->data->size(); ++i)
        if ((*fresh->data)[i].kind == event_kind::output) {
            const auto text = fresh->data->string((*fresh->data)[i].b);
            quick = quick || text == "quick";
            slow_word = slow_word || text == "slow";
        }
    EXPECT_TRUE(quick);
    EXPECT_FALSE(slow_word);
    EXPECT_FALSE(src.busy());

    // Destroying the source while a re-recording runs stops it (the child is killed, not waited for).
    write_text(script, slow("slow again", 30));
    touch(script, 6);
    now += 1;
    EXPECT_FALSE(src.poll(now));
    ASSERT_TRUE(src.busy());
    const auto t1 = std::chrono::steady_clock::now();
    { script_source gone = std::move(src); }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count(), 5);
}

// `loopscope gui SCRIPT.py --max-seconds S -- ARGS`: the options reach every recording.
TEST(ScriptSource, PassesTheScriptsArgumentsAndLimits) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    temp_folder dir("options");
    const fs::path script = dir.path / "endless.py";
    write_text(script,
               "import asyncio, sys\n"
               "async def main():\n"
               "    print('args:', ' '.join(sys.argv[1:]))\n"
               "    while True:\n"
               "        await asyncio.sleep(1)\n"
               "asyncio.run(main())\n");
    cli::trace_options o;
    o.args = {"--port", "8080"};
    o.max_seconds = 5;
    script_source src(script, {}, o);
    opened r = src.record();
    ASSERT_TRUE(r.s) << r.error;
    const trace& t = *r.s->data;
    bool printed = false;
    for (event_index i = 0; i < t.size(); ++i)
        printed = printed || (t[i].kind == event_kind::output && t.string(t[i].b) == "args: --port 8080");
    EXPECT_TRUE(printed) << "the script's arguments";
    EXPECT_LE(t.end_time(), 5.0) << "--max-seconds 5 stopped it";
    EXPECT_NE(src.messages().find("--max-seconds 5"), std::string::npos) << src.messages();

    // A re-recording keeps them.
    touch(script, 2);
    double now = 1;
    auto again = poll_until_done(src, now);
    ASSERT_TRUE(again) << src.status();
    EXPECT_LE(again->data->end_time(), 5.0);
}

TEST(ScriptSource, SortsATracebackForDisplay) {
    const std::string text =
        "Traceback (most recent call last):\n"
        "  File \"/home/me/download.py\", line 21, in <module>\n"
        "    asyncio.run(main())\n"
        "  File \"/usr/lib/python3.11/asyncio/runners.py\", line 190, in run\n"
        "    return runner.run(main)\n"
        "  File \"download.py\", line 8, in download\n"
        "    raise ValueError(f\"{url} is empty\")\n"
        "ValueError: b.txt is empty\n"
        "loopscope trace: the script raised ValueError: b.txt is empty\n"
        "loopscope trace: wrote 85 events to download.lstrace\n";
    const auto lines = parse_messages(text, "/home/me/download.py");
    ASSERT_EQ(lines.size(), 9u) << "the tracer's line repeating the exception is left out";
    using k = message_line::kind;
    EXPECT_EQ(lines[0].k, k::text);
    EXPECT_EQ(lines[1].k, k::user_frame);
    EXPECT_EQ(lines[1].line, 21);
    EXPECT_EQ(lines[2].k, k::code);
    EXPECT_EQ(lines[3].k, k::other_frame);
    EXPECT_EQ(lines[5].k, k::user_frame) << "a relative path to the same file name is the script too";
    EXPECT_EQ(lines[5].line, 8);
    EXPECT_EQ(lines[7].k, k::error);
    EXPECT_EQ(lines[7].text, "ValueError: b.txt is empty");
    EXPECT_EQ(lines[8].k, k::tracer);
    EXPECT_EQ(lines[8].text, "wrote 85 events to download.lstrace");
}

}  // namespace
}  // namespace loopscope::gui
