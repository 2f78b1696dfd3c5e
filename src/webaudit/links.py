"""Links out of a parsed page: what they point to, and (for --links and crawls) whether it answers.

`extract(resource)` lists every URL reference of an HTML page once (cached on the resource): the
element, the attribute, the absolute URL, and the kind of resource it most likely is, so the engine
can follow documents and media (`run(..., follow=...)`) and the crawl can queue pages.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from .dom import xpath

# element/attribute pairs that reference another resource, and the kind each one most likely is
_REFS = xpath(
    "//a[@href] | //area[@href] | //img[@src] | //img[@srcset] | //iframe[@src] | //frame[@src]"
    " | //source[@src] | //track[@src] | //video[@src] | //audio[@src] | //embed[@src] | //object[@data]"
    " | //link[@href][contains(concat(' ', translate(@rel, 'STYLESHET', 'stylesheet'), ' '), ' stylesheet ')]"
    " | //video[@poster] | //input[@type='image'][@src]"
)
_EXT_KIND = {
    "pdf": "pdf", "vtt": "captions", "css": "css",
    "gif": "image", "png": "image", "jpg": "image", "jpeg": "image", "webp": "image", "heic": "image",
    "apng": "image", "svg": "image",
    "mp4": "video", "webm": "video", "m4v": "video", "mov": "video", "ogv": "video",
    "mp3": "audio", "wav": "audio", "m4a": "audio", "ogg": "audio", "oga": "audio",
}
SKIP_SCHEMES = ("mailto", "tel", "javascript", "data", "sms", "about", "blob", "callto")


@dataclass(frozen=True)
class Link:
    url: str  # absolute, with the fragment (use .target for the resource without it)
    raw: str  # as written in the page
    element: Any  # the lxml element (lives only as long as the tree)
    attr: str  # href, src, srcset, data, poster
    kind: str | None  # "html", "pdf", "image", "video", "audio", "captions", "css" or None (unknown)

    @property
    def target(self) -> str:
        return urldefrag(self.url)[0]

    @property
    def fragment(self) -> str:
        return urldefrag(self.url)[1]

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass(frozen=True)
class LinkRef:
    """A reference as plain data (picklable): what a worker process hands back about a page's links,
    so link checking and crawling happen once per run in the main process, with findings still pinned
    to the element."""

    url: str  # absolute, fragment kept
    kind: str | None  # likely kind of the target (see guess_kind)
    tag: str  # the referencing element: a, img, iframe, link, ...
    attr: str
    selector: str
    line: int | None
    column: int | None
    snippet: str
    text: str  # the link's accessible name, for messages ("" when it has none)


def refs(resource) -> tuple[LinkRef, ...]:
    """Every reference in the page as LinkRefs (one per element and URL)."""
    from .dom import accessible_name
    from .resource import start_tag, truncate

    out = []
    for link in extract(resource):
        el = link.element
        line, col = resource.position(el)
        name = accessible_name(el) if el.tag in ("a", "area") else ""
        out.append(LinkRef(link.url, link.kind, el.tag, link.attr, resource.selector(el), line, col,
                           truncate(start_tag(el)), truncate(name, 100)))
    return tuple(out)


def anchors(resource) -> frozenset[str]:
    """Fragment targets the page offers: every id and every a[name]."""
    if resource.tree is None:
        return frozenset()
    return frozenset(resource.tree.xpath("//@id | //a/@name"))


def base_url(resource) -> str:
    base = resource.url
    if resource.tree is not None:
        for b in resource.tree.iter("base"):
            href = (b.get("href") or "").strip()
            if href:
                base = urljoin(resource.url, href)
            break
    return base


def guess_kind(url: str, element_tag: str = "", attr: str = "") -> str | None:
    path = urlsplit(url).path
    ext = posixpath.splitext(path)[1].lower().lstrip(".")
    if ext in _EXT_KIND:
        return _EXT_KIND[ext]
    if element_tag == "track":
        return "captions"
    if element_tag == "link":
        return "css"
    if element_tag in ("img",) or attr == "poster" or element_tag == "input":
        return "image"
    if element_tag in ("a", "area", "iframe", "frame"):
        return "html" if ext in ("", "html", "htm", "php", "asp", "aspx", "jsp", "shtml", "cfm") else None
    return None


def extract(resource) -> list[Link]:
    """Every resource reference in the page, in document order (cached on the resource)."""
    if "links" in resource.cache:
        return resource.cache["links"]
    out: list[Link] = []
    if resource.tree is not None:
        base = base_url(resource)
        for el in _REFS(resource.tree):
            t = el.tag.lower()
            for attr in ("href", "src", "data", "poster", "srcset"):
                raw = el.get(attr)
                if raw is None:
                    continue
                if attr == "srcset":
                    candidates = [c.strip().split()[0] for c in raw.split(",") if c.strip()]
                else:
                    candidates = [raw.strip()]
                for c in candidates:
                    if not c or c.split(":", 1)[0].lower() in SKIP_SCHEMES:
                        continue
                    if c.startswith("#") and attr == "href":
                        url = urldefrag(resource.url)[0] + c
                    else:
                        try:
                            url = urljoin(base, c)
                        except ValueError:
                            continue
                    out.append(Link(url, raw, el, attr, guess_kind(url, t, attr)))
    resource.cache["links"] = out
    return out
