// Async generators, async with and executor work, against CPython (each has a <name>.py twin).
#include "scenario.hpp"

using loopscope::coro;
using loopscope::print;
using loopscope::str;

namespace {

// 002: async for over an async generator with a sleep before each item
asyncio::async_generator<int> async_generator() {
    for (int i = 0; i < 3; ++i) {
        co_await asyncio::sleep(1);
        co_yield i;
    }
}
coro<> gen_async_for_main() {
    auto gen = async_generator();
    while (auto value = co_await gen.next()) print(str(*value));
}
LOOPSCOPE_SCENARIO(gen_async_for, gen_async_for_main);

// Two generators with different paces, each consumed by its own task: their items interleave.
asyncio::async_generator<std::string> ticks(std::string name, double every, int count) {
    for (int i = 0; i < count; ++i) {
        co_await asyncio::sleep(every);
        co_yield fmt::format("{}{}", name, i);
    }
    print(fmt::format("{} exhausted", name));
}
coro<int> consume(std::string name, double every, int count) {
    int seen = 0;
    auto gen = ticks(name, every, count);
    while (auto item = co_await gen.next()) {
        print(fmt::format("got {}", *item));
        ++seen;
    }
    co_return seen;
}
coro<> gen_two_consumers_main() {
    auto a = asyncio::create_task(consume("a", 1, 3));
    auto b = asyncio::create_task(consume("b", 1.5, 2));
    int na = co_await a;
    int nb = co_await b;
    print(fmt::format("consumed {} and {}", na, nb));
}
LOOPSCOPE_SCENARIO(gen_two_consumers, gen_two_consumers_main);

// A generator that raises part-way: the consumer sees the exception from anext().
asyncio::async_generator<int> flaky() {
    co_yield 1;
    co_await asyncio::sleep(0.5);
    throw loopscope::value_error("sensor offline");
}
coro<> gen_raises_main() {
    auto gen = flaky();
    try {
        while (auto v = co_await gen.next()) print(fmt::format("reading {}", *v));
    } catch (const loopscope::python_error& e) {
        print(fmt::format("stopped: {}", e.what()));
    }
}
LOOPSCOPE_SCENARIO(gen_raises, gen_raises_main);

// 000: AsyncResource, whose enter and exit both await
struct async_resource {
    coro<> aenter() {
        print("Acquiring resource");
        co_await asyncio::sleep(1);
    }
    coro<> aexit(std::exception_ptr) {
        print("Releasing resource");
        co_await asyncio::sleep(1);
    }
};
coro<> with_async_resource_main() {
    co_await asyncio::async_with(async_resource{}, [](async_resource&) -> coro<> {
        print("Using resource");
        co_return;
    });
}
LOOPSCOPE_SCENARIO(with_async_resource, with_async_resource_main);

// 002: AsyncContextManager, whose enter and exit do not suspend at all
struct async_context_manager {
    coro<> aenter() {
        print("Entering context");
        co_return;
    }
    coro<> aexit(std::exception_ptr) {
        print("Exiting context");
        co_return;
    }
};
coro<> with_context_manager_main() {
    co_await asyncio::async_with(async_context_manager{}, [](async_context_manager&) -> coro<> {
        print("Inside context");
        co_return;
    });
}
LOOPSCOPE_SCENARIO(with_context_manager, with_context_manager_main);

// The body raises: exit still runs (and sees the exception), then the exception goes on.
struct connection {
    std::string name;
    coro<std::string> aenter() {
        print(fmt::format("open {}", name));
        co_await asyncio::sleep(0.5);
        co_return name + " (open)";
    }
    coro<bool> aexit(std::exception_ptr e) {
        print(fmt::format("close {}: {}", name, e ? loopscope::exception_repr(e) : std::string("clean")));
        co_await asyncio::sleep(0.5);
        co_return false;
    }
};
coro<> with_body_raises_main() {
    // Named, not a temporary: GCC 12 destroys a temporary of a co_await expression twice when the
    // exception propagates through it (see async_with.hpp).
    connection db{"db"};
    try {
        co_await asyncio::async_with(db, [](std::string& conn) -> coro<> {
            print(fmt::format("using {}", conn));
            co_await asyncio::sleep(1);
            throw loopscope::value_error("query failed");
        });
        print("not reached");
    } catch (const loopscope::python_error& e) {
        print(fmt::format("caught {}", e.what()));
    }
}
LOOPSCOPE_SCENARIO(with_body_raises, with_body_raises_main);

// __aexit__ returning True swallows the body's exception; the block's value is None.
struct suppressor {
    coro<> aenter() { co_return; }
    coro<bool> aexit(std::exception_ptr e) {
        co_await asyncio::sleep(0);
        print(fmt::format("suppressing {}", loopscope::exception_repr(e)));
        co_return true;
    }
};
coro<> with_suppress_main() {
    co_await asyncio::async_with(suppressor{}, [](suppressor&) -> coro<> {
        print("body starts");
        co_await asyncio::sleep(1);
        throw loopscope::runtime_error("ignored");
    });
    print("after the block");
}
LOOPSCOPE_SCENARIO(with_suppress, with_suppress_main);

// Executor work overlaps with a loop task; a worker due with a timer is handed back first.
coro<> ticker() {
    for (int i = 0; i < 3; ++i) {
        print(fmt::format("tick {}", i));
        co_await asyncio::sleep(0.5);
    }
}
coro<> executor_overlap_main() {
    auto t = asyncio::create_task(ticker());
    print("start");
    int r = co_await asyncio::to_thread(1.0, [] { return 42; });
    print(fmt::format("result {}", r));
    co_await asyncio::to_thread(0.5);
    print("slept in thread");
    co_await t;
}
LOOPSCOPE_SCENARIO(executor_overlap, executor_overlap_main);

// Three blocking jobs started together finish together; run_in_executor starts them at the call.
coro<> executor_parallel_main() {
    auto a = asyncio::run_in_executor(2.0, [] { return std::string("a"); });
    auto b = asyncio::run_in_executor(1.0, [] { return std::string("b"); });
    auto c = asyncio::create_task(asyncio::to_thread(2.0, [] { return std::string("c"); }));
    print("submitted");
    std::string rb = co_await b;
    print(fmt::format("{} at {}", rb, loopscope::repr(asyncio::get_running_loop().time())));
    std::string ra = co_await a;
    std::string rc = co_await c;
    print(fmt::format("{}{} at {}", ra, rc, loopscope::repr(asyncio::get_running_loop().time())));
}
LOOPSCOPE_SCENARIO(executor_parallel, executor_parallel_main);

}  // namespace
