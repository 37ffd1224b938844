// What a lesson's scenario.cpp includes: the engine plus the knob helpers.
#pragma once

#include "loopscope/lessons/lesson.hpp"
#include "loopscope/loopscope.hpp"

namespace loopscope::lessons {

// A knob's value, or its default when the caller did not set it.
inline double knob_value(const knob_values& k, std::string_view id, double fallback) {
    auto it = k.find(id);
    return it == k.end() ? fallback : it->second;
}

// The options every lesson run uses: virtual clock, traced, titled.
inline loop_options lesson_options(std::string title) {
    loop_options o;
    o.title = std::move(title);
    return o;
}

}  // namespace loopscope::lessons

// Defines the function the registry calls to run lesson folder DIR: trace run_lesson_DIR(knobs).
#define LOOPSCOPE_LESSON_RUN(dir) ::loopscope::trace run_lesson_##dir(const ::loopscope::lessons::knob_values& knobs)
