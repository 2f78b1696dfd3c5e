"""PDF documents have a meaningful title, shown in the title bar.

## What it does
Flags a PDF with no title (neither `/Title` in the document information dictionary nor `dc:title`
in the XMP metadata); a placeholder title ("Untitled", "Document1", a file name, "Microsoft Word -
report.docx"), as a warning; and a title that viewers do not show because
`/ViewerPreferences << /DisplayDocTitle true >>` is missing, as a warning. Separately, as a notice:
a document that has a title but whose PDF/UA metadata is incomplete (no XMP packet, no `dc:title` in
it, or no `pdfuaid:part` identification).

## Why it matters
The title is the first thing a screen reader announces and what a person sees in the window title
and tab. A missing or placeholder title says nothing about the document, and without
DisplayDocTitle viewers show the file name ("FINAL_v3_revised.pdf") instead.

## Example
    /Info << /Title (Microsoft Word - Document1) >>
    % and no /ViewerPreferences in the catalog

## Use instead
    /Info << /Title (Spring Field Trip Permission Form) >>
    1 0 obj << /Type /Catalog ... /ViewerPreferences << /DisplayDocTitle true >> /Metadata 7 0 R >>

Word: File > Info > Properties > Title, and Save As PDF > Options keeps it; Acrobat: File >
Properties > Description > Title, and Initial View > Show: Document Title.

## References
- WCAG 2.4.2 Page Titled; technique PDF18
- PDF/UA-1 (ISO 14289-1) 7.1: dc:title in the XMP metadata and DisplayDocTitle true
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from webaudit import pdf, pdf_metadata

ID = "pdf-title"
TITLE = "PDF documents have a meaningful title"
WCAG = ("2.4.2",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Give the document a title that says what it is (Word: File > Info > Title; Acrobat: File > Properties > "
        "Title) and set Initial View > Show: Document Title so viewers display it.")

PLACEHOLDER = re.compile(
    r"^(?:untitled(?:[\s_-]*\d+)?|no title|title|document\s*\d*|doc\s*\d+|book\s*\d+|presentation\s*\d*"
    r"|powerpoint presentation|slide\s*\d+|new document|pdf|scan|scanned document|image|draft|template"
    r"|(?:scan|img|image|dsc|doc)[\s_-]*\d+)$",
    re.I)
FILE_NAME = re.compile(r"^[\w\-. ()~%]+\.(?:pdf|docx?|dotx?|pptx?|xlsx?|rtf|odt|odp|ods|pages|txt|indd|tiff?|"
                       r"jpe?g|png|html?)$", re.I)
OFFICE_PREFIX = re.compile(r"^(?:microsoft\s+(?:word|powerpoint|excel|publisher)|word|powerpoint)\s+-\s+", re.I)


def check(resource, config):
    doc = pdf.document(resource, config)
    if doc is None:
        return
    xmp = pdf_metadata.xmp(doc)
    info = (pdf_metadata.info_title(doc) or "").strip()
    title = info or (xmp.title if xmp else "") or ""
    if not title:
        yield resource.finding(None, "the document has no title (no /Title in its properties, no dc:title in its "
                                     "XMP metadata); readers announce the file name instead")
        return
    why = placeholder(title, resource.url)
    if why:
        yield resource.finding(None, f'the document\'s title "{title}" {why}; give it a title that says what the '
                                     "document is", severity="warning", snippet=title)
    elif not pdf_metadata.display_doc_title(doc):  # (a placeholder is fixed first)
        yield resource.finding(None, f'the document has a title ("{title}") but viewers show the file name instead: '
                                     "/ViewerPreferences /DisplayDocTitle is not true", severity="warning",
                               snippet="/DisplayDocTitle")
    missing = _pdfua_gaps(xmp)
    if missing:
        yield resource.finding(None, f'the document has a title ("{title}"), but its PDF/UA metadata is not '
                                     f"complete: {missing}", severity="notice", wcag=(), snippet="XMP metadata")


def placeholder(title: str, url: str = "") -> str | None:
    """Why a title is a placeholder, or None when it looks like a real one."""
    t = title.strip()
    if OFFICE_PREFIX.match(t):
        return "is what Office writes when it exports without a title (application and file name)"
    if PLACEHOLDER.match(t):
        return "is a placeholder"
    if FILE_NAME.match(t):
        return "is a file name"
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) if url else ""
    stem = name.rsplit(".", 1)[0]
    if stem and t.lower() == stem.lower() and (" " not in t) and re.search(r"[_\-\d]", t):
        return "is the file's own name"
    return None


def _pdfua_gaps(xmp) -> str:
    if xmp is None:
        return "it has no XMP metadata stream (PDF/UA needs dc:title there)"
    if xmp.error:
        return xmp.error
    gaps = []
    if not xmp.title:
        gaps.append("the XMP metadata has no dc:title")
    if not xmp.pdfua_part:
        gaps.append("it does not identify itself as PDF/UA (pdfuaid:part)")
    return "; ".join(gaps)
