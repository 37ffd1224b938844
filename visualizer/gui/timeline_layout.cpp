#include "timeline_layout.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <span>

#include <fmt/format.h>

namespace loopscope::gui {

double nice_step(double min_step) {
    if (!(min_step > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(min_step)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= min_step) return m * p;
    return 10 * p;
}

std::string segment_text(const trace& t, const lane& l, const segment& s) {
    const auto label = t.string(s.label < t.strings().size() ? s.label : 0);
    switch (s.kind) {
        case segment_kind::suspended:
            if (label.empty()) return "waiting";
            // JavaScript labels already read "await Promise.all(...)"; don't say "await" twice.
            return label.starts_with("await ") ? std::string(label) : fmt::format("await {}", label);
        case segment_kind::ready: return "ready";
        case segment_kind::blocking: return "BLOCKING the loop";
        case segment_kind::finished:
            switch (static_cast<outcome>(s.detail)) {
                case outcome::result: return label.empty() ? std::string("done") : fmt::format("returned {}", label);
                case outcome::exception: return label.empty() ? std::string("raised") : fmt::format("raised {}", label);
                case outcome::cancelled: return "cancelled";
            }
            return "done";
        case segment_kind::loop_step: return std::string(t.task_name(s.who));
        case segment_kind::loop_idle: return "waiting for a timer";
        case segment_kind::running:
        case segment_kind::loop_busy: break;
    }
    (void)l;
    return {};
}

namespace {

struct mapping {
    mapping(const axis_window& window, const timeline_geometry& geo)
        : w(window), g(geo), px_per_unit(static_cast<double>(geo.width) / window.width()) {}
    const axis_window& w;
    const timeline_geometry& g;
    double px_per_unit;
    [[nodiscard]] float px(double x) const { return g.left + static_cast<float>((x - w.begin) * px_per_unit); }
    [[nodiscard]] double at(float p) const { return w.begin + static_cast<double>(p - g.left) / g.width * w.width(); }
};

void layout_ticks(const trace& t, const axis& ax, const mapping& m, const timeline_geometry& geo, timeline_layout& out) {
    const float min_gap = 90;  // pixels between labelled ticks
    const float right = geo.left + geo.width;
    const double units_per_px = m.w.width() / geo.width;
    if (ax.mode() == axis_mode::step || ax.mode() == axis_mode::time) {
        const double step = nice_step(units_per_px * min_gap);
        const double minor = step / 5;
        for (double v = std::ceil(m.w.begin / minor) * minor; v <= m.w.end; v += minor) {
            const float x = m.px(v);
            if (x < geo.left || x > right) continue;
            const bool major = std::fabs(std::remainder(v, step)) < minor * 0.01;
            std::string text;
            if (major) text = ax.mode() == axis_mode::step ? fmt::format("#{:.0f}", v) : fmt::format("{:g} s", v);
            out.ticks.push_back({x, major, std::move(text)});
        }
        return;
    }
    // Hybrid: time is not linear, so mark the moments the clock moved (epochs), spaced out.
    const auto epochs = t.times();
    const event_index first_visible = ax.event_at(m.w.begin);
    auto it = std::lower_bound(epochs.begin(), epochs.end(), first_visible,
                               [](const time_epoch& e, event_index v) { return e.first < v; });
    if (it != epochs.begin() && (it == epochs.end() || it->first > first_visible)) --it;
    while (it != epochs.end()) {
        const float x = std::max(m.px(ax.position(it->first)), geo.left);
        if (x > right) break;
        out.ticks.push_back({x, true, fmt::format("t = {:g} s", it->time)});
        const event_index skip_to = ax.event_at(m.at(x + min_gap));
        auto next = std::lower_bound(it + 1, epochs.end(), skip_to,
                                     [](const time_epoch& e, event_index v) { return e.first < v; });
        if (next == it) ++next;
        it = next;
    }
}


// The clock time of increasing event indices: remembers the current epoch's event range, so the
// time-based axes need no search per record (a tight loop asks this for every record it reads).
class epoch_cursor {
public:
    explicit epoch_cursor(std::span<const time_epoch> epochs) : epochs_(epochs) {}
    double operator()(event_index i) {
        if (i >= lo_ && i < hi_) return time_;
        seek(i);
        return time_;
    }

    // The first event from a whose time makes `late` true (no_event: none), for a `late` that
    // stays true once it is: a forward search over the epochs from a's.
    template <class Late>
    event_index first_where(event_index a, Late late) {
        if (late((*this)(a))) return a;
        std::size_t lo = epochs_.empty() || a < epochs_.front().first ? 0 : at_ + 1;  // the next epoch
        const std::size_t n = epochs_.size();
        std::size_t hi = lo;
        for (std::size_t step = 1; hi < n && !late(epochs_[hi].time); step *= 2) {
            lo = hi + 1;
            hi = std::min(n, hi + step);
        }
        while (lo < hi) {  // the first late epoch is in [lo, hi]
            const std::size_t mid = lo + (hi - lo) / 2;
            if (late(epochs_[mid].time)) hi = mid;
            else lo = mid + 1;
        }
        return lo < n ? epochs_[lo].first : no_event;
    }

private:
    void seek(event_index i) {
        if (epochs_.empty()) {
            lo_ = 0, hi_ = no_event, time_ = 0;
            return;
        }
        const bool after_current = at_ < epochs_.size() && epochs_[at_].first <= i;
        std::size_t lo = 0, hi = epochs_.size();
        if (after_current) {
            // Forward jumps (a zoomed-out lane skips many epochs per record) search outwards from
            // the current epoch, so a jump costs the log of its length, not of the trace.
            lo = at_ + 1;
            for (std::size_t step = 1; lo + step < hi; step *= 2) {
                if (i < epochs_[lo + step].first) {
                    hi = lo + step;
                    break;
                }
                lo += step;
            }
        }
        const auto it = std::upper_bound(epochs_.begin() + static_cast<std::ptrdiff_t>(lo),
                                         epochs_.begin() + static_cast<std::ptrdiff_t>(hi), i,
                                         [](event_index v, const time_epoch& e) { return v < e.first; });
        if (it == epochs_.begin()) {  // before the first epoch: time 0, up to it
            lo_ = 0, hi_ = epochs_.front().first, time_ = 0;
            return;
        }
        at_ = static_cast<std::size_t>(it - epochs_.begin()) - 1;
        lo_ = epochs_[at_].first;
        hi_ = at_ + 1 < epochs_.size() ? epochs_[at_ + 1].first : no_event;
        time_ = epochs_[at_].time;
    }
    std::span<const time_epoch> epochs_;
    std::size_t at_ = 0;
    event_index lo_ = 1, hi_ = 0;  // events [lo_, hi_) are at time_ (empty: nothing cached yet)
    double time_ = 0;
};

// Axis positions of increasing event indices, one type per axis so the walker's loop has no
// branch on the mode. (hi_ = no_event stands for "to the end": positions past the last event
// use the last epoch's time, as the layout always did.)
// narrow_until(a, n, px): the first b from which n events inside events [a, b) may be two pixels
// wide (an upper bound of their width in axis units, times px per unit, reaches 1.99);
// narrowest(n): a lower bound of the width of n events.
struct step_positions {
    step_positions(const trace&, const axis&) {}
    double operator()(event_index i) const { return static_cast<double>(i); }
    static event_index narrow_until(event_index a, event_index n, double px) {
        return static_cast<double>(n) * px < 1.99 ? no_event : a;
    }
    double ahead(event_index i) const { return static_cast<double>(i); }
    static double narrowest(event_index n) { return static_cast<double>(n); }
};
struct time_positions {
    time_positions(const trace& t, const axis&) : time(t.times()), from(t.times()), to(t.times()) {}
    double operator()(event_index i) { return time(i); }
    event_index narrow_until(event_index a, event_index, double px) {
        const double t0 = from(a);
        return to.first_where(a, [&](double tb) { return !((tb - t0) * px < 1.99); });
    }
    double ahead(event_index i) { return to(i); }  // operator() with the cursor narrow_until moves
    static double narrowest(event_index) { return 0; }
    epoch_cursor time, from, to;
};
struct hybrid_positions {
    hybrid_positions(const trace& t, const axis& ax) : time(t.times()), from(t.times()), to(t.times()), weight(ax.time_weight()) {}
    double operator()(event_index i) { return static_cast<double>(i) + weight * time(i); }
    event_index narrow_until(event_index a, event_index n, double px) {
        const double t0 = from(a);
        return to.first_where(a, [&](double tb) { return !((static_cast<double>(n) + weight * (tb - t0)) * px < 1.99); });
    }
    double ahead(event_index i) { return static_cast<double>(i) + weight * to(i); }
    static double narrowest(event_index n) { return static_cast<double>(n); }
    epoch_cursor time, from, to;
    double weight;
};

// floor / ceil for pixel coordinates: the library calls are not inlined without SSE4.1, and the
// walker takes one per record. Exact for |x| < 2^23 (larger floats are whole numbers anyway).
// Branch-free on the common path: whether a record starts a new column is not predictable.
inline float floor_px(float x) {
    if (!(std::fabs(x) < 8388608.0f)) [[unlikely]] return std::floor(x);
    const auto t = static_cast<float>(static_cast<std::int32_t>(x));
    return t - static_cast<float>(t > x);
}
inline float ceil_px(float x) {
    if (!(std::fabs(x) < 8388608.0f)) [[unlikely]] return std::ceil(x);
    const auto t = static_cast<float>(static_cast<std::int32_t>(x));
    return t + static_cast<float>(t < x);
}

// One lane: walks its coarsest level, refining only records wider than a pixel, so the records
// read are about the pixels shown; sub-pixel records starting in one pixel column merge.
template <class Positions>
class lane_walker {
public:
    lane_walker(const lane& l, std::uint32_t index, float y0, float y1, const mapping& m, const Positions& pos,
                std::vector<draw_rect>& rects)
        : l_(l), segs_(l.segments.data()), index_(index), y0_(y0), y1_(y1), left_(m.g.left), right_(m.g.left + m.g.width),
          begin_(m.w.begin), px_per_unit_(m.px_per_unit), pos_(pos), rects_(rects) {}

    // Returns the number of records read.
    std::size_t walk(event_index a, event_index b, bool uniform_runs) {
        // Zoomed in so far that the finest level's records are two pixels wide: the walk refines
        // them into segments, no run can be taken whole (and trying costs).
        uniform_runs_ = uniform_runs && !l_.lod.empty() &&
                        Positions::narrowest(event_index{1} << l_.lod.front().shift) * px_per_unit_ < 1.99;
        view_a_ = a;
        view_b_ = b;
        if (!l_.lod.empty()) {
            lane_begin_ = l_.lod.front().records.front().begin;
            lane_end_ = l_.lod.front().records.back().begin;
        }
        level(static_cast<int>(l_.lod.size()) - 1, a, b);
        flush();
        return read_;
    }

private:
    // Records tile the lane, so each one begins where the last ended: remember that pixel.
    float px(event_index i) {
        if (i != last_event_) {
            last_event_ = i;
            last_px_ = left_ + static_cast<float>((pos_(i) - begin_) * px_per_unit_);
        }
        return last_px_;
    }

    // px() of an event far ahead, without moving the clock cursor px() follows along the lane.
    float px_ahead(event_index i) { return left_ + static_cast<float>((pos_.ahead(i) - begin_) * px_per_unit_); }

    // First j in [from, n) with !before(j), for a `before` true on a prefix: the walk only moves
    // forward, so search outwards from where the last search ended, not from the start.
    template <class Before>
    static std::size_t gallop(std::size_t from, std::size_t n, Before before) {
        if (from > n || (from > 0 && !before(from - 1))) from = 0;  // behind us (not expected): from the start
        std::size_t lo = from, hi = from, step = 1;
        while (hi < n && before(hi)) {
            lo = hi + 1;
            hi = from + step;
            step *= 2;
        }
        hi = std::min(hi, n);
        while (lo < hi) {  // the answer is in [lo, hi]
            const std::size_t mid = lo + (hi - lo) / 2;
            if (before(mid)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    void level(int lv, event_index a, event_index b) {
        std::size_t& hint = hint_[static_cast<std::size_t>(lv + 1)];
        if (lv < 0) {
            const std::size_t n = l_.segments.size();
            std::size_t k = hint = gallop(hint, n, [&](std::size_t j) { return segs_[j].end <= a; });
            for (; k < n && segs_[k].begin < b; ++k, ++read_)
                plain(static_cast<std::uint32_t>(k), std::max(segs_[k].begin, a), std::min(segs_[k].end, b));
            hint = k == 0 ? 0 : k - 1;
            return;
        }
        const auto& level_records = l_.lod[static_cast<std::size_t>(lv)].records;
        const lod_record* recs = level_records.data();
        const std::size_t n = level_records.size() - 1;  // the last is the sentinel
        // The record holding a: the last one that begins at or before it.
        std::size_t i = gallop(hint, n, [&](std::size_t j) { return recs[j].begin <= a; });
        i = hint = i == 0 ? 0 : i - 1;
        for (; i < n && recs[i].begin < b; ++i, ++read_) {
            if (recs[i + 1].begin <= taken_) {  // taken whole by a run (which may have begun under another record)
                i = gallop(i + 1, n, [&](std::size_t j) { return recs[j + 1].begin <= taken_; });
                if (i >= n || recs[i].begin >= b) break;
            }
            const lod_record& r = recs[i];
            const event_index rb = r.begin, re = recs[i + 1].begin;
            const event_index lo = std::max(a, taken_);  // what is left to lay out begins here
            if (r.plain()) {
                const event_index ca = std::max(rb, lo), cb = std::min(re, b);
                if (ca < cb) plain(r.first_segment, ca, cb);
            } else if (rb < lo || re > b) {
                const event_index ca = std::max(rb, lo), cb = std::min(re, b);
                // Cut by the view's edge (its summary would overstate) or by the end of a run.
                if (ca < cb) level(lv - 1, ca, cb);
            } else if (r.uniform && uniform_runs_ && !(open_ && floor_px(px(rb)) == col_) && uniform_run(lv, i)) {
                // Taken whole up to taken_; the records it covered are skipped above. (A run's first
                // column must start afresh: checked before the call, the usual reason not to try.)
            } else {
                const float p0 = px(rb), p1 = px(re);
                // Up to two pixels: shown where it is, as one merged column (levels are 4x apart,
                // so refining instead would read up to 8 records per pixel).
                if (p1 - p0 < 2.0f) sub_pixel(r, rb, re, p0, p1);
                else level(lv - 1, rb, re);
            }
        }
        hint = i == 0 ? 0 : i - 1;
    }

    // ---- Uniform runs ----
    // Uniform records with one look show as one merged band however the pixel columns cut them
    // (their columns all look the same and extend each other), so nothing inside them needs
    // reading: only the first column, which must start afresh, and the last, which stays open for
    // what follows. A run starts at record i of level lv, which the walk reads whole, and takes
    // the records that follow at that level or, where a whole coarser record matches, at the
    // coarser one: it may reach past the record the walk is refining (clock jumps on the hybrid
    // axis cut those every ~100 px), so the levels above skip what it took (taken_). It ends only
    // where the walk would end a piece (piece_before). Returns false if it cannot be taken (then
    // the walk reads the record as usual and tries again further down).
    bool uniform_run(int lv, std::size_t i) {
        const lod_record& first = records(lv)[i];
        const event_index start = first.begin;
        // A run tried from an earlier record of this level stopped further on and did not pay:
        // one from here would stop there too, and be shorter.
        if (start < no_run_before_ && lv == no_run_level_) return false;
        const float p_start = px(start);
        // No record in the run may be refined down to segments: the finest level's records must
        // stay below two pixels (on the time axes a clock jump can widen one). The bound grows
        // with the run's end: the last end that keeps it.
        const auto finest = static_cast<event_index>(event_index{1} << l_.lod.front().shift);
        const event_index narrow_until = pos_.narrow_until(start, finest, px_per_unit_);
        if (records(lv)[i + 1].begin >= narrow_until) return false;
        // Worth it only when the run covers several columns: finding its last column reads
        // about as many records as a few columns would.
        if (px_ahead(std::min(narrow_until, view_b_)) - p_start < 4.0f) return false;
        const std::size_t read_before = read_, descents_before = descents_;
        auto fits = [&](const lod_record& r, event_index end) {
            ++read_;
            return r.uniform && r.kinds == first.kinds && r.who == first.who && r.look == first.look && end <= view_b_ &&
                   end < narrow_until;
        };
        // The run's records, in order, each at its level.
        struct part {
            int level;
            std::size_t index;
        };
        std::array<part, 64> parts;
        std::size_t count = 0;
        const int top = static_cast<int>(l_.lod.size()) - 1;
        int lv_at = lv;
        parts[count++] = {lv, i};
        std::size_t k = i + 1;
        event_index p = records(lv)[k].begin;  // records(lv_at)[k] begins here
        event_index climb_from = p;  // not back up into a record the scan came down from
        while (count < parts.size() && p < lane_end_) {
            // A coarser record that begins here and matches as a whole is taken as one: always
            // where the walk would read it whole (under two pixels), else once the run is long
            // enough that it is likely to (most runs are short).
            bool climbed = false;
            while (lv_at < top && p >= climb_from) {
                const auto up_shift = l_.lod[static_cast<std::size_t>(lv_at + 1)].shift;
                if ((p & ((event_index{1} << up_shift) - 1)) != 0) break;
                if (count < 3) {
                    const auto up_end = std::min<std::uint64_t>(std::uint64_t{p} + (std::uint64_t{1} << up_shift), lane_end_);
                    if (refined(p, static_cast<event_index>(up_end))) break;
                }
                const std::size_t up = locate(lv_at + 1, p);
                const auto& ups = records(lv_at + 1);
                if (ups[up].begin != p || !fits(ups[up], ups[up + 1].begin)) break;
                ++lv_at;
                k = up;
                climbed = true;
            }
            const auto& recs = records(lv_at);
            if (climbed || fits(recs[k], recs[k + 1].begin)) {
                parts[count++] = {lv_at, k};
                p = recs[k + 1].begin;
                ++k;
                continue;
            }
            if (lv_at == lv) break;  // no finer than where it started
            climb_from = recs[k + 1].begin;
            --lv_at;  // the part of this record that matches: its first children
            k = locate(lv_at, p);
        }
        auto end_of = [&](const part& q) { return records(q.level)[q.index + 1].begin; };
        // A run not taken counts only what it found of its last column: its scan looked at the
        // records the walk reads next.
        auto give_up = [&] {
            read_ = read_before + (descents_ - descents_before);
            no_run_before_ = p;
            no_run_level_ = lv;
            return false;
        };
        if (px(end_of(parts[count - 1])) - p_start < 4.0f) return give_up();
        // Worth it only when it saves reads: the walk reads a record under two pixels whole and
        // about one piece per pixel of a wider one; finding the run's ends costs a few records.
        float walk_reads = 0, x = p_start;
        for (std::size_t q = 0; q < count; ++q) {
            const float x1 = px(end_of(parts[q]));
            walk_reads += x1 - x < 2.0f ? 1.0f : x1 - x;
            x = x1;
        }
        if (walk_reads < static_cast<float>(count + 4)) return give_up();
        // The run's last column: it must end where the walk ends a piece and a new column
        // starts, and the pieces the walk would have made in it are found from its end.
        for (int tries = 0; tries < 4 && count > 0; ++tries, --count) {
            const event_index end = end_of(parts[count - 1]);
            const float p_end = px(end);
            if (p_end > right_) continue;
            const piece last = piece_before(end, parts[count - 1].level);
            if (!last.ok) return give_up();
            if (last.end != end) continue;  // the walk reads a piece across it
            const float col = floor_px(px(last.begin));
            if (floor_px(p_end) <= col) continue;  // the next record would join the last column
            std::array<std::uint32_t, state_class_count> last_events = last.events;
            event_index u = last.begin;
            std::uint32_t u_segment = last.first_segment;
            for (int pieces = 0; u > start; ++pieces) {
                const piece before = piece_before(u, last.level);
                if (!before.ok || pieces == 32) return give_up();
                if (floor_px(px(before.begin)) != col) break;
                u = before.begin;
                u_segment = before.first_segment;
                for (std::size_t c = 0; c < state_class_count; ++c) last_events[c] += before.events[c];
            }
            flush();
            if (u > start) {  // every column before the last: extends the run (or starts it)
                lod_record band = first;
                band.last_segment = u_segment;
                band.events = {};
                for (std::size_t q = 0; q < count; ++q) {
                    const lod_record& r = records(parts[q].level)[parts[q].index];
                    for (std::size_t c = 0; c < state_class_count; ++c) band.events[c] += r.events[c];
                }
                for (std::size_t c = 0; c < state_class_count; ++c) band.events[c] -= last_events[c];
                const float x1 = std::min(std::max(px(u), p_start + 1.0f), right_);
                put(band, u, std::max(p_start, left_), x1);
            }
            // The last column stays open, as the walk would have left it.
            open_ = true;
            col_ = col;
            group_ = first;
            group_.begin = u;
            group_.first_segment = u_segment;
            group_.last_segment = last.last_segment;
            group_.events = last_events;
            x0_ = px(u);
            x1_ = p_end;
            end_ = end;
            taken_ = end;
            return true;
        }
        return give_up();
    }

    [[nodiscard]] const std::vector<lod_record>& records(int lv) const { return l_.lod[static_cast<std::size_t>(lv)].records; }

    // The record of level lv holding event e, searched outwards from the last one found there
    // (runs and their last columns look up events close to each other).
    std::size_t locate(int lv, event_index e) {
        const auto& recs = records(lv);
        const std::size_t n = recs.size() - 1;  // the last is the sentinel
        std::size_t& h = locate_hint_[static_cast<std::size_t>(lv)];
        h = std::min(h, n - 1);
        std::size_t lo, hi;  // recs[lo].begin <= e < recs[hi].begin
        if (recs[h].begin <= e) {
            if (recs[h + 1].begin > e) return h;
            lo = h + 1;
            std::size_t step = 1;
            for (hi = lo + 1; hi < n && recs[hi].begin <= e; hi = lo + step) {
                lo = hi;
                step *= 2;
            }
            hi = std::min(hi, n);
        } else {
            if (h == 0) return 0;  // before the lane (not expected)
            hi = h;
            std::size_t step = 1;
            for (lo = hi - 1; lo > 0 && recs[lo].begin > e; lo = hi > step ? hi - step : 0) {
                hi = lo;
                step *= 2;
            }
        }
        while (hi - lo > 1) {
            const std::size_t mid = lo + (hi - lo) / 2;
            (recs[mid].begin <= e ? lo : hi) = mid;
        }
        return h = lo;
    }

    // The piece the walk ends at event x (a record it reads whole, not refining it), searched
    // from level lv: a record is read whole when it is under two pixels wide (levels whose
    // records are two pixels wide are refined) and not cut by the view, and its parent is not.
    struct piece {
        bool ok = false;
        int level = 0;
        event_index begin = 0, end = 0;
        std::uint32_t first_segment = 0, last_segment = 0;
        std::array<std::uint32_t, state_class_count> events{};
    };
    bool refined(event_index rb, event_index re) { return px(re) - px(rb) >= 2.0f || rb < view_a_ || re > view_b_; }
    piece piece_before(event_index x, int lv) {
        const event_index e = x - 1;
        const int top = static_cast<int>(l_.lod.size()) - 1;
        std::size_t k = locate(lv, e);
        for (;;) {
            const auto& recs = records(lv);
            const lod_record& r = recs[k];
            const event_index rb = r.begin, re = recs[k + 1].begin;
            ++read_;
            ++descents_;
            if (r.plain()) return {};
            if (refined(rb, re)) {
                if (lv == 0) return {};  // refined into segments
                k = locate(--lv, e);
                continue;
            }
            if (lv < top) {  // its parent, a mixed record too, is the bucket holding it
                const auto shift = l_.lod[static_cast<std::size_t>(lv + 1)].shift;
                const auto bucket = static_cast<std::uint64_t>(rb >> shift) << shift;
                const auto pb = static_cast<event_index>(std::max<std::uint64_t>(bucket, lane_begin_));
                const auto pe = static_cast<event_index>(std::min<std::uint64_t>(bucket + (std::uint64_t{1} << shift), lane_end_));
                if (!refined(pb, pe)) {
                    k = locate(++lv, e);
                    continue;
                }
            }
            return {true, lv, rb, re, r.first_segment, r.last_segment, r.events};
        }
    }

    void plain(std::uint32_t k, event_index a, event_index b) {
        const segment& s = segs_[k];
        const float p0 = px(a), p1 = px(b);
        lod_record r;
        r.begin = a;
        r.first_segment = r.last_segment = k;
        r.who = s.who;
        r.kinds = kind_bit(s.kind);
        r.events[static_cast<std::size_t>(class_of(s.kind))] = b - a;
        // Drawn on its own only when it covers a whole pixel column; else it is part of the
        // column it starts in (a lane that changes state every pixel becomes one merged band).
        if (ceil_px(p0) >= floor_px(p1)) {
            sub_pixel(r, a, b, p0, p1);
            return;
        }
        flush();
        float x0 = std::max(p0, left_);
        if (prev_ != nullptr) x0 = std::max(x0, prev_->x1);  // after a merged column
        const float x1 = std::max(std::min(p1, right_), std::min(x0 + 1.0f, right_));
        put(r, b, x0, x1);
    }

    void sub_pixel(const lod_record& r, event_index a, event_index b, float p0, float p1) {
        const float col = floor_px(p0);
        if (open_ && col != col_) flush();
        if (!open_) {
            open_ = true;
            col_ = col;
            group_ = r;
            group_.begin = a;
            x0_ = p0;
            x1_ = p1;
        } else {
            group_.last_segment = std::max(group_.last_segment, r.last_segment);
            for (std::size_t c = 0; c < state_class_count; ++c) group_.events[c] += r.events[c];
            group_.kinds |= r.kinds;
            group_.who = group_.who == 0 ? r.who : (r.who == 0 || r.who == group_.who) ? group_.who : several_tasks;
            x1_ = std::max(x1_, p1);
        }
        end_ = b;
    }

    void flush() {
        if (!open_) return;
        open_ = false;
        const float x0 = std::max(x0_, left_);
        const float x1 = std::min(std::max(x1_, x0_ + 1.0f), right_);
        put(group_, end_, x0, std::max(x1, x0));
    }

    // Adds a record, extending the previous one when it shows the same thing right before it
    // (the common case when zoomed out: one merged band per lane, a column at a time).
    void put(const lod_record& r, event_index end, float x0, float x1) {
        const bool merged = !r.plain();
        if (prev_ != nullptr && prev_->end == r.begin && prev_->x1 >= x0 - 0.5f) {
            draw_rect& prev = *prev_;
            const bool same = merged ? prev.merged && prev.kinds == r.kinds && prev.who == r.who &&
                                           prev.kind == dominant_kind(r.events, r.kinds)
                                     : !prev.merged && prev.segment == r.first_segment;
            if (same) {
                prev.x1 = std::max(prev.x1, x1);
                prev.end = end;
                for (std::size_t c = 0; c < state_class_count; ++c) prev.events[c] += r.events[c];
                prev.merged_count = r.last_segment - prev.segment + 1;
                return;
            }
        }
        push(r, end, x0, x1);
    }

    [[gnu::noinline]] void push(const lod_record& r, event_index end, float x0, float x1) {
        const bool merged = !r.plain();
        // Merged records need no segment (a cache miss each on big lanes).
        const segment* first = merged ? nullptr : &segs_[r.first_segment];
        const segment_kind kind = merged ? dominant_kind(r.events, r.kinds) : first->kind;
        const object_id who = merged ? r.who : first->who;
        draw_rect d{x0, y0_, x1, y1_, index_, kind, merged && kind != segment_kind::finished ? std::uint8_t{0}
                                                                                            : segs_[r.last_segment].detail,
                    who, merged, r.segment_count(), r.first_segment};
        d.begin = r.begin;
        d.end = end;
        d.kinds = r.kinds;
        d.events = r.events;
        rects_.push_back(d);
        prev_ = &rects_.back();
    }

    const lane& l_;
    const segment* segs_;
    std::uint32_t index_;
    float y0_, y1_;
    float left_, right_;
    double begin_, px_per_unit_;
    Positions pos_;
    std::array<std::size_t, 34> hint_{};  // per level (+1: the segments): where the last search ended
    bool uniform_runs_ = true;
    std::array<std::size_t, 32> locate_hint_{};  // per level: where locate() last found a record
    event_index view_a_ = 0, view_b_ = 0;         // the events in view
    event_index lane_begin_ = 0, lane_end_ = 0;
    event_index taken_ = 0;                        // events before this are laid out by a run
    event_index no_run_before_ = 0;                // no run is tried from records of no_run_level_ before this
    int no_run_level_ = -1;
    std::size_t descents_ = 0;                     // records read by piece_before()
    std::size_t read_ = 0;
    event_index last_event_ = no_event;
    float last_px_ = 0;
    std::vector<draw_rect>& rects_;
    draw_rect* prev_ = nullptr;  // this lane's last record
    // The open pixel column of sub-pixel records.
    bool open_ = false;
    float col_ = 0, x0_ = 0, x1_ = 0;
    lod_record group_;
    event_index end_ = 0;
};

// Lays out one lane's records over events [a, b) with the positions of axis `ax`.
std::size_t walk_lane(const trace& t, const axis& ax, const lane& l, std::uint32_t index, float y0, float y1, const mapping& m,
                      event_index a, event_index b, bool uniform_runs, std::vector<draw_rect>& rects) {
    switch (ax.mode()) {
        case axis_mode::step:
            return lane_walker<step_positions>(l, index, y0, y1, m, step_positions(t, ax), rects).walk(a, b, uniform_runs);
        case axis_mode::time:
            return lane_walker<time_positions>(l, index, y0, y1, m, time_positions(t, ax), rects).walk(a, b, uniform_runs);
        case axis_mode::hybrid:
            return lane_walker<hybrid_positions>(l, index, y0, y1, m, hybrid_positions(t, ax), rects).walk(a, b, uniform_runs);
    }
    return 0;
}

}  // namespace

timeline_layout layout_timeline(const timeline_model& model, const axis& ax, const axis_window& window,
                                const timeline_geometry& geo, event_index cursor, const measure_text& measure) {
    timeline_layout out;
    layout_timeline(model, ax, window, geo, cursor, measure, out);
    return out;
}

void layout_timeline(const timeline_model& model, const axis& ax, const axis_window& window, const timeline_geometry& geo,
                     event_index cursor, const measure_text& measure, timeline_layout& out) {
    out.lanes.clear();
    out.rects.clear();
    out.labels.clear();
    out.arrows.clear();
    out.ticks.clear();
    out.cursor_x0 = out.cursor_x1 = -1;
    out.arrows_hidden_for_density = false;
    out.any_merged = false;
    out.records_read = 0;
    const trace& t = model.source();
    const float pitch = geo.lane_height + geo.lane_gap;
    const auto lane_count = static_cast<std::uint32_t>(model.lanes().size());
    out.content_height = static_cast<float>(lane_count) * pitch;
    if (t.size() == 0 || window.width() <= 0 || geo.width <= 1 || pitch <= 0) return;

    const mapping m{window, geo};
    const float right = geo.left + geo.width;
    const event_index e0 = ax.event_at(window.begin);
    const event_index e1 = ax.event_at(window.end);
    auto lane_y = [&](std::uint32_t li) { return geo.top + static_cast<float>(li) * pitch - geo.scroll_y; };

    // The width of the last label text measured, by what segment_text() makes it from.
    struct measured_text {
        bool valid = false;
        segment_kind kind = segment_kind::ready;
        std::uint8_t detail = 0;
        object_id who = 0;  // only the loop's step labels name their task
        string_id label = 0;
        float width = -1;  // -1: not measured yet; infinite: no text
        [[nodiscard]] bool same_text(const segment& s) const {
            return s.kind == kind && s.detail == detail && s.label == label && (kind != segment_kind::loop_step || s.who == who);
        }
    } last_text;
    // Only the lanes inside the height (vertical culling): the others cost nothing.
    const auto first_lane = static_cast<std::uint32_t>(std::clamp(std::floor(geo.scroll_y / pitch), 0.0f, static_cast<float>(lane_count)));
    for (std::uint32_t li = first_lane; li < lane_count; ++li) {
        const float y0 = lane_y(li), y1 = y0 + geo.lane_height;
        if (y0 > geo.top + geo.height) break;
        if (y1 < geo.top) continue;
        out.lanes.push_back({li, y0, y1});
        const auto& l = model.lanes()[li];
        const std::size_t lane_first_rect = out.rects.size();
        out.records_read += walk_lane(t, ax, l, li, y0, y1, m, e0, e1 + 1, geo.uniform_runs, out.rects);
        for (std::size_t r = lane_first_rect; r < out.rects.size(); ++r) {
            const draw_rect& d = out.rects[r];
            if (d.merged) {
                out.any_merged = true;
                continue;
            }
            if (!measure || d.x1 - d.x0 < 2 * geo.min_label_gap + 8) continue;
            const segment& s = l.segments[d.segment];
            // Zoomed out, many segments too narrow for their text say the same thing (every task
            // awaiting the same sleep): measure each text once, format it only when it fits.
            if (!last_text.valid || !last_text.same_text(s)) last_text = {true, s.kind, s.detail, s.who, s.label, -1};
            if (last_text.width >= 0 && last_text.width + 2 * geo.min_label_gap > d.x1 - d.x0) continue;
            std::string text = segment_text(t, l, s);
            if (last_text.width < 0) last_text.width = text.empty() ? HUGE_VALF : measure(text);  // empty: no label
            if (last_text.width + 2 * geo.min_label_gap <= d.x1 - d.x0)
                out.labels.push_back({d.x0 + geo.min_label_gap, (y0 + y1) / 2, d.x1 - geo.min_label_gap, li, std::move(text),
                                      static_cast<std::uint32_t>(r)});
        }
    }
    const std::uint32_t last_lane = out.lanes.empty() ? 0 : out.lanes.back().lane;

    // Arrows: only while they stay readable (roughly one per 8 px), else the lanes say enough.
    const auto& arrows = model.arrows();
    auto a0 = std::partition_point(arrows.begin(), arrows.end(), [&](const arrow& a) { return a.to < e0; });
    auto a1 = std::partition_point(a0, arrows.end(), [&](const arrow& a) { return a.to <= e1; });
    if (static_cast<float>(a1 - a0) > geo.width / 8) {
        out.arrows_hidden_for_density = true;
    } else {
        auto centre = [&](event_index i) { return m.px((ax.position(i) + ax.position(i + 1)) / 2); };
        for (auto a = a0; a != a1; ++a) {
            // Vertical culling: both ends above, or both below, the visible lanes.
            if (out.lanes.empty() || std::max(a->from_lane, a->to_lane) < first_lane || std::min(a->from_lane, a->to_lane) > last_lane)
                continue;
            out.arrows.push_back({std::clamp(centre(a->from), geo.left, right), lane_y(a->from_lane) + geo.lane_height / 2,
                                  std::clamp(m.px(ax.position(a->to)), geo.left, right), lane_y(a->to_lane) + geo.lane_height / 2,
                                  a->from_lane, a->to_lane});
        }
    }

    layout_ticks(t, ax, m, geo, out);

    if (cursor < t.size()) {
        float c0 = m.px(ax.position(cursor)), c1 = m.px(ax.position(cursor + 1));
        c1 = std::max(c1, c0 + 2.0f);
        if (c1 >= geo.left && c0 <= right) {
            out.cursor_x0 = std::max(c0, geo.left);
            out.cursor_x1 = std::min(c1, right);
        }
    }
}

int hit_rect(const timeline_layout& layout, float x, float y) {
    for (int i = static_cast<int>(layout.rects.size()) - 1; i >= 0; --i) {
        const auto& r = layout.rects[static_cast<std::size_t>(i)];
        if (x >= r.x0 && x < std::max(r.x1, r.x0 + 1) && y >= r.y0 && y < r.y1) return i;
    }
    return -1;
}

}  // namespace loopscope::gui
