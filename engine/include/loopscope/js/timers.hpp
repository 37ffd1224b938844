// Node's timers and microtask queue: setTimeout, setInterval, their clear functions, queueMicrotask,
// and the `new Promise(resolve => setTimeout(resolve, ms))` sleep idiom.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "loopscope/js/inspect.hpp"
#include "loopscope/js/promise.hpp"

namespace loopscope::js {

namespace detail {
template <class F>
struct is_resolver : std::false_type {};
template <class T>
struct is_resolver<resolver<T>> : std::true_type {};

template <class F>
std::string timer_label(std::string_view kind, double ms) {
    return std::string(kind) + (is_resolver<F>::value ? "(resolve, " : "(callback, ") + number_to_string(ms) + ")";
}
}  // namespace detail

// setTimeout(fn, ms, ...args): fn(args...) runs as a macrotask after max(1, ms) milliseconds.
template <class F, class... A>
timeout_ref setTimeout(F fn, double ms = 0, A... args) {
    return node_loop::current().set_timer([fn = std::move(fn), args...]() mutable { fn(args...); }, ms, false,
                                          detail::timer_label<F>("setTimeout", ms));
}
inline void clearTimeout(const timeout_ref& t) { node_loop::current().clear_timer(t); }

// setInterval(fn, ms, ...args): every max(1, ms) milliseconds until clearInterval.
template <class F, class... A>
timeout_ref setInterval(F fn, double ms = 0, A... args) {
    return node_loop::current().set_timer([fn = std::move(fn), args...]() mutable { fn(args...); }, ms, true,
                                          detail::timer_label<F>("setInterval", ms));
}
inline void clearInterval(const timeout_ref& t) { node_loop::current().clear_timer(t); }

// queueMicrotask(fn): fn runs once the current macrotask and the microtasks before it are done.
// If it throws, that is an uncaught exception (the run stops, as Node's process would exit).
template <class F>
void queueMicrotask(F fn) {
    node_loop::current().queue_microtask([fn = std::move(fn)]() mutable { fn(); }, "queueMicrotask callback");
}

// delay(ms) is new Promise(resolve => setTimeout(resolve, ms)): the sleep idiom of JavaScript.
inline promise<void> delay(double ms) {
    return new_promise<void>([ms](resolver<void> resolve) { setTimeout(resolve, ms); },
                             "new Promise(resolve => setTimeout(resolve, " + number_to_string(ms) + "))");
}

}  // namespace loopscope::js
