"""Links that leave the district site say so.

## What it does
Flags links to a host outside the district that carry no written warning that the visitor is
leaving. The page's own host is always inside; so is every domain in `district_domains` (with its
subdomains). A link passes when a person can read or hear the warning:
- in the link text, or in visually hidden text inside the link;
- in its `aria-label`, `aria-describedby` text or `title`;
- in the alt text of an icon image inside the link or right beside it, or in a bracketed note right
  after it: `<a href="…">State testing portal</a> (external site)`;
- through a site-wide exit notice: set `external_warning = "interstitial"` and every link passes.
A warning is one of `external_warning_phrases` (case and punctuation do not matter; `*` stands for a
few words, so "leaving * website" matches "leaving the Lincoln Elementary website"). "Opens in a new
window" says nothing about leaving the district, and does not count. mailto:, tel:, javascript:,
in-page and local-file links are out of scope. A link whose class or rel marks it external (an icon
drawn by CSS, which screen readers may not announce) is a warning, not an error.

## Why it matters
Families must be able to tell district content from a third party's: the district answers for its
own pages, not for the advertising, data collection or accessibility of the site a link leads to.
The district policy requires a written warning on every link that leaves the district website.

## Example
    <a href="https://www.pta.org/">National PTA</a>
    <a href="https://maps.example.com/lincoln" target="_blank">Map (opens in a new window)</a>

## Use instead
    <a href="https://www.pta.org/">National PTA (external link)</a>
    <a href="https://maps.example.com/lincoln">Map<span class="visually-hidden">, leaves the
       district website</span></a>
    <a href="https://www.pta.org/">National PTA</a> <img src="/icons/ext.svg" alt="External link">

Configuration (`[tool.webaudit]`):

    district_domains = ["springfield.k12.example.us", "springfieldschools.example.org"]
    external_warning = "text"              # or "interstitial": a site-wide exit page warns instead
    external_warning_phrases = ["external link", "leaving * website", "sitio externo"]

## References
- District web policy: links to outside sites are marked as leaving the district website
- WCAG technique G201 (advisory: giving users advance warning when opening a new window) for why
  "new window" is a different warning
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from webaudit.dom import accessible_name, is_hidden, norm, referenced, tag, text
from webaudit.links import extract

ID = "link-external-warning"
TITLE = "Links that leave the district site say so"
WCAG = ()
LEVEL = ""
POLICY = "Links to sites outside the district carry a written warning that the visitor is leaving"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Say in writing that the link leaves the district website, e.g. "(external link)" in the link text, '
        'visually hidden text inside the link, or an icon with alt="External link" beside it. List the '
        "district's own domains in district_domains; if a site-wide exit page warns instead, set "
        'external_warning = "interstitial".')
OPTIONS = {
    "external_warning": "text",
    "external_warning_phrases": (
        "external link", "external site", "external website", "external web site", "external page",
        "external resource", "link is external", "opens an external", "goes to an external",
        "leaving * site", "leaving * website", "leaves * site", "leaves * website", "leave * site",
        "leave * website", "leaving the district", "leaves the district", "you are leaving",
        "you will leave", "opens a new site", "opens a new website", "opens another site",
        "opens another website", "off site", "offsite", "outside * district", "non district",
        "not a district", "third party site", "third party website",
    ),
}

_NEW_WINDOW = re.compile(r"\bnew (?:window|tab|browser)\b")
_BRACKETED = re.compile(r"^\s*[(\[]([^)\]]{1,80})[)\]]")
_ICON_TAGS = frozenset({"img", "svg", "span", "i", "em", "small", "abbr", "sup"})
_EXTERNAL_HINT = re.compile(r"external|extlink|ext-link|offsite|off-site", re.I)
_MODES = ("text", "interstitial")
_NOT_WORDS = re.compile(r"[^\w*]+")
_PLAIN_WEB_URL = re.compile(r"(https?)://([A-Za-z0-9.-]+)(?::[0-9]*)?(?=[/?#]|\Z)", re.I)  # no user, no brackets
_PLAIN_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\Z")  # a host name as urlsplit gives it: no port, no brackets


def check(resource, config):
    mode = config.get("external_warning")
    if mode not in _MODES:
        raise ValueError(f'external_warning must be "text" or "interstitial", not {mode!r}')
    if mode == "interstitial":
        return
    warning = _phrases(tuple(config.get("external_warning_phrases")))
    page_host = urlsplit(resource.url).hostname or ""
    # links into the page's own host, told by their start alone (most links: no URL to split)
    own = (f"http://{page_host}/", f"https://{page_host}/") if _PLAIN_HOST.match(page_host) else ()
    inside: dict[str, bool] = {}  # host -> config.is_internal(host, page_host): asked once a host
    warns: dict[str, bool] = {}  # normalised text -> does it say the link leaves (asked once a text)
    for link in extract(resource):
        el = link.element
        if link.attr != "href" or own and link.url.startswith(own) or tag(el) not in ("a", "area"):
            continue  # not a link, or one into the page's own host (told by its start alone)
        plain = _PLAIN_WEB_URL.match(link.url)
        if plain:  # scheme and host as urlsplit gives them, read straight off the URL
            scheme, host = plain[1].lower(), plain[2].lower()
        else:
            try:
                parts = urlsplit(link.url)
                scheme, host = parts.scheme, (parts.hostname or "").lower()
            except ValueError:
                continue  # a malformed address is link-broken's business
        if scheme.lower() not in ("http", "https") or not host:
            continue
        internal = inside.get(host)
        if internal is None:
            internal = inside[host] = config.is_internal(host, page_host)
        if internal or is_hidden(el):
            continue
        name, content, places = _warning_places(el)
        said = [_normal(t) for t in dict.fromkeys(places)]  # (name and text are often one)
        if any(warns[t] if t in warns else warns.setdefault(t, bool(warning.search(t))) for t in said):
            continue
        name = name or content
        if name:
            what = f'link "{name[:80]}"'
        else:
            from webaudit.linkcheck import redact  # (the link checker's module: loaded when needed)

            what = f"link to {redact(link.url)[:80]}"
        message = (f"{what} goes to {host}, outside the district, with no written warning that it leaves "
                   "the district website")
        if any(_NEW_WINDOW.search(t) for t in said):
            message += ' ("new window" is not a warning that the visitor leaves the district)'
        hint = _EXTERNAL_HINT.search(" ".join((el.get("class") or "", el.get("rel") or "")))
        if hint:
            yield resource.finding(el, message + f'; it is marked "{hint.group(0)}", so a stylesheet may draw an '
                                   "icon: make sure the warning is also text a screen reader announces",
                                   severity="warning")
        else:
            yield resource.finding(el, message)


def _warning_places(el) -> tuple[str, str, list[str]]:
    """The link's accessible name, its text, and every text a visitor may get about the link: name,
    content, description, title, the icon beside it."""
    name, content = accessible_name(el), text(el)
    places = [name, content, el.get("aria-label") or "", el.get("title") or "", el.get("alt") or ""]
    places += [text(r) for r in referenced(el, "aria-describedby")]
    tail = el.tail or ""
    m = _BRACKETED.match(tail)
    if m:
        places.append(m.group(1))
    if not tail.strip():
        places.append(_icon_text(_sibling(el, "next")))
    before = _sibling(el, "previous")
    if before is not None and not (before.tail or "").strip():
        places.append(_icon_text(before))
    return name, content, places


def _sibling(el, direction: str):
    sib = el.getnext() if direction == "next" else el.getprevious()
    while sib is not None and not isinstance(sib.tag, str):  # comments
        if (sib.tail or "").strip():
            return None
        sib = sib.getnext() if direction == "next" else sib.getprevious()
    return sib


def _icon_text(el) -> str:
    """The text of an icon right beside a link (an img's alt, an svg's title, a short span)."""
    if el is None or tag(el) not in _ICON_TAGS or is_hidden(el):
        return ""
    if tag(el) in ("img", "svg"):
        return accessible_name(el)
    said = text(el)
    return said if len(said) <= 80 else ""


@lru_cache(maxsize=4096)  # (link texts repeat from page to page: "Partner 3", "National PTA")
def _normal(s: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", norm(s).lower()).split()) if s else ""


@lru_cache(maxsize=8)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern:
    """One regex for the configured phrases: whole words, '*' standing for up to four words."""
    alts = []
    for p in phrases:
        regex = "".join(r"(?:\w+ ){0,4}" if w == "*" else re.escape(w) + " " for w in _normal(p).split())
        if regex.strip():
            alts.append(regex[:-1] if regex.endswith(" ") else regex)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b" if alts else r"(?!x)x")
