"""Escaping for the report site: a tiny template helper where every value is escaped by default.

Templates are trusted strings written in this package; everything put into them (page titles, URLs,
snippets, messages, authors: all of it from crawled pages) is escaped unless it is `Markup` built
here from escaped parts. So forgetting to escape is impossible; escaping twice shows as `&amp;lt;`,
which a test would see.

    html("<a href='{}'>{}</a>", url, title)   # both escaped, quotes included
"""
from __future__ import annotations

import hashlib
import html as _html
import re
from typing import Iterable
from urllib.parse import urlsplit

# C0 controls (except tab, newline, carriage return) are not allowed in HTML text: they are dropped
_CONTROLS = {c: None for c in range(32) if c not in (9, 10, 13)} | {0x7F: None}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Markup(str):
    """A string that is already safe HTML. Adding a plain string to it escapes that string."""

    __slots__ = ()

    def __add__(self, other) -> "Markup":
        return Markup(str.__add__(self, esc(other)))

    def __radd__(self, other) -> "Markup":
        return Markup(str.__add__(esc(other), self))


def esc(value) -> Markup:
    """`value` as HTML text or attribute value (None becomes the empty string)."""
    cls = value.__class__
    if cls is Markup:
        return value
    if cls is str:
        text = value
    elif value is None:
        return _EMPTY
    elif isinstance(value, Markup):
        return value
    else:
        text = str(value)
    if _SPECIAL.search(text) is None:  # most text: nothing to do (a report escapes millions of strings)
        return Markup(text)
    if _CONTROL.search(text):
        text = text.translate(_CONTROLS)
    return Markup(_html.escape(text, quote=True))


_EMPTY = Markup("")


def html(template: str, *args, **kwargs) -> Markup:
    """Fill a trusted template; every argument is escaped (Markup arguments are kept as they are)."""
    return Markup(template.format(*(esc(a) for a in args), **{k: esc(v) for k, v in kwargs.items()}))


def join(parts: Iterable, sep: str = "") -> Markup:
    return Markup(sep.join(esc(p) for p in parts))


def safe_href(url: str | None) -> str | None:
    """The URL when a link to it is harmless to follow (http or https), else None: a crawled
    `javascript:` or `data:` address is shown as text, never made a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def file_name(kind: str, text: str) -> str:
    """A file name for `text` (a URL, a host, an owner): readable ASCII plus a hash, so that nothing
    page-derived can steer a path and two texts never share a file."""
    readable = re.sub(r"[^a-z0-9]+", "-", re.sub(r"^[a-z]+://", "", text.lower())).strip("-")[:40] or kind
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}.html"
