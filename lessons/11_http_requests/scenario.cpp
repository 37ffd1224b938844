// Lesson 11: HTTP requests, aiohttp style, on loopscope's simulated network: one after another,
// then all at once with gather; a slow server runs into the session's timeout, a broken one answers 500.
#include "lesson_api.hpp"

using namespace loopscope;
using aiohttp::client_response;
using aiohttp::client_session;

namespace {

const std::vector<std::string> urls{"https://cats.example/1", "https://cats.example/2", "https://slow.example/3",
                                    "https://broken.example/4"};

coro<std::string> get_data(const client_session& session, std::string url) {             // py 13
    std::string result;
    try {
        result = co_await asyncio::async_with(session.get(url), [](client_response& response) -> coro<std::string> {  // py 15
            response.raise_for_status();                                                  // py 16
            co_return co_await response.text();                                           // py 17
        });
    } catch (const client_response_error& e) {
        result = fmt::format("error {}", e.status);                                       // py 19
    } catch (const timeout_error&) {
        result = "timed out";                                                             // py 21
    }
    co_return result;
}

coro<> main_coro(aiohttp::network net, double timeout) {                                 // py 23
    co_await asyncio::async_with(                                                         // py 25
        client_session(net, aiohttp::client_timeout{.total = timeout}), [](client_session& session) -> coro<> {
            double start = get_running_loop().time();                                     // py 26
            for (const auto& url : urls) {                                                // py 27
                auto data = co_await get_data(session, url);                              // py 28
                print(fmt::format("{} {}", url, data));                                   // py 28
            }
            print(fmt::format("one after another: {:.1f} s", get_running_loop().time() - start));  // py 29

            start = get_running_loop().time();                                            // py 31
            std::vector<coro<std::string>> requests;
            for (const auto& url : urls) requests.push_back(get_data(session, url));
            auto results = co_await asyncio::gather(std::move(requests));                 // py 32
            print(repr(results));                                                         // py 33
            print(fmt::format("all at once: {:.1f} s", get_running_loop().time() - start));  // py 34
        });
}

// one_after_another.py: the first half alone (lines 1-29 as in lesson.py).
coro<> main_one_after_another(aiohttp::network net, double timeout) {                    // py 23
    co_await asyncio::async_with(                                                         // py 25
        client_session(net, aiohttp::client_timeout{.total = timeout}), [](client_session& session) -> coro<> {
            double start = get_running_loop().time();                                     // py 26
            for (const auto& url : urls) {                                                // py 27
                auto data = co_await get_data(session, url);                              // py 28
                print(fmt::format("{} {}", url, data));                                   // py 28
            }
            print(fmt::format("one after another: {:.1f} s", get_running_loop().time() - start));  // py 29
        });
}

// all_at_once.py: the second half alone (lines 26-29 of that file).
coro<> main_all_at_once(aiohttp::network net, double timeout) {                          // py 23
    co_await asyncio::async_with(                                                         // py 25
        client_session(net, aiohttp::client_timeout{.total = timeout}), [](client_session& session) -> coro<> {
            double start = get_running_loop().time();                                     // py 26
            std::vector<coro<std::string>> requests;
            for (const auto& url : urls) requests.push_back(get_data(session, url));
            auto results = co_await asyncio::gather(std::move(requests));                 // py 27
            print(repr(results));                                                         // py 28
            print(fmt::format("all at once: {:.1f} s", get_running_loop().time() - start));  // py 29
        });
}

}  // namespace

LOOPSCOPE_LESSON_RUN(11_http_requests) {
    aiohttp::network net{
        {"https://cats.example/1", {.latency = 1, .body = "Tom"}},
        {"https://cats.example/2", {.latency = 1, .body = "Felix"}},
        {"https://slow.example/3", {.latency = lessons::knob_value(knobs, "slow", 3), .body = "Garfield"}},
        {"https://broken.example/4", {.latency = 0.5, .status = lessons::knob_choice(knobs, "broken", 0) ? 200 : 500}},
    };
    const double timeout = lessons::knob_value(knobs, "timeout", 2);
    switch (lessons::knob_choice(knobs, "program", 0)) {
        case 1: return asyncio::run(main_one_after_another(std::move(net), timeout), lessons::lesson_options("One after another"));  // py 31
        case 2: return asyncio::run(main_all_at_once(std::move(net), timeout), lessons::lesson_options("All at once"));  // py 31
        default: break;
    }
    return asyncio::run(main_coro(std::move(net), timeout),  // py 36
                        lessons::lesson_options("Concurrent HTTP requests"));
}
