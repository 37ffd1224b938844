#include "compare_model.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

// Per event of t: its virtual time and where it falls inside its instant (0 <= f < 1).
struct instant_key {
    double time, fraction;
};

std::vector<instant_key> keys_of(const trace& t) {
    std::vector<instant_key> keys(t.size());
    event_index first = 0;
    while (first < t.size()) {
        const double time = t.time_at(first);
        event_index end = first + 1;
        while (end < t.size() && t.time_at(end) == time) ++end;
        const double n = static_cast<double>(end - first);
        for (event_index i = first; i < end; ++i) keys[i] = {time, static_cast<double>(i - first) / n};
        first = end;
    }
    return keys;
}

}  // namespace

compare_model::compare_model(compare_side a, compare_side b) : sides_{std::move(a), std::move(b)} {
    for (const auto& s : sides_)
        if (s.run.empty()) throw std::invalid_argument(fmt::format("the run '{}' has no events to compare", s.label));
    const auto ka = keys_of(*sides_[0].run.data), kb = keys_of(*sides_[1].run.data);
    order_.reserve(ka.size() + kb.size());
    step_of_[0].resize(ka.size());
    step_of_[1].resize(kb.size());
    std::size_t i = 0, j = 0;
    while (i < ka.size() || j < kb.size()) {
        // Earlier time first; inside one instant, the earlier share of it; on a tie, run A.
        const bool take_a = j == kb.size() || (i < ka.size() && (ka[i].time < kb[j].time ||
                                                                  (ka[i].time == kb[j].time && ka[i].fraction <= kb[j].fraction)));
        if (take_a) {
            step_of_[0][i] = static_cast<std::uint32_t>(order_.size());
            order_.push_back({0, static_cast<event_index>(i++)});
        } else {
            step_of_[1][j] = static_cast<std::uint32_t>(order_.size());
            order_.push_back({1, static_cast<event_index>(j++)});
        }
    }
}

double compare_model::span() const { return std::max(total_time(0), total_time(1)); }

double compare_model::time_of(std::size_t k) const {
    const auto s = order_[std::min(k, order_.size() - 1)];
    return side(s.side).run.data->time_at(s.event);
}

event_index compare_model::shown(int i, std::size_t k) const {
    const auto& steps = step_of_[static_cast<std::size_t>(i)];
    const auto it = std::upper_bound(steps.begin(), steps.end(), k);
    return it == steps.begin() ? 0 : static_cast<event_index>(it - steps.begin() - 1);
}

std::size_t compare_model::step_of(int i, event_index e) const {
    const auto& steps = step_of_[static_cast<std::size_t>(i)];
    return steps[std::min<std::size_t>(e, steps.size() - 1)];
}

std::size_t compare_model::step_at_time(double t) const {
    std::size_t lo = 0, hi = order_.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (time_of(mid) < t) lo = mid + 1; else hi = mid;
    }
    return std::min(lo, order_.size() - 1);
}

const char* to_string(compare_kind k) {
    switch (k) {
        case compare_kind::presets: return "presets";
        case compare_kind::javascript: return "Python vs JavaScript";
        case compare_kind::before_after: return "before vs after";
    }
    return "?";
}

std::string describe_knobs(const lessons::lesson& l, const lessons::knob_values& k, const lessons::knob_values& base) {
    std::string out;
    for (const auto& kn : l.knobs) {
        auto value = [&](const lessons::knob_values& kv) {
            const auto it = kv.find(kn.id);
            return it == kv.end() ? kn.value : it->second;
        };
        const double v = value(k);
        if (v == value(base)) continue;
        if (!out.empty()) out += ", ";
        out += kn.is_choice() ? fmt::format("{}: {}", kn.label, kn.choices[kn.choice_index(v)])
                              : fmt::format("{} = {}", kn.label, lessons::python_literal(v));
    }
    return out;
}

std::vector<compare_kind> compare_kinds(const lessons::lesson& l) {
    std::vector<compare_kind> out;
    if (l.compare.size() >= 2) out.push_back(compare_kind::presets);
    if (l.run_js) out.push_back(compare_kind::javascript);
    return out;
}

namespace {

session js_session(const lessons::lesson& l, const lessons::knob_values& k) {
    session s = open_trace(l.run_js(k).trace);
    s.lesson = &l;
    s.knobs = k;
    for (const auto& src : l.sources) s.texts.push_back(l.source_for(src.lang, k));
    return s;
}

}  // namespace

std::vector<std::string> knobs_set_by_runs(const lessons::lesson& l, const compare_request& r) {
    std::vector<std::string> ids;
    if (r.kind != compare_kind::presets || r.a >= l.compare.size() || r.b >= l.compare.size()) return ids;
    for (const auto& k : l.knobs)
        if (l.compare[r.a].knobs.contains(k.id) || l.compare[r.b].knobs.contains(k.id)) ids.push_back(k.id);
    return ids;
}

std::optional<compare_model> make_compare(const lessons::lesson& l, const lessons::knob_values& current,
                                          const compare_request& r, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<compare_model> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    compare_side a, b;
    switch (r.kind) {
        case compare_kind::presets: {
            if (l.compare.size() < 2)
                return fail(fmt::format("lesson '{}' declares no runs to compare (\"compare\" in its lesson.json)", l.id));
            if (r.a >= l.compare.size() || r.b >= l.compare.size() || r.a == r.b)
                return fail(fmt::format("lesson '{}' has compare presets 0 to {}; pick two different ones", l.id, l.compare.size() - 1));
            auto side_for = [&](const lessons::compare_preset& p) {
                lessons::knob_values k = current;
                for (const auto& [id, v] : p.knobs) k[id] = v;
                return compare_side{p.label, describe_knobs(l, k, l.default_knobs()), open_session(l, k)};
            };
            a = side_for(l.compare[r.a]);
            b = side_for(l.compare[r.b]);
            break;
        }
        case compare_kind::javascript: {
            if (!l.run_js) return fail(fmt::format("lesson '{}' has no JavaScript twin to compare with", l.id));
            const std::string knobs = describe_knobs(l, current, l.default_knobs());
            a = {"Python (asyncio)", knobs, open_session(l, current)};
            b = {"JavaScript (Node)", knobs, js_session(l, current)};
            break;
        }
        case compare_kind::before_after: {
            if (r.before == current) return fail("change a knob first: before and after are the same run");
            a = {"before", describe_knobs(l, r.before, current), open_session(l, r.before)};
            b = {"after", describe_knobs(l, current, r.before), open_session(l, current)};
            break;
        }
    }
    if (a.run.empty() || b.run.empty()) return fail("one of the runs produced no events");
    return compare_model(std::move(a), std::move(b));
}

}  // namespace loopscope::gui
