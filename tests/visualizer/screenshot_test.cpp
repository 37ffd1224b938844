// Real pixels: the app rendered headless into an offscreen framebuffer, then inspected.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <stb_image.h>

#include "demo_lesson.hpp"
#include "display.hpp"
#include "gui.hpp"
#include "theme.hpp"

namespace loopscope::gui {
namespace {

struct rgb {
    int r, g, b;
};
rgb pixel(const image& img, float x, float y) {
    const auto* p = img.at(static_cast<int>(x), static_cast<int>(y));
    return {p[0], p[1], p[2]};
}
rgb colour_of(ImU32 c) {
    return {static_cast<int>(c & 0xff), static_cast<int>((c >> 8) & 0xff), static_cast<int>((c >> 16) & 0xff)};
}
int distance(rgb a, rgb b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); }
double mean_luminance(const image& img) {
    double sum = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4)
        sum += 0.2126 * img.rgba[i] + 0.7152 * img.rgba[i + 1] + 0.0722 * img.rgba[i + 2];
    return sum / (static_cast<double>(img.rgba.size()) / 4) / 255.0;
}

app demo_at(event_index step, theme_kind theme = theme_kind::light, float scale = 1) {
    settings s;
    s.theme = theme;
    s.font_scale = scale;
    app a(s);
    a.open(demo_lesson(), demo_lesson().default_knobs());
    a.view().cursor = step;
    return a;
}

const draw_rect* find_rect(const app& a, object_id task, segment_kind kind, event_index containing) {
    const auto& model = *a.current().timeline;
    const auto lane = model.lane_of(task);
    for (const auto& r : a.timeline().last_layout().rects) {
        const auto& seg = model.lanes()[lane].segments[r.segment];
        if (r.lane == lane && r.kind == kind && !r.merged && seg.begin <= containing && containing < seg.end) return &r;
    }
    return nullptr;
}

constexpr object_id task_a = 2;

TEST(Screenshot, LightThemeIsLight) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(14);
    EXPECT_GT(mean_luminance(renderer->render(a)), 0.8);
}

TEST(Screenshot, DarkThemeIsDark) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(14, theme_kind::dark);
    EXPECT_LT(mean_luminance(renderer->render(a)), 0.3);
}

TEST(Screenshot, RunningColourFillsTheRunningTasksLane) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(12);  // A is running (it just printed "A starts")
    const image img = renderer->render(a);
    const draw_rect* r = find_rect(a, task_a, segment_kind::running, 12);
    ASSERT_NE(r, nullptr) << "A's running segment is laid out";
    const rgb a_colour = colour_of(lane_colour(a.current().timeline->lanes()[a.current().timeline->lane_of(task_a)].colour_slot));
    // Sample away from the cursor line, which is drawn on top.
    const float x = r->x1 - 3, y = (r->y0 + r->y1) / 2;
    EXPECT_LT(distance(pixel(img, x, y), a_colour), 40) << "pixel at " << x << "," << y;
}

TEST(Screenshot, WaitingIsAnOutlineNotAFill) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(20);
    const image img = renderer->render(a);
    const draw_rect* r = find_rect(a, task_a, segment_kind::suspended, 20);
    ASSERT_NE(r, nullptr);
    const rgb a_colour = colour_of(lane_colour(a.current().timeline->lanes()[a.current().timeline->lane_of(task_a)].colour_slot));
    const float x = r->x1 - 20;
    const rgb inside = pixel(img, x, (r->y0 + r->y1) / 2);
    EXPECT_GT(inside.r + inside.g + inside.b, 3 * 200) << "inside stays light";
    EXPECT_LT(distance(pixel(img, x, r->y0 + 1), a_colour), 60) << "the border has the lane colour";
}

TEST(Screenshot, CursorLineIsDrawnWhereTheLayoutSaysSo) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(20);
    const image img = renderer->render(a);
    const auto& layout = a.timeline().last_layout();
    ASSERT_GE(layout.cursor_x0, 0);
    const float y = (layout.lanes.back().y0 + layout.lanes.back().y1) / 2 + 1;
    const rgb c = pixel(img, layout.cursor_x0 + 0.5f, y);
    EXPECT_LT(c.r + c.g + c.b, 3 * 60) << "a black cursor line in the light theme";
}

TEST(Screenshot, BiggerFontScaleRerasterizesTheFonts) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1920, 1080);
    app a = demo_at(14);
    (void)renderer->render(a, 1);
    const float small = renderer->fonts().size;
    const float small_toolbar = a.panels().toolbar.h;
    a.view().font_scale = 2;
    (void)renderer->render(a, 2);
    EXPECT_FLOAT_EQ(renderer->fonts().size, small * 2) << "rasterized at twice the size, not stretched";
    EXPECT_EQ(ImGui::GetIO().FontGlobalScale, 1.0f);
    EXPECT_GT(a.panels().toolbar.h, small_toolbar * 1.5f);
}

TEST(Screenshot, RendersFrom720pTo4K) {
    for (auto [w, h] : {std::pair{1280, 720}, {3840, 2160}}) {
        LOOPSCOPE_RENDERER_OR_SKIP(renderer, w, h);
        app a = demo_at(25, theme_kind::light, w > 2000 ? 2.0f : 1.0f);
        const image img = renderer->render(a);
        EXPECT_EQ(img.width, w);
        EXPECT_EQ(img.height, h);
        EXPECT_GT(a.timeline().last_layout().rects.size(), 10u) << w << "x" << h;
    }
}

TEST(Screenshot, MissingFontsFallBackToTheBuiltInFontWithAMessage) {
    ::setenv("LOOPSCOPE_FONT_DIR", "/nonexistent-fonts", 1);
    {
        LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
        app a = demo_at(14);
        const image img = renderer->render(a);
        EXPECT_FALSE(renderer->fonts().symbols);
        EXPECT_NE(renderer->fonts().problem.find("fonts-dejavu-core"), std::string::npos) << renderer->fonts().problem;
        EXPECT_GT(mean_luminance(img), 0.7);
    }
    ::unsetenv("LOOPSCOPE_FONT_DIR");
}

TEST(Screenshot, IsWrittenAsAPngAtomically) {
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    app a = demo_at(3);
    const image img = renderer->render(a);
    const auto dir = std::filesystem::temp_directory_path() / ("loopscope-shot-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::string error;
    ASSERT_TRUE(write_png(img, dir / "shot.png", &error)) << error;
    std::ifstream in(dir / "shot.png", std::ios::binary);
    char magic[8] = {};
    in.read(magic, 8);
    EXPECT_EQ(std::string(magic + 1, 3), "PNG");
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1);
    std::filesystem::remove_all(dir);
}

TEST(Screenshot, PngDecodesToTheSamePixels) {
    image img;
    img.width = 37;
    img.height = 23;
    img.rgba.resize(static_cast<std::size_t>(img.width) * img.height * 4);
    for (std::size_t i = 0; i < img.rgba.size(); ++i) img.rgba[i] = static_cast<std::uint8_t>((i * 7919u) >> 3);
    const std::string png = encode_png(img);
    ASSERT_FALSE(png.empty());
    int w = 0, h = 0, channels = 0;
    unsigned char* decoded = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()), static_cast<int>(png.size()), &w, &h,
                                                   &channels, 4);
    ASSERT_NE(decoded, nullptr) << stbi_failure_reason();
    EXPECT_EQ(w, img.width);
    EXPECT_EQ(h, img.height);
    EXPECT_TRUE(std::equal(img.rgba.begin(), img.rgba.end(), decoded));
    stbi_image_free(decoded);
}

TEST(Headless, ExplainsAMissingDisplay) {
    const char* display = std::getenv("DISPLAY");
    const std::string saved = display ? display : "";
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    std::string error;
    auto r = headless_renderer::create(640, 480, &error);
    if (!saved.empty()) ::setenv("DISPLAY", saved.c_str(), 1);
    EXPECT_EQ(r, nullptr);
    EXPECT_NE(error.find("no display"), std::string::npos) << error;
    EXPECT_NE(error.find("xvfb-run -a"), std::string::npos) << error;
}

TEST(ShotArguments, AreParsedWithDefaults) {
    const std::vector<std::string_view> args{"demo", "--step", "12", "--out", "x.png"};
    std::string error;
    const auto o = parse_shot_args(args, &error);
    ASSERT_TRUE(o) << error;
    EXPECT_EQ(o->lesson, "demo");
    EXPECT_EQ(o->step, 12);
    EXPECT_EQ(o->width, 1600);
    EXPECT_FALSE(o->dark);
}

TEST(ShotArguments, RejectBadValuesWithAHint) {
    std::string error;
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"demo", "--out", "x.png", "--size", "big"}, &error));
    EXPECT_NE(error.find("WIDTHxHEIGHT"), std::string::npos);
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"demo", "--out", "x.png", "--scale", "7"}, &error));
    EXPECT_NE(error.find("1 to 3"), std::string::npos);
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"--step", "1", "--out", "x.png"}, &error));
    EXPECT_NE(error.find("which lesson"), std::string::npos);
}

TEST(ShotArguments, TakeTheTraceOptionsForAScript) {
    std::string error;
    const auto o = parse_shot_args(std::vector<std::string_view>{"mine.py", "--out", "x.png", "--max-events", "500", "--real-time",
                                                                 "--max-seconds", "30", "--wall-timeout", "5", "--", "--port", "8080"},
                                   &error);
    ASSERT_TRUE(o) << error;
    EXPECT_EQ(o->lesson, "mine.py");
    EXPECT_EQ(o->trace.max_events, 500);
    EXPECT_TRUE(o->trace.real_time);
    EXPECT_EQ(o->trace.max_seconds, 30.0);
    EXPECT_EQ(o->trace.wall_timeout, 5.0);
    EXPECT_EQ(o->trace.args, (std::vector<std::string>{"--port", "8080"})) << "everything after -- goes to the script";
}

TEST(ShotArguments, RefuseTraceOptionsForALessonOrBadValues) {
    std::string error;
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"demo", "--out", "x.png", "--max-events", "10"}, &error));
    EXPECT_NE(error.find("are for a script"), std::string::npos) << error;
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"mine.py", "--out", "x.png", "--max-events", "0"}, &error));
    EXPECT_NE(error.find("positive number"), std::string::npos) << error;
    EXPECT_FALSE(parse_shot_args(std::vector<std::string_view>{"mine.py", "--out", "x.png", "--wall-timeout", "-1"}, &error));
    EXPECT_NE(error.find("seconds"), std::string::npos) << error;
}

TEST(ShotArguments, UnknownLessonIsABadArgument) {
    shot_options o;
    o.lesson = "no-such-lesson";
    o.out = "/tmp/never-written.png";
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_shot(o), 2);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("unknown lesson 'no-such-lesson'"), std::string::npos) << err;
    EXPECT_FALSE(std::filesystem::exists(o.out));
}

}  // namespace
}  // namespace loopscope::gui
