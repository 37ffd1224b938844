// Settings persistence and the panel tiling: plain data, no window.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <tuple>

#include <unistd.h>

#include <gtest/gtest.h>

#include "panel_layout.hpp"
#include "settings.hpp"

namespace loopscope::gui {
namespace {

TEST(Settings, RoundTripThroughTheIniText) {
    settings s;
    s.theme = theme_kind::dark;
    s.font_scale = 2.5f;
    s.axis = axis_mode::time;
    s.speed = 12;
    s.show_browser = false;
    s.last_lesson = "hello-world";
    const settings back = parse_settings(serialize(s));
    EXPECT_EQ(back.theme, theme_kind::dark);
    EXPECT_FLOAT_EQ(back.font_scale, 2.5f);
    EXPECT_EQ(back.axis, axis_mode::time);
    EXPECT_FLOAT_EQ(back.speed, 12);
    EXPECT_FALSE(back.show_browser);
    EXPECT_EQ(back.last_lesson, "hello-world");
}

TEST(Settings, IgnoresGarbageAndClampsTheFontScale) {
    const settings s = parse_settings("theme = purple\nfont_scale = 9\nnonsense\naxis=step\nspeed = fast\n");
    EXPECT_EQ(s.theme, theme_kind::light);
    EXPECT_FLOAT_EQ(s.font_scale, max_font_scale);
    EXPECT_EQ(s.axis, axis_mode::step);
    EXPECT_FLOAT_EQ(s.speed, settings{}.speed);
}

TEST(Settings, FollowXdgConfigHome) {
    const char* old = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(settings_path(), std::filesystem::path("/tmp/xdg-test/loopscope/settings.ini"));
    if (old) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1); else ::unsetenv("XDG_CONFIG_HOME");
}

TEST(Settings, AreWrittenAtomicallyWithoutLeavingTempFiles) {
    const auto dir = std::filesystem::temp_directory_path() / ("loopscope-settings-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto file = dir / "loopscope" / "settings.ini";
    settings s;
    s.font_scale = 2;
    std::string error;
    ASSERT_TRUE(save_settings(s, file, &error)) << error;
    s.font_scale = 3;
    ASSERT_TRUE(save_settings(s, file, &error)) << error;
    EXPECT_FLOAT_EQ(load_settings(file).font_scale, 3);
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(file.parent_path())) ++files;
    EXPECT_EQ(files, 1) << "the temp file was renamed over the old one";
    std::filesystem::remove_all(dir);
}

TEST(Settings, ReportWhyTheyCouldNotBeWritten) {
    std::string error;
    EXPECT_FALSE(write_file_atomically("/proc/loopscope-cannot/settings.ini", "x", &error));
    EXPECT_FALSE(error.empty());
}

TEST(PanelLayout, TilesTheWindowWithoutOverlapFrom720pTo4K) {
    for (auto [w, h, line] : {std::tuple{1280.f, 720.f, 17.f}, {1920.f, 1080.f, 20.f}, {3840.f, 2160.f, 40.f}, {1280.f, 720.f, 51.f}}) {
        const auto p = layout_panels(w, h, line, true);
        const rect all[] = {p.toolbar, p.browser, p.code, p.state, p.narration, p.console, p.timeline};
        float area = 0;
        for (const rect& r : all) {
            EXPECT_GE(r.x, 0);
            EXPECT_GE(r.y, 0);
            EXPECT_LE(r.x + r.w, w + 0.5f);
            EXPECT_LE(r.y + r.h, h + 0.5f);
            area += r.w * r.h;
        }
        EXPECT_NEAR(area, w * h, w * h * 0.001f) << "panels cover the window exactly once at " << w << "x" << h;
        EXPECT_GE(p.timeline.h, std::min(line * 6, h * 0.4f)) << "room for the loop lane and a few tasks";
        EXPECT_GE(p.code.w, 300);
    }
}

TEST(PanelLayout, CodeShowsElevenLinesOrMoreAtProjectorSizes) {
    // 1080p at 2x, 4K at 3x, 720p at 1x: the line height is the font size (17 px at 1x).
    // 1080p at 2x is the tightest (32 lines of text high): 11 lines of code beside state,
    // narration and output, above a timeline with room for four lanes; the others show 16+.
    for (auto [w, h, line] : {std::tuple{1920.f, 1080.f, 34.f}, {3840.f, 2160.f, 51.f}, {1280.f, 720.f, 17.f}, {1920.f, 1080.f, 17.f}}) {
        const auto p = layout_panels(w, h, line, true);
        // Tabs, padding and a scroll bar (and the title bar, but in short windows) take about 3 (4.3)
        // lines; a code line is 1.24 text lines.
        const float code_lines = (p.code.h - (short_window(h, line) ? 3.0f : 4.3f) * line) / (line * 1.24f);
        EXPECT_GE(code_lines, line == 34.f ? 11 : 16) << w << "x" << h << " at line height " << line;
        EXPECT_GE(p.narration.h, line * 4) << "the narration still has room for a sentence";
        EXPECT_GE(p.timeline.h, line * 9) << "legend, axis and a few lanes";
    }
}

TEST(PanelLayout, ANarrowWindowShowsTheLessonsAsAStrip) {
    const auto narrow = layout_panels(1920, 1080, 34, true);  // 1080p at 2x: 56 lines wide
    EXPECT_TRUE(narrow_window(1920, 34));
    EXPECT_LT(narrow.browser.w, 34 * 5);
    EXPECT_GT(narrow.browser.w, 34 * 2);
    const auto wide = layout_panels(1920, 1080, 17, true);
    EXPECT_FALSE(narrow_window(1920, 17));
    EXPECT_GE(wide.browser.w, 17 * 10);
}

TEST(PanelLayout, HidingTheBrowserGivesItsSpaceToTheCode) {
    const auto with = layout_panels(1280, 720, 17, true);
    const auto without = layout_panels(1280, 720, 17, false);
    EXPECT_EQ(without.browser.w, 0);
    EXPECT_GT(without.code.w, with.code.w);
}

}  // namespace
}  // namespace loopscope::gui
