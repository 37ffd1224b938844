// The simulated network against the fake aiohttp (tests/conformance/fakes/aiohttp.py).
#include "scenario.hpp"

using loopscope::coro;
using loopscope::print;
using aiohttp::client_response;
using aiohttp::client_session;

namespace {

const aiohttp::network three_sites{
    {"https://a.example/", {.latency = 1, .body = "page a"}},
    {"https://b.example/", {.latency = 1, .body = "page b"}},
    {"https://c.example/", {.latency = 1, .body = "page c"}},
};
const std::vector<std::string> urls{"https://a.example/", "https://b.example/", "https://c.example/"};

// The request is named rather than a temporary of the co_await expression: GCC 12 destroys such a
// temporary twice when an exception (here a timeout) propagates through the co_await.
coro<std::string> fetch(client_session& session, std::string url) {
    auto request = session.get(url);
    co_return co_await asyncio::async_with(request, [](client_response& response) -> coro<std::string> {
        co_return co_await response.text();
    });
}

// Three requests one after another take 3 s; the same three as tasks take 1 s.
coro<> fetch_sequential_vs_concurrent_main() {
    co_await asyncio::async_with(client_session(three_sites), [](client_session& session) -> coro<> {
        double start = asyncio::get_running_loop().time();
        for (const auto& url : urls) print(co_await fetch(session, url));
        print(fmt::format("sequential took {:.2f} seconds", asyncio::get_running_loop().time() - start));

        start = asyncio::get_running_loop().time();
        std::vector<asyncio::task<std::string>> tasks;
        for (const auto& url : urls) tasks.push_back(asyncio::create_task(fetch(session, url)));
        for (auto& t : tasks) print(co_await t);
        print(fmt::format("concurrent took {:.2f} seconds", asyncio::get_running_loop().time() - start));
    });
}
LOOPSCOPE_SCENARIO(net_sequential_vs_concurrent, fetch_sequential_vs_concurrent_main);

// A 500 is a normal response until raise_for_status(); try/except handles it, the next URL still loads.
const aiohttp::network flaky_server{
    {"https://api.example/broken", {.latency = 0.5, .status = 500}},
    {"https://api.example/ok", {.latency = 0.25, .body = "{\"ok\": true}"}},
};
coro<> net_server_error_main() {
    co_await asyncio::async_with(client_session(flaky_server), [](client_session& session) -> coro<> {
        for (std::string url : {"https://api.example/broken", "https://api.example/ok"}) {
            try {
                auto request = session.get(url);
                co_await asyncio::async_with(request, [](client_response& response) -> coro<> {
                    print(fmt::format("status {}", response.status));
                    response.raise_for_status();
                    print(co_await response.text());
                });
            } catch (const loopscope::client_response_error& e) {
                print(fmt::format("HTTP error {}: {}", e.status, e.what()));
            }
        }
    });
}
LOOPSCOPE_SCENARIO(net_server_error, net_server_error_main);

// A session timeout of 2 s: the slow request gives up at 2 s, the quick one is unaffected;
// wait_for around an untimed request works the same way.
const aiohttp::network slow_and_quick{
    {"https://slow.example/", {.latency = 5}},
    {"https://quick.example/", {.latency = 0.5, .body = "quick"}},
};
coro<> net_timeout_main() {
    co_await asyncio::async_with(
        client_session(slow_and_quick, aiohttp::client_timeout{.total = 2}), [](client_session& session) -> coro<> {
            std::string slow = "https://slow.example/", quick = "https://quick.example/";
            try {
                print(co_await fetch(session, slow));
            } catch (const loopscope::timeout_error&) {
                print("slow.example timed out");
            }
            print(co_await fetch(session, quick));
        });
}
LOOPSCOPE_SCENARIO(net_timeout, net_timeout_main);

// A refused connection raises a ClientConnectorError, caught as the ClientError base.
const aiohttp::network one_down{
    {"https://down.example/", {.latency = 0.2, .connection_error = true}},
};
coro<> net_connection_error_main() {
    client_session session(one_down);
    std::string down = "https://down.example/", up = "https://up.example/";
    try {
        auto request = session.get(down);
        client_response r = co_await std::move(request);
        print(fmt::format("status {}", r.status));
    } catch (const loopscope::client_error& e) {
        print(fmt::format("{}: {}", e.type_name, e.what()));
    }
    client_response r = co_await session.get(up);
    print(fmt::format("{} {}", r.status, co_await r.text()));
}
LOOPSCOPE_SCENARIO(net_connection_error, net_connection_error_main);

}  // namespace
