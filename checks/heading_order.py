"""Heading levels go down one at a time.

## What it does
Walks the page's headings in order (`<h1>`-`<h6>` and `role="heading"` with its `aria-level`, leaving
out hidden ones) and flags each heading that is more than one level deeper than the heading before it:
an `<h2>` followed by an `<h4>` skips level 3. Going back up by any amount (`<h4>` then `<h2>`) is
fine: a new section starts. As in axe-core's `heading-order`, the first heading on the page may be of
any level (a page without an `<h1>` is reported by `page-has-h1`), and each heading is compared with
the one right before it, so one skip is reported once.

## Why it matters
Screen reader users hear the level of each heading and use it to understand how sections nest. A
skipped level sounds like a missing section ("is there a level 3 I did not hear?"). It usually means
the heading was picked for its size, not for its place in the outline: change its look with styles.

## Example
    <h2>Enrollment</h2>
    <h4>Kindergarten</h4>

## Use instead
    <h2>Enrollment</h2>
    <h3>Kindergarten</h3>     <!-- style it smaller with CSS if you want -->

## References
- WCAG 1.3.1 Info and Relationships; technique H42
- axe-core rule heading-order (a best practice); WAI tutorial "Headings"
"""
from __future__ import annotations

from webaudit.dom import accessible_name, headings
from webaudit.resource import truncate

ID = "heading-order"
TITLE = "Heading levels go down one at a time"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "warning"
HELP = ("Use the next level down for a subsection (h2, then h3); to make a heading look smaller, "
        "change its style, not its level.")


def check(resource, config):
    prev = None
    for el, level in headings(resource.tree):
        if prev is not None and level > prev[1] + 1:
            p_el, p_level = prev
            skipped = ", ".join(f"h{n}" for n in range(p_level + 1, level))
            after = f"{_label(p_el, p_level)} on line {resource.position(p_el)[0]}"
            yield resource.finding(el, f"{_label(el, level)} comes right after {after}: it skips {skipped}")
        prev = (el, level)


def _label(el, level: int) -> str:
    words = truncate(accessible_name(el), 50)
    return f'h{level} "{words}"' if words else f"h{level}"
