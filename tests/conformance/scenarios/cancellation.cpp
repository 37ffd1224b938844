// Cancellation: where CancelledError is raised, what cleanup may do, and how it travels.
#include "scenario.hpp"

using loopscope::cancelled_error;
using loopscope::coro;
using loopscope::print;
using loopscope::repr;
using loopscope::task;

namespace {

// ---- cleanup that awaits -------------------------------------------------------------------------

coro<> cleanup_worker() {
    print("worker: working");
    std::exception_ptr cancelled;
    try {
        co_await asyncio::sleep(10);
    } catch (const cancelled_error&) {
        cancelled = std::current_exception();
    }
    if (cancelled) {  // the except block: C++ cannot co_await inside a handler
        print("worker: cancelled, closing connections");
        co_await asyncio::sleep(0.5);
        print("worker: connections closed");
        print("worker: finally");
        std::rethrow_exception(cancelled);
    }
    print("worker: finally");
}
coro<std::string> stubborn() {
    try {
        co_await asyncio::sleep(10);
    } catch (const cancelled_error&) {
        print("stubborn: swallowing the cancellation");
    }
    co_await asyncio::sleep(1);
    print(fmt::format("stubborn: still running, cancelling={}", loopscope::current_task()->cancelling()));
    co_return "stubborn finished";
}
coro<> cleanup_main() {
    auto t = asyncio::create_task(cleanup_worker());
    co_await asyncio::sleep(1);
    print(fmt::format("main: cancel() returns {}", repr(t.cancel())));
    print(fmt::format("main: cancelled() right after cancel: {}", repr(t.cancelled())));
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print("main: worker is cancelled");
    }
    print(fmt::format("main: cancel() on a done task returns {}", repr(t.cancel())));
    auto s = asyncio::create_task(stubborn());
    co_await asyncio::sleep(1);
    s.cancel();
    auto r = co_await s;
    print(fmt::format("main: {}, cancelled={}", r, repr(s.cancelled())));
}
LOOPSCOPE_SCENARIO(cancel_during_cleanup, cleanup_main);

// ---- cancelling a task that is in the ready queue (the must_cancel path) -------------------------

coro<> never_started() {
    print("never printed");
    co_return;
}
coro<> ready_sleeper(std::string name, double delay) {
    try {
        co_await asyncio::sleep(delay);
        print(fmt::format("{} woke", name));
    } catch (const cancelled_error&) {
        print(fmt::format("{} cancelled after its sleep ended", name));
        throw;
    }
}
coro<> canceller(std::string name, double delay, std::vector<task<>>* victims) {
    co_await asyncio::sleep(delay);
    for (auto& victim : *victims)
        print(fmt::format("{} woke and cancels {}: {}", name, victim.get_name(), repr(victim.cancel())));
}
coro<> yielder() {
    print("yielder before sleep(0)");
    try {
        co_await asyncio::sleep(0);
    } catch (const cancelled_error&) {
        print("yielder cancelled at sleep(0)");
        throw;
    }
}
coro<> ready_main() {
    auto t = asyncio::create_task(never_started());
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        print(fmt::format("not-started task cancelled: {}", repr(t.cancelled())));
    }
    // Both wake at t=1; the killer's timer was armed first, so when it runs the victim's sleep is
    // already over and its wake-up is in the ready queue.
    std::vector<task<>> victims;
    auto killer = asyncio::create_task(canceller("killer", 1, &victims), "killer");
    auto victim = asyncio::create_task(ready_sleeper("victim", 1), "victim");
    victims.push_back(victim);
    co_await asyncio::gather(asyncio::return_exceptions, killer, victim);
    print(fmt::format("victim cancelled: {}", repr(victim.cancelled())));
    auto y = asyncio::create_task(yielder());
    co_await asyncio::sleep(0);
    y.cancel();
    co_await asyncio::sleep(0);
    print(fmt::format("yielder cancelled: {}", repr(y.cancelled())));
}
LOOPSCOPE_SCENARIO(cancel_ready_task, ready_main);

// ---- cancellation through gather -----------------------------------------------------------------

coro<std::string> gchild(std::string name, double delay) {
    try {
        print(fmt::format("{} starts", name));
        co_await asyncio::sleep(delay);
        print(fmt::format("{} finishes", name));
        co_return name;
    } catch (const cancelled_error&) {
        print(fmt::format("{} cancelled", name));
        throw;
    }
}
coro<> gather_parent() {
    try {
        co_await asyncio::gather(gchild("a", 1), gchild("b", 2), gchild("c", 3));
    } catch (const cancelled_error&) {
        print("parent: gather raised CancelledError");
        throw;
    }
}
coro<> through_gather_main() {
    auto p = asyncio::create_task(gather_parent());
    co_await asyncio::sleep(1.5);
    print("main cancels the parent");
    p.cancel();
    try {
        co_await p;
    } catch (const cancelled_error&) {
        print(fmt::format("parent cancelled: {}", repr(p.cancelled())));
    }
    // A child cancelled on its own fails the gather (without return_exceptions).
    auto c = asyncio::create_task(gchild("d", 2));
    auto g = asyncio::gather(c, gchild("e", 1));
    co_await asyncio::sleep(0.5);
    c.cancel();
    try {
        co_await g;
    } catch (const cancelled_error&) {
        print("gather failed because d was cancelled");
    }
    co_await asyncio::sleep(1);
    // Cancelling the gather future itself.
    auto g2 = asyncio::gather(asyncio::return_exceptions, gchild("f", 1), gchild("g", 1));
    co_await asyncio::sleep(0);
    print(fmt::format("g2.cancel() returns {}", repr(g2.cancel())));
    try {
        print(repr(co_await g2));
    } catch (const cancelled_error&) {
        print("g2 cancelled despite return_exceptions");
    }
}
LOOPSCOPE_SCENARIO(cancel_through_gather, through_gather_main);

}  // namespace
