#include "panel_layout.hpp"

#include <algorithm>
#include <cmath>

namespace loopscope::gui {

bool toolbar_wraps(float width, float line_height) { return width < line_height * 92; }

bool short_window(float height, float line_height) { return height < line_height * 44; }
bool narrow_window(float width, float line_height) { return width < line_height * 70; }

panel_rects layout_panels(float width, float height, float line_height, bool show_browser, std::size_t lanes) {
    panel_rects p;
    const float toolbar_h = std::round(line_height * (toolbar_wraps(width, line_height) ? 4.0f : 2.6f));
    p.toolbar = {0, 0, width, toolbar_h};
    const float body_h = std::max(0.0f, height - toolbar_h);
    // Measured in lines of text, 1280x720 at 1x and 4K at 3x are the same window: few lines
    // high (the code then takes the whole height beside the other panels), few lines wide (the
    // lesson list becomes a strip of numbers).
    const bool short_body = short_window(height, line_height);
    // The timeline gets what its lanes need (legend, axis, ~1.75 lines per lane), at least
    // a third of the body and room for a few lanes, at most 55% (36% in a short window, where
    // the code needs the height; the lanes scroll).
    const float wanted = line_height * (3.8f + 1.75f * static_cast<float>(lanes));
    const float most = short_body ? std::max(body_h * 0.4f, std::min(line_height * 6, height * 0.4f)) : body_h * 0.55f;
    const float timeline_h = std::clamp(std::max(body_h * (short_body ? 0.3f : 0.32f), wanted), std::min(most, line_height * 9), most);
    p.timeline = {0, height - timeline_h, width, timeline_h};
    const float top_h = body_h - timeline_h;
    float browser_w = 0;
    if (show_browser)
        browser_w = narrow_window(width, line_height) ? std::round(line_height * 4.2f)
                                                      : std::clamp(width * 0.16f, line_height * 10, width * 0.3f);
    p.browser = {0, toolbar_h, browser_w, top_h};
    p.compare = {browser_w, toolbar_h, width - browser_w, body_h};
    const float rest_x = browser_w, rest_w = width - browser_w;
    const float code_w = std::round(rest_w * (short_body ? 0.57f : 0.52f));
    if (short_body) {
        // Code: the whole height. Beside it, top to bottom: loop state, narration, output.
        p.code = {rest_x, toolbar_h, code_w, top_h};
        const float side_x = rest_x + code_w, side_w = rest_w - code_w;
        const float state_h = std::round(top_h * 0.44f), narration_h = std::round(top_h * 0.34f);
        p.state = {side_x, toolbar_h, side_w, state_h};
        p.narration = {side_x, toolbar_h + state_h, side_w, narration_h};
        p.console = {side_x, toolbar_h + state_h + narration_h, side_w, top_h - state_h - narration_h};
        return p;
    }
    const float code_h = std::round(top_h * 0.62f);
    p.code = {rest_x, toolbar_h, code_w, code_h};
    p.narration = {rest_x, toolbar_h + code_h, code_w, top_h - code_h};
    p.state = {rest_x + code_w, toolbar_h, rest_w - code_w, code_h};
    p.console = {rest_x + code_w, toolbar_h + code_h, rest_w - code_w, top_h - code_h};
    return p;
}

}  // namespace loopscope::gui
