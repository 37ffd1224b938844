// Settings persistence: plain data, no window.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace loopscope::gui
