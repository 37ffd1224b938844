// Every lesson, every step, every panel, rendered headless: nothing crashes, nothing is blank.
#include <gtest/gtest.h>

#include "display.hpp"
#include "session.hpp"
#include "view_commands.hpp"

namespace loopscope::gui {
namespace {

TEST(Smoke, EveryLessonRendersAtEveryStep) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    const auto lessons = available_lessons();
    ASSERT_FALSE(lessons.empty());
    for (const auto* l : lessons) {
        app a(settings{});
        a.open(*l, l->default_knobs());
        ASSERT_FALSE(a.current().empty()) << l->id << " produced no events";
        const event_index last = a.current().last();
        // Every step runs every panel; every 25th is also rasterized and read back.
        for (event_index i = 0; i <= last; ++i) {
            a.view().cursor = i;
            a.view().axis = static_cast<axis_mode>(i % 3);
            a.view().theme = i % 2 ? theme_kind::dark : theme_kind::light;
            if (i % 25 == 0 || i == last) {
                const image img = renderer->render(a, 1);
                ASSERT_EQ(img.width, 1280);
            } else {
                renderer->run_frame(a);
            }
            ASSERT_EQ(a.view().cursor, i) << l->id;
            ASSERT_FALSE(a.timeline().last_layout().rects.empty()) << l->id << " step " << i;
        }
        a.view().cursor = last;
        a.view().show_help = true;
        (void)renderer->render(a, 2);
    }
}

TEST(Smoke, PlaybackReachesTheEndAndStops) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    const auto* l = available_lessons().front();
    app a(settings{});
    a.open(*l, l->default_knobs());
    apply(view_command::play_pause, a.view(), a.current());
    for (int n = 0; n < 10000 && a.view().playing; ++n) advance_playback(a.view(), a.current(), 1.0);
    EXPECT_FALSE(a.view().playing);
    EXPECT_EQ(a.view().cursor, a.current().last());
    (void)renderer->render(a, 1);
}

}  // namespace
}  // namespace loopscope::gui
