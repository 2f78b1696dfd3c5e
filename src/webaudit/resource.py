"""A loaded, parsed resource, and the one way a check turns an element into a Finding."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Mapping

from .dom import id_counts
from .model import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .registry import Check

SNIPPET_MAX = 160
_SEVERITIES = {str(s): s for s in Severity}  # "error" -> Severity.ERROR, ... (checks name them on every finding)
_CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_SUPPRESS = re.compile(
    r"^\s*webaudit-ignore(?P<page>-page)?\s+(?P<rules>[a-z0-9*][a-z0-9*, -]*?)\s*(?::\s*(?P<reason>.*\S))?\s*$",
    re.S,
)


@dataclass
class Resource:
    """What every check receives. Checks only read it.

    - `url`: where it came from (a local file as its file:// URL).
    - `kind`: "html", "pdf", "image", "video", "audio", "captions" or "css" (sniffed from content).
    - `body`: the raw bytes; `headers`: the HTTP response headers (empty for local files).
    - `text` and `tree`: for HTML, the decoded text and the lxml tree, parsed once.
    - `via`: for a document or media file reached from a page (--follow, crawls): the referring page's
      URL and what it says of the reference (element, attributes such as the rendered width/height).
    - `cache`: for derived data several checks share (a PDF reader, decoded frames); fill it
      through the helper that computes it, so the work is done once per resource.
    """

    url: str
    kind: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    text: str | None = None
    tree: Any = None  # the lxml.etree root <html> element for HTML
    encoding: str | None = None
    truncated_at: int | None = None  # HTML: the line where the parser gave up (nesting too deep)
    via: dict = field(default_factory=dict)  # a followed resource: {"referrer", "element", "width", "height", ...}
    cache: dict = field(default_factory=dict)
    check: "Check | None" = None  # set by the runner while one check runs
    suppressed: set = field(default_factory=set)  # ids of findings an inline comment switched off

    # -- making findings ---------------------------------------------------------------------------
    def finding(
        self,
        element: Any = None,
        message: str = "",
        *,
        severity: Severity | str | None = None,
        wcag: tuple[str, ...] | None = None,
        line: int | None = None,
        column: int | None = None,
        selector: str | None = None,
        snippet: str | None = None,
        url: str | None = None,
    ) -> Finding:
        """A Finding of the running check on `element` (an lxml element), or on the resource as a whole."""
        chk = self.check
        if chk is None:
            raise RuntimeError("Resource.finding() is called by a check while the runner runs it")
        if isinstance(severity, str):
            severity = _SEVERITIES.get(severity) or Severity.parse(severity)
        if element is not None:
            if line is None:
                line, column = self.position(element)
            if selector is None:
                selector = self.selector(element)
            if snippet is None:
                snippet = start_tag(element)
        f = Finding(
            rule=chk.id,
            message=message,
            severity=severity or chk.severity,
            url=url or self.url,
            wcag=tuple(wcag) if wcag is not None else chk.wcag,
            level=chk.level_for(wcag) if wcag is not None else chk.level,
            line=line,
            column=column,
            selector=selector or "",
            snippet=truncate(snippet or ""),
            help=chk.help,
            policy=chk.policy or "",
        )
        if element is not None and self.has_suppressions and chk.id in suppressed_rules(element):
            self.suppressed.add(id(f))
        return f

    @cached_property
    def has_suppressions(self) -> bool:
        return self.tree is not None and "webaudit-ignore" in (self.text or "")

    # -- HTML helpers --------------------------------------------------------------------------------
    @cached_property
    def id_counts(self) -> dict[str, int]:
        return id_counts(self.tree) if self.tree is not None else {}

    @cached_property
    def _line_ends(self) -> list[int]:
        """Offset just past each line of the text (index 0 is line 1)."""
        text = self.text or ""
        ends, find = [], text.find
        at = find("\n")
        while at >= 0:  # (a few hundred lines: faster than splitting the text into strings)
            ends.append(at + 1)
            at = find("\n", at + 1)
        ends.append(len(text))  # the last line has no "\n"
        return ends

    def position(self, el) -> tuple[int | None, int | None]:
        """1-based line and column of the element's start tag in the source.

        lxml reports the line on which a start tag *ends*; we look back from the end of that line for
        the `<tag` that opens it, pairing same-named tags that end on one line in document order.
        Indexed once per tag name and line, so a minified one-line page stays linear. A tag placed
        again and again (a page's links) is paired with its openings once for all (_paired).
        """
        end_line = el.sourceline
        if not end_line or not isinstance(el.tag, str) or not self.text:
            return end_line, None
        ends = self._line_ends
        if end_line > len(ends):
            return end_line, None
        tag = el.tag
        asked = self._tag_asked[tag] = self._tag_asked.get(tag, 0) + 1
        offset = self._paired(el, tag, end_line) if asked > 2 else None  # a tag placed again and again
        if offset is not None:
            line = bisect_right(ends, offset) + 1
            return line, offset - (ends[line - 2] if line > 1 else 0) + 1
        key = (tag, end_line)
        located = self._opens.get(key)
        if located is None:
            elements, lines, in_order = self._tag_elements(tag)
            if in_order:  # (the usual case) the elements whose start tags end on this line are a run
                group = elements[bisect_left(lines, end_line):bisect_right(lines, end_line)] or [el]
            else:
                group = [e for e, line in zip(elements, lines) if line == end_line] or [el]
            opens = self._last_opens(el.tag, end_line, len(group))
            stop = ends[end_line - 1]
            if opens and self.text.find(">", opens[-1], stop) < 0:
                # a later element's start tag that begins here and ends on a later line
                opens = self._last_opens(el.tag, end_line, len(group) + 1)
                opens.pop()
            # the last len(group) openings before the end of the line belong to the group, in order
            located = dict(zip(group, opens[-len(group):])) if len(opens) >= len(group) else {}
            self._opens[key] = located
        offset = located.get(el)
        if offset is None:
            return end_line, None
        line = bisect_right(ends, offset) + 1
        line_start = ends[line - 2] if line > 1 else 0
        return line, offset - line_start + 1

    def _paired(self, el, tag: str, end_line: int) -> int | None:
        """The offset position() finds for `el`, when the tag's elements and its `<tag` openings in the
        text pair one to one in order (as many of each, start tags in line order): the k-th element
        opens at the k-th `<tag`. Checked against what the search below would find, around `el` only
        (the openings before the end of its line, and the one after); None when that differs."""
        paired = self._pairs.get(tag)
        if paired is None:
            elements, lines, in_order = self._tag_elements(tag)
            opens = self._all_opens(tag)
            if in_order and len(opens) == len(elements):
                paired = self._pairs[tag] = (dict(zip(elements, range(len(elements)))), lines, opens)
            else:
                paired = self._pairs[tag] = ()
        if not paired:
            return None
        index, lines, opens = paired
        k = index.get(el)
        if k is None:
            return None
        # the run of elements whose start tags end on this line (lines are in order: a menu of 60 links
        # on one line is found in a few steps, not walked for each of its links)
        i, j = bisect_left(lines, end_line), bisect_right(lines, end_line) - 1
        ends, text = self._line_ends, self.text
        stop = ends[end_line - 1]
        if opens[i] < (ends[end_line - 22] if end_line > 21 else 0) or opens[j] >= stop:
            return None
        after = j + 1
        if after == len(opens) or opens[after] >= stop:  # the run's last opening is the line's last one
            return opens[k] if text.find(">", opens[j], stop) >= 0 else None
        # one more opening on this line whose start tag ends on a later line: the search skips it too
        if text.find(">", opens[after], stop) < 0 and (after + 1 == len(opens) or opens[after + 1] >= stop):
            return opens[k]
        return None

    @cached_property
    def _pairs(self) -> dict:
        return {}

    def _last_opens(self, tag: str, end_line: int, wanted: int) -> list[int]:
        """Offsets of the `<tag` openings in the 21 lines that end with `end_line`, in order: at least
        the last `wanted` of them (all when there are fewer). Read backwards from the end line a few
        lines at a time, so the common case reads one or two lines rather than all 21; a tag placed
        again and again (a page's links) is looked for once in the whole text instead."""
        ends, text, pattern = self._line_ends, self.text, _open_tag(tag)
        first = max(end_line - 20, 1)
        stop = hi = ends[end_line - 1]
        everywhere = self._tag_opens.get(tag)
        if everywhere is None and self._tag_asked.get(tag, 0) > 3:  # a tag placed again and again:
            everywhere = self._all_opens(tag)  # find them all once
        if everywhere is not None:  # (a match inside the 21 lines is one of the whole text's: see below)
            lo = bisect_left(everywhere, ends[first - 2] if first > 1 else 0)
            hi = bisect_left(everywhere, stop)
            return everywhere[max(lo, hi - wanted):hi]
        reach = len(tag) + 2  # a match starting before `hi` looks at most this far past it
        found: list[int] = []
        line, span = end_line, 1
        while True:
            lo = ends[line - 2] if line > 1 else 0
            found[:0] = [m.start() for m in pattern.finditer(text, lo, min(hi + reach, stop)) if m.start() < hi]
            if len(found) >= wanted or line <= first:
                return found
            hi = lo
            line, span = max(line - span, first), span * 2

    @cached_property
    def _opens(self) -> dict:
        return {}

    @cached_property
    def _tag_opens(self) -> dict:
        """tag -> offset of every `<tag` in the text. Every line but the last ends with "\n", which is in
        no `<tag` match: the matches within a run of whole lines are the same whether the regex reads
        just those lines or the whole text."""
        return {}

    def _all_opens(self, tag: str) -> list[int]:
        """The offset of every `<tag` in the text, found once (_tag_opens)."""
        opens = self._tag_opens.get(tag)
        if opens is None:
            opens = self._tag_opens[tag] = [m.start() for m in _open_tag(tag).finditer(self.text)]
        return opens

    @cached_property
    def _tag_asked(self) -> dict:
        return {}

    def _tag_elements(self, tag: str) -> tuple[list, list, bool]:
        """The elements with this tag, the lines their start tags end on, and whether those lines
        never go down (document order is line order: the usual case)."""
        found = self._tag_lines.get(tag)
        if found is None:
            elements = list(self.tree.iter(tag))
            lines = list(map(_SOURCELINE, elements))
            found = self._tag_lines[tag] = (elements, lines, None not in lines and lines == sorted(lines))
        return found

    @cached_property
    def _tag_lines(self) -> dict:
        return {}

    def selector(self, el) -> str:
        """A CSS path a person can paste into the browser's devtools."""
        known = self._selectors  # element -> its path: findings share ancestors, each is worked out once
        parts = []  # (element, its step) below the first element whose path is known
        path = ""
        while el is not None and isinstance(el.tag, str):
            if el in known:
                path = known[el]
                break
            ident = el.get("id")
            if ident and _CSS_IDENT.match(ident) and self.id_counts.get(ident) == 1:
                path = known[el] = "#" + ident
                break
            parent = el.getparent()
            tag = el.tag.lower()
            if parent is None:
                path = known[el] = tag
                break
            nth, count = self._nth_of_type(parent, el)
            parts.append((el, f"{tag}:nth-of-type({nth})" if count > 1 else tag))
            el = parent
        for e, step in reversed(parts):
            path = known[e] = f"{path} > {step}" if path else step
        return path

    @cached_property
    def _selectors(self) -> dict:
        return {}

    def _nth_of_type(self, parent, el) -> tuple[int, int]:
        """(1-based position among same-tag siblings, their count), indexed once per parent and tag."""
        siblings = len(parent)
        if siblings == 1:  # an only child (a link alone in its list item): no index to build
            return 1, 1
        if siblings <= 4:  # a few children (an image and its caption): counted, no index to build
            nth = count = 0
            for child in parent.iterchildren(el.tag):
                count += 1
                if child is el:
                    nth = count
            return nth, count
        key = (parent, el.tag)
        index = self._sibling_index.get(key)
        if index is None:
            index = {child: i for i, child in enumerate(parent.iterchildren(el.tag), 1)}
            self._sibling_index[key] = index
        return index[el], len(index)

    @cached_property
    def _sibling_index(self) -> dict:
        return {}

    @cached_property
    def page_suppressions(self) -> dict[str, str]:
        """Rules switched off for the whole page by `<!-- webaudit-ignore-page RULE: reason -->`."""
        out: dict[str, str] = {}
        if self.tree is not None:
            for c in self.tree.xpath("//comment()[contains(., 'webaudit-ignore-page')]"):
                m = _SUPPRESS.match(c.text or "")
                if m and m["reason"]:
                    out.update(dict.fromkeys(_split_rules(m["rules"]), m["reason"]))
        # a comment before <html> is outside the tree: scan the prologue too
        if self.text and "webaudit-ignore-page" in self.text[:4096].split("<html", 1)[0]:
            for m in re.finditer(r"<!--(.*?)-->", self.text[:4096].split("<html", 1)[0], re.S):
                mm = _SUPPRESS.match(m[1])
                if mm and mm["page"] and mm["reason"]:
                    out.update(dict.fromkeys(_split_rules(mm["rules"]), mm["reason"]))
        return out


_SOURCELINE = attrgetter("sourceline")


@lru_cache(maxsize=256)
def _open_tag(tag: str) -> "re.Pattern[str]":
    return re.compile(r"<%s(?=[\s/>])" % re.escape(tag), re.I)


def suppressed_rules(el) -> set[str]:
    """Rules suppressed for `el` by `<!-- webaudit-ignore RULE: reason -->` right before it or an ancestor."""
    rules: set[str] = set()
    while el is not None:
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):  # comments and PIs
            m = _SUPPRESS.match(prev.text or "") if prev.tag is _COMMENT else None
            if m and not m["page"] and m["reason"]:
                rules.update(_split_rules(m["rules"]))
            prev = prev.getprevious()
        el = el.getparent()
    return rules


def suppression_comments_without_reason(tree) -> list:
    """Suppression comments that name no reason: they do not apply, and we say so."""
    out = []
    for c in tree.xpath("//comment()[contains(., 'webaudit-ignore')]"):
        m = _SUPPRESS.match(c.text or "")
        if m is None or not m["reason"]:
            out.append(c)
    return out


def _split_rules(s: str) -> list[str]:
    return [r for r in re.split(r"[,\s]+", s) if r]


def start_tag(el) -> str:
    """The element's start tag, rebuilt from the tree (short and stable across whitespace edits)."""
    if not isinstance(el.tag, str):
        return ""
    attrs = "".join(f' {k}="{_attr(v)}"' for k, v in el.items() if k != "data-expect")
    return f"<{el.tag}{attrs}>"


def _attr(v: str) -> str:
    return v.replace("&", "&amp;").replace('"', "&quot;")


def truncate(s: str, n: int = SNIPPET_MAX) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


from lxml.etree import Comment as _COMMENT  # noqa: E402  (the tag lxml gives comment nodes)
