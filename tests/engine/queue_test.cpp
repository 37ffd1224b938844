#include <source_location>

#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"

using namespace loopscope;

namespace {

// "t text" for every printed line: what happened, when.
std::vector<std::string> lines(const run_result& r) { return loopscope::testing::short_lines(r); }

using strings = std::vector<std::string>;

coro<> put_three(queue<int> q) {
    for (int i = 0; i < 3; ++i) {
        co_await q.put(i);
        print(fmt::format("put {}", i));
    }
}

coro<> put_blocks_when_full() {
    queue<int> q(2);
    auto p = create_task(put_three(q));
    co_await asyncio::sleep(1);
    print(fmt::format("full={} qsize={} putters={}", repr(q.full()), q.qsize(), q.putters()));
    print(fmt::format("got {}", co_await q.get()));
    co_await p;
}

TEST(Queue, PutBlocksWhenFullUntilAGetMakesRoom) {
    auto r = run(put_blocks_when_full());
    ASSERT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (strings{"0 put 0", "0 put 1", "1 full=True qsize=2 putters=1", "1 got 0", "1 put 2"}));
}

coro<> getter(std::string name, queue<std::string> q) {
    auto item = co_await q.get();
    print(fmt::format("{} got {}", name, item));
}

coro<> getters_in_fifo_order() {
    queue<std::string> q;
    std::vector<task<>> ts;
    for (const char* n : {"A", "B", "C"}) ts.push_back(create_task(getter(n, q)));
    co_await asyncio::sleep(0);
    for (const char* item : {"x", "y", "z"}) q.put_nowait(item);
    for (auto& t : ts) co_await t;
}

TEST(Queue, WaitingGettersAreServedInTheOrderTheyStartedWaiting) {
    auto r = run(getters_in_fifo_order());
    EXPECT_EQ(lines(r), (strings{"0 A got x", "0 B got y", "0 C got z"}));
}

coro<> stolen_item() {
    queue<std::string> q;
    auto a = create_task(getter("A", q));
    auto b = create_task(getter("B", q));
    co_await asyncio::sleep(0);
    q.put_nowait("x");                   // wakes A...
    print(q.get_nowait() + " taken back");  // ...but the item is gone before A runs
    co_await asyncio::sleep(0);
    print(fmt::format("getters={}", q.getters()));
    q.put_nowait("y");  // B is now first in line: A re-queued behind it
    co_await asyncio::sleep(0);
    q.put_nowait("z");
    co_await a;
    co_await b;
}

TEST(Queue, AWokenGetterThatFindsTheItemGoneWaitsAgainAtTheBack) {
    auto r = run(stolen_item());
    EXPECT_EQ(lines(r), (strings{"0 x taken back", "0 getters=2", "0 B got y", "0 A got z"}));
}

coro<> cancelled_woken_getter() {
    queue<std::string> q;
    auto a = create_task(getter("A", q));
    auto b = create_task(getter("B", q));
    co_await asyncio::sleep(0);
    q.put_nowait("x");  // wakes A
    a.cancel();         // A's future is already done: it gets cancelled_error when it runs
    co_await asyncio::sleep(0);
    co_await asyncio::sleep(0);
    print(fmt::format("a cancelled={} qsize={}", repr(a.cancelled()), q.qsize()));
    co_await b;
}

TEST(Queue, ACancelledWokenGetterPassesTheWakeUpToTheNext) {
    auto r = run(cancelled_woken_getter());
    EXPECT_EQ(lines(r), (strings{"0 B got x", "0 a cancelled=True qsize=0"}));
}

coro<> nowait_errors() {
    queue<int> q(1);
    EXPECT_THROW((void)q.get_nowait(), queue_empty);
    q.put_nowait(1);
    EXPECT_THROW(q.put_nowait(2), queue_full);
    EXPECT_EQ(q.qsize(), 1u);
    EXPECT_EQ(q.get_nowait(), 1);
    q.task_done();
    try {
        q.task_done();
        ADD_FAILURE() << "task_done() past zero must raise";
    } catch (const python_error& e) {
        EXPECT_EQ(e.type_name, "ValueError");
        EXPECT_STREQ(e.what(), "task_done() called too many times");
    }
    co_return;
}

TEST(Queue, NowaitCallsRaiseQueueEmptyAndQueueFull) {
    auto r = run(nowait_errors());
    EXPECT_TRUE(r.ok()) << r.error_text;
}

coro<> unbounded() {
    queue<int> q;  // maxsize 0
    for (int i = 0; i < 1000; ++i) co_await q.put(i);
    EXPECT_FALSE(q.full());
    EXPECT_EQ(q.qsize(), 1000u);
    queue<int> negative(-3);
    negative.put_nowait(1);
    EXPECT_FALSE(negative.full());
}

TEST(Queue, MaxsizeZeroOrLessIsUnbounded) { EXPECT_TRUE(run(unbounded()).ok()); }

coro<> worker(queue<int> q) {
    while (true) {
        int d = co_await q.get();
        co_await asyncio::sleep(d);
        q.task_done();
    }
}

coro<> join_waits() {
    queue<int> q;
    co_await q.join();  // nothing unfinished: returns at once
    print("empty join");
    for (int d : {2, 1, 3}) q.put_nowait(d);
    auto w = create_task(worker(q));
    co_await q.join();
    print(fmt::format("joined, unfinished={}", q.unfinished_tasks()));
    w.cancel();
}

TEST(Queue, JoinReturnsOnceEveryItemIsTaskDone) {
    auto r = run(join_waits());
    EXPECT_EQ(lines(r), (strings{"0 empty join", "6 joined, unfinished=0"}));
}

coro<> cancelled_put() {
    queue<int> q(1);
    q.put_nowait(0);
    auto p = create_task(q.put(1));
    co_await asyncio::sleep(0);
    EXPECT_EQ(q.putters(), 1u);
    p.cancel();
    co_await asyncio::sleep(0);
    EXPECT_TRUE(p.cancelled());
    EXPECT_EQ(q.putters(), 0u);  // the cancelled putter cleaned itself up
    EXPECT_EQ(q.qsize(), 1u);
}

TEST(Queue, ACancelledBlockedPutLeavesNothingBehind) { EXPECT_TRUE(run(cancelled_put()).ok()); }

coro<> priority_and_lifo() {
    priority_queue<std::tuple<int, std::string>> pq;
    for (auto x : {std::tuple<int, std::string>{2, "b"}, {0, "z"}, {1, "a"}, {0, "y"}}) pq.put_nowait(x);
    std::vector<std::tuple<int, std::string>> got;
    while (!pq.empty()) got.push_back(co_await pq.get());
    print(repr(got));
    lifo_queue<int> lq;
    for (int i = 0; i < 3; ++i) lq.put_nowait(i);
    std::vector<int> order;
    while (!lq.empty()) order.push_back(lq.get_nowait());
    print(repr(order));
}

TEST(Queue, PriorityQueuePopsLowestFirstAndLifoQueuePopsNewestFirst) {
    auto r = run(priority_and_lifo());
    EXPECT_EQ(lines(r), (strings{"0 [(0, 'y'), (0, 'z'), (1, 'a'), (2, 'b')]", "0 [2, 1, 0]"}));
}

coro<> traced_getter(queue<int> q, std::uint32_t* line) {
    *line = std::source_location::current().line() + 1;
    int v = co_await q.get();
    print(fmt::format("got {}", v));
}

coro<> traced_get(std::uint32_t* line) {
    queue<int> q;
    auto g = create_task(traced_getter(q, line));
    co_await asyncio::sleep(0);
    q.put_nowait(7);
    co_await g;
}

TEST(Queue, AWaitingGetIsTracedAsAPrimitiveAtTheScenarioLineAndWokenByThePut) {
    std::uint32_t line = 0;
    auto r = run(traced_get(&line));
    ASSERT_TRUE(r.ok());
    const trace& t = r.trace;
    int suspended = 0, created = 0, woken = 0;
    for (event_index i = 0; i < t.size(); ++i) {
        const trace_event& e = t[i];
        if (e.kind == event_kind::task_suspended && t.string(e.b) == "queue.get()") {
            ++suspended;
            EXPECT_EQ(static_cast<await_kind>(e.aux), await_kind::primitive);
            EXPECT_EQ(t.site_of(e).line, line) << "the trace must point at the scenario, not at queue.hpp";
            EXPECT_EQ(t.string(t.site_of(e).file), std::string(__FILE__));
        }
        if (e.kind == event_kind::future_created && t.string(e.b) == "queue.get()") {
            ++created;
            EXPECT_EQ(t.site_of(e).line, line);
        }
        if (e.kind == event_kind::task_scheduled && static_cast<schedule_reason>(e.aux) == schedule_reason::woken) {
            ++woken;
            ASSERT_NE(e.b, no_event);
            EXPECT_EQ(t[e.b].kind, event_kind::future_resolved) << "the wake-up links to the put that resolved the waiter";
        }
    }
    EXPECT_EQ(suspended, 1);
    EXPECT_EQ(created, 1);
    EXPECT_EQ(woken, 1);
}

}  // namespace
