"""Document-level metadata of an opened PDF: title (Info and XMP), language, PDF/UA identification.

XMP is XML inside the PDF: it is parsed with entity resolution, DTD loading and network access off
(a PDF is untrusted input), and only up to XMP_MAX_BYTES.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .pdf import PdfDocument, resolve, safely, text

XMP_MAX_BYTES = 4 * 1024 * 1024
_XMP_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


@dataclass(frozen=True)
class Xmp:
    title: str | None  # dc:title (the x-default alternative, else the first)
    language: str | None  # dc:language
    pdfua_part: str | None  # pdfuaid:part: the PDF/UA version the file claims
    error: str | None = None  # why the XMP packet could not be read


def info_title(doc: PdfDocument) -> str | None:
    """The /Title of the document information dictionary."""
    try:
        info = resolve(doc.reader.trailer.get("/Info"))
        return text(info.get("/Title")) if hasattr(info, "get") else None
    except Exception:  # noqa: BLE001 - a damaged Info dictionary is the same as none
        return None


def xmp(doc: PdfDocument) -> Xmp | None:
    """The catalog's XMP metadata stream, parsed (cached); None when the document has none."""
    if "xmp" not in doc.cache:
        doc.cache["xmp"] = _read_xmp(doc)
    return doc.cache["xmp"]


def _read_xmp(doc: PdfDocument) -> Xmp | None:
    try:
        stream = resolve(doc.catalog.get("/Metadata"))
        if stream is None or not hasattr(stream, "get_data"):
            return None
        data = stream.get_data()
    except Exception as e:  # noqa: BLE001
        return Xmp(None, None, None, error=f"the XMP metadata stream cannot be decoded ({type(e).__name__})")
    if len(data) > XMP_MAX_BYTES:
        return Xmp(None, None, None, error=f"the XMP metadata is over {XMP_MAX_BYTES // 2**20} MB")
    try:
        root = etree.fromstring(data.strip(b"\x00 \r\n\t"), _XMP_PARSER)
    except etree.XMLSyntaxError as e:
        return Xmp(None, None, None, error=f"the XMP metadata is not well-formed XML ({e})")
    return Xmp(title=_alt_text(root, "dc:title"), language=_first(root, "dc:language"),
               pdfua_part=_property(root, "pdfuaid:part"))


def _alt_text(root, name: str) -> str | None:
    items = root.xpath(f"//{name}//rdf:li", namespaces=_NS)
    default = [li for li in items if li.get(f"{{{_NS['xml']}}}lang") == "x-default"]
    for li in default + items:
        value = "".join(li.itertext()).strip()
        if value:
            return value
    return None


def _first(root, name: str) -> str | None:
    for li in root.xpath(f"//{name}//rdf:li", namespaces=_NS):
        value = "".join(li.itertext()).strip()
        if value:
            return value
    return None


def _property(root, name: str) -> str | None:
    """An XMP simple property, written as an element or as an attribute of rdf:Description."""
    for el in root.xpath(f"//{name}", namespaces=_NS):
        if (el.text or "").strip():
            return el.text.strip()
    prefix, local = name.split(":")
    values = root.xpath(f"//rdf:Description/@{prefix}:{local}", namespaces=_NS)
    return str(values[0]).strip() if values else None


def language(doc: PdfDocument) -> str | None:
    """The catalog's /Lang ("" when present but empty or unreadable; None when absent)."""
    if "/Lang" not in doc.catalog:
        return None
    return (safely(doc, "/Lang", text, doc.catalog.get("/Lang")) or "").strip()


def display_doc_title(doc: PdfDocument) -> bool:
    """Does /ViewerPreferences /DisplayDocTitle ask viewers to show the title, not the file name?"""
    return bool(safely(doc, "/ViewerPreferences", _display_doc_title, doc))


def _display_doc_title(doc: PdfDocument) -> bool:
    prefs = resolve(doc.catalog.get("/ViewerPreferences"))
    value = resolve(prefs.get("/DisplayDocTitle")) if hasattr(prefs, "get") else None
    return getattr(value, "value", value) is True  # a pypdf BooleanObject
