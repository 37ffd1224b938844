// Promises: state, reactions and rejection tracking (see js/promise.hpp).
#include "loopscope/js/promise.hpp"

#include "loopscope/task.hpp"

namespace loopscope::js {

error error_of(const std::exception_ptr& reason) {
    if (!reason) return error("Error", "undefined");
    try {
        std::rethrow_exception(reason);
    } catch (const error& e) {
        return e;
    } catch (const std::exception& e) {
        return error("Error", e.what());
    } catch (...) {
        return error("Error", "unknown exception");
    }
}

std::string error_text(const std::exception_ptr& reason) {
    error e = error_of(reason);
    return e.name() + ": " + e.message();
}

namespace detail {

std::string function_name(const char* signature) {
    std::string_view s = signature ? signature : "";
    if (s.find("<lambda") != std::string_view::npos) return "anonymous";  // an async arrow function
    return loopscope::detail::coroutine_name(signature);
}

}  // namespace detail

promise_core::promise_core(node_loop& loop, std::string_view label) : loop_(&loop), label_(label) {
    loop.register_promise(this);
    if (loop.tracing()) {
        id_ = loop.next_future_id();
        loop.record(event_kind::future_created, 0, 0, id_, loop.current_task(), loop.intern(label));
    }
}

promise_core::~promise_core() {
    if (loop_) loop_->unregister_promise(this);
}

void promise_core::add_reaction(reaction r) {
    if (status_ == promise_status::pending) reactions_.push_back(std::move(r));
    else enqueue(std::move(r));
    handled_ = true;
}

void promise_core::settle_fulfilled(std::string text) {
    if (status_ != promise_status::pending || !loop_) return;
    status_ = promise_status::fulfilled;
    settled_event_ = loop_->record(event_kind::future_resolved, static_cast<std::uint8_t>(outcome::result), 0, id_, 0,
                                   loop_->add_string(std::move(text)));
    trigger();
}

void promise_core::reject(std::exception_ptr reason) {
    if (status_ != promise_status::pending || !loop_) return;
    status_ = promise_status::rejected;
    reason_ = std::move(reason);
    settled_event_ = loop_->record(event_kind::future_resolved, static_cast<std::uint8_t>(outcome::exception), 0, id_, 0,
                                   loop_->tracing() ? loop_->add_string(error_text(reason_)) : 0);
    if (!handled_) loop_->track_rejection(this);
    trigger();
}

void promise_core::trigger() {
    // Each reaction becomes one microtask, in the order they were registered.
    auto rs = std::move(reactions_);
    reactions_.clear();
    for (auto& r : rs) enqueue(std::move(r));
}

void promise_core::enqueue(reaction r) {
    loopscope::detail::ref<promise_core> self(this);
    auto job = [self, run = std::move(r.run)]() mutable { run(*self); };
    if (r.resumes_task) loop_->queue_resume(r.resumes_task, std::move(job), settled_event_);
    else loop_->queue_microtask(std::move(job), r.label);
}

void promise_core::drop_reactions() {
    auto rs = std::move(reactions_);
    reactions_.clear();
}

}  // namespace loopscope::js
