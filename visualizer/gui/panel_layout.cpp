#include "panel_layout.hpp"

#include <algorithm>
#include <cmath>

namespace loopscope::gui {

bool toolbar_wraps(float width, float line_height) { return width < line_height * 92; }

panel_rects layout_panels(float width, float height, float line_height, bool show_browser, std::size_t lanes) {
    panel_rects p;
    const float toolbar_h = std::round(line_height * (toolbar_wraps(width, line_height) ? 4.3f : 2.6f));
    p.toolbar = {0, 0, width, toolbar_h};
    const float body_h = std::max(0.0f, height - toolbar_h);
    // The timeline gets what its lanes need (legend, axis, ~1.85 lines per lane), at least
    // a third of the body and room for a few lanes, at most 60%.
    const float wanted = line_height * (4.6f + 1.85f * static_cast<float>(lanes));
    const float timeline_h = std::clamp(std::max(body_h * 0.34f, wanted), std::min(body_h, line_height * 9), body_h * 0.6f);
    p.timeline = {0, height - timeline_h, width, timeline_h};
    const float top_h = body_h - timeline_h;
    const float browser_w = show_browser ? std::clamp(width * 0.16f, line_height * 10, width * 0.3f) : 0.0f;
    p.browser = {0, toolbar_h, browser_w, top_h};
    p.compare = {browser_w, toolbar_h, width - browser_w, body_h};
    const float rest_x = browser_w, rest_w = width - browser_w;
    const float code_w = std::round(rest_w * 0.52f);
    const float code_h = std::round(top_h * 0.62f);
    p.code = {rest_x, toolbar_h, code_w, code_h};
    p.narration = {rest_x, toolbar_h + code_h, code_w, top_h - code_h};
    p.state = {rest_x + code_w, toolbar_h, rest_w - code_w, code_h};
    p.console = {rest_x + code_w, toolbar_h + code_h, rest_w - code_w, top_h - code_h};
    return p;
}

}  // namespace loopscope::gui
