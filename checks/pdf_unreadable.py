"""PDF documents can be opened and fully checked.

## What it does
Reports, once per document, a PDF that cannot be checked, and why:

- it cannot be opened: empty (0 bytes), not a PDF, truncated or damaged beyond repair (an error), or
  encrypted with a password needed to open it, or for the holders of certificates (a warning: a person
  must check it);
- it opens, but its security settings forbid extracting content for accessibility (permission bit
  10, or bit 5 for old encryption): an error, since screen readers that honour the setting cannot
  read it;
- it could not be fully checked within the bounds: more pages than `pdf_max_pages` (500), more
  than `pdf_time_limit` seconds of work (30, OCR included), a structure tree too large or too deep,
  damaged page content (a warning naming the reason; what could be read was checked).

`pdf_max_image_pixels` (40 million) bounds the pixels decoded or rendered for OCR of one page.

## Why it matters
A document nobody can open helps nobody, and a document whose permissions lock out assistive
technology is closed to exactly the people the accessibility rules protect.

## Example
    trailer << /Encrypt << /Filter /Standard /R 4 /P -1852 ... >> >>   % "content accessibility" off

## Use instead
Publish documents without a password, and when restricting editing keep "Enable text access for
screen reader devices" on (Acrobat: Protection > Security Properties). Re-export damaged files.

## References
- WCAG 1.3.1 Info and Relationships (content must be available to assistive technology)
- PDF 1.7 (ISO 32000-1) 7.6.3.2, table 22: user access permissions
"""
from __future__ import annotations

from webaudit import pdf

ID = "pdf-unreadable"
TITLE = "PDF documents can be opened and fully checked"
WCAG = ("1.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Publish the document without a password and with \"text access for screen reader devices\" allowed; "
        "re-export a damaged file from its source.")
OPTIONS = {
    "pdf_time_limit": pdf.TIME_LIMIT,
    "pdf_max_pages": pdf.MAX_PAGES,
    "pdf_max_image_pixels": pdf.MAX_IMAGE_PIXELS,
}


def check(resource, config):
    from webaudit import pdf_content, pdf_structure  # (pypdf: loaded when a PDF is checked)

    doc = pdf.open_pdf(resource, config)
    if isinstance(doc, pdf.CannotOpen):
        yield resource.finding(None, f"the PDF cannot be checked: {doc.reason}", wcag=(),
                               severity="warning" if doc.needs_password else "error")
        return
    if doc.blocks_accessibility:
        p = doc.encryption["permissions"]
        yield resource.finding(None, "the PDF's security settings forbid extracting its content for accessibility, "
                                     "so screen readers that honour them cannot read it", snippet=f"/P {p}")
    # Read what the other checks read (cached: free when they ran first), so that the bounds met on the
    # way are reported whatever order the checks run in.
    pdf_structure.structure(doc)
    for n in doc.pages_to_check:
        if doc.out_of_time("reading the pages"):
            break
        pdf_content.page_content(doc, n)
    if doc.problems:
        yield resource.finding(None, "the PDF could not be fully checked: " + "; ".join(doc.problems),
                               severity="warning", wcag=())
