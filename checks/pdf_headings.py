"""Long tagged PDFs have heading tags, in order.

## What it does
Flags a tagged PDF of `pdf_headings_min_pages` pages or more (3 by default) whose structure tree has
no heading tags (`H`, `H1`-`H6`, or custom tags role-mapped to them): a warning, since a person must
confirm that the document has sections. Also warns where a numbered heading skips levels (an `H3`
right after an `H1`).

## Why it matters
Screen-reader users move through a long document by its headings, as sighted readers scan the bold
titles. Without heading tags a 20-page handbook can only be read from the top, line by line.

## Example
    Document
      P (Student Handbook)            % big bold text, tagged as a paragraph
      P (Attendance) ...

## Use instead
    Document
      H1 (Student Handbook)
      H2 (Attendance) ...

Use Word's Heading 1, Heading 2... styles before exporting; in Acrobat, retag the titles as H1, H2.

## References
- WCAG 1.3.1 Info and Relationships; technique PDF9
- PDF/UA-1 (ISO 14289-1) 7.4: headings, and no skipped levels in numbered headings
"""
from __future__ import annotations

from webaudit import pdf

ID = "pdf-headings"
TITLE = "Long tagged PDFs have heading tags"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("pdf",)
SEVERITY = "warning"
HELP = ("Tag section titles as headings (H1, H2, ...): use Word's Heading styles before exporting, or retag them "
        "in Acrobat's Tags panel.")
OPTIONS = {"pdf_headings_min_pages": 3}


def check(resource, config):
    found = pdf.tagged(resource, config)
    if found is None:
        return  # unreadable or untagged: pdf-unreadable and pdf-tagged report it
    doc, tree = found
    if not tree.elements:
        return  # tags with no content: pdf-tagged reports it
    headings = [e for e in tree.elements if e.heading_level is not None]
    if not headings:
        if doc.page_count >= config.get("pdf_headings_min_pages"):
            yield resource.finding(None, f"the document has {doc.page_count} pages and no heading tags (H1-H6): "
                                         "screen-reader users cannot move through it by section")
        return
    previous = None
    for h in headings:
        level = h.heading_level
        if level == 0:  # a plain H nests by structure, not by number
            continue
        if previous is not None and level > previous.heading_level + 1:
            where = f"page {h.page}" if h.page else "page unknown"
            yield resource.finding(None, f"{where}: {h.mapped} at {h.path} follows H{previous.heading_level} "
                                         f"(at {previous.path}), skipping H{previous.heading_level + 1}",
                                   selector=h.path, snippet=f"<{h.type}>", url=doc.page_url(h.page))
        previous = h
