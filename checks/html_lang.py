"""The page declares its language.

## What it does
Flags a page whose `<html>` element has no `lang` attribute, or one that is empty or only spaces. An
`xml:lang` attribute alone does not count in an HTML page (browsers ignore it there), except in an XHTML
page served as `application/xhtml+xml`. Whether the value is a real language code is the
html-lang-valid check's job. Follows ACT rule b5c3f8 ("HTML page has lang attribute").

## Why it matters
Screen readers pick their voice and pronunciation from the page language. Without it a Spanish page is
read with English pronunciation rules (and the other way round), which makes it hard to understand for
the families it was written for. Browsers also use it for translation offers and hyphenation.

## Example
    <html>
    <html lang="">
    <html xml:lang="en">

## Use instead
    <html lang="en">
    <html lang="es">               <!-- the Spanish version of the page -->

## References
- WCAG 3.1.1 Language of Page; technique H57
- ACT rule b5c3f8 HTML page has lang attribute
"""
from __future__ import annotations

ID = "html-lang"
TITLE = "The page declares its language"
WCAG = ("3.1.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = 'Add the page\'s language to the html element: <html lang="en"> (or "es", "vi", ... for other languages).'

XML_LANG = "xml:lang"


def check(resource, config):
    html = resource.tree
    if html is None or html.tag != "html":
        return
    lang = html.get("lang")
    if lang is not None and lang.strip():
        return
    xml_lang = (html.get(XML_LANG) or "").strip()
    if xml_lang and is_xhtml(resource):
        return
    if xml_lang:
        msg = (f'the <html> element has only xml:lang="{xml_lang}", which browsers ignore in an HTML page; '
               f'add lang="{xml_lang}"')
    elif lang is not None:
        msg = "the <html> element's lang attribute is empty, so screen readers cannot tell the page's language"
    elif resource.position(html)[1] is None:  # no <html> tag in the source: the parser made one up
        yield resource.finding(None, 'the page has no <html lang="..."> tag, so screen readers cannot tell '
                                     "the page's language")
        return
    else:
        msg = "the <html> element has no lang attribute, so screen readers cannot tell the page's language"
    yield resource.finding(html, msg)


def is_xhtml(resource) -> bool:
    """Served as XML (where xml:lang is the language attribute), not as text/html."""
    ctype = next((v for k, v in resource.headers.items() if k.lower() == "content-type"), "")
    if ctype:
        return ctype.split(";", 1)[0].strip().lower() == "application/xhtml+xml"
    return resource.url.split("?", 1)[0].lower().endswith(".xhtml")
