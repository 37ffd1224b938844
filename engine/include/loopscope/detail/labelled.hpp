// Plumbing shared by the combinators (gather, wait_for, wait, shield, as_completed, timeout).
//
// - labelled_awaiter: awaits a future-like object from inside a task under a trace label. It also
//   puts back the scenario's own await site: the combinators are coroutines themselves, so their
//   internal co_awaits would otherwise make the trace point into the engine's headers.
// - labelled_future: the handle a combinator returns (gather(...), shield(...)), awaitable, cancellable.
// - release_waiter: tasks._release_waiter, used as a timer callback and as a done-callback.
#pragma once

#include <string>
#include <type_traits>

#include "loopscope/ensure_future.hpp"
#include "loopscope/task.hpp"

namespace loopscope::detail {

template <class F>
struct [[nodiscard]] labelled_awaiter {
    ref<F> f;
    await_kind kind;
    std::string label;
    site_id site;  // the scenario line that awaits the combinator

    bool await_ready() const noexcept { return f->done(); }
    void await_suspend(std::coroutine_handle<> leaf) {
        event_loop& loop = f->loop();
        task_base* t = loop.current_task();
        if (!t) throw std::logic_error("co_await on a future outside a task: wrap the coroutine with create_task or run()");
        loop.set_await_site(site);
        t->suspend_on(*f, leaf, kind, label);
    }
    auto await_resume() {
        f->loop().set_await_site(site);
        if (task_base* t = f->loop().current_task()) t->rethrow_pending();
        return take_result(*f);
    }
};

// Awaits `f` from a combinator's own coroutine, naming it `label` and the scenario's line `site`.
template <class F>
labelled_awaiter<F> await_labelled(ref<F> f, await_kind kind, std::string label, site_id site) {
    return {std::move(f), kind, std::move(label), site};
}

// _release_waiter(waiter, *args): a timer callback and a done-callback (waiter is a future<void>).
void release_waiter(ref_counted* waiter, ref_counted* unused);

// The scenario line a combinator was awaited from (read before the combinator's first co_await).
[[nodiscard]] inline site_id scenario_site() { return get_running_loop().await_site(); }

}  // namespace loopscope::detail

namespace loopscope {

// A future a combinator hands back: await it, cancel it, or look at it once it is done.
template <class F>
class [[nodiscard]] labelled_future {
public:
    labelled_future(detail::ref<F> f, await_kind kind, std::string label)
        : f_(std::move(f)), kind_(kind), label_(std::move(label)) {}

    [[nodiscard]] bool done() const { return f_->done(); }
    [[nodiscard]] bool cancelled() const { return f_->cancelled(); }
    bool cancel(std::string msg = {}) { return f_->cancel(std::move(msg)); }
    decltype(auto) result() { return f_->result(); }
    [[nodiscard]] std::exception_ptr exception() { return f_->exception(); }
    [[nodiscard]] F* get() const { return f_.get(); }
    [[nodiscard]] const detail::ref<F>& ref() const { return f_; }
    [[nodiscard]] const std::string& label() const { return label_; }

    auto operator co_await() const {
        return detail::await_labelled(f_, kind_, label_, get_running_loop().await_site());
    }

private:
    detail::ref<F> f_;
    await_kind kind_;
    std::string label_;
};

// A combinator's future can be handed to another: wait_for(shield(t), 1), wait_for(gather(...), 2).
template <class F>
[[nodiscard]] detail::ref<F> ensure_future(const labelled_future<F>& f) {
    return f.ref();
}

namespace detail {
template <class F>
struct awaitable_traits<labelled_future<F>> {
    using value_type = typename F::value_type;
    using handle_type = ref<F>;
};
template <class F>
[[nodiscard]] F& future_of(const labelled_future<F>& f) {
    return *f.get();
}
}  // namespace detail

}  // namespace loopscope
