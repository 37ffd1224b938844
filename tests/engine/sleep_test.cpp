// sleep's trace label: the delay as fmt's "{}" writes it, by detail::write_float.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "loopscope/detail/float_text.hpp"
#include "loopscope/loopscope.hpp"

namespace loopscope {
namespace {

std::string fast(double v) {
    char buf[detail::float_text_max];
    return std::string(buf, detail::write_float(buf, v));
}

TEST(SleepLabel, WritesWhatFmtWritesForTypicalDelays) {
    for (double v : {1.0, 0.5, 0.1, 2.5, 10.0, 100.0, 1e15, 1e16, 1.5e16, 123456789012345678.0, 0.0001, 0.00012,
                     0.00001, 1e-5, 9.999e-5, 1e-4, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.3,
                     1.0 / 3, 2.0 / 3, 1e100, 1e-100, 0.6394267984578837, -1.0, -0.25, -1e-7, 3.0e21, 42.0})
        EXPECT_EQ(fast(v), fmt::format("{}", v)) << v;
}

TEST(SleepLabel, WritesWhatFmtWritesForZeroAndNonFinite) {
    for (double v : {0.0, -0.0, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN()})
        EXPECT_EQ(fast(v), fmt::format("{}", v));
}

TEST(SleepLabel, WritesWhatFmtWritesForRandomValues) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> exponent(-12, 20);
    for (int i = 0; i < 200'000; ++i) {
        double v = unit(rng) * std::pow(10.0, exponent(rng));
        ASSERT_EQ(fast(v), fmt::format("{}", v)) << "value #" << i;
    }
    for (int i = 0; i < 200'000; ++i) {  // any bit pattern: every exponent, subnormals
        std::uint64_t bits = rng();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        ASSERT_EQ(fast(v), fmt::format("{}", v)) << "bits " << bits;
    }
    for (int e = -325; e <= 308; ++e) {  // the layout boundaries at every power of ten
        for (double v : {std::pow(10.0, e), std::nextafter(std::pow(10.0, e), 0.0), 1.5 * std::pow(10.0, e)})
            ASSERT_EQ(fast(v), fmt::format("{}", v)) << v;
    }
}

coro<> sleeps() {
    co_await asyncio::sleep(0.6394267984578837);
    co_await asyncio::sleep(1);
    co_await asyncio::sleep(1e-5);
}

TEST(SleepLabel, TimerAndSuspensionShareOneLabel) {
    auto r = run(sleeps());
    std::vector<std::string> armed, suspended;
    for (const auto& e : r.trace.events()) {
        if (e.kind == event_kind::timer_armed) armed.emplace_back(r.trace.string(e.b));
        if (e.kind == event_kind::task_suspended) suspended.emplace_back(r.trace.string(e.b));
    }
    std::vector<std::string> expected{"sleep(0.6394267984578837)", "sleep(1)", "sleep(1e-05)"};
    EXPECT_EQ(armed, expected);
    EXPECT_EQ(suspended, expected);
}

coro<> sleeps_one_delay_three_times() {
    for (int i = 0; i < 3; ++i) co_await asyncio::sleep(0.25);
}

TEST(SleepLabel, ARepeatedDelayReusesItsLabel) {
    auto r = run(sleeps_one_delay_three_times());
    std::vector<string_id> labels;
    for (const auto& e : r.trace.events())
        if (e.kind == event_kind::timer_armed || e.kind == event_kind::task_suspended) labels.push_back(e.b);
    ASSERT_EQ(labels.size(), 6u);
    for (string_id id : labels) EXPECT_EQ(id, labels[0]);
    EXPECT_EQ(r.trace.string(labels[0]), "sleep(0.25)");
}

}  // namespace
}  // namespace loopscope
