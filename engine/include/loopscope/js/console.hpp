// console.log: what a JS scenario prints, captured like print() (one output event per line), with
// Node's formatting (util.format: strings bare, other values through util.inspect, %s / %d / %i / %f).
#pragma once

#include <source_location>
#include <vector>

#include "loopscope/js/inspect.hpp"
#include "loopscope/js/node_loop.hpp"

namespace loopscope::js {

// console.log's first argument, with the line that logged (a default argument of a converting
// constructor is evaluated where the conversion happens: at the call).
struct log_argument {
    format_arg arg;
    std::source_location where;
    template <class T>
    log_argument(const T& v, std::source_location loc = std::source_location::current())  // NOLINT: implicit on purpose
        : arg(format_arg::of(v)), where(loc) {}
};

struct console_t {
    template <class... R>
    void log(log_argument first, const R&... rest) const {
        std::vector<format_arg> args{std::move(first.arg), format_arg::of(rest)...};
        node_loop& loop = node_loop::current();
        loop.print(format(args), loop.site_of(first.where));
    }
    void log(std::source_location where = std::source_location::current()) const {
        node_loop& loop = node_loop::current();
        loop.print("", loop.site_of(where));
    }
};
inline constexpr console_t console{};

}  // namespace loopscope::js
