"""The page has a title.

## What it does
Flags a page with no `<title>`, or whose first `<title>` (the one browsers use) is empty or only spaces;
an SVG's `<title>` does not count. A title that an editor filled in by default ("Untitled Document",
"New Page 1", "Document", "Insert title here", "index.html", "Microsoft Word - minutes.docx") is a
warning: it is there, but says nothing about the page. A short title such as "Home" is fine. Follows ACT
rule 2779a5 ("HTML page has non-empty title").

## Why it matters
The title is the first thing a screen reader announces on a new page, and what a browser tab, a
bookmark and a search result show. "Untitled Document" in twelve tabs tells a parent nothing.

## Example
    <head><meta charset="utf-8"></head>
    <title></title>
    <title>Untitled Document</title>

## Use instead
    <title>Lunch menu, March 2025 - Lincoln Elementary</title>

## References
- WCAG 2.4.2 Page Titled; techniques H25, G88
- ACT rule 2779a5 HTML page has non-empty title
"""
from __future__ import annotations

import re

from webaudit.dom import norm

ID = "page-title"
TITLE = "The page has a title"
WCAG = ("2.4.2",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Give the page a <title> that says what this page is and which site it belongs to, "
        'for example "Lunch menu - Lincoln Elementary".')

PLACEHOLDERS = frozenset({
    "untitled", "untitled document", "untitled page", "new page", "new document", "new web page", "document",
    "page", "title", "page title", "my page", "web page", "webpage", "blank", "blank page", "test", "test page",
    "insert title here", "title here", "your title here", "page title here", "enter title here", "index",
    "default", "no title", "(no title)", "template",
})
_NUMBERED = re.compile(r"^(?:untitled|new page|new document|document|page)[\s_-]*\d+$", re.I)
_FILE_NAME = re.compile(
    r"^(?:microsoft (?:word|excel|powerpoint) - .*|[\w .-]+\.(?:html?|php|aspx?|jsp|cfm|docx?|pdf))$", re.I)


def check(resource, config):
    title = _page_title(resource.tree)
    if title is None:
        yield resource.finding(None, "the page has no <title>; screen readers and browser tabs cannot name it")
        return
    text = norm("".join(title.itertext()))
    if not text:
        yield resource.finding(title, "the page's <title> is empty; screen readers and browser tabs cannot name it")
    elif _is_placeholder(text):
        yield resource.finding(title, f'the page\'s title "{text}" is an editor\'s default, not a description '
                                      "of the page", severity="warning")


def _page_title(tree):
    """The first <title> of the page outside SVG and MathML, or None."""
    # lxml's iter() looks ahead for the next match: next(tree.iter("title")) walks the whole page to find
    # no second title. A <head> first in <html> comes first in document order: its title, if any, is the one.
    if tree.tag == "html" and len(tree) and tree[0].tag == "head":
        title = next((t for t in tree[0].iter("title") if not _in_graphics(t)), None)
        if title is not None:
            return title
    return next((t for t in tree.iter("title") if not _in_graphics(t)), None)


def _in_graphics(el) -> bool:
    """An SVG or MathML title names the graphic, not the page."""
    return any(a.tag in ("svg", "math") for a in el.iterancestors())


def _is_placeholder(text: str) -> bool:
    low = text.lower().strip(" .:-|")
    return low in PLACEHOLDERS or bool(_NUMBERED.match(low) or _FILE_NAME.match(low))
