"""The page has a main heading.

## What it does
Reports a page that has content but no level-1 heading: no `<h1>` (and no `role="heading"` with
`aria-level="1"`) that screen readers can reach. A notice: a best practice, not a WCAG failure by itself.
Pages without any text (frame sets, redirects) are left alone.

## Why it matters
Screen reader users press "1" to jump to the main heading and start reading there; on a page without one
they must hunt for where the content begins. The main heading also tells every visitor what the page is
about. The district policy asks for real headings: `<h1>` for the page title, `<h2>` for its sections.

## Example
    <body>
      <p><b>Kindergarten registration</b></p>
      <p>Registration opens March 1.</p>
    </body>

## Use instead
    <body>
      <h1>Kindergarten registration</h1>
      <p>Registration opens March 1.</p>
    </body>

## References
- WCAG 1.3.1 Info and Relationships; 2.4.6 Headings and Labels; technique H42
- axe-core rule page-has-heading-one (a best practice)
"""
from __future__ import annotations

from webaudit.dom import headings, xpath

ID = "page-has-h1"
TITLE = "The page has a main heading"
WCAG = ("1.3.1", "2.4.6")
LEVEL = "A"
POLICY = "Pages use real headings <h1>, <h2>, … (not bold text pasted from MS Word)"
APPLIES_TO = ("html",)
SEVERITY = "notice"
HELP = "Mark the page's title as <h1> (one per page), and its sections as <h2>, <h3> below it."

_HAS_TEXT = xpath("boolean(//body//text()[normalize-space()]"
                  "[not(parent::script or parent::style or parent::noscript or parent::template)])")


def check(resource, config):
    found = headings(resource.tree)
    if any(level == 1 for _, level in found):
        return
    if not _HAS_TEXT(resource.tree):
        return
    if found:
        top = min(level for _, level in found)
        message = f"the page has no level-1 heading (<h1>); its highest heading is level {top}"
    else:
        message = "the page has no headings at all, so no <h1> that says what it is about"
    yield resource.finding(None, message)
