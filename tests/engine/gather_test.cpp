#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

using loopscope::testing::lines;

coro<int> after(double delay, int value) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} done", value));
    co_return value;
}

coro<> keeps_order() {
    auto [a, b, c] = co_await asyncio::gather(after(3, 30), after(1, 10), after(2, 20));
    print(fmt::format("{} {} {}", a, b, c));
}

TEST(Gather, KeepsArgumentOrder) {
    auto r = run(keeps_order());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 10 done", "2.000 20 done", "3.000 30 done", "3.000 30 10 20"}));
}

coro<std::string> my_name() {
    co_await asyncio::sleep(0);
    co_return current_task()->name();
}

coro<> names() {
    std::vector<coro<std::string>> cs;
    for (int i = 0; i < 3; ++i) cs.push_back(my_name());
    print(repr(co_await asyncio::gather(std::move(cs))));
}

TEST(Gather, WrapsCoroutinesInTasksInArgumentOrder) {
    auto r = run(names());
    ASSERT_EQ(r.output.size(), 1u);
    EXPECT_EQ(r.output[0].text, "['Task-2', 'Task-3', 'Task-4']");
}

coro<> child_marks(std::uint64_t* finished_at) {
    co_await asyncio::sleep(0);
    *finished_at = get_running_loop().iteration();
}

coro<> parent_measures(std::uint64_t* finished_at, std::uint64_t* resumed_at) {
    co_await asyncio::gather(child_marks(finished_at));
    *resumed_at = get_running_loop().iteration();
}

TEST(Gather, ParentResumesTwoLoopTurnsAfterTheLastChild) {
    std::uint64_t finished_at = 0, resumed_at = 0;
    auto r = run(parent_measures(&finished_at, &resumed_at));
    ASSERT_TRUE(r.ok());
    // One turn for gather's _done_callback, one for the parent's wake-up.
    EXPECT_EQ(resumed_at - finished_at, 2u);
}

coro<int> fails_after(double delay) {
    co_await asyncio::sleep(delay);
    throw value_error("boom");
}

coro<> siblings_run_on() {
    try {
        co_await asyncio::gather(after(2, 2), fails_after(1), after(3, 3));
    } catch (const python_error& e) {
        print(fmt::format("caught {}", e.what()));
    }
    co_await asyncio::sleep(5);
}

TEST(Gather, SiblingsRunOnAfterAnException) {
    auto r = run(siblings_run_on());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 caught boom", "2.000 2 done", "3.000 3 done"}));
}

coro<> collects_exceptions() {
    auto results = co_await asyncio::gather(asyncio::return_exceptions, after(1, 1), fails_after(0.5));
    print(repr(results));
    EXPECT_TRUE(std::holds_alternative<std::exception_ptr>(std::get<1>(results)));
}

TEST(Gather, ReturnExceptionsPutsTheExceptionInTheList) {
    auto r = run(collects_exceptions());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(r.output.back().text, "[1, ValueError('boom')]");
}

coro<> nap(double delay) { co_await asyncio::sleep(delay); }

coro<> void_children() { print(repr(co_await asyncio::gather(nap(0.5), nap(0.25)))); }

TEST(Gather, VoidResultsAreNone) {
    auto r = run(void_children());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.500 [None, None]"}));
}

coro<> empty_gather() {
    auto g = asyncio::gather();
    EXPECT_TRUE(g.done());
    print(repr(co_await g));
    std::vector<task<int>> none;
    print(repr(co_await asyncio::gather(std::move(none))));
}

TEST(Gather, WithNothingIsDoneAtOnce) {
    auto r = run(empty_gather());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 []", "0.000 []"}));
}

coro<> same_task_twice() {
    auto t = asyncio::create_task(after(1, 7));
    auto g = asyncio::gather(t, t);
    EXPECT_EQ(g.get()->children().size(), 2u);
    print(repr(co_await g));
}

TEST(Gather, SameTaskTwiceIsListedTwice) {
    auto r = run(same_task_twice());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(r.output.back().text, "[7, 7]");
}

coro<> cancels_the_gather() {
    auto g = asyncio::gather(after(1, 1), after(2, 2));
    co_await asyncio::sleep(0.5);
    EXPECT_TRUE(g.cancel());
    EXPECT_FALSE(g.done());  // like Task.cancel(): done only once the children report back
    try {
        co_await g;
    } catch (const cancelled_error&) {
        print("gather raised CancelledError");
    }
    for (auto& c : g.get()->children()) EXPECT_TRUE(c->cancelled());
}

TEST(Gather, CancellingTheGatherCancelsEveryChild) {
    auto r = run(cancels_the_gather());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.500 gather raised CancelledError"}));
}

coro<> cancelled_child() {
    auto t = asyncio::create_task(after(5, 5));
    auto g = asyncio::gather(asyncio::return_exceptions, t);
    co_await asyncio::sleep(0);
    t.cancel("ignored by gather");
    print(repr(co_await g));
}

TEST(Gather, CancelledChildIsReportedAsCancelledErrorWithAnEmptyArgument) {
    auto r = run(cancelled_child());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(r.output.back().text, "[CancelledError('')]");
}

coro<> labels() {
    co_await asyncio::gather(after(0, 1), after(0, 2));
}

TEST(Gather, TraceNamesTheGatherAndItsAwait) {
    auto r = run(labels());
    bool created = false, suspended = false;
    for (auto& e : r.trace.events()) {
        if (e.kind == event_kind::future_created && r.trace.string(e.b) == "gather(2 tasks)") created = true;
        if (e.kind == event_kind::task_suspended && static_cast<await_kind>(e.aux) == await_kind::gather &&
            r.trace.string(e.b) == "gather(2 tasks)")
            suspended = true;
    }
    EXPECT_TRUE(created);
    EXPECT_TRUE(suspended);
}

coro<int> number(int i) { co_return i; }

coro<> many() {
    std::vector<coro<int>> cs;
    for (int i = 0; i < 1000; ++i) cs.push_back(number(i));
    auto values = co_await asyncio::gather(std::move(cs));
    print(std::to_string(repr(values).size()));  // the scenario's own repr stays whole
}

TEST(Gather, TraceLabelOfALongResultIsCutLikeThePythonTracer) {
    auto r = run(many());
    ASSERT_TRUE(r.ok()) << r.error_text;
    std::vector<int> all(1000);
    for (int i = 0; i < 1000; ++i) all[i] = i;
    const std::string full = repr(all);
    EXPECT_EQ(lines(r), (std::vector<std::string>{"0.000 " + std::to_string(full.size())}));
    bool found = false;
    for (auto& e : r.trace.events()) {
        if (e.kind != event_kind::future_resolved) continue;
        std::string label(r.trace.string(e.b));
        EXPECT_EQ(label.size(), trace_text_limit);
        EXPECT_EQ(label, full.substr(0, trace_text_limit - 3) + "...");
        found = true;
    }
    EXPECT_TRUE(found);
}

TEST(Gather, CutTraceTextKeepsShortTextAndWholeCharacters) {
    EXPECT_EQ(cut_trace_text("[1, 2]", 10), "[1, 2]");
    EXPECT_EQ(cut_trace_text("abcdefghijk", 10), "abcdefg...");
    // "é" is two bytes: a cut through it keeps the character out rather than half of it.
    EXPECT_EQ(cut_trace_text("abcdef\xc3\xa9xyz", 10), "abcdef...");
}

}  // namespace
