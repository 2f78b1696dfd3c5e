"""Table header cells head some cells.

## What it does
Flags header cells (`<th>`, `role="columnheader"`/`"rowheader"`, `<td scope>`) of a `<table>` that no
cell belongs to: a column header with no cell below it, a row header with no cell to its right, none of
them named by another cell's `headers` attribute. Cells are placed on the table's grid with their
`colspan` and `rowspan`, as browsers do; a cell with a `headers` attribute belongs only to the headers it
names. Follows ACT rule d0f69e ("Table header cell has assigned cells").

Which way a header points: `scope="col"`/`"row"` or the role says so; otherwise a `<th>` in a `<thead>`
or in a row of only header cells (and empty cells, such as a blank top-left corner) is a column header,
and one in a row with data cells is a row header, as browsers expose them. (HTML's own algorithm
assigns no cells to a `<th>` in the middle of a table, such as a "Total" row, and would fail it.) Tables marked `role="presentation"` and hidden tables are not checked.

## Why it matters
A header that heads nothing is announced for no cell: it is usually the sign of a broken table, such as
a header row with more columns than the data, or `headers` attributes that point elsewhere, and the
cells that should have had that header are read without it.

## Example
    <tr><th>Rate</th><th>Value</th></tr>
    <tr><td>15%</td></tr>

## Use instead
    <tr><th>Rate</th><th>Value</th></tr>
    <tr><td>15%</td><td>$30</td></tr>

## References
- WCAG 1.3.1 Info and Relationships; technique H43
- ACT rule d0f69e Table header cell has assigned cells; HTML "forming relationships between data cells
  and header cells"
"""
from __future__ import annotations

from webaudit.dom import (accessible_name, hidden_below, is_header_cell, is_presentational, owner_table,
                          table_rows, tables, visible_tables, xpath)
from webaudit.resource import truncate

ID = "th-has-data-cells"
TITLE = "Table header cells head some cells"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Give every header cell cells to head: add the missing cells in its column (or row), remove the "
        "extra header, or correct the headers attributes that point past it.")

_HEADERS_ATTRS = xpath(".//td/@headers | .//th/@headers")  # from a table: scans its subtree only
_MAYBE_HEADERS = xpath(".//td/@scope | .//@role")
_SPANS = xpath(".//@colspan | .//@rowspan")
_MAX_SLOTS = 100_000  # a table larger than this on its grid (spans gone wild) is not checked
# the attributes that make a table more than plain th and td cells (see _plain_findings), on any cell
# of the page: one scan of the document instead of one per table
_CELL_MARKUP = "@*[name()='colspan' or name()='rowspan' or name()='role' or name()='scope' or name()='headers']"
_MARKED_CELLS = xpath(f"/descendant::td/{_CELL_MARKUP} | /descendant::th/{_CELL_MARKUP}")
_CELLS = frozenset({"td", "th"})


def check(resource, config):
    marked = None  # the tables that are not plain (see _marked_tables)
    for table in visible_tables(resource.tree):
        if table.get("role") and is_presentational(table):  # (most tables have no role)
            continue
        if marked is None:
            marked = _marked_tables(resource.tree)
        if table not in marked:  # a plain table (most): read off its rows that hold a th, not placed on a grid
            for cell, message in _plain_findings(table):
                yield resource.finding(cell, message)
            continue
        if next(table.iterdescendants("th"), None) is None and not _MAYBE_HEADERS(table):
            continue  # no header cells: the quick look first
        grid = _Grid.of(table)
        if grid is None:
            continue
        named = None  # ids the table's headers attributes name: looked up once a header cell has an id
        for cell, box in grid.boxes.items():
            if not is_header_cell(cell):
                continue
            ident = cell.get("id")
            if ident is not None:
                if named is None:
                    named = {token for a in _HEADERS_ATTRS(table) if owner_table(a.getparent()) is table
                             for token in a.split()}
                if ident in named:
                    continue
            direction = grid.direction(cell, box)
            if grid.heads_something(cell, box, direction) or hidden_below(cell, table):
                continue
            yield resource.finding(cell, _message(cell, direction))


def _message(cell, direction: str) -> str:
    name = truncate(accessible_name(cell), 40)
    label = f'"{name}"' if name else "(empty)"
    if direction == "col":
        message = f"column header {label} has no cells below it in its column"
    else:
        message = f"row header {label} has no cells to its right in its row"
    return message + ", and no headers attribute names it"


def _marked_tables(root) -> set:
    """The tables that are not plain: those holding a table, and those some of whose cells span or carry
    a role, scope or headers attribute."""
    return {owner_table(el) for el in (*tables(root), *(a.getparent() for a in _MARKED_CELLS(root)))}


def _plain_findings(table) -> list[tuple]:
    """(cell, message) of the header cells that head nothing, for a plain table: no nested table and no
    cell that spans or has a role, scope or headers attribute. What _Grid finds, told from the rows that
    hold a th and the rows below them, without placing every cell (most tables are plain, and their
    header cells head the very next row).

    In a plain table every th child of a row is a header cell and no td is one; a th is a column header
    in a <thead> or in a row without data, and heads something when a later row has a cell in its column
    (a row header: when a cell follows it in its row)."""
    found, done = [], set()
    for th in table.iter("th"):
        tr = th.getparent()
        if tr in done:
            continue
        done.add(tr)
        if tr.tag != "tr":
            continue  # (a th outside any row is no cell of the grid)
        width, heads, data = 0, {}, False  # the row's cells: how many, its th by column, whether a td holds something
        for c in tr:
            t = c.tag
            if t == "th":
                heads[width] = c
                width += 1
            elif t == "td":
                width += 1
                data = data or bool((c.text or "").strip() or len(c))
        group = tr.getparent()
        if data and (group is None or group.tag != "thead"):
            direction = "row"
            lonely = [heads[width - 1]] if width - 1 in heads else []  # (the last cell has none to its right)
        else:
            direction = "col"
            below = _cells_below(tr, width, table)
            lonely = [c for x, c in heads.items() if x >= below]
        found += ((cell, _message(cell, direction)) for cell in lonely if not hidden_below(cell, table))
    return [] if found and _refused(table) else found


def _cells_below(tr, most: int, table) -> int:
    """How many cells the widest row after `tr` in the table has, counted up to `most`: the rows after
    it in its own group first (the next row, as a rule, has them all), then all those of the table."""
    below, later = 0, tr.getnext()
    while later is not None and below < most:
        if len(later) > below and later.tag == "tr":
            below = max(below, _count_cells(later, most))
        later = later.getnext()
    if below < most:
        rows = list(table.iter("tr"))
        for later in rows[rows.index(tr) + 1:]:
            if len(later) > below:
                below = max(below, _count_cells(later, most))
                if below >= most:
                    break
    return below


def _count_cells(row, most: int) -> int:
    """How many td and th children `row` has, counted up to `most`."""
    n = 0
    for c in row:
        if c.tag in _CELLS:
            n += 1
            if n >= most:
                break
    return n


def _refused(table) -> bool:
    """Would _Grid.of give up on this plain table? It counts the slots of a table with a colspan or
    rowspan anywhere in it (here: not on a cell, so one slot a cell), and gives up past _MAX_SLOTS."""
    rows = list(table.iter("tr"))
    return (sum(map(len, rows)) > _MAX_SLOTS and bool(_SPANS(table))
            and sum(_count_cells(row, _MAX_SLOTS + 1) for row in rows) > _MAX_SLOTS)


class _Grid:
    """The table's cells on HTML's slot grid: rows[y][x] is the cell covering that slot (None for an
    empty slot; a spanning cell fills every slot it covers), and each possible header cell's box
    (x, y, width, height)."""

    def __init__(self, rows: list[list], boxes: dict):
        self.rows, self.boxes = rows, boxes
        self._holding: dict = {}  # (y, h) -> do these rows hold data? (the header cells of a row ask alike)

    @classmethod
    def of(cls, table) -> "_Grid | None":
        rows = [list(row.iterchildren("td", "th")) for row in table_rows(table)]
        if not _SPANS(table):  # the common case: the cells of a row sit in columns 0, 1, 2, …
            return cls(rows, {c: (x, y, 1, 1) for y, row in enumerate(rows) for x, c in enumerate(row)
                              if _maybe_header(c)})
        slots: dict[tuple[int, int], object] = {}
        boxes = {}
        for y, row in enumerate(rows):
            x = 0
            for cell in row:
                while (x, y) in slots:
                    x += 1
                w = _span(cell.get("colspan"), 1000)
                h = min(_span(cell.get("rowspan"), 65534, zero_means=len(rows) - y), len(rows) - y)
                if len(slots) + w * h > _MAX_SLOTS:
                    return None
                for dy in range(h):
                    for dx in range(w):
                        slots.setdefault((x + dx, y + dy), cell)
                if _maybe_header(cell):
                    boxes[cell] = (x, y, w, h)
                x += w
        width = 1 + max((x for x, _ in slots), default=-1)
        return cls([[slots.get((x, y)) for x in range(width)] for y in range(len(rows))], boxes)

    def direction(self, cell, box) -> str:
        """"col" or "row": which way the header points."""
        r = (cell.get("role") or "").strip().lower().split()[:1]
        if r:
            return "col" if r[0] == "columnheader" else "row"
        scope = (cell.get("scope") or "").strip().lower()
        if scope in ("col", "colgroup"):
            return "col"
        if scope in ("row", "rowgroup"):
            return "row"
        tr = cell.getparent()
        if tr is not None and tr.getparent() is not None and tr.getparent().tag == "thead":
            return "col"
        x, y, w, h = box
        holding = self._holding.get((y, h))
        if holding is None:
            in_its_rows = (c for row in self.rows[y:y + h] for c in row)
            holding = self._holding[(y, h)] = any(c is not None and _holds_data(c) for c in in_its_rows)
        return "row" if holding else "col"

    def heads_something(self, cell, box, direction: str) -> bool:
        """Is some cell without a headers attribute of its own below it (col) or to its right (row)?"""
        x, y, w, h = box
        if direction == "col":
            candidates = (c for row in self.rows[y + h:] for c in row[x:x + w])
        else:
            candidates = (c for row in self.rows[y:y + h] for c in row[x + w:])
        return any(c is not None and c is not cell and c.get("headers") is None for c in candidates)


def _holds_data(cell) -> bool:
    """A data cell with something in it (an empty corner cell beside column headers does not count)."""
    return not is_header_cell(cell) and (bool((cell.text or "").strip()) or len(cell) > 0)


def _maybe_header(cell) -> bool:
    """The quick test: a data cell is a td with neither scope nor role (is_header_cell decides the rest)."""
    return cell.tag == "th" or cell.get("scope") is not None or cell.get("role") is not None


def _span(value: str | None, most: int, zero_means: int = 1) -> int:
    v = (value or "").strip()
    if not v.isdigit():
        return 1
    n = int(v)
    return zero_means if n == 0 else min(n, most)
