"""What a caller may send to `POST /v1/check`, and a clear JSON error for anything else.

Accepted bodies: an HTML page (text/html, application/xhtml+xml), a PDF (application/pdf), or JSON
(application/json) `{"html": "...", "url": "..."}` (or just `{"url": ...}` to have the service fetch
it, when configured). Query parameters: url, select, ignore, fail_on, standard.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import ClientDisconnect, Request

from ..model import Severity
from ..parse import sniff
from ..registry import all_checks
from ..wcag import STANDARDS

HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPE = "application/pdf"
JSON_TYPE = "application/json"
ACCEPTED = (*HTML_TYPES, PDF_TYPE, JSON_TYPE)
PARAMS = ("url", "select", "ignore", "fail_on", "standard")
JSON_KEYS = ("html", "url")
MAX_URL = 2048
DEFAULT_URL = "about:blank"


class ApiError(Exception):
    """An answer other than a findings document: HTTP status, a short code, and a sentence for a person."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}

    def to_dict(self) -> dict:
        return {"error": self.code, "message": self.message}


@dataclass(frozen=True)
class Params:
    url: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    standard: str | None = None


def params(request: Request) -> Params:
    query = request.query_params
    unknown = sorted(set(query) - set(PARAMS))
    if unknown:
        raise ApiError(400, "bad-parameter", f"unknown query parameter(s): {', '.join(unknown)}; "
                                             f"known: {', '.join(PARAMS)}")
    select, ignore = _rule_list(query.getlist("select")), _rule_list(query.getlist("ignore"))
    fail_on, standard = query.get("fail_on") or None, query.get("standard") or None
    if fail_on is not None:
        try:
            Severity.parse(fail_on)
        except ValueError as e:
            raise ApiError(400, "bad-parameter", f"fail_on: {e}") from None
    if standard is not None and standard not in STANDARDS:
        raise ApiError(400, "bad-parameter", f"standard: {standard!r} is not one of {', '.join(STANDARDS)}")
    url = query.get("url")
    return Params(page_url(url, "url") if url else None, select or None, ignore or (), fail_on, standard)


def _rule_list(values: list[str]) -> tuple[str, ...]:
    patterns = tuple(v.strip() for item in values for v in item.split(",") if v.strip())
    known = all_checks()
    for p in patterns:
        if not any(i.startswith(p) for i in known):
            raise ApiError(400, "bad-parameter", f"no rule id starts with {p!r}; GET /v1/rules lists them")
    return patterns


def page_url(url: object, name: str) -> str:
    """The address a document is (or will be) published at: an absolute http(s) URL."""
    if not isinstance(url, str):
        raise ApiError(400, "bad-url", f"{name} must be a string")
    if len(url) > MAX_URL or any(c.isspace() or not c.isprintable() for c in url):
        raise ApiError(400, "bad-url", f"{name} must be a URL of at most {MAX_URL} characters without spaces")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as e:
        raise ApiError(400, "bad-url", f"{name} is not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiError(400, "bad-url", f"{name} must be an absolute http or https URL, got {url!r}")
    return url


def media_type(request: Request) -> str:
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype not in ACCEPTED:
        shown = f"Content-Type {ctype!r}" if ctype else "no Content-Type"
        raise ApiError(415, "unsupported-media-type",
                       f"{shown}: send text/html, application/pdf or application/json {{\"html\": ..., \"url\": ...}}")
    return ctype


def json_document(body: bytes) -> dict:
    """`{"html": str, "url": str}`, `{"html": str}` or `{"url": str}`."""
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ApiError(400, "bad-json", f"the body is not valid JSON ({_short(e)})") from None
    if not isinstance(doc, dict):
        raise ApiError(400, "bad-json", 'the JSON body must be an object: {"html": "...", "url": "..."}')
    unknown = sorted(set(doc) - set(JSON_KEYS))
    if unknown:
        raise ApiError(400, "bad-json", f"unknown key(s) in the JSON body: {', '.join(unknown)}; "
                                        "options such as select go in the query string")
    if "html" not in doc and "url" not in doc:
        raise ApiError(400, "bad-json", 'the JSON body needs "html" (and, optionally, "url")')
    if "html" in doc and not isinstance(doc["html"], str):
        raise ApiError(400, "bad-json", '"html" must be a string')
    if "url" in doc:
        page_url(doc["url"], '"url"')
    return doc


def expect_kind(body: bytes, content_type: str, url: str, expected: tuple[str, ...]) -> str:
    """The body's kind, sniffed from its content; a 400 if it is not one of `expected`."""
    kind = sniff(body, content_type, urlsplit(url).path)
    if kind not in expected:
        what = f"is {_article(kind)}" if kind else "is not a document webaudit reads (binary content)"
        raise ApiError(400, "wrong-content", f"the document {what}, but {' or '.join(expected)} was expected")
    return kind


def _article(kind: str) -> str:
    return {"html": "an HTML page", "pdf": "a PDF"}.get(kind, f"{kind} content")


def _short(e: Exception) -> str:
    return str(e).split("\n", 1)[0][:200] or type(e).__name__


class Body:
    """The request body, read under a size limit; what is left can be discarded before an error answer."""

    def __init__(self, request: Request):
        self._chunks = request.stream()
        self.declared = _content_length(request.headers.get("content-length"))
        self.finished = False

    async def read(self, limit: int) -> bytes:
        if self.declared is not None and self.declared > limit:
            raise ApiError(413, "too-large", f"the body is {self.declared} bytes, over the {limit} byte limit")
        chunks, size = [], 0
        async for chunk in self._iterate():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "too-large", f"the body is over the {limit} byte limit")
            chunks.append(chunk)
        return b"".join(chunks)

    async def discard(self, limit: int, seconds: float) -> None:
        """Read and drop up to `limit` more bytes (within `seconds`), so the client gets our answer
        instead of a reset connection. A client that declared more than that is not waited for."""
        if self.finished or (self.declared is not None and self.declared > limit):
            return
        size = 0
        try:
            async with asyncio.timeout(seconds):
                async for chunk in self._iterate():
                    size += len(chunk)
                    if size > limit:
                        return
        except (TimeoutError, ApiError):
            return

    async def _iterate(self):
        try:
            async for chunk in self._chunks:
                if chunk:
                    yield chunk
        except ClientDisconnect:
            raise ApiError(400, "disconnected", "the client went away before sending the whole body") from None
        self.finished = True


def _content_length(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
