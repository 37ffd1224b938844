// The list of lessons and the knobs of the open one. It only asks; the app opens / re-runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "widgets.hpp"

namespace loopscope::gui {

struct open_request {
    const lessons::lesson* lesson = nullptr;
    lessons::knob_values knobs;
};

class lesson_browser {
public:
    // set_by_runs: knobs a comparison sets for each run (shown as such, not as a slider).
    [[nodiscard]] std::optional<open_request> draw(const frame_context& f, const rect& r,
                                                   const std::vector<std::string>& set_by_runs = {});
};

}  // namespace loopscope::gui
