// Coroutines and tasks, as in asyncio.
//
// coro<T> is what calling an `async def` gives you: a lazy coroutine object. Nothing runs until it
// is awaited (then it runs inline, inside the awaiting task, with no trip through the loop) or
// wrapped in a task with create_task (then its first step is queued with call_soon).
//
// task<T> is asyncio.Task: a future driven by the loop. Each step resumes the innermost suspended
// coroutine of the task ("the leaf") and runs until it awaits something that is not done yet.
#pragma once

#include <cassert>
#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>

#include "loopscope/future.hpp"
#include "loopscope/repr.hpp"

namespace loopscope {

class task_base;

namespace detail {

// "co fetch_data(int)" -> "fetch_data"
std::string coroutine_name(const char* function_name);

// An awaiter the coroutine awaits through a reference (see promise_base::await_transform).
// Always inline, so that inlining decisions are those of the awaiter itself.
template <class A>
struct awaiter_ref {
    A& a;
    [[gnu::always_inline]] bool await_ready() { return a.await_ready(); }
    template <class H>
    [[gnu::always_inline]] decltype(auto) await_suspend(H h) {
        return a.await_suspend(h);
    }
    [[gnu::always_inline]] decltype(auto) await_resume() { return a.await_resume(); }
};

template <class A>
concept direct_awaiter = requires(A& a) { a.await_ready(); };

struct promise_base {
    explicit promise_base(std::source_location where) : location(where) {}
    promise_base(const promise_base&) = delete;
    promise_base& operator=(const promise_base&) = delete;
    ~promise_base() { delete display_name; }

    std::coroutine_handle<> continuation;  // who awaits this coroutine (none for a task's root)
    std::exception_ptr exception;
    std::source_location location;         // the coroutine's definition (for names and diagnostics' sites)
    std::string* display_name = nullptr;   // set by coro::named(); rare, so kept out of the frame
    bool started = false;

    // The coroutine's signature, for names and diagnostics.
    [[nodiscard]] const char* function() const { return location.function_name(); }

    struct initial_awaiter {
        promise_base* p;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const noexcept { p->started = true; }
    };
    initial_awaiter initial_suspend() noexcept { return {this}; }

    struct final_awaiter {
        bool await_ready() const noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) const noexcept {
            auto next = h.promise().continuation;
            return next ? next : std::noop_coroutine();  // symmetric transfer back to the awaiter
        }
        void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
    // Coroutine frames are allocated per call: recycle them (see detail/pool.hpp).
    static void* operator new(std::size_t n) { return block_pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) noexcept { block_pool::deallocate(p, n); }

    // Every `co_await` in a coroutine passes through here; the location is the co_await's own line,
    // which is how each suspension knows where in the scenario the task stands.
    // An awaiter (sleep(0), a future's awaiter) is awaited through a reference: returned as it is,
    // GCC 12 copies it into the frame and destroys both copies at every await.
    template <class A>
    decltype(auto) await_transform(A&& awaitable, std::source_location where = std::source_location::current()) {
        note_await_site(where);
        if constexpr (direct_awaiter<std::remove_reference_t<A>>) return awaiter_ref<std::remove_reference_t<A>>{awaitable};
        else return static_cast<A&&>(awaitable);
    }
    static void note_await_site(const std::source_location& where) {
        event_loop* loop = event_loop::current_or_null();
        if (loop && loop->tracing()) [[unlikely]]
            note_traced_await_site(*loop, where);
    }
    [[gnu::noinline]] static void note_traced_await_site(event_loop& loop, const std::source_location& where) {
        loop.set_await_site(loop.site_of(where));
    }
};

template <class T>
struct coro_promise;

}  // namespace detail

template <class T = void>
class [[nodiscard]] coro {
public:
    using promise_type = detail::coro_promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using value_type = T;

    explicit coro(handle_type h) : h_(h) {}
    coro(coro&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    coro& operator=(coro&& o) noexcept {
        if (this != &o) {
            destroy();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ~coro() { destroy(); }

    // Gives the task made from this coroutine a display name (asyncio's create_task(name=...)).
    coro&& named(std::string name) && {
        auto& p = h_.promise();
        if (p.display_name) *p.display_name = std::move(name);
        else p.display_name = new std::string(std::move(name));
        return std::move(*this);
    }
    [[nodiscard]] std::string name() const;

    // Awaiting a coroutine runs it inline, in the awaiting task.
    auto operator co_await() && noexcept {
        struct awaiter {
            handle_type h;
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept {
                h.promise().continuation = parent;
                return h;
            }
            T await_resume() {
                auto& p = h.promise();
                if (p.exception) std::rethrow_exception(p.exception);
                if constexpr (!std::is_void_v<T>) return std::move(*p.value);
            }
        };
        return awaiter{h_};
    }

    // For create_task: takes ownership of the frame.
    handle_type release() { return std::exchange(h_, {}); }
    [[nodiscard]] explicit operator bool() const { return static_cast<bool>(h_); }

private:
    void destroy();
    handle_type h_;
};

template <class T>
inline constexpr bool is_coro_v = false;
template <class T>
inline constexpr bool is_coro_v<coro<T>> = true;

namespace detail {

void report_never_awaited(const promise_base& p);

template <class T>
struct coro_promise : promise_base {
    coro_promise(std::source_location where = std::source_location::current()) : promise_base(where) {}
    coro<T> get_return_object() { return coro<T>(std::coroutine_handle<coro_promise>::from_promise(*this)); }
    template <class U>
    void return_value(U&& v) {
        value.emplace(std::forward<U>(v));
    }
    std::optional<T> value;
};

template <>
struct coro_promise<void> : promise_base {
    coro_promise(std::source_location where = std::source_location::current()) : promise_base(where) {}
    coro<void> get_return_object() { return coro<void>(std::coroutine_handle<coro_promise>::from_promise(*this)); }
    void return_void() {}
};

}  // namespace detail

template <class T>
void coro<T>::destroy() {
    if (!h_) return;
    if (!h_.promise().started) detail::report_never_awaited(h_.promise());
    h_.destroy();
    h_ = {};
}

template <class T>
std::string coro<T>::name() const {
    return h_ ? detail::coroutine_name(h_.promise().function()) : std::string();
}

// What a task is doing between steps, as far as its own step logic is concerned.
class task_base : public future_base {
public:
    task_base(event_loop& loop, std::coroutine_handle<> root, detail::promise_base& root_promise, std::string&& name);
    ~task_base() override;

    [[nodiscard]] bool is_task() const override { return true; }
    // "Task-3" unless named; built on first use, so untraced runs never format it.
    [[nodiscard]] const std::string& name() const {
        auto& r = rare();
        if (r.task_name.empty()) r.task_name = default_name();
        return r.task_name;
    }
    // The coroutine function the task runs ("fetch_data").
    [[nodiscard]] std::string coroutine() const { return detail::coroutine_name(coroutine_function_); }
    // What the task last awaited, as the trace labels it (0 when tracing is off), and where.
    [[nodiscard]] string_id await_label() const { return await_label_; }
    [[nodiscard]] site_id await_site() const { return await_site_; }
    // Where create_task was called (0 when tracing is off).
    [[nodiscard]] site_id created_site() const { return created_site_; }

    // task.cancel(msg): asks the task to raise cancelled_error at its suspension point.
    bool cancel(std::string msg = {}) override;
    // Python 3.11's cancelling() / uncancel(): how many cancellation requests are pending.
    [[nodiscard]] int cancelling() const { return num_cancels_requested_; }
    int uncancel() { return num_cancels_requested_ > 0 ? --num_cancels_requested_ : 0; }

    // Called by awaiters from await_suspend: the task's leaf suspends on a pending future...
    // `awaited` is the object the trace names (0: the future itself).
    void suspend_on(future_base& f, std::coroutine_handle<> leaf, await_kind kind, std::string_view label,
                    object_id awaited = 0);
    // The same with the label already interned (0 when tracing is off).
    void suspend_on(future_base& f, std::coroutine_handle<> leaf, await_kind kind, string_id label, object_id awaited);
    // ...or yields for one turn of the loop (sleep(0)).
    void suspend_yield(std::coroutine_handle<> leaf) {
        leaf_ = leaf;
        yielded_ = true;
        if (loop_->tracing()) note_yield();  // untraced, every await site is 0: nothing to note
    }
    // Called by awaiters from await_resume: an exception the loop is throwing in (cancellation).
    [[gnu::always_inline]] void rethrow_pending() {
        if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
    }
    [[nodiscard]] future_base* waiting_on() const { return fut_waiter_.get(); }
    // The coroutine frame the next step resumes (for the loop's prefetching).
    [[nodiscard]] const void* leaf_frame() const { return leaf_.address(); }

    // Queues the task's next step (used by create_task).
    void schedule_step(schedule_reason why, event_index because_of) {
        event_index queued = loop_->record(event_kind::task_scheduled, static_cast<std::uint8_t>(why), 0, id_, 0, because_of);
        loop_->call_soon_step(&step_thunk, this, queued);
    }

protected:
    // Moves the finished root coroutine's value into this task (the frame is freed right after).
    virtual void take_root_value() = 0;
    [[nodiscard]] detail::promise_base& root_promise() const { return *root_promise_; }
    // repr() of the result, for the trace (bounded: trace_repr).
    [[nodiscard]] virtual std::string result_text() const = 0;

private:
    friend class event_loop;  // runs queued steps directly (event_loop::run_step)
    static void step_thunk(detail::ref_counted* self, detail::ref_counted*);
    static void wakeup_thunk(detail::ref_counted* self, detail::ref_counted* fut);
    // Traced: whether the loop records (fixed for a run). The loop's pass picks the version, so
    // that an untraced step carries no trace code at all.
    template <bool Traced>
    inline void step(event_index queued);
    [[gnu::noinline]] void step_unusual(event_index queued);
    template <bool Traced>
    inline void after_resume();
    [[gnu::noinline]] void wait_for_waiter();
    void finish_from_root();

    [[nodiscard]] std::string default_name() const;
    static constexpr std::size_t default_name_max = 5 + 10;  // "Task-" and a 32-bit id
    // The same, written into buf (no allocation: a traced run names every task).
    std::string_view default_name_in(char (&buf)[default_name_max]) const;
    // suspend_yield's trace event, out of line so that an untraced yield stays a few instructions.
    [[gnu::noinline]] void note_yield();
    // The name, the cancel message and the extra callbacks live in future_base's rare part.
    std::coroutine_handle<> root_;
    detail::promise_base* root_promise_;  // valid until the root coroutine ends
    std::coroutine_handle<> leaf_;
    // What the task waits on: set by suspend_on during a step, cleared when the next step starts.
    detail::ref<future_base> fut_waiter_;
    std::exception_ptr pending_;
    const char* coroutine_function_;
    string_id await_label_ = 0;
    site_id await_site_ = 0;
    site_id created_site_ = 0;
    int num_cancels_requested_ = 0;
    bool yielded_ = false;  // set by suspend_yield during a step
    bool must_cancel_ = false;
};

// asyncio's Task.__step: run the coroutine until it awaits something pending, or ends. The common
// case only; a pending cancellation (or a step of a finished task) goes through step_unusual, so
// that this path keeps few registers live across the resume.
template <bool Traced>
inline void task_base::step(event_index queued) {
    if (done() || must_cancel_) [[unlikely]] {
        step_unusual(queued);
        return;
    }
    if (fut_waiter_) fut_waiter_ = {};
    yielded_ = false;
    // No reference is taken for the step: the loop's task list keeps the task alive.
    event_loop& loop = *loop_;
    if constexpr (Traced) loop.record(event_kind::task_resumed, 0, 0, id_, 0, queued);
    task_base* outer = loop.current_task();
    loop.set_current_task(this);
    leaf_.resume();
    loop.set_current_task(outer);
    after_resume<Traced>();
}

// The rest of __step once the coroutine has suspended or returned.
template <bool Traced>
inline void task_base::after_resume() {
    if (root_.done()) [[unlikely]] {
        finish_from_root();
    } else if (fut_waiter_) {
        wait_for_waiter();
    } else {
        assert(yielded_ && "a task suspended on something that is not a loopscope awaitable");
        if constexpr (Traced) schedule_step(schedule_reason::yielded, no_event);
        else loop_->call_soon_step(&step_thunk, this, no_event);
    }
}

template <class T>
class task_impl final : public task_base {
public:
    task_impl(event_loop& loop, typename coro<T>::handle_type h, std::string&& name)
        : task_base(loop, h, h.promise(), std::move(name)) {}
    // The value (a reference to it), or throws the exception / cancelled_error.
    decltype(auto) result() {
        check_result();
        if constexpr (!std::is_void_v<T>) return static_cast<T&>(*value_);
    }

private:
    void take_root_value() override {
        if constexpr (!std::is_void_v<T>) value_ = std::move(static_cast<detail::coro_promise<T>&>(root_promise()).value);
    }
    [[nodiscard]] std::string result_text() const override {
        if constexpr (std::is_void_v<T>) return "None";
        else return value_ ? trace_repr(*value_) : std::string();
    }
    std::conditional_t<std::is_void_v<T>, char, std::optional<T>> value_{};
};

// Awaiting anything future-like from inside a task: suspend unless done, then take its result.
template <class F>
struct future_awaiter {
    detail::ref<F> f;
    await_kind kind;
    std::string_view label;
    bool await_ready() const noexcept { return f->done(); }
    void await_suspend(std::coroutine_handle<> leaf) {
        task_base* t = f->loop().current_task();
        if (!t) throw std::logic_error("co_await on a future outside a task: wrap the coroutine with create_task or run()");
        t->suspend_on(*f, leaf, kind, label);
    }
    decltype(auto) await_resume() {
        if (task_base* t = f->loop().current_task()) t->rethrow_pending();
        return f->result();
    }
};

// asyncio.Task[T], as the scenario holds it: a reference to the task.
template <class T = void>
class [[nodiscard]] task {
public:
    task() = default;
    explicit task(detail::ref<task_impl<T>> t) : t_(std::move(t)) {}

    [[nodiscard]] bool done() const { return t_->done(); }
    [[nodiscard]] bool cancelled() const { return t_->cancelled(); }
    bool cancel(std::string msg = {}) { return t_->cancel(std::move(msg)); }
    decltype(auto) result() { return t_->result(); }
    [[nodiscard]] std::exception_ptr exception() { return t_->exception(); }
    [[nodiscard]] const std::string& get_name() const { return t_->name(); }
    void add_done_callback(std::function<void(future_base&)> fn, std::string_view label = "done callback") {
        t_->add_done_callback(std::move(fn), label);
    }
    [[nodiscard]] task_impl<T>* get() const { return t_.get(); }
    [[nodiscard]] const detail::ref<task_impl<T>>& ref() const { return t_; }
    explicit operator bool() const { return static_cast<bool>(t_); }

    // The label stays empty: suspend_on names the task only when the run is traced.
    auto operator co_await() const { return future_awaiter<task_impl<T>>{t_, await_kind::task, {}}; }

private:
    detail::ref<task_impl<T>> t_;
};

// asyncio.create_task(coro, name=...): the first step runs on the next loop iteration.
template <class T>
task<T> create_task(coro<T> c, std::string name = {}) {
    event_loop& loop = get_running_loop();
    auto h = c.release();
    if (name.empty() && h.promise().display_name) name = *h.promise().display_name;
    auto t = detail::ref<task_impl<T>>(new task_impl<T>(loop, h, std::move(name)));
    t->schedule_step(schedule_reason::created, no_event);
    return task<T>(t);
}

// Awaiting a future directly: `co_await fut;`
template <class T>
auto operator co_await(const future_ref<T>& f) {
    return future_awaiter<future<T>>{f, await_kind::future, "future"};
}

// asyncio.current_task()
[[nodiscard]] inline task_base* current_task() { return get_running_loop().current_task(); }

}  // namespace loopscope
