// asyncio.gather: run awaitables concurrently and collect their results in argument order.
//
//   auto [a, b] = co_await asyncio::gather(fetch("a"), fetch("b"));       // a tuple, prints as a list
//   std::vector<int> rs = co_await asyncio::gather(std::move(coros));      // a vector of coro<T> / task<T>
//   auto rs = co_await asyncio::gather(asyncio::return_exceptions, f(), g());  // results or exceptions
//
// A line-by-line mirror of CPython 3.11's tasks.gather and _GatheringFuture:
//  - gather() is a plain function: every argument goes through ensure_future at the call, in
//    argument order (coroutines become Task-N, Task-N+1, ...), and gets one done-callback.
//  - A child finishing does not complete the gather at once. Its done-callback is queued with
//    call_soon; only when it runs is the gather future set, and then the awaiting task's wake-up is
//    queued in turn. So the parent resumes two loop turns after the last child finishes.
//  - Without return_exceptions the first exception (or cancelled child) fails the gather right
//    away; the siblings keep running and nobody cancels them.
//  - Cancelling the gather (or the task awaiting it) cancels every child not yet done; the gather
//    then fails with CancelledError when the children's callbacks report back.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "loopscope/detail/labelled.hpp"
#include "loopscope/ensure_future.hpp"
#include "loopscope/repr.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

// gather(..., return_exceptions=True): pass asyncio::return_exceptions as the first argument.
struct return_exceptions_t {
    explicit constexpr return_exceptions_t() = default;
};
inline constexpr return_exceptions_t return_exceptions{};

// One result of gather(return_exceptions=True): the value, or the exception the child raised.
// Prints as Python does: 'ok' or ValueError('boom').
template <class T>
using result_or_exception = std::variant<detail::py_value_t<T>, std::exception_ptr>;

// The list gather(a, b, c) returns: a tuple, so `auto [a, b, c] = co_await gather(...)` works,
// that prints as the Python list it is: ['x', 2, None].
template <class... T>
struct gather_list : std::tuple<T...> {
    using std::tuple<T...>::tuple;
    [[nodiscard]] std::string py_repr() const {
        std::string s = "[";
        std::size_t i = 0;
        std::apply([&](const auto&... x) { ((s += (i++ ? ", " : "") + repr(x)), ...); },
                   static_cast<const std::tuple<T...>&>(*this));
        return s + "]";
    }
};

// asyncio's _GatheringFuture, without its value type. cancel() cancels the children instead of
// the future itself, as Task.cancel() does.
class gathering_future_base : public future_base {
public:
    bool cancel(std::string msg = {}) override;
    // The children in argument order (a future passed twice is listed twice).
    [[nodiscard]] const std::vector<detail::ref<future_base>>& children() const { return children_; }
    [[nodiscard]] bool return_exceptions() const { return return_exceptions_; }
    void reserve_children(std::size_t n) { children_.reserve(n); }

protected:
    gathering_future_base(event_loop& loop, std::string_view label, bool return_exceptions);
    // gather's loop body for one argument, after ensure_future: one done-callback per distinct future.
    // `fresh`: the child was just made from a coroutine, so it cannot be a duplicate argument.
    void add_child(const detail::ref<future_base>& child, bool fresh = false);
    void end_of_arguments() { seen_.clear(); }
    // Every child is done and none failed (or return_exceptions): build the list, set the result.
    virtual void set_gathered_result() = 0;
    void finish_with_result(std::string_view text) { finish(future_state::finished, outcome::result, text); }

private:
    static void on_child_done(detail::ref_counted* self, detail::ref_counted* child);  // _done_callback

    std::vector<detail::ref<future_base>> children_;
    std::unordered_set<const future_base*> seen_;  // arg_to_fut, while arguments are added
    string_id child_done_label_ = no_string;
    std::size_t nfuts_ = 0;
    std::size_t nfinished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

template <class R>
class gathering_future final : public gathering_future_base {
public:
    using value_type = R;
    gathering_future(event_loop& loop, std::string_view label, bool return_exceptions)
        : gathering_future_base(loop, label, return_exceptions) {}

    R& result() {
        check_result();
        return *value_;
    }

    // Called by gather() for each argument in order; `collect` reads the typed results at the end.
    template <class H>
    void add(const H& handle, bool fresh = false) {
        add_child(detail::ref<future_base>(&detail::future_of(handle)), fresh);
    }
    // `collect` builds the result from the children (children() has them in argument order).
    using collect_fn = R (*)(const std::vector<detail::ref<future_base>>& children);
    void seal(collect_fn collect) {
        collect_ = collect;
        end_of_arguments();
        if (children().empty()) set_gathered_result();  // gather() with nothing: done at once, []
    }

private:
    void set_gathered_result() override {
        value_ = collect_(children());
        finish_with_result(loop().tracing() ? trace_repr(*value_) : std::string());
    }
    collect_fn collect_ = nullptr;
    std::optional<R> value_;
};

template <class R>
using gathering = labelled_future<gathering_future<R>>;

namespace detail {

[[nodiscard]] std::string gather_label(std::size_t n);

template <class R>
[[nodiscard]] ref<gathering_future<R>> new_gathering(std::size_t n, bool return_exceptions) {
    event_loop& loop = get_running_loop();
    return ref<gathering_future<R>>(
        new gathering_future<R>(loop, loop.tracing() ? gather_label(n) : std::string(), return_exceptions));
}

// The gather loop body: ensure_future, then the done-callback, before the next argument.
template <class R, class A>
void gather_child(gathering_future<R>& outer, A&& arg) {
    constexpr bool fresh = is_coro_v<std::remove_cvref_t<A>>;  // ensure_future makes a new task
    auto handle = ensure_future(std::forward<A>(arg));
    outer.add(handle, fresh);
}

// The typed future an argument becomes (task_impl<T>, future<T>, a combinator's future): the
// gathering future keeps its children untyped, and the result is read back through this type.
template <class A>
using child_future_t = std::remove_reference_t<decltype(future_of(
    std::declval<const typename awaitable_traits<std::remove_cvref_t<A>>::handle_type&>()))>;

// A result for the return_exceptions list: the value, the exception, or CancelledError('').
template <class F>
[[nodiscard]] auto result_or_exception_of(F& f) -> std::variant<decltype(py_result(f)), std::exception_ptr> {
    if (f.cancelled()) {
        // gather builds CancelledError(fut._cancel_message or ''); a task that ended by raising
        // CancelledError has no message of its own, so tasks always give CancelledError('').
        cancelled_error e(f.is_task() ? std::string() : f.cancel_message());
        e.explicit_argument = true;
        return std::make_exception_ptr(e);
    }
    if (std::exception_ptr e = f.exception()) return e;
    return py_result(f);
}

template <class R, bool ReturnExceptions, class... A>
[[nodiscard]] gathering<R> gather_variadic(A&&... args) {
    auto outer = new_gathering<R>(sizeof...(A), ReturnExceptions);
    // A comma fold runs ensure_future left to right: argument order, as in Python.
    (gather_child(*outer, std::forward<A>(args)), ...);
    outer->seal([](const std::vector<ref<future_base>>& c) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            if constexpr (ReturnExceptions) return R(result_or_exception_of(static_cast<child_future_t<A>&>(*c[I]))...);
            else return R(py_result(static_cast<child_future_t<A>&>(*c[I]))...);
        }(std::index_sequence_for<A...>{});
    });
    std::string label = outer->loop().tracing() ? gather_label(sizeof...(A)) : std::string();
    return gathering<R>(std::move(outer), await_kind::gather, std::move(label));
}

template <class R, bool ReturnExceptions, class A>
[[nodiscard]] gathering<R> gather_vector(std::vector<A> args) {
    auto outer = new_gathering<R>(args.size(), ReturnExceptions);
    outer->reserve_children(args.size());
    for (auto& a : args) gather_child(*outer, std::move(a));
    outer->seal([](const std::vector<ref<future_base>>& children) {
        R results;
        results.reserve(children.size());
        for (const auto& c : children) {
            auto& f = static_cast<child_future_t<A>&>(*c);
            if constexpr (ReturnExceptions) results.push_back(result_or_exception_of(f));
            else results.push_back(py_result(f));
        }
        return results;
    });
    std::string label = outer->loop().tracing() ? gather_label(args.size()) : std::string();
    return gathering<R>(std::move(outer), await_kind::gather, std::move(label));
}

}  // namespace detail

// asyncio.gather(*aws): each argument a coro<T>, task<T> or future_ref<T>. The result is a
// gather_list (a std::tuple that prints as a list), with None for void results.
template <detail::future_like... A>
[[nodiscard]] auto gather(A&&... args) {
    using R = gather_list<detail::py_value_t<detail::value_of_t<A>>...>;
    return detail::gather_variadic<R, false>(std::forward<A>(args)...);
}

// asyncio.gather(*aws, return_exceptions=True): exceptions are results, not failures.
template <detail::future_like... A>
[[nodiscard]] auto gather(return_exceptions_t, A&&... args) {
    using R = gather_list<result_or_exception<detail::value_of_t<A>>...>;
    return detail::gather_variadic<R, true>(std::forward<A>(args)...);
}

// asyncio.gather(*list_of_coroutines_or_tasks): a std::vector of results, in the list's order.
template <class A>
[[nodiscard]] auto gather(std::vector<A> args) {
    using R = std::vector<detail::py_value_t<detail::value_of_t<A>>>;
    return detail::gather_vector<R, false>(std::move(args));
}

template <class A>
[[nodiscard]] auto gather(return_exceptions_t, std::vector<A> args) {
    using R = std::vector<result_or_exception<detail::value_of_t<A>>>;
    return detail::gather_vector<R, true>(std::move(args));
}

}  // namespace loopscope

// `auto [a, b] = co_await gather(x(), y());`
template <class... T>
struct std::tuple_size<loopscope::gather_list<T...>> : std::integral_constant<std::size_t, sizeof...(T)> {};
template <std::size_t I, class... T>
struct std::tuple_element<I, loopscope::gather_list<T...>> : std::tuple_element<I, std::tuple<T...>> {};
