"""Tables in tagged PDFs have header cells.

## What it does
Flags every `Table` structure element (custom tags role-mapped to Table included) that has no `TH`
cell among its rows (cells of tables nested inside it do not count).

## Why it matters
Header cells let a screen reader say which column and row a value belongs to ("Tuesday, Room 12:
Art"). A table tagged with TD cells only is read as a run of values without their meaning.

## Example
    Table
      TR   TD (Day)   TD (Room)
      TR   TD (Tue)   TD (12)

## Use instead
    Table
      TR   TH (Day)   TH (Room)            % /A << /O /Table /Scope /Column >>
      TR   TD (Tue)   TD (12)

In Word, mark the first row "Repeat as header row at the top of each page" before exporting; in
Acrobat, use the Table Editor to make header cells.

## References
- WCAG 1.3.1 Info and Relationships; technique PDF6
- PDF/UA-1 (ISO 14289-1) 7.5: tables shall have headers
"""
from __future__ import annotations

from webaudit import pdf

ID = "pdf-table-headers"
TITLE = "Tables in tagged PDFs have header cells"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Make the header row (and header column) TH cells: in Word, set \"Repeat as header row\" before exporting; "
        "in Acrobat, use the Table Editor's cell properties.")


def check(resource, config):
    found = pdf.tagged(resource, config)
    if found is None:
        return  # unreadable or untagged: pdf-unreadable and pdf-tagged report it
    doc, tree = found
    for table in tree.by_role("Table"):
        cells = list(table.descendants(into=lambda e: e.role != "Table"))
        if any(c.role == "TH" for c in cells):
            continue
        td = sum(1 for c in cells if c.role == "TD")
        rows = sum(1 for c in cells if c.role == "TR")
        where = f"page {table.page}" if table.page else "page unknown"
        yield resource.finding(None, f"{where}: {table.mapped} at {table.path} ({rows} rows, {td} cells) has no "
                                     "header cells (TH); screen readers cannot say which column or row a value "
                                     "belongs to", selector=table.path, snippet=f"<{table.type}>",
                               url=doc.page_url(table.page))
