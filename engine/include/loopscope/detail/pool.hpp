// A per-thread freelist for the engine's small, short-lived blocks: coroutine frames, tasks,
// futures, timers. A loop creates and frees them by the hundred thousand; recycling blocks by
// size class instead of going to malloc each time is most of the engine's speed on spawn-heavy
// work. Under AddressSanitizer the pool steps aside so every block is still checked.
#pragma once

#include <cstddef>
#include <new>

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
        auto& head = free_list(n);
        if (!head) [[unlikely]]
            refill(head, round_up(n));
        node* b = head;
        head = b->next;
        return b;
    }
    static void deallocate(void* p, std::size_t n) noexcept {
        if (!pool_enabled || n > max_pooled) {
            ::operator delete(p);
            return;
        }
        auto* b = static_cast<node*>(p);
        auto& head = free_list(n);
        b->next = head;
        head = b;
    }

private:
    struct node {
        node* next;
    };
    // An empty list gets a whole slab of blocks at once: one malloc per 64 KB instead of one per
    // block, and blocks made together sit together in memory. Like every pooled block, slabs are
    // kept for reuse, never returned.
    static constexpr std::size_t slab_bytes = 64 * 1024;
    static void refill(node*& head, std::size_t block) {
        std::size_t count = slab_bytes / block;
        auto* slab = static_cast<char*>(next_slab());
        for (std::size_t i = count; i-- > 0;) {
            auto* b = reinterpret_cast<node*>(slab + i * block);
            b->next = head;
            head = b;
        }
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
    static node*& free_list(std::size_t n) {
        thread_local node* lists[max_pooled / granule + 1] = {};
        return lists[round_up(n) / granule];
    }
};

}  // namespace loopscope::detail
