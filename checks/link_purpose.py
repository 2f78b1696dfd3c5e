"""Link text, with its context, says where the link goes.

## What it does
Looks at links whose accessible name is generic: made only of words such as "click", "here",
"read", "more", "learn", "link", "details", "download", "go" (so "Click here", "Read more »",
"Learn more", "More info"), only symbols ("»"), or a bare address ("www.example.org/forms").
Such a link passes when its programmatically determined context says what it is for:
the sentence, paragraph, list item (and, in a nested list, the parent item), table cell and that
cell's header cells, and the link's `aria-describedby` text or title. Then:
- no context at all: error (ACT rule 5effbb, failed examples);
- context too thin to tell (one meaningful word, such as "Apply: click here"), only a heading
  above the link (technique H80), or only the other cells of its row in a table without header
  cells: warning, a person confirms the purpose is clear.
Links with no name at all are `link-name`'s business; hidden links are skipped.

## Why it matters
Screen reader users often move from link to link, or pull up a list of every link on the page.
Out of context, ten links called "Click here" are ten identical dead ends; "Download the 2024-25
bus schedule" needs no context at all.

## Example
    <a href="/forms/enroll.pdf">Click here</a>
    <p>Lunch menus are posted monthly. <a href="/menus">More</a></p>   <!-- "More" what? -->

## Use instead
    <a href="/forms/enroll.pdf">Enrollment form (PDF)</a>
    <p>To read the <strong>March lunch menu</strong>, <a href="/menus/march">click here</a>.</p>
    <a href="/news/bond" aria-describedby="bond-title">Read more</a>   <!-- with id="bond-title" on the headline -->

## References
- WCAG 2.4.4 Link Purpose (In Context); techniques G91, G53, H77, H78, H79, H80, H81, ARIA1, ARIA7,
  ARIA8; failure F84 ("click here", "more" without context)
- ACT rule 5effbb Link in context is descriptive
"""
from __future__ import annotations

import re
from functools import lru_cache

from webaudit.dom import (accessible_name, by_id, is_hidden, norm, referenced, role, table_rows, tag, text,
                          with_role_token, xpath)
from webaudit.links import link_elements, link_hrefs
from webaudit.memo import Memo

ID = "link-purpose"
TITLE = "Link text, with its context, says where the link goes"
WCAG = ("2.4.4",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Name the destination in the link ("Enrollment form (PDF)" instead of "Click here"), or put the link '
        "in a sentence, list item or table cell that says what it is for.")
OPTIONS = {
    "generic_link_words": (
        "click", "tap", "here", "link", "more", "read", "learn", "info", "information", "details", "detail",
        "see", "view", "continue", "reading", "go", "find", "out", "page", "website", "site", "web", "download",
        "open", "visit", "now", "full", "story", "article", "this",
    ),
}

_LINKS = xpath("//a[@href] | //area[@href] | //*[@role][contains(concat(' ', normalize-space(@role), ' '), ' link ')]")
# words that say nothing on their own, in a name or in context
_STOPWORDS = frozenset({"a", "an", "the", "to", "for", "of", "on", "in", "at", "by", "and", "or", "it", "that",
                        "please", "you", "your", "our", "is", "are", "be", "with", "from", "about"})
_URLISH = re.compile(
    r"^(?:https?://|www\.)\S+$|^(?:[\w-]+\.)+(?:com|org|net|edu|gov|us|info|io|mil|int|co|uk|ca)(?:[/:?#]\S*)?$", re.I)
_CONTEXT_BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote", "legend"})
_CONTEXT_ROLES = frozenset({"listitem", "cell", "gridcell", "rowheader", "columnheader", "paragraph"})
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
                     "samp", "small", "span", "strong", "sub", "sup", "u", "var", "time", "label"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WORD = re.compile(r"[^\W_]+")


def check(resource, config):
    generic = _generic_words(tuple(config.get("generic_link_words")))
    by_text = _by_text(generic)
    headers = _HeaderCells()
    for el in _links(resource):
        if el.tag == "a" and len(el) == 0 and _NAMING.isdisjoint(el.keys()):
            # (most links: an <a> with only text and no role, named by that text: one look-up for its answer)
            kind = by_text[el.text]
        elif el.get("role") is not None and role(el) != "link":
            continue  # (with no role attribute, an a or area with an href is a link: no need to ask role())
        else:
            name = accessible_name(el)
            kind = _generic(name, generic) if name else ""  # (no name at all: link-name reports it)
        if not kind or is_hidden(el):  # (hidden links are left out; most links are told apart by name first)
            continue
        name = accessible_name(el)
        own = set(_words(name))
        strong = _content_words(_context(el, headers), generic, own)
        if len(strong) >= 2:
            continue  # the context gives the purpose
        quoted = name if len(name) <= 60 else name[:59] + "…"
        if kind == "url":
            what = f'link text "{quoted}" is a bare address that does not say what it leads to'
        else:
            what = f'link "{quoted}" does not say where it goes'
        weak = _row_text(el, own, headers) or _heading_before(el)
        if strong or weak:
            said = " ".join(strong) if strong else f'"{weak[:60]}" nearby'
            yield resource.finding(
                el, f"{what}, and its context says little ({said}): confirm the purpose is clear there, "
                    "or better, say it in the link", severity="warning")
        else:
            yield resource.finding(
                el, f"{what}, and nothing around it does (no sentence, paragraph, list item, table header "
                    "or aria-describedby gives its purpose)")


def _links(resource) -> list:
    """_LINKS, found faster when no element has a role of link (most pages): the a/area elements with an
    href, from the page's list of a/area elements that the link checks share."""
    if with_role_token(resource.tree, "link"):
        return _LINKS(resource.tree)
    return [el for el, href in zip(link_elements(resource), link_hrefs(resource)) if href is not None]


@lru_cache(maxsize=8)
def _generic_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


_NAMING = frozenset({"role", "aria-label", "aria-labelledby", "title"})  # (see check)


@lru_cache(maxsize=8)
def _by_text(generic: frozenset[str]) -> Memo:
    """The text of a link named by it alone -> _generic's answer for its name ("" for no name), for one
    set of generic words: link texts repeat within a page and from page to page."""

    def kind(said: str | None) -> str:
        name = norm(said)
        return _generic(name, generic) if name else ""

    return Memo(kind)


@lru_cache(maxsize=4096)  # (link names repeat within a page and from page to page: "Read more", "Partner 3")
def _generic(name: str, generic: frozenset[str]) -> str:
    """'words' when the name is made of generic words only (or symbols only), 'url' for a bare address."""
    if _URLISH.match(name.strip()):
        return "url"
    words = _words(name)
    if not words:
        return "words"  # symbols only: "»", "→", "..."
    if all(w in generic or w in _STOPWORDS for w in words) and any(w in generic for w in words):
        return "words"
    return ""


def _words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def _content_words(context: str, generic: frozenset[str], own: set[str]) -> list[str]:
    """Words of the context that could say something: not generic, not filler, not the link's own."""
    out: list[str] = []
    for w in _words(context):
        if w not in generic and w not in _STOPWORDS and w not in own and (len(w) > 1 or w.isdigit()) and w not in out:
            out.append(w)
    return out


# -- programmatically determined link context ---------------------------------------------------------------

def _context(link, headers: _HeaderCells) -> str:
    """Text of the link's sentence, paragraph, list item or table cell (with its headers),
    plus its aria-describedby and title text."""
    parts = [text(r) for r in referenced(link, "aria-describedby")]
    parts.append(link.get("title") or "")
    block = _context_block(link)
    if block is not None:
        parts.append(text(block))
        if tag(block) in ("td", "th") or role(block) in ("cell", "gridcell"):
            parts.extend(headers.of(block))
        if tag(block) == "li" and len(_words(text(block))) <= len(_words(text(link))):
            parts.append(_parent_item_text(block))  # a nested list: the parent item names it (H81)
    else:
        parts.append(_sentence(link))
    return norm(" ".join(parts))


def _context_block(el):
    p = el.getparent()
    while p is not None and tag(p) not in ("body", "html"):
        if tag(p) in _CONTEXT_BLOCKS or (p.get("role") or "").strip().lower() in _CONTEXT_ROLES:
            return p
        p = p.getparent()
    return None


def _sentence(link) -> str:
    """The sentence around a link that is in no paragraph: text beside it in its nearest block."""
    inner = link
    while inner.getparent() is not None and tag(inner.getparent()) in _INLINE:
        inner = inner.getparent()
    parent = inner.getparent()
    if parent is None:
        return ""
    before: list[str] = [parent.text or ""]
    after: list[str] = []
    side = before
    for child in parent:
        if child is inner:
            side = after
        elif isinstance(child.tag, str) and tag(child) not in _INLINE and tag(child) not in ("img", "br"):
            if side is after:
                break
            before.clear()  # a block before the link ends any sentence that began earlier
        elif isinstance(child.tag, str):
            side.append(text(child))
        side.append(child.tail or "")
    head = _SENTENCE_END.split(norm(" ".join(before)))[-1]
    tail = _SENTENCE_END.split(norm(" ".join(after)))[0]
    return f"{head} {tail}"


def _parent_item_text(item) -> str:
    """The own text of the list item holding the nested list this item is in."""
    lst = item.getparent()
    outer = lst.getparent() if lst is not None else None
    if outer is None or tag(outer) != "li":
        return ""
    own = [outer.text or ""]
    for child in outer:
        if tag(child) not in ("ul", "ol"):
            own.append(text(child) if isinstance(child.tag, str) else "")
        own.append(child.tail or "")
    return " ".join(own)


class _HeaderCells:
    """The header cells of table cells, with each table laid out once (colspan and rowspan counted)."""

    def __init__(self):
        self._tables: dict = {}  # table -> (positions of each cell, th cells by row, th cells by column)

    def of(self, cell) -> list[str]:
        """Texts of the cell's headers: its headers attribute, else the th cells in its rows and columns."""
        ids = (cell.get("headers") or "").split()
        if ids:
            return [text(h) for h in (by_id(cell, i) for i in ids) if h is not None]
        table = cell.getparent()
        while table is not None and tag(table) != "table":
            table = table.getparent()
        if table is None:
            return []
        if table not in self._tables:
            self._tables[table] = _layout(table)
        where, by_row, by_col = self._tables[table]
        out: list = []
        for r, c in where.get(cell, ()):
            out.extend(h for h in (*by_row.get(r, ()), *by_col.get(c, ())) if h is not cell and h not in out)
        return [text(h) for h in out]


def _layout(table):
    where: dict = {}  # cell -> [(row, column), ...]
    by_row: dict[int, list] = {}
    by_col: dict[int, list] = {}
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table_rows(table)):
        c = 0
        for cell in row:
            if tag(cell) not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            cols, rows = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            spots = [(r + dr, c + dc) for dr in range(rows) for dc in range(cols)]
            taken.update(spots)
            where[cell] = spots
            if tag(cell) == "th":
                for rr in {rr for rr, _ in spots}:
                    by_row.setdefault(rr, []).append(cell)
                for cc in {cc for _, cc in spots}:
                    by_col.setdefault(cc, []).append(cell)
            c += cols
    return where, by_row, by_col


def _row_text(link, own: set[str], headers: _HeaderCells) -> str:
    """For a link in a table cell with no header cells: the text of the other cells in its row."""
    cell = _context_block(link)
    if cell is None or tag(cell) not in ("td", "th") or headers.of(cell):
        return ""
    row = cell.getparent()
    said = norm(" ".join(text(c) for c in row if c is not cell and tag(c) in ("td", "th")))
    return said if set(_words(said)) - own else ""


def _span(value: str | None) -> int:
    v = (value or "1").strip()
    return min(max(int(v), 1), 100) if v.isdigit() else 1


def _heading_before(link, levels: int = 4, siblings: int = 6) -> str:
    """The text of a heading just above the link in its own container (a news card's title), if any."""
    el = link
    for _ in range(levels):
        parent = el.getparent()
        if parent is None or tag(parent) in ("body", "html"):
            return ""
        sib, n = el.getprevious(), 0
        while sib is not None and n < siblings:
            if isinstance(sib.tag, str):
                # (with no role attribute only h1-h6 are headings: role() is asked of the others only)
                if tag(sib) in _HEADINGS or sib.get("role") is not None and role(sib) == "heading":
                    return text(sib)
                n += 1
            sib = sib.getprevious()
        el = parent
    return ""
