"""Does a link still answer? A concurrent, per-run link-status checker with a shared cache.

`LinkChecker(...).check(urls)` gives a `LinkStatus` for every URL, asking each resource once per run
however many pages link to it (a #fragment does not make another resource). http(s) links are asked
with HEAD, falling back to GET where a server refuses HEAD; redirects are followed by hand so that
loops and long chains can be reported; 5xx answers, timeouts and dropped connections are retried with
exponential backoff, and 429 waits for Retry-After (up to a bound). A per-host limit keeps the run
polite to the district's own server, and a host that cannot be reached at all (unknown name, refused
or timed-out connection) is not asked again for each of its links. file:// links are looked up on disk.

Nothing here makes Findings: `webaudit.links.link_findings` turns statuses into them. Import these
names from `webaudit.links`.
"""
from __future__ import annotations

import os
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Iterable
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import url2pathname

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from .fetch import retry_after
from .load import USER_AGENT

OK = "ok"  # it answers (2xx, or another non-error status, after at most max_redirects redirects)
BROKEN = "broken"  # definitely broken: 404/410 and other 4xx, unknown host, refused, timed out, redirect loop
DOUBTFUL = "doubtful"  # may be broken, a person must confirm: 401/403, 5xx or 429 after retries, long chains
UNCHECKED = "unchecked"  # not judged: a scheme we do not check (ftp:, a file on another machine, ...)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
REDIRECT_LIMIT = 20  # browsers give up after 20 redirects; so do we (chains over max_redirects are reported)
_REFUSING = frozenset({401, 403, 407})  # the resource may well exist; the server will not show it to us
_SMALL_BODY = 64 * 1024  # a GET answer up to this size is read to keep the connection alive
_USERINFO = re.compile(r"//[^/@\s]*@")


@dataclass(frozen=True)
class LinkStatus:
    """What one URL answered. Plain data (picklable)."""

    url: str  # as asked, without the #fragment
    verdict: str = OK  # OK, BROKEN, DOUBTFUL or UNCHECKED
    reason: str = ""  # for people: "HTTP 404 Not Found", "host name not found", "redirect loop (...)"
    status: int | None = None  # the last HTTP status, when there was one
    redirects: tuple[str, ...] = ()  # the addresses it redirected to, in order (the last one answered)

    @property
    def ok(self) -> bool:
        """Nothing to report (it answers, or it is not ours to judge)."""
        return self.verdict in (OK, UNCHECKED)

    @property
    def final_url(self) -> str:
        return self.redirects[-1] if self.redirects else self.url

    @classmethod
    def from_http(cls, url: str, status: int, final_url: str | None = None) -> "LinkStatus":
        """The status of a response someone else fetched (the crawl), judged the way the checker judges."""
        url = urldefrag(url)[0]
        redirects = (final_url,) if final_url and final_url != url else ()
        return _judge(url, status, redirects, max_redirects=REDIRECT_LIMIT)


class LinkChecker:
    """Checks links concurrently; one instance per run, so each URL is asked once.

    Parameters (all keyword): `timeout` seconds to connect and between bytes read; `retries` after a
    5xx, a 429, a timeout or a dropped connection; `backoff` seconds before the first retry (doubling);
    `max_retry_after` the longest Retry-After honoured (a longer one gives up and says so);
    `max_redirects` the longest chain that passes without comment; `per_host` concurrent requests to one
    host; `workers` concurrent checks in all.
    """

    def __init__(self, *, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5,
                 max_retry_after: float = 30.0, max_redirects: int = 5, per_host: int = 4,
                 workers: int = 16, user_agent: str = USER_AGENT):
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.per_host = max(1, per_host)
        self._cache: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._not_before: dict[str, float] = {}  # host -> monotonic time its Retry-After ends
        self._head_refused: set[str] = set()  # hosts answering HEAD with 405/501: ask them with GET
        self._unreachable: dict[str, str] = {}  # scheme://host:port -> why no connection could be made
        self._pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="webaudit-links")
        self._proxies: dict[str, dict] = {}  # scheme://host:port -> proxies from the environment
        self._session = requests.Session()
        self._session.headers["User-Agent"] = user_agent
        # the environment (proxies, CA bundle) is read once per host, not on every request as requests does
        self._session.trust_env = False
        self._session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        adapter = HTTPAdapter(pool_connections=64, pool_maxsize=self.per_host, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    # -- the API ---------------------------------------------------------------------------------------
    def check(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        """The status of every URL (keyed as given), each resource asked at most once per run."""
        urls = list(dict.fromkeys(urls))
        futures = {u: self._future(u) for u in _round_robin(urls)}
        return {u: futures[u].result() for u in urls}

    def submit(self, urls: Iterable[str]) -> None:
        """Start checking these URLs without waiting (a later `check` collects the answers)."""
        for u in _round_robin(list(dict.fromkeys(urls))):
            self._future(u)

    def seed(self, url: str, status: LinkStatus | int) -> None:
        """Record what is already known about a URL (e.g. the crawl fetched the page itself)."""
        key = urldefrag(url)[0]
        if isinstance(status, int):
            status = LinkStatus.from_http(key, status)
        done: Future = Future()
        done.set_result(status)
        with self._lock:
            self._cache.setdefault(key, done)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._session.close()

    def __enter__(self) -> "LinkChecker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- one URL ---------------------------------------------------------------------------------------
    def _future(self, url: str) -> Future:
        key = urldefrag(url)[0]
        with self._lock:
            fut = self._cache.get(key)
            if fut is None:
                fut = self._cache[key] = self._pool.submit(self._check_one, key)
            return fut

    def _check_one(self, url: str) -> LinkStatus:
        try:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file":
                return check_file(url)
            if scheme not in ("http", "https"):
                return LinkStatus(url, UNCHECKED, f"{scheme}: links are not checked")
            return self._check_http(url)
        except Exception as e:  # noqa: BLE001 - one odd URL must not stop the run
            return LinkStatus(url, DOUBTFUL, f"could not be checked ({type(e).__name__}: {_short(e)})")

    def _check_http(self, url: str) -> LinkStatus:
        chain: list[str] = []
        current = url
        while True:
            hop = self._ask(current)
            if hop.verdict:
                reason = hop.reason + (f" after {len(chain)} redirect{'s' * (len(chain) > 1)}" if chain else "")
                return LinkStatus(url, hop.verdict, reason, hop.status, tuple(chain))
            if hop.status not in REDIRECT_STATUSES or not hop.location:
                return _judge(url, hop.status, tuple(chain), self.max_redirects)
            try:
                target = urldefrag(urljoin(current, hop.location))[0]
            except ValueError:
                return LinkStatus(url, BROKEN, f"redirects to a malformed address ({hop.location[:80]!r})",
                                  hop.status, tuple(chain))
            if target == url or target in chain:
                loop = " → ".join(redact(u) for u in (url, *chain, target))
                return LinkStatus(url, BROKEN, f"redirect loop ({loop})", hop.status, (*chain, target))
            chain.append(target)
            if len(chain) > REDIRECT_LIMIT:
                return LinkStatus(url, BROKEN, f"more than {REDIRECT_LIMIT} redirects", hop.status, tuple(chain))
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                return LinkStatus(url, UNCHECKED, f"redirects to {redact(target)}", hop.status, tuple(chain))
            current = target

    def _ask(self, url: str) -> "_Hop":
        """One address: its status and Location, after retries and the HEAD-to-GET fallback."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        origin = f"{parts.scheme}://{host}:{parts.port or ''}"
        if origin in self._unreachable:
            return _Hop(verdict=BROKEN, reason=self._unreachable[origin])
        failed = _Hop()  # the last retryable failure
        for attempt in range(self.retries + 1):
            if attempt and failed.status != 429:  # after a 429, Retry-After sets the pause (_wait_for)
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for(host)
            try:
                r = self._send("GET" if host in self._head_refused else "HEAD", url, host)
                if r.request.method == "HEAD" and r.status_code >= 400 and r.status_code != 429:
                    if r.status_code in (405, 501):  # HEAD refused: this host gets GET from now on
                        with self._lock:
                            self._head_refused.add(host)
                    r = self._send("GET", url, host)  # confirm an error with the method browsers use
            except requests.exceptions.ConnectTimeout:
                failed = _Hop(verdict=BROKEN, reason=f"timed out connecting (after {self.timeout:g} s)")
                continue
            except requests.exceptions.Timeout:
                failed = _Hop(verdict=BROKEN, reason=f"timed out (no answer within {self.timeout:g} s)")
                continue
            except requests.exceptions.SSLError as e:
                return _Hop(verdict=DOUBTFUL, reason=f"TLS certificate or handshake problem ({_short(e)})")
            except requests.exceptions.ConnectionError as e:
                cause = _connection_failure(e)
                if cause:  # no retry: the name does not resolve or nobody listens
                    with self._lock:
                        self._unreachable[origin] = cause
                    return _Hop(verdict=BROKEN, reason=cause)
                failed = _Hop(verdict=BROKEN, reason=f"connection failed ({_short(e)})")
                continue
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                    requests.exceptions.MissingSchema, UnicodeError) as e:
                return _Hop(verdict=BROKEN, reason=f"malformed address ({_short(e)})")
            except requests.exceptions.RequestException as e:
                failed = _Hop(verdict=DOUBTFUL, reason=f"request failed ({_short(e)})")
                continue
            status = r.status_code
            if status == 429:
                wait = _retry_after(r.headers.get("Retry-After"), self.backoff * 2 ** attempt)
                if wait > self.max_retry_after:
                    return _Hop(status, verdict=DOUBTFUL,
                                reason=f"HTTP 429 Too Many Requests (asks to wait {wait:g} s, "
                                       f"over the {self.max_retry_after:g} s bound)")
                with self._lock:
                    self._not_before[host] = max(self._not_before.get(host, 0.0), time.monotonic() + wait)
                failed = _Hop(status, verdict=DOUBTFUL, reason="HTTP 429 Too Many Requests (rate limited)")
                continue
            if status >= 500:  # a 5xx may be a passing outage, or a robot filter: a person confirms
                failed = _Hop(status, verdict=DOUBTFUL, reason=_http(status))
                continue
            return _Hop(status, r.headers.get("Location"))
        if failed.reason.startswith("timed out connecting"):
            with self._lock:
                self._unreachable[origin] = failed.reason
        tries = f"{self.retries + 1} tries" if self.retries else "1 try"
        return _Hop(failed.status, verdict=failed.verdict, reason=f"{failed.reason}, on {tries}")

    def _send(self, method: str, url: str, host: str) -> requests.Response:
        """One request. The status and headers are all we need: a small body is read so the connection
        goes back to the pool (keep-alive); a big one is never downloaded (the connection is dropped)."""
        with self._slot(host):
            r = self._session.request(method, url, timeout=self.timeout, allow_redirects=False, stream=True,
                                      proxies=self._proxies_for(url))
            size = r.headers.get("Content-Length", "")
            if method == "HEAD" or (size.isdigit() and int(size) <= _SMALL_BODY):
                r.content  # noqa: B018 - reading it releases the connection
            r.close()
        return r

    def _proxies_for(self, url: str) -> dict:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"
        found = self._proxies.get(origin)
        if found is None:
            found = self._proxies[origin] = requests.utils.get_environ_proxies(origin)
        return found

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            sem = self._slots.get(host)
            if sem is None:
                sem = self._slots[host] = threading.Semaphore(self.per_host)
            return sem

    def _wait_for(self, host: str) -> None:
        """Honour a Retry-After the host sent, for every request to it."""
        with self._lock:
            until = self._not_before.get(host, 0.0)
        delay = until - time.monotonic()
        if delay > 0:
            time.sleep(delay)


@dataclass(frozen=True)
class _Hop:
    status: int | None = None
    location: str | None = None
    verdict: str = ""  # set when the hop already decides the link
    reason: str = ""


def _judge(url: str, status: int | None, redirects: tuple[str, ...], max_redirects: int) -> LinkStatus:
    """The verdict on a final HTTP status reached after `redirects`."""
    after = f" after {len(redirects)} redirect{'s' * (len(redirects) > 1)}" if redirects else ""
    if status is None or status < 400:
        if len(redirects) > max_redirects:
            return LinkStatus(url, DOUBTFUL, f"{len(redirects)} redirects (more than {max_redirects}) before "
                                             f"{redact(redirects[-1])} answers; link there directly",
                              status, redirects)
        return LinkStatus(url, OK, "", status, redirects)
    if status in _REFUSING:
        return LinkStatus(url, DOUBTFUL, f"{_http(status)}{after}: the server will not show it to the checker "
                                         "(it may need a login or block robots)", status, redirects)
    if status == 429 or status >= 500:
        return LinkStatus(url, DOUBTFUL, _http(status) + after, status, redirects)
    return LinkStatus(url, BROKEN, _http(status) + after, status, redirects)


def check_file(url: str) -> LinkStatus:
    """A file:// link: the file must exist (a folder needs an index.html, as a web server would serve)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return LinkStatus(url, UNCHECKED, "a file on another machine")
    path = Path(url2pathname(parts.path))
    try:
        if path.is_file():
            return LinkStatus(url, OK)
        if path.is_dir():
            if (path / "index.html").is_file() or (path / "index.htm").is_file():
                return LinkStatus(url, OK)
            return LinkStatus(url, DOUBTFUL, "is a folder with no index.html")
    except OSError as e:  # a name too long, a permission problem
        return LinkStatus(url, DOUBTFUL, f"cannot be looked up ({e.strerror or e})")
    return LinkStatus(url, BROKEN, "no such file")


def redact(text: str) -> str:
    """A URL (or a message holding URLs) without user:password@, for messages."""
    return _USERINFO.sub("//", text)


def _round_robin(urls: list[str]) -> list[str]:
    """Interleave hosts, so workers are not all queued on one host's limit while others wait."""
    by_host: dict[str, list[str]] = {}
    for u in urls:
        try:
            host = urlsplit(u).netloc.lower()
        except ValueError:
            host = ""
        by_host.setdefault(host, []).append(u)
    queues = list(by_host.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


def _http(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else `default`."""
    seconds = retry_after(value)
    return default if seconds is None else seconds


def _connection_failure(e: requests.exceptions.ConnectionError) -> str:
    """'host name not found' or 'connection refused' when that is the cause, else ''."""
    seen: set[int] = set()
    stack: list[BaseException] = [e]
    while stack:
        x = stack.pop()
        if x is None or id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, urllib3.exceptions.NameResolutionError):
            return "host name not found"
        if isinstance(x, ConnectionRefusedError):
            return "connection refused"
        stack.extend([x.__cause__, x.__context__, getattr(x, "reason", None)])
        stack.extend(a for a in x.args if isinstance(a, BaseException))
    return ""


def _short(e: Exception) -> str:
    return redact(str(e).split(": ", 1)[-1])[:160]


__all__ = ["LinkChecker", "LinkStatus", "OK", "BROKEN", "DOUBTFUL", "UNCHECKED", "check_file", "redact"]
