// asyncio.Queue, LifoQueue and PriorityQueue, line by line from CPython 3.11.7's queues.py.
//
// Getters and putters wait on futures in two deques. put_nowait() wakes the first getter that is
// not done (_wakeup_next pops it off the deque), get_nowait() the first putter. A woken task only
// runs one call_soon hop later and then re-checks in a `while` loop, so a task that calls get()
// in between can take the item first; the woken one then waits again, at the back of the line.
// A waiter cancelled after being woken passes the wake-up on to the next one.
//
// A queue is a handle: copies share one queue, as Python names share one object, so a scenario
// passes it to its producers and consumers by value.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "loopscope/detail/heapq.hpp"
#include "loopscope/detail/waiter.hpp"
#include "loopscope/errors.hpp"
#include "loopscope/event.hpp"
#include "loopscope/task.hpp"

namespace loopscope {

namespace detail {

// Queue._init / _put / _get, the three methods the subclasses override.
template <class T>
struct fifo_items {
    std::deque<T> items;
    void put(T x) { items.push_back(std::move(x)); }
    T get() {
        T x = std::move(items.front());
        items.pop_front();
        return x;
    }
    [[nodiscard]] std::size_t size() const { return items.size(); }
};

template <class T>
struct lifo_items {
    std::vector<T> items;
    void put(T x) { items.push_back(std::move(x)); }
    T get() {
        T x = std::move(items.back());
        items.pop_back();
        return x;
    }
    [[nodiscard]] std::size_t size() const { return items.size(); }
};

// heapq, so that equal priorities come out in the order CPython's heap gives them.
template <class T>
struct heap_items {
    std::vector<T> items;
    void put(T x) { heapq_push(items, std::move(x), std::less<>{}); }
    T get() { return heapq_pop(items, std::less<>{}); }
    [[nodiscard]] std::size_t size() const { return items.size(); }
};

}  // namespace detail

template <class T, class Items>
class basic_queue {
public:
    // maxsize <= 0: unbounded.
    explicit basic_queue(int maxsize = 0) : s_(new state(maxsize)) {}

    [[nodiscard]] int maxsize() const { return s_->maxsize; }
    [[nodiscard]] std::size_t qsize() const { return s_->items.size(); }
    [[nodiscard]] bool empty() const { return s_->empty(); }
    // Never true for an unbounded queue.
    [[nodiscard]] bool full() const { return s_->full(); }

    // Waits (as "queue.put()") while the queue is full, then put_nowait(item).
    [[nodiscard]] coro<> put(T item) const { return put(s_, std::move(item)); }
    // Throws queue_full when full; otherwise adds the item and wakes the first getter.
    void put_nowait(T item) const { s_->put_nowait(std::move(item)); }
    // Waits (as "queue.get()") while the queue is empty, then get_nowait().
    [[nodiscard]] coro<T> get() const { return get(s_); }
    // Throws queue_empty when empty; otherwise takes the item and wakes the first putter.
    T get_nowait() const { return s_->get_nowait(); }

    // One item fetched by get() is processed; throws ValueError('task_done() called too many times').
    void task_done() const {
        if (s_->unfinished_tasks <= 0) throw value_error("task_done() called too many times");
        --s_->unfinished_tasks;
        if (s_->unfinished_tasks == 0) s_->finished.set();
    }
    // Waits (as "queue.join()") until every item put has been marked task_done().
    [[nodiscard]] coro<> join() const { return join(s_); }

    // len(_getters), len(_putters): waiters still in the deques.
    [[nodiscard]] std::size_t getters() const { return s_->getters.size(); }
    [[nodiscard]] std::size_t putters() const { return s_->putters.size(); }
    [[nodiscard]] int unfinished_tasks() const { return s_->unfinished_tasks; }

private:
    struct state : detail::ref_counted {
        explicit state(int m) : maxsize(m) { finished.set(); }
        int maxsize;
        std::deque<future_ref<void>> getters;
        std::deque<future_ref<void>> putters;
        int unfinished_tasks = 0;
        event finished;
        Items items;

        [[nodiscard]] bool empty() const { return items.size() == 0; }
        [[nodiscard]] bool full() const {
            if (maxsize <= 0) return false;
            return items.size() >= static_cast<std::size_t>(maxsize);
        }
        // Queue._wakeup_next: pops waiters until one is not done (cancelled ones are dropped).
        static void wakeup_next(std::deque<future_ref<void>>& waiters) {
            while (!waiters.empty()) {
                auto waiter = std::move(waiters.front());
                waiters.pop_front();
                if (!waiter->done()) {
                    waiter->set_result();
                    break;
                }
            }
        }
        void put_nowait(T item) {
            if (full()) throw queue_full();
            items.put(std::move(item));
            ++unfinished_tasks;
            finished.clear();
            wakeup_next(getters);
        }
        T get_nowait() {
            if (empty()) throw queue_empty();
            T item = items.get();
            wakeup_next(putters);
            return item;
        }
    };

    static coro<> put(detail::ref<state> s, T item) {
        site_id site = detail::caller_site();
        while (s->full()) {
            auto putter = detail::make_waiter<void>("queue.put()", site);
            s->putters.push_back(putter);
            try {
                co_await detail::wait_on(putter, "queue.put()", site);
            } catch (...) {
                putter->cancel();  // just in case it is not done yet
                // A get_nowait() may have popped it already.
                detail::remove_waiter(s->putters, putter);
                // Woken by get_nowait() but cannot take the slot: wake the next in line.
                if (!s->full() && !putter->cancelled()) state::wakeup_next(s->putters);
                throw;
            }
        }
        s->put_nowait(std::move(item));
    }

    static coro<T> get(detail::ref<state> s) {
        site_id site = detail::caller_site();
        while (s->empty()) {
            auto getter = detail::make_waiter<void>("queue.get()", site);
            s->getters.push_back(getter);
            try {
                co_await detail::wait_on(getter, "queue.get()", site);
            } catch (...) {
                getter->cancel();  // just in case it is not done yet
                // A put_nowait() may have popped it already.
                detail::remove_waiter(s->getters, getter);
                // Woken by put_nowait() but cannot take the item: wake the next in line.
                if (!s->empty() && !getter->cancelled()) state::wakeup_next(s->getters);
                throw;
            }
        }
        co_return s->get_nowait();
    }

    static coro<> join(detail::ref<state> s) {
        if (s->unfinished_tasks > 0) co_await detail::at_caller_site(s->finished.wait("queue.join()"), detail::caller_site());
    }

    detail::ref<state> s_;
};

// asyncio.Queue: first in, first out.
template <class T>
using queue = basic_queue<T, detail::fifo_items<T>>;
// asyncio.LifoQueue: last in, first out.
template <class T>
using lifo_queue = basic_queue<T, detail::lifo_items<T>>;
// asyncio.PriorityQueue: lowest first (by operator<, e.g. a std::tuple<int, std::string>).
template <class T>
using priority_queue = basic_queue<T, detail::heap_items<T>>;

}  // namespace loopscope
