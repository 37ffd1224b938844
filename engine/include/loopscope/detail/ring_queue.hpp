// The ready queue: a FIFO ring buffer that grows by doubling. std::deque allocates blocks as it
// moves along; a loop that pushes and pops a million handles wants one buffer reused forever.
// Elements must be trivially copyable (the loop stores detail::queued_handle).
#pragma once

#include <cstddef>
#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

namespace loopscope::detail {

template <class T>
class ring_queue {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                  "ring_queue copies elements bytewise into raw storage");

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
        // Raw storage, not make_unique<T[]>: that would zero a buffer that is about to be overwritten.
        std::unique_ptr<T[], raw_delete> bigger(static_cast<T*>(::operator new[](cap * sizeof(T))));
        std::size_t first = std::min(size_, cap_ - head_);  // from head_ to the end of the old buffer
        if (size_) {
            std::memcpy(bigger.get(), data_.get() + head_, first * sizeof(T));
            std::memcpy(bigger.get() + first, data_.get(), (size_ - first) * sizeof(T));
        }
        data_ = std::move(bigger);
        mask_ = cap - 1;
        cap_ = cap;
        head_ = 0;
    }
    struct raw_delete {
        void operator()(T* p) const noexcept { ::operator delete[](p); }
    };
    std::unique_ptr<T[], raw_delete> data_;
    std::size_t mask_ = 0, head_ = 0, size_ = 0, cap_ = 0;
};

}  // namespace loopscope::detail
