// Differential tests for the JavaScript mode: every scenario's output (lines, order, virtual times,
// uncaught errors) equals Node's.
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "js_scenario.hpp"

namespace loopscope::conformance {

std::vector<js_scenario>& js_registry() {
    static std::vector<js_scenario> all;  // filled by static registrars before main()
    return all;
}

std::string js_transcript(const run_result& r) { return transcript(r); }

namespace {

// Runs `script` with vclock.js under Node and returns its stdout.
std::string run_node(const std::string& script) {
    std::string cmd = fmt::format("'{}' '{}' '{}' 2>/dev/null", LOOPSCOPE_NODE, LOOPSCOPE_NODE_VCLOCK, script);
    return capture(cmd);
}

class NodeConformance : public ::testing::TestWithParam<std::size_t> {};

TEST_P(NodeConformance, EngineOutputEqualsNode) {
    const js_scenario& s = js_registry()[GetParam()];
    std::string twin = std::string(LOOPSCOPE_JS_SCENARIO_DIR "/") + s.name + ".js";
    ASSERT_TRUE(std::filesystem::exists(twin)) << "scenario " << s.name << " has no JavaScript twin at " << twin;
    if (std::string(LOOPSCOPE_NODE).empty() || !std::filesystem::exists(LOOPSCOPE_NODE))
        GTEST_SKIP() << "node is not installed: cannot compare with Node.js";
    std::string expected = run_node(twin);
    ASSERT_FALSE(expected.empty()) << "the JavaScript twin printed nothing: " << twin;
    EXPECT_EQ(js_transcript(s.run()), expected) << "scenario " << s.name << " differs from Node";
}

INSTANTIATE_TEST_SUITE_P(Scenarios, NodeConformance, ::testing::Range<std::size_t>(0, js_registry().size()),
                         [](const auto& p) { return js_registry()[p.param].name; });

}  // namespace
}  // namespace loopscope::conformance
