#include <gtest/gtest.h>

#include "loopscope/async_with.hpp"
#include "loopscope/loopscope.hpp"

using namespace loopscope;

namespace {

// A resource that logs every protocol step; `suppress` is what aexit answers.
struct logged {
    std::vector<std::string>* log;
    bool suppress = false;
    double pause = 0.5;
    coro<> aenter() {
        log->push_back(fmt::format("enter at {}", get_running_loop().time()));
        co_await asyncio::sleep(pause);
    }
    coro<bool> aexit(std::exception_ptr e) {
        log->push_back(fmt::format("exit({}) at {}", e ? exception_repr(e) : "None", get_running_loop().time()));
        co_await asyncio::sleep(pause);
        co_return suppress;
    }
};

coro<> normal_body(std::vector<std::string>* log) {
    co_await async_with(logged{log}, [](logged& r) -> coro<> {
        r.log->push_back(fmt::format("body at {}", get_running_loop().time()));
        co_await asyncio::sleep(1);
    });
    log->push_back(fmt::format("after at {}", get_running_loop().time()));
}

TEST(AsyncWith, EnterBodyAndExitAreAwaitedInOrder) {
    std::vector<std::string> log;
    auto r = run(normal_body(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"enter at 0", "body at 0.5", "exit(None) at 1.5", "after at 2"}));
}

coro<> raising_body(std::vector<std::string>* log) {
    try {
        co_await async_with(logged{log}, [](logged&) -> coro<> {
            co_await asyncio::sleep(1);
            throw value_error("boom");
        });
        log->push_back("not reached");
    } catch (const python_error& e) {
        log->push_back(fmt::format("caught {} at {}", e.what(), get_running_loop().time()));
    }
}

TEST(AsyncWith, ExitRunsWithTheBodysExceptionWhichThenPropagates) {
    std::vector<std::string> log;
    auto r = run(raising_body(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"enter at 0", "exit(ValueError('boom')) at 1.5", "caught boom at 2"}));
}

coro<> suppressed_body(std::vector<std::string>* log) {
    int v = co_await async_with(logged{log, true}, [](logged&) -> coro<int> {
        co_await asyncio::sleep(1);
        throw value_error("boom");
    });
    log->push_back(fmt::format("value {}", v));
}

TEST(AsyncWith, ExitReturningTrueSuppressesTheExceptionAndTheValueIsEmpty) {
    std::vector<std::string> log;
    auto r = run(suppressed_body(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"enter at 0", "exit(ValueError('boom')) at 1.5", "value 0"}));
}

struct failing_enter {
    std::vector<std::string>* log;
    coro<> aenter() {
        co_await asyncio::sleep(0);
        throw runtime_error("cannot enter");
    }
    coro<> aexit(std::exception_ptr) {
        log->push_back("exit");
        co_return;
    }
};

coro<> enter_fails(std::vector<std::string>* log) {
    try {
        co_await async_with(failing_enter{log}, [](failing_enter& r) -> coro<> {
            r.log->push_back("body");
            co_return;
        });
    } catch (const python_error& e) {
        log->push_back(e.what());
    }
}

TEST(AsyncWith, WhenEnterRaisesNeitherBodyNorExitRuns) {
    std::vector<std::string> log;
    auto r = run(enter_fails(&log));
    EXPECT_EQ(log, (std::vector<std::string>{"cannot enter"}));
}

// aenter's value is what the body receives (async with X() as value).
struct opener {
    coro<std::string> aenter() { co_return "handle-7"; }
    coro<> aexit(std::exception_ptr) { co_return; }
};

coro<> returns_value(std::string* out) {
    *out = co_await async_with(opener{}, [](std::string& handle) -> coro<std::string> { co_return handle + "!"; });
}

TEST(AsyncWith, TheBodyGetsEntersValueAndItsResultIsReturned) {
    std::string out;
    auto r = run(returns_value(&out));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(out, "handle-7!");
}

// A counter of live copies proves where the resource lives.
struct tracked {
    int* alive;
    int* entered_with_alive;
    explicit tracked(int* a, int* e) : alive(a), entered_with_alive(e) { ++*alive; }
    tracked(tracked&& o) noexcept : alive(o.alive), entered_with_alive(o.entered_with_alive) { ++*alive; }
    ~tracked() { --*alive; }
    coro<> aenter() { co_return; }
    coro<> aexit(std::exception_ptr) {
        co_await asyncio::sleep(1);
        *entered_with_alive = *alive;  // still alive while exit runs, after every suspension
    }
};

coro<> stored_then_awaited(int* alive, int* at_exit) {
    auto statement = async_with(tracked(alive, at_exit), [](tracked&) -> coro<> {
        co_await asyncio::sleep(1);
    });
    co_await asyncio::sleep(0.5);  // the temporary resource is gone from this frame by now
    co_await std::move(statement);
}

TEST(AsyncWith, ATemporaryResourceLivesInTheStatementUntilExitHasFinished) {
    int alive = 0, at_exit = -1;
    auto r = run(stored_then_awaited(&alive, &at_exit));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(at_exit, 1);
    EXPECT_EQ(alive, 0);
}

coro<> lvalue_resource(std::vector<std::string>* log) {
    logged mine{log};
    mine.pause = 0;
    co_await async_with(mine, [](logged& r) -> coro<> {
        r.suppress = true;  // the caller's own object, not a copy
        co_return;
    });
    log->push_back(mine.suppress ? "same object" : "a copy");
}

TEST(AsyncWith, AnLvalueResourceIsUsedInPlace) {
    std::vector<std::string> log;
    auto r = run(lvalue_resource(&log));
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back(), "same object");
}

coro<> cancelled_inside(std::vector<std::string>* log) {
    auto t = asyncio::create_task(async_with(logged{log}, [](logged&) -> coro<> { co_await asyncio::sleep(10); }));
    co_await asyncio::sleep(2);
    t.cancel();
    try {
        co_await t;
    } catch (const cancelled_error&) {
        log->push_back(fmt::format("cancelled at {}", get_running_loop().time()));
    }
}

TEST(AsyncWith, CancellationInTheBodyStillRunsExit) {
    std::vector<std::string> log;
    auto r = run(cancelled_inside(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"enter at 0", "exit(CancelledError()) at 2", "cancelled at 2.5"}));
}

}  // namespace
