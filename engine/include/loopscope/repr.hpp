// Python's repr() and str() for the values scenarios pass around, so that printing a list of
// results reads exactly as CPython prints it: ['Task A completed', 'Task B completed'].
#pragma once

#include <cmath>
#include <concepts>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace loopscope {

// A Python None.
struct none_t {
    bool operator==(const none_t&) const = default;
};
inline constexpr none_t none{};

// A Python float: repr prints the shortest text that round-trips, with ".0" for whole numbers.
std::string float_repr(double v);
std::string string_repr(std::string_view s);
std::string exception_repr(const std::exception_ptr& e);  // ValueError('boom')
std::string exception_str(const std::exception_ptr& e);   // boom
std::string exception_type(const std::exception_ptr& e);  // ValueError

template <class T>
std::string repr(const T& v);

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... T>
struct is_variant<std::variant<T...>> : std::true_type {};
}  // namespace detail

template <class T>
std::string repr(const T& v) {
    if constexpr (requires { { v.py_repr() } -> std::convertible_to<std::string>; }) return v.py_repr();  // a type's own
    else if constexpr (std::is_same_v<T, bool>) return v ? "True" : "False";
    else if constexpr (std::is_same_v<T, none_t> || std::is_same_v<T, std::monostate>) return "None";
    else if constexpr (std::is_same_v<T, char>) return fmt::format("{}", v);
    else if constexpr (std::is_integral_v<T>) return std::to_string(v);  // the same digits, without a format parse
    else if constexpr (std::is_floating_point_v<T>) return float_repr(static_cast<double>(v));
    else if constexpr (std::is_convertible_v<T, std::string_view>) return string_repr(v);
    else if constexpr (std::is_same_v<T, std::exception_ptr>) return exception_repr(v);
    else if constexpr (detail::is_optional<T>::value) return v ? repr(*v) : "None";
    else if constexpr (detail::is_variant<T>::value) return std::visit([](const auto& x) { return repr(x); }, v);
    else if constexpr (detail::is_vector<T>::value) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += repr(v[i]);
        }
        return s + "]";
    } else if constexpr (detail::is_tuple<T>::value) {
        std::string s = "(";
        std::size_t i = 0;
        std::apply([&](const auto&... x) { ((s += (i++ ? ", " : "") + repr(x)), ...); }, v);
        return s + (std::tuple_size_v<T> == 1 ? ",)" : ")");
    } else return "<value>";
}

// How the trace shows a result or an exception: repr() cut to `limit` characters, the first
// limit - 3 and "...", as the Python tracer cuts them (tracer/loopscope_loop.py, TEXT_LIMIT). A
// list stops being formatted once it is past the limit: gather over 100 000 tasks would otherwise
// build (and intern) a 300 KB label.
inline constexpr std::size_t trace_text_limit = 200;
std::string cut_trace_text(std::string s, std::size_t limit = trace_text_limit);

template <class T>
std::string trace_repr(const T& v, std::size_t limit = trace_text_limit) {
    if constexpr (detail::is_vector<T>::value && !requires { v.py_repr(); }) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += repr(v[i]);
            if (s.size() > limit) return cut_trace_text(std::move(s), limit);
        }
        s += ']';
        return cut_trace_text(std::move(s), limit);
    } else {
        return cut_trace_text(repr(v), limit);
    }
}

// Python's str(): like repr except that strings print bare.
template <class T>
std::string str(const T& v) {
    if constexpr (std::is_convertible_v<T, std::string_view>) return std::string(std::string_view(v));
    else if constexpr (std::is_same_v<T, std::exception_ptr>) return exception_str(v);
    else return repr(v);
}

}  // namespace loopscope
