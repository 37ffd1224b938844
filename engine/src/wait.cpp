#include "loopscope/wait.hpp"

#include <algorithm>

namespace loopscope::detail {

coro<> cancel_and_wait(ref<future_base> fut, site_id site) {
    event_loop& loop = get_running_loop();
    loop.set_await_site(site);
    std::string label = loop.tracing() ? fmt::format("cancel_and_wait({})", describe_future(*fut)) : std::string();
    ref<future<void>> waiter(new future<void>(loop, label));
    fut->add_done_callback(done_callback{&release_waiter, waiter, 0, loop.intern("_cancel_and_wait: _release_waiter")});
    struct remove_at_exit {  // `finally: fut.remove_done_callback(cb)`
        future_base& fut;
        const ref_counted* cb;
        ~remove_at_exit() { fut.remove_done_callbacks(cb); }
    } finally{*fut, waiter.get()};
    fut->cancel();
    // Not `await fut`: waiting on our own waiter keeps _cancel_and_wait itself cancellable.
    co_await await_labelled(waiter, await_kind::future, label, site);
}

ref<timer_handle> release_later(double delay, const ref<future<void>>& waiter, std::string_view label) {
    return get_running_loop().call_later(delay, handle{&release_waiter, waiter, {}, no_event, {}, false}, label);
}

namespace {

std::string_view to_string(return_when_t w) {
    switch (w) {
        case return_when_t::first_completed: return "FIRST_COMPLETED";
        case return_when_t::first_exception: return "FIRST_EXCEPTION";
        case return_when_t::all_completed: return "ALL_COMPLETED";
    }
    return "?";
}

// _wait's closure: the waiter, the counter and the timer that _on_completion reads.
struct wait_state : ref_counted {
    ref<future<void>> waiter;
    ref<timer_handle> timeout_handle;
    std::size_t counter = 0;
    return_when_t return_when = ALL_COMPLETED;

    static void on_completion(ref_counted* self, ref_counted* fut) {  // _on_completion
        auto& st = *static_cast<wait_state*>(self);
        auto& f = *static_cast<future_base*>(fut);
        --st.counter;
        if (st.counter == 0 || st.return_when == FIRST_COMPLETED ||
            (st.return_when == FIRST_EXCEPTION && !f.cancelled() && f.exception() != nullptr)) {
            if (st.timeout_handle) st.timeout_handle->cancel();
            if (!st.waiter->done()) st.waiter->set_result();
        }
    }
};

}  // namespace

coro<> wait_until(std::vector<ref<future_base>> fs, wait_options options, site_id site) {
    event_loop& loop = get_running_loop();
    loop.set_await_site(site);
    std::string label =
        loop.tracing() ? fmt::format("wait({} {}, {}{})", fs.size(), fs.size() == 1 ? "task" : "tasks",
                                     to_string(options.return_when),
                                     options.timeout ? fmt::format(", timeout={}", *options.timeout) : std::string())
                       : std::string();
    ref<wait_state> st(new wait_state);
    st->waiter = ref<future<void>>(new future<void>(loop, label));
    if (options.timeout) st->timeout_handle = release_later(*options.timeout, st->waiter, label);
    st->counter = fs.size();
    st->return_when = options.return_when;
    for (auto& f : fs)
        f->add_done_callback(done_callback{&wait_state::on_completion, st, 0, loop.intern("wait: _on_completion")});
    struct cleanup_at_exit {  // the `finally:` of _wait
        wait_state& st;
        std::vector<ref<future_base>>& fs;
        ~cleanup_at_exit() {
            if (st.timeout_handle) st.timeout_handle->cancel();
            for (auto& f : fs) f->remove_done_callbacks(&st);
        }
    } finally{*st, fs};
    co_await await_labelled(st->waiter, await_kind::future, label, site);
}

// ---- as_completed ---------------------------------------------------------------------------------

void as_completed_state::wakeup_next() {  // Queue._wakeup_next(self._getters)
    while (!getters.empty()) {
        ref<future<void>> getter = std::move(getters.front());
        getters.pop_front();
        if (!getter->done()) {
            getter->set_result();
            break;
        }
    }
}

void as_completed_state::put_nowait(ref<future_base> f) {
    done.push_back(std::move(f));
    wakeup_next();
}

void as_completed_state::on_completion(ref_counted* self, ref_counted* fut) {
    auto& st = *static_cast<as_completed_state*>(self);
    if (st.todo.empty()) return;  // _on_timeout() was here first
    auto* f = static_cast<future_base*>(fut);
    std::erase_if(st.todo, [&](const ref<future_base>& t) { return t.get() == f; });
    st.put_nowait(ref<future_base>(f));
    if (st.todo.empty() && st.timeout_handle) st.timeout_handle->cancel();
}

void as_completed_state::on_timeout(ref_counted* self, ref_counted*) {
    auto& st = *static_cast<as_completed_state*>(self);
    st.timeout_handle = {};  // it has fired; keeping it would be a cycle (Python's GC breaks it)
    for (auto& f : st.todo) {
        f->remove_done_callbacks(&st);
        st.put_nowait({});  // a dummy value for _wait_for_one()
    }
    st.todo.clear();
}

ref<as_completed_state> start_as_completed(std::vector<ref<future_base>> todo, std::optional<double> timeout) {
    event_loop& loop = get_running_loop();
    ref<as_completed_state> st(new as_completed_state);
    st->todo = std::move(todo);
    if (loop.tracing())
        st->label = fmt::format("as_completed({} {})", st->todo.size(), st->todo.size() == 1 ? "task" : "tasks");
    for (auto& f : st->todo)
        f->add_done_callback(
            done_callback{&as_completed_state::on_completion, st, 0, loop.intern("as_completed: _on_completion")});
    if (!st->todo.empty() && timeout)
        st->timeout_handle = loop.call_later(
            *timeout, handle{&as_completed_state::on_timeout, st, {}, no_event, {}, false},
            loop.tracing() ? fmt::format("as_completed timeout({})", *timeout) : std::string());
    return st;
}

coro<ref<future_base>> next_completed(ref<as_completed_state> st, site_id site) {
    event_loop& loop = get_running_loop();
    while (st->done.empty()) {  // Queue.get()
        loop.set_await_site(site);
        ref<future<void>> getter(new future<void>(loop, st->label));
        st->getters.push_back(getter);
        std::exception_ptr failed;
        try {
            co_await await_labelled(getter, await_kind::primitive, st->label, site);
        } catch (...) {
            failed = std::current_exception();
            getter->cancel();  // just in case getter is not done yet
            std::erase_if(st->getters, [&](const ref<future<void>>& g) { return g.get() == getter.get(); });
            if (!st->done.empty() && !getter->cancelled()) st->wakeup_next();
        }
        if (failed) std::rethrow_exception(failed);
    }
    ref<future_base> item = std::move(st->done.front());
    st->done.pop_front();
    co_return item;
}

}  // namespace loopscope::detail
