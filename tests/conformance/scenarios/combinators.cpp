// gather, wait_for, wait, as_completed, shield and timeout(), each against its CPython twin.
#include <algorithm>

#include "scenario.hpp"

using loopscope::coro;
using loopscope::print;
using loopscope::repr;
using loopscope::task;

namespace {

// ---- seeds ---------------------------------------------------------------------------------------

// 000: tasks = [task("A"), task("B"), task("C")]; results = await asyncio.gather(*tasks)
coro<std::string> named_task(std::string name) {
    co_await asyncio::sleep(1);
    co_return fmt::format("Task {} completed", name);
}
coro<> gather_tasks_main() {
    std::vector<coro<std::string>> tasks;
    tasks.push_back(named_task("A"));
    tasks.push_back(named_task("B"));
    tasks.push_back(named_task("C"));
    auto results = co_await asyncio::gather(std::move(tasks));
    print(repr(results));
}
LOOPSCOPE_SCENARIO(seed_gather_tasks, gather_tasks_main);

// 002: greet Alice, Bob and Charlie concurrently
coro<> greet(std::string name) {
    print(fmt::format("Hello, {}!", name));
    co_await asyncio::sleep(1);
    print(fmt::format("Goodbye, {}!", name));
}
coro<> greet_main() { co_await asyncio::gather(greet("Alice"), greet("Bob"), greet("Charlie")); }
LOOPSCOPE_SCENARIO(seed_greet, greet_main);

// 004: results come back in argument order, not completion order
coro<int> slow_operation(int delay) {
    print(fmt::format("Starting operation with delay {}", delay));
    co_await asyncio::sleep(delay);
    print(fmt::format("Operation with delay {} finished", delay));
    co_return delay * 2;
}
coro<> gather_order_main() {
    auto results = co_await asyncio::gather(slow_operation(2), slow_operation(1), slow_operation(3));
    print(fmt::format("Results: {}", repr(results)));
}
LOOPSCOPE_SCENARIO(seed_gather_order, gather_order_main);

// ---- gather --------------------------------------------------------------------------------------

coro<std::string> worker(std::string name, double delay, bool fail) {
    print(fmt::format("{} started", name));
    co_await asyncio::sleep(delay);
    if (fail) {
        print(fmt::format("{} raising", name));
        throw loopscope::value_error(fmt::format("{} failed", name));
    }
    print(fmt::format("{} finished", name));
    co_return name;
}
coro<> siblings_main() {
    try {
        auto results =
            co_await asyncio::gather(worker("A", 2, false), worker("B", 1, true), worker("C", 3, false));
        print(fmt::format("results: {}", repr(results)));
    } catch (const loopscope::python_error&) {
        print(fmt::format("main caught {}", repr(std::current_exception())));
    }
    print("main waits for the siblings");
    co_await asyncio::sleep(3);
    print("main done");
}
LOOPSCOPE_SCENARIO(gather_exception_siblings_continue, siblings_main);

coro<std::string> ok(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} ok", name));
    co_return fmt::format("{} result", name);
}
coro<std::string> bad(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} raising", name));
    throw loopscope::runtime_error(fmt::format("{} broke", name));
}
coro<> return_exceptions_main() {
    std::vector<coro<std::string>> aws;
    aws.push_back(ok("first", 1.5));
    aws.push_back(bad("second", 0.5));
    aws.push_back(ok("third", 1));
    aws.push_back(bad("fourth", 2));
    auto results = co_await asyncio::gather(asyncio::return_exceptions, std::move(aws));
    print(repr(results));
    for (const auto& r : results) {
        if (auto* e = std::get_if<std::exception_ptr>(&r))
            print(fmt::format("{} {}", loopscope::exception_type(*e), loopscope::str(*e)));
        else
            print(fmt::format("str {}", std::get<std::string>(r)));
    }
}
LOOPSCOPE_SCENARIO(gather_return_exceptions, return_exceptions_main);

coro<std::string> leaf(std::string name, double delay) {
    print(fmt::format("leaf {} start", name));
    co_await asyncio::sleep(delay);
    print(fmt::format("leaf {} end", name));
    co_return name;
}
coro<std::vector<std::string>> branch(std::string name, std::vector<double> delays) {
    print(fmt::format("branch {} start", name));
    std::vector<coro<std::string>> leaves;
    for (std::size_t i = 0; i < delays.size(); ++i) leaves.push_back(leaf(fmt::format("{}{}", name, i), delays[i]));
    auto results = co_await asyncio::gather(std::move(leaves));
    print(fmt::format("branch {} got {}", name, repr(results)));
    co_return results;
}
coro<> ticker(int n) {
    for (int i = 0; i < n; ++i) {
        print(fmt::format("tick {}", i));
        co_await asyncio::sleep(0);
    }
}
coro<> nested_main() {
    auto t = asyncio::create_task(ticker(8));
    std::vector<double> x{0, 0.5}, y{0.5, 0};  // GCC cannot keep a braced list alive across a co_await
    auto outer = co_await asyncio::gather(branch("x", x), branch("y", y), leaf("z", 0));
    print(fmt::format("outer got {}", repr(outer)));
    co_await t;
}
LOOPSCOPE_SCENARIO(gather_nested, nested_main);

// The parent resumes two loop turns after its last child: the child's done-callback, then the wake-up.
coro<std::string> hop_child(std::string name) {
    print(fmt::format("{} runs", name));
    co_await asyncio::sleep(0);
    print(fmt::format("{} returns", name));
    co_return name;
}
coro<> hops_main() {
    auto t = asyncio::create_task(ticker(8));
    auto results = co_await asyncio::gather(hop_child("a"), hop_child("b"));
    print(fmt::format("main resumes with {}", repr(results)));
    auto c = asyncio::create_task(hop_child("c"));
    print(fmt::format("main awaits task c: {}", co_await c));
    co_await t;
}
LOOPSCOPE_SCENARIO(gather_hops, hops_main);

// ---- equal and nearly equal deadlines --------------------------------------------------------------

coro<> sleeper(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} woke at {}", name, repr(delay)));
}
coro<> equal_deadlines_main() {
    for (std::vector<std::string> order : {std::vector<std::string>{"a", "b", "c", "d", "e"},
                                           std::vector<std::string>{"e", "d", "c", "b", "a"},
                                           std::vector<std::string>{"c", "a", "e", "b", "d"}}) {
        print(fmt::format("order {}", repr(order)));
        std::vector<task<>> tasks;
        for (auto& n : order) tasks.push_back(asyncio::create_task(sleeper(n, 1.0)));
        co_await asyncio::gather(std::move(tasks));
    }
    std::vector<task<>> tasks;
    std::vector<double> delays{2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0};
    for (std::size_t i = 0; i < delays.size(); ++i)
        tasks.push_back(asyncio::create_task(sleeper(fmt::format("m{}", i), delays[i])));
    co_await asyncio::wait(std::move(tasks));
    print("done");
}
LOOPSCOPE_SCENARIO(equal_deadlines, equal_deadlines_main);

coro<> float_sleeper(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} woke (slept {})", name, repr(delay)));
}
coro<> float_deadlines_main() {
    print(fmt::format("0.1 + 0.2 = {}", repr(0.1 + 0.2)));
    auto a = asyncio::create_task(float_sleeper("sum", 0.1 + 0.2));
    auto b = asyncio::create_task(float_sleeper("literal", 0.3));
    auto c = asyncio::create_task(float_sleeper("sum again", 0.2 + 0.1));
    co_await asyncio::gather(a, b, c);
    auto d = asyncio::create_task(float_sleeper("literal", 0.3));
    auto e = asyncio::create_task(float_sleeper("sum", 0.1 + 0.2));
    co_await asyncio::gather(d, e);
    print("chained sleeps");
    for (int i = 0; i < 3; ++i) co_await asyncio::sleep(0.1);
    print("after 3 x 0.1");
}
LOOPSCOPE_SCENARIO(float_deadlines, float_deadlines_main);

// ---- wait_for ------------------------------------------------------------------------------------

coro<std::string> job(std::string name, double delay) {
    print(fmt::format("{} starts", name));
    try {
        co_await asyncio::sleep(delay);
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("{} cancelled at its sleep", name));
        throw;
    }
    print(fmt::format("{} finishes", name));
    co_return fmt::format("{} result", name);
}
coro<> slow_cleanup(std::string name) {
    std::exception_ptr cancelled;
    try {
        co_await asyncio::sleep(10);
    } catch (const loopscope::cancelled_error&) {
        cancelled = std::current_exception();
    }
    if (cancelled) {  // C++ cannot co_await inside a handler: the except block continues here
        print(fmt::format("{} cleaning up", name));
        co_await asyncio::sleep(0.25);
        print(fmt::format("{} cleaned up", name));
        std::rethrow_exception(cancelled);
    }
}
coro<> wait_for_main() {
    print(co_await asyncio::wait_for(job("quick", 1), 2));
    try {
        co_await asyncio::wait_for(job("slow", 5), 1.5);
    } catch (const loopscope::timeout_error&) {
        print(fmt::format("slow timed out: {}", repr(std::current_exception())));
    }
    auto t = asyncio::create_task(job("task", 1), "B");
    print(co_await asyncio::wait_for(t, 3));
    try {
        co_await asyncio::wait_for(slow_cleanup("cleaner"), 0.5);
    } catch (const loopscope::timeout_error&) {
        print("cleaner timed out (after its cleanup)");
    }
    try {
        co_await asyncio::wait_for(job("zero", 1), 0);
    } catch (const loopscope::timeout_error&) {
        print("zero timeout");
    }
    print(co_await asyncio::wait_for(job("none", 0.5), std::nullopt));
}
LOOPSCOPE_SCENARIO(wait_for_timeout, wait_for_main);

// ---- wait ----------------------------------------------------------------------------------------

coro<std::string> done_job(std::string name, double delay, bool fail) {
    co_await asyncio::sleep(delay);
    if (fail) {
        print(fmt::format("{} fails", name));
        throw loopscope::value_error(name);
    }
    print(fmt::format("{} done", name));
    co_return name;
}
// Python prints sets sorted: sorted(t.get_name() for t in done)
std::vector<std::string> sorted_names(const std::vector<task<std::string>>& ts) {
    std::vector<std::string> names;
    for (auto& t : ts) names.push_back(t.get_name());
    std::sort(names.begin(), names.end());
    return names;
}
coro<> first_completed_main() {
    std::vector<task<std::string>> tasks;
    tasks.push_back(asyncio::create_task(done_job("slow", 3, false), "slow"));
    tasks.push_back(asyncio::create_task(done_job("fast", 1, false), "fast"));
    tasks.push_back(asyncio::create_task(done_job("medium", 2, false), "medium"));
    auto [done, pending] = co_await asyncio::wait(tasks, asyncio::FIRST_COMPLETED);
    print(fmt::format("done: {}", repr(sorted_names(done))));
    print(fmt::format("pending: {}", repr(sorted_names(pending))));
    auto [done2, pending2] = co_await asyncio::wait(pending, {.timeout = 0.5});
    print(fmt::format("after timeout: done={} pending={}", repr(sorted_names(done2)), repr(sorted_names(pending2))));
    auto [all, none_left] = co_await asyncio::wait(tasks);
    std::vector<std::string> results;
    for (auto& t : all) results.push_back(t.result());
    std::sort(results.begin(), results.end());
    print(fmt::format("all: {} pending={}", repr(results), none_left.size()));
}
LOOPSCOPE_SCENARIO(wait_first_completed, first_completed_main);

coro<> first_exception_main() {
    std::vector<task<std::string>> tasks;
    tasks.push_back(asyncio::create_task(done_job("a", 1, false), "a"));
    tasks.push_back(asyncio::create_task(done_job("b", 2, true), "b"));
    tasks.push_back(asyncio::create_task(done_job("c", 3, false), "c"));
    auto [done, pending] = co_await asyncio::wait(tasks, asyncio::FIRST_EXCEPTION);
    print(fmt::format("done: {}", repr(sorted_names(done))));
    print(fmt::format("pending: {}", repr(sorted_names(pending))));
    std::sort(done.begin(), done.end(), [](auto& x, auto& y) { return x.get_name() < y.get_name(); });
    for (auto& t : done)
        if (auto e = t.exception()) print(fmt::format("{} raised {}", t.get_name(), repr(e)));
    for (auto& t : pending) t.cancel();
    auto [cancelled, still_pending] = co_await asyncio::wait(pending);
    std::vector<bool> flags;
    for (auto& t : cancelled) flags.push_back(t.cancelled());
    print(fmt::format("cancelled: {}", repr(flags)));
}
LOOPSCOPE_SCENARIO(wait_first_exception, first_exception_main);

// ---- as_completed --------------------------------------------------------------------------------

coro<std::string> finishing_job(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} finished", name));
    co_return fmt::format("{} after {}", name, delay);
}
coro<> as_completed_main() {
    std::vector<task<std::string>> tasks;
    tasks.push_back(asyncio::create_task(finishing_job("a", 3)));
    tasks.push_back(asyncio::create_task(finishing_job("b", 1)));
    tasks.push_back(asyncio::create_task(finishing_job("c", 2)));
    tasks.push_back(asyncio::create_task(finishing_job("d", 1)));
    for (auto next_done : asyncio::as_completed(tasks)) {
        auto result = co_await std::move(next_done);
        print(fmt::format("got {}", result));
    }
    std::vector<task<std::string>> late;
    late.push_back(asyncio::create_task(finishing_job("e", 0.5)));
    late.push_back(asyncio::create_task(finishing_job("f", 5)));
    try {
        for (auto next_done : asyncio::as_completed(late, 1)) print(fmt::format("got {}", co_await std::move(next_done)));
    } catch (const loopscope::timeout_error&) {
        print("as_completed timed out");
    }
    late[1].cancel();
}
LOOPSCOPE_SCENARIO(as_completed_order, as_completed_main);

// ---- shield --------------------------------------------------------------------------------------

coro<std::string> precious(std::string name) {
    print(fmt::format("{} starts", name));
    co_await asyncio::sleep(2);
    print(fmt::format("{} finishes anyway", name));
    co_return fmt::format("{} saved", name);
}
coro<std::string> shield_waiter(task<std::string> inner) {
    try {
        co_return co_await asyncio::shield(inner);
    } catch (const loopscope::cancelled_error&) {
        print("waiter cancelled; inner keeps running");
        throw;
    }
}
coro<> shield_main() {
    auto inner = asyncio::create_task(precious("inner"));
    auto w = asyncio::create_task(shield_waiter(inner));
    co_await asyncio::sleep(1);
    w.cancel();
    try {
        co_await w;
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("waiter is cancelled: {}, inner done: {}", repr(w.cancelled()), repr(inner.done())));
    }
    print(fmt::format("inner result: {}", co_await inner));
    auto inner2 = asyncio::create_task(precious("inner2"));
    try {
        co_await asyncio::wait_for(asyncio::shield(inner2), 1);
    } catch (const loopscope::timeout_error&) {
        print(fmt::format("timed out; inner2 cancelled: {}", repr(inner2.cancelled())));
    }
    print(fmt::format("inner2 result: {}", co_await inner2));
    print(fmt::format("shield of a done task: {}", co_await asyncio::shield(inner2)));
}
LOOPSCOPE_SCENARIO(shield_inner, shield_main);

// ---- timeout() -----------------------------------------------------------------------------------

coro<std::string> work(std::string name, double delay) {
    print(fmt::format("{} working for {}", name, delay));
    try {
        co_await asyncio::sleep(delay);
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("{} interrupted", name));
        throw;
    }
    print(fmt::format("{} done", name));
    co_return name;
}
coro<> inside_zero_timeout() {
    print("inside a timeout(0)");
    co_await asyncio::sleep(0);
    print("never printed");
}
coro<> gather_two() { co_await asyncio::gather(work("g1", 0.25), work("g2", 1)); }
coro<> timeout_main() {
    auto r = co_await asyncio::timeout(2, work("fits", 1));
    print(fmt::format("got {}", r));
    try {
        co_await asyncio::timeout(1.5, work("too long", 5));
    } catch (const loopscope::timeout_error&) {
        print(fmt::format("timeout: {}, cancelling={}", repr(std::current_exception()),
                          loopscope::current_task()->cancelling()));
    }
    try {
        co_await asyncio::timeout(0, inside_zero_timeout());
    } catch (const loopscope::timeout_error&) {
        print("timeout(0) fired on the next turn");
    }
    co_await asyncio::timeout(std::nullopt, work("no deadline", 3));
    auto& loop = asyncio::get_running_loop();
    try {
        co_await asyncio::timeout_at(loop.time() + 0.5, gather_two());
    } catch (const loopscope::timeout_error&) {
        print("gather under timeout_at timed out");
    }
    print("end");
}
LOOPSCOPE_SCENARIO(timeout_scope, timeout_main);

// ---- edges ---------------------------------------------------------------------------------------

coro<std::string> edge_job(std::string name, double delay) {
    try {
        co_await asyncio::sleep(delay);
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("{} cancelled", name));
        throw;
    }
    print(fmt::format("{} finished", name));
    co_return name;
}
coro<std::string> outer_waits(std::string name) {
    try {
        co_return co_await asyncio::wait_for(edge_job(name, 5), 10);
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("outer {} cancelled while in wait_for", name));
        throw;
    }
}
coro<> boom() {
    co_await asyncio::sleep(0.5);
    throw loopscope::python_error("KeyError", "k");
}
coro<> wait_for_edges_main() {
    // The job's deadline equals the timeout: whose timer fires first decides.
    try {
        print(co_await asyncio::wait_for(edge_job("tie", 1), 1));
    } catch (const loopscope::timeout_error&) {
        print("tie: timed out");
    }
    auto t = asyncio::create_task(edge_job("early", 1));
    try {
        print(co_await asyncio::wait_for(t, 1));
    } catch (const loopscope::timeout_error&) {
        print("early task: timed out");
    }
    // Cancelling the task that sits in wait_for cancels the inner one too.
    auto o = asyncio::create_task(outer_waits("x"));
    co_await asyncio::sleep(1);
    o.cancel("stop");
    try {
        co_await o;
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("outer x: {}", repr(std::current_exception())));
    }
    try {
        co_await asyncio::wait_for(asyncio::gather(edge_job("g1", 0.5), edge_job("g2", 2)), 1);
    } catch (const loopscope::timeout_error&) {
        print("gather timed out");
    }
    auto done = asyncio::create_task(edge_job("done", 0));
    co_await asyncio::sleep(0.1);
    print(co_await asyncio::wait_for(done, 0));
    try {
        co_await asyncio::wait_for(boom(), 1);
    } catch (const loopscope::python_error&) {
        print(fmt::format("inner raised {}", repr(std::current_exception())));
    }
}
LOOPSCOPE_SCENARIO(wait_for_edges, wait_for_edges_main);

coro<> scoped_work(std::string name, double delay) {
    try {
        co_await asyncio::sleep(delay);
        print(fmt::format("{} done", name));
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("{} cancelled", name));
        throw;
    }
}
coro<> inner_scope(std::string name, double delay) {
    try {
        co_await asyncio::timeout(delay, scoped_work(name, 5));
    } catch (const loopscope::timeout_error&) {
        print(fmt::format("{} scope timed out", name));
    }
}
coro<> inner_scope_then_work() {
    co_await inner_scope("inner2", 1);
    co_await scoped_work("after inner2", 0.5);
}
coro<> victim_in_scope() {
    try {
        co_await asyncio::timeout(1, scoped_work("victim work", 5));
    } catch (const loopscope::timeout_error&) {
        print("victim: TimeoutError");
    }
}
coro<> scope_canceller(std::vector<task<>>* victims) {
    co_await asyncio::sleep(1);
    print(fmt::format("canceller cancels the victim: {}", repr((*victims)[0].cancel())));
}
coro<> nested_timeouts_main() {
    auto* me = loopscope::current_task();
    try {
        co_await asyncio::timeout(1, inner_scope("inner", 2));  // the inner scope must not convert
    } catch (const loopscope::timeout_error&) {
        print(fmt::format("outer scope timed out, cancelling={}", me->cancelling()));
    }
    try {
        co_await asyncio::timeout(2, inner_scope_then_work());
    } catch (const loopscope::timeout_error&) {
        print("outer2 timed out (wrong)");
    }
    print(fmt::format("t={}", repr(asyncio::get_running_loop().time())));
    // The canceller's timer is armed first: it cancels the victim after the victim's timeout
    // fired but before the victim ran, so the scope must let the CancelledError through.
    std::vector<task<>> victims;
    auto c = asyncio::create_task(scope_canceller(&victims));
    auto v = asyncio::create_task(victim_in_scope());
    victims.push_back(v);
    try {
        co_await v;
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("victim ended with CancelledError, cancelled={}", repr(v.cancelled())));
    }
    co_await c;
}
LOOPSCOPE_SCENARIO(nested_timeouts, nested_timeouts_main);

coro<std::string> value(std::string name, double delay) {
    co_await asyncio::sleep(delay);
    print(fmt::format("{} ready", name));
    co_return name;
}
coro<std::string> fail_late(double delay) {
    co_await asyncio::sleep(delay);
    throw loopscope::value_error("late failure");
}
coro<> gather_edges_main() {
    auto t = asyncio::create_task(value("dup", 1));
    print(repr(co_await asyncio::gather(t, t, value("other", 0.5))));
    auto done = asyncio::create_task(value("early", 0));
    co_await asyncio::sleep(0.1);
    print(repr(co_await asyncio::gather(done, value("fresh", 0))));
    print(repr(co_await asyncio::gather()));
    auto g = asyncio::gather(fail_late(0.5), value("slowpoke", 1));
    try {
        co_await g;
    } catch (const loopscope::python_error&) {
        auto e = std::current_exception();
        print(fmt::format("caught {}; gather done={}, cancel() now returns {}", repr(e), repr(g.done()),
                          repr(g.cancel())));
    }
    co_await asyncio::sleep(1);
    auto inner = asyncio::gather(fail_late(0.25), value("inner ok", 0.5));
    auto r = co_await asyncio::gather(asyncio::return_exceptions, inner, value("outer ok", 0.75));
    print(repr(r));
    auto s = asyncio::create_task(fail_late(0.5));
    try {
        co_await asyncio::shield(s);
    } catch (const loopscope::python_error&) {
        print(fmt::format("shield passed on {}", repr(std::current_exception())));
    }
    auto m = asyncio::create_task(value("msg", 5));
    co_await asyncio::sleep(0);
    m.cancel("because");
    try {
        co_await m;
    } catch (const loopscope::cancelled_error&) {
        print(fmt::format("awaiting m: {}", repr(std::current_exception())));
    }
    auto m2 = asyncio::create_task(value("msg2", 5));
    co_await asyncio::sleep(0);
    m2.cancel("why");
    print(repr(co_await asyncio::gather(asyncio::return_exceptions, m2)));
}
LOOPSCOPE_SCENARIO(gather_edges, gather_edges_main);

}  // namespace
