"""The headers attribute of a cell names header cells of the same table.

## What it does
Checks every `headers` attribute on a `<td>` or `<th>` in a table: each id it lists must belong to a
cell (`<th>`, `<td>`, or an element with a cell or header role) of the same `<table>`, and not to the
cell itself. Flags ids that no element has, ids of elements in another table or outside the table, ids of
elements that are not cells (a `<span>` inside a cell), and a cell that names itself. Tables marked
`role="presentation"` (see `layout-table-markup`) and hidden tables are not checked. Follows ACT rule
a25f45.

## Why it matters
`headers` tells a screen reader exactly which header cells to read before a value, in tables too complex
for `scope`. Browsers silently drop an id that does not point to a header cell of the same table, so the
cell is read with no header or the wrong one. Usually an id was mistyped, renamed, or the table was split
in two.

## Example
    <tr><th id="route">Route</th><th id="time">Leaves</th></tr>
    <tr><td headers="rout">12</td><td headers="time-am">7:05</td></tr>

## Use instead
    <tr><th id="route">Route</th><th id="time">Leaves</th></tr>
    <tr><td headers="route">12</td><td headers="time">7:05</td></tr>

## References
- WCAG 1.3.1 Info and Relationships; technique H43; failure F90
- ACT rule a25f45 Headers attribute specified on a cell refers to cells in the same table element
"""
from __future__ import annotations

from webaudit.dom import by_id, is_presentational, owner_table, tag, visible_tables, xpath

ID = "td-headers-attr"
TITLE = "The headers attribute of a cell names header cells of the same table"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("List in headers= only the ids of header cells (<th id=…>) of the same table, spelled exactly as "
        "their id, and never the cell's own id.")

_HEADERS_ATTRS = xpath(".//td/@headers | .//th/@headers")  # from a table: scans its subtree only
_ANY_HEADERS_ATTR = xpath("/descendant::*/@headers")  # on the whole page (one pass: faster than td and th)
_CELL_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})


def check(resource, config):
    if not _ANY_HEADERS_ATTR(resource.tree):
        return  # no element of the page has one (most pages): one scan, not one per table
    for table in visible_tables(resource.tree):
        cells = [a.getparent() for a in _HEADERS_ATTRS(table)]
        if not cells or is_presentational(table):
            continue
        for cell in cells:
            if owner_table(cell) is not table:
                continue  # a cell of a table nested in this one: checked with that table
            problems = [p for token in dict.fromkeys((cell.get("headers") or "").split())
                        if (p := _problem(cell, table, token))]
            if problems:
                yield resource.finding(cell, f"headers attribute of <{tag(cell)}>: " + "; ".join(problems))


def _problem(cell, table, token: str) -> str:
    if token == cell.get("id"):
        return f'"{token}" is the cell itself'
    target = by_id(cell, token)
    if target is None:
        return f'no element has id "{token}"'
    if owner_table(target) is not table:
        where = "in another table" if owner_table(target) is not None else "outside the table"
        return f'"{token}" is {where}'
    if not _is_cell(target):
        return f'"{token}" is a <{tag(target)}>, not a header cell'
    return ""


def _is_cell(el) -> bool:
    r = (el.get("role") or "").strip().lower().split()[:1]
    return r[0] in _CELL_ROLES if r else tag(el) in ("td", "th")
