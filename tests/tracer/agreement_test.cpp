// The tracer and the engine agree: for every conformance scenario (C++ in the engine, its Python twin
// under real CPython), the two traces have the same task steps in the same order (by task name),
// at the same virtual times, and the same printed lines.
#include <filesystem>

#include <gtest/gtest.h>

#include "run_tracer.hpp"
#include "scenario.hpp"

namespace loopscope::conformance {

std::vector<scenario>& registry() {
    static std::vector<scenario> all;  // filled by the scenarios' static registrars before main()
    return all;
}

}  // namespace loopscope::conformance

namespace loopscope::tracer_test {
namespace {

// "t=1.000000 resumed task 2": a step boundary with its time, the task named by creation order (some
// Python twins name their tasks, "killer", "slow"; the C++ twins leave them Task-N). A run that
// deadlocked is compared up to the deadlock: CPython's asyncio.run then cancels what is left, the
// engine stops there.
std::vector<std::string> timed_steps(const trace& t) {
    std::vector<std::string> out;
    for (event_index i = 0; i < t.size(); ++i) {
        const trace_event& e = t[i];
        if (e.kind == event_kind::diagnostic && static_cast<diagnostic_kind>(e.aux) == diagnostic_kind::deadlock) break;
        std::string_view what = e.kind == event_kind::task_resumed     ? "resumed"
                                : e.kind == event_kind::task_suspended ? "suspended"
                                : e.kind == event_kind::task_finished  ? "finished"
                                                                       : "";
        if (!what.empty()) out.push_back(fmt::format("t={:.6f} {} task {}", t.time_at(i), what, e.subject));
    }
    return out;
}

class Agreement : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Agreement, TheTracerAndTheEngineRecordTheSameStepsTimesAndOutput) {
    const auto& s = conformance::registry()[GetParam()];
    std::string twin = std::string(LOOPSCOPE_CONFORMANCE_DIR "/scenarios/") + s.name + ".py";
    ASSERT_TRUE(std::filesystem::exists(twin)) << twin;
    if (!have_python()) GTEST_SKIP() << "python3 is not installed: cannot run the tracer";
    run_result engine = s.run();
    auto py = run_tracer(twin, {}, {}, "PYTHONPATH=" + shell_quote(LOOPSCOPE_CONFORMANCE_DIR "/fakes") + " ");
    ASSERT_TRUE(py.trace) << py.load_error << "\n" << py.stderr_text;
    EXPECT_EQ(timed_steps(*py.trace), timed_steps(engine.trace)) << "scenario " << s.name;
    EXPECT_EQ(output_lines(*py.trace), output_lines(engine.trace)) << "scenario " << s.name;
    EXPECT_EQ(py.exit_code == 3, engine.deadlocked) << "scenario " << s.name << "\n" << py.stderr_text;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Agreement, ::testing::Range<std::size_t>(0, conformance::registry().size()),
                         [](const auto& p) { return conformance::registry()[p.param].name; });

}  // namespace
}  // namespace loopscope::tracer_test
