"""The crawl's HTTP client: pooled keep-alive connections, conditional GETs, bounded responses.

`Fetcher.get(url, etag=..., last_modified=...)` makes one GET and never follows a redirect (the crawl
follows them itself, so scope and robots.txt are checked again at every hop). It returns:
- `Response` for an HTTP answer worth recording: 2xx with the body, 304 without, 3xx with a
  Location header, 4xx;
- `Retry` for what may pass: 429, 5xx, a timeout or a dropped connection (with the server's
  Retry-After in seconds, when it sent one);
- `Failure` for what will not: a response over the size or time bound, a TLS error, a bad URL.

It is built on urllib3 (what requests uses underneath) because a crawl makes tens of thousands of
requests and requests' extra layers cost more CPU per request than the rest of the crawl's own work.
Proxies come from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as with requests.
"""
from __future__ import annotations

import email.utils
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (HTTPError, LocationParseError, NameResolutionError, NewConnectionError,
                                ProtocolError, SSLError, TimeoutError as Urllib3Timeout)

ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,image/*;q=0.8,*/*;q=0.7"


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: dict = field(default_factory=dict)  # as sent (names keep their case)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == name), None)


@dataclass(frozen=True)
class Retry:
    reason: str
    after: float | None = None  # seconds, from Retry-After
    status: int | None = None


@dataclass(frozen=True)
class Failure:
    reason: str
    status: int | None = None


class Fetcher:
    """Thread-safe: one connection pool per host, shared by the crawl's threads."""

    def __init__(self, user_agent: str, *, timeout: float, max_seconds: float, max_bytes: int, pool: int = 16):
        self.timeout = urllib3.Timeout(connect=timeout, read=timeout)
        self.max_seconds = max_seconds
        self.max_bytes = max_bytes
        self.headers = {"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
        self._direct = urllib3.PoolManager(maxsize=pool, retries=False)
        self._proxied = {scheme: urllib3.ProxyManager(url, maxsize=pool, retries=False)
                         for scheme, url in urllib.request.getproxies().items() if scheme in ("http", "https")}

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Response | Retry | Failure:
        limit = self.max_bytes if max_bytes is None else max_bytes
        headers = dict(self.headers)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.max_seconds
        try:
            r = self._pool(url).request("GET", url, headers=headers, timeout=self.timeout, redirect=False,
                                        preload_content=False)
        except (HTTPError, ValueError) as e:
            return _error(e)
        try:
            return self._read(url, r, limit, deadline)
        except (HTTPError, ValueError, OSError) as e:
            r.close()
            return _error(e)
        finally:
            r.release_conn()  # back to the pool: drained, or closed (the pool then opens a new one)

    def _read(self, url: str, r: urllib3.BaseHTTPResponse, limit: int, deadline: float) -> Response | Retry | Failure:
        status, sent = r.status, dict(r.headers)
        if status == 429 or status >= 500:
            _drain(r)
            return Retry(f"HTTP {status} {r.reason}", retry_after(r.headers.get("Retry-After")), status)
        if status >= 300 or status == 204:
            _drain(r)
            return Response(url, status, sent)
        declared = r.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            r.close()
            return Failure(f"response is {_mb(int(declared))}, over the {_mb(limit)} limit", status)
        chunks, size = [], 0
        for chunk in r.stream(65536):
            size += len(chunk)
            if size > limit or time.monotonic() > deadline:
                r.close()
                return Failure(f"response is over the {_mb(limit)} limit" if size > limit else
                               f"response took over {self.max_seconds:g} s", status)
            chunks.append(chunk)
        return Response(url, status, sent, b"".join(chunks))

    def get_following(self, url: str, *, hops: int = 5, max_bytes: int | None = None) -> Response | Retry | Failure:
        """GET, following up to `hops` redirects (for robots.txt and sitemaps, not for crawled pages)."""
        for _ in range(hops + 1):
            got = self.get(url, max_bytes=max_bytes)
            if not (isinstance(got, Response) and 300 <= got.status < 400 and got.header("Location")):
                return got
            url = urljoin(url, got.header("Location"))
        return Failure(f"more than {hops} redirects", got.status)

    def close(self) -> None:
        self._direct.clear()
        for manager in self._proxied.values():
            manager.clear()

    def _pool(self, url: str) -> urllib3.PoolManager:
        parts = urlsplit(url)
        proxied = self._proxied.get(parts.scheme)
        if proxied is not None and not urllib.request.proxy_bypass(parts.hostname or ""):
            return proxied
        return self._direct


def _drain(r: urllib3.BaseHTTPResponse, most: int = 256 * 1024) -> None:
    """Read what is left of a body we do not need (an error page), so the connection can be reused;
    close it instead when there is more than `most` bytes of it."""
    read = 0
    while read <= most:
        chunk = r.read(65536, decode_content=False)
        if not chunk:
            return
        read += len(chunk)
    r.close()


def _error(e: Exception) -> Retry | Failure:
    """What a failed request means for the crawl."""
    if isinstance(e, SSLError):
        return Failure(f"TLS error ({_short(e)})")
    if isinstance(e, NameResolutionError):
        return Retry("cannot connect (host name not found)")
    if isinstance(e, NewConnectionError):  # before timeouts: urllib3 files it under connect timeouts
        refused = "refused" in str(e).lower()
        return Retry(f"cannot connect ({'connection refused' if refused else _short(e)})")
    if isinstance(e, Urllib3Timeout):
        return Retry("timed out")
    if isinstance(e, (ProtocolError, OSError)):
        return Retry("the server closed the connection")
    if isinstance(e, (LocationParseError, ValueError)):
        return Failure(f"not a valid URL ({_short(e)})")
    return Failure(_short(e))


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n < 10 * 2**20 else f"{n // 2**20} MB"


def _short(e: Exception) -> str:
    return str(e).split(": ", 1)[-1][:200]
