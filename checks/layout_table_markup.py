"""Layout tables carry no data-table markup.

## What it does
Flags tables marked as layout (`role="presentation"` or `role="none"`) that also carry the markup of a
data table in their own rows: `<th>` cells, a `<caption>`, a `<thead>`, a `summary` attribute, or
`scope` or `headers` attributes on their cells. A data table nested inside a layout table is checked on
its own, not counted against the layout table. Follows failure F46.

## Why it matters
`role="presentation"` tells screen readers to ignore the table's structure, so the header cells and
caption it carries are thrown away without a word. Either the table holds data and the role hides its
headers, or it is layout and the data markup is misleading leftovers. Both need a decision by a person
who knows the page, but the mix itself is wrong.

## Example
    <table role="presentation">
      <caption>Staff</caption>
      <tr><th>Name</th><th>Room</th></tr>
      <tr><td>Ms. Park</td><td>104</td></tr>
    </table>

## Use instead
    <!-- data: drop the role -->
    <table>
      <caption>Staff</caption>
      <tr><th scope="col">Name</th><th scope="col">Room</th></tr>
      <tr><td>Ms. Park</td><td>104</td></tr>
    </table>
    <!-- layout: keep the role, use <td> and no caption (better: lay out with CSS, not a table) -->

## References
- WCAG 1.3.1 Info and Relationships; failure F46 (using th, caption, summary, … in layout tables)
"""
from __future__ import annotations

from webaudit.dom import is_presentational, table_rows, tag, visible_tables

ID = "layout-table-markup"
TITLE = "Layout tables carry no data-table markup"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('If the table holds data, remove role="presentation" so its headers are read; if it only lays out '
        "the page, turn its <th> into <td> and remove the caption, thead, summary, scope and headers.")

def check(resource, config):
    for table in visible_tables(resource.tree):
        if not table.get("role") or not is_presentational(table):
            continue
        markup = _data_markup(table)
        if markup:
            role = table.get("role").strip().split()[0].lower()
            yield resource.finding(table, f'layout table (role="{role}") carries data-table markup: '
                                          f"{', '.join(markup)}; screen readers ignore it")


def _data_markup(table) -> list[str]:
    found = []
    for part in ("caption", "thead"):
        if table.find(part) is not None:
            found.append(f"a <{part}>")
    if table.get("summary") is not None:
        found.append("a summary attribute")
    cells = [c for row in table_rows(table) for c in row if tag(c) in ("td", "th")]
    for what, n in (("<th>", sum(tag(c) == "th" for c in cells)),
                    ("scope", sum(c.get("scope") is not None for c in cells)),
                    ("headers", sum(c.get("headers") is not None for c in cells))):
        if n:
            found.append(f"{n} {what} cell{'s' if n > 1 else ''}" if what == "<th>"
                         else f"{what} on {n} cell{'s' if n > 1 else ''}")
    return found
