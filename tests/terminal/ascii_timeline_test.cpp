#include <gtest/gtest.h>

#include "ascii_timeline.hpp"
#include "loopscope/loopscope.hpp"

using namespace loopscope;

namespace {

coro<> op(double d) {
    co_await asyncio::sleep(d);
    print(fmt::format("done {}", d));
}

coro<> main_two() {
    auto a = asyncio::create_task(op(2));
    auto b = asyncio::create_task(op(1));
    co_await a;
    co_await b;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto nl = s.find('\n', start);
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

TEST(AsciiTimeline, HasALanePerTaskAndFitsTheWidth) {
    trace t = run(main_two()).trace;
    auto lines = split(terminal::ascii_timeline(t, {100, false}));
    ASSERT_GE(lines.size(), 4u);
    EXPECT_TRUE(lines[0].starts_with("Task-1 (main_two)"));
    EXPECT_TRUE(lines[1].starts_with("Task-2 (op)"));
    EXPECT_TRUE(lines[2].starts_with("Task-3 (op)"));
    for (auto& l : lines) EXPECT_LE(l.size(), 100u) << l;
}

TEST(AsciiTimeline, ShortTaskFinishesLeftOfTheLongOne) {
    trace t = run(main_two()).trace;
    auto lines = split(terminal::ascii_timeline(t));
    auto end2 = lines[1].find('v'), end3 = lines[2].find('v');
    ASSERT_NE(end2, std::string::npos);
    ASSERT_NE(end3, std::string::npos);
    EXPECT_LT(end3, end2);
    // Both new tasks wait in the ready queue at t = 0 before they first run.
    EXPECT_NE(lines[1].find("+#"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("+#"), std::string::npos) << lines[2];
}

TEST(AsciiTimeline, ConsoleOutputHasTimes) {
    trace t = run(main_two()).trace;
    EXPECT_EQ(terminal::console_output(t), "   1.000  done 1\n   2.000  done 2\n");
}

coro<> raises() {
    co_await asyncio::sleep(0);
    throw value_error("boom");
}

TEST(AsciiTimeline, MarksARaisedTask) {
    trace t = run(raises()).trace;
    auto lines = split(terminal::ascii_timeline(t));
    EXPECT_NE(lines[0].find('x'), std::string::npos) << lines[0];
    EXPECT_NE(terminal::diagnostics(t).find("main raised ValueError: boom"), std::string::npos);
}

}  // namespace
