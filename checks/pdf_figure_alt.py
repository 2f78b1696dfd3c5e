"""Figures in tagged PDFs have alternate text.

## What it does
Flags every `Figure` structure element (custom tags role-mapped to Figure included) that has neither
a non-empty `/Alt` nor an `/ActualText`. Alternate text that is a file name or a placeholder
("image", "picture") is a warning. The alternate text belongs on the structure element: text on the
image object itself is not read.

## Why it matters
A screen reader announces a figure without alternate text as "graphic", or skips it: a chart of
enrollment, a map to the field trip or a photo of the new principal says nothing. Pictures that are
decoration only belong in an artifact, not in a Figure tag.

## Example
    12 0 obj << /Type /StructElem /S /Figure /P 10 0 R /K 3 >>

## Use instead
    12 0 obj << /Type /StructElem /S /Figure /P 10 0 R /K 3
                /Alt (Bar chart: enrollment grew from 410 to 455 students since 2021) >>

In Word, add alt text to the picture before exporting; in Acrobat, Accessibility > Set Alternate
Text, or mark a decorative image as a background artifact.

## References
- WCAG 1.1.1 Non-text Content; technique PDF1
- PDF/UA-1 (ISO 14289-1) 7.3: figures shall have alternate text
"""
from __future__ import annotations

import re

from webaudit import pdf

ID = "pdf-figure-alt"
TITLE = "Figures in tagged PDFs have alternate text"
WCAG = ("1.1.1",)
LEVEL = "A"
POLICY = "Images carry alt text or a long description"
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Give each Figure tag alternate text that says what the picture shows (Acrobat: Accessibility > Set "
        "Alternate Text; Word: alt text before exporting); mark decorative images as artifacts.")

PLACEHOLDERS = frozenset({"image", "img", "picture", "photo", "graphic", "figure", "logo", "icon", "chart",
                          "alt", "alt text", "untitled", "placeholder", "null", "none", "description"})
FILE_NAME = re.compile(r"^[\w\-. ()%]+\.(?:jpe?g|png|gif|bmp|tiff?|emf|wmf|svg|webp|heic)$", re.I)


def check(resource, config):
    found = pdf.tagged(resource, config)
    if found is None:
        return  # unreadable or untagged: pdf-unreadable and pdf-tagged report it
    doc, tree = found
    for fig in tree.by_role("Figure"):
        where = f"page {fig.page}" if fig.page else "page unknown"
        snippet = f"<{fig.type}>"
        if (fig.actual_text or "").strip():
            continue
        alt = (fig.alt or "").strip()
        if not alt:
            yield resource.finding(None, f"{where}: {fig.mapped} at {fig.path} has no alternate text (/Alt or "
                                         "/ActualText); screen readers cannot say what it shows",
                                   selector=fig.path, snippet=snippet, url=doc.page_url(fig.page))
        elif FILE_NAME.match(alt) or alt.lower().strip(" .:") in PLACEHOLDERS:
            yield resource.finding(None, f'{where}: {fig.mapped} at {fig.path} has alternate text "{alt}" that '
                                         "does not describe it", severity="warning",
                                   selector=fig.path, snippet=f"{snippet} /Alt ({alt})", url=doc.page_url(fig.page))
