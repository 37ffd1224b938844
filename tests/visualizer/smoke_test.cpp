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

// At every knob's min and max (and every choice), each lesson steps to the end and back with
// every panel: the notes and quizzes placed for that run included.
TEST(Smoke, EveryLessonStepsThroughAtEveryKnobExtreme) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    for (const auto& l : lessons::all_lessons())
        for (const auto& k : l.knobs)
            for (const double v : {k.min, k.max}) {
                if (v == k.value) continue;
                app a(settings{});
                auto knobs = l.default_knobs();
                knobs[k.id] = v;
                a.open(l, knobs);
                ASSERT_FALSE(a.current().empty()) << l.id << " " << k.id << "=" << v;
                const event_index last = a.current().last();
                for (event_index i = 0; i <= last; ++i) {
                    a.view().cursor = i;
                    renderer->run_frame(a);
                }
                for (event_index i = last + 1; i-- > 0;) {
                    a.view().cursor = i;
                    renderer->run_frame(a);
                    ASSERT_EQ(a.view().cursor, i) << l.id << " " << k.id << "=" << v;
                }
            }
}

// Every comparison every lesson offers (its presets, its JavaScript twin, before / after a knob
// change) steps through all its shared steps with both runs drawn.
TEST(Smoke, EveryComparisonStepsThrough) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    int comparisons = 0;
    for (const auto& l : lessons::all_lessons()) {
        app a(settings{});
        a.open(l, l.default_knobs());
        if (!l.knobs.empty()) {
            auto knobs = l.default_knobs();
            knobs[l.knobs.front().id] = l.knobs.front().value == l.knobs.front().max ? l.knobs.front().min : l.knobs.front().max;
            a.open(l, knobs);  // now "before vs after" is offered too
        }
        for (const auto kind : a.compare_offers()) {
            std::string error;
            ASSERT_TRUE(a.open_compare({kind, 0, 1, {}}, &error)) << l.id << " " << to_string(kind) << ": " << error;
            ++comparisons;
            const std::size_t steps = a.comparison().model()->steps();
            for (std::size_t k = 0; k < steps; ++k) {
                a.comparison().set_cursor(k);
                if (k % 40 == 0) (void)renderer->render(a, 1);
                else renderer->run_frame(a);
                ASSERT_TRUE(a.view().compare);
                ASSERT_EQ(a.comparison().cursor(), k) << l.id;
                for (int i = 0; i < 2; ++i)
                    ASSERT_FALSE(a.comparison().layout(i).rects.empty()) << l.id << " " << to_string(kind) << " run " << i << " step " << k;
            }
            a.view().compare = false;
            renderer->run_frame(a);  // back to the lesson
            EXPECT_EQ(a.comparison().model(), nullptr);
        }
    }
    EXPECT_GE(comparisons, 3 + 3 + 16) << "presets of lessons 3, 7 and 11, three JavaScript twins, before/after for each lesson with knobs";
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
