// The lesson's source texts in tabs (Python, JavaScript, C++), or a traced script's own text,
// with the line every live task stands on marked in its lane colour: filled for the running
// task, outlined for the others.
#pragma once

#include <array>

#include "widgets.hpp"

namespace loopscope::gui {

class code_panel {
public:
    void draw(const frame_context& f, const rect& r);
    // The last frame: pixels of code or markers past the pane's right edge (0: every row shown
    // whole; long lines wrap), and how many rows of code the pane shows.
    [[nodiscard]] float overflow() const { return overflow_; }
    [[nodiscard]] float visible_lines() const { return visible_lines_; }

private:
    void draw_contents(const frame_context& f);
    void draw_source(const frame_context& f, const lessons::source_text& src, std::string_view text);
    // Per language: the cursor we last scrolled for, so the user can scroll freely in between.
    std::array<event_index, 3> scrolled_for_{no_event, no_event, no_event};
    float overflow_ = 0, visible_lines_ = 0;
};

}  // namespace loopscope::gui
