"""robots.txt, fetched once per host and run, read with protego (a well-kept parser: wildcards, `$`,
Allow/Disallow precedence, Crawl-delay, Sitemap lines).

What an answer means follows RFC 9309: 2xx gives the rules; 4xx means there are none (everything is
allowed); a 5xx or an unreachable host, after retries, means the crawl keeps off the whole host.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from protego import Protego

from .fetch import Failure, Fetcher, Retry

MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_HOPS = 5  # redirects followed for robots.txt (RFC 9309)


@dataclass
class HostRules:
    origin: str
    parser: Protego | None = None  # None: no rules (everything allowed unless `closed`)
    closed: bool = False  # the host is off limits for this run (5xx robots.txt, unreachable)
    reason: str = ""  # why it is closed, for messages
    unreachable: bool = False  # no HTTP answer at all (connection refused, DNS, timeout)
    sitemaps: list[str] = field(default_factory=list)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.closed:
            return False
        return self.parser is None or self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        rate = self.parser.request_rate(user_agent)
        if rate is not None and rate.requests:
            delay = max(delay or 0.0, rate.seconds / rate.requests)
        return delay

    def forbids_everything(self, user_agent: str) -> bool:
        return self.closed or (self.parser is not None and not self.parser.can_fetch(self.origin + "/", user_agent))


class Robots:
    """The rules of every host the crawl meets (main thread only)."""

    def __init__(self, fetcher: Fetcher, user_agent: str, *, retries: int = 2, backoff: float = 1.0,
                 enabled: bool = True):
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.retries = retries
        self.backoff = backoff
        self.enabled = enabled
        self._hosts: dict[str, HostRules] = {}

    def rules(self, origin: str) -> HostRules:
        if origin not in self._hosts:
            self._hosts[origin] = self._fetch(origin) if self.enabled else HostRules(origin)
        return self._hosts[origin]

    def allows(self, url: str, origin: str) -> bool:
        return self.rules(origin).allows(url, self.user_agent)

    def _fetch(self, origin: str) -> HostRules:
        url = origin + "/robots.txt"
        for attempt in range(self.retries + 1):
            got = self.fetcher.get_following(url, hops=MAX_HOPS, max_bytes=MAX_BYTES)
            if not isinstance(got, Retry):
                break
            if attempt < self.retries:
                time.sleep(min(got.after or self.backoff * 2**attempt, 30.0))
        if isinstance(got, Retry):
            unreachable = got.status is None
            return HostRules(origin, closed=True, unreachable=unreachable,
                             reason=f"{url}: {got.reason}" + ("" if unreachable else
                                                              " (robots.txt unavailable: keeping off the host)"))
        if isinstance(got, Failure) and not (got.status and 300 <= got.status < 400):
            return HostRules(origin, closed=True, reason=f"{url}: {got.reason}")
        if isinstance(got, Failure) or got.status >= 300:  # 4xx, or a redirect chain that does not end
            return HostRules(origin)
        parser = Protego.parse(got.body.decode("utf-8", "replace"))
        return HostRules(origin, parser, sitemaps=list(parser.sitemaps))
