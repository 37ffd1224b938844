// Queues, locks, events, semaphores and conditions: who wakes, in which order, and when.
// Each scenario's twin is scenarios/<name>.py; the comments say what ordering it pins down.
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "scenario.hpp"

using loopscope::coro;
using loopscope::print;
using loopscope::repr;

namespace {

// ---- sync_queue_backpressure: the producer blocks in put() until the consumer gets --------------

coro<> bp_producer(asyncio::queue<std::optional<int>> q) {
    for (int i = 0; i < 5; ++i) {
        print(fmt::format("producer: putting {} (qsize={}, full={})", i, q.qsize(), repr(q.full())));
        co_await q.put(i);
        print(fmt::format("producer: put {} (qsize={})", i, q.qsize()));
    }
    co_await q.put(std::nullopt);
    print("producer: done");
}

coro<> bp_consumer(asyncio::queue<std::optional<int>> q) {
    while (true) {
        co_await asyncio::sleep(1);
        auto item = co_await q.get();
        print(fmt::format("consumer: got {} (qsize={})", repr(item), q.qsize()));
        if (!item) break;
    }
}

coro<> queue_backpressure() {
    asyncio::queue<std::optional<int>> q(2);
    auto p = asyncio::create_task(bp_producer(q));
    auto c = asyncio::create_task(bp_consumer(q));
    co_await p;
    print("main: producer finished");
    co_await c;
    print("main: done");
}
LOOPSCOPE_SCENARIO(sync_queue_backpressure, queue_backpressure);

// ---- sync_queue_consumers: which waiting consumer gets which item ------------------------------

coro<> qc_consumer(std::string name, asyncio::queue<std::optional<std::string>> q, double work) {
    while (true) {
        auto item = co_await q.get();
        if (!item) {
            print(fmt::format("{} stops", name));
            co_return;
        }
        print(fmt::format("{} got {}", name, *item));
        co_await asyncio::sleep(work);
        print(fmt::format("{} finished {}", name, *item));
    }
}

coro<> queue_consumers() {
    asyncio::queue<std::optional<std::string>> q;
    std::vector<asyncio::task<>> consumers;
    for (auto [n, w] : {std::pair{"A", 3.0}, {"B", 1.0}, {"C", 2.0}})
        consumers.push_back(asyncio::create_task(qc_consumer(n, q, w)));
    co_await asyncio::sleep(0);
    for (int i = 0; i < 4; ++i) q.put_nowait(fmt::format("item{}", i));
    print(fmt::format("main: put 4 items, qsize={}", q.qsize()));
    co_await asyncio::sleep(1.5);
    for (int i = 4; i < 7; ++i) co_await q.put(fmt::format("item{}", i));
    print(fmt::format("main: put 3 more, qsize={}", q.qsize()));
    co_await asyncio::sleep(4);
    for (std::size_t i = 0; i < consumers.size(); ++i) q.put_nowait(std::nullopt);
    for (auto& c : consumers) co_await c;
    print("main: done");
}
LOOPSCOPE_SCENARIO(sync_queue_consumers, queue_consumers);

// ---- sync_queue_join: join() returns once every item is task_done() ----------------------------

coro<> qj_worker(std::string name, asyncio::queue<int> q) {
    while (true) {
        int item = co_await q.get();
        print(fmt::format("{} processing {}", name, item));
        co_await asyncio::sleep(item);
        print(fmt::format("{} done with {}", name, item));
        q.task_done();
    }
}

coro<> queue_join() {
    asyncio::queue<int> q;
    for (int d : {3, 1, 2, 4, 1}) q.put_nowait(d);
    std::vector<asyncio::task<>> workers;
    for (int i = 0; i < 2; ++i) workers.push_back(asyncio::create_task(qj_worker(fmt::format("w{}", i), q)));
    print(fmt::format("main: joining with qsize={}", q.qsize()));
    co_await q.join();
    print(fmt::format("main: joined, qsize={}", q.qsize()));
    co_await q.join();
    print("main: a second join returns at once");
    for (auto& w : workers) w.cancel();
    for (auto& w : workers) {
        try {
            co_await w;
        } catch (const asyncio::cancelled_error&) {
            print(fmt::format("main: worker cancelled={}", repr(w.cancelled())));
        }
    }
}
LOOPSCOPE_SCENARIO(sync_queue_join, queue_join);

// ---- sync_queue_steal: a woken getter re-checks; a cancelled woken getter passes the item on ----

coro<> qs_getter(std::string name, asyncio::queue<std::string> q) {
    print(fmt::format("{} waits for an item", name));
    std::string item;
    try {
        item = co_await q.get();
    } catch (const asyncio::cancelled_error&) {
        print(fmt::format("{} cancelled (qsize={})", name, q.qsize()));
        throw;
    }
    print(fmt::format("{} got {}", name, item));
}

coro<> queue_steal() {
    asyncio::queue<std::string> q;
    auto g1 = asyncio::create_task(qs_getter("G1", q));
    auto g2 = asyncio::create_task(qs_getter("G2", q));
    auto g3 = asyncio::create_task(qs_getter("G3", q));
    co_await asyncio::sleep(0);
    q.put_nowait("x");
    print(fmt::format("main: put x, then takes it back: {}", q.get_nowait()));
    co_await asyncio::sleep(0);
    print("main: G1 woke to an empty queue and waits again, behind G2 and G3");
    q.put_nowait("y");
    co_await asyncio::sleep(0);
    q.put_nowait("z");
    print("main: put z, which wakes G3; now cancel G3 before it runs");
    g3.cancel();
    co_await asyncio::sleep(0);
    print(fmt::format("main: qsize={}", q.qsize()));
    co_await asyncio::sleep(0);
    print(fmt::format("main: qsize={}", q.qsize()));
    for (auto [name, t] : {std::pair{"G1", g1}, {"G2", g2}, {"G3", g3}}) {
        try {
            co_await t;
        } catch (const asyncio::cancelled_error&) {
            print(fmt::format("main: {} was cancelled", name));
        }
    }
    try {
        (void)q.get_nowait();
    } catch (const asyncio::queue_empty&) {
        print("main: QueueEmpty");
    }
    asyncio::queue<int> small(1);
    small.put_nowait(1);
    try {
        small.put_nowait(2);
    } catch (const asyncio::queue_full&) {
        print("main: QueueFull");
    }
    auto p = asyncio::create_task(small.put(3));
    co_await asyncio::sleep(0);
    p.cancel();
    co_await asyncio::sleep(0);
    print(fmt::format("main: blocked put cancelled={}, qsize={}", repr(p.cancelled()), small.qsize()));
    small.task_done();
    try {
        small.task_done();
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
}
LOOPSCOPE_SCENARIO(sync_queue_steal, queue_steal);

// ---- sync_queue_empty_raises: QueueEmpty prints and propagates as CPython's (empty message) ---

coro<> queue_empty_raises() {
    asyncio::queue<std::string> q;
    try {
        (void)q.get_nowait();
    } catch (const asyncio::queue_empty&) {
        auto e = std::current_exception();
        print(fmt::format("caught {}, str={}", asyncio::exception_repr(e), repr(asyncio::exception_str(e))));
    }
    q.put_nowait("only");
    print(fmt::format("got {}", repr(q.get_nowait())));
    (void)q.get_nowait();
    print("never printed");
    co_return;  // the co_ keyword that makes this a coroutine
}
LOOPSCOPE_SCENARIO(sync_queue_empty_raises, queue_empty_raises);

// ---- sync_priority_lifo: PriorityQueue (heapq order) and a bounded LifoQueue -------------------

template <class Q>
coro<> drain(std::string name, Q q, int n) {
    std::vector<typename decltype(q.get())::value_type> got;
    for (int i = 0; i < n; ++i) {
        got.push_back(co_await q.get());
        co_await asyncio::sleep(0);
    }
    print(fmt::format("{}: {}", name, repr(got)));
}

coro<> priority_lifo() {
    asyncio::priority_queue<std::tuple<int, std::string>> pq;
    for (auto item : {std::tuple<int, std::string>{3, "low"}, {1, "urgent"}, {2, "normal"}, {1, "also urgent"}, {0, "now"}})
        pq.put_nowait(item);
    co_await drain("priority", pq, 5);
    asyncio::lifo_queue<int> lq(3);
    auto consumer = asyncio::create_task(drain("lifo", lq, 5));
    for (int i = 0; i < 5; ++i) {
        co_await lq.put(i);
        print(fmt::format("main: put {} (qsize={})", i, lq.qsize()));
    }
    co_await consumer;
}
LOOPSCOPE_SCENARIO(sync_priority_lifo, priority_lifo);

// ---- sync_lock_handoff: FIFO hand-over among 4 tasks; C is cancelled while waiting -------------

coro<> lh_worker(std::string name, asyncio::lock lk, double hold) {
    for (int round = 0; round < 2; ++round) {
        print(fmt::format("{} wants the lock (locked={})", name, repr(lk.locked())));
        try {
            auto held = co_await lk.acquire_guard();
            print(fmt::format("{} acquired (round {})", name, round));
            co_await asyncio::sleep(hold);
            print(fmt::format("{} releasing", name));
        } catch (const asyncio::cancelled_error&) {
            print(fmt::format("{} cancelled while waiting (locked={})", name, repr(lk.locked())));
            throw;
        }
    }
}

coro<> lock_handoff() {
    asyncio::lock lk;
    std::vector<asyncio::task<>> tasks;
    for (auto [n, h] : {std::pair{"A", 1.0}, {"B", 2.0}, {"C", 1.0}, {"D", 1.0}})
        tasks.push_back(asyncio::create_task(lh_worker(n, lk, h)));
    co_await asyncio::sleep(0.5);
    print("main: cancelling C");
    tasks[2].cancel();
    const char* names[] = {"A", "B", "C", "D"};
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        try {
            co_await tasks[i];
            print(fmt::format("main: {} finished", names[i]));
        } catch (const asyncio::cancelled_error&) {
            print(fmt::format("main: {} was cancelled", names[i]));
        }
    }
    print(fmt::format("main: done (locked={})", repr(lk.locked())));
}
LOOPSCOPE_SCENARIO(sync_lock_handoff, lock_handoff);

// ---- sync_lock_cancel_woken: the woken waiter is cancelled; it passes the lock on --------------

coro<> lc_waiter(std::string name, asyncio::lock lk) {
    print(fmt::format("{} waiting", name));
    try {
        co_await lk.acquire();
    } catch (const asyncio::cancelled_error&) {
        print(fmt::format("{} cancelled after being woken (locked={})", name, repr(lk.locked())));
        throw;
    }
    print(fmt::format("{} acquired", name));
    co_await asyncio::sleep(1);
    lk.release();
    print(fmt::format("{} released", name));
}

coro<> lock_cancel_woken() {
    asyncio::lock lk;
    co_await lk.acquire();
    std::vector<std::pair<std::string, asyncio::task<>>> tasks;
    for (const char* n : {"B", "C", "D"}) tasks.emplace_back(n, asyncio::create_task(lc_waiter(n, lk)));
    co_await asyncio::sleep(1);
    print("main: release, then cancel B, whom the release just woke");
    lk.release();
    tasks[0].second.cancel();
    print(fmt::format("main: locked={}", repr(lk.locked())));
    co_await asyncio::sleep(0);
    print(fmt::format("main: tries to acquire again (locked={})", repr(lk.locked())));
    co_await lk.acquire();
    print("main: acquired again");
    lk.release();
    for (auto& [n, t] : tasks) {
        try {
            co_await t;
        } catch (const asyncio::cancelled_error&) {
            print(fmt::format("main: {} was cancelled", n));
        }
    }
    try {
        lk.release();
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
}
LOOPSCOPE_SCENARIO(sync_lock_cancel_woken, lock_cancel_woken);

// ---- sync_semaphore_crawler: at most 2 of 6 fetches at once ------------------------------------

coro<std::string> crawl(asyncio::semaphore sem, std::string url, int duration) {
    print(fmt::format("queued {} (locked={})", url, repr(sem.locked())));
    {
        auto held = co_await sem.acquire_guard();
        print(fmt::format("fetching {}", url));
        co_await asyncio::sleep(duration);
        print(fmt::format("fetched {} in {}s", url, duration));
    }
    co_return url;
}

coro<> semaphore_crawler() {
    asyncio::semaphore sem(2);
    std::vector<asyncio::task<std::string>> tasks;
    for (auto [u, d] : {std::pair{"a.com", 3}, {"b.org", 1}, {"c.net", 2}, {"d.io", 1}, {"e.dev", 2}, {"f.app", 1}})
        tasks.push_back(asyncio::create_task(crawl(sem, u, d)));
    for (auto& t : tasks) {
        std::string url = co_await t;
        print(fmt::format("main: {} done", url));
    }
    print(fmt::format("main: all fetched (locked={})", repr(sem.locked())));
}
LOOPSCOPE_SCENARIO(sync_semaphore_crawler, semaphore_crawler);

// ---- sync_semaphore_cancel_woken: a cancelled waiter gives its slot to the next ----------------

coro<> sc_worker(std::string name, asyncio::semaphore sem, double hold) {
    print(fmt::format("{} waiting (value={}, locked={})", name, sem.value(), repr(sem.locked())));
    try {
        auto held = co_await sem.acquire_guard();
        print(fmt::format("{} got a slot", name));
        co_await asyncio::sleep(hold);
        print(fmt::format("{} gives the slot back", name));
    } catch (const asyncio::cancelled_error&) {
        print(fmt::format("{} cancelled (value={})", name, sem.value()));
        throw;
    }
}

coro<> semaphore_cancel_woken() {
    asyncio::semaphore sem(1);
    auto holder = asyncio::create_task(sc_worker("holder", sem, 1));
    co_await asyncio::sleep(0);
    std::vector<asyncio::task<>> ws;
    for (const char* n : {"W1", "W2", "W3"}) ws.push_back(asyncio::create_task(sc_worker(n, sem, 1)));
    co_await asyncio::sleep(0.5);
    print("main: cancel W2 while it waits");
    ws[1].cancel();
    co_await asyncio::sleep(0.5);
    print(fmt::format("main: holder done? {}, value={}", repr(holder.done()), sem.value()));
    print("main: cancel W1, already woken with a slot");
    ws[0].cancel();
    ws.insert(ws.begin(), holder);
    for (auto& t : ws) {
        try {
            co_await t;
        } catch (const asyncio::cancelled_error&) {
        }
    }
    print(fmt::format("main: value={}, locked={}", sem.value(), repr(sem.locked())));
    asyncio::bounded_semaphore b(2);
    co_await b.acquire();
    b.release();
    try {
        b.release();
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
    try {
        asyncio::semaphore bad(-1);
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
}
LOOPSCOPE_SCENARIO(sync_semaphore_cancel_woken, semaphore_cancel_woken);

// ---- sync_event_waiters: set() wakes every waiter in the order they began waiting --------------

coro<> ev_waiter(std::string name, asyncio::event ev) {
    print(fmt::format("{} waiting (is_set={})", name, repr(ev.is_set())));
    co_await ev.wait();
    print(fmt::format("{} woke up (is_set={})", name, repr(ev.is_set())));
}

coro<> event_waiters() {
    asyncio::event ev;
    std::vector<asyncio::task<>> tasks;
    for (const char* n : {"w1", "w2", "w3", "w4"}) tasks.push_back(asyncio::create_task(ev_waiter(n, ev)));
    co_await asyncio::sleep(1);
    tasks[1].cancel();
    print("main: set");
    ev.set();
    print("main: set again is a no-op");
    ev.set();
    co_await asyncio::sleep(0);
    print("main: after one yield");
    ev.clear();
    tasks.push_back(asyncio::create_task(ev_waiter("late", ev)));
    tasks.push_back(asyncio::create_task(ev_waiter("early", ev)));
    co_await asyncio::sleep(1);
    ev.set();
    ev.clear();
    print(fmt::format("main: set then clear (is_set={})", repr(ev.is_set())));
    for (auto& t : tasks) {
        try {
            co_await t;
        } catch (const asyncio::cancelled_error&) {
            print("main: w2 was cancelled");
        }
    }
    print("main: done");
}
LOOPSCOPE_SCENARIO(sync_event_waiters, event_waiters);

// ---- sync_condition_notify: notify(1), notify(2), notify_all; the notifier keeps the lock -------

coro<> cn_consumer(std::string name, asyncio::condition cond, std::shared_ptr<int> items) {
    auto held = co_await cond.acquire_guard();
    print(fmt::format("{} waiting", name));
    co_await cond.wait();
    print(fmt::format("{} notified, items={}", name, *items));
    co_await asyncio::sleep(0.25);
    print(fmt::format("{} leaves", name));
}

coro<> condition_notify() {
    asyncio::condition cond;
    auto items = std::make_shared<int>(0);
    std::vector<asyncio::task<>> tasks;
    for (const char* n : {"A", "B", "C", "D"}) tasks.push_back(asyncio::create_task(cn_consumer(n, cond, items)));
    co_await asyncio::sleep(1);
    {
        auto held = co_await cond.acquire_guard();
        *items = 1;
        print("main: notify(1)");
        cond.notify(1);
        print("main: still holding the lock");
        co_await asyncio::sleep(0.5);
        print("main: releasing");
    }
    co_await asyncio::sleep(1);
    {
        auto held = co_await cond.acquire_guard();
        *items = 3;
        print("main: notify(2)");
        cond.notify(2);
    }
    co_await asyncio::sleep(0);
    {
        auto held = co_await cond.acquire_guard();
        print("main: got the lock back, notify_all");
        cond.notify_all();
    }
    for (auto& t : tasks) co_await t;
    print(fmt::format("main: done (locked={})", repr(cond.locked())));
}
LOOPSCOPE_SCENARIO(sync_condition_notify, condition_notify);

// ---- sync_condition_wait_for: consumers wait for a predicate over shared stock -----------------

coro<> cw_consumer(std::string name, asyncio::condition cond, std::shared_ptr<int> stock, int want) {
    auto held = co_await cond.acquire_guard();
    print(fmt::format("{} wants {}", name, want));
    // Named, not a temporary: GCC 12 destroys a capturing lambda temporary inside a co_await
    // expression twice.
    auto enough = [stock, want] { return *stock >= want; };
    bool got = co_await cond.wait_for(enough);
    *stock -= want;
    print(fmt::format("{} took {}, predicate gave {}, stock={}", name, want, repr(got), *stock));
}

coro<> cw_producer(asyncio::condition cond, std::shared_ptr<int> stock) {
    for (int i = 0; i < 5; ++i) {
        co_await asyncio::sleep(1);
        auto held = co_await cond.acquire_guard();
        *stock += 1;
        print(fmt::format("producer: stock={}, notify_all", *stock));
        cond.notify_all();
    }
}

coro<> condition_wait_for() {
    asyncio::condition cond;
    auto stock = std::make_shared<int>(0);
    std::vector<asyncio::task<>> cs;
    for (auto [n, w] : {std::pair{"A", 2}, {"B", 1}, {"C", 2}})
        cs.push_back(asyncio::create_task(cw_consumer(n, cond, stock, w)));
    auto p = asyncio::create_task(cw_producer(cond, stock));
    for (auto& t : cs) co_await t;
    co_await p;
    try {
        co_await cond.wait();
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
    try {
        cond.notify();
    } catch (const asyncio::python_error& e) {
        print(fmt::format("main: {}: {}", e.type_name, e.what()));
    }
}
LOOPSCOPE_SCENARIO(sync_condition_wait_for, condition_wait_for);

// ---- sync_deadlock_events: two tasks each wait for the other's event ---------------------------

coro<> dl_alice(asyncio::event mine, asyncio::event theirs) {
    print("alice: waiting for bob's event");
    co_await theirs.wait();
    mine.set();
    print("alice: never gets here");
}

coro<> dl_bob(asyncio::event mine, asyncio::event theirs) {
    print("bob: waiting for alice's event");
    co_await theirs.wait();
    mine.set();
    print("bob: never gets here");
}

coro<> deadlock_events() {
    asyncio::event a, b;
    auto t1 = asyncio::create_task(dl_alice(a, b));
    auto t2 = asyncio::create_task(dl_bob(b, a));
    co_await asyncio::sleep(1);
    print("main: waiting for both");
    co_await t1;
    co_await t2;
}
LOOPSCOPE_SCENARIO(sync_deadlock_events, deadlock_events);

}  // namespace
