// detail::block_pool: the per-thread recycling of frames, tasks, futures and timers.
#include <algorithm>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "loopscope/detail/pool.hpp"

namespace loopscope::detail {
namespace {

constexpr std::size_t block = 48;

// How many consecutive allocations are not the block right after the previous one.
std::size_t jumps(const std::vector<void*>& blocks) {
    std::size_t n = 0;
    for (std::size_t i = 1; i < blocks.size(); ++i)
        if (reinterpret_cast<std::uintptr_t>(blocks[i]) != reinterpret_cast<std::uintptr_t>(blocks[i - 1]) + block) ++n;
    return n;
}

TEST(BlockPool, HandsOutBlocksInAddressOrderAgainAfterTidy) {
    if (!pool_enabled) GTEST_SKIP() << "the pool steps aside under AddressSanitizer";
    // A thread of its own: its pool starts empty, so every block of this size is ours.
    std::size_t before = 0, shuffled = 0, tidied = 0;
    std::thread([&] {
        std::vector<void*> blocks(20'000);
        for (auto& b : blocks) b = block_pool::allocate(block);
        before = jumps(blocks);
        std::mt19937 rng(7);
        std::shuffle(blocks.begin(), blocks.end(), rng);  // freed at random, as timers die
        for (void* b : blocks) block_pool::deallocate(b, block);

        for (auto& b : blocks) b = block_pool::allocate(block);
        shuffled = jumps(blocks);
        for (void* b : blocks) block_pool::deallocate(b, block);

        block_pool::tidy();
        for (auto& b : blocks) b = block_pool::allocate(block);
        tidied = jumps(blocks);
        for (void* b : blocks) block_pool::deallocate(b, block);
    }).join();
    const std::size_t slabs = 20'000 * block / (64 * 1024) + 2;
    EXPECT_LE(before, slabs);
    EXPECT_GT(shuffled, 10'000u) << "without tidy the blocks come back in the order they were freed";
    EXPECT_LE(tidied, slabs);
}

TEST(BlockPool, TidyLeavesAClassWithLiveBlocksAlone) {
    if (!pool_enabled) GTEST_SKIP() << "the pool steps aside under AddressSanitizer";
    std::thread([] {
        std::vector<void*> blocks(1000);
        for (auto& b : blocks) b = block_pool::allocate(block);
        void* alive = blocks.back();
        blocks.pop_back();
        for (void* b : blocks) block_pool::deallocate(b, block);
        block_pool::tidy();
        // The live block must never be handed out again while it is alive.
        std::vector<void*> again(5000);
        for (auto& b : again) b = block_pool::allocate(block);
        EXPECT_EQ(std::count(again.begin(), again.end(), alive), 0);
        for (void* b : again) block_pool::deallocate(b, block);
        block_pool::deallocate(alive, block);
    }).join();
}

}  // namespace
}  // namespace loopscope::detail
