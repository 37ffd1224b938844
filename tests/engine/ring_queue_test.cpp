// detail::ring_queue: the loop's FIFO of ready handles.
#include <cstddef>
#include <deque>

#include <gtest/gtest.h>

#include "loopscope/detail/ring_queue.hpp"

namespace loopscope::detail {
namespace {

TEST(RingQueue, PopsInTheOrderPushed) {
    ring_queue<int> q;
    for (int i = 0; i < 5; ++i) q.push_back(i);
    ASSERT_EQ(q.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(q.front(), i);
        q.pop_front();
    }
    EXPECT_TRUE(q.empty());
}

// A ring that is full while wrapped around grows by moving the wrapped part: the order must survive.
TEST(RingQueue, KeepsItsOrderWhenItGrowsWhileWrappedAround) {
    ring_queue<std::size_t> q;
    std::deque<std::size_t> model;
    std::size_t next = 0;
    // Pushing two for each pop wraps the ring around and fills it again, many times over.
    for (int round = 0; round < 200'000; ++round) {
        q.push_back(next);
        model.push_back(next++);
        if (round % 3 != 2) {
            q.push_back(next);
            model.push_back(next++);
        }
        ASSERT_EQ(q.front(), model.front());
        q.pop_front();
        model.pop_front();
    }
    ASSERT_EQ(q.size(), model.size());
    for (std::size_t i = 0; i < model.size(); i += 997) EXPECT_EQ(q[i], model[i]) << "element " << i;
    while (!model.empty()) {
        ASSERT_EQ(q.front(), model.front());
        q.pop_front();
        model.pop_front();
    }
    EXPECT_TRUE(q.empty());
}

TEST(RingQueue, IndexesFromTheOldest) {
    ring_queue<int> q;
    for (int i = 0; i < 10; ++i) q.push_back(i);
    q.pop_front();
    q.pop_front();
    EXPECT_EQ(q[0], 2);
    EXPECT_EQ(q[7], 9);
}

}  // namespace
}  // namespace loopscope::detail
