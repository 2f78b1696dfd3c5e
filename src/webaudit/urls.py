"""URLs for the crawl: one canonical form per resource, what is in scope, and bounds on crawl traps.

`normalize(url)` gives the form every URL is stored, deduplicated and compared in:
- only http and https; scheme and host lower-cased, IDN hosts in ASCII (punycode), a trailing dot
  dropped, the default port (80, 443) dropped, user names and passwords dropped;
- the fragment dropped (an in-page `#id` is not another resource);
- the path made absolute with `.` and `..` resolved, an empty path written `/`;
- percent-escapes written the same way (upper-case hex, unreserved characters unescaped);
- session ids (`;jsessionid=`, `PHPSESSID=`, `sid=` ...) and tracking parameters (`utm_*`, `fbclid`,
  `gclid`) removed from the query, the remaining parameters sorted by name.

`Scope` decides which URLs are crawled: those on a start host (scheme-less host and port) or in a
configured district domain (which covers its subdomains), narrowed by --include/--exclude regular
expressions searched in the whole URL. Everything else is external: link-checked, never crawled.

`TrapGuard` bounds what generated URLs can do to a crawl: very long URLs, very deep paths, paths that
repeat a segment over and over (`/a/b/a/b/a/b/`), and endless families of URLs that differ only in
numbers or query values (`/calendar?month=2031-07`, `/events/2031/07/`): at most `max_per_pattern`
URLs of one family are crawled.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# query parameters that identify a visitor or a campaign, never a different resource
_SESSION_KEYS = frozenset({
    "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "cfid", "cftoken", "aspsessionid",
    "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga",
})
_SESSION_PREFIXES = ("utm_", "aspsessionid")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/%:@!$&'()*+,;=~"
_QUERY_SAFE = "/:@!$'()*,;~"


def normalize(url: str, base: str | None = None) -> str | None:
    """The canonical form of `url` (resolved against `base`), or None when it is not a crawlable URL."""
    try:
        if base:
            url = urljoin(base, url.strip())
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an invalid port or IPv6 literal
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return None
    host = _host(parts.hostname or "")
    if not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, _path(parts.path), _query(parts.query), ""))


def _host(host: str) -> str:
    host = host.rstrip(".").lower()
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return ""
    return host


def _unescape_unreserved(s: str) -> str:
    def one(m: re.Match) -> str:
        ch = chr(int(m[1], 16))
        return ch if ch in _UNRESERVED else "%" + m[1].upper()

    return _ESCAPE.sub(one, s)


def _path(path: str) -> str:
    path = _PATH_SESSION.sub("", path)
    path = quote(_unescape_unreserved(path), safe=_PATH_SAFE)
    return _remove_dot_segments(path) or "/"


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, on whole segments."""
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    return result if result.startswith("/") else "/" + result


def _query(query: str) -> str:
    if not query:
        return ""
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_session_key(k)]
    pairs.sort(key=lambda kv: kv[0])
    return urlencode(pairs, quote_via=quote, safe=_QUERY_SAFE)


def _is_session_key(key: str) -> bool:
    k = key.lower()
    return k in _SESSION_KEYS or k.startswith(_SESSION_PREFIXES)


@lru_cache(maxsize=200_000)
def canonical(url: str) -> str | None:
    """`normalize(url)`, remembered: a site's pages link to the same few hundred URLs over and over."""
    return normalize(url)


def host_of(url: str) -> str:
    """The host and port part of a normalised URL: `example.org`, `127.0.0.1:8080`."""
    return urlsplit(url).netloc


def origin(url: str) -> str:
    """`scheme://host[:port]` of a normalised URL (where its robots.txt lives)."""
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


class Scope:
    """Which URLs the crawl fetches: start hosts and district domains, narrowed by include/exclude."""

    def __init__(self, start_urls: Iterable[str], district_domains: Iterable[str] = (),
                 include: Iterable[str] = (), exclude: Iterable[str] = ()):
        self.hosts = frozenset(host_of(u) for u in start_urls)
        self.domains = tuple(d.lower().strip(".") for d in district_domains if d.strip("."))
        self.include = tuple(_compile(p, "--include") for p in include)
        self.exclude = tuple(_compile(p, "--exclude") for p in exclude)

    def add_host(self, url: str) -> None:
        """Crawl the host of `url` too (a start URL that redirects to another host)."""
        self.hosts = self.hosts | {host_of(url)}

    def is_internal(self, url: str) -> bool:
        """On a start host or in a district domain: crawled (if the patterns allow it), else link-checked."""
        netloc = host_of(url)
        if netloc in self.hosts:
            return True
        host = urlsplit(url).hostname or ""
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def excluded_by(self, url: str) -> str | None:
        """The pattern that keeps an internal URL out of the crawl, or None when it is in."""
        if self.include and not any(p.search(url) for p in self.include):
            return "matches no --include pattern"
        for p in self.exclude:
            if p.search(url):
                return f"matches --exclude {p.pattern!r}"
        return None

    def contains(self, url: str) -> bool:
        return self.is_internal(url) and self.excluded_by(url) is None


def _compile(pattern: str, option: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ValueError(f"{option} {pattern!r} is not a valid regular expression: {e}") from None


_DIGITS = re.compile(r"\d+")


def pattern_of(url: str) -> str:
    """The family a URL belongs to: host and path with every number replaced, plus the query's names.

    `/calendar?month=2031-07` and `/calendar?month=1999-01` share a family; so do `/events/2031/07/`
    and `/events/1999/01/`; `/staff/jones` and `/staff/smith` do not.
    """
    p = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(p.query, keep_blank_values=True)})
    return f"{p.netloc}{_DIGITS.sub('0', p.path)}?{'&'.join(keys)}"


class TrapGuard:
    """Refuses URLs that look like a crawl trap; counts what it admits by family."""

    def __init__(self, max_per_pattern: int = 500, max_path_depth: int = 16, max_url_length: int = 2000,
                 max_repeats: int = 3):
        self.max_per_pattern = max_per_pattern
        self.max_path_depth = max_path_depth
        self.max_url_length = max_url_length
        self.max_repeats = max_repeats
        self.counts: Counter[str] = Counter()
        self.bounded: Counter[str] = Counter()  # family -> URLs refused because the family was full

    def admit(self, url: str) -> str | None:
        """None when the URL may be crawled (and it is counted); else why not."""
        if len(url) > self.max_url_length:
            return f"URL longer than {self.max_url_length} characters"
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if len(segments) > self.max_path_depth:
            return f"path deeper than {self.max_path_depth} segments"
        if segments and Counter(segments).most_common(1)[0][1] > self.max_repeats:
            return "path repeats a segment (a relative-link loop?)"
        family = pattern_of(url)
        if self.counts[family] >= self.max_per_pattern:
            self.bounded[family] += 1
            return f"more than {self.max_per_pattern} URLs like {family}"
        self.counts[family] += 1
        return None
