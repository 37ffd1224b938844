// Lesson 16: a bounded queue makes a fast producer wait for a slow consumer.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

using item_queue = asyncio::queue<std::optional<int>>;

coro<> producer(item_queue queue, int n) {                                         // py 3
    for (int i = 0; i < n; ++i) {                                                  // py 4
        co_await queue.put(i);                                                     // py 5
        print(fmt::format("produced {} (queue size {})", i, queue.qsize()));       // py 6
    }
    co_await queue.put(std::nullopt);                                              // py 7
}

coro<> consumer(item_queue queue, double work) {                                   // py 9
    while (true) {                                                                 // py 10
        auto item = co_await queue.get();                                          // py 11
        if (!item) break;                                                          // py 12
        print(fmt::format("consumed {}", *item));                                  // py 14
        co_await asyncio::sleep(work);                                             // py 15
    }
}

coro<> main_coro(int maxsize, int n, double work) {                                // py 17
    item_queue queue(maxsize);                                                     // py 18
    co_await asyncio::gather(producer(queue, n), consumer(queue, work));           // py 19
}

}  // namespace

LOOPSCOPE_LESSON_RUN(16_producer_consumer) {
    return asyncio::run(main_coro(lessons::knob_choice(knobs, "maxsize", 2), lessons::knob_choice(knobs, "items", 5),  // py 21
                                  lessons::knob_value(knobs, "work", 1)),
                        lessons::lesson_options("Producer and consumer"));
}
