// detail::string_table: the trace's strings in one block.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "loopscope/detail/string_table.hpp"

namespace loopscope::detail {
namespace {

TEST(StringTable, GivesBackWhatWasAddedByIndex) {
    string_table t;
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.push_back(""), 0u);
    EXPECT_EQ(t.push_back("Task-1"), 1u);
    EXPECT_EQ(t.push_back("sleep(0.5)"), 2u);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0], "");
    EXPECT_EQ(t[1], "Task-1");
    EXPECT_EQ(t[2], "sleep(0.5)");
}

// Growing the block must not disturb strings added before (views are taken after the growth).
TEST(StringTable, KeepsEveryStringAcrossGrowth) {
    string_table t;
    std::vector<std::string> added;
    for (int i = 0; i < 100'000; ++i) {
        added.push_back(std::string(static_cast<std::size_t>(i % 40), char('a' + i % 26)) + std::to_string(i));
        t.push_back(added.back());
    }
    ASSERT_EQ(t.size(), added.size());
    for (std::size_t i = 0; i < added.size(); ++i) ASSERT_EQ(t[i], added[i]) << "string " << i;
}

TEST(StringTable, HoldsBytesWithZerosInside) {
    string_table t;
    std::string with_nul("a\0b", 3);
    t.push_back(with_nul);
    EXPECT_EQ(t[0], with_nul);
}

TEST(StringTable, ClearEmptiesIt) {
    string_table t;
    t.push_back("x");
    t.clear();
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.push_back("y"), 0u);
    EXPECT_EQ(t[0], "y");
}

}  // namespace
}  // namespace loopscope::detail
