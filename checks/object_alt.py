"""Embedded objects have a text alternative.

## What it does
Flags `<object>` and `<embed>` elements (old video players, Flash, PDF viewers, audio widgets) that have
no text alternative. An `object` has one in `aria-label`, `aria-labelledby` or `title`, or in its
fallback content (the text or named image between `<object>` and `</object>`); an `embed` can only have
`aria-label`, `aria-labelledby` or `title`. Hidden objects, those marked decorative with
`role="presentation"`/`"none"`, those with another explicit role (`role="img"` is the img-alt check's),
objects that embed an HTML page (like an iframe), and objects or embeds nested inside another object's
fallback are skipped.

When an object that shows an image, audio or video has its text only in the fallback content, the
finding is a warning: fallback is read only when the object cannot play, and ACT rule 8fc3b6 ("Object
element rendering non-text content has non-empty accessible name") does not count it, while WCAG
technique H53 does. A person should check that the object gets a title.

## Why it matters
A screen reader says "embedded object" or nothing at all for an unnamed object, so a blind visitor does
not know that a video of the board meeting or a PDF of the lunch menu is there.

## Example
    <object data="/media/board-meeting.mp4"></object>
    <embed src="/media/welcome.swf">
    <object data="/img/map.png"><img src="/img/map.png" alt="District map"></object>   <!-- warning -->

## Use instead
    <object data="/media/board-meeting.mp4" title="Board meeting, March 4 (video)"></object>
    <embed src="/docs/menu.pdf" type="application/pdf" title="March lunch menu (PDF)">
    <object data="/docs/menu.pdf" type="application/pdf">
      <a href="/docs/menu.pdf">March lunch menu (PDF)</a>
    </object>

## References
- WCAG 1.1.1 Non-text Content; technique H53 (the body of the object element)
- ACT rule 8fc3b6 Object element rendering non-text content has non-empty accessible name
"""
from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from webaudit.dom import accessible_name, is_hidden, text
from webaudit.links import guess_kind

ID = "object-alt"
TITLE = "Embedded objects have a text alternative"
WCAG = ("1.1.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Give the object or embed a title or aria-label that says what it is '
        '(title="Board meeting, March 4 (video)"); for an object, a link to the file as fallback content helps too.')

_HTML_EXT = frozenset({".html", ".htm", ".php", ".asp", ".aspx", ".jsp", ".shtml", ".cfm"})
_MEDIA = ("image", "audio", "video")


def check(resource, config):
    for el in resource.tree.iter("object", "embed"):
        if (el.get("role") or "").strip() or _in_object(el) or is_hidden(el):
            continue  # decorative (presentation/none), another rule's role, fallback content, or not rendered
        kind = _kind(el)
        if kind == "html" or accessible_name(el):
            continue
        what = _describe(el, kind)
        if el.tag == "object" and text(el):
            if kind in _MEDIA:
                yield resource.finding(
                    el, f"{what} has a text alternative only in its fallback content, which screen readers "
                        "skip while the object is shown; add a title or aria-label", severity="warning")
            continue
        if el.get("alt") is not None:
            why = "has an alt attribute, which objects and embeds do not support, and no title or aria-label"
        elif el.get("aria-labelledby"):
            why = f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text'
        elif el.tag == "object":
            why = "has no title, aria-label or fallback text"
        else:
            why = "has no title or aria-label"
        yield resource.finding(el, f"{what} {why}")


def _in_object(el) -> bool:
    return any(a.tag == "object" for a in el.iterancestors())


def _kind(el) -> str | None:
    """What the object shows: "html", "image", "audio", "video", "pdf", ... or None when unknown."""
    mime = (el.get("type") or "").split(";", 1)[0].strip().lower()
    if mime:
        major, _, minor = mime.partition("/")
        if mime in ("text/html", "application/xhtml+xml"):
            return "html"
        if major in _MEDIA:
            return major
        return "pdf" if minor == "pdf" else None
    src = (el.get("data") if el.tag == "object" else el.get("src")) or ""
    if not src.strip():
        return None
    try:
        ext = posixpath.splitext(urlsplit(src.strip()).path)[1].lower()
    except ValueError:
        return None
    if ext in _HTML_EXT and el.tag == "object":
        return "html"
    return guess_kind(src.strip(), el.tag, "data" if el.tag == "object" else "src")


def _describe(el, kind: str | None) -> str:
    src = ((el.get("data") if el.tag == "object" else el.get("src")) or "").split("?", 1)[0]
    base = src.rstrip("/").rsplit("/", 1)[-1][:60]
    noun = {"video": "video", "audio": "audio", "image": "image", "pdf": "PDF"}.get(kind, "")
    return f"<{el.tag}> {noun + ' ' if noun else ''}{base!r}" if base else f"<{el.tag}>"
