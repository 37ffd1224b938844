// How Node prints values: util.inspect (what console.log shows for a non-string argument), String()
// (what a template literal shows) and util.format (console.log's argument joining and %s / %d).
//
// Ported from Node 20's lib/internal/util/inspect.js for the values scenarios use: numbers,
// strings, booleans, undefined, null, arrays (std::vector, std::tuple), Promise.allSettled records
// and js::object. Layout follows Node exactly: entries on one line while they fit in 80 columns,
// arrays of more than six entries grouped into columns, nesting deeper than 2 shown as [Array].
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "loopscope/js/value.hpp"

namespace loopscope::js {

// util.inspect's state while it walks a value (ctx in Node's source).
struct inspect_context {
    int indentation = 0;    // ctx.indentationLvl
    int current_depth = 0;  // ctx.currentDepth: the depth of the object entered last
    int depth = 2;          // deeper objects print as [Array] / [Object]
    int break_length = 80;
};

// Number.prototype.toString(): 0.30000000000000004, 1e+21, 1e-7, 100.
[[nodiscard]] std::string number_to_string(double v);
// util.inspect of a number: as toString, except that -0 prints as -0.
[[nodiscard]] std::string inspect_number(double v);
// A string as util.inspect quotes it: 'a', "it's", `both ' and "`.
[[nodiscard]] std::string quote_string(std::string_view s);
// A string nested in an array or object (long multi-line strings are split at their newlines).
[[nodiscard]] std::string inspect_string(std::string_view s, const inspect_context& ctx);
// An object key: bare when it is an identifier, quoted otherwise.
[[nodiscard]] std::string property_key(std::string_view key);
// reduceToSingleString (with groupArrayElements for arrays of more than six entries).
[[nodiscard]] std::string reduce_to_single_string(inspect_context& ctx, std::vector<std::string> output,
                                                  std::string_view open, std::string_view close, bool is_array,
                                                  int recurse_times, bool all_numbers, bool has_more_items);

// A plain object literal, { name: 'A', ms: 100 }: keys in order, values of any printable type.
class object {
public:
    object() = default;
    // object().set("name", "A").set("ms", 100)
    template <class V>
    object& set(std::string key, V value);
    struct field {
        std::string key;
        std::function<std::string(inspect_context&, int)> inspect;
    };
    [[nodiscard]] const std::vector<field>& fields() const { return fields_; }

private:
    std::vector<field> fields_;
};

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};
template <class T>
struct is_settled : std::false_type {};
template <class T>
struct is_settled<settled<T>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
inline constexpr bool is_number = std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;
template <class T>
inline constexpr bool is_string = std::is_convertible_v<const T&, std::string_view>;

// The types inspect() knows how to print.
template <class T>
struct inspectable
    : std::bool_constant<std::is_arithmetic_v<T> || std::is_same_v<T, undefined_t> || std::is_same_v<T, null_t> ||
                         is_string<T> || std::is_same_v<T, std::exception_ptr> || std::is_base_of_v<error, T> ||
                         is_settled<T>::value || std::is_same_v<T, object>> {};
template <class T>
struct inspectable<std::optional<T>> : inspectable<T> {};
template <class T, class A>
struct inspectable<std::vector<T, A>> : inspectable<T> {};
template <class... T>
struct inspectable<std::tuple<T...>> : std::bool_constant<(inspectable<T>::value && ...)> {};

[[nodiscard]] std::string list_of(inspect_context& ctx, int recurse_times, std::size_t count,
                                  const std::function<std::string(std::size_t, inspect_context&, int)>& element,
                                  bool all_numbers);
[[nodiscard]] std::string object_of(inspect_context& ctx, int recurse_times, const std::vector<object::field>& fields);
}  // namespace detail

// util.inspect(v) with the context Node would have at this point of the walk.
template <class T>
std::string inspect(const T& v, inspect_context& ctx, int recurse_times) {
    if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_same_v<T, undefined_t>) return "undefined";
    else if constexpr (std::is_same_v<T, null_t>) return "null";
    else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, char>) return std::to_string(v);
    else if constexpr (std::is_floating_point_v<T>) return inspect_number(static_cast<double>(v));
    else if constexpr (detail::is_string<T>) return inspect_string(std::string_view(v), ctx);
    else if constexpr (std::is_same_v<T, std::exception_ptr>) return error_text(v);
    else if constexpr (std::is_base_of_v<error, T>) return v.name() + ": " + v.message();
    else if constexpr (detail::is_optional<T>::value) return v ? inspect(*v, ctx, recurse_times) : "undefined";
    else if constexpr (detail::is_vector<T>::value) {
        using E = typename T::value_type;
        return detail::list_of(
            ctx, recurse_times, v.size(),
            [&v](std::size_t i, inspect_context& c, int rt) { return inspect(static_cast<const E&>(v[i]), c, rt); },
            detail::is_number<E>);
    } else if constexpr (detail::is_tuple<T>::value) {
        constexpr bool numbers = []<class... E>(std::type_identity<std::tuple<E...>>) {
            return (detail::is_number<E> && ...);
        }(std::type_identity<T>{});
        return detail::list_of(
            ctx, recurse_times, std::tuple_size_v<T>,
            [&v](std::size_t i, inspect_context& c, int rt) {
                std::string s;
                std::size_t k = 0;
                std::apply([&](const auto&... e) { ((k++ == i ? (void)(s = inspect(e, c, rt)) : (void)0), ...); }, v);
                return s;
            },
            numbers);
    } else if constexpr (detail::is_settled<T>::value) {
        object o;
        o.set("status", v.status);
        if (v.fulfilled()) o.set("value", *v.value);
        else o.set("reason", v.reason);
        return detail::object_of(ctx, recurse_times, o.fields());
    } else if constexpr (std::is_same_v<T, object>) {
        return detail::object_of(ctx, recurse_times, v.fields());
    } else {
        static_assert(sizeof(T) == 0, "console.log cannot print this type: use numbers, strings, vectors, js::object");
    }
}

template <class T>
std::string inspect(const T& v) {
    inspect_context ctx;
    return inspect(v, ctx, 0);
}

template <class V>
object& object::set(std::string key, V value) {
    fields_.push_back({std::move(key), [value = std::move(value)](inspect_context& ctx, int rt) {
                           return inspect(value, ctx, rt);
                       }});
    return *this;
}

// String(v): what `${v}` and "" + v produce.
template <class T>
std::string to_string(const T& v) {
    if constexpr (detail::is_string<T>) return std::string(std::string_view(v));
    else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_same_v<T, undefined_t>) return "undefined";
    else if constexpr (std::is_same_v<T, null_t>) return "null";
    else if constexpr (std::is_integral_v<T>) return std::to_string(v);
    else if constexpr (std::is_floating_point_v<T>) return number_to_string(static_cast<double>(v));
    else if constexpr (std::is_same_v<T, std::exception_ptr>) return error_text(v);
    else if constexpr (std::is_base_of_v<error, T>) return v.name() + ": " + v.message();
    else if constexpr (detail::is_optional<T>::value) return v ? to_string(*v) : "undefined";
    else if constexpr (detail::is_vector<T>::value) {
        // Array.prototype.join(","): undefined and null become empty.
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ',';
            using E = typename T::value_type;
            if constexpr (!std::is_same_v<E, undefined_t> && !std::is_same_v<E, null_t>) s += to_string(v[i]);
        }
        return s;
    } else return "[object Object]";
}

// One console.log argument, reduced to what util.format needs from it.
struct format_arg {
    enum class kind : std::uint8_t { string, number, other } type = kind::other;
    std::string text;       // the string itself, or String(v)
    double number = 0;      // for numbers
    std::string inspected;  // util.inspect(v)

    template <class T>
    static format_arg of(const T& v) {
        format_arg a;
        if constexpr (detail::is_string<T>) {
            a.type = kind::string;
            a.text = std::string(std::string_view(v));
        } else {
            if constexpr (detail::is_number<T>) {
                a.type = kind::number;
                a.number = static_cast<double>(v);
            }
            a.text = to_string(v);
            a.inspected = inspect(v);
        }
        return a;
    }
};

// util.format(...args): console.log's text.
[[nodiscard]] std::string format(const std::vector<format_arg>& args);

}  // namespace loopscope::js
