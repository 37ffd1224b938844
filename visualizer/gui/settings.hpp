// Preferences that survive a restart, in $XDG_CONFIG_HOME/loopscope/settings.ini (or
// ~/.config/loopscope/settings.ini): theme, font scale, axis, speed, panels, last lesson.
// The file is written atomically (temp file + rename) so a crash never leaves half a file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "timeline_model.hpp"

namespace loopscope::gui {

enum class theme_kind { light, dark };

struct settings {
    theme_kind theme = theme_kind::light;
    float font_scale = 1.0f;            // 1x .. 3x, fonts are re-rasterized at this size
    axis_mode axis = axis_mode::hybrid;
    float speed = 4.0f;                 // steps per second while playing
    bool show_browser = true;
    std::string last_lesson;
};

inline constexpr float min_font_scale = 1.0f;
inline constexpr float max_font_scale = 3.0f;

[[nodiscard]] std::string serialize(const settings& s);
// Unknown keys and bad values are ignored (keeping defaults): an old or hand-edited file never breaks startup.
[[nodiscard]] settings parse_settings(std::string_view text);

[[nodiscard]] std::filesystem::path settings_path();
[[nodiscard]] settings load_settings(const std::filesystem::path& file);
bool save_settings(const settings& s, const std::filesystem::path& file, std::string* error);

// Writes bytes to `file` via a temp file in the same directory and a rename.
bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, std::string* error);

}  // namespace loopscope::gui
