// Waiting with conditions: wait_for, wait, as_completed and shield, as in CPython 3.11's tasks.py.
//
//   auto v = co_await asyncio::wait_for(fetch(), 1.5);                 // throws timeout_error
//   auto [done, pending] = co_await asyncio::wait(tasks, asyncio::FIRST_COMPLETED);
//   auto [done, pending] = co_await asyncio::wait(tasks, {.timeout = 2.0});
//   for (auto next : asyncio::as_completed(tasks)) print(repr(co_await std::move(next)));
//   auto v = co_await asyncio::shield(task);
//
// wait_for is the 3.11 one (a waiter future, a call_later timer and _release_waiter, then
// _cancel_and_wait on timeout), not 3.12's timeout()-based rewrite: the two differ in how many
// loop turns a timeout takes, and it is 3.11 we match.
//
// Where CPython returns sets (wait's done/pending), we return vectors in the order the futures were
// passed (duplicates dropped): Python's set order is by object address, so scenarios that print
// them should sort, as they would have to in Python.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "loopscope/detail/labelled.hpp"
#include "loopscope/ensure_future.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

// ---- shared helpers --------------------------------------------------------------------------------

namespace detail {

template <class T>
[[nodiscard]] ref<future_base> base_of(const task<T>& t) {
    return ref<future_base>(t.get());
}
template <std::derived_from<future_base> F>
[[nodiscard]] ref<future_base> base_of(const ref<F>& f) {
    return ref<future_base>(f.get());
}
template <class T>
[[nodiscard]] std::string describe_arg(const coro<T>& c) {
    return fmt::format("{}()", c.name());
}
template <class H>
[[nodiscard]] std::string describe_arg(const H& h) {
    return describe_future(future_of(h));
}

// A task's name ("B"; suspend_on adds "task "), or "future".
[[nodiscard]] inline std::string bare_name(const future_base& f) {
    return f.is_task() ? static_cast<const task_base&>(f).name() : std::string("future");
}

// tasks._cancel_and_wait: cancel `fut`, then wait for it through a waiter of our own (so that the
// wait itself stays cancellable).
[[nodiscard]] coro<> cancel_and_wait(ref<future_base> fut, site_id site);

// Arms loop.call_later(delay, _release_waiter, waiter).
[[nodiscard]] ref<timer_handle> release_later(double delay, const ref<future<void>>& waiter, std::string_view label);

// `finally: timeout_handle.cancel()`
struct cancel_timer_at_exit {
    ref<timer_handle> timer;
    ~cancel_timer_at_exit() {
        if (timer) timer->cancel();
    }
};

}  // namespace detail

// ---- wait_for ------------------------------------------------------------------------------------

// asyncio.wait_for(aw, timeout): aw's result, or timeout_error once it has been cancelled for
// running too long. No timeout (nullopt) awaits aw plainly; timeout <= 0 cancels at once.
template <detail::future_like A>
[[nodiscard]] coro<detail::value_of_t<A>> wait_for(A aw, std::optional<double> timeout) {
    event_loop& loop = get_running_loop();
    const site_id site = detail::scenario_site();

    if (!timeout) {
        if constexpr (requires { aw.release(); }) {
            co_return co_await std::move(aw);  // a coroutine runs inline, as `return await fut`
        } else {
            auto& f = detail::future_of(aw);
            co_return co_await detail::await_labelled(detail::ref<std::remove_reference_t<decltype(f)>>(&f),
                                                      f.is_task() ? await_kind::task : await_kind::future,
                                                      detail::bare_name(f), site);
        }
    }

    if (*timeout <= 0) {
        auto fut = ensure_future(std::move(aw));
        auto& f = detail::future_of(fut);
        if (f.done()) co_return detail::take_result(f);
        co_await detail::cancel_and_wait(detail::base_of(fut), site);
        try {
            co_return detail::take_result(f);
        } catch (const cancelled_error&) {
            throw timeout_error();
        }
    }

    std::string label = loop.tracing() ? fmt::format("wait_for({}, {})", detail::describe_arg(aw), *timeout) : "";
    detail::ref<future<void>> waiter(new future<void>(loop, label));
    detail::cancel_timer_at_exit finally{detail::release_later(*timeout, waiter, label)};
    auto fut = ensure_future(std::move(aw));
    auto& f = detail::future_of(fut);
    f.add_done_callback(done_callback{&detail::release_waiter, waiter, 0, loop.intern("wait_for: _release_waiter")});
    if (loop.tracing()) label = fmt::format("wait_for({}, {})", detail::describe_future(f), *timeout);

    std::exception_ptr cancelled;
    try {
        co_await detail::await_labelled(waiter, await_kind::future, label, site);
    } catch (const cancelled_error&) {
        cancelled = std::current_exception();
    }
    if (f.done()) co_return detail::take_result(f);
    f.remove_done_callbacks(waiter.get());
    // The inner task must not outlive wait_for (bpo-32751): cancel it and wait until it is done.
    co_await detail::cancel_and_wait(detail::base_of(fut), site);
    if (cancelled) std::rethrow_exception(cancelled);
    try {
        co_return detail::take_result(f);  // it may have finished anyway, or failed (bpo-40607)
    } catch (const cancelled_error&) {
        throw timeout_error();
    }
}

// ---- wait ----------------------------------------------------------------------------------------

enum class return_when_t : std::uint8_t { first_completed, first_exception, all_completed };
inline constexpr return_when_t FIRST_COMPLETED = return_when_t::first_completed;
inline constexpr return_when_t FIRST_EXCEPTION = return_when_t::first_exception;
inline constexpr return_when_t ALL_COMPLETED = return_when_t::all_completed;

// asyncio.wait's keyword arguments: wait(tasks, {.timeout = 1.5, .return_when = FIRST_COMPLETED}).
struct wait_options {
    std::optional<double> timeout;
    return_when_t return_when = ALL_COMPLETED;
};

// (done, pending), each in the order the futures were passed.
template <class H>
struct wait_result {
    std::vector<H> done;
    std::vector<H> pending;
};

namespace detail {
// tasks._wait: returns when `return_when` holds or the timeout passes; never raises timeout_error.
[[nodiscard]] coro<> wait_until(std::vector<ref<future_base>> fs, wait_options options, site_id site);
}  // namespace detail

// asyncio.wait(fs, timeout=..., return_when=...): fs are tasks or futures (Python refuses coroutines).
template <class H>
[[nodiscard]] coro<wait_result<H>> wait(std::vector<H> fs, wait_options options = {}) {
    static_assert(!requires(H h) { h.release(); }, "Passing coroutines is forbidden, use tasks explicitly.");
    const site_id site = detail::scenario_site();
    if (fs.empty()) throw value_error("Set of Tasks/Futures is empty.");
    std::vector<H> unique;  // fs = set(fs)
    std::vector<detail::ref<future_base>> bases;
    for (auto& f : fs) {
        auto b = detail::base_of(f);
        bool seen = false;
        for (auto& u : bases) seen |= u.get() == b.get();
        if (seen) continue;
        bases.push_back(b);
        unique.push_back(f);
    }
    co_await detail::wait_until(std::move(bases), options, site);
    wait_result<H> r;
    for (auto& f : unique) (detail::future_of(f).done() ? r.done : r.pending).push_back(f);
    co_return r;
}

template <class H>
[[nodiscard]] coro<wait_result<H>> wait(std::vector<H> fs, return_when_t return_when) {
    return wait(std::move(fs), wait_options{.timeout = std::nullopt, .return_when = return_when});
}

// ---- as_completed --------------------------------------------------------------------------------

namespace detail {

// as_completed's state: the `todo` set, the `done` asyncio.Queue and that queue's getters.
struct as_completed_state : ref_counted {
    std::vector<ref<future_base>> todo;    // a set in CPython; argument order here
    std::deque<ref<future_base>> done;     // null: the dummy _on_timeout puts
    std::deque<ref<future<void>>> getters;
    ref<timer_handle> timeout_handle;
    std::string label;

    void put_nowait(ref<future_base> f);   // Queue.put_nowait: store, then _wakeup_next(getters)
    void wakeup_next();
    static void on_completion(ref_counted* self, ref_counted* fut);
    static void on_timeout(ref_counted* self, ref_counted*);
};

[[nodiscard]] ref<as_completed_state> start_as_completed(std::vector<ref<future_base>> todo,
                                                         std::optional<double> timeout);
// Queue.get(): the next finished future, or null for a timeout.
[[nodiscard]] coro<ref<future_base>> next_completed(ref<as_completed_state> state, site_id site);

// _wait_for_one(): the next result, in completion order.
template <class H>
coro<value_of_t<H>> wait_for_one(ref<as_completed_state> state) {
    ref<future_base> f = co_await next_completed(std::move(state), scenario_site());
    if (!f) throw timeout_error();
    co_return take_result(static_cast<std::remove_reference_t<decltype(future_of(std::declval<H>()))>&>(*f));
}

}  // namespace detail

// What as_completed returns: len(fs) coroutines, each giving the next result to complete.
template <class H>
class [[nodiscard]] as_completed_range {
public:
    as_completed_range(detail::ref<detail::as_completed_state> state, std::size_t n) : state_(std::move(state)), n_(n) {}

    class iterator {
    public:
        using value_type = coro<detail::value_of_t<H>>;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const as_completed_range* r, std::size_t i) : r_(r), i_(i) {}
        // Each dereference makes a new _wait_for_one() coroutine: await it once per iteration.
        value_type operator*() const { return detail::wait_for_one<H>(r_->state_); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        iterator operator++(int) {
            auto old = *this;
            ++i_;
            return old;
        }
        bool operator==(const iterator& o) const { return i_ == o.i_; }

    private:
        const as_completed_range* r_ = nullptr;
        std::size_t i_ = 0;
    };

    [[nodiscard]] iterator begin() const { return {this, 0}; }
    [[nodiscard]] iterator end() const { return {this, n_}; }
    [[nodiscard]] std::size_t size() const { return n_; }

private:
    detail::ref<detail::as_completed_state> state_;
    std::size_t n_;
};

// asyncio.as_completed(fs, timeout=...): coroutines become tasks here, in the vector's order
// (CPython uses set order, which is by address: pass tasks when the order of creation matters).
template <detail::future_like A>
[[nodiscard]] auto as_completed(std::vector<A> fs, std::optional<double> timeout = std::nullopt) {
    using H = typename detail::awaitable_traits<A>::handle_type;
    std::vector<detail::ref<future_base>> todo;
    for (auto& a : fs) {
        auto b = detail::base_of(ensure_future(std::move(a)));
        bool seen = false;
        for (auto& t : todo) seen |= t.get() == b.get();
        if (!seen) todo.push_back(b);
    }
    std::size_t n = todo.size();
    return as_completed_range<H>(detail::start_as_completed(std::move(todo), timeout), n);
}

// ---- shield --------------------------------------------------------------------------------------

namespace detail {

// Ties shield's inner future to its outer one with the two callbacks of tasks.shield.
template <class T, class Inner>
struct shield_link : ref_counted {
    ref<future<T>> outer;
    ref<Inner> inner;

    static void inner_done(ref_counted* self, ref_counted*) {  // _inner_done_callback
        auto& l = *static_cast<shield_link*>(self);
        if (l.outer->cancelled()) {
            if (!l.inner->cancelled()) (void)l.inner->exception();  // mark it retrieved
            return;
        }
        copy_outcome(*l.inner, *l.outer);
    }
    static void outer_done(ref_counted* self, ref_counted*) {  // _outer_done_callback
        auto& l = *static_cast<shield_link*>(self);
        if (!l.inner->done()) l.inner->remove_done_callbacks(&l);
    }
    static void copy_outcome(Inner& from, future<T>& to) {
        if (from.cancelled()) {
            to.cancel();
        } else if (std::exception_ptr exc = from.exception()) {
            to.set_exception(exc);
        } else if constexpr (std::is_void_v<T>) {
            to.set_result();
        } else {
            to.set_result(from.result());
        }
    }
};

}  // namespace detail

// asyncio.shield(aw): an outer future that follows aw; cancelling the outer (or the task awaiting
// it) leaves aw running.
template <detail::future_like A>
[[nodiscard]] auto shield(A aw) {
    using T = detail::value_of_t<A>;
    event_loop& loop = get_running_loop();
    std::string what = loop.tracing() ? detail::describe_arg(aw) : std::string();
    auto inner_handle = ensure_future(std::move(aw));
    auto& inner = detail::future_of(inner_handle);
    using Inner = std::remove_reference_t<decltype(inner)>;
    if (loop.tracing()) what = detail::describe_future(inner);
    std::string label = loop.tracing() ? fmt::format("shield({})", what) : std::string();
    detail::ref<future<T>> outer(new future<T>(loop, label));
    using link = detail::shield_link<T, Inner>;
    if (inner.done()) {
        // CPython hands back inner itself; a copy that is already done behaves the same.
        link::copy_outcome(inner, *outer);
    } else {
        detail::ref<link> l(new link);
        l->outer = outer;
        l->inner = detail::ref<Inner>(&inner);
        inner.add_done_callback(done_callback{&link::inner_done, l, 0, loop.intern("shield: _inner_done_callback")});
        outer->add_done_callback(done_callback{&link::outer_done, l, 0, loop.intern("shield: _outer_done_callback")});
    }
    return labelled_future<future<T>>(std::move(outer), await_kind::future, std::move(label));
}

}  // namespace loopscope
