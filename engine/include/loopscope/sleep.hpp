// asyncio.sleep(delay): suspend the task; the loop runs others meanwhile.
//
// sleep(0) is a bare yield: the task goes to the back of the ready queue and resumes next turn.
// sleep(d > 0) arms a timer that resolves a future; the task wakes one turn after the timer fires,
// because the timer's callback only queues the task's wake-up (as in CPython).
#pragma once

#include "loopscope/detail/float_text.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

class [[nodiscard]] sleep_awaiter {
public:
    explicit sleep_awaiter(double delay) : delay_(delay) {}

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> leaf) {
        event_loop& loop = get_running_loop();
        task_ = loop.current_task();
        if (!task_) throw std::logic_error("sleep() awaited outside a task: run it with run() or create_task()");
        if (delay_ <= 0) {
            task_->suspend_yield(leaf);
            return;
        }
        task_base* t = task_;
        fut_ = detail::ref<future<void>>(new future<void>(loop, {}, false));
        fut_->wake_reason = schedule_reason::timer_fired;
        handle h{&set_result_unless_cancelled, fut_, {}, no_event, {}, false};
        string_id label = 0;
        if (loop.tracing()) {  // formatted on the stack, interned once for the timer and the suspension
            char text[8 + detail::float_text_max] = {'s', 'l', 'e', 'e', 'p', '('};
            char* end = detail::write_float(text + 6, delay_);
            *end++ = ')';
            label = loop.intern(std::string_view(text, static_cast<std::size_t>(end - text)));
        }
        timer_ = loop.call_at(loop.time() + delay_, std::move(h), label);
        timer_->touches(t, leaf.address());  // what its firing wakes, fetched ahead (see prefetch_next_timers)
        t->suspend_on(*fut_, leaf, await_kind::sleep, label, timer_->id());
    }
    void await_resume() {
        if (timer_) timer_->cancel();  // sleep's `finally: h.cancel()`
        task_->rethrow_pending();
        if (fut_) fut_->result();
    }

private:
    // futures._set_result_unless_cancelled
    static void set_result_unless_cancelled(detail::ref_counted* f, detail::ref_counted*) {
        auto* fut = static_cast<future<void>*>(f);
        if (!fut->cancelled()) fut->set_result();
    }
    double delay_;
    task_base* task_ = nullptr;  // the task that awaits (alive: it is the one resuming us)
    detail::ref<future<void>> fut_;
    detail::ref<timer_handle> timer_;
};

// asyncio.sleep(seconds)
inline sleep_awaiter sleep(double seconds) { return sleep_awaiter(seconds); }

}  // namespace loopscope
