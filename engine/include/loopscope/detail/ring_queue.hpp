// The ready queue: a FIFO ring buffer that grows by doubling. std::deque allocates blocks as it
// moves along; a loop that pushes and pops a million handles wants one buffer reused forever.
// Elements must be trivially copyable (the loop stores detail::queued_handle).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

namespace loopscope::detail {

template <class T>
class ring_queue {
    static_assert(std::is_trivially_copyable_v<T>, "ring_queue copies elements bytewise");

public:
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::size_t size() const { return size_; }

    void push_back(const T& v) {
        if (size_ == cap_) [[unlikely]]
            grow();
        data_[(head_ + size_) & mask_] = v;
        ++size_;
    }
    // Removes and returns the oldest element.
    T pop_front() {
        T v = data_[head_];
        head_ = (head_ + 1) & mask_;
        --size_;
        return v;
    }
    // The i-th oldest element (0 = the next to run).
    const T& operator[](std::size_t i) const { return data_[(head_ + i) & mask_]; }

private:
    [[gnu::noinline]] void grow() {
        std::size_t cap = cap_ ? cap_ * 2 : 256;
        auto bigger = std::make_unique<T[]>(cap);
        for (std::size_t i = 0; i < size_; ++i) bigger[i] = data_[(head_ + i) & mask_];
        data_ = std::move(bigger);
        mask_ = cap - 1;
        cap_ = cap;
        head_ = 0;
    }
    std::unique_ptr<T[]> data_;
    std::size_t mask_ = 0, head_ = 0, size_ = 0, cap_ = 0;
};

}  // namespace loopscope::detail
