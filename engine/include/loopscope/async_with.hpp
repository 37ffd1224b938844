// `async with`: a resource whose entry and exit are awaited, and whose exit runs however the body ends.
//
//     struct async_resource {
//         coro<> aenter() { print("Acquiring resource"); co_await asyncio::sleep(1); }
//         coro<> aexit(std::exception_ptr) { print("Releasing resource"); co_await asyncio::sleep(1); }
//     };
//     co_await asyncio::async_with(async_resource{}, [](async_resource& resource) -> coro<> {
//         print("Using resource");   // async with AsyncResource() as resource:
//         co_return;
//     });
//
// The protocol, as Python's __aenter__ / __aexit__:
//   coro<V> aenter();                    `as` binds V; with coro<void> it binds the resource itself
//   coro<bool> aexit(std::exception_ptr) the body's exception (null when it ended normally);
//                                        true suppresses it. coro<void> never suppresses (None).
// async_with returns what the body co_returns; when aexit suppresses an exception the body's value
// is value-initialized, as a function falls off the end of the block.
//
// Why a body coroutine and not try/catch: C++ forbids co_await inside a catch handler, and exit must
// be awaited with the exception in hand. Lifetimes are safe by construction: a temporary resource
// and the body callable are moved into async_with's own frame, which outlives the body; the body
// receives the target by reference from that frame, so it needs no captures to reach it. Capture
// other values by value; capture by reference only when you co_await async_with where you create it.
//
// GCC 12 caveat: when an exception propagates through a co_await, GCC 12 destroys the temporaries
// of that co_await expression twice (a double free). If the body or exit can raise, name the
// resource (`connection db{...}; co_await async_with(db, ...)`, used in place) instead of passing a
// temporary, and likewise avoid temporaries with destructors (std::string from a literal) in
// arguments of any co_await whose exception you catch.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "loopscope/detail/at_site.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

namespace detail {

template <class C>
struct coro_value;
template <class T>
struct coro_value<coro<T>> {
    using type = T;
};

template <class R>
using enter_value_t = typename coro_value<decltype(std::declval<R&>().aenter())>::type;
template <class R>
using exit_value_t = typename coro_value<decltype(std::declval<R&>().aexit(std::exception_ptr{}))>::type;

// What the body receives: the resource itself (aenter gives nothing) or aenter's value.
template <class R>
using with_target_t = std::conditional_t<std::is_void_v<enter_value_t<R>>, R, enter_value_t<R>>;

template <class R, class F>
using with_result_t = typename coro_value<std::invoke_result_t<F&, with_target_t<R>&>>::type;

// The statement itself. R is a reference for a resource the caller owns, a value for a temporary.
template <class R, class F, class Target, class T>
coro<T> async_with_impl(R resource, F body, std::source_location where) {
    std::optional<std::conditional_t<std::is_void_v<enter_value_t<R>>, std::reference_wrapper<Target>, Target>> target;
    if constexpr (std::is_void_v<enter_value_t<R>>) {
        co_await at_site(resource.aenter(), where);
        target.emplace(resource);
    } else {
        target.emplace(co_await at_site(resource.aenter(), where));
    }
    Target& as = *target;

    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value;
    try {
        if constexpr (std::is_void_v<T>) co_await at_site(std::invoke(body, as), where);
        else value.emplace(co_await at_site(std::invoke(body, as), where));
    } catch (...) {
        error = std::current_exception();  // exit is awaited below: no co_await in a handler
    }
    bool suppress = false;
    if constexpr (std::is_void_v<exit_value_t<R>>) co_await at_site(resource.aexit(error), where);
    else suppress = static_cast<bool>(co_await at_site(resource.aexit(error), where));
    if (error && !suppress) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return value ? std::move(*value) : T{};
}

}  // namespace detail

// async with RESOURCE as target: BODY. `body` is called with the target and returns a coro.
template <class R, class F>
[[nodiscard]] coro<detail::with_result_t<std::remove_cvref_t<R>, F>> async_with(
    R&& resource, F body, std::source_location where = std::source_location::current()) {
    using resource_t = std::remove_cvref_t<R>;
    using target_t = detail::with_target_t<resource_t>;
    using stored_t = std::conditional_t<std::is_lvalue_reference_v<R>, resource_t&, resource_t>;
    return detail::async_with_impl<stored_t, F, target_t, detail::with_result_t<resource_t, F>>(
        std::forward<R>(resource), std::move(body), where);
}

}  // namespace loopscope
