#include "loopscope/ensure_future.hpp"

#include <fmt/format.h>

#include "loopscope/detail/labelled.hpp"

namespace loopscope::detail {

std::string describe_future(const future_base& f) {
    if (f.is_task()) return fmt::format("task {}", static_cast<const task_base&>(f).name());
    return "future";
}

void release_waiter(ref_counted* waiter, ref_counted*) {
    auto* w = static_cast<future<void>*>(waiter);
    if (!w->done()) w->set_result();
}

}  // namespace loopscope::detail
