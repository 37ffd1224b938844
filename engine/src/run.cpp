#include "loopscope/run.hpp"

#include <fmt/format.h>

#include "loopscope/repr.hpp"

namespace loopscope {
namespace {

struct stopper : detail::ref_counted {
    // _run_until_complete_cb: stop the loop once the future is done.
    static void call(detail::ref_counted*, detail::ref_counted* fut) {
        auto* f = static_cast<future_base*>(fut);
        if (!f->cancelled()) (void)f->exception();
        f->loop().stop();
    }
};

std::string deadlock_report(event_loop& loop) {
    std::string stuck;
    for (auto& t : loop.tasks()) {
        if (t->done()) continue;
        std::string what = "something that never completes";
        if (t->await_label()) what = std::string(loop.string_of(t->await_label()));
        stuck += fmt::format("{}{} ({}) waits on {}", stuck.empty() ? "" : "; ", t->name(), t->coroutine(), what);
    }
    return fmt::format("nothing is ready and no timer is set, but main has not finished. Stuck: {}. "
                       "Something must complete what they wait for (a put, a release, a set_result).",
                       stuck);
}

}  // namespace

bool run_until_complete(event_loop& loop, future_base& fut) {
    detail::ref<detail::ref_counted> stop(new stopper);
    fut.add_done_callback(done_callback{&stopper::call, stop, 0, loop.intern("run_until_complete: stop the loop")});
    loop.run_forever();
    fut.remove_done_callbacks(stop.get());
    return fut.done();
}

void cancel_all_tasks(event_loop& loop) {
    std::vector<detail::ref<task_base>> to_cancel;
    for (auto& t : loop.tasks())
        if (!t->done()) to_cancel.push_back(t);
    if (to_cancel.empty()) return;
    for (auto& t : to_cancel) t->cancel();
    // gather(*to_cancel, return_exceptions=True): one done-callback per task, outer set by the last.
    detail::ref<future<void>> all(new future<void>(loop, "gather (shutdown)"));
    auto remaining = std::make_shared<std::size_t>(to_cancel.size());
    for (auto& t : to_cancel)
        t->add_done_callback(
            [all, remaining](future_base&) {
                if (--*remaining == 0 && !all->done()) all->set_result();
            },
            "gather: child done");
    run_until_complete(loop, *all);
    for (auto& t : to_cancel)
        if (t->done() && !t->cancelled() && t->exception())
            loop.diagnose(diagnostic_kind::unhandled_exception, t->id(),
                          fmt::format("unhandled exception during asyncio.run() shutdown in {}: {}", t->name(),
                                      exception_repr(t->exception())));
}

namespace detail {

run_result finish_run(event_loop& loop, task_base& main) {
    run_result r;
    detail::ref<task_base> keep(&main);
    bool finished = run_until_complete(loop, main);
    if (!finished) {
        if (loop.limit_hit()) {
            r.limit_reached = true;
        } else {
            r.deadlocked = true;
            loop.diagnose(diagnostic_kind::deadlock, main.id(), deadlock_report(loop), main.await_site());
        }
    } else {
        cancel_all_tasks(loop);
        if (!main.cancelled() && main.exception()) {
            r.error = main.exception();
            r.error_text = fmt::format("{}: {}", exception_type(r.error), exception_str(r.error));
            loop.diagnose(diagnostic_kind::unhandled_exception, main.id(),
                          fmt::format("main raised {}", r.error_text));
        } else if (main.cancelled()) {
            r.error = std::make_exception_ptr(cancelled_error(main.cancel_message()));
            r.error_text = "CancelledError";
        }
    }
    for (auto& t : loop.tasks())
        if (t.get() != &main && t->done() && !t->cancelled() && !t->exception_retrieved && t->exception())
            loop.diagnose(diagnostic_kind::exception_never_retrieved, t->id(),
                          fmt::format("Task exception was never retrieved: {} raised {}", t->name(),
                                      exception_repr(t->exception())),
                          t->await_site() ? t->await_site() : t->created_site());
    r.output = loop.output();
    r.diagnostics = loop.diagnostics();
    r.trace = loop.take_trace();
    return r;
}

}  // namespace detail
}  // namespace loopscope
