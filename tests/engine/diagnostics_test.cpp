// Each diagnostic asyncio would report is recorded once, with the task and the scenario line.
#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"

using namespace loopscope;

namespace {

struct found {
    const trace_event* e = nullptr;
    std::string file;
    std::uint32_t line = 0;
    std::string message;
};

found find_diagnostic(const trace& t, diagnostic_kind k) {
    for (auto& e : t.events())
        if (e.kind == event_kind::diagnostic && static_cast<diagnostic_kind>(e.aux) == k)
            return {&e, std::string(t.string(t.site_of(e).file)), t.site_of(e).line, std::string(t.string(e.b))};
    return {};
}

bool in_this_file(const found& f) { return f.file.find("diagnostics_test.cpp") != std::string::npos; }

coro<int> forgotten() { co_return 1; }

coro<> drops_a_coroutine() {
    { auto c = forgotten(); }
    co_await asyncio::sleep(0);
}

TEST(Diagnostics, ACoroutineNeverAwaitedIsReportedAtItsDefinitionInsideItsTask) {
    auto r = run(drops_a_coroutine());
    auto d = find_diagnostic(r.trace, diagnostic_kind::never_awaited);
    ASSERT_TRUE(d.e);
    EXPECT_EQ(d.message, "coroutine 'forgotten' was never awaited");
    EXPECT_EQ(d.e->subject, 1u);
    EXPECT_TRUE(in_this_file(d)) << d.file;
    EXPECT_EQ(d.line, 26u) << "GCC places a coroutine's frame at its closing brace";
}

coro<> fails_later() {
    co_await asyncio::sleep(1);  // the site reported: where the task last stood before it raised
    throw value_error("lost");
}

coro<> never_looks() {
    auto t = asyncio::create_task(fails_later());
    co_await asyncio::sleep(2);
}

TEST(Diagnostics, ATaskExceptionNeverRetrievedIsReportedWhereTheTaskLastStood) {
    auto r = run(never_looks());
    EXPECT_TRUE(r.ok()) << r.error_text;
    auto d = find_diagnostic(r.trace, diagnostic_kind::exception_never_retrieved);
    ASSERT_TRUE(d.e);
    EXPECT_EQ(d.e->subject, 2u);
    EXPECT_NE(d.message.find("ValueError('lost')"), std::string::npos) << d.message;
    EXPECT_TRUE(in_this_file(d)) << d.file;
    EXPECT_EQ(d.line, 44u);
}

coro<> looks() {
    auto t = asyncio::create_task(fails_later());
    co_await asyncio::sleep(2);
    EXPECT_TRUE(t.exception());
}

TEST(Diagnostics, ARetrievedExceptionIsNotReported) {
    auto r = run(looks());
    EXPECT_FALSE(find_diagnostic(r.trace, diagnostic_kind::exception_never_retrieved).e);
}

coro<> hogs_the_loop() {
    co_await asyncio::sleep(0);
    blocking_sleep(0.3);  // the site reported
    co_await asyncio::sleep(0);
}

TEST(Diagnostics, ASlowStepIsReportedAtTheBlockingCallWithItsTask) {
    auto r = run(hogs_the_loop());
    auto d = find_diagnostic(r.trace, diagnostic_kind::slow_callback);
    ASSERT_TRUE(d.e);
    EXPECT_EQ(d.e->subject, 1u);
    EXPECT_TRUE(in_this_file(d)) << d.file;
    EXPECT_EQ(d.line, 77u);
    EXPECT_NE(d.message.find("0.300 seconds"), std::string::npos) << d.message;
}

coro<> quick_steps() {
    blocking_sleep(0.05);
    co_await asyncio::sleep(1);
}

TEST(Diagnostics, AStepUnderTheThresholdIsNotSlow) {
    auto r = run(quick_steps());
    EXPECT_FALSE(find_diagnostic(r.trace, diagnostic_kind::slow_callback).e);
}

coro<> stuck() {
    auto f = create_future<int>("never set");
    co_await f;  // the site reported
}

TEST(Diagnostics, ADeadlockIsReportedWhereMainWaits) {
    auto r = run(stuck());
    EXPECT_TRUE(r.deadlocked);
    auto d = find_diagnostic(r.trace, diagnostic_kind::deadlock);
    ASSERT_TRUE(d.e);
    EXPECT_EQ(d.e->subject, 1u);
    EXPECT_TRUE(in_this_file(d)) << d.file;
    EXPECT_EQ(d.line, 103u);
    EXPECT_NE(d.message.find("Task-1 (stuck) waits on future"), std::string::npos) << d.message;
}

}  // namespace
