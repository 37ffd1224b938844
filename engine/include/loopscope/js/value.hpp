// JavaScript values as the JS mode's scenarios hold them: undefined, null, Error objects, and the
// records Promise.allSettled produces. Everything else is an ordinary C++ value (numbers, strings,
// std::vector for arrays) that console.log prints the way Node's util.inspect does (inspect.hpp).
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace loopscope::js {

struct undefined_t {
    bool operator==(const undefined_t&) const = default;
};
inline constexpr undefined_t undefined{};

struct null_t {
    bool operator==(const null_t&) const = default;
};
inline constexpr null_t null{};

// A promise<void> holds `undefined`: the value of a JS promise that was resolved with nothing.
template <class T>
using value_of = std::conditional_t<std::is_void_v<T>, undefined_t, T>;

// A JavaScript Error: `throw new Error("boom")` is `throw js::error("boom")`. Its text, like
// String(err) in JS, is "Error: boom"; what() is the message alone.
class error : public std::runtime_error {
public:
    explicit error(const std::string& message) : error("Error", message) {}
    error(std::string name, const std::string& message) : std::runtime_error(message), name_(std::move(name)) {}
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] std::string message() const { return what(); }

private:
    std::string name_;
};

// The built-in Error kinds a scenario may throw or meet.
struct type_error : error {
    explicit type_error(const std::string& message) : error("TypeError", message) {}
};
struct range_error : error {
    explicit range_error(const std::string& message) : error("RangeError", message) {}
};
// Promise.any when every promise rejected.
struct aggregate_error : error {
    explicit aggregate_error(const std::string& message) : error("AggregateError", message) {}
};

// A rejection reason seen as a JS Error: a js::error as itself, any other C++ exception as an Error
// carrying its what(). Catch handlers that take `const error&` receive this.
[[nodiscard]] error error_of(const std::exception_ptr& reason);
// String(reason): "Error: boom".
[[nodiscard]] std::string error_text(const std::exception_ptr& reason);

// One entry of Promise.allSettled's result: { status: 'fulfilled', value } or
// { status: 'rejected', reason }.
template <class T>
struct settled {
    std::string status;
    std::optional<value_of<T>> value;  // set when fulfilled
    std::exception_ptr reason;         // set when rejected
    [[nodiscard]] bool fulfilled() const { return status == "fulfilled"; }
};

}  // namespace loopscope::js
