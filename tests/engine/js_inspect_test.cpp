// console.log's formatting in the JavaScript mode (Node's util.inspect / util.format).
#include <gtest/gtest.h>

#include "loopscope/js/inspect.hpp"

using namespace loopscope::js;

namespace {

TEST(JsInspect, NumbersPrintAsJavaScriptDoes) {
    EXPECT_EQ(number_to_string(100), "100");
    EXPECT_EQ(number_to_string(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(number_to_string(1e21), "1e+21");
    EXPECT_EQ(number_to_string(1e-7), "1e-7");
    EXPECT_EQ(number_to_string(123e-20), "1.23e-18");
    EXPECT_EQ(number_to_string(0.000001), "0.000001");
    EXPECT_EQ(number_to_string(-1.5), "-1.5");
    EXPECT_EQ(number_to_string(-0.0), "0");
    EXPECT_EQ(inspect(-0.0), "-0");
    EXPECT_EQ(number_to_string(1e300 * 1e10), "Infinity");
}

TEST(JsInspect, StringsPickTheirQuotes) {
    EXPECT_EQ(inspect(std::vector<std::string>{"a"}), "[ 'a' ]");
    EXPECT_EQ(quote_string("it's"), "\"it's\"");
    EXPECT_EQ(quote_string("it's \"x\""), "`it's \"x\"`");
    EXPECT_EQ(quote_string("a\nb"), "'a\\nb'");
}

TEST(JsInspect, ArraysBreakAndGroupLikeNode) {
    EXPECT_EQ(inspect(std::vector<int>{}), "[]");
    EXPECT_EQ(inspect(std::vector{1, 2, 3}), "[ 1, 2, 3 ]");
    EXPECT_EQ(inspect(std::vector{1, 2, 3, 4, 5, 6, 7}), "[\n  1, 2, 3, 4,\n  5, 6, 7\n]");
    EXPECT_EQ(inspect(object().set("status", "fulfilled").set("value", 1)), "{ status: 'fulfilled', value: 1 }");
}

TEST(JsInspect, FormatJoinsArgumentsAndFillsPlaceholders) {
    EXPECT_EQ(format({format_arg::of("a"), format_arg::of(1), format_arg::of(std::vector{2})}), "a 1 [ 2 ]");
    EXPECT_EQ(format({format_arg::of("%s=%d%%"), format_arg::of("x"), format_arg::of(4.0)}), "x=4%");
    EXPECT_EQ(format({format_arg::of("%d left"), format_arg::of("7"), format_arg::of("over")}), "7 left over");
}

}  // namespace
