// Intrusive, single-threaded reference counting: futures and tasks are shared by the loop's
// queues, their awaiters and combinators, and only the loop thread touches them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "loopscope/detail/pool.hpp"

namespace loopscope::detail {

class ref_counted {
public:
    ref_counted() = default;
    ref_counted(const ref_counted&) = delete;
    ref_counted& operator=(const ref_counted&) = delete;
    virtual ~ref_counted() = default;
    // Futures, tasks and timers come and go by the hundred thousand: recycle their blocks.
    static void* operator new(std::size_t n) { return block_pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) noexcept { block_pool::deallocate(p, n); }
    void add_ref() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0) [[unlikely]]
            destroy();
    }

private:
    // Out of line, so that dropping a reference inlines to a decrement and a branch.
    [[gnu::noinline]] void destroy() noexcept { delete this; }
    std::uint32_t refs_ = 0;
};

template <class T>
class ref {
public:
    ref() = default;
    ref(T* p) : p_(p) {  // NOLINT: implicit from a raw pointer is the point
        if (p_) p_->add_ref();
    }
    ref(const ref& o) : ref(o.p_) {}
    ref(ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    template <class U>
    ref(const ref<U>& o) : ref(static_cast<T*>(o.get())) {}
    ref& operator=(ref&& o) noexcept {
        if (this != &o) {
            if (p_) p_->release();
            p_ = std::exchange(o.p_, nullptr);
        }
        return *this;
    }
    ref& operator=(const ref& o) noexcept {
        if (o.p_) o.p_->add_ref();
        if (p_) p_->release();
        p_ = o.p_;
        return *this;
    }
    ref& operator=(std::nullptr_t) noexcept {
        if (p_) std::exchange(p_, nullptr)->release();
        return *this;
    }
    ~ref() {
        if (p_) p_->release();
    }
    T* get() const { return p_; }
    // Gives up ownership without releasing: the caller now owns one reference (see adopt).
    [[nodiscard]] T* detach() noexcept { return std::exchange(p_, nullptr); }
    // Takes over a reference that detach() gave up, without adding one.
    [[nodiscard]] static ref adopt(T* p) noexcept {
        ref r;
        r.p_ = p;
        return r;
    }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    bool operator==(const ref& o) const { return p_ == o.p_; }

private:
    T* p_ = nullptr;
};

template <class T, class... A>
ref<T> make_ref(A&&... a) {
    return ref<T>(new T(std::forward<A>(a)...));
}

}  // namespace loopscope::detail
