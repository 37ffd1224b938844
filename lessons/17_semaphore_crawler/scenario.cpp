// Lesson 17: a semaphore lets at most N fetches run at once: a polite crawler.
#include "lesson_api.hpp"

using namespace loopscope;

namespace {

coro<std::string> fetch(asyncio::semaphore sem, std::string url, double delay) {   // py 3
    {
        auto held = co_await sem.acquire_guard();                                   // py 4
        print(fmt::format("fetching {}", url));                                     // py 5
        co_await asyncio::sleep(delay);                                             // py 6
        print(fmt::format("done {}", url));                                         // py 7
    }
    co_return url;                                                                  // py 8
}

coro<> main_coro(int limit, int pages, double delay) {                              // py 10
    asyncio::semaphore sem(limit);                                                  // py 11
    std::vector<coro<std::string>> fetches;                                         // py 12
    for (int i = 0; i < pages; ++i) fetches.push_back(fetch(sem, fmt::format("page{}", i), delay));  // py 13
    auto results = co_await asyncio::gather(std::move(fetches));                    // py 13
    print(repr(results));                                                           // py 14
}

}  // namespace

LOOPSCOPE_LESSON_RUN(17_semaphore_crawler) {
    return asyncio::run(main_coro(lessons::knob_choice(knobs, "limit", 2), lessons::knob_choice(knobs, "pages", 5),  // py 16
                                  lessons::knob_value(knobs, "delay", 1)),
                        lessons::lesson_options("A polite crawler"));
}
