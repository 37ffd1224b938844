// Shared by the suites that need a display: one hidden-window renderer, or a skip.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "screenshot.hpp"

namespace loopscope::testing {

// Under `xvfb-run -a` (LOOPSCOPE_EXPECT_DISPLAY=1) a missing display is a failure; elsewhere a skip.
#define LOOPSCOPE_RENDERER_OR_SKIP(var, w, h)                                                                \
    std::string renderer_error_;                                                                             \
    auto var = ::loopscope::gui::headless_renderer::create((w), (h), &renderer_error_);                      \
    if (!var) {                                                                                              \
        const char* expect = std::getenv("LOOPSCOPE_EXPECT_DISPLAY");                                        \
        if (expect && std::string(expect) == "1") FAIL() << "no renderer under xvfb-run: " << renderer_error_; \
        GTEST_SKIP() << "needs a display (run under xvfb-run -a): " << renderer_error_;                     \
    }

}  // namespace loopscope::testing
