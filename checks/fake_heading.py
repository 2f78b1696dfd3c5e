"""Headings are real headings, not bold or big paragraphs.

## What it does
Flags short paragraphs (`<p>`, or a `<div>` holding only text) that look like a heading but are not
marked up as one, when body text follows them. A paragraph looks like a heading when all of its text is
bold (`<b>`, `<strong>`, inline `font-weight` bold or 600+), or enlarged (inline `font-size` of at least
18px, 14pt, 1.2em or 120%, `large` and up, `<font size="4">` and up), or when it carries a Word heading
style (`class="MsoTitle"`, `MsoSubtitle`, `MsoHeading…`), as text pasted from Microsoft Word does.

Not flagged: bold words inside running text; `<p><strong>Note:</strong> the text goes on…</p>`; bold
labels in forms or next to form fields; bold text in table cells, list items, captions and real headings;
a bold sentence that ends with a period; a bold line with nothing after it. A warning: only a person can
tell whether the text names the section that follows.

## Why it matters
Screen reader users list a page's headings to skim it and jump to the part they need. Bold or large text
looks like a heading but is read as an ordinary paragraph, so the page seems to have no sections. The
district policy asks for real headings (`<h1>`, `<h2>`, …), not bold text pasted from MS Word.

## Example
    <p><b>Field trip permission</b></p>
    <p>Return the signed form by Friday.</p>
    <p class="MsoTitle">Annual Report</p>

## Use instead
    <h2>Field trip permission</h2>
    <p>Return the signed form by Friday.</p>
    <h1>Annual Report</h1>

## References
- WCAG 1.3.1 Info and Relationships; failure F2 (using changes in text presentation to convey
  information without using the appropriate markup); technique H42
"""
from __future__ import annotations

import re

from webaudit.cssmotion import style_attributes
from webaudit.dom import heading_level, hides_itself, is_hidden, norm, tag, xpath
from webaudit.resource import truncate

ID = "fake-heading"
TITLE = "Headings are real headings, not bold or big paragraphs"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = "Pages use real headings <h1>, <h2>, … (not bold text pasted from MS Word)"
APPLIES_TO = ("html",)
SEVERITY = "warning"
HELP = ("If this text names the section below it, make it a real heading (<h2>, <h3>, … at the right "
        "level, or the editor's Heading style) instead of bold or large text.")
OPTIONS = {"fake_heading_max_chars": 80}

# Where candidates start: elements that make text bold or big, or carry a Word heading style. (Tag
# iteration and attribute scans are fast in lxml; a predicate on every element, //*[…], is not.)
_STYLE_TAGS = ("b", "strong", "big", "font")
_WORD_CLASSES = xpath("/descendant::*/@class[contains(., 'MsoTitle') or contains(., 'MsoSubtitle')"
                      " or contains(., 'MsoHeading')]")

_PARAGRAPHS = frozenset({"p", "div"})
_INLINE = frozenset({"b", "strong", "i", "em", "u", "span", "font", "a", "small", "big", "sup", "sub", "mark",
                     "s", "strike", "abbr", "cite", "q", "code", "tt", "ins", "del", "o:p", "br", "img"})
# block content means the paragraph is a container, not a line of text
_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "li", "table", "blockquote", "pre", "section", "article",
                     "header", "footer", "nav", "aside", "main", "figure", "form", "fieldset", "h1", "h2", "h3",
                     "h4", "h5", "h6", "hr", "address", "details"})
_CONTROLS = frozenset({"input", "select", "textarea", "button", "label"})
# bold text inside these is a label, a cell or part of a real heading, not a fake heading
_NOT_HERE = frozenset({"td", "th", "li", "dt", "dd", "caption", "figcaption", "form", "fieldset", "label",
                       "legend", "button", "nav", "summary", "select", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_WORD_STYLE = re.compile(r"^Mso(?:Title|Subtitle|Heading)", re.I)
_MSO = re.compile("Mso")  # (= "Mso" in the page, about twice as fast on a long one)
_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.I)
_FONT = re.compile(r"(?:^|;)\s*font\s*:([^;]*)", re.I)
_FONT_BOLD = re.compile(r"\b(?:bold|bolder|[6-9]00)\b", re.I)  # in the font shorthand
_SIZE = re.compile(r"font-size\s*:\s*(?:([0-9]*\.?[0-9]+)\s*(px|pt|em|rem|%)|([a-z-]+))", re.I)
_BIG_FROM = {"px": 18.0, "pt": 14.0, "em": 1.2, "rem": 1.2, "%": 120.0}
_BIG_WORDS = frozenset({"large", "x-large", "xx-large", "xxx-large", "larger"})
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = (".", ",", ";")
_WALK_LIMIT = 400  # nodes looked at after a candidate, to find out what follows it


def check(resource, config):
    max_chars = config.get("fake_heading_max_chars")
    tree = resource.tree
    seen: set = set()
    paragraphs = []
    attrs = ([a for a in style_attributes(resource) if "font" in a]  # (= //@style[contains(., 'font')])
             + (_WORD_CLASSES(tree) if _MSO.search(resource.text or "") else []))
    for styled in (*tree.iter(*_STYLE_TAGS), *(a.getparent() for a in attrs)):
        if _in_running_text(styled):
            continue
        para = _paragraph_of(styled)
        if para is not None and para not in seen:
            seen.add(para)
            paragraphs.append(para)
    paragraphs.sort(key=lambda el: el.sourceline or 0)
    for para in paragraphs:
        looks = _looks_like_heading(para, max_chars)
        if looks is None:
            continue
        words, why, word_style = looks
        # a line in a Word heading style may be followed by another (a title, then its subtitle)
        if not _followed_by_body_text(para, max_chars, runs=word_style) or _inside_excluded(para):
            continue
        yield resource.finding(
            para, f'<{tag(para)}> "{truncate(words, 60)}" {why} and is followed by body text: it looks like a '
                  "heading, but screen readers do not list it as one")


def _in_running_text(el) -> bool:
    """Bold words in a plain paragraph with other text right beside them (the common case, decided
    cheaply before any walk)."""
    parent = el.getparent()
    if parent is None or tag(parent) not in _PARAGRAPHS or parent.get("style") or parent.get("class"):
        return False
    return bool((parent.text or "").strip() or (el.tail or "").strip())


def _paragraph_of(el):
    """The <p> or <div> whose text `el` styles, climbing through inline elements only."""
    while el is not None:
        t = tag(el)
        if t in _PARAGRAPHS:
            return el
        if t not in _INLINE:
            return None
        el = el.getparent()
    return None


def _inside_excluded(el) -> bool:
    if el.get("role") is not None or is_hidden(el):
        return True
    p = el.getparent()
    while p is not None:
        if tag(p) in _NOT_HERE or (p.get("role") or "").strip().lower() == "heading":
            return True
        p = p.getparent()
    return False


def _looks_like_heading(para, max_chars: int) -> tuple[str, str, bool] | None:
    """(its text, why it looks like a heading, whether a Word style says so) for a short line of text
    that is all bold, all big, or in a Word heading style; None otherwise."""
    if para.get("role") is not None:
        return None
    last = _last_piece(para)
    if last is not None and last.rstrip().endswith(_SENTENCE_END):
        return None  # its text would end a sentence (a bold line pasted from Word, often): no walk over it
    word_style = next((c for c in (para.get("class") or "").split() if _WORD_STYLE.match(c)), None)
    got = _styled_text(para, max_chars, need_style=word_style is None)
    if got is None:
        return None
    text, all_bold, all_big = got
    if not text or len(text) > max_chars or not _LETTER.search(text) or text.endswith(_SENTENCE_END):
        return None
    if word_style:
        return text, f"is in Word's {word_style} style", True
    if all_big and all_bold:
        return text, "is all bold and enlarged", False
    if all_big:
        return text, "is all enlarged", False
    if all_bold:
        return text, "is all bold", False
    return None


def _last_piece(para) -> str | None:
    """The last piece of text _styled_text reads in the paragraph (None when there is none), looked for
    from the end: the end of the text it would give, told after a few nodes instead of a walk of all."""
    stack = [(para, reversed(para))]  # (element, its children not looked at yet, last first)
    while stack:  # iterative: pages nest thousands deep
        el, children = stack[-1]
        child = next(children, None)
        if child is None:  # all of them: what comes before them is the element's own text
            stack.pop()
            if el.text and el.text.strip():
                return el.text
            continue
        if child.tail and child.tail.strip():
            return child.tail
        t = tag(child)
        if t and t not in _SKIPPED and not hides_itself(child):  # what _styled_text reads inside
            stack.append((child, reversed(child)))
    return None


def _styled_text(para, max_chars: int, need_style: bool = True) -> tuple[str, bool, bool] | None:
    """The paragraph's text and whether every bit of it is bold / big; None when the paragraph holds
    blocks or form controls, much more text than a heading, or (`need_style`) some text that is
    neither bold nor big: the walk stops as soon as it knows."""
    bold, big = _bold(para, False), _big(para, False)
    if need_style and not (bold or big) and (
            (para.text or "").strip() or any((child.tail or "").strip() for child in para)):
        return None  # plain text right inside the paragraph: running text, the common case
    parts: list[str] = []
    size = 0
    all_bold = all_big = True
    stack: list[tuple] = [(para, bold, big)]
    while stack:  # iterative, in document order: pages nest thousands deep
        node, bold, big = stack.pop()
        if isinstance(node, str):
            if node.strip():
                parts.append(node)
                size += len(node)
                all_bold &= bold
                all_big &= big
                if size > 2 * max_chars or (need_style and not (all_bold or all_big)):
                    return None
            continue
        items = [(node.text, bold, big)] if node.text else []
        for child in node:
            t = tag(child)
            if t in _BLOCKS or t in _CONTROLS:
                return None
            if t and t not in _SKIPPED and not hides_itself(child):
                items.append((child, _bold(child, bold), _big(child, big)))
            if child.tail:
                items.append((child.tail, bold, big))
        stack.extend(reversed(items))
    return norm(" ".join(parts)), all_bold, all_big


def _bold(el, inherited: bool) -> bool:
    bold = inherited or tag(el) in ("b", "strong")
    style = el.get("style")
    if style and "font" in style:
        m = _WEIGHT.search(style)
        if m:
            v = m[1].lower()
            bold = v in ("bold", "bolder") or (v.isdigit() and int(v) >= 600)
        else:
            m = _FONT.search(style)
            if m and _FONT_BOLD.search(m[1]):
                bold = True
    return bold


def _big(el, inherited: bool) -> bool:
    t = tag(el)
    big = inherited
    if t == "big":
        big = True
    elif t == "small":
        big = False
    elif t == "font" and el.get("size"):
        size = el.get("size").strip()
        try:
            n = 3 + int(size) if size[:1] in "+-" else int(size)
            big = n >= 4
        except ValueError:
            pass
    style = el.get("style")
    if style and "font" in style:
        m = _SIZE.search(style)
        if m and m[1]:
            big = float(m[1]) >= _BIG_FROM[m[2].lower()]
        elif m and m[3] and m[3].lower() not in ("inherit", "initial", "unset", "revert"):
            big = m[3].lower() in _BIG_WORDS
    return big


def _followed_by_body_text(para, max_chars: int, runs: bool = False) -> bool:
    """Is the next thing after the paragraph ordinary text (not a heading, a form field, nothing at
    all, or, unless `runs`, another heading-like line)?"""
    if para.tail and para.tail.strip():
        return True
    for nxt in para.itersiblings():
        t = tag(nxt)
        if not t or t in _SKIPPED or t in ("br", "hr") or hides_itself(nxt):
            if nxt.tail and nxt.tail.strip():
                return True
            continue
        if heading_level(nxt) is not None or t in _CONTROLS:
            return False
        content = _first_content(nxt)
        if content is None:  # empty: look further
            if nxt.tail and nxt.tail.strip():
                return True
            continue
        if content == "control":
            return False
        if not runs and t in _PARAGRAPHS and _looks_like_heading(nxt, max_chars) is not None:
            return False  # a run of heading-like lines: the last one is the one to look at
        return True
    return False


def _first_content(el) -> str | None:
    """"text" or "control" for what comes first inside `el`, None when it is empty (bounded walk)."""
    for n, node in enumerate(el.iter()):
        if n > _WALK_LIMIT:
            return "text"
        t = tag(node)
        if t in _CONTROLS:
            return "control"
        if t and t not in _SKIPPED and node.text and node.text.strip():
            return "text"
        if node is not el and node.tail and node.tail.strip():
            return "text"
    return None
