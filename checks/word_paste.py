"""No leftovers from pasting Microsoft Word documents.

## What it does
Reports, once per page, the markup Microsoft Word leaves behind when a document is pasted into a page
editor or saved as a web page: Office tags such as `<o:p>` (also `<w:…>`, `<v:…>` and smart tags like
`<st1:…>`), inline styles with `mso-` properties, `class="Mso…"` attributes, Word's conditional comments
(`<!--[if gte mso 9]>`, `<!--[if !supportLists]-->`) and style sheets full of `mso-` rules. The notice
says how many of each there are and where the first one is.

## Why it matters
Residue is not an accessibility failure by itself, but it travels with the real problems: Word's
headings arrive as bold paragraphs, its lists as paragraphs with typed bullets (hidden behind
`[if !supportLists]`), and its fixed fonts and sizes fight the page's styles and the reader's own
settings. The district policy asks for real headings, not bold text pasted from MS Word; cleaning the
paste is the first step.

## Example
    <p class="MsoNormal" style="mso-margin-top-alt:auto"><b>Budget</b><o:p></o:p></p>

## Use instead
    <h2>Budget</h2>
    <!-- paste as plain text (Ctrl+Shift+V) or with the editor's "Paste from Word" cleanup,
         then apply the editor's heading and list styles -->

## References
- District web policy: real headings, not bold text pasted from MS Word
- WCAG 1.3.1 Info and Relationships (the problems residue usually comes with)
"""
from __future__ import annotations

import re

from lxml import etree

from webaudit.cssmotion import style_attributes, style_blocks
from webaudit.dom import elements, xpath

ID = "word-paste"
TITLE = "No leftovers from pasting Microsoft Word documents"
WCAG = ()
LEVEL = ""
POLICY = "Pages use real headings <h1>, <h2>, … (not bold text pasted from MS Word)"
APPLIES_TO = ("html",)
SEVERITY = "notice"
HELP = ('Paste as plain text (Ctrl+Shift+V) or use the editor\'s "Paste from Word" cleanup, then apply '
        "the editor's own heading, list and paragraph styles.")

# lxml finds tags and attributes fast, but a predicate on every element (//*[…]) is slow: the queries run
# only on pages that show a sign of Word (see check).
_OFFICE_TAGS = xpath("//*[contains(name(), ':')]")
_MSO_CLASSES = xpath("/descendant::*/@class[contains(., 'Mso')]")  # (= //@class[…], a quarter faster)
_COMMENTS = xpath("//comment()[starts-with(normalize-space(.), '[if')]")
_OFFICE_PREFIXES = ("o:", "w:", "v:", "st1:", "st2:", "m:")
_WORD_COMMENT = re.compile(r"^\s*\[if\s+[^\]]*\b(?:mso|vml|support\w+)\b", re.I)
_MSO_PROPERTY = re.compile(r"(?:^|[;{\s])mso-[a-z-]+\s*:", re.I)
_RAW_OFFICE_TAG = re.compile(r"<o:p[\s/>]", re.I)  # if a parser ever drops the o: prefix
# signs of Word in the lower-cased page (re finds a plain string in a long text about twice as fast as `in`)
_MSO, _OFFICE_OPEN = re.compile("mso"), re.compile("<o:")

KINDS = (  # key, one, many
    ("office", "Office tag (<o:p>, <st1:…>)", "Office tags (<o:p>, <st1:…>)"),
    ("style", "inline style with mso- properties", "inline styles with mso- properties"),
    ("class", 'Word class (class="Mso…")', 'Word classes (class="Mso…")'),
    ("comment", "Word conditional comment", "Word conditional comments"),
    ("sheet", "Word style sheet", "Word style sheets"),
)


def check(resource, config):
    text, tree = resource.text or "", resource.tree
    if next(tree.iter("o:p"), None) is None:
        lower = text.lower()
        if not _MSO.search(lower) and not _OFFICE_OPEN.search(lower):
            return  # no sign of Word (Mso classes, mso- styles, [if gte mso], <o:p>): the common case, fast
    found = {
        "office": [el for el in elements(tree, etree.Element)  # (= _OFFICE_TAGS, twice as fast as its predicate)
                   if ":" in el.tag and el.tag.lower().startswith(_OFFICE_PREFIXES)],
        # (style attributes and blocks: the page's own, found once for every check that reads styles)
        "style": [a.getparent() for a in style_attributes(resource) if "mso-" in a and _MSO_PROPERTY.search(a)],
        "class": [a.getparent() for a in _MSO_CLASSES(tree) if any(c.startswith("Mso") for c in a.split())],
        # a Word comment's text holds "[if" as written (comments have no character references): no
        # comment walk on a page without a "[" (memchr-fast)
        "comment": ([c for c in _COMMENTS(tree) if _WORD_COMMENT.match(c.text or "")]
                    if "[" in text and "[if" in text else []),
        "sheet": [s for s in (style_blocks(resource) if tree.getnext() is None and tree.getprevious() is None
                              else tree.iter("style"))  # (these only: nothing past </html>)
                  if _MSO_PROPERTY.search(s.text or "")],
    }
    raw_office = []
    if not found["office"]:  # a parser that drops the o: prefix: count in the source
        raw_office = list(_RAW_OFFICE_TAG.finditer(text))
    counts = {k: len(v) for k, v in found.items()}
    counts["office"] += len(raw_office)
    if not sum(counts.values()):
        return
    first, first_line = _first(resource, [n for nodes in found.values() for n in nodes])
    if raw_office:
        raw_line = text.count("\n", 0, raw_office[0].start()) + 1
        if first_line is None or raw_line < first_line:
            first, first_line = None, raw_line
    summary = ", ".join(f"{n} {one if n == 1 else many}" for k, one, many in KINDS if (n := counts[k]))
    where = f"line {first_line}" if first_line else "the page"
    if first is not None and isinstance(first.tag, str):
        where += f" ({resource.selector(first)})"
    yield resource.finding(None, f"Word-paste residue: {summary}; the first is at {where}", line=first_line)


def _first(resource, nodes: list) -> tuple:
    """The node that comes first in the page, and its line."""
    if not nodes:
        return None, None
    line = min(n.sourceline or 0 for n in nodes)
    on_line = [n for n in nodes if (n.sourceline or 0) == line]  # a <p> and the <o:p> in it; a minified page
    node = on_line[0] if len(on_line) == 1 else _in_document_order(resource.tree, on_line)
    return node, (resource.position(node)[0] if isinstance(node.tag, str) else node.sourceline)


def _in_document_order(tree, nodes: list):
    """The first of `nodes` in `tree` in document order (nodes[0] when none is in it): the one whose
    child positions from the root come first, found without a walk of the page up to it (Word puts a
    <p>, its styled <span> and its <o:p> on one line)."""
    first, first_path = nodes[0], None
    for n in nodes:
        path, node = [], n
        while (parent := node.getparent()) is not None:
            path.append(parent.index(node))
            node = parent
        if node is tree:  # (not past </html>, where tree.iter() does not go)
            path.reverse()
            if first_path is None or path < first_path:
                first, first_path = n, path
    return first
