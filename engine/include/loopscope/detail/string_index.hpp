// The lookup behind trace_builder::intern: string -> id, for strings kept in the trace's own table.
//
// An open-addressing table of (hash, id) pairs that compares candidates against the table the trace
// already holds, so interning a new string costs no allocation of its own (an unordered_map<string>
// allocated a node and a second copy of every key; a timer-heavy run interns one label per timer).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace loopscope::detail {

class string_index {
public:
    static constexpr std::uint32_t absent = 0xffffffffu;

    [[nodiscard]] static std::uint32_t hash(std::string_view s) {
        return static_cast<std::uint32_t>(std::hash<std::string_view>{}(s));
    }
    // The id of `s` among the strings added so far, or `absent`. `strings` is the table ids index.
    [[nodiscard]] std::uint32_t find(std::string_view s, std::uint32_t h, const std::vector<std::string>& strings) const {
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
