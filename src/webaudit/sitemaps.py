"""Sitemaps: the URLs a site lists for crawlers, each with its <lastmod>, to seed the crawl.

Found from robots.txt `Sitemap:` lines and `/sitemap.xml`; sitemap index files are followed (to a
bounded depth and number of files); gzip files (`.xml.gz`) are read; a plain-text sitemap (one URL a
line) is read too. XML is parsed without entities or network access.
"""
from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

from lxml import etree

from .fetch import Fetcher, Response
from .politeness import HostGate
from .urls import host_of

MAX_FILES = 200  # sitemap files read per host
MAX_BYTES = 50 * 2**20  # the protocol's limit for one uncompressed sitemap
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)


@dataclass(frozen=True)
class Entry:
    url: str
    lastmod: str | None = None


@dataclass
class Found:
    entries: list[Entry]
    files: int = 0  # sitemap files read
    problems: list[str] | None = None  # files that could not be read, for the summary


def discover(origin: str, listed: list[str], fetcher: Fetcher, *, max_urls: int = 100_000,
             gate: HostGate | None = None) -> Found:
    """Every URL in the sitemaps of `origin`: those robots.txt lists, else /sitemap.xml.
    With a `gate`, each fetch waits for its host's turn (Crawl-delay holds for sitemaps too)."""
    queue = list(dict.fromkeys(listed or [origin + "/sitemap.xml"]))
    seen = set(queue)
    found = Found([], problems=[])
    while queue and found.files < MAX_FILES and len(found.entries) < max_urls:
        url = queue.pop(0)
        got = _polite_get(fetcher, url, gate)
        if not isinstance(got, Response) or got.status != 200:
            if listed:  # /sitemap.xml is only a guess: its absence is not a problem
                found.problems.append(f"{url}: {getattr(got, 'reason', None) or f'HTTP {got.status}'}")
            continue
        found.files += 1
        try:
            children, entries = parse(got.body)
        except ValueError as e:
            found.problems.append(f"{url}: {e}")
            continue
        for child in children:
            if child not in seen:
                seen.add(child)
                queue.append(child)
        found.entries.extend(entries[: max_urls - len(found.entries)])
    return found


def _polite_get(fetcher: Fetcher, url: str, gate: HostGate | None):
    if gate is None:
        return fetcher.get_following(url, max_bytes=MAX_BYTES)
    host = host_of(url)
    while (wait := gate.wait_time(host)) > 0:  # nothing else is in flight while the crawl seeds
        time.sleep(min(wait, 1.0))
    gate.start(host)
    gate.sending(host)
    try:
        return fetcher.get_following(url, max_bytes=MAX_BYTES)
    finally:
        gate.finish(host)


def parse(data: bytes) -> tuple[list[str], list[Entry]]:
    """(child sitemaps of an index, URL entries) of one sitemap file, gzipped or not."""
    if data[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = d.decompress(data, MAX_BYTES)
        except zlib.error as e:
            raise ValueError(f"not a readable gzip file ({e})") from None
        if d.unconsumed_tail:
            raise ValueError(f"over {MAX_BYTES // 2**20} MB uncompressed")
    head = data.lstrip()[:1]
    if head != b"<":  # a text sitemap: one URL a line
        lines = data.decode("utf-8", "replace").split()
        return [], [Entry(u) for u in lines if u.startswith(("http://", "https://"))]
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise ValueError(f"not a readable sitemap ({e})") from None
    if root is None:
        raise ValueError("empty sitemap")
    kind = etree.QName(root).localname
    children, entries = [], []
    for item in root:
        if not isinstance(item.tag, str):
            continue
        loc = lastmod = None
        for field in item:
            if not isinstance(field.tag, str):
                continue
            name = etree.QName(field).localname
            if name == "loc":
                loc = (field.text or "").strip()
            elif name == "lastmod":
                lastmod = (field.text or "").strip() or None
        if not loc:
            continue
        if kind == "sitemapindex":
            children.append(loc)
        else:
            entries.append(Entry(loc, lastmod))
    return children, entries


_W3C_DATE = re.compile(r"^\d{4}(-\d{2})?(-\d{2})?$")


def lastmod_time(value: str | None) -> datetime | None:
    """A <lastmod> (W3C datetime: a year, a date, or a date and time with a zone) as an aware datetime."""
    if not value:
        return None
    v = value.strip()
    try:
        if _W3C_DATE.match(v):
            parts = [int(p) for p in v.split("-")] + [1, 1]
            return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
        t = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def unchanged(current: str | None, previous: str | None) -> bool:
    """Has the sitemap's lastmod not moved since the last crawl? (False when either is unknown.)"""
    now, before = lastmod_time(current), lastmod_time(previous)
    return now is not None and before is not None and now <= before
