// The Python tracer, run on small scripts under real CPython: each test states what the trace of
// one script must say (tasks, order of steps, virtual times, lines of the script, endings).
#include <chrono>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "run_tracer.hpp"

namespace loopscope::tracer_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

#define REQUIRE_PYTHON() \
    if (!have_python()) GTEST_SKIP() << "python3 is not installed: cannot run the tracer"

// The site of the first event of `kind` about the task named `task`: "main:6".
std::string site_of_first(const trace& t, event_kind kind, std::string_view task) {
    for (event_index i = 0; i < t.size(); ++i) {
        const trace_event& e = t[i];
        if (e.kind == kind && t.task_name(e.subject) == task) {
            const site& s = t.site_of(e);
            return fmt::format("{}:{}", t.string(s.function), s.line);
        }
    }
    return "none";
}

object_id task_named(const trace& t, std::string_view name) {
    for (object_id id = 1; id < t.tasks().size(); ++id)
        if (t.task_name(id) == name) return id;
    return 0;
}

TEST(Tracer, HelloWorldIsOneTaskThatSleepsOneVirtualSecondOnLineSix) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("sleep.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_EQ(t.producer(), "loopscope python tracer");
    EXPECT_EQ(t.clock(), "virtual");
    EXPECT_EQ(t.title(), "sleep.py");
    EXPECT_THAT(task_steps(t, true), ElementsAre("resumed Task-1", "suspended Task-1 on sleep(1)", "resumed Task-1",
                                                 "finished Task-1"));
    EXPECT_EQ(site_of_first(t, event_kind::task_suspended, "Task-1"), "main:6");
    EXPECT_THAT(output_lines(t), ElementsAre("0.000000 Hello", "1.000000 World"));
    EXPECT_DOUBLE_EQ(t.end_time(), 1.0);
    // The site names the script by its path, so the viewer can show its lines.
    auto file = t.string(t.site_of(t[events_of(t, event_kind::task_suspended)[0]]).file);
    EXPECT_EQ(std::filesystem::path(file).filename(), "sleep.py");
    EXPECT_TRUE(std::filesystem::path(file).is_absolute());
}

TEST(Tracer, CreateTaskRunsTheChildrenInCreationOrderAndWakesThemByTheirTimers) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("create_task.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_THAT(task_steps(t, true),
                ElementsAre("resumed Task-1", "suspended Task-1 on task Task-2", "resumed Task-2",
                            "suspended Task-2 on sleep(2)", "resumed Task-3", "suspended Task-3 on sleep(1)",
                            "resumed Task-3", "finished Task-3", "resumed Task-2", "finished Task-2", "resumed Task-1",
                            "finished Task-1"));
    object_id t2 = task_named(t, "Task-2");
    ASSERT_NE(t2, 0u);
    EXPECT_EQ(t.task(t2).parent, task_named(t, "Task-1"));
    EXPECT_EQ(site_of_first(t, event_kind::task_created, "Task-2"), "main:12");
    EXPECT_EQ(site_of_first(t, event_kind::task_created, "Task-3"), "main:13");
    EXPECT_EQ(site_of_first(t, event_kind::task_suspended, "Task-1"), "main:14");
    EXPECT_EQ(site_of_first(t, event_kind::task_suspended, "Task-3"), "slow_operation:6");
    EXPECT_THAT(output_lines(t), ElementsAre("0.000000 Starting operation with delay 2",
                                             "0.000000 Starting operation with delay 1",
                                             "1.000000 Operation with delay 1 finished",
                                             "2.000000 Operation with delay 2 finished", "2.000000 Results: 4, 2"));
    // Every resume names the task_scheduled event that queued it, and Task-1's last wake-up was
    // caused by Task-2 finishing.
    for (auto i : events_of(t, event_kind::task_resumed)) {
        ASSERT_LT(t[i].b, i);
        EXPECT_EQ(t[t[i].b].kind, event_kind::task_scheduled);
        EXPECT_EQ(t[t[i].b].subject, t[i].subject);
    }
    auto resumes = events_of(t, event_kind::task_resumed);
    const trace_event& last_wake = t[t[resumes.back()].b];
    EXPECT_EQ(static_cast<schedule_reason>(last_wake.aux), schedule_reason::task_finished);
    ASSERT_NE(last_wake.b, no_event);
    EXPECT_EQ(t[last_wake.b].kind, event_kind::task_finished);
    EXPECT_EQ(t[last_wake.b].subject, t2);
}

TEST(Tracer, GatherWaitsOnOneFutureForAllThreeAndPrintsInDeadlineOrder) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("gather.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_THAT(task_steps(t, true)[1], "suspended Task-1 on gather(3 tasks)");
    EXPECT_THAT(output_lines(t),
                ElementsAre("1.000000 b done", "2.000000 c done", "3.000000 a done", "3.000000 ['a', 'b', 'c']"));
    EXPECT_EQ(events_of(t, event_kind::timer_armed).size(), 3u);
    EXPECT_EQ(events_of(t, event_kind::timer_fired).size(), 3u);
}

TEST(Tracer, QueueGetSuspendsTheConsumerUntilThePutWakesIt) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("queue.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_EQ(site_of_first(t, event_kind::task_suspended, "Task-3"), "consumer:13");
    int woken = 0;
    for (auto i : events_of(t, event_kind::task_scheduled)) {
        const trace_event& e = t[i];
        if (t.task_name(e.subject) != "Task-3" || static_cast<schedule_reason>(e.aux) != schedule_reason::woken) continue;
        ++woken;
        ASSERT_NE(e.b, no_event);
        EXPECT_EQ(t[e.b].kind, event_kind::future_resolved);
    }
    EXPECT_EQ(woken, 3);
    EXPECT_THAT(task_steps(t, true), ::testing::Contains("suspended Task-3 on queue.get()"));
    EXPECT_THAT(output_lines(t), ElementsAre("1.000000 put 0", "1.000000 got 0", "2.000000 put 1", "2.000000 got 1",
                                             "3.000000 put 2", "3.000000 got 2"));
}

TEST(Tracer, TheSecondWorkerWaitsForTheLockOnTheAsyncWithLine) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("lock.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_THAT(task_steps(t, true), ::testing::Contains("suspended Task-3 on lock.acquire()"));
    EXPECT_EQ(site_of_first(t, event_kind::task_suspended, "Task-3"), "worker:5");
    EXPECT_THAT(output_lines(t), ElementsAre("0.000000 A has the lock", "1.000000 A released it",
                                             "1.000000 B has the lock", "2.000000 B released it"));
}

TEST(Tracer, CancelIsRecordedWithWhoAskedTheMessageAndTheCancelledTimer) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("cancel.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    auto requests = events_of(t, event_kind::cancel_requested);
    ASSERT_EQ(requests.size(), 1u);
    const trace_event& req = t[requests[0]];
    EXPECT_EQ(t.task_name(req.subject), "Task-2");
    EXPECT_EQ(t.task_name(req.a), "Task-1");
    EXPECT_EQ(t.string(req.b), "enough");
    EXPECT_EQ(site_of_first(t, event_kind::cancel_requested, "Task-2"), "main:15");
    // The cancellation wakes Task-2 at once, caused by the request.
    bool woken_by_cancel = false;
    for (auto i : events_of(t, event_kind::task_scheduled))
        if (t[i].subject == req.subject && static_cast<schedule_reason>(t[i].aux) == schedule_reason::cancelled)
            woken_by_cancel = t[i].b == requests[0];
    EXPECT_TRUE(woken_by_cancel);
    auto fin = t.task(req.subject).finished;
    ASSERT_NE(fin, no_event);
    EXPECT_EQ(static_cast<outcome>(t[fin].aux), outcome::cancelled);
    EXPECT_EQ(events_of(t, event_kind::timer_cancelled).size(), 1u);
    EXPECT_THAT(output_lines(t), ElementsAre("1.000000 sleeper cancelled", "1.000000 main saw the cancellation"));
}

TEST(Tracer, ATaskThatRaisesFinishesWithTheExceptionsRepr) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("task_exception.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    auto fin = t.task(task_named(t, "Task-2")).finished;
    ASSERT_NE(fin, no_event);
    EXPECT_EQ(static_cast<outcome>(t[fin].aux), outcome::exception);
    EXPECT_EQ(t.string(t[fin].b), "ValueError('boom')");
    EXPECT_THAT(output_lines(t), ElementsAre("1.000000 caught ValueError('boom')"));
}

TEST(Tracer, AScriptThatRaisesKeepsItsTraceUpToTheFailureAndPrintsTheTraceback) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("raises.py"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.stderr_text, HasSubstr("RuntimeError: the script failed"));
    EXPECT_THAT(r.stderr_text, HasSubstr("raises.py\", line 7, in main"));
    EXPECT_THAT(r.stderr_text, ::testing::Not(HasSubstr("loopscope_loop.py")));  // no tracer frames
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    EXPECT_THAT(output_lines(t), ElementsAre("0.000000 about to fail"));
    EXPECT_DOUBLE_EQ(t.end_time(), 2.0);
    auto diags = diagnostics_of(t, diagnostic_kind::unhandled_exception);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_THAT(diags[0], HasSubstr("RuntimeError: the script failed"));
    EXPECT_EQ(static_cast<outcome>(t[t.task(1).finished].aux), outcome::exception);
}

TEST(Tracer, ADeadlockNamesEachStuckTaskAndWhatItAwaits) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("deadlock.py"));
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.stderr_text, HasSubstr("deadlock"));
    ASSERT_TRUE(r.trace) << r.load_error;
    auto diags = diagnostics_of(*r.trace, diagnostic_kind::deadlock);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_THAT(diags[0], HasSubstr("Task-1 (main) waits on task Task-2 at line 13"));
    EXPECT_THAT(diags[0], HasSubstr("Task-2 (waiter) waits on event.wait() at line 6"));
    EXPECT_THAT(output_lines(*r.trace), ElementsAre("0.000000 waiting for the event"));
}

TEST(Tracer, AScriptThatNeverAwaitsIsStoppedByTheWallClockLimitWithItsTrace) {
    REQUIRE_PYTHON();
    auto started = std::chrono::steady_clock::now();
    auto r = run_tracer(script_path("forever.py"), {"--wall-timeout", "1"});
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_LT(took, std::chrono::seconds(15));
    EXPECT_THAT(r.stderr_text, HasSubstr("--wall-timeout"));
    ASSERT_TRUE(r.trace) << r.load_error;
    auto diags = diagnostics_of(*r.trace, diagnostic_kind::limit_reached);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_THAT(diags[0], HasSubstr("in spin()"));
    EXPECT_THAT(diags[0], HasSubstr("in task Task-2"));
    EXPECT_THAT(output_lines(*r.trace), ElementsAre("0.000000 spinning"));
}

TEST(Tracer, AnEndlessTimerLoopStopsAtTheVirtualTimeLimit) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("endless_timers.py"), {"--max-seconds", "5"});
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_THAT(r.stderr_text, HasSubstr("--max-seconds"));
    ASSERT_TRUE(r.trace) << r.load_error;
    EXPECT_DOUBLE_EQ(r.trace->end_time(), 5.0);
    EXPECT_EQ(diagnostics_of(*r.trace, diagnostic_kind::limit_reached).size(), 1u);
}

TEST(Tracer, TheEventLimitStopsTheRunShortlyAfterTheCap) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("endless_timers.py"), {"--max-events", "200"});
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_THAT(r.stderr_text, HasSubstr("--max-events"));
    ASSERT_TRUE(r.trace) << r.load_error;
    EXPECT_GE(r.trace->size(), 200u);
    EXPECT_LT(r.trace->size(), 260u);
}

TEST(Tracer, TimeSleepInACoroutineBlocksTheLoopAndIsReportedAsASlowStep) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("blocking.py"));
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    const trace& t = *r.trace;
    auto begins = events_of(t, event_kind::blocking_begin);
    ASSERT_EQ(begins.size(), 1u);
    EXPECT_EQ(t.task_name(t[begins[0]].subject), "Task-1");
    EXPECT_DOUBLE_EQ(t.deadlines()[t[begins[0]].a], 0.5);
    EXPECT_EQ(site_of_first(t, event_kind::blocking_begin, "Task-1"), "main:7");
    EXPECT_EQ(events_of(t, event_kind::blocking_end).size(), 1u);
    EXPECT_EQ(diagnostics_of(t, diagnostic_kind::slow_callback).size(), 1u);
    EXPECT_THAT(output_lines(t), ElementsAre("0.000000 blocking the loop", "0.500000 done blocking"));
    EXPECT_DOUBLE_EQ(t.end_time(), 1.5);
}

TEST(Tracer, ArgumentsReachTheScriptAndALastLineWithoutNewlineIsKept) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("args.py"), {}, {"one", "--two"});
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    EXPECT_THAT(output_lines(*r.trace), ElementsAre("0.000000 args: one --two", "0.000000 partial"));
    auto outs = events_of(*r.trace, event_kind::output);
    EXPECT_EQ(r.trace->task_name((*r.trace)[outs.back()].subject), "Task-1");
}

TEST(Tracer, RealTimeModeKeepsTheWallClock) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("sleep.py"), {"--real-time"});
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    EXPECT_EQ(r.trace->clock(), "real");
    EXPECT_GE(r.trace->end_time(), 0.99);
    EXPECT_LT(r.trace->end_time(), 5.0);
    EXPECT_EQ(output_lines(*r.trace).size(), 2u);
}

TEST(Tracer, AMissingScriptIsRefusedWithAMessageAndNoTrace) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("no_such_script.py"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.stderr_text, HasSubstr("no such file"));
    EXPECT_FALSE(r.trace);
}

TEST(Tracer, NeverWritesTheTraceOverTheScript) {
    REQUIRE_PYTHON();
    auto dir = scratch_dir();
    auto script = dir / "mine.py";
    std::filesystem::copy_file(script_path("sleep.py"), script);
    std::string before = slurp(script);
    std::string cmd = shell_quote(python_path()) + " " + shell_quote(LOOPSCOPE_TRACER) + " --out " +
                      shell_quote(script.string()) + " " + shell_quote(script.string()) + " 2>/dev/null";
    int status = std::system(cmd.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_EQ(slurp(script), before);
}

TEST(Tracer, WorksWithTheSystemPythonToo) {
    const std::string system_python = "/usr/bin/python3";
    if (!std::filesystem::exists(system_python)) GTEST_SKIP() << "no " << system_python;
    auto r = run_tracer(script_path("create_task.py"), {}, {}, "", system_python);
    ASSERT_EQ(r.exit_code, 0) << r.stderr_text;
    ASSERT_TRUE(r.trace) << r.load_error;
    EXPECT_EQ(task_steps(*r.trace).size(), 12u);
}

#ifdef LOOPSCOPE_CLI
TEST(TraceCommand, ShowsTheOutputAndSavesTheTrace) {
    REQUIRE_PYTHON();
    auto dir = scratch_dir();
    auto out = dir / "t.lstrace";
    std::string cmd = shell_quote(LOOPSCOPE_CLI) + " trace " + shell_quote(script_path("sleep.py")) + " --ascii --out " +
                      shell_quote(out.string()) + " > " + shell_quote((dir / "stdout").string()) + " 2>&1";
    int status = std::system(cmd.c_str());
    std::string text = slurp(dir / "stdout");
    EXPECT_EQ(WEXITSTATUS(status), 0) << text;
    EXPECT_THAT(text, HasSubstr("1.000  World"));
    EXPECT_THAT(text, HasSubstr("Task-1 (main)"));
    EXPECT_THAT(text, HasSubstr("Saved the trace to"));
    EXPECT_TRUE(load_trace(out));
}

TEST(TraceCommand, ATracebackComesAfterTheRunUpToTheFailure) {
    REQUIRE_PYTHON();
    auto dir = scratch_dir();
    std::string cmd = shell_quote(LOOPSCOPE_CLI) + " trace " + shell_quote(script_path("raises.py")) + " --out " +
                      shell_quote((dir / "t.lstrace").string()) + " > " + shell_quote((dir / "stdout").string()) + " 2>&1";
    int status = std::system(cmd.c_str());
    std::string text = slurp(dir / "stdout");
    EXPECT_EQ(WEXITSTATUS(status), 1) << text;
    const auto saved = text.find("Saved the trace to"), traceback = text.find("Traceback (most recent call last):");
    ASSERT_NE(saved, std::string::npos) << text;
    ASSERT_NE(traceback, std::string::npos) << text;
    EXPECT_LT(saved, traceback) << "the traceback is the last thing on screen: " << text;
    EXPECT_THAT(text, HasSubstr("raises.py\", line"));
    EXPECT_THAT(text, Not(HasSubstr("runners.py"))) << "asyncio.run's own frames are left out";
}

// `loopscope gui` takes trace's options, for a script only; refused before any window opens.
TEST(TraceCommand, GuiTakesTheTraceOptionsForAScriptOnly) {
    auto dir = scratch_dir();
    const auto run = [&](const std::string& args) {
        std::string cmd = "DISPLAY= WAYLAND_DISPLAY= " + shell_quote(LOOPSCOPE_CLI) + " gui " + args + " > " +
                          shell_quote((dir / "out").string()) + " 2>&1";
        const int status = std::system(cmd.c_str());
        return std::pair(WEXITSTATUS(status), slurp(dir / "out"));
    };
    auto [code, text] = run("hello-world --max-events 5");
    EXPECT_EQ(code, 2) << text;
    EXPECT_THAT(text, HasSubstr("are for a script (SCRIPT.py); 'hello-world' is not one"));
    std::tie(code, text) = run("hello-world -- --port 8080");
    EXPECT_EQ(code, 2) << text;
    std::tie(code, text) = run("--max-events 0 x.py");
    EXPECT_NE(code, 0) << text;
    std::tie(code, text) = run(shell_quote((dir / "missing.py").string()) + " --max-time 3 --timeout 2 -- a b");
    EXPECT_EQ(code, 1) << text;
    EXPECT_THAT(text, HasSubstr("no such file"));
    std::tie(code, text) = run("--help");
    EXPECT_EQ(code, 0) << text;
    for (const char* option : {"--real-time", "--max-events", "--max-seconds", "--wall-timeout", "args"})
        EXPECT_THAT(text, HasSubstr(option));
}

TEST(TraceCommand, SaysHowToInstallPythonWhenItIsMissing) {
    auto dir = scratch_dir();
    std::string cmd = "env -u LOOPSCOPE_PYTHON PATH=/nonexistent " + shell_quote(LOOPSCOPE_CLI) + " trace " +
                      shell_quote(script_path("sleep.py")) + " --out " + shell_quote((dir / "t.lstrace").string()) +
                      " > " + shell_quote((dir / "out").string()) + " 2>&1";
    int status = std::system(cmd.c_str());
    EXPECT_NE(WEXITSTATUS(status), 0);
    EXPECT_THAT(slurp(dir / "out"),
                HasSubstr("python3 was not found: install it (apt-get install python3) to trace your own scripts"));
}

TEST(TraceCommand, ExportWritesChromeJsonAndTheAsciiView) {
    REQUIRE_PYTHON();
    auto r = run_tracer(script_path("gather.py"));
    ASSERT_TRUE(r.trace) << r.load_error;
    auto dir = r.trace_path.parent_path();
    std::string cmd = shell_quote(LOOPSCOPE_CLI) + " export " + shell_quote(r.trace_path.string()) + " --chrome " +
                      shell_quote((dir / "t.json").string()) + " --ascii " + shell_quote((dir / "t.txt").string()) +
                      " > /dev/null";
    int status = std::system(cmd.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_THAT(slurp(dir / "t.json"), HasSubstr("\"displayTimeUnit\":\"ms\""));
    EXPECT_THAT(slurp(dir / "t.txt"), HasSubstr("3.000  a done"));
}
#endif

}  // namespace
}  // namespace loopscope::tracer_test
