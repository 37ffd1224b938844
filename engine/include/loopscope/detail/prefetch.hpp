// Software prefetch: ask for cache lines ahead of use, so that the loads that come later do not
// wait for memory. The loop uses it where it knows the next objects before it needs them (the next
// timers, the rest of a ready pass, the next free blocks).
#pragma once

#include <cstddef>

namespace loopscope::detail {

inline constexpr std::size_t cache_line = 64;

// Fetches the lines of [p, p + bytes) into the cache. A prefetch never faults, so p may be dangling;
// null is skipped.
[[gnu::always_inline]] inline void prefetch(const void* p, std::size_t bytes) {
    if (!p) return;
    const char* c = static_cast<const char*>(p);
    for (std::size_t off = 0; off < bytes; off += cache_line) __builtin_prefetch(c + off);
    // GCC 12 finds no side effect in a function that only prefetches and deletes the calls to it
    // (and to its callers); a volatile asm, even empty, counts as one.
    asm volatile("");
}

}  // namespace loopscope::detail
