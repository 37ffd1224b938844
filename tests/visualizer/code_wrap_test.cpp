// Wrapping a line of code too wide for the code pane (issue 3: at 1080p 2x long lines were cut).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "code_wrap.hpp"

namespace loopscope::gui {
namespace {

std::vector<wrapped_row> wrap(std::string_view text, std::size_t columns) {
    std::vector<wrapped_row> rows;
    wrap_line(text, columns, 7, rows);
    return rows;
}

// The rows' words, joined by single spaces: nothing lost, nothing added.
std::string words(const std::vector<wrapped_row>& rows) {
    std::string all;
    for (const auto& r : rows) {
        if (!all.empty() && all.back() != ' ') all += ' ';
        all += r.text;
    }
    std::string out;
    for (char c : all)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

TEST(CodeWrap, ALineThatFitsIsOneRow) {
    const auto rows = wrap("    print(results)", 18);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text, "    print(results)");
    EXPECT_EQ(rows[0].indent, 0u);
    EXPECT_EQ(rows[0].line, 7u);
}

// Lesson 10's longest line (103 characters) in about the columns the code gets at 1080p 2x.
TEST(CodeWrap, ALongLineBreaksAtSpacesUnderAHangingIndent) {
    const std::string_view line =
        "        results = await asyncio.gather(fetch(\"B\", 1, False), fetch(\"C\", 2, True), fetch(\"D\", 3, False))";
    const auto rows = wrap(line, 38);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].indent, 0u);
    EXPECT_EQ(rows[0].text, "        results = await ") << "the next word would pass the edge";
    EXPECT_EQ(rows[1].text, "asyncio.gather(fetch(\"B\", ");
    EXPECT_EQ(rows[4].text, "False))");
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].indent, 8u + 2) << "two past the line's own eight (a narrow pane)";
    for (const auto& r : rows) EXPECT_LE(r.indent + r.text.size(), 38u - 2 + 1) << "a marker's two columns stay free (a trailing space may use one)";
    EXPECT_EQ(words(rows), words({{0, line, 0}}));
    // A wider pane: four columns past the line's indentation.
    const auto wide = wrap(line, 60);
    ASSERT_EQ(wide.size(), 3u);
    EXPECT_EQ(wide[1].indent, 12u);
    EXPECT_EQ(wide[1].text, "False), fetch(\"C\", 2, True), fetch(\"D\", 3, ");
    EXPECT_EQ(words(wide), words({{0, line, 0}}));
}

// Lesson 17's line 13 at 1080p 2x: no space late enough, so after the bracket, not mid-word.
TEST(CodeWrap, WithoutALateSpaceAfterABracketOrComma) {
    const auto rows = wrap("    results = await asyncio.gather(*(fetch(sem, url) for url in urls))", 42);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0].text, "    results = await asyncio.gather(*(");
    EXPECT_EQ(rows[1].text.substr(0, 6), "fetch(");
}

TEST(CodeWrap, AWordLongerThanTheRowIsCutWhereTheRowEnds) {
    const std::string line(50, 'x');
    const auto rows = wrap(line, 20);
    ASSERT_GE(rows.size(), 3u);
    std::string joined;
    for (const auto& r : rows) {
        EXPECT_LE(r.indent + r.text.size(), 18u);
        joined += r.text;
    }
    EXPECT_EQ(joined, line);
}

TEST(CodeWrap, NeverInsideAUtf8Character) {
    std::string line;
    for (int i = 0; i < 30; ++i) line += "\xc3\xa9";  // é, two bytes each
    const auto rows = wrap(line, 15);
    std::string joined;
    for (const auto& r : rows) {
        ASSERT_FALSE(r.text.empty());
        EXPECT_NE(static_cast<unsigned char>(r.text.front()) & 0xC0, 0x80) << "a row starts inside a character";
        joined += r.text;
    }
    EXPECT_EQ(joined, line);
}

TEST(CodeWrap, ATinyPaneStillMakesProgress) {
    const auto rows = wrap("            deeply_indented_call(argument, another_argument)", 3);
    ASSERT_FALSE(rows.empty());
    for (const auto& r : rows) EXPECT_FALSE(r.text.empty());
}

}  // namespace
}  // namespace loopscope::gui
