"""Links out of a parsed page: what they point to, and (for --links and crawls) whether it answers.

`extract(resource)` lists every URL reference of an HTML page once (cached on the resource): the
element, the attribute, the absolute URL, and the kind of resource it most likely is, so the engine
can follow documents and media (`run(..., follow=...)`) and the crawl can queue pages. The link checks
that look only at links use cheaper lists: `link_elements` (the a and area elements, one walk shared by
them) and `outbound_links` (the a/area links that may leave the page's host, the others left unresolved).

Broken links are found in two steps, so that checks stay pure and each URL is asked once per run:
workers hand back every page's references as plain `LinkRef`s (`TargetResult.refs`); in the main
process a `LinkChecker` (see linkcheck.py, re-exported here) asks each distinct URL once, and
`link_findings` turns a page's references and their statuses into `link-broken` findings pinned to
the elements. `with_link_findings` does both for a stream of results (`webaudit check --links`):

    with LinkChecker() as checker:
        for result in with_link_findings(run(targets, config), checker, config):
            report(result)
"""
from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from .dom import elements, xpath
from .model import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .linkcheck import LinkChecker, LinkStatus
    from .run import TargetResult

# The link checker (requests, threads) is re-exported here, and imported on first use: the checks that
# read a page's links import this module, and most runs never check a link over the network.
_LINKCHECK_API = frozenset({"BROKEN", "DOUBTFUL", "OK", "UNCHECKED", "LinkChecker", "LinkStatus", "redact"})


def __getattr__(name: str):
    if name in _LINKCHECK_API:
        from . import linkcheck

        return getattr(linkcheck, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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
# the elements _REFS selects, found in one pass (see extract)
_REF_TAGS = ("a", "area", "img", "iframe", "frame", "source", "track", "video", "audio", "embed", "object", "link",
             "input")
_REL_LOWER = str.maketrans("STYLEH", "styleh")  # XPath's translate(@rel, 'STYLESHET', 'stylesheet')
_ATTRS = {"href": 0, "src": 1, "data": 2, "poster": 3, "srcset": 4}  # attributes with references, in extract's order


def _is_ref(el, t: str) -> bool:
    """Does `el` (tag `t`) match _REFS?"""
    if t in ("a", "area"):
        return el.get("href") is not None
    if t == "img":
        return el.get("src") is not None or el.get("srcset") is not None
    if t == "object":
        return el.get("data") is not None
    if t == "link":
        rel = el.get("rel")
        return el.get("href") is not None and rel is not None and " stylesheet " in f" {rel.translate(_REL_LOWER)} "
    if t == "video":
        return el.get("src") is not None or el.get("poster") is not None
    if t == "input":
        return el.get("type") == "image" and el.get("src") is not None
    return el.get("src") is not None  # iframe, frame, source, track, audio, embed


# References that urljoin leaves as they are (an http(s) URL with a plain host) or only puts after the base's
# scheme://host (a path from the root without empty, "." or ".." segments): no parameters, no empty "?" or "#"
# (urljoin drops those), no characters urlsplit strips or checks (whitespace, controls, brackets, non-ASCII).
_URL_CHARS = r"A-Za-z0-9\-._~%!$&'()*+,=:@"
_SEGMENT = rf"(?!\.\.?(?:[/?#]|\Z))[{_URL_CHARS}]+"
_SIMPLE_URL = re.compile(
    rf"(?:(?P<host>https?://[A-Za-z0-9.-]+(?::[0-9]+)?)(?P<hpath>(?:/[{_URL_CHARS}]*)*)"
    rf"|(?P<path>/(?:{_SEGMENT}(?:/{_SEGMENT})*/?)?))"
    rf"(?:\?[{_URL_CHARS}/?]+)?(?:#[{_URL_CHARS}/?#]+)?\Z")


@dataclass(frozen=True)
class Link:
    url: str  # absolute, with the fragment (use .target for the resource without it)
    raw: str  # as written in the page
    element: Any  # the lxml element (lives only as long as the tree)
    attr: str  # href, src, srcset, data, poster
    kind: str | None  # "html", "pdf", "image", "video", "audio", "captions", "css" or None (unknown)

    @property
    def target(self) -> str:
        return urldefrag(self.url)[0] if "#" in self.url else self.url  # urldefrag's own shortcut

    @property
    def fragment(self) -> str:
        return urldefrag(self.url)[1] if "#" in self.url else ""

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
    suppressed: frozenset[str] = frozenset()  # rules a webaudit-ignore comment switches off here


def refs(resource) -> tuple[LinkRef, ...]:
    """Every reference in the page as LinkRefs (one per element and URL)."""
    from .dom import accessible_name
    from .resource import start_tag, suppressed_rules, truncate

    page_off = frozenset(resource.page_suppressions) if resource.has_suppressions else frozenset()
    out = []
    for link in extract(resource):
        el = link.element
        line, col = resource.position(el)
        name = accessible_name(el) if el.tag in ("a", "area") else ""
        off = page_off | suppressed_rules(el) if resource.has_suppressions else page_off
        out.append(LinkRef(link.url, link.kind, el.tag, link.attr, resource.selector(el), line, col,
                           truncate(start_tag(el)), truncate(name, 100), frozenset(off)))
    return tuple(out)


def pdf_refs(resource, config) -> tuple[LinkRef, ...]:
    """The web links of a PDF (link annotations whose action opens a URI) as LinkRefs pinned to their
    page ("page 3"). None when the PDF cannot be opened (pdf-unreadable says why); a damaged
    annotation ends the list, keeping what was read before it."""
    from .pdf import document, resolve, text as pdf_text
    from .resource import truncate

    doc = document(resource, config)
    if doc is None:
        return ()
    out = []
    try:
        for n in doc.pages_to_check:
            if doc.out_of_time("reading its links"):
                break
            for annot in resolve(doc.page(n).get("/Annots")) or ():
                annot = resolve(annot)
                action = resolve(annot.get("/A")) if isinstance(annot, dict) else None
                if annot.get("/Subtype") != "/Link" or not isinstance(action, dict) or action.get("/S") != "/URI":
                    continue
                uri = (pdf_text(action.get("/URI")) or "").strip()
                if not uri or uri.split(":", 1)[0].lower() in SKIP_SCHEMES:
                    continue
                url = urljoin(resource.url, uri)
                out.append(LinkRef(url, guess_kind(url, "a", "href"), PDF_LINK, "URI", f"page {n}", None, None,
                                   truncate(f"/URI ({uri})"), truncate(pdf_text(annot.get("/Contents")) or "", 100)))
    except Exception:  # noqa: BLE001 - a damaged PDF: pdf-unreadable reports it; keep the links read
        pass
    return tuple(out)


PDF_LINK = "pdf-link"  # LinkRef.tag of a PDF link annotation


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
    return _kind(urlsplit(url).path, element_tag, attr)


def _kind(path: str, element_tag: str, attr: str) -> str | None:
    """guess_kind for a URL whose path is known."""
    name = path[path.rfind("/") + 1:]
    dot = name.rfind(".")  # the extension as posixpath.splitext finds it (".profile" has none)
    ext = name[dot + 1:].lower() if dot > 0 and name[:dot].strip(".") else ""
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


@lru_cache(maxsize=4096)  # (a site's pages share their navigation: the same references, page after page)
def _simple_url(prefix: str, c: str, element_tag: str, attr: str) -> tuple[str, str | None] | None:
    """(URL, kind) of a reference _SIMPLE_URL matches, as urljoin and guess_kind give them (checked
    against them in the tests), 20x cheaper; None for the others."""
    m = _SIMPLE_URL.match(c)
    if m is None:
        return None
    url, path = (c, m["hpath"]) if m["host"] else (prefix + c, m["path"])
    return url, _kind(path, element_tag, attr)


def extract(resource) -> list[Link]:
    """Every resource reference in the page, in document order (cached on the resource)."""
    if "links" in resource.cache:
        return resource.cache["links"]
    out: list[Link] = []
    if resource.tree is not None:
        base = base_url(resource)
        prefix = host_prefix(base)
        for el in _ref_elements(resource):  # one pass over those tags (_REFS walks the tree 16 times)
            t = el.tag  # (one of _REF_TAGS as written there: lxml finds the names exactly)
            if not _is_ref(el, t):
                continue
            # the element's reference attributes in _ATTRS order, from one look at its attributes (most have one)
            attrs = [(attr, raw) for attr, raw in el.items() if attr in _ATTRS]
            if len(attrs) > 1:
                attrs.sort(key=lambda pair: _ATTRS[pair[0]])
            for attr, raw in attrs:
                if attr == "srcset":
                    candidates = [c.strip().split()[0] for c in raw.split(",") if c.strip()]
                else:
                    candidates = [raw.strip()]
                for c in candidates:
                    resolved = resolve_ref(c, t, attr, resource.url, base, prefix)
                    if resolved is not None:
                        out.append(_link(resolved[0], raw, el, attr, resolved[1]))
    resource.cache["links"] = out
    return out


def _link(url: str, raw: str, element: Any, attr: str, kind: str | None) -> Link:
    """Link(url, raw, element, attr, kind), made without the frozen dataclass's __init__, which sets each
    field through object.__setattr__: 3x the cost, and extract makes one for every reference of every page."""
    link = object.__new__(Link)
    link.__dict__.update(url=url, raw=raw, element=element, attr=attr, kind=kind)
    return link


def host_prefix(base: str) -> str | None:
    """scheme://host of the base URL, which a path from the root is put after (_simple_url); None when
    references are resolved with urljoin only."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https", "file") and base else None


def resolve_ref(c: str, t: str, attr: str, page: str, base: str, prefix: str | None) -> tuple[str, str | None] | None:
    """(absolute URL, likely kind) of the reference `c` (stripped) in attribute `attr` of a `t` element of
    the page at URL `page`, as extract lists it; None for what it leaves out (empty, mailto: and the like,
    malformed)."""
    if prefix is not None and (simple := _simple_url(prefix, c, t, attr)) is not None:
        return simple  # (asked first: most references are simple, and none of those is skipped or a #fragment)
    if not c or c.split(":", 1)[0].lower() in SKIP_SCHEMES:
        return None
    if c.startswith("#") and attr == "href":
        url = urldefrag(page)[0] + c
    else:
        try:
            url = urljoin(base, c)
        except ValueError:
            return None
    return url, guess_kind(url, t, attr)


def _ref_elements(resource) -> list:
    """The page's elements with one of _REF_TAGS, in document order: one walk, kept on the resource for
    extract and link_elements."""
    found = resource.cache.get("reference elements")
    if found is None:
        found = resource.cache["reference elements"] = (
            [] if resource.tree is None else list(elements(resource.tree, *_REF_TAGS)))
    return found


def link_elements(resource) -> list:
    """Every a and area element of the page (with an href or not), in document order, for the link checks
    that share it: taken from the walk extract makes, when it has been made (filtering it is cheaper than
    a walk for a and area), else from a walk for them alone (the service's checks call no extract)."""
    found = resource.cache.get("a, area")
    if found is None:
        refs = resource.cache.get("reference elements")
        if refs is not None:
            found = [el for el in refs if el.tag in ("a", "area")]
        else:
            found = [] if resource.tree is None else list(elements(resource.tree, "a", "area"))
        resource.cache["a, area"] = found
    return found


def link_hrefs(resource) -> list:
    """The href of each of link_elements(resource), in the same order (None where there is none): read
    once for the link checks that look at them all."""
    found = resource.cache.get("a, area hrefs")
    if found is None:
        found = resource.cache["a, area hrefs"] = [el.get("href") for el in link_elements(resource)]
    return found


# A reference with no ":" (so no scheme) and no "//" (so no host), even once urlsplit has removed tabs and
# newlines, is a path: it resolves onto the host of the page's base.
_MAY_NAME_A_HOST = re.compile(r"[:\t\n\r]|//")
# A reference that starts with mailto: or another of SKIP_SCHEMES (ASCII letters in any case, as .lower() of
# its scheme gives one) is one resolve_ref leaves out: _simple_url takes no such scheme.
_SKIPPED = re.compile("(?:%s):" % "|".join(SKIP_SCHEMES), re.I | re.A)


def outbound_links(resource) -> list[tuple[Any, str]]:
    """(element, absolute URL) of each a[href] and area[href] that may lead off the page's own host: what
    extract() lists for them, in the same order, less the paths that resolve onto that host (told by a
    look at the raw href, with no URL resolved). For checks about links out, without the cost of extract."""
    if resource.tree is None:
        return []
    base = base_url(resource)
    prefix = host_prefix(base)
    try:
        same_host = urlsplit(base).hostname == urlsplit(resource.url).hostname
    except ValueError:
        same_host = False
    known = _SAME_HOST_HREFS if same_host else {}
    if len(known) > 4096:
        known.clear()
    out = []
    for el, raw in zip(link_elements(resource), link_hrefs(resource)):
        url = known.get(raw)
        if url is None and raw is not None:
            url, lasting = _outbound_url(raw, el.tag, resource.url, base, prefix, same_host)
            if lasting and len(raw) <= 500:  # (a data: URL may be megabytes)
                known[raw] = url
        if url:
            out.append((el, url))
    return out


def _outbound_url(raw: str, t: str, page: str, base: str, prefix: str | None, same_host: bool) -> tuple[str, bool]:
    """(the absolute URL of the href `raw` of a `t` element, or "" when outbound_links leaves it out; is that
    the answer on every page whose base is on the page's own host?)"""
    if same_host and not _MAY_NAME_A_HOST.search(raw) or _SKIPPED.match(raw):
        return "", True  # (mailto: links, many on a staff directory, told by their start: nothing to resolve)
    c = raw.strip()
    resolved = resolve_ref(c, t, "href", page, base, prefix)
    if resolved is None:
        return "", False
    m = _SIMPLE_URL.match(c)
    return resolved[0], bool(m and m["host"])  # (an http(s) URL _SIMPLE_URL takes is its own URL, on any page)


# outbound_links's answers for the hrefs whose answer is the same on every page whose base is on the page's own
# host (_outbound_url): a site's pages share their links out, so each is read once (emptied when big).
_SAME_HOST_HREFS: dict[str, str] = {}


# -- fragments --------------------------------------------------------------------------------------------

def fragment_found(fragment: str, anchors: frozenset[str] | set[str]) -> bool:
    """Does `#fragment` land on a page offering these ids and a[name]s? As browsers decide: the empty
    fragment and "top" go to the top of the page; the raw and the percent-decoded forms both count;
    a text directive (`#:~:text=...`) is not an anchor."""
    fragment = fragment.split(":~:", 1)[0]
    if not fragment or fragment.lower() == "top":
        return True
    return fragment in anchors or unquote(fragment) in anchors


# -- link-broken findings from statuses (the engine stage behind --links and crawls) --------------------------

CHECKED_SCHEMES = ("http", "https", "file")


def link_targets(result: "TargetResult") -> list[str]:
    """The distinct resources a page references that the link checker should ask about: http(s) and
    file: links to other resources, not the page itself, not where link-broken is suppressed."""
    rule = _rule().ID
    page = urldefrag(result.url)[0]
    out: dict[str, None] = {}
    for ref in result.refs:
        target = urldefrag(ref.url)[0]
        if target != page and rule not in ref.suppressed and _scheme(target) in CHECKED_SCHEMES:
            out[target] = None
    return list(out)


def link_findings(result: "TargetResult", statuses: Mapping[str, LinkStatus],
                  known_anchors: Mapping[str, frozenset[str]], config: "Config | None" = None) -> list[Finding]:
    """`link-broken` findings for one checked page, each pinned to the referencing element.

    - `statuses`: LinkStatus by URL (without the fragment), e.g. from `LinkChecker.check(link_targets(result))`;
      a BROKEN status is an error, a DOUBTFUL one a warning; URLs missing from it are not judged.
    - `known_anchors`: ids and a[name]s by page URL, for the pages loaded in this run; a `#fragment` into
      one of them must name one of its anchors. Fragments into pages not loaded are not judged, and
      same-page fragments are left to the link-broken check, which sees the parsed page.
    - `config`: its severity overrides apply, as they do to the checks' findings.
    """
    from .linkcheck import BROKEN, DOUBTFUL, redact

    meta = _rule()
    severity = {BROKEN: Severity.ERROR, DOUBTFUL: Severity.WARNING}
    if config is not None and meta.ID in config.severity:
        severity = dict.fromkeys(severity, Severity.parse(config.severity[meta.ID]))
    page = urldefrag(result.url)[0]
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for ref in result.refs:
        target, fragment = urldefrag(ref.url)
        if target == page or meta.ID in ref.suppressed or (ref.selector, ref.url) in seen:
            continue
        seen.add((ref.selector, ref.url))
        status = statuses.get(target)
        if status is None:
            continue
        what = f"{_describe(ref)} {_shown(target, page)}"
        if not status.ok:
            verdict = status.verdict
            message = f"{what} {'is broken' if verdict == BROKEN else 'may be broken'}: {status.reason}"
        elif fragment and ref.attr == "href" and ref.tag in ("a", "area"):
            anchors = known_anchors.get(target)
            if anchors is None:
                anchors = known_anchors.get(status.final_url)
            if anchors is None or fragment_found(fragment, anchors):
                continue
            verdict = BROKEN
            message = (f'{what}#{fragment} is broken: that page has no element with id or name '
                       f'"{unquote(fragment)}"')
        else:
            continue
        out.append(Finding(
            rule=meta.ID, message=message, severity=severity[verdict], url=result.url,
            wcag=tuple(meta.WCAG), level=meta.LEVEL, line=ref.line, column=ref.column, selector=ref.selector,
            snippet=redact(ref.snippet), help=meta.HELP, policy=meta.POLICY or "",
        ))
    return out


def with_link_findings(results: Iterable["TargetResult"], checker: LinkChecker, config: "Config | None" = None,
                       lookahead: int = 8) -> Iterator["TargetResult"]:
    """Wrap run()'s stream of results: each comes out, in order, with its link-broken findings added.

    While a page waits for its links, those of the next `lookahead` pages are already being checked.
    Every page loaded in the run counts as a working link, and its anchors judge #fragments pointing
    into it from the pages reported after it was loaded.
    """
    from .linkcheck import LinkStatus

    known: dict[str, frozenset[str]] = {}
    window: deque = deque()
    for result in results:
        page = urldefrag(result.url)[0]
        if result.kind is not None:
            checker.seed(page, LinkStatus(page))
        if result.kind == "html":
            known[page] = result.anchors
        targets = link_targets(result)
        checker.submit(targets)
        window.append((result, targets))
        if len(window) > lookahead:
            yield _add_findings(*window.popleft(), checker, known, config)
    while window:
        yield _add_findings(*window.popleft(), checker, known, config)


def _add_findings(result, targets, checker, known, config):
    if not targets:
        return result
    found = link_findings(result, checker.check(targets), known, config)
    return replace(result, findings=[*result.findings, *found]) if found else result


def _describe(ref: LinkRef) -> str:
    if ref.tag == PDF_LINK:
        return f"link on {ref.selector} to"
    if ref.tag in ("a", "area"):
        name = ref.text if len(ref.text) <= 60 else ref.text[:59] + "…"
        return f'link "{name}" to' if name else "link to"
    return f"<{ref.tag} {ref.attr}>"


def _shown(target: str, page: str) -> str:
    """A target as messages name it: a local file relative to the page's folder, else its URL
    (without user:password@)."""
    if target.startswith("file:") and page.startswith("file:"):
        path, here = urlsplit(target).path, urlsplit(page).path
        rel = posixpath.relpath(path, posixpath.dirname(here)) + ("/" if path.endswith("/") else "")
        return unquote(rel)
    from .linkcheck import redact

    return redact(target)


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].lower() if ":" in url else ""


def _rule():
    """The link-broken check module: its id, docs and metadata describe the engine's findings too."""
    from webaudit.checks import link_broken

    return link_broken
