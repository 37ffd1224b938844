#include "settings.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool parse_float(std::string_view v, float& out) {
    // std::from_chars for float is in libstdc++ 11+; strtof would depend on the locale.
    float x = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc() || p != v.data() + v.size()) return false;
    out = x;
    return true;
}

}  // namespace

std::string serialize(const settings& s) {
    return fmt::format(
        "# loopscope settings (written by the app; safe to edit)\n"
        "[view]\n"
        "theme = {}\n"
        "font_scale = {:.2f}\n"
        "axis = {}\n"
        "speed = {:.2f}\n"
        "show_browser = {}\n"
        "last_lesson = {}\n",
        s.theme == theme_kind::dark ? "dark" : "light", s.font_scale,
        s.axis == axis_mode::step ? "step" : s.axis == axis_mode::time ? "time" : "hybrid", s.speed,
        s.show_browser ? "true" : "false", s.last_lesson);
}

settings parse_settings(std::string_view text) {
    settings s;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = trim(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (line.empty() || line.front() == '#' || line.front() == ';' || line.front() == '[') continue;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        const auto key = trim(line.substr(0, eq));
        const auto value = trim(line.substr(eq + 1));
        float f = 0;
        if (key == "theme") {
            if (value == "dark") s.theme = theme_kind::dark;
            if (value == "light") s.theme = theme_kind::light;
        } else if (key == "font_scale" && parse_float(value, f)) {
            s.font_scale = std::clamp(f, min_font_scale, max_font_scale);
        } else if (key == "axis") {
            if (value == "step") s.axis = axis_mode::step;
            if (value == "time") s.axis = axis_mode::time;
            if (value == "hybrid") s.axis = axis_mode::hybrid;
        } else if (key == "speed" && parse_float(value, f)) {
            s.speed = std::clamp(f, 0.25f, 240.0f);
        } else if (key == "show_browser") {
            s.show_browser = value != "false";
        } else if (key == "last_lesson") {
            s.last_lesson = std::string(value);
        }
    }
    return s;
}

std::filesystem::path settings_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    std::filesystem::path base;
    if (xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::filesystem::path(home) / ".config";
    else base = std::filesystem::temp_directory_path();
    return base / "loopscope" / "settings.ini";
}

settings load_settings(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return parse_settings(text.str());
}

bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, std::string* error) {
    auto fail = [&](std::string what) {
        if (error) *error = std::move(what);
        return false;
    };
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return fail(fmt::format("cannot create {}: {}", file.parent_path().string(), ec.message()));
    const auto temp = std::filesystem::path(file.string() + fmt::format(".tmp{}", ::getpid()));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return fail(fmt::format("cannot write {}: {}", temp.string(), std::strerror(errno)));
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::filesystem::remove(temp, ec);
            return fail(fmt::format("cannot write {}: {}", temp.string(), std::strerror(errno)));
        }
    }
    std::filesystem::rename(temp, file, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return fail(fmt::format("cannot replace {}: {}", file.string(), ec.message()));
    }
    return true;
}

bool save_settings(const settings& s, const std::filesystem::path& file, std::string* error) {
    return write_file_atomically(file, serialize(s), error);
}

}  // namespace loopscope::gui
