// Intrusive, single-threaded reference counting: futures and tasks are shared by the loop's
// queues, their awaiters and combinators, and only the loop thread touches them.
#pragma once

#include <cstdint>
#include <utility>

namespace loopscope::detail {

class ref_counted {
public:
    ref_counted() = default;
    ref_counted(const ref_counted&) = delete;
    ref_counted& operator=(const ref_counted&) = delete;
    virtual ~ref_counted() = default;
    void add_ref() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0) delete this;
    }

private:
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
    ref& operator=(ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~ref() {
        if (p_) p_->release();
    }
    T* get() const { return p_; }
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
