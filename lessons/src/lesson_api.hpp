// What a lesson's scenario.cpp includes: the engine plus the knob helpers.
#pragma once

#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "loopscope/lessons/lesson.hpp"
#include "loopscope/loopscope.hpp"

namespace loopscope::lessons {

// A knob's value, or its default when the caller did not set it.
inline double knob_value(const knob_values& k, std::string_view id, double fallback) {
    auto it = k.find(id);
    return it == k.end() ? fallback : it->second;
}

// A choice knob's index (0 = the first choice), or `fallback`.
inline int knob_choice(const knob_values& k, std::string_view id, int fallback) {
    return static_cast<int>(std::lround(knob_value(k, id, fallback)));
}

// A Python number as a knob puts it into the Python text: an int when whole (2), a float otherwise
// (2.5). Arithmetic keeps Python's rules (int * int is an int, float * int a float), and str()/repr()
// print what Python prints: `delay * 2` is 4 for 2 and 5.0 for 2.5.
struct py_num {
    double v = 0;
    bool is_float = false;

    py_num() = default;
    py_num(int i) : v(i) {}  // NOLINT: an int literal is a Python int
    static py_num of(double d) { return py_num(d, d != std::floor(d)); }
    static py_num real(double d) { return py_num(d, true); }  // a Python float, even if whole

    operator double() const { return v; }  // NOLINT: pass it to sleep() etc.
    [[nodiscard]] std::string py_repr() const {
        return is_float ? float_repr(v) : fmt::format("{}", static_cast<long long>(v));
    }
    friend py_num operator*(py_num a, py_num b) { return {a.v * b.v, a.is_float || b.is_float}; }
    friend py_num operator*(py_num a, int b) { return {a.v * b, a.is_float}; }
    friend py_num operator+(py_num a, py_num b) { return {a.v + b.v, a.is_float || b.is_float}; }
    friend py_num operator+(py_num a, int b) { return {a.v + b, a.is_float}; }
    friend py_num operator-(py_num a, py_num b) { return {a.v - b.v, a.is_float || b.is_float}; }
    bool operator==(const py_num& o) const { return v == o.v; }

private:
    py_num(double d, bool f) : v(d), is_float(f) {}
};

// A knob's value as the Python number the text shows (see python_literal).
inline py_num knob_number(const knob_values& k, std::string_view id, double fallback) {
    return py_num::of(knob_value(k, id, fallback));
}

// The options every lesson run uses: virtual clock, traced, titled.
inline loop_options lesson_options(std::string title) {
    loop_options o;
    o.title = std::move(title);
    return o;
}

// For lessons that drive a loop by hand (loop = asyncio.get_event_loop(); loop.run_until_complete(...);
// loop.close()): collects what the loop left behind into a run_result, as asyncio::run does.
inline run_result finish_by_hand(event_loop& loop, std::exception_ptr raised = nullptr) {
    run_result r;
    if (raised) {
        r.error = raised;
        r.error_text = fmt::format("{}: {}", exception_type(raised), exception_str(raised));
        loop.diagnose(diagnostic_kind::unhandled_exception, 0, fmt::format("the program raised {}", r.error_text));
    }
    r.output = loop.output();
    r.diagnostics = loop.diagnostics();
    r.trace = loop.take_trace();
    return r;
}

}  // namespace loopscope::lessons

// In scenario_js.cpp: the JavaScript twin, run with loopscope::js::run (return its run_result).
#define LOOPSCOPE_LESSON_RUN_JS(dir) \
    ::loopscope::run_result run_lesson_js_##dir([[maybe_unused]] const ::loopscope::lessons::knob_values& knobs)
// Defines the function the registry calls to run lesson folder DIR:
// run_result run_lesson_DIR(knobs). Return asyncio::run(...) (or lessons::finish_by_hand(loop)).
#define LOOPSCOPE_LESSON_RUN(dir) \
    ::loopscope::run_result run_lesson_##dir([[maybe_unused]] const ::loopscope::lessons::knob_values& knobs)
