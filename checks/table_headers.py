"""Data tables have header cells.

## What it does
Flags data tables with no header cells at all: no `<th>`, no `role="columnheader"` or `"rowheader"`,
no `<td scope>`. Which tables are data tables is decided once for every check (`is_data_table`): several
rows and columns, not `role="presentation"`/`"none"`, no nested tables, forms or embedded frames.

It is an error when the table shows it holds data: it has a `<caption>`, `<thead>`, `<tfoot>`, a
`summary`, `role="table"`/`"grid"`, or at least three rows of short cells in the same shape (not mostly
bare links) or with many numbers, times or dates. When only its shape says it may be data (or it holds
form fields, or it is a grid of links), it is a warning: a person should decide whether it is data (add
headers) or layout (add `role="presentation"`).

## Why it matters
A screen reader announces a cell's row and column headers as the user moves through a table ("Tuesday,
Period 2: Art"). Without header cells every cell is a bare value, and a bus schedule or a grade table
becomes a stream of numbers. The district policy asks that column and row headings be meaningful.

## Example
    <table>
      <caption>Bus schedule</caption>
      <tr><td>Route</td><td>Leaves</td></tr>
      <tr><td>12</td><td>7:05</td></tr>
    </table>

## Use instead
    <table>
      <caption>Bus schedule</caption>
      <tr><th scope="col">Route</th><th scope="col">Leaves</th></tr>
      <tr><td>12</td><td>7:05</td></tr>
    </table>

## References
- WCAG 1.3.1 Info and Relationships; techniques H51, H63; failure F91
- WAI tutorial "Tables"
"""
from __future__ import annotations

import re

from webaudit.dom import is_data_table, is_header_cell, norm, table_rows, tables, xpath

ID = "table-headers"
TITLE = "Data tables have header cells"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = "Table column and row headings are meaningful and descriptive"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Mark the cells that label the columns (and rows) as <th scope="col"> (<th scope="row">); if the '
        'table only lays out the page, give it role="presentation".')

_NUMBERISH = re.compile(
    r"^[$€£¥(+\-−]?\s*\d[\d\s,.:/\-–%)]*\s*(?:a\.?m\.?|p\.?m\.?|%|st|nd|rd|th|k|m|kg|lb|mi|km)?\.?$", re.I)
_SHORT = 60  # characters: longer cells read as prose, not data
_MIN_ROWS = 3
_CONTROLS = ("input", "select", "textarea", "button")
_COLSPANS = xpath("descendant::*/@colspan")  # from a table: scans its subtree only


def check(resource, config):
    for table in tables(resource.tree):
        first_th = next(table.iter("th"), None)
        if first_th is not None and first_th.get("role") is None:
            continue  # a th without a role is a header cell: most data tables tell at their first th
        if any(is_header_cell(th) for th in table.iter("th")) or not is_data_table(table):
            continue  # (the th test first: it is cheap, and true of most data tables)
        rows = [list(row.iterchildren("td", "th")) for row in table_rows(table)]
        # (a td with neither role nor scope is no header cell: is_header_cell asks about the others only)
        if any(is_header_cell(c) for row in rows for c in row
               if c.tag == "th" or c.get("role") is not None or c.get("scope") is not None):
            continue
        n_rows = len(rows)  # (without a colspan in the table, each cell is one column wide)
        n_cols = max(map(_width, rows) if _COLSPANS(table) else map(len, rows), default=0)
        intent = _intent(table, rows)
        if intent:
            yield resource.finding(table, f"data table ({intent}) of {n_rows} rows and {n_cols} columns has no header "
                                          "cells: screen readers cannot say which column or row a value belongs to")
        else:
            yield resource.finding(
                table, f"table of {n_rows} rows and {n_cols} columns has no header cells: if it holds data, mark its "
                       'headers with <th>; if it only lays out the page, add role="presentation"', severity="warning")


def _width(row) -> int:
    return sum(_span(c) for c in row)


def _span(cell) -> int:
    v = (cell.get("colspan") or "1").strip()
    return int(v) if v.isdigit() and 0 < int(v) < 1000 else 1


def _intent(table, rows) -> str:
    """What says the table holds data ("" when only its shape does)."""
    role = (table.get("role") or "").strip().lower().split()[:1]
    if role and role[0] in ("table", "grid", "treegrid"):
        return f'role="{role[0]}"'
    cap = next(table.iterchildren("caption"), None)  # (= table.find("caption"), without ElementPath)
    if cap is not None:
        words = norm("".join(cap.itertext()))
        return f'caption "{words[:40]}"' if words else "a caption"
    for part in ("thead", "tfoot"):
        if next(table.iterchildren(part), None) is not None:
            return f"a <{part}>"
    if norm(table.get("summary")):
        return "a summary"
    if len(rows) < _MIN_ROWS or next(table.iterdescendants(*_CONTROLS), None) is not None:
        return ""  # too small to tell, or a form laid out in a table
    cells = [c for row in rows for c in row]
    # (a cell without children, most of them: its own text is all of itertext(); " ".join(split()) is
    # norm(), faster)
    texts = [" ".join((c.text or "").split() if len(c) == 0 else "".join(c.itertext()).split()) for c in cells]
    filled = [t for t in texts if t]
    if not filled or any(len(t) > _SHORT for t in filled):
        return ""
    numbers = sum(1 for t in filled if _NUMBERISH.match(t))
    if numbers * 4 >= len(filled):
        return "cells of numbers, times or dates"
    widths = {len(row) for row in rows}
    spans = any(c.get("colspan") or c.get("rowspan") for c in cells)
    links = sum(1 for c in cells if _only_a_link(c))
    if len(widths) == 1 and not spans and min(widths) >= 2 and links * 2 < len(filled):
        return "rows of short cells in the same shape"
    return ""  # e.g. a grid of links: a menu laid out in a table as often as data


def _only_a_link(cell) -> bool:
    return (len(cell) == 1 and cell[0].tag == "a" and not (cell.text or "").strip()
            and not (cell[0].tail or "").strip())
