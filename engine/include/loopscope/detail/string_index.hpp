// The lookup behind trace_builder::intern: string -> id, for strings kept in the trace's own table.
//
// An open-addressing table of (hash, id) pairs that compares candidates against the table the trace
// already holds, so interning a new string costs no allocation of its own (an unordered_map<string>
// allocated a node and a second copy of every key; a timer-heavy run interns one label per timer).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/detail/string_table.hpp"

namespace loopscope::detail {

class string_index {
public:
    static constexpr std::uint32_t absent = 0xffffffffu;

    // Inline, eight bytes per multiply: std::hash (libstdc++'s out-of-line murmur) cost ~140
    // instructions per label, and a timer-heavy run hashes one fresh label per timer
    // ("sleep(0.6394267984578837)"). String ids do not depend on the hash, only lookups do.
    [[nodiscard]] static std::uint32_t hash(std::string_view s) {
        const char* p = s.data();
        std::size_t n = s.size();
        std::uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
        auto mix = [&h](std::uint64_t k) {
            h = (h ^ k) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 29;
        };
        for (; n > 8; p += 8, n -= 8) mix(load<8>(p));
        // The last one to eight bytes (overlapping reads, no byte loop).
        if (n >= 4) mix(load<4>(p) | (load<4>(p + n - 4) << 32));
        else if (n > 0) mix(std::uint64_t(std::uint8_t(p[0])) | std::uint64_t(std::uint8_t(p[n / 2])) << 8 |
                            std::uint64_t(std::uint8_t(p[n - 1])) << 16);
        h ^= h >> 31;
        h *= 0x94d049bb133111ebull;
        h ^= h >> 32;
        return static_cast<std::uint32_t>(h);
    }
    // The id of `s` among the strings added so far, or `absent`. `strings` is the table ids index.
    [[nodiscard]] std::uint32_t find(std::string_view s, std::uint32_t h, const string_table& strings) const {
        if (slots_.empty()) return absent;
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const slot& sl = slots_[i];
            if (sl.id == absent) return absent;
            if (sl.hash == h && strings[sl.id] == s) return sl.id;
        }
    }
    // Adds id (whose string hashes to h); the caller checked it is not there yet.
    void insert(std::uint32_t h, std::uint32_t id) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        place({h, id});
        ++count_;
    }
    void clear() {
        slots_.clear();
        mask_ = 0;
        count_ = 0;
    }

private:
    template <std::size_t N>
    static std::uint64_t load(const char* p) {
        if constexpr (N == 8) {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            return v;
        } else {
            std::uint32_t v;
            std::memcpy(&v, p, 4);
            return v;
        }
    }
    struct slot {
        std::uint32_t hash = 0;
        std::uint32_t id = absent;
    };
    void place(slot s) {
        std::size_t i = s.hash & mask_;
        while (slots_[i].id != absent) i = (i + 1) & mask_;
        slots_[i] = s;
    }
    void grow() {
        std::vector<slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 64 : old.size() * 2, slot{});
        mask_ = slots_.size() - 1;
        for (const slot& s : old)
            if (s.id != absent) place(s);
    }
    std::vector<slot> slots_;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

}  // namespace loopscope::detail
