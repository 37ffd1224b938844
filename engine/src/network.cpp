#include "loopscope/network.hpp"

namespace loopscope::aiohttp {

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 418: return "I'm a Teapot";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

std::string cannot_connect_message(const std::string& url) {
    // The host is what lies between "scheme://" and the next '/'.
    std::size_t start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    std::string host = url.substr(start, url.find('/', start) - start);
    return fmt::format("Cannot connect to host {} ssl:default [Connection refused]", host);
}

void client_response::raise_for_status() const {
    if (ok()) return;
    // aiohttp's ClientResponseError.__str__: "500, message='Internal Server Error', url='...'"
    throw client_response_error(status, reason, url,
                                fmt::format("{}, message={}, url={}", status, string_repr(reason), string_repr(url)));
}

namespace detail {
namespace {

// futures._set_result_unless_cancelled, as sleep() uses it.
void set_result_unless_cancelled(loopscope::detail::ref_counted* f, loopscope::detail::ref_counted*) {
    auto* fut = static_cast<future<void>*>(f);
    if (!fut->cancelled()) fut->set_result();
}

}  // namespace

void latency_awaiter::await_suspend(std::coroutine_handle<> leaf) {
    event_loop& loop = get_running_loop();
    task_base* t = loop.current_task();
    if (!t) throw std::logic_error("a request was awaited outside a task: run it with run() or create_task()");
    loopscope::detail::promise_base::note_await_site(where_);
    if (delay_ <= 0) {  // asyncio.sleep(0): a bare yield
        t->suspend_yield(leaf);
        return;
    }
    fut_ = loopscope::detail::ref<future<void>>(new future<void>(loop, {}, false));
    fut_->wake_reason = schedule_reason::timer_fired;
    handle h{&set_result_unless_cancelled, fut_, {}, no_event, {}, false};
    timer_ = loop.call_later(delay_, std::move(h), label_);
    t->suspend_on(*fut_, leaf, await_kind::io, label_, timer_->id());
}

void latency_awaiter::await_resume() {
    if (timer_) timer_->cancel();  // sleep's `finally: h.cancel()`
    if (task_base* t = get_running_loop().current_task()) t->rethrow_pending();
    if (fut_) fut_->result();
}

coro<client_response> perform_request(std::string method, std::string url, endpoint e, client_timeout timeout,
                                      std::source_location where) {
    std::string label = fmt::format("{} {}", method, url);
    if (timeout.total && e.latency > *timeout.total) {
        co_await latency_awaiter(*timeout.total, label + " (timed out)", where);
        throw timeout_error();
    }
    co_await latency_awaiter(e.latency, std::move(label), where);
    if (e.connection_error) throw client_connector_error(cannot_connect_message(url));
    std::string body = e.body ? *e.body : fmt::format("Response from {}", url);
    co_return client_response(std::move(url), e.status, std::move(body));
}

}  // namespace detail
}  // namespace loopscope::aiohttp
