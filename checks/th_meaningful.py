"""Table header cells say what their column or row holds.

## What it does
Flags header cells (`<th>`, `role="columnheader"`/`"rowheader"`, `<td scope>`) whose name is empty
(nothing, or only `&nbsp;`), a placeholder an editor or spreadsheet left behind ("Column 1", "Col 2",
"Header", "Heading", "Field1", "Untitled", "Row 3"), only punctuation ("-", "?"), or a bare number in the
top header row (years such as "2024" are fine, and so are numbers under a header that spans them, like
the "1" and "2" below "Exams").

Not flagged: the empty top-left corner cell of a table that has both column and row headers; header
cells of tables marked `role="presentation"` (see `layout-table-markup`) or hidden.

## Why it matters
A screen reader reads a cell's headers before its value ("Column 2, 7:05"). A header that is empty or a
placeholder gives the listener nothing to go on. The district policy asks that table column and row
headings be meaningful and descriptive.

## Example
    <tr><th>Column 1</th><th>Column 2</th><th>&nbsp;</th></tr>

## Use instead
    <tr><th scope="col">Route</th><th scope="col">Leaves at</th><th scope="col">Driver</th></tr>

## References
- WCAG 1.3.1 Info and Relationships; 2.4.6 Headings and Labels; technique H51
- District web policy: table column and row headings are meaningful and descriptive
"""
from __future__ import annotations

import re
from functools import lru_cache

from webaudit.dom import (accessible_name, hidden_below, is_header_cell, is_hidden, is_presentational, norm,
                          owner_table, table_rows, tables, tag, visible_tables, with_role, xpath)
from webaudit.resource import truncate

ID = "th-meaningful"
TITLE = "Table header cells say what their column or row holds"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = "Table column and row headings are meaningful and descriptive"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Write in each header cell what its column or row holds (\"Route\", \"Leaves at\"); if a "
        "column needs no visible header, add text for screen readers (a visually hidden span).")

_SCOPED_TDS = xpath(".//td[@scope]")  # from a table: scans its subtree only
_TD_SCOPES = xpath("/descendant::td/@scope")  # on the whole page, once: most pages have none
_PLACEHOLDER = re.compile(
    r"^(?:(?:column|col|row|field|cell|header|heading|untitled|table|new column|th)\s*[-_#.]?\s*(?:\d+|[a-z])"
    r"|header|headers|heading|headings|untitled|column|col|row|cell|th|table heading|column header"
    r"|row header|table header|title here|heading here|header here|text|enter text)$", re.I)
_SYMBOLS = re.compile(r"^[\W_]+$")
_NUMBER = re.compile(r"^\d+$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def check(resource, config):
    skipped: dict = {}  # table -> not checked (layout or hidden), decided once per table
    visible = None  # the visible tables, once a cell needs them
    for cell in _candidates(resource):
        if not is_header_cell(cell):
            continue
        table = owner_table(cell)
        if table is None:
            if is_hidden(cell):
                continue
        else:
            if table not in skipped:
                if visible is None:
                    visible = set(visible_tables(resource.tree))
                skipped[table] = is_presentational(table) or table not in visible
            if skipped[table] or hidden_below(cell, table):
                continue
        problem = _problem(cell, _name(cell), table)
        if problem:
            yield resource.finding(cell, f"header cell <{tag(cell)}> {problem}")


def _candidates(resource) -> list:
    """th and td[scope] of every table, and elements with a header role, in document order, but for
    those plainly fine (most)."""
    root = resource.tree
    if _TD_SCOPES(root):
        cells = [c for table in tables(root) for c in (*table.iter("th"), *_SCOPED_TDS(table))]
    else:  # no td[scope] on the page: no scan of each table for one
        cells = [c for table in tables(root) for c in table.iter("th")]
    cells += with_role(root, "columnheader") + with_role(root, "rowheader")
    # a nested table's cells are found from its outer table too: keep each once (those that are left:
    # passed before the sort, which keeps the others' order)
    return sorted(dict.fromkeys(c for c in cells if not _plainly_fine(c)), key=lambda el: el.sourceline or 0)


def _plainly_fine(cell) -> bool:
    """Plain text that names something: most header cells, passed without looking at their table."""
    if len(cell) or cell.get("aria-label") or cell.get("aria-labelledby"):
        return False
    return _names_something(cell.text or "")


@lru_cache(maxsize=4096)  # (header texts repeat, table after table: "Name", "Room")
def _names_something(text: str) -> bool:
    words = norm(text)
    return bool(words) and not (_PLACEHOLDER.match(words) or _SYMBOLS.match(words) or _NUMBER.match(words))


def _name(cell) -> str:
    if len(cell) == 0 and not cell.get("aria-label") and not cell.get("aria-labelledby"):
        words = norm(cell.text)
        if words:
            return words  # plain text, the common case: what accessible_name() would say, faster
    return accessible_name(cell)


def _problem(cell, name: str, table) -> str:
    if not name:
        if table is not None and _corner_of_two_way_table(cell, table):
            return ""
        return "is empty: screen readers will read its cells without a header"
    shown = truncate(name, 40)
    if _PLACEHOLDER.match(name):
        return f'says only "{shown}", a placeholder: name what the column or row holds'
    if _SYMBOLS.match(name):
        return f'says only "{shown}": name what the column or row holds'
    if _NUMBER.match(name) and not _YEAR.match(name) and cell.get("headers") is None and _in_top_row(cell, table):
        return f'says only "{shown}", a bare number: name what the column holds'
    return ""


def _in_top_row(cell, table) -> bool:
    """In the table's first row, with no header above it to explain a number (True outside tables)."""
    if table is None:
        return True
    rows = _rows(table)
    return bool(rows) and any(c is cell for c in rows[0])


def _rows(table) -> list[list]:
    """The table's rows as lists of their td/th cells (empty rows left out)."""
    rows = [[c for c in row if tag(c) in ("td", "th")] for row in table_rows(table)]
    return [r for r in rows if r]


def _corner_of_two_way_table(cell, table) -> bool:
    """Is `cell` the top-left corner of a table with both column headers and row headers?"""
    rows = _rows(table)
    if not rows or rows[0][0] is not cell:
        return False
    return any(is_header_cell(c) for c in rows[0][1:]) and any(is_header_cell(r[0]) for r in rows[1:])
