"""Headings have text.

## What it does
Flags headings (`<h1>`-`<h6>`, and elements with `role="heading"`) that have no accessible name: no
text, only an image marked decorative (`alt=""` or `role="presentation"`), only content hidden with
`aria-hidden`, or an empty `aria-label`. Headings hidden from everyone (`hidden`, `aria-hidden="true"`,
inline `display:none`) are not checked. Follows ACT rule ffd0e9 ("Heading has non-empty accessible
name").

## Why it matters
Screen reader users jump from heading to heading to find their way around a page. An empty heading is
announced as "heading level 2" and nothing else, or skipped, and on screen it leaves an odd gap. Empty
headings are usually left over from an editor: a deleted title whose `<h2>` stayed behind.

## Example
    <h2></h2>
    <h2><img src="/img/banner.png" alt=""></h2>
    <h3 aria-label=""><span aria-hidden="true">News</span></h3>

## Use instead
    <h2>Upcoming events</h2>
    <h2><img src="/img/banner.png" alt="Spring concert"></h2>
    <!-- or delete the empty heading -->

## References
- WCAG 1.3.1 Info and Relationships; 2.4.6 Headings and Labels; technique H42
- ACT rule ffd0e9 Heading has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import accessible_name, headings, norm

ID = "heading-empty"
TITLE = "Headings have text"
WCAG = ("1.3.1", "2.4.6")
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = "Put the heading's words inside it (or the alt text of its image), or delete the empty heading."


def check(resource, config):
    for el, level in headings(resource.tree):
        if (el.text or "").strip():  # text of its own: named whatever else it holds (fast path)
            continue
        if not accessible_name(el):
            yield resource.finding(el, f"level-{level} heading <{el.tag}> is empty: {_why(el)}")


def _why(el) -> str:
    if norm("".join(el.itertext())):
        return "its text is hidden from screen readers (hidden, aria-hidden or display:none)"
    if el.find(".//img") is not None:
        return "its only image has no alt text or is marked decorative"
    return "it has no text"
