// The list of lessons and the knobs of the open one. It only asks; the app opens / re-runs.
#pragma once

#include <optional>

#include "widgets.hpp"

namespace loopscope::gui {

struct open_request {
    const lessons::lesson* lesson = nullptr;
    lessons::knob_values knobs;
};

class lesson_browser {
public:
    [[nodiscard]] std::optional<open_request> draw(const frame_context& f, const rect& r);
};

}  // namespace loopscope::gui
