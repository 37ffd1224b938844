// The ready queue: a FIFO ring buffer that grows by doubling. std::deque allocates blocks as it
// moves along; a loop that pushes and pops a million handles wants one buffer reused forever.
// Elements must be trivially copyable (the loop stores detail::queued_handle).
//
// The buffer is an event_buffer, which grows in place (mremap): a gather queueing 100k children
// grew the ring eight times, copying it each time. Only the part that wrapped around moves.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "loopscope/detail/event_buffer.hpp"

namespace loopscope::detail {

template <class T>
class ring_queue {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                  "ring_queue copies elements bytewise into raw storage");

public:
    ring_queue() = default;
    ring_queue(const ring_queue&) = delete;  // data_ points into buffer_
    ring_queue& operator=(const ring_queue&) = delete;

    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::size_t size() const { return size_; }

    void push_back(const T& v) {
        if (size_ == cap_) [[unlikely]]
            grow();
        data_[wrap(head_ + size_)] = v;
        ++size_;
    }
    // The oldest element; pop_front removes it.
    [[nodiscard]] const T& front() const { return data_[head_]; }
    void pop_front() {
        head_ = wrap(head_ + 1);
        --size_;
    }
    // The i-th oldest element (0 = the next to run).
    const T& operator[](std::size_t i) const { return data_[wrap(head_ + i)]; }

private:
    // Capacities are not powers of two (the buffer grows by pages), so wrap by comparing.
    [[nodiscard]] std::size_t wrap(std::size_t i) const { return i >= cap_ ? i - cap_ : i; }
    [[gnu::noinline]] void grow() {
        std::size_t old_cap = cap_;
        buffer_.reserve(old_cap ? old_cap * 2 : 1);
        data_ = buffer_.data();
        cap_ = buffer_.capacity();
        // The elements are [head_, old_cap) then [0, head_): move the second run after the first.
        assert(cap_ >= old_cap + head_ && "the ring must at least double");
        if (head_) std::memcpy(static_cast<void*>(data_ + old_cap), data_, head_ * sizeof(T));
    }
    event_buffer<T> buffer_;  // its size() stays 0: only its capacity is used
    T* data_ = nullptr;
    std::size_t head_ = 0, size_ = 0, cap_ = 0;
};

}  // namespace loopscope::detail
