// The trace's strings: every string's bytes in one growing block, and where each one starts.
//
// A traced run adds a string per task (its default name), per print and per fresh label. Kept as
// std::string objects (32 bytes each, moved whenever the vector grew), they cost a traced spawn
// of 100k tasks more than making the tasks did. Here adding a string is two appends, and the
// memory is the bytes plus 8 per string.
#pragma once

#include <cstdint>
#include <string_view>

#include "loopscope/detail/event_buffer.hpp"

namespace loopscope::detail {

class string_table {
public:
    string_table() { starts_.push_back(0); }

    [[nodiscard]] std::size_t size() const { return starts_.size() - 1; }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] std::string_view operator[](std::size_t i) const {
        return {chars_.data() + starts_[i], static_cast<std::size_t>(starts_[i + 1] - starts_[i])};
    }
    // Appends s; returns its index.
    std::uint32_t push_back(std::string_view s) {
        chars_.append(s.data(), s.size());
        starts_.push_back(chars_.size());
        return static_cast<std::uint32_t>(size() - 1);
    }
    // The bytes of all strings (for memory accounting).
    [[nodiscard]] std::size_t bytes() const { return chars_.size() + starts_.size() * sizeof(std::uint64_t); }
    void reserve(std::size_t strings) { starts_.reserve(strings + 1); }
    void clear() {
        chars_.clear();
        starts_.clear();
        starts_.push_back(0);
    }

private:
    event_buffer<char> chars_;
    event_buffer<std::uint64_t> starts_;  // string i is chars_[starts_[i], starts_[i + 1])
};

}  // namespace loopscope::detail
