"""A fake aiohttp for conformance twins: the same timing model as the engine's network.hpp.

No sockets: every URL's answer comes from `loopscope_network`, which a twin sets at its top:

    import aiohttp
    aiohttp.loopscope_network = {
        "https://a.example": {"latency": 1, "body": "A"},
        "https://down.example": {"latency": 0.5, "status": 500},
        "https://gone.example": {"latency": 0.2, "error": "connection"},
    }

A request is one asyncio.sleep(latency), spent when it is awaited (`await session.get(url)` or
entering `async with session.get(url)`); nothing else suspends. Unknown URLs answer after 1 second
with 200 and "Response from <url>". With ClientTimeout(total=t) and latency > t the request sleeps
t seconds and raises asyncio.TimeoutError. vclock.py puts this directory on sys.path (--fakes DIR).
"""
import asyncio
import http
import json as _json

__all__ = ["ClientSession", "ClientTimeout", "ClientResponse", "ClientError", "ClientConnectionError",
           "ClientConnectorError", "ClientResponseError", "loopscope_network"]

loopscope_network = {}

_DEFAULT_LATENCY = 1.0


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientConnectorError(ClientConnectionError):
    pass


class RequestInfo:
    def __init__(self, url, method="GET"):
        self.url = url
        self.real_url = url
        self.method = method


class ClientResponseError(ClientError):
    def __init__(self, request_info, history, *, status=None, message=""):
        self.request_info = request_info
        self.history = history
        self.status = status
        self.message = message
        super().__init__(request_info)

    def __str__(self):  # aiohttp's own format
        return "{}, message={!r}, url={!r}".format(self.status, self.message, str(self.request_info.real_url))


class ClientTimeout:
    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect


def _reason(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


class ClientResponse:
    def __init__(self, method, url, status, body):
        self.method = method
        self.url = url
        self.status = status
        self.reason = _reason(status)
        self._body = body
        self.request_info = RequestInfo(url, method)

    @property
    def ok(self):
        return self.status < 400

    async def text(self):
        return self._body

    async def read(self):
        return self._body.encode()

    async def json(self):
        return _json.loads(self._body)

    def raise_for_status(self):
        if not self.ok:
            raise ClientResponseError(self.request_info, (), status=self.status, message=self.reason)

    def release(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class _RequestContextManager:
    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, exc_type, exc, tb):
        self._resp.release()


class ClientSession:
    def __init__(self, *args, timeout=None, **kwargs):
        self._timeout = timeout
        self.closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()

    async def close(self):
        self.closed = True

    def get(self, url, *, timeout=None, **kwargs):
        return _RequestContextManager(self._request("GET", url, timeout or self._timeout))

    async def _request(self, method, url, timeout):
        spec = loopscope_network.get(url, {})
        latency = spec.get("latency", _DEFAULT_LATENCY)
        total = timeout.total if timeout is not None else None
        if total is not None and latency > total:
            await asyncio.sleep(total)
            raise asyncio.TimeoutError()
        await asyncio.sleep(latency)
        if spec.get("error") == "connection":
            host = url.split("://", 1)[-1].split("/", 1)[0]
            raise ClientConnectorError(f"Cannot connect to host {host} ssl:default [Connection refused]")
        return ClientResponse(method, url, spec.get("status", 200), spec.get("body", f"Response from {url}"))
