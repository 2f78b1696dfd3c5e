"""The page's language is a real language code.

## What it does
Flags an `<html lang>` whose primary language subtag (the part before the first hyphen) is not a
language in the IANA Language Subtag Registry: `lang="english"`, `lang="xx"`, `lang="em-US"`,
`lang="en_US"` (an underscore is no separator), three-letter codes of languages that have a two-letter
one (`eng`, `spa`), and grandfathered tags such as `i-lux`. Region and script subtags are not judged:
`en-US`, `es-419`, `zh-Hant` and even `de-hello` pass, as browsers accept them. Three-letter codes of
languages without a two-letter one pass (`haw` Hawaiian, `chr` Cherokee, `hmn` Hmong). The message
suggests the code that was probably meant. An empty or missing lang is the html-lang check's.
Follows ACT rule bf051a ("HTML page lang attribute has valid language tag").

## Why it matters
Screen readers switch voice and pronunciation only for language codes they know. An unknown code is
as good as none: the page is read with the reader's default voice, often the wrong one.

## Example
    <html lang="english">
    <html lang="en_US">
    <html lang="eng">

## Use instead
    <html lang="en">
    <html lang="en-US">
    <html lang="haw">          <!-- Hawaiian has no two-letter code: the three-letter one is right -->

## References
- WCAG 3.1.1 Language of Page; technique H57; BCP 47 (RFC 5646)
- ACT rule bf051a HTML page lang attribute has valid language tag
"""
from __future__ import annotations

from webaudit.langtags import is_known, suggest

from .html_lang import XML_LANG, is_xhtml

ID = "html-lang-valid"
TITLE = "The page's language is a real language code"
WCAG = ("3.1.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Use a language code from BCP 47 in the html element: lang="en", "en-US", "es", "zh-Hant", "vi"; '
        "a hyphen, not an underscore, separates the region.")


def check(resource, config):
    html = resource.tree
    if html is None or html.tag != "html":
        return
    attr, value = "lang", (html.get("lang") or "").strip()
    if not value and is_xhtml(resource):
        attr, value = XML_LANG, (html.get(XML_LANG) or "").strip()
    if not value or is_known(value):
        return
    hint = suggest(value)
    msg = f'{attr}="{value}" on the <html> element is not a known language code'
    yield resource.finding(html, msg + (f'; did you mean {attr}="{hint}"?' if hint else ""))
