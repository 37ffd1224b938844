// A hand-built lesson (no engine needed): two workers sleep for different times while main awaits
// them. The GUI offers it as "demo" and tests use its trace as a known fixture.
#pragma once

#include "loopscope/lessons/lesson.hpp"
#include "loopscope/trace.hpp"

namespace loopscope::gui {

// delay_b: how long worker B sleeps (A sleeps 1 s).
[[nodiscard]] trace build_demo_trace(double delay_b = 0.5);
[[nodiscard]] const lessons::lesson& demo_lesson();

}  // namespace loopscope::gui
