// asyncio.sleep(delay): suspend the task; the loop runs others meanwhile.
//
// sleep(0) is a bare yield: the task goes to the back of the ready queue and resumes next turn.
// sleep(d > 0) arms a timer that resolves a future; the task wakes one turn after the timer fires,
// because the timer's callback only queues the task's wake-up (as in CPython).
#pragma once

#include "loopscope/task.hpp"

namespace loopscope {

class [[nodiscard]] sleep_awaiter {
public:
    explicit sleep_awaiter(double delay) : delay_(delay) {}
    sleep_awaiter(sleep_awaiter&& o) noexcept
        : delay_(o.delay_), task_(o.task_), fut_(std::exchange(o.fut_, nullptr)), timer_(std::exchange(o.timer_, nullptr)) {}
    sleep_awaiter& operator=(sleep_awaiter&&) = delete;
    ~sleep_awaiter() {
        if (fut_) [[unlikely]]
            drop_timer();
    }

    bool await_ready() const noexcept { return false; }
    // sleep(0) is the hottest await there is (a task yielding its turn): its path is inline and
    // touches only the task; a timed sleep and misuse go out of line.
    [[gnu::always_inline]] void await_suspend(std::coroutine_handle<> leaf) {
        task_ = get_running_loop().current_task();
        if (delay_ <= 0 && task_) [[likely]] {
            task_->suspend_yield(leaf);
            return;
        }
        suspend_on_timer(leaf);
    }
    [[gnu::always_inline]] void await_resume() {
        if (fut_) [[unlikely]] {
            resume_from_timer();
            return;
        }
        task_->rethrow_pending();
    }

private:
    // A timed sleep, or sleep() outside a task (await_suspend's yield path took the rest).
    [[gnu::noinline]] void suspend_on_timer(std::coroutine_handle<> leaf) {
        event_loop& loop = get_running_loop();
        if (!task_) throw std::logic_error("sleep() awaited outside a task: run it with run() or create_task()");
        task_base* t = task_;
        fut_ = new future<void>(loop, {}, false);
        fut_->add_ref();
        fut_->wake_reason = schedule_reason::timer_fired;
        handle h{&set_result_unless_cancelled, detail::ref<future<void>>(fut_), {}, no_event, {}, false};
        string_id label = loop.sleep_label(delay_);  // one for the timer and the suspension
        timer_ = loop.call_at(loop.time() + delay_, std::move(h), label).detach();
        timer_->touches(t, leaf.address());  // what its firing wakes, fetched ahead (see prefetch_next_timers)
        t->suspend_on(*fut_, leaf, await_kind::sleep, label, timer_->id());
    }
    [[gnu::noinline]] void resume_from_timer() {
        timer_->cancel();  // sleep's `finally: h.cancel()`
        task_->rethrow_pending();
        fut_->result();
    }
    [[gnu::noinline]] void drop_timer() {
        if (timer_) std::exchange(timer_, nullptr)->release();
        std::exchange(fut_, nullptr)->release();
    }
    // futures._set_result_unless_cancelled
    static void set_result_unless_cancelled(detail::ref_counted* f, detail::ref_counted*) {
        auto* fut = static_cast<future<void>*>(f);
        if (!fut->cancelled()) fut->set_result();
    }
    double delay_;
    task_base* task_ = nullptr;  // the task that awaits (alive: it is the one resuming us)
    // A timed sleep's future and timer, one reference each (raw, so that sleep(0) destroys nothing).
    future<void>* fut_ = nullptr;
    timer_handle* timer_ = nullptr;
};

// asyncio.sleep(seconds)
inline sleep_awaiter sleep(double seconds) { return sleep_awaiter(seconds); }

}  // namespace loopscope
