"""What a crawl's fetch thread does with one URL: fetch it (conditionally, when its stored findings
can be reused) and have it checked, then say what happened. Decisions stay with the crawl loop."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, replace
from typing import Callable

from .checking import Batcher
from .fetch import Failure, Fetcher, Response, Retry
from .politeness import HostGate
from .run import TargetResult
from .store import FrontierEntry, Resource
from .urls import host_of

@dataclass(frozen=True)
class Job:
    entry: FrontierEntry
    prev: Resource | None  # the stored state when its findings can be reused, else None
    started: float = 0.0


@dataclass(frozen=True)
class Checked:
    response: Response  # without the body
    result: TargetResult
    content_hash: str
    size: int
    title: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Unchanged:
    reason: str  # "304 Not Modified", "same content", "sitemap lastmod"
    response: Response | None = None


def visit(job: Job, fetcher: Fetcher, gate: HostGate, batcher: Batcher,
          fetched: Callable[[], None] = lambda: None) -> Checked | Unchanged | Response | Retry | Failure:
    """Fetch and check one URL: Checked, Unchanged, a Response without a body (redirect, 4xx), Retry or
    Failure. `fetched()` is called as soon as the host's slot is free again (before checking)."""
    url, prev = job.entry.url, job.prev
    gate.sending(host_of(url))
    try:
        got = fetcher.get(url, etag=prev and prev.etag, last_modified=prev and prev.last_modified)
    finally:
        gate.finish(host_of(url))
        fetched()
    if not isinstance(got, Response):
        return got
    if got.status == 304:
        return Unchanged("304 Not Modified", got)
    if not 200 <= got.status < 300:
        return got
    digest = hashlib.sha256(got.body).hexdigest()[:32]
    bare = replace(got, body=b"")
    if prev is not None and prev.content_hash == digest:
        return Unchanged("same content", bare)
    result = batcher.check((url, got.body, got.headers, job.entry.via))
    title, author = page_meta(got.body) if result.kind == "html" else (None, None)
    return Checked(bare, result, digest, len(got.body), title, author)


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
_META_AUTHOR = re.compile(rb"<meta\s[^>]*name\s*=\s*[\"']?author\b[^>]*>", re.I)
_CONTENT = re.compile(rb"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def page_meta(body: bytes) -> tuple[str | None, str | None]:
    """The page's <title> and <meta name="author"> (for reports: what a page is, who owns it)."""
    head = body[:65536]

    def text(raw: bytes | None) -> str | None:
        s = " ".join(html.unescape(raw.decode("utf-8", "replace")).split()) if raw else ""
        return s[:200] or None

    title = _TITLE.search(head)
    meta = _META_AUTHOR.search(head)
    content = _CONTENT.search(meta[0]) if meta else None
    return text(title[1] if title else None), text((content[1] or content[2]) if content else None)
