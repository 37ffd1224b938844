// The keyboard, the mouse and playback, driven through the app's own frame loop: keys go through
// the GLFW backend's key callback (what GLFW calls when a key is pressed), pressed in one frame and
// released in the next (ImGui 1.86 drops a press and release that arrive in the same frame); the
// mouse is what the backend reports for a hovered window.
#include <algorithm>
#include <cmath>

#define GLFW_INCLUDE_NONE  // key codes and the monitor; no OpenGL header
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "demo_lesson.hpp"
#include "display.hpp"
#include "session.hpp"
#include "timeline_layout.hpp"

namespace loopscope::gui {
namespace {

struct driver {
    headless_renderer& r;
    app& a;

    void frame(frame_input in = {}) { r.run_frame(a, in); }
    void key(int code, bool pressed) {
        frame_input in;
        in.keys.push_back({code, pressed});
        frame(in);
    }
    // A press, then its release a frame later; with a modifier held around both.
    void press(int code, int modifier = 0) {
        if (modifier) key(modifier, true);
        key(code, true);
        key(code, false);
        if (modifier) key(modifier, false);
    }
    void mouse(float x, float y, bool down, float wheel = 0) {
        frame_input in;
        in.has_mouse = true;
        in.mouse_x = x;
        in.mouse_y = y;
        in.left_down = down;
        in.wheel = wheel;
        frame(in);
    }
    // The event under x in the timeline's lanes, as the axis maps it.
    [[nodiscard]] event_index event_at_x(float x) const {
        const rect& lanes = a.timeline().last_lanes();
        const axis ax(*a.current().data, a.view().axis);
        const double at = a.view().window.begin + static_cast<double>(x - lanes.x) / lanes.w * a.view().window.width();
        return std::min(ax.event_at(at), a.current().last());
    }
};

app open_lesson(std::string_view id) {
    app a(settings{});
    const auto* l = id == "demo" ? &demo_lesson() : find_available_lesson(id);
    EXPECT_NE(l, nullptr) << id;
    if (l) a.open(*l, l->default_knobs());
    return a;
}

TEST(Input, ArrowsHomeEndAndSpaceMoveTheCursor) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    ASSERT_EQ(a.view().cursor, 0u);
    d.press(GLFW_KEY_RIGHT);
    EXPECT_EQ(a.view().cursor, 1u);
    d.press(GLFW_KEY_RIGHT);
    d.press(GLFW_KEY_RIGHT);
    EXPECT_EQ(a.view().cursor, 3u);
    d.press(GLFW_KEY_LEFT);
    EXPECT_EQ(a.view().cursor, 2u);
    d.press(GLFW_KEY_END);
    EXPECT_EQ(a.view().cursor, a.current().last());
    d.press(GLFW_KEY_HOME);
    EXPECT_EQ(a.view().cursor, 0u);
    // Shift+Right: the next loop iteration, more than one step on.
    d.press(GLFW_KEY_RIGHT, GLFW_KEY_LEFT_SHIFT);
    EXPECT_EQ(a.view().cursor, a.current().states->next_iteration(0));
    EXPECT_GT(a.view().cursor, 1u);
    d.press(GLFW_KEY_SPACE);
    EXPECT_TRUE(a.view().playing);
    d.press(GLFW_KEY_SPACE);
    EXPECT_FALSE(a.view().playing);
    // A key held down over several frames is one press, not one per frame (repeat comes later).
    const event_index before = a.view().cursor;
    d.key(GLFW_KEY_RIGHT, true);
    d.frame();
    d.frame();
    d.key(GLFW_KEY_RIGHT, false);
    EXPECT_EQ(a.view().cursor, before + 1);
}

TEST(Input, PlusMinusAndZeroZoomTheTimelineAroundTheCursor) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    a.view().cursor = 60;
    d.frame();
    const double full = a.view().window.width();
    d.press(GLFW_KEY_EQUAL);
    EXPECT_NEAR(a.view().window.width(), full / 2, full * 1e-9);
    const axis ax(*a.current().data, a.view().axis);
    EXPECT_LE(a.view().window.begin, ax.position(60));
    EXPECT_GE(a.view().window.end, ax.position(61)) << "the cursor stays in view";
    d.press(GLFW_KEY_EQUAL, GLFW_KEY_LEFT_SHIFT);  // '+' on a US keyboard
    EXPECT_NEAR(a.view().window.width(), full / 4, full * 1e-9);
    d.press(GLFW_KEY_MINUS);
    EXPECT_NEAR(a.view().window.width(), full / 2, full * 1e-9);
    d.press(GLFW_KEY_0);
    EXPECT_NEAR(a.view().window.width(), full, full * 1e-9);
    EXPECT_EQ(a.view().window.begin, 0);
}

TEST(Input, F1ShowsEveryShortcutAndEscapeClosesIt) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    d.press(GLFW_KEY_F1);
    EXPECT_TRUE(a.view().show_help);
    d.frame();
    const ImGuiWindow* help = ImGui::FindWindowByName("Keyboard shortcuts");
    ASSERT_NE(help, nullptr);
    EXPECT_TRUE(help->Active) << "drawn this frame";
    EXPECT_LE(help->Size.y, 900) << "on screen whole";
    d.press(GLFW_KEY_ESCAPE);
    EXPECT_FALSE(a.view().show_help);
    d.frame();
    EXPECT_FALSE(help->Active);
}

TEST(Input, CtrlPlusAndMinusResizeTheText) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    const float size = renderer->fonts().size;
    d.press(GLFW_KEY_EQUAL, GLFW_KEY_LEFT_CONTROL);
    EXPECT_FLOAT_EQ(a.view().font_scale, 1.25f);
    d.frame();
    EXPECT_FLOAT_EQ(renderer->fonts().size, std::round(size * 1.25f)) << "re-rasterized on the next frame";
    d.press(GLFW_KEY_MINUS, GLFW_KEY_LEFT_CONTROL);
    EXPECT_FLOAT_EQ(a.view().font_scale, 1.0f);
}

TEST(Input, F11TogglesFullscreen) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    ASSERT_FALSE(renderer->window().fullscreen());
    d.press(GLFW_KEY_F11);
    EXPECT_TRUE(a.view().fullscreen);
    d.frame();  // the platform applies it between frames
    EXPECT_TRUE(renderer->window().fullscreen());
    if (glfwGetPrimaryMonitor()) {
        EXPECT_NE(glfwGetWindowMonitor(renderer->window().window()), nullptr) << "the window is on the monitor";
    }
    d.press(GLFW_KEY_F11);
    d.frame();
    EXPECT_FALSE(a.view().fullscreen);
    EXPECT_FALSE(renderer->window().fullscreen());
    EXPECT_EQ(glfwGetWindowMonitor(renderer->window().window()), nullptr);
}

TEST(Input, ClickingAndDraggingOnTheTimelineMoveTheCursor) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    const rect lanes = a.timeline().last_lanes();
    ASSERT_GT(lanes.w, 100);
    const float y = lanes.y + lanes.h * 0.3f;
    // Click at 60% of the lanes' width.
    const float x = lanes.x + lanes.w * 0.6f;
    const event_index expected = d.event_at_x(x);
    ASSERT_GT(expected, 0u);
    d.mouse(x, y, false);
    d.mouse(x, y, true);
    d.mouse(x, y, false);
    EXPECT_EQ(a.view().cursor, expected);
    d.frame();
    const auto& layout = a.timeline().last_layout();
    EXPECT_LE(layout.cursor_x0, x + 1) << "the cursor line is drawn where the click was";
    EXPECT_GE(layout.cursor_x1, x - 1);

    // Drag from 20% to 80%: the cursor follows the mouse.
    a.view().playing = true;
    d.mouse(lanes.x + lanes.w * 0.2f, y, false);
    d.mouse(lanes.x + lanes.w * 0.2f, y, true);
    EXPECT_FALSE(a.view().playing) << "grabbing the cursor stops playback";
    event_index last = a.view().cursor;
    EXPECT_EQ(last, d.event_at_x(lanes.x + lanes.w * 0.2f));
    for (const float at : {0.4f, 0.6f, 0.8f}) {
        d.mouse(lanes.x + lanes.w * at, y, true);
        EXPECT_EQ(a.view().cursor, d.event_at_x(lanes.x + lanes.w * at)) << at;
        EXPECT_GT(a.view().cursor, last) << at;
        last = a.view().cursor;
    }
    d.mouse(lanes.x + lanes.w * 0.8f, y, false);
    d.mouse(lanes.x + lanes.w * 0.3f, y, false);  // released: moving no longer moves the cursor
    EXPECT_EQ(a.view().cursor, last);
}

TEST(Input, WheelZoomsAroundTheMouseAndHoverHighlightsTheTask) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("semaphore-crawler");
    driver d{*renderer, a};
    d.frame();
    const rect lanes = a.timeline().last_lanes();
    const double full = a.view().window.width();
    const float x = lanes.x + lanes.w * 0.5f;
    const double t = static_cast<double>(x - lanes.x) / lanes.w;  // where the mouse is, as a share of the width
    const double anchor = a.view().window.begin + t * full;
    d.mouse(x, lanes.y + 5, false, 1.0f);
    EXPECT_NEAR(a.view().window.width(), full * 0.8, full * 1e-6);
    EXPECT_NEAR(a.view().window.begin + t * a.view().window.width(), anchor, full / lanes.w * 0.5)
        << "the point under the mouse stays (within half a pixel)";

    // Over the third lane (Task-2): that task is highlighted everywhere, and a tooltip opens.
    d.frame();
    const lane_header header = a.timeline().last_layout().lanes.at(2);  // a copy: the next frame lays out anew
    const object_id task = a.current().timeline->lanes()[header.lane].task;
    ASSERT_NE(task, 0u);
    d.mouse(x, (header.y0 + header.y1) / 2, false);
    d.mouse(x, (header.y0 + header.y1) / 2, false);
    EXPECT_EQ(a.view().hovered_task, task);
    // Clicking the task's name chooses it for Up / Down.
    d.mouse(lanes.x - 10, (header.y0 + header.y1) / 2, false);
    d.mouse(lanes.x - 10, (header.y0 + header.y1) / 2, true);
    d.mouse(lanes.x - 10, (header.y0 + header.y1) / 2, false);
    EXPECT_EQ(a.view().chosen_task, task);
    d.mouse(-100, -100, false);
    EXPECT_EQ(a.view().hovered_task, 0u);
}

TEST(Input, PlaybackAdvancesWithTimeAndStopsAtAQuiz) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    app a = open_lesson("demo");
    driver d{*renderer, a};
    d.frame();
    const auto& quizzes = a.current().placed.quiz_at;
    ASSERT_FALSE(quizzes.empty());
    const event_index quiz = *std::min_element(quizzes.begin(), quizzes.end());
    ASSERT_GT(quiz, 4u);
    a.view().speed = 4;
    d.press(GLFW_KEY_SPACE);
    ASSERT_TRUE(a.view().playing);
    // A quarter of a second at 4 steps per second: one step per frame.
    frame_input tick;
    tick.dt = 0.25;
    for (event_index n = 1; n <= 3; ++n) {
        d.frame(tick);
        EXPECT_EQ(a.view().cursor, n);
    }
    tick.dt = 0.125;  // half a step: nothing yet, then the step
    d.frame(tick);
    EXPECT_EQ(a.view().cursor, 3u);
    d.frame(tick);
    EXPECT_EQ(a.view().cursor, 4u);
    // On to the first quiz, where playback stops before the answer shows.
    tick.dt = 0.25;
    for (int n = 0; n < 1000 && a.view().playing; ++n) d.frame(tick);
    EXPECT_FALSE(a.view().playing);
    EXPECT_EQ(a.view().cursor, quiz);
    // Space again plays on past it, to the end, and stops there.
    d.press(GLFW_KEY_SPACE);
    for (int n = 0; n < 10000 && a.view().playing; ++n) d.frame(tick);
    EXPECT_EQ(a.view().cursor, a.current().last());
}

}  // namespace
}  // namespace loopscope::gui
