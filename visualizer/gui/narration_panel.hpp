// The story of the current step: the generated sentence, the lesson's goal, its note for this
// stretch of the run, its quiz when the cursor reaches it, and "what to notice" at the end.
// Compact (a short window): no title bar, a sentence of more than four large lines in the body
// font, and the goal (it does not change with the step; the lesson title's tooltip has it too)
// only if it fits below the step's story.
#pragma once

#include <vector>

#include "widgets.hpp"

namespace loopscope::gui {

class narration_panel {
public:
    void draw(const frame_context& f, const rect& r, bool compact = false);
    // Pixels of the last frame's sentence and note below the panel's bottom (0: the step's story
    // showed without scrolling; the goal, "what to notice" and quizzes may scroll).
    [[nodiscard]] float overflow() const { return overflow_; }
    // Stops playback where a quiz is asked (draw does it; call it on frames the panel is hidden).
    void stop_at_quizzes(const frame_context& f);

private:
    void draw_quiz(const frame_context& f, std::size_t q);

    const lessons::lesson* quizzes_for_ = nullptr;  // the run the answers below belong to:
    lessons::knob_values knobs_;                    // this lesson at these knobs
    std::vector<int> answers_;                      // per quiz: chosen index, -1 none yet
    std::vector<bool> asked_;                       // playback already stopped here once
    float overflow_ = 0;
};

}  // namespace loopscope::gui
