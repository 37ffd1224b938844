#include <gtest/gtest.h>

#include "loopscope/loopscope.hpp"
#include "output_lines.hpp"
#include "loopscope/network.hpp"

using namespace loopscope;
using aiohttp::client_response;
using aiohttp::client_session;

namespace {

using loopscope::testing::lines;

const aiohttp::network sites{
    {"https://a.example/", {.latency = 1, .body = "page a"}},
    {"https://b.example/", {.latency = 2, .body = "page b"}},
    {"https://err.example/", {.latency = 0.5, .status = 503}},
    {"https://down.example/", {.latency = 0.25, .connection_error = true}},
    {"https://slow.example/", {.latency = 10}},
};

coro<std::string> fetch(client_session& session, std::string url) {
    auto request = session.get(url);  // named: see the GCC 12 note in async_with.hpp
    co_return co_await async_with(request, [](client_response& response) -> coro<std::string> {
        co_return co_await response.text();
    });
}

coro<> one_request() {
    client_session session(sites);
    print(co_await fetch(session, "https://a.example/"));
}

TEST(Network, ARequestTakesItsLatencyAndGivesTheConfiguredBody) {
    auto r = run(one_request());
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 page a"}));
}

coro<> concurrent_requests() {
    client_session session(sites);
    auto a = asyncio::create_task(fetch(session, "https://a.example/"));
    auto b = asyncio::create_task(fetch(session, "https://b.example/"));
    print(co_await b);
    print(co_await a);
}

TEST(Network, ConcurrentRequestsOverlap) {
    auto r = run(concurrent_requests());
    EXPECT_EQ(lines(r), (std::vector<std::string>{"2.000 page b", "2.000 page a"}));
}

coro<> unknown_url() {
    client_session session;
    client_response resp = co_await session.get("https://anything.example/x");
    print(fmt::format("{} {} {}", resp.status, resp.reason, co_await resp.text()));
}

TEST(Network, AnUnknownUrlAnswersOkAfterOneSecond) {
    auto r = run(unknown_url());
    EXPECT_EQ(lines(r), (std::vector<std::string>{"1.000 200 OK Response from https://anything.example/x"}));
}

coro<> server_error(std::string* what, int* status) {
    client_session session(sites);
    client_response resp = co_await session.get("https://err.example/");
    EXPECT_FALSE(resp.ok());
    try {
        resp.raise_for_status();
    } catch (const client_response_error& e) {
        *what = e.what();
        *status = e.status;
    }
}

TEST(Network, AServerErrorRaisesOnlyOnRaiseForStatusWithAiohttpsMessage) {
    std::string what;
    int status = 0;
    auto r = run(server_error(&what, &status));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(status, 503);
    EXPECT_EQ(what, "503, message='Service Unavailable', url='https://err.example/'");
}

coro<> connection_refused() {
    client_session session(sites);
    auto request = session.get("https://down.example/");
    (void)co_await std::move(request);
}

TEST(Network, AConnectionErrorIsRaisedAfterTheLatency) {
    auto r = run(connection_refused());
    EXPECT_EQ(r.error_text,
              "ClientConnectorError: Cannot connect to host down.example ssl:default [Connection refused]");
    EXPECT_DOUBLE_EQ(r.trace.end_time(), 0.25);
}

coro<> session_timeout(std::vector<std::string>* log) {
    client_session session(sites, aiohttp::client_timeout{.total = 3});
    std::string slow = "https://slow.example/", b = "https://b.example/";
    try {
        print(co_await fetch(session, slow));
    } catch (const timeout_error&) {
        log->push_back(fmt::format("timed out at {}", get_running_loop().time()));
    }
    // A per-request timeout replaces the session's.
    try {
        auto request = session.get(b, aiohttp::client_timeout{.total = 1.5});
        (void)co_await std::move(request);
    } catch (const timeout_error&) {
        log->push_back(fmt::format("timed out at {}", get_running_loop().time()));
    }
    client_response ok = co_await session.get(b);  // 2 s < 3 s
    log->push_back(fmt::format("{} at {}", ok.status, get_running_loop().time()));
}

TEST(Network, ATimeoutGivesUpAtTheLimit) {
    std::vector<std::string> log;
    auto r = run(session_timeout(&log));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(log, (std::vector<std::string>{"timed out at 3", "timed out at 4.5", "200 at 6.5"}));
}

coro<> wait_for_a_request(std::string* out) {
    client_session session(sites);
    std::string slow = "https://slow.example/";
    try {
        auto request = fetch(session, slow);
        *out = co_await asyncio::wait_for(std::move(request), 2.0);
    } catch (const timeout_error&) {
        *out = fmt::format("wait_for gave up at {}", get_running_loop().time());
    }
}

TEST(Network, RequestsAreCancellableSoWaitForWorks) {
    std::string out;
    auto r = run(wait_for_a_request(&out));
    EXPECT_TRUE(r.ok()) << r.error_text;
    EXPECT_EQ(out, "wait_for gave up at 2");
}

coro<> traced() {
    client_session session(sites);
    (void)co_await session.get("https://a.example/");
}

TEST(Network, TheWaitIsTracedAsIoNamedAfterTheRequest) {
    auto r = run(traced());
    const trace& t = r.trace;
    int io = 0;
    for (auto& e : t.events()) {
        if (e.kind != event_kind::task_suspended) continue;
        EXPECT_EQ(static_cast<await_kind>(e.aux), await_kind::io);
        EXPECT_EQ(t.string(e.b), "GET https://a.example/");
        EXPECT_NE(std::string(t.string(t.site_of(e).file)).find("network_test.cpp"), std::string::npos);
        ++io;
    }
    EXPECT_EQ(io, 1);
}

coro<> session_closes() {
    client_session outer(sites);
    co_await async_with(outer, [](client_session& s) -> coro<> {
        EXPECT_FALSE(s.closed());
        co_return;
    });
    EXPECT_TRUE(outer.closed());
}

TEST(Network, LeavingTheSessionClosesIt) {
    auto r = run(session_closes());
    EXPECT_TRUE(r.ok()) << r.error_text;
}

}  // namespace
