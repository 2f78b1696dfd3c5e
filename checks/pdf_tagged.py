"""PDF documents are tagged.

## What it does
Flags a PDF without tags: no structure tree (`/StructTreeRoot`), an empty one, or one the document
does not declare (`/MarkInfo << /Marked true >>` missing). A structure tree whose tags reference no
page content at all is a warning: the tags are there, but nothing is inside them.

## Why it matters
Tags are a PDF's HTML: they tell a screen reader what is a heading, a list, a table or a picture,
and in which order to read. An untagged PDF is read as one undifferentiated stream of text, often
out of order, and its images and tables cannot be described. The district policy requires PDFs to
carry accessibility tags.

## Example
    1 0 obj << /Type /Catalog /Pages 2 0 R >>        % no /MarkInfo, no /StructTreeRoot

## Use instead
    1 0 obj << /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 9 0 R
               /Lang (en-US) >>

Export with tags: in Word, File > Save As > PDF > Options > "Document structure tags for
accessibility"; in Acrobat, Accessibility > Autotag Document, then check the tags.

## References
- WCAG 1.3.1 Info and Relationships; techniques PDF9 (headings), PDF6 (tables), failure F-none
- PDF/UA-1 (ISO 14289-1) 7.1: content shall be tagged
"""
from __future__ import annotations

from webaudit import pdf

ID = "pdf-tagged"
TITLE = "PDF documents are tagged"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = "PDFs carry accessibility tags"
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Export the PDF with tags (Word: Save As PDF > Options > Document structure tags for accessibility), "
        "or add them in Acrobat (Accessibility > Autotag Document) and check them.")


def check(resource, config):
    from webaudit import pdf_structure  # (pypdf: loaded when a PDF is checked)

    doc = pdf.document(resource, config)
    if doc is None:
        return
    pages = f"{doc.page_count} page{'s' if doc.page_count != 1 else ''}"
    marked = _marked(doc)
    tree = pdf_structure.structure(doc)
    if tree is None:
        also = "" if marked else " and no /MarkInfo /Marked true"
        yield resource.finding(None, f"the document ({pages}) is not tagged: it has no structure tree "
                                     f"(/StructTreeRoot){also}, so screen readers get no headings, lists, tables, "
                                     "image descriptions or reading order")
    elif not tree.elements:
        yield resource.finding(None, f"the document ({pages}) has a structure tree without any readable tags "
                                     "(empty or damaged)")
    elif not marked:
        yield resource.finding(None, f"the document ({pages}) has a structure tree but does not declare itself "
                                     "tagged (/MarkInfo /Marked true is missing), so readers may ignore its tags",
                               snippet="/MarkInfo")
    elif tree.content_refs == 0:
        yield resource.finding(None, f"the document's {len(tree.elements)} tags reference no page content "
                                     "(no marked-content ids), so screen readers still read the untagged page text",
                               severity="warning")


def _marked(doc) -> bool:
    info = pdf.safely(doc, "/MarkInfo", pdf.resolve, doc.catalog.get("/MarkInfo"))
    value = pdf.safely(doc, "/MarkInfo", pdf.resolve, info.get("/Marked")) if hasattr(info, "get") else None
    return getattr(value, "value", value) is True  # a pypdf BooleanObject
