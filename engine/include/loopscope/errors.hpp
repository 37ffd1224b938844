// Named error types, one per asyncio exception a scenario can meet.
#pragma once

#include <stdexcept>
#include <string>

namespace loopscope {

// asyncio.CancelledError: raised at the suspension point of a cancelled task.
struct cancelled_error : std::runtime_error {
    explicit cancelled_error(const std::string& msg = "") : std::runtime_error(msg) {}
    // Python tells CancelledError() from CancelledError(''): gather(return_exceptions=True) reports
    // a cancelled child as the latter. True: repr shows the (possibly empty) message argument.
    bool explicit_argument = false;
};
// asyncio.InvalidStateError: e.g. set_result on a future that is already done.
struct invalid_state_error : std::logic_error {
    using std::logic_error::logic_error;
};
// asyncio.TimeoutError (TimeoutError in 3.11): wait_for or a timeout scope ran out.
struct timeout_error : std::runtime_error {
    explicit timeout_error(const std::string& msg = "") : std::runtime_error(msg) {}
};
// asyncio.QueueEmpty / QueueFull: the non-blocking queue calls. Raised bare, as queues.py does,
// so str() is empty and repr() is QueueEmpty().
struct queue_empty : std::runtime_error {
    queue_empty() : std::runtime_error("") {}
};
struct queue_full : std::runtime_error {
    queue_full() : std::runtime_error("") {}
};
// The loop found nothing ready, no timer and main not finished.
struct deadlock_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A scenario exceeded the event or virtual-time cap.
struct limit_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A Python-style exception raised by scenario code: ValueError("boom") prints as "ValueError: boom"
// and its str() is "boom", as in Python.
struct python_error : std::runtime_error {
    python_error(std::string type, const std::string& msg) : std::runtime_error(msg), type_name(std::move(type)) {}
    std::string type_name;
};
inline python_error value_error(const std::string& msg) { return {"ValueError", msg}; }
inline python_error runtime_error(const std::string& msg) { return {"RuntimeError", msg}; }
inline python_error connection_error(const std::string& msg) { return {"ConnectionError", msg}; }

// aiohttp's exceptions, raised by the simulated network (network.hpp). Catch client_error for all.
struct client_error : python_error {
    using python_error::python_error;
};
// The connection could not be made (aiohttp.ClientConnectorError, a ClientConnectionError).
struct client_connection_error : client_error {
    using client_error::client_error;
};
struct client_connector_error : client_connection_error {
    explicit client_connector_error(const std::string& msg) : client_connection_error("ClientConnectorError", msg) {}
};
// raise_for_status() on a 4xx / 5xx answer (aiohttp.ClientResponseError). `text` is its str().
struct client_response_error : client_error {
    client_response_error(int code, std::string reason, std::string request_url, const std::string& text)
        : client_error("ClientResponseError", text), status(code), message(std::move(reason)), url(std::move(request_url)) {}
    int status;
    std::string message;
    std::string url;
};

}  // namespace loopscope
