// Storage for a trace's events: a growable array of trivially copyable records that never copies
// them while it grows.
//
// A traced run appends tens of millions of 16-byte events. A std::vector doubles by allocating a
// new block, copying everything and touching fresh pages each time, so a traced run spent more
// time moving its events than making them. On Linux this buffer is an anonymous mapping that
// grows with mremap: the kernel moves page tables, not bytes, and pages already touched stay.
// Big buffers ask for transparent huge pages (one fault per 2 MB instead of per 4 KB).
// Elsewhere it falls back to plain doubling.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace loopscope::detail {

template <class T>
class event_buffer {
    static_assert(std::is_trivially_copyable_v<T>, "event_buffer copies elements bytewise");

public:
    event_buffer() = default;
    event_buffer(const event_buffer& o) { assign(o.data_, o.size_); }
    event_buffer(event_buffer&& o) noexcept
        : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), cap_(std::exchange(o.cap_, 0)) {}
    event_buffer& operator=(const event_buffer& o) {
        if (this != &o) {
            size_ = 0;
            assign(o.data_, o.size_);
        }
        return *this;
    }
    event_buffer& operator=(event_buffer&& o) noexcept {
        if (this != &o) {
            release();
            data_ = std::exchange(o.data_, nullptr);
            size_ = std::exchange(o.size_, 0);
            cap_ = std::exchange(o.cap_, 0);
        }
        return *this;
    }
    ~event_buffer() { release(); }

    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] T* data() { return data_; }
    [[nodiscard]] const T* data() const { return data_; }
    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }
    operator std::span<const T>() const { return {data_, size_}; }  // NOLINT: a view, as vector gives

    [[gnu::always_inline]] void push_back(const T& v) {
        if (size_ == cap_) [[unlikely]]
            grow(size_ + 1);
        data_[size_++] = v;
    }
    // Appends n elements copied from p.
    void append(const T* p, std::size_t n) {
        if (size_ + n > cap_) [[unlikely]]
            grow(size_ + n);
        if (n) std::memcpy(static_cast<void*>(data_ + size_), p, n * sizeof(T));
        size_ += n;
    }
    // Room for at least n elements. Growing keeps every element up to the old capacity, not only
    // the first size() (ring_queue keeps its elements there).
    void reserve(std::size_t n) {
        if (n > cap_) grow(n);
    }
    [[nodiscard]] std::size_t capacity() const { return cap_; }
    // New elements are zero bytes (the file loader overwrites them).
    void resize(std::size_t n) {
        reserve(n);
        if (n > size_) std::memset(static_cast<void*>(data_ + size_), 0, (n - size_) * sizeof(T));
        size_ = n;
    }
    void clear() { size_ = 0; }

private:
    static constexpr std::size_t page = 4096;
    static constexpr std::size_t huge_page = std::size_t{2} << 20;
    static constexpr std::size_t first_bytes = 64 * 1024;

    void assign(const T* src, std::size_t n) {
        reserve(n);
        if (n) std::memcpy(static_cast<void*>(data_), src, n * sizeof(T));
        size_ = n;
    }

    void grow(std::size_t at_least) {
        std::size_t bytes = cap_ ? cap_ * sizeof(T) : first_bytes;
        while (bytes < at_least * sizeof(T)) bytes *= 2;
        bytes = (bytes + page - 1) / page * page;
        void* p = remap(data_, cap_ * sizeof(T), bytes);
        if (!p) throw std::bad_alloc();
        data_ = static_cast<T*>(p);
        cap_ = bytes / sizeof(T);
    }

#if defined(__linux__)
    static void* remap(void* old, std::size_t old_bytes, std::size_t bytes) {
        void* p = old ? mremap(old, old_bytes, bytes, MREMAP_MAYMOVE)
                      : mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return nullptr;
        if (bytes >= huge_page) madvise(p, bytes, MADV_HUGEPAGE);  // a hint; ignored where unsupported
        return p;
    }
    void release() {
        if (data_) munmap(data_, cap_ * sizeof(T));
        data_ = nullptr;
        size_ = cap_ = 0;
    }
#else
    static void* remap(void* old, std::size_t, std::size_t bytes) { return std::realloc(old, bytes); }
    void release() {
        std::free(data_);
        data_ = nullptr;
        size_ = cap_ = 0;
    }
#endif

    T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t cap_ = 0;
};

}  // namespace loopscope::detail
