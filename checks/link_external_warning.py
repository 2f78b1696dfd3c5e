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
from webaudit.links import outbound_links
from webaudit.memo import Memo

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
    verdicts = _verdicts(tuple(config.get("external_warning_phrases")))
    page_host = urlsplit(resource.url).hostname or ""
    # links into the page's own host, told by their start alone (most links: no URL to split)
    own = (f"http://{page_host}/", f"https://{page_host}/") if _PLAIN_HOST.match(page_host) else ()
    inside = _inside(config, page_host)  # host -> config.is_internal(host, page_host), kept from page to page
    for el, url in outbound_links(resource):  # (links to paths on the page's own host are left out unread)
        if own and url.startswith(own):
            continue  # into the page's own host (told by its start alone)
        host = _web_host(url)
        if not host:
            continue  # not an http(s) link, or a malformed one (link-broken's business)
        if inside[host] or is_hidden(el):
            continue
        places = _warning_places(el)
        warned, new_window = verdicts[places]
        if warned:
            continue
        name = places[0] or places[1]  # its accessible name, else its text
        if name:
            what = f'link "{name[:80]}"'
        else:
            from webaudit.linkcheck import redact  # (the link checker's module: loaded when needed)

            what = f"link to {redact(url)[:80]}"
        message = (f"{what} goes to {host}, outside the district, with no written warning that it leaves "
                   "the district website")
        if new_window:
            message += ' ("new window" is not a warning that the visitor leaves the district)'
        hint = _EXTERNAL_HINT.search(" ".join((el.get("class") or "", el.get("rel") or "")))
        if hint:
            yield resource.finding(el, message + f'; it is marked "{hint.group(0)}", so a stylesheet may draw an '
                                   "icon: make sure the warning is also text a screen reader announces",
                                   severity="warning")
        else:
            yield resource.finding(el, message)


@lru_cache(maxsize=4096)  # (a site's pages share their links out)
def _web_host(url: str) -> str:
    """The host of an http(s) URL in lower case, as urlsplit gives it; "" for any other URL or a malformed one."""
    plain = _PLAIN_WEB_URL.match(url)
    if plain:  # scheme and host as urlsplit gives them, read straight off the URL
        scheme, host = plain[1].lower(), plain[2].lower()
    else:
        try:
            parts = urlsplit(url)
            scheme, host = parts.scheme, (parts.hostname or "").lower()
        except ValueError:
            return ""
    return host if scheme.lower() in ("http", "https") else ""


_INSIDE: list = [(None, {})]  # (the config asked about last, its answers by page host), replaced as one


def _inside(config, page_host: str) -> Memo:
    """host -> config.is_internal(host, page_host), for one page host: a run checks every page with one
    config, and its pages link to the same hosts (kept while the config is the same, bounded)."""
    held = _INSIDE[0]
    if held[0] is not config or len(held[1]) > 256:
        held = _INSIDE[0] = (config, {})
    table = held[1].get(page_host)
    if table is None:
        table = held[1][page_host] = Memo(lambda host: config.is_internal(host, page_host))
    return table


def _warning_places(el) -> tuple[str, ...]:
    """Every text a visitor may get about the link: its accessible name, its text, aria-label, title,
    alt, description, a bracketed note after it, the icon beside it."""
    if el.tag == "a" and len(el) == 0 and _NAMING.isdisjoint(el.keys()):
        # (most links: an <a> with only text, named by it; that text is its name and its text, 3x cheaper)
        said = norm(el.text)
        places = [said, said, "", "", ""]
    else:
        places = [accessible_name(el), text(el), el.get("aria-label") or "", el.get("title") or "",
                  el.get("alt") or ""]
        if el.get("aria-describedby"):
            places += [text(r) for r in referenced(el, "aria-describedby")]
    tail = el.tail
    if tail:
        m = _BRACKETED.match(tail)
        if m:
            places.append(m.group(1))
    if not tail or tail.isspace():
        places.append(_icon_text(_sibling(el, "next")))
    before = _sibling(el, "previous")
    if before is not None and not (before.tail or "").strip():
        places.append(_icon_text(before))
    return tuple(places)


_NAMING = frozenset({"aria-label", "aria-labelledby", "title", "alt", "aria-describedby"})  # (see _warning_places)


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


@lru_cache(maxsize=8)
def _verdicts(phrases: tuple[str, ...]) -> Memo:
    """A link's texts (_warning_places) -> (do they warn that it leaves, do they speak of a new window).
    Links repeat from page to page (a site's footer, its partners), so each set of texts is read once;
    one table per list of phrases."""
    warning = _phrases(phrases)

    def verdict(places: tuple[str, ...]) -> tuple[bool, bool]:
        said = [_normal(t) for t in dict.fromkeys(places)]  # (name and text are often one)
        return any(warning.search(t) for t in said), any(_NEW_WINDOW.search(t) for t in said)

    return Memo(verdict)
