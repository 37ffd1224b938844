// Real pixels of the Compare mode: two sets of lanes, one above the other, on one time axis.
#include <algorithm>
#include <array>

#include <gtest/gtest.h>

#include "display.hpp"
#include "gui.hpp"
#include "theme.hpp"

namespace loopscope::gui {
namespace {

int distance(const std::uint8_t* p, ImU32 c) {
    return std::abs(p[0] - static_cast<int>(c & 0xff)) + std::abs(p[1] - static_cast<int>((c >> 8) & 0xff)) +
           std::abs(p[2] - static_cast<int>((c >> 16) & 0xff));
}

// The rightmost pixel column, inside the task lanes of a run, where something is drawn: three
// pixels in a row unlike the lane background (a one-pixel grid line is not a drawing).
float rightmost_drawing(const image& img, const timeline_layout& layout, const timeline_model& model, ImU32 lane_bg, float left,
                        float right) {
    float found = -1;
    for (const auto& h : layout.lanes) {
        if (model.lanes()[h.lane].task == 0) continue;  // the loop lane
        for (int y = static_cast<int>(h.y0) + 1; y < static_cast<int>(h.y1); ++y)
            for (int x = static_cast<int>(right) - 1; x > static_cast<int>(left) + 2; --x) {
                if (static_cast<float>(x) <= found) break;
                if (distance(img.at(x, y), lane_bg) > 60 && distance(img.at(x - 1, y), lane_bg) > 60 &&
                    distance(img.at(x - 2, y), lane_bg) > 60) {
                    found = static_cast<float>(x);
                    break;
                }
            }
    }
    return found;
}

TEST(CompareView, SynchronousLanesReachThreeTimesAsFarAsGathers) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    settings s;
    app a(s);
    const auto* l = lessons::find_lesson("sync-vs-async");
    ASSERT_NE(l, nullptr);
    a.open(*l, l->default_knobs());
    std::string error;
    ASSERT_TRUE(a.open_compare({compare_kind::presets, 0, 1, {}}, &error)) << error;
    a.comparison().set_cursor(0);  // the shared cursor at the left edge, out of the way
    const image img = renderer->render(a);
    ASSERT_TRUE(a.view().compare);
    const auto& cv = a.comparison();
    const compare_model& m = *cv.model();
    // Two sets of lanes, A above B, each with its tasks.
    const rect top = cv.block(0), bottom = cv.block(1);
    EXPECT_GT(top.h, 100);
    EXPECT_GE(bottom.y, top.y + top.h - 1) << "B is below A";
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(cv.layout(i).lanes.size(), m.side(i).run.timeline->lanes().size()) << "every lane of run " << i << " is visible";
        for (const auto& h : cv.layout(i).lanes) {
            const rect& b = cv.block(i);
            EXPECT_GE(h.y0, b.y);
            EXPECT_LE(h.y1, b.y + b.h);
        }
    }
    // Real pixels: the synchronous run's drawing reaches three times as far right as gather's.
    const palette& p = palette_for(theme_kind::light);
    const float left = top.x, right = top.x + top.w;
    const float lanes_left = [&] {
        float x = right;
        for (const auto& r : cv.layout(0).rects) x = std::min(x, r.x0);
        return x;
    }();
    const float sync_end = rightmost_drawing(img, cv.layout(0), *m.side(0).run.timeline, p.lane_bg, left, right);
    const float async_end = rightmost_drawing(img, cv.layout(1), *m.side(1).run.timeline, p.lane_bg, left, right);
    ASSERT_GT(sync_end, lanes_left);
    ASSERT_GT(async_end, lanes_left);
    const double ratio = (sync_end - lanes_left) / (async_end - lanes_left);
    EXPECT_NEAR(ratio, 3.0, 0.25) << "sync ends at x = " << sync_end << ", gather at x = " << async_end << ", lanes start at "
                                  << lanes_left;
}

TEST(CompareView, OneTimeAxisAndOneCursorForBothRuns) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1600, 900);
    settings s;
    app a(s);
    const auto* l = lessons::find_lesson("sync-vs-async");
    a.open(*l, l->default_knobs());
    std::string error;
    ASSERT_TRUE(a.open_compare({compare_kind::presets, 0, 1, {}}, &error)) << error;
    const compare_model& m = *a.comparison().model();
    (void)renderer->render(a);
    // The same seconds at the same pixels in both runs.
    const auto& ticks_a = a.comparison().layout(0).ticks;
    const auto& ticks_b = a.comparison().layout(1).ticks;
    ASSERT_GE(ticks_a.size(), 4u);
    ASSERT_EQ(ticks_a.size(), ticks_b.size());
    for (std::size_t i = 0; i < ticks_a.size(); ++i) {
        EXPECT_FLOAT_EQ(ticks_a[i].x, ticks_b[i].x);
        EXPECT_EQ(ticks_a[i].text, ticks_b[i].text);
    }
    // Stepping the shared cursor through both runs: neither run's cursor ever goes back, and the
    // run whose event the cursor is on stands at that moment's pixel (1 s: the "1 s" tick).
    const auto one_second = std::find_if(ticks_a.begin(), ticks_a.end(), [](const draw_tick& t) { return t.text == "1 s"; });
    ASSERT_NE(one_second, ticks_a.end());
    const float one_second_x = one_second->x;  // the layouts are rebuilt by every frame below
    std::array<float, 2> last{-1, -1};
    int at_one_second = 0;
    for (std::size_t k = 0; k < m.steps(); k += 3) {
        a.comparison().set_cursor(k);
        renderer->run_frame(a);
        for (int i = 0; i < 2; ++i) {
            const float x = a.comparison().layout(i).cursor_x0;
            ASSERT_GE(x, 0) << "run " << i << " at step " << k;
            EXPECT_GE(x, last[static_cast<std::size_t>(i)] - 0.01f) << "run " << i << " went back at step " << k;
            last[static_cast<std::size_t>(i)] = x;
        }
        if (m.time_of(k) == 1.0) {
            ++at_one_second;
            EXPECT_NEAR(a.comparison().layout(m.step(k).side).cursor_x0, one_second_x, 1.0f) << "step " << k;
        }
    }
    EXPECT_GT(at_one_second, 0);
}

TEST(CompareView, CompareKeyOpensTheFirstComparisonAndOffersBeforeAfterAfterAKnob) {
    settings s;
    app a(s);
    const auto* l = lessons::find_lesson("gather");
    ASSERT_NE(l, nullptr);
    a.open(*l, l->default_knobs());
    auto offers = a.compare_offers();
    ASSERT_FALSE(offers.empty());
    EXPECT_EQ(offers.front(), compare_kind::javascript);
    EXPECT_EQ(std::count(offers.begin(), offers.end(), compare_kind::before_after), 0);
    auto k = l->default_knobs();
    k["delay"] = 2;
    a.open(*l, k);
    offers = a.compare_offers();
    EXPECT_EQ(std::count(offers.begin(), offers.end(), compare_kind::before_after), 1);
    std::string error;
    ASSERT_TRUE(a.open_compare({compare_kind::before_after, 0, 1, {}}, &error)) << error;
    EXPECT_NE(a.comparison().model()->side(0).detail.find("= 1"), std::string::npos);
    EXPECT_NE(a.comparison().model()->side(1).detail.find("= 2"), std::string::npos);
}

TEST(ShotArguments, CompareIsParsed) {
    std::string error;
    const auto o = parse_shot_args(std::vector<std::string_view>{"sync-vs-async", "--compare", "presets", "--out", "x.png"}, &error);
    ASSERT_TRUE(o) << error;
    EXPECT_EQ(o->compare, "presets");
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"gather", "--out", "x.png", "--compare"}, &error));
    EXPECT_NE(error.find("js"), std::string::npos) << error;
}

}  // namespace
}  // namespace loopscope::gui
