// A per-thread free list for the engine's small, short-lived blocks: coroutine frames, tasks,
// futures, timers. A loop creates and frees them by the hundred thousand; recycling blocks by
// size class instead of going to malloc each time is most of the engine's speed on spawn-heavy
// work. Under AddressSanitizer the pool steps aside so every block is still checked.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>

#include "loopscope/detail/prefetch.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace loopscope::detail {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool pool_enabled = false;
#else
inline constexpr bool pool_enabled = true;
#endif

class block_pool {
public:
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t max_pooled = 1024;  // bigger blocks go straight to operator new

    static void* allocate(std::size_t n) {
        if (!pool_enabled || n > max_pooled) return ::operator new(n);
        free_stack& s = stack(n);
        if (s.size == 0) [[unlikely]]
            refill(s, round_up(n));
        void* b = s.items[--s.size];
        // Freed blocks come back in the order their objects died (a timer run frees them in deadline
        // order, i.e. at random), so each block is a cache miss. Their addresses are all here, so
        // fetch the one handed out a few allocations from now while the callers fill these.
        if (s.size >= prefetch_distance) prefetch(s.items[s.size - prefetch_distance], n);
        return b;
    }
    static void deallocate(void* p, std::size_t n) noexcept {
        if (!pool_enabled || n > max_pooled) {
            ::operator delete(p);
            return;
        }
        free_stack& s = stack(n);
        if (s.size == s.cap) [[unlikely]] {
            // Only when a block is freed on another thread than the one that made it: refill keeps
            // room for every block a thread made. If even that fails, the block is leaked, not lost.
            if (!s.reserve(s.cap ? s.cap * 2 : 64)) return;
        }
        s.items[s.size++] = p;
        s.shuffled = true;
    }
    // Puts every size class whose blocks are all free back in address order. Blocks come back in
    // the order their objects died (a timer run frees them at random), and a later run handed them
    // out in that order: after the timers workload the gather tree ran 1.4x slower than alone, each
    // new object a cache and TLB miss. The loop calls this when it is destroyed.
    static void tidy() noexcept {
        if (!pool_enabled) return;
        for (free_stack& s : stacks()) {
            if (!s.shuffled) continue;
            s.shuffled = false;
            if (s.size != s.made) continue;  // some blocks are still alive: their slots are unknown
            std::size_t n = 0;
            for (std::size_t k = s.slab_count; k-- > 0;)
                for (std::size_t i = s.per_slab; i-- > 0;) s.items[n++] = s.slabs[k] + i * s.block;
        }
    }

private:
    // The free blocks of one size class, as a stack of addresses rather than a list threaded through
    // the blocks: popping touches no block, and the next ones are known in advance (see allocate).
    struct free_stack {
        void** items = nullptr;
        std::size_t size = 0;
        std::size_t cap = 0;
        std::size_t made = 0;  // blocks this thread cut from slabs
        bool shuffled = false;  // blocks came back since the last tidy()
        // The slabs the blocks were cut from, in order (for tidy).
        char** slabs = nullptr;
        std::size_t slab_count = 0, slab_cap = 0, per_slab = 0, block = 0;
        bool reserve(std::size_t n) noexcept {
            if (n <= cap) return true;
            void* p = std::realloc(static_cast<void*>(items), n * sizeof(void*));
            if (!p) return false;
            items = static_cast<void**>(p);
            cap = n;
            return true;
        }
    };
    static constexpr std::size_t prefetch_distance = 4;
    // An empty stack gets a whole slab of blocks at once: one malloc per 64 KB instead of one per
    // block, and blocks made together sit together in memory. Like every pooled block, slabs are
    // kept for reuse, never returned.
    static constexpr std::size_t slab_bytes = 64 * 1024;
    static void refill(free_stack& s, std::size_t block) {
        std::size_t count = slab_bytes / block;
        // Room for every block this thread has made of this size, so that freeing never grows it;
        // doubling, so that a run that makes a hundred thousand blocks does not copy the stack per slab.
        if (s.made + count > s.cap && !s.reserve(std::max(s.made + count, 2 * s.cap))) throw std::bad_alloc();
        if (s.slab_count == s.slab_cap) {
            std::size_t cap = s.slab_cap ? s.slab_cap * 2 : 16;
            void* p = std::realloc(static_cast<void*>(s.slabs), cap * sizeof(char*));
            if (!p) throw std::bad_alloc();
            s.slabs = static_cast<char**>(p);
            s.slab_cap = cap;
        }
        s.made += count;
        auto* slab = static_cast<char*>(next_slab());
        s.slabs[s.slab_count++] = slab;
        s.per_slab = count;
        s.block = block;
        for (std::size_t i = count; i-- > 0;) s.items[s.size++] = slab + i * block;  // handed out in address order
    }
    // Slabs are cut from 2 MB chunks that ask for transparent huge pages: a run with a hundred
    // thousand live tasks touches them in timer order, i.e. at random, and with 4 KB pages nearly
    // every touch was also a TLB miss.
    static constexpr std::size_t chunk_bytes = std::size_t{2} << 20;
    static void* next_slab() {
        struct arena {
            char* next = nullptr;
            char* end = nullptr;
        };
        thread_local arena a;
        if (a.next == a.end) {
            a.next = static_cast<char*>(::operator new(chunk_bytes, std::align_val_t{chunk_bytes}));
            a.end = a.next + chunk_bytes;
#if defined(__linux__)
            madvise(a.next, chunk_bytes, MADV_HUGEPAGE);  // a hint; harmless where unsupported
#endif
        }
        void* slab = a.next;
        a.next += slab_bytes;
        return slab;
    }
    static constexpr std::size_t round_up(std::size_t n) { return (n + granule - 1) / granule * granule; }
    using class_stacks = free_stack[max_pooled / granule + 1];
    static class_stacks& stacks() {
        thread_local class_stacks all = {};
        return all;
    }
    static free_stack& stack(std::size_t n) { return stacks()[round_up(n) / granule]; }
};

}  // namespace loopscope::detail
