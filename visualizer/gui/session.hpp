// One open lesson run: the lesson, its knob values, the trace it produced and the indexes built
// over it (snapshots, timeline). Rebuilt from scratch when the lesson or a knob changes.
// A run without a lesson (a saved trace, the user's own script) carries the text of the file its
// sites name instead (attach_source).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "loopscope/lessons/lesson.hpp"
#include "loopscope/snapshot.hpp"
#include "loopscope/trace.hpp"
#include "timeline_model.hpp"

namespace loopscope::gui {

struct session {
    const lessons::lesson* lesson = nullptr;
    lessons::knob_values knobs;
    std::unique_ptr<const trace> data;           // heap: the indexes below point into it
    std::unique_ptr<const state_index> states;
    std::unique_ptr<const timeline_model> timeline;
    std::vector<std::string> texts;     // per lesson source: its text at these knob values
    // Where this run shows the lesson's notes and quizzes, and each quiz's right choice in it:
    // away from the default knobs only those the trace still supports (lesson::place).
    lessons::placement placed;
    lessons::source_text own_source;    // no lesson: the file the sites name (.file), its text; empty if unread

    [[nodiscard]] bool has_own_source() const { return !lesson && !own_source.file.empty(); }

    [[nodiscard]] bool empty() const { return !data || data->size() == 0; }
    [[nodiscard]] event_index last() const { return empty() ? 0 : static_cast<event_index>(data->size() - 1); }
};

// Runs the lesson with these knobs and indexes the trace.
[[nodiscard]] session open_session(const lessons::lesson& l, lessons::knob_values knobs);
// Same, from a ready-made trace (tests, files).
[[nodiscard]] session open_trace(trace t, const lessons::lesson* l = nullptr);

// For a run without a lesson: reads the file the trace's sites name (the one named most often,
// `preferred` when it is among them) into own_source. Returns "" or why it could not be read.
std::string attach_source(session& s, const std::filesystem::path& preferred = {});

// The text of line `line` (1-based) of `text`, without indentation; empty if out of range.
[[nodiscard]] std::string_view line_of(std::string_view text, int line);
// The line of `lang`'s text that site s stands for (0: none). Uses lesson::line_for, and for
// lessons outside the registry (the demo) reads the `// py N` / `// js N` markers of the C++ text.
// Without a lesson: the site's own line when it is in own_source's file (`lang` is not used).
[[nodiscard]] int source_line(const session& s, lessons::language lang, site_id site);
// The Python (else first) source line that site s stands for, trimmed: for narration.
[[nodiscard]] std::string code_for_site(const session& s, site_id site);

// All lessons: the registered ones, or the demo when none are registered yet.
[[nodiscard]] std::vector<const lessons::lesson*> available_lessons();
[[nodiscard]] const lessons::lesson* find_available_lesson(std::string_view id);

}  // namespace loopscope::gui
