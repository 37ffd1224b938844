// Async generators: `async def numbers(): ... yield i`, consumed with `async for`.
//
//     asyncio::async_generator<int> numbers() {
//         for (int i = 0; i < 3; ++i) {
//             co_await asyncio::sleep(1);
//             co_yield i;
//         }
//     }
//     auto gen = numbers();
//     while (auto value = co_await gen.next())   // async for value in numbers():
//         print(str(*value));
//
// next() is Python's anext(): it runs the generator's body inside the awaiting task, inline, up to
// its next co_yield. Handing over an item is not a suspension: nothing goes through the loop unless
// the body itself awaits something pending (then the consuming task is the one that waits, as in
// Python). The end of the generator gives std::nullopt (StopAsyncIteration); an exception the body
// raises comes out of next(), after which the generator is finished.
//
// Like a coroutine object, the generator does nothing until it is first consumed. Unlike Python,
// dropping a generator that has not finished destroys its frame at once: no aclose() task is
// scheduled and code after the pending co_yield (a `finally` that awaits) never runs.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <utility>

#include "loopscope/errors.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

template <class T>
class async_generator;

namespace detail {

template <class T>
struct async_generator_promise : promise_base {
    async_generator_promise(std::source_location where = std::source_location::current()) : promise_base(where) {}
    async_generator<T> get_return_object();

    // co_yield: keep the item and transfer straight back to the consumer (no loop trip).
    struct yield_awaiter {
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<async_generator_promise> h) const noexcept {
            return h.promise().continuation;
        }
        void await_resume() const noexcept {}
    };
    template <class U>
    yield_awaiter yield_value(U&& v) {
        value.emplace(std::forward<U>(v));
        return {};
    }
    void return_void() {}

    std::optional<T> value;
    bool running = false;  // between next() and the co_yield (or end) it leads to
};

}  // namespace detail

template <class T>
class [[nodiscard]] async_generator {
public:
    using promise_type = detail::async_generator_promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using value_type = T;

    explicit async_generator(handle_type h) : h_(h) {}
    async_generator(async_generator&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    async_generator& operator=(async_generator&& o) noexcept {
        if (this != &o) {
            if (h_) h_.destroy();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ~async_generator() {
        if (h_) h_.destroy();
    }

    // anext(gen): the next item, or std::nullopt once the generator has returned.
    [[nodiscard]] auto next() {
        struct awaiter {
            handle_type h;
            bool await_ready() const {
                if (h && h.promise().running)
                    throw loopscope::runtime_error("anext(): asynchronous generator is already running");
                return !h || h.done();
            }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> consumer) noexcept {
                h.promise().running = true;
                h.promise().value.reset();
                h.promise().continuation = consumer;
                return h;  // symmetric transfer: the body runs now, in the consumer's task
            }
            std::optional<T> await_resume() {
                if (!h) return std::nullopt;
                auto& p = h.promise();
                p.running = false;
                if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
                if (h.done()) return std::nullopt;
                return std::move(p.value);
            }
        };
        return awaiter{h_};
    }

    // True once the body has returned or raised.
    [[nodiscard]] bool finished() const { return !h_ || h_.done(); }
    // The generator function's name ("numbers").
    [[nodiscard]] std::string name() const { return h_ ? detail::coroutine_name(h_.promise().function()) : std::string(); }

private:
    handle_type h_;
};

template <class T>
async_generator<T> detail::async_generator_promise<T>::get_return_object() {
    return async_generator<T>(std::coroutine_handle<async_generator_promise>::from_promise(*this));
}

}  // namespace loopscope
