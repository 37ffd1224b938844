// asyncio.timeout(delay): a deadline on a block of code, as CPython 3.11's timeouts.py.
//
// Python writes `async with asyncio.timeout(1.5): await work()`. C++ cannot convert an exception
// in a destructor, so the block is a coroutine the scope runs inline, in the calling task:
//
//   try {
//       auto v = co_await asyncio::timeout(1.5, work());   // work()'s value, or...
//   } catch (const loopscope::timeout_error&) { ... }      // ...TimeoutError after 1.5 s
//
// When the deadline passes the scope cancels the *current task* (task.cancel()); the
// CancelledError raised at the task's suspension point unwinds the block, and on the way out the
// scope calls task.uncancel() and turns that CancelledError into timeout_error -- unless someone
// else also cancelled the task meanwhile, in which case the CancelledError goes on.
//
// To reschedule or ask expired(), make the scope yourself and run the block with within():
//   auto scope = asyncio::timeout_scope::after(1.5);
//   co_await asyncio::within(scope, work(scope));
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "loopscope/task.hpp"

namespace loopscope {

// asyncio.Timeout: one deadline, entered once.
class timeout_scope : public detail::ref_counted {
public:
    // asyncio.timeout(delay) / asyncio.timeout_at(when); nullopt: no deadline.
    [[nodiscard]] static detail::ref<timeout_scope> after(std::optional<double> delay);
    [[nodiscard]] static detail::ref<timeout_scope> at(std::optional<double> when);

    [[nodiscard]] std::optional<double> when() const { return when_; }
    // Moves the deadline (only while entered); a deadline already past fires on the next loop turn.
    void reschedule(std::optional<double> when);
    // Did the deadline pass while the block ran?
    [[nodiscard]] bool expired() const { return state_ == state::expiring || state_ == state::expired; }

    // __aenter__ and __aexit__. Neither suspends. exit() throws timeout_error when it converts `error`.
    void enter();
    void exit(const std::exception_ptr& error);

private:
    enum class state { created, entered, expiring, expired, exited };
    explicit timeout_scope(std::optional<double> when) : when_(when) {}
    void cancel_handler();
    static void on_timeout(detail::ref_counted* self, detail::ref_counted* token);

    state state_ = state::created;
    std::optional<double> when_;
    detail::ref<task_base> task_;
    int cancelling_ = 0;
    detail::ref<timer_handle> timer_;              // call_at(when, _on_timeout)
    detail::ref<detail::ref_counted> soon_token_;  // call_soon(_on_timeout): cleared to cancel it
};

// async with scope: <block>
template <class T>
[[nodiscard]] coro<T> within(detail::ref<timeout_scope> scope, coro<T> block) {
    scope->enter();
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value;
    try {
        if constexpr (std::is_void_v<T>) co_await std::move(block);
        else value.emplace(co_await std::move(block));
    } catch (...) {
        error = std::current_exception();
    }
    scope->exit(error);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

// async with asyncio.timeout(delay): <block>. The deadline is loop.time() + delay, taken now.
template <class T>
[[nodiscard]] coro<T> timeout(std::optional<double> delay, coro<T> block) {
    return within(timeout_scope::after(delay), std::move(block));
}

// async with asyncio.timeout_at(when): <block>
template <class T>
[[nodiscard]] coro<T> timeout_at(std::optional<double> when, coro<T> block) {
    return within(timeout_scope::at(when), std::move(block));
}

}  // namespace loopscope
