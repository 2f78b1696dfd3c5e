"""Inline frames have an accessible name.

## What it does
Flags `<iframe>` elements (embedded calendars, videos, maps, forms) with no accessible name: no
`title`, `aria-label` or `aria-labelledby` that points to text. The `name` attribute is no name for
people. The `<frame>` elements of old framesets are checked the same way (technique H64), although
the ACT rule leaves them out. Skipped, as ACT rule cae760 ("Iframe element has non-empty accessible
name") says: hidden iframes, iframes with a negative `tabindex` (taken out of keyboard navigation)
and iframes marked decorative with `role="presentation"`/`"none"`.

## Why it matters
Screen readers list a page's frames by name and announce a frame when focus enters it. A nameless
YouTube player or Google Calendar is announced as "frame" or by its address, and a blind visitor has to
go inside to guess what it is.

## Example
    <iframe src="https://calendar.google.com/calendar/embed?src=lincoln"></iframe>
    <iframe src="https://www.youtube.com/embed/abc123" name="video"></iframe>

## Use instead
    <iframe src="https://calendar.google.com/calendar/embed?src=lincoln" title="Events calendar"></iframe>
    <iframe src="https://www.youtube.com/embed/abc123" title="Video: spring concert 2025"></iframe>

## References
- WCAG 4.1.2 Name, Role, Value; technique H64
- ACT rule cae760 Iframe element has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import accessible_name, is_hidden, is_presentational

ID = "iframe-name"
TITLE = "Inline frames have an accessible name"
WCAG = ("4.1.2",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = 'Give the iframe a title that says what it holds: <iframe title="School events calendar" ...>.'


def check(resource, config):
    for el in resource.tree.iter("iframe", "frame"):
        if _negative_tabindex(el) or is_presentational(el) or accessible_name(el) or is_hidden(el):
            continue
        src = (el.get("src") or "").strip()
        what = f'{el.tag} showing "{src[:80]}{"…" if len(src) > 80 else ""}"' if src else el.tag
        if el.get("aria-labelledby"):
            why = f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text'
        elif el.get("title") is not None:
            why = "has an empty title"
        elif el.get("name"):
            why = f'has no title; its name="{el.get("name")}" is for scripts, not a name people hear'
        else:
            why = "has no title"
        yield resource.finding(el, f"{what} {why}; screen readers announce it only as a frame")


def _negative_tabindex(el) -> bool:
    value = (el.get("tabindex") or "").strip()
    return value.startswith("-") and value[1:].isdigit()
