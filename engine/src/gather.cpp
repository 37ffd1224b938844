#include "loopscope/gather.hpp"

#include <fmt/format.h>

namespace loopscope {

gathering_future_base::gathering_future_base(event_loop& loop, std::string_view label, bool return_exceptions)
    : future_base(loop, label), return_exceptions_(return_exceptions) {}

void gathering_future_base::add_child(const detail::ref<future_base>& child, bool fresh) {
    children_.push_back(child);
    if (!fresh && !seen_.insert(child.get()).second) return;  // a duplicate: one callback per distinct future
    ++nfuts_;
    if (child_done_label_ == no_string) child_done_label_ = loop_->intern("gather: child done");
    child->add_done_callback(done_callback{&on_child_done, detail::ref<detail::ref_counted>(this), 0, child_done_label_});
}

// _GatheringFuture.cancel: cancel the children; the gather itself ends when they report back.
bool gathering_future_base::cancel(std::string msg) {
    if (done()) return false;
    bool ret = false;
    for (auto& child : children_)
        if (child->cancel(msg)) ret = true;
    // Any child actually cancelled: propagate the cancellation even with return_exceptions (bpo-32684).
    if (ret) cancel_requested_ = true;
    return ret;
}

// gather's _done_callback, run (via call_soon) once per distinct child.
void gathering_future_base::on_child_done(detail::ref_counted* self, detail::ref_counted* child) {
    auto& outer = *static_cast<gathering_future_base*>(self);
    auto& fut = *static_cast<future_base*>(child);
    ++outer.nfinished_;

    if (outer.done()) {
        if (!fut.cancelled()) (void)fut.exception();  // mark the exception retrieved
        return;
    }
    if (!outer.return_exceptions_) {
        if (fut.cancelled()) {
            outer.set_exception(std::make_exception_ptr(cancelled_error(fut.cancel_message())));
            return;
        }
        if (std::exception_ptr exc = fut.exception()) {
            outer.set_exception(exc);
            return;
        }
    }
    if (outer.nfinished_ == outer.nfuts_) {
        if (outer.cancel_requested_) {
            for (auto& c : outer.children_)
                if (!c->cancelled()) (void)c->exception();  // the results loop retrieves them
            // CPython raises fut._make_cancelled_error() with `fut` left over from its results loop:
            // the last child.
            outer.set_exception(std::make_exception_ptr(cancelled_error(outer.children_.back()->cancel_message())));
        } else {
            outer.set_gathered_result();
        }
    }
}

namespace detail {

std::string gather_label(std::size_t n) { return fmt::format("gather({} {})", n, n == 1 ? "task" : "tasks"); }

}  // namespace detail
}  // namespace loopscope
