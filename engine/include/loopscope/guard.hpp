// What `async with primitive:` holds: the lock, semaphore or condition stays acquired until the
// guard goes out of scope.
//
//   async with lock:                       {
//       ...                                    auto held = co_await lk.acquire_guard();
//                                              ...
//                                          }   // __aexit__: lk.release()
//
// __aexit__ of asyncio's primitives only calls release() (it never awaits), so a destructor runs
// exactly what Python runs, at the same moment, also when an exception (a cancellation) unwinds.
#pragma once

#include <utility>

namespace loopscope {

template <class Primitive>
class [[nodiscard]] guard {
public:
    explicit guard(Primitive p) : p_(std::move(p)) {}
    guard(guard&& o) noexcept : p_(o.p_), held_(std::exchange(o.held_, false)) {}
    guard(const guard&) = delete;
    guard& operator=(const guard&) = delete;
    guard& operator=(guard&&) = delete;
    ~guard() {
        // A destructor must not throw; release() only throws when the scenario already released
        // by hand, which Python's __aexit__ would report as a RuntimeError.
        if (held_) try {
                p_.release();
            } catch (...) {
            }
    }

    // Leaves the `async with` block early.
    void release() {
        if (std::exchange(held_, false)) p_.release();
    }
    [[nodiscard]] bool holds() const { return held_; }

private:
    Primitive p_;
    bool held_ = true;
};

}  // namespace loopscope
