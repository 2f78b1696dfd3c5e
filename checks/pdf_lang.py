"""PDF documents declare their language.

## What it does
Flags a PDF whose catalog has no `/Lang` entry, an empty one, or a value that is not a language tag
with a registered primary language (`English`, `en_US`, `eng`), suggesting the tag meant. Uses the
same language-tag table as the HTML `lang` checks, so both agree.

## Why it matters
Screen readers pick their pronunciation from the document language. Without it a Spanish letter to
families is read with English rules, and is hard to understand.

## Example
    1 0 obj << /Type /Catalog /Pages 2 0 R >>
    1 0 obj << /Type /Catalog /Pages 2 0 R /Lang (English) >>

## Use instead
    1 0 obj << /Type /Catalog /Pages 2 0 R /Lang (en-US) >>

In Word, set the proofing language before exporting; in Acrobat, File > Properties > Advanced >
Reading Options > Language.

## References
- WCAG 3.1.1 Language of Page; technique PDF16
- BCP 47 language tags
"""
from __future__ import annotations

from webaudit import langtags, pdf, pdf_metadata

ID = "pdf-lang"
TITLE = "PDF documents declare their language"
WCAG = ("3.1.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Set the document language (a BCP 47 tag such as en-US or es): Acrobat, File > Properties > Advanced > "
        "Language; Word exports the proofing language.")


def check(resource, config):
    doc = pdf.document(resource, config)
    if doc is None:
        return
    lang = pdf_metadata.language(doc)
    if lang is None:
        xmp = pdf_metadata.xmp(doc)
        hint = f' (the XMP metadata says "{xmp.language}", but readers use /Lang)' if xmp and xmp.language else ""
        yield resource.finding(None, f"the document declares no language (/Lang in the catalog){hint}; screen "
                                     "readers will guess how to pronounce it")
    elif not lang:
        yield resource.finding(None, "the document's language (/Lang) is empty", snippet="/Lang ()")
    elif not langtags.is_known(lang):
        better = langtags.suggest(lang)
        hint = f'did you mean "{better}"?' if better else 'use a BCP 47 tag such as "en-US" or "es"'
        yield resource.finding(None, f'the document\'s language "{lang}" is not a known language tag; {hint}',
                               snippet=f"/Lang ({lang})")
