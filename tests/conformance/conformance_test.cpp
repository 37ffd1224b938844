// Differential tests: every scenario's output (lines, order, virtual times) equals CPython's.
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scenario.hpp"

namespace loopscope::conformance {

std::vector<scenario>& registry() {
    static std::vector<scenario> all;  // filled by static registrars before main()
    return all;
}

namespace {

// Runs `script` with vclock.py under CPython and returns its stdout.
std::string run_python(const std::string& script) {
    std::string cmd = fmt::format("'{}' '{}' --fakes '{}' '{}' 2>/dev/null", LOOPSCOPE_PYTHON,
                                  LOOPSCOPE_CONFORMANCE_DIR "/vclock.py", LOOPSCOPE_CONFORMANCE_DIR "/fakes", script);
    return capture(cmd);
}

class Conformance : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Conformance, EngineOutputEqualsCPython) {
    const scenario& s = registry()[GetParam()];
    std::string twin = std::string(LOOPSCOPE_CONFORMANCE_DIR "/scenarios/") + s.name + ".py";
    ASSERT_TRUE(std::filesystem::exists(twin)) << "scenario " << s.name << " has no Python twin at " << twin;
    if (std::string(LOOPSCOPE_PYTHON).empty() || !std::filesystem::exists(LOOPSCOPE_PYTHON))
        GTEST_SKIP() << "python3 is not installed: cannot compare with CPython";
    std::string expected = run_python(twin);
    ASSERT_FALSE(expected.empty()) << "the Python twin printed nothing: " << twin;
    EXPECT_EQ(transcript(s.run()), expected) << "scenario " << s.name << " differs from CPython";
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Conformance, ::testing::Range<std::size_t>(0, registry().size()),
                         [](const auto& p) { return registry()[p.param].name; });

}  // namespace
}  // namespace loopscope::conformance
