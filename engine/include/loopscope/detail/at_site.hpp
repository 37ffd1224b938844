// Awaiting something on behalf of the scenario's line.
//
// promise_base::await_transform notes the site of every co_await, which is the right line for the
// scenario's own coroutines but a header's line for the co_awaits inside library coroutines
// (async_with, to_thread). Wrapping the awaitable in at_site(...) re-notes the caller's line once
// the header's co_await has been noted, so the trace points at the scenario, not at the library.
#pragma once

#include <coroutine>
#include <source_location>
#include <utility>

#include "loopscope/task.hpp"

namespace loopscope::detail {

template <class A>
class [[nodiscard]] at_site_awaitable {
public:
    at_site_awaitable(A a, std::source_location where) : inner_(std::move(a)), where_(where) {}

    auto operator co_await() && {
        using inner_awaiter = decltype(std::move(inner_).operator co_await());
        struct awaiter {
            inner_awaiter a;
            std::source_location where;
            bool await_ready() {
                promise_base::note_await_site(where);
                return a.await_ready();
            }
            auto await_suspend(std::coroutine_handle<> h) { return a.await_suspend(h); }
            decltype(auto) await_resume() { return a.await_resume(); }
        };
        return awaiter{std::move(inner_).operator co_await(), where_};
    }

private:
    A inner_;
    std::source_location where_;
};

template <class A>
at_site_awaitable<A> at_site(A a, std::source_location where) {
    return at_site_awaitable<A>(std::move(a), where);
}

}  // namespace loopscope::detail
