// A simulated network for aiohttp-style lessons: no sockets, every answer is configured per URL.
//
//     const aiohttp::network internet{
//         {"https://a.example", {.latency = 1, .body = "A"}},
//         {"https://down.example", {.latency = 0.5, .status = 500}},
//     };
//     co_await asyncio::async_with(aiohttp::client_session(internet), [](aiohttp::client_session& session) -> coro<> {
//         co_await asyncio::async_with(session.get("https://a.example"), [](aiohttp::client_response& response) -> coro<> {
//             print(fmt::format("{} {}", response.status, co_await response.text()));
//         });
//     });
//
// The timing model, identical in the Python twin's fake aiohttp (tests/conformance/fakes/aiohttp.py):
// a request is one asyncio.sleep(latency), spent when it is awaited (`await session.get(url)` or
// entering `async with session.get(url)`); everything else (entering and leaving the session,
// response.text(), leaving the response) completes inline, with no trip through the loop.
//  - status >= 400 arrives as a normal response; raise_for_status() raises client_response_error.
//  - connection_error: after the latency the request raises client_connector_error.
//  - client_timeout{.total = t} with latency > t: the request waits t, then raises timeout_error
//    (aiohttp raises asyncio.TimeoutError). latency == t is not a timeout.
// Unknown URLs answer as endpoint{}: 1 second, 200, "Response from <url>".
#pragma once

#include <coroutine>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "loopscope/errors.hpp"
#include "loopscope/repr.hpp"
#include "loopscope/task.hpp"

namespace loopscope::aiohttp {

// What one URL answers: the twin's loopscope_network[url] = {"latency": .., "status": .., "body": ..}.
struct endpoint {
    double latency = 1.0;
    int status = 200;
    std::optional<std::string> body = std::nullopt;  // default: "Response from <url>"
    bool connection_error = false;    // the twin's "error": "connection"
};

// URL -> endpoint. Copied into each session, so a session never outlives its configuration.
class network {
public:
    network() = default;
    network(std::initializer_list<std::pair<const std::string, endpoint>> urls) : urls_(urls) {}
    void set(std::string url, endpoint e) { urls_[std::move(url)] = std::move(e); }
    [[nodiscard]] endpoint at(const std::string& url) const {
        auto it = urls_.find(url);
        return it == urls_.end() ? endpoint{} : it->second;
    }

private:
    std::map<std::string, endpoint> urls_;
};

// aiohttp.ClientTimeout(total=...): no value means no limit.
struct client_timeout {
    std::optional<double> total;
};

// http.HTTPStatus(code).phrase for the codes lessons use ("" for others).
[[nodiscard]] std::string_view reason_phrase(int status);
// "Cannot connect to host a.example ssl:default [Connection refused]"
[[nodiscard]] std::string cannot_connect_message(const std::string& url);

// aiohttp.ClientResponse: the answer, complete once the request has been awaited.
class client_response {
public:
    client_response(std::string request_url, int code, std::string body)
        : status(code), reason(reason_phrase(code)), url(std::move(request_url)), body_(std::move(body)) {}

    int status;
    std::string reason;
    std::string url;

    [[nodiscard]] bool ok() const { return status < 400; }
    // await response.text(): the body is already here, so this never suspends.
    [[nodiscard]] coro<std::string> text() const { co_return body_; }
    // Raises client_response_error for 4xx / 5xx, with aiohttp's message.
    void raise_for_status() const;

    // async with session.get(url) as response: leaving releases the connection (nothing to await).
    coro<> aenter() { co_return; }
    coro<> aexit(std::exception_ptr) { co_return; }

private:
    std::string body_;
};

namespace detail {

// asyncio.sleep(latency), but traced as I/O with the request as its label.
class latency_awaiter {
public:
    latency_awaiter(double delay, std::string label, std::source_location where)
        : delay_(delay), label_(std::move(label)), where_(where) {}
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> leaf);
    void await_resume();

private:
    double delay_;
    std::string label_;
    std::source_location where_;
    loopscope::detail::ref<future<void>> fut_;
    loopscope::detail::ref<timer_handle> timer_;
};

coro<client_response> perform_request(std::string method, std::string url, endpoint e, client_timeout timeout,
                                      std::source_location where);

}  // namespace detail

// What session.get(url) returns: await it for the response, or use it with async_with.
class [[nodiscard]] request_context {
public:
    request_context(std::string url, endpoint e, client_timeout timeout, std::source_location where)
        : url_(std::move(url)), endpoint_(std::move(e)), timeout_(timeout), where_(where) {}

    // response = await session.get(url)
    auto operator co_await() && {
        struct awaiter {  // owns the request's frame for as long as it is awaited
            coro<client_response> request;
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) {
                return std::move(request).operator co_await().await_suspend(parent);
            }
            client_response await_resume() { return std::move(request).operator co_await().await_resume(); }
        };
        return awaiter{detail::perform_request("GET", url_, endpoint_, timeout_, where_)};
    }

    // async with session.get(url) as response: the request happens on entry.
    coro<client_response> aenter() { return detail::perform_request("GET", url_, endpoint_, timeout_, where_); }
    coro<> aexit(std::exception_ptr) { co_return; }

private:
    std::string url_;
    endpoint endpoint_;
    client_timeout timeout_;
    std::source_location where_;
};

// aiohttp.ClientSession(timeout=...): entering and leaving it do not suspend.
class client_session {
public:
    explicit client_session(network net = {}, client_timeout timeout = {})
        : net_(std::make_shared<const network>(std::move(net))), timeout_(timeout) {}

    // session.get(url, timeout=...): a per-request timeout replaces the session's.
    request_context get(const std::string& url, std::optional<client_timeout> timeout = std::nullopt,
                        std::source_location where = std::source_location::current()) const {
        return request_context(url, net_->at(url), timeout ? *timeout : timeout_, where);
    }

    [[nodiscard]] bool closed() const { return closed_; }
    coro<> aenter() { co_return; }
    coro<> aexit(std::exception_ptr) {  // await session.close()
        closed_ = true;
        co_return;
    }

private:
    std::shared_ptr<const network> net_;
    client_timeout timeout_;
    bool closed_ = false;
};

}  // namespace loopscope::aiohttp

// Scenarios read like Python: aiohttp::client_session, aiohttp::client_timeout{.total = 2}.
namespace aiohttp = loopscope::aiohttp;
