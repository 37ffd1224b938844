// Saving and loading traces: the versioned binary format of docs/trace-format.md.
//
// Loading never trusts the file: every count, offset and reference is checked, and a bad file
// gives an error that names the byte offset and the reason, never a crash.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "loopscope/trace.hpp"

namespace loopscope {

inline constexpr std::uint32_t trace_format_version = 1;

struct trace_load_result {
    std::optional<loopscope::trace> trace;
    std::string error;  // set when trace is empty: "byte 120 (section EVTS): event 3 has unknown kind 77"
    explicit operator bool() const { return trace.has_value(); }
};

// The file's bytes, ready to write.
[[nodiscard]] std::string serialize_trace(const trace& t);
// Parses bytes produced by serialize_trace (or by the Python tracer).
[[nodiscard]] trace_load_result parse_trace(std::span<const std::byte> bytes);

// Writes atomically: a temporary file in the same folder, then rename, so a crash never leaves a
// half-written trace and never clobbers the old one. Returns an error message, or "" on success.
[[nodiscard]] std::string save_trace(const trace& t, const std::filesystem::path& path);
[[nodiscard]] trace_load_result load_trace(const std::filesystem::path& path);

// Files larger than this are refused before reading (a trace of 60 million events).
inline constexpr std::uintmax_t max_trace_file_bytes = std::uintmax_t{1} << 30;

// Writes `content` to `path` atomically (temp file + rename). Returns "" or an error message.
[[nodiscard]] std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace loopscope
