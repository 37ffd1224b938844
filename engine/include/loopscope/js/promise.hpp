// JavaScript promises and async functions, with V8's (Node 20's) microtask accounting.
//
// promise<T> is a Promise: then / catch_ / finally queue one microtask per reaction when the promise
// settles (at once if it already has). The spec's algorithms are followed step by step, so tick
// counts come out as in V8:
//   - `co_await p` on a promise costs 1 microtask after p settles (even if p already has);
//     `co_await v` on a plain value wraps it in a resolved promise: also 1 tick;
//   - resolving a promise WITH a promise (returning one from an async function or a then handler,
//     resolve(p) in new Promise) costs 2 more: a job that calls p.then, then p's reaction;
//   - finally() runs its callback, then waits on Promise.resolve(result).then(() => value): it
//     adopts a promise, so it costs 2 ticks more than then().
//
// A C++ coroutine returning promise<T> is an `async function`: calling it runs its body at once,
// up to the first co_await (unlike Python's lazy coroutines), and returns its promise. Each call is
// a task of the trace (a lane), named after the function.
#pragma once

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "loopscope/js/inspect.hpp"
#include "loopscope/js/node_loop.hpp"
#include "loopscope/js/value.hpp"

namespace loopscope::js {

template <class T = void>
class promise;

namespace detail {
template <class T>
struct async_promise;
template <class T>
struct is_promise : std::false_type {};
template <class T>
struct is_promise<promise<T>> : std::true_type {};
// "co fetchData(int)" -> "fetchData"
std::string function_name(const char* signature);
}  // namespace detail

enum class promise_status : std::uint8_t { pending, fulfilled, rejected };

// A reaction registered with then / await: run as one microtask once the promise settles.
struct reaction {
    std::function<void(promise_core& settled)> run;
    string_id label = 0;         // the microtask's label in the trace
    object_id resumes_task = 0;  // an await: the async function it resumes (traced as a task step)
};

// The untyped part of a promise: state, reason, reactions, tracing.
class promise_core : public loopscope::detail::ref_counted {
public:
    promise_core(node_loop& loop, std::string_view label);
    ~promise_core() override;

    [[nodiscard]] promise_status status() const { return status_; }
    [[nodiscard]] bool pending() const { return status_ == promise_status::pending; }
    [[nodiscard]] bool fulfilled() const { return status_ == promise_status::fulfilled; }
    [[nodiscard]] bool rejected() const { return status_ == promise_status::rejected; }
    [[nodiscard]] const std::exception_ptr& reason() const { return reason_; }
    // [[PromiseIsHandled]]: some then / await / catch was registered on it.
    [[nodiscard]] bool handled() const { return handled_; }
    [[nodiscard]] node_loop& loop() const { return *loop_; }
    [[nodiscard]] object_id id() const { return id_; }
    [[nodiscard]] const std::string& label() const { return label_; }
    // The event at which it settled (what woke its awaiters).
    [[nodiscard]] event_index settled_event() const { return settled_event_; }

    // The async function whose promise this is (0: none), and how awaiting it is traced.
    object_id task = 0;
    await_kind awaited_as = await_kind::future;

    // PerformPromiseThen: `r` runs as a microtask once settled; the promise counts as handled.
    void add_reaction(reaction r);
    // RejectPromise (the caller checked that it is still pending).
    void reject(std::exception_ptr reason);
    // The loop's teardown: pending reactions may hold references back to this promise; a promise
    // that outlives its loop must not reach back to it.
    void drop_reactions();
    void detach() { loop_ = nullptr; }

protected:
    // FulfillPromise, once the subclass stored the value.
    void settle_fulfilled(std::string text);

private:
    void trigger();
    void enqueue(reaction r);

    node_loop* loop_;
    promise_status status_ = promise_status::pending;
    std::exception_ptr reason_;
    std::vector<reaction> reactions_;
    bool handled_ = false;
    object_id id_ = 0;
    std::string label_;
    event_index settled_event_ = no_event;
};

template <class T>
class promise_state final : public promise_core {
public:
    using promise_core::promise_core;
    using value_type = value_of<T>;

    void fulfill(value_type v) {
        value_.emplace(std::move(v));
        std::string text;
        if constexpr (detail::inspectable<value_type>::value)
            if (loop().tracing()) text = inspect(*value_);
        settle_fulfilled(std::move(text));
    }
    [[nodiscard]] const value_type& value() const { return *value_; }
    // What `await` gives: the value, or the reason thrown.
    value_type get() const {
        if (rejected()) std::rethrow_exception(reason());
        return *value_;
    }

private:
    std::optional<value_type> value_;
};

template <class T>
using state_ref = loopscope::detail::ref<promise_state<T>>;

namespace detail {

template <class U, class V>
value_of<U> convert(V&& v) {
    if constexpr (std::is_void_v<U>) return undefined;
    else return value_of<U>(std::forward<V>(v));
}

// Resolving `target` with `thenable` (NewPromiseResolveThenableJob): a microtask calls
// thenable.then(...), whose reaction settles target. V8 connects the two promises directly, with
// the same two ticks as the spec's throwaway promise.
template <class T>
void adopt(const state_ref<T>& target, const promise<T>& thenable);

// A then / catch handler's result settles the derived promise: a value fulfills it, a promise is
// adopted, an exception rejects it.
template <class U, class Call>
void settle_with(const state_ref<U>& derived, Call&& call) {
    using R = decltype(call());
    try {
        if constexpr (std::is_void_v<R>) {
            call();
            derived->fulfill(value_of<U>{});
        } else if constexpr (is_promise<std::decay_t<R>>::value) {
            adopt(derived, call());
        } else {
            derived->fulfill(convert<U>(call()));
        }
    } catch (...) {
        derived->reject(std::current_exception());
    }
}

template <class F, class V>
decltype(auto) call_with_value(F& f, const V& v) {
    if constexpr (std::is_invocable_v<F&, const V&>) return f(v);
    else return f();
}

template <class F>
decltype(auto) call_with_reason(F& f, const std::exception_ptr& r) {
    if constexpr (std::is_invocable_v<F&, const std::exception_ptr&>) return f(r);
    else if constexpr (std::is_invocable_v<F&, const error&>) return f(error_of(r));
    else return f();
}

template <class R>
struct settles_as {
    using type = R;
};
template <class V>
struct settles_as<promise<V>> {
    using type = V;
};
template <class F, class V>
using value_handler_result = std::decay_t<decltype(call_with_value(std::declval<F&>(), std::declval<const V&>()))>;
template <class F>
using reason_handler_result = std::decay_t<decltype(call_with_reason(std::declval<F&>(), std::declval<const std::exception_ptr&>()))>;

}  // namespace detail

// resolve(value) / resolve(promise) / resolve() as `new Promise` gives them to its executor. Only the
// first call of either function counts (alreadyResolved).
template <class T>
class resolver {
public:
    resolver(state_ref<T> p, std::shared_ptr<bool> done) : p_(std::move(p)), done_(std::move(done)) {}
    void operator()(value_of<T> v) const {
        if (std::exchange(*done_, true)) return;
        p_->fulfill(std::move(v));
    }
    void operator()(const promise<T>& thenable) const {
        if (std::exchange(*done_, true)) return;
        detail::adopt(p_, thenable);
    }
    void operator()() const
        requires std::is_void_v<T>
    {
        (*this)(undefined);
    }

private:
    state_ref<T> p_;
    std::shared_ptr<bool> done_;
};

class rejecter {
public:
    rejecter(loopscope::detail::ref<promise_core> p, std::shared_ptr<bool> done) : p_(std::move(p)), done_(std::move(done)) {}
    void operator()(std::exception_ptr reason) const {
        if (std::exchange(*done_, true)) return;
        p_->reject(std::move(reason));
    }
    template <class E>
        requires std::is_base_of_v<std::exception, E>
    void operator()(const E& e) const {
        (*this)(std::make_exception_ptr(e));
    }

private:
    loopscope::detail::ref<promise_core> p_;
    std::shared_ptr<bool> done_;
};

// A Promise. Copies share the promise, as JS references do.
template <class T>
class promise {
public:
    using value_type = value_of<T>;
    using promise_type = detail::async_promise<T>;  // makes a coroutine returning promise<T> an async function

    promise() = default;
    explicit promise(state_ref<T> s) : s_(std::move(s)) {}

    [[nodiscard]] const state_ref<T>& state() const { return s_; }
    [[nodiscard]] bool pending() const { return s_->pending(); }
    [[nodiscard]] bool fulfilled() const { return s_->fulfilled(); }
    [[nodiscard]] bool rejected() const { return s_->rejected(); }

    // p.then(onFulfilled): the handler takes the value (or nothing) and returns a value, a promise,
    // or nothing; its result settles the returned promise.
    template <class F>
    auto then(F on_fulfilled) const {
        using U = typename detail::settles_as<detail::value_handler_result<F, value_type>>::type;
        return then_impl<std::conditional_t<std::is_same_v<U, undefined_t>, void, U>>(std::move(on_fulfilled), nullptr,
                                                                                    "then callback", "then(...)");
    }
    // p.then(onFulfilled, onRejected)
    template <class F, class R>
    auto then(F on_fulfilled, R on_rejected) const {
        using U = typename detail::settles_as<detail::value_handler_result<F, value_type>>::type;
        return then_impl<std::conditional_t<std::is_same_v<U, undefined_t>, void, U>>(
            std::move(on_fulfilled), std::move(on_rejected), "then callback", "then(...)");
    }
    // p.catch(onRejected): the handler takes the reason (const error&, std::exception_ptr, or
    // nothing). If it returns nothing for a promise<int>, the result is a promise of
    // std::optional<int> (int | undefined in JS).
    template <class R>
    auto catch_(R on_rejected) const {
        using H = typename detail::settles_as<detail::reason_handler_result<R>>::type;
        if constexpr (std::is_void_v<H> && !std::is_void_v<T>)
            return then_impl<std::optional<value_type>>(nullptr, std::move(on_rejected), "catch callback", "catch(...)");
        else
            return then_impl<T>(nullptr, std::move(on_rejected), "catch callback", "catch(...)");
    }
    // p.finally(onFinally): runs the callback either way, then settles as p did (or as the
    // callback's promise rejects).
    template <class F>
    promise<T> finally(F on_finally) const;

private:
    template <class U, class F, class R>
    promise<U> then_impl(F on_fulfilled, R on_rejected, std::string_view reaction_label, std::string_view label) const;

    state_ref<T> s_;
};

// new Promise(executor): the executor runs now, with resolve (and reject if it takes two
// arguments); if it throws, the promise rejects.
template <class T = void, class F>
promise<T> new_promise(F executor, std::string_view label = "new Promise") {
    node_loop& loop = node_loop::current();
    state_ref<T> s(new promise_state<T>(loop, label));
    auto done = std::make_shared<bool>(false);
    resolver<T> resolve(s, done);
    rejecter reject(s, done);
    try {
        if constexpr (std::is_invocable_v<F&, resolver<T>, rejecter>) executor(resolve, reject);
        else executor(resolve);
    } catch (...) {
        reject(std::current_exception());
    }
    return promise<T>(s);
}

namespace detail {

// A promise already fulfilled with v (Promise.resolve of a non-promise).
template <class T>
promise<T> fulfilled_promise(value_of<T> v, std::string_view label = "Promise.resolve") {
    state_ref<T> s(new promise_state<T>(node_loop::current(), label));
    s->fulfill(std::move(v));
    return promise<T>(s);
}

template <class T>
void adopt(const state_ref<T>& target, const promise<T>& thenable) {
    node_loop& loop = target->loop();
    state_ref<T> t = target;
    state_ref<T> th = thenable.state();
    loop.queue_microtask(
        [t, th] {
            th->add_reaction({[t](promise_core& src) {
                                  auto& s = static_cast<promise_state<T>&>(src);
                                  if (s.fulfilled()) t->fulfill(s.value());
                                  else t->reject(s.reason());
                              },
                              th->loop().intern("adopt: settle with the awaited promise's result"), 0});
        },
        "resolve with a promise: call its then()");
}

}  // namespace detail

template <class T>
template <class U, class F, class R>
promise<U> promise<T>::then_impl(F on_fulfilled, R on_rejected, std::string_view reaction_label,
                                 std::string_view label) const {
    constexpr bool has_f = !std::is_same_v<F, std::nullptr_t>;
    constexpr bool has_r = !std::is_same_v<R, std::nullptr_t>;
    node_loop& loop = s_->loop();
    state_ref<U> derived(new promise_state<U>(loop, label));
    s_->add_reaction({[derived, f = std::move(on_fulfilled), r = std::move(on_rejected)](promise_core& src) mutable {
                          auto& s = static_cast<promise_state<T>&>(src);
                          if (s.fulfilled()) {
                              if constexpr (has_f)
                                  detail::settle_with(derived, [&] { return detail::call_with_value(f, s.value()); });
                              else
                                  derived->fulfill(detail::convert<U>(s.value()));
                          } else {
                              if constexpr (has_r)
                                  detail::settle_with(derived, [&] { return detail::call_with_reason(r, s.reason()); });
                              else
                                  derived->reject(s.reason());
                          }
                      },
                      loop.intern(has_f || has_r ? reaction_label : std::string_view("then: pass the result on")), 0});
    return promise<U>(derived);
}

template <class T>
template <class F>
promise<T> promise<T>::finally(F on_finally) const {
    // The spec's thenFinally / catchFinally: call f, then wait for Promise.resolve(its result).
    auto wait_for = [](auto& f) {
        using R = std::decay_t<decltype(f())>;
        if constexpr (std::is_void_v<R>) {
            f();
            return detail::fulfilled_promise<void>(undefined);
        } else if constexpr (detail::is_promise<R>::value) {
            return f();
        } else {
            return detail::fulfilled_promise<R>(f());
        }
    };
    return then_impl<T>(
        [f = on_finally, wait_for](const value_type& v) mutable {
            return wait_for(f).then([v] { return v; });
        },
        [f = on_finally, wait_for](const std::exception_ptr& reason) mutable {
            return wait_for(f).then([reason]() -> value_type { std::rethrow_exception(reason); });
        },
        "finally callback", "finally(...)");
}

namespace detail {

// What every async function frame knows: its loop, its lane, and whose lane to go back to.
struct async_frame {
    node_loop* loop = nullptr;
    object_id task = 0;
    object_id outer = 0;  // the lane that was running when this one was entered

    void enter() {
        outer = loop->current_task();
        loop->set_current_task(task);
    }
    // Back to the caller (a synchronous call: its lane runs again) or to the loop.
    void leave() {
        loop->set_current_task(outer);
        if (outer) loop->record(event_kind::task_resumed, 0, 0, outer, 0, no_event);
    }
};

// `await p`: suspend; p's reaction (one microtask after p settles) resumes the function.
template <class T>
struct await_op {
    promise<T> p;
    async_frame* frame;
    site_id site;
    string_id label;

    bool await_ready() const noexcept { return false; }  // even a settled promise costs a microtask
    void await_suspend(std::coroutine_handle<> h) {
        promise_core& s = *p.state();
        const bool of_task = s.task != 0;
        frame->loop->record(event_kind::task_suspended,
                            static_cast<std::uint8_t>(of_task ? await_kind::task : s.awaited_as), site, frame->task,
                            of_task ? s.task : s.id(), label);
        async_frame* f = frame;
        s.add_reaction({[f, h](promise_core&) {
                            f->enter();
                            h.resume();
                        },
                        label, f->task});
        frame->leave();
    }
    value_of<T> await_resume() { return p.state()->get(); }
};

template <class T>
struct async_promise_base : async_frame {
    state_ref<T> result;

    explicit async_promise_base(std::source_location where) {
        loop = &node_loop::current();
        std::string name = function_name(where.function_name());
        site_id s = loop->site_of(where);
        task = loop->create_task(name, s);
        result = state_ref<T>(new promise_state<T>(*loop, name + "()"));
        result->task = task;
    }

    struct initial_awaiter {
        async_frame* f;
        bool await_ready() const noexcept { return true; }  // eager: the body starts now
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
            f->loop->record(event_kind::task_resumed, 0, 0, f->task, 0, no_event);
            f->enter();
        }
    };
    initial_awaiter initial_suspend() { return {this}; }

    struct final_awaiter {
        async_frame* f;
        bool await_ready() const noexcept {
            f->leave();
            return true;  // nothing waits on the frame: it is destroyed at once
        }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {this}; }

    void unhandled_exception() {
        std::exception_ptr e = std::current_exception();
        loop->record(event_kind::task_finished, static_cast<std::uint8_t>(outcome::exception), 0, task, 0,
                     loop->tracing() ? loop->intern(error_text(e)) : 0);
        result->reject(e);
    }

    template <class U>
    await_op<U> await_transform(promise<U> p, std::source_location where = std::source_location::current()) {
        string_id label = loop->tracing() ? loop->intern("await " + p.state()->label()) : 0;
        return {std::move(p), this, loop->site_of(where), label};
    }
    // `await v` of a plain value: Promise.resolve(v), then the same single tick.
    template <class V>
        requires(!is_promise<std::decay_t<V>>::value)
    auto await_transform(V&& v, std::source_location where = std::source_location::current()) {
        using D = std::decay_t<V>;
        std::string text;
        if constexpr (inspectable<D>::value)
            if (loop->tracing()) text = "await " + inspect(v);
        auto p = fulfilled_promise<D>(std::forward<V>(v), text.empty() ? std::string_view("await") : std::string_view(text));
        string_id label = loop->intern(text);
        return await_op<D>{std::move(p), this, loop->site_of(where), label};
    }

protected:
    void finished_with(std::string_view text) {
        loop->record(event_kind::task_finished, static_cast<std::uint8_t>(outcome::result), 0, task, 0,
                     loop->tracing() ? loop->intern(text) : 0);
    }
};

template <class T>
struct async_promise : async_promise_base<T> {
    explicit async_promise(std::source_location where = std::source_location::current())
        : async_promise_base<T>(where) {
        this->loop->register_frame(std::coroutine_handle<async_promise>::from_promise(*this), this->task);
    }
    ~async_promise() { this->loop->unregister_frame(std::coroutine_handle<async_promise>::from_promise(*this)); }

    promise<T> get_return_object() { return promise<T>(this->result); }

    template <class V>
    void return_value(V&& v) {
        if constexpr (is_promise<std::decay_t<V>>::value) {
            this->finished_with("a promise (" + v.state()->label() + ")");
            adopt(this->result, v);  // returning a promise: 2 more ticks before ours settles
        } else {
            value_of<T> value(std::forward<V>(v));
            std::string text;
            if constexpr (inspectable<value_of<T>>::value)
                if (this->loop->tracing()) text = inspect(value);
            this->finished_with(text);
            this->result->fulfill(std::move(value));
        }
    }
};

template <>
struct async_promise<void> : async_promise_base<void> {
    explicit async_promise(std::source_location where = std::source_location::current())
        : async_promise_base<void>(where) {
        loop->register_frame(std::coroutine_handle<async_promise>::from_promise(*this), task);
    }
    ~async_promise() { loop->unregister_frame(std::coroutine_handle<async_promise>::from_promise(*this)); }

    promise<void> get_return_object() { return promise<void>(result); }
    void return_void() {
        finished_with("undefined");
        result->fulfill(undefined);
    }
};

}  // namespace detail
}  // namespace loopscope::js
