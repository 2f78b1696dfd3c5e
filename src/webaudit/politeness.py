"""Crawl settings in one place, and the per-host gate that keeps the crawl polite.

Every setting has a default here, may be set in the config's `[tool.webaudit.crawl]` table (or a
webaudit.toml `[crawl]` table), and the CLI options override both:

    [tool.webaudit.crawl]
    per_host = 2          # at most 2 requests in flight to one host
    delay = 0.5           # and half a second between the starts of two requests to it
    exclude = ["/calendar/", "\\?print=1"]
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, fields, replace

from .config import Config, ConfigError
from .load import USER_AGENT

DEFAULTS: dict = {
    # scope and limits
    "include": [],  # regular expressions; when given, a URL must match one to be crawled
    "exclude": [],  # regular expressions; a URL matching one is not crawled
    "max_pages": 50_000,  # URLs crawled per run (pages, documents and media)
    "max_depth": 50,  # link hops from a start URL (sitemap URLs count as one hop)
    "max_per_pattern": 500,  # URLs of one family (differing only in numbers or query values): trap bound
    "max_path_depth": 16,  # path segments
    "max_url_length": 2000,
    # politeness
    "user_agent": USER_AGENT,
    "threads": 16,  # requests (and checks) in flight overall
    "per_host": 4,  # requests in flight per host
    "delay": 0.0,  # seconds between request starts per host (robots.txt Crawl-delay raises it)
    "max_crawl_delay": 30.0,  # a robots.txt Crawl-delay above this is capped (and said so)
    "timeout": 20.0,  # seconds to connect, and between bytes of a response
    "max_seconds": 120.0,  # seconds for a whole response (a slow-drip server is cut off)
    "max_bytes": 32 * 2**20,  # a larger response is not checked (and said so)
    "retries": 2,  # further attempts after a 5xx, a 429, a timeout or a dropped connection
    "backoff": 1.0,  # seconds before the first retry; doubles each time
    "max_retry_after": 300.0,  # a longer Retry-After gives up on the URL instead of waiting
    "max_redirects": 10,  # hops per redirect chain
    # what the site tells crawlers
    "robots": True,  # obey robots.txt (switch off only for your own sites)
    "sitemaps": True,  # seed the frontier from robots.txt Sitemap: lines and /sitemap.xml
    "trust_lastmod": True,  # on a re-crawl, skip a URL whose sitemap <lastmod> has not moved
    "reuse": True,  # reuse stored findings of unchanged resources (--recheck switches it off for a run)
    "max_sitemap_urls": 100_000,
    # broken links
    "links": True,  # check external links (HEAD, then GET) once per run; never crawl them
    "link_cache_hours": 24.0,  # an external link that answered is asked again after this long (0: every run)
}


@dataclass(frozen=True)
class Settings:
    include: tuple = ()
    exclude: tuple = ()
    max_pages: int = DEFAULTS["max_pages"]
    max_depth: int = DEFAULTS["max_depth"]
    max_per_pattern: int = DEFAULTS["max_per_pattern"]
    max_path_depth: int = DEFAULTS["max_path_depth"]
    max_url_length: int = DEFAULTS["max_url_length"]
    user_agent: str = USER_AGENT
    threads: int = DEFAULTS["threads"]
    per_host: int = DEFAULTS["per_host"]
    delay: float = DEFAULTS["delay"]
    max_crawl_delay: float = DEFAULTS["max_crawl_delay"]
    timeout: float = DEFAULTS["timeout"]
    max_seconds: float = DEFAULTS["max_seconds"]
    max_bytes: int = DEFAULTS["max_bytes"]
    retries: int = DEFAULTS["retries"]
    backoff: float = DEFAULTS["backoff"]
    max_retry_after: float = DEFAULTS["max_retry_after"]
    max_redirects: int = DEFAULTS["max_redirects"]
    robots: bool = True
    sitemaps: bool = True
    trust_lastmod: bool = True
    reuse: bool = True
    max_sitemap_urls: int = DEFAULTS["max_sitemap_urls"]
    links: bool = True
    link_cache_hours: float = DEFAULTS["link_cache_hours"]

    @classmethod
    def from_config(cls, config: Config, **overrides) -> "Settings":
        """The config's crawl table over the defaults, then the CLI's options (None means not given)."""
        table = config.section("crawl", DEFAULTS)
        table.update({k: v for k, v in overrides.items() if v is not None})
        values = {f.name: _typed(f.name, DEFAULTS[f.name], table[f.name]) for f in fields(cls)}
        if values["threads"] < 1 or values["per_host"] < 1:
            raise ConfigError("crawl.threads and crawl.per_host must be at least 1")
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def _typed(name: str, default, value):
    """`value` checked against the type of its default (ints are accepted for floats)."""
    if isinstance(default, list):
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ConfigError(f"crawl.{name}: expected a list of strings, got {value!r}")
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(default, bool) and isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
        value = float(value) if ok else value
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f"crawl.{name}: expected {type(default).__name__}, got {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"crawl.{name}: must not be negative, got {value!r}")
    return value


class HostGate:
    """Per host: at most `limit` requests in flight, `delay` seconds between starts, pauses for Retry-After.

    The crawl loop asks `ready(host)` before it hands a URL of that host to a thread and calls
    `start(host)`; the thread calls `sending(host)` right before the request and `finish(host)` as
    soon as the response is read (before checking).
    """

    def __init__(self, per_host: int, delay: float):
        self.per_host = per_host
        self.delay = delay
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}
        self._next: dict[str, float] = {}  # earliest next start
        self._limit: dict[str, tuple[int, float]] = {}  # host -> (limit, delay) when not the defaults

    def configure(self, host: str, limit: int, delay: float) -> None:
        """Host-specific limits (from its robots.txt Crawl-delay)."""
        with self._lock:
            self._limit[host] = (limit, delay)

    def ready(self, host: str, now: float | None = None) -> bool:
        return self.wait_time(host, now) == 0.0

    def wait_time(self, host: str, now: float | None = None) -> float:
        """0 when a request to `host` may start now; else seconds to wait (inf while at the limit)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            limit, _ = self._limit.get(host, (self.per_host, self.delay))
            if self._in_flight.get(host, 0) >= limit:
                return float("inf")
            return max(0.0, self._next.get(host, 0.0) - now)

    def start(self, host: str) -> None:
        with self._lock:
            _, delay = self._limit.get(host, (self.per_host, self.delay))
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + delay)

    def sending(self, host: str) -> None:
        """The request is going out now (a thread may pick it up a little after `start`): the delay
        before the next start counts from here too, so the spacing holds on the wire."""
        with self._lock:
            _, delay = self._limit.get(host, (self.per_host, self.delay))
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + delay)

    def finish(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] = max(0, self._in_flight.get(host, 0) - 1)

    def pause(self, host: str, seconds: float) -> None:
        """No new request to `host` for `seconds` (a 429 or 503 with Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)
