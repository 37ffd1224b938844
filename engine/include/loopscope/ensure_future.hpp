// asyncio.ensure_future: a coroutine becomes a task (created now, its first step queued now); a
// task or a future is returned as it is. gather, wait_for, shield and as_completed all start here,
// which is why their coroutine arguments become Task-N, Task-N+1, ... in argument order.
#pragma once

#include <concepts>
#include <string>
#include <type_traits>

#include "loopscope/task.hpp"

namespace loopscope {

template <class T>
[[nodiscard]] task<T> ensure_future(coro<T> c) {
    return create_task(std::move(c));
}
template <class T>
[[nodiscard]] task<T> ensure_future(task<T> t) {
    return t;
}
// Any future (future_ref<T>, or a combinator's future such as gather's).
template <std::derived_from<future_base> F>
[[nodiscard]] detail::ref<F> ensure_future(detail::ref<F> f) {
    return f;
}

namespace detail {

// Python has no void: a coroutine that returns nothing gives None.
template <class T>
using py_value_t = std::conditional_t<std::is_void_v<T>, none_t, T>;

// What an argument of a combinator is: its value type and the future ensure_future makes of it.
template <class A>
struct awaitable_traits;
template <class T>
struct awaitable_traits<coro<T>> {
    using value_type = T;
    using handle_type = task<T>;
};
template <class T>
struct awaitable_traits<task<T>> {
    using value_type = T;
    using handle_type = task<T>;
};
template <std::derived_from<future_base> F>
struct awaitable_traits<ref<F>> {
    using value_type = typename F::value_type;
    using handle_type = ref<F>;
};
// A coro<T>, task<T>, future_ref<T> or a combinator's future: what gather, wait_for and shield accept.
template <class A>
concept future_like = requires { typename awaitable_traits<std::remove_cvref_t<A>>::value_type; };
template <class A>
using value_of_t = typename awaitable_traits<std::remove_cvref_t<A>>::value_type;

// The future object behind a handle, typed (task_impl<T> or future<T>).
template <class T>
[[nodiscard]] task_impl<T>& future_of(const task<T>& t) {
    return *t.get();
}
template <std::derived_from<future_base> F>
[[nodiscard]] F& future_of(const ref<F>& f) {
    return *f;
}

// fut.result() as Python sees it: a copy of the value, None for void; throws what result() throws.
template <class F>
[[nodiscard]] auto py_result(F& f) {
    if constexpr (std::is_void_v<decltype(f.result())>) {
        f.result();
        return none_t{};
    } else {
        return std::remove_cvref_t<decltype(f.result())>(f.result());
    }
}

// fut.result() with C++'s void: what a coroutine that returns the future's value gives back.
template <class F>
decltype(auto) take_result(F& f) {
    if constexpr (std::is_void_v<decltype(f.result())>) f.result();
    else return std::remove_cvref_t<decltype(f.result())>(f.result());
}

// How the trace names a future a combinator waits on: "task B", or "future" for a plain one.
[[nodiscard]] std::string describe_future(const future_base& f);

}  // namespace detail
}  // namespace loopscope
