"""Bytes -> Resource: sniff the kind from content, decode HTML robustly, parse it once with lxml."""
from __future__ import annotations

import re
from typing import Mapping

from lxml import etree
from bs4.dammit import EncodingDetector, UnicodeDammit

from .resource import Resource


class Unreadable(Exception):
    """The target cannot be checked; the message says why, for a person."""


# Parsers are reused: building one costs more than parsing a small page. HTML parsing never touches
# the network and never resolves entities from a DTD; huge_tree lets deep or giant pages parse
# instead of stopping at libxml2's default limits.
# Plain etree elements, not lxml.html's: its per-element Python class lookup makes every element a
# check touches cost several times more.
_HTML_PARSER = etree.HTMLParser(no_network=True, huge_tree=True, remove_pis=True)

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"BM", None),  # too short to trust alone: decided below by extension
    (b"\x1aE\xdf\xa3", "video"),  # Matroska / WebM
    (b"ID3", "audio"),
    (b"OggS", "audio"),
    (b"fLaC", "audio"),
)
_EXT = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".vtt": "captions", ".css": "css",
    ".gif": "image", ".png": "image", ".jpg": "image", ".jpeg": "image", ".webp": "image", ".heic": "image",
    ".mp4": "video", ".webm": "video", ".m4v": "video", ".mov": "video", ".ogv": "video",
    ".mp3": "audio", ".wav": "audio", ".m4a": "audio", ".ogg": "audio",
}
_CTYPE = {
    "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf", "text/vtt": "captions",
    "text/css": "css",
}
_HTMLISH = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|meta|title|div|p|h[1-6]|!--|[a-z])", re.I | re.S)


def sniff(body: bytes, content_type: str = "", name: str = "") -> str | None:
    """The resource kind, by content first, then the declared type, then the file extension."""
    head = body[:512]
    for magic, kind in _MAGIC:
        if head.startswith(magic) and kind:
            return kind
    if head[4:8] == b"ftyp":  # ISO base media: mp4, m4a, mov, heic
        brand = head[8:12]
        return "image" if brand in (b"heic", b"heix", b"mif1", b"avif") else ("audio" if brand == b"M4A " else "video")
    if head[:4] == b"RIFF":
        return {b"WEBP": "image", b"WAVE": "audio", b"AVI ": "video"}.get(head[8:12])
    text_head = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text_head.startswith(b"WEBVTT"):
        return "captions"
    ctype = content_type.split(";", 1)[0].strip().lower()
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if _looks_binary(head):
        return _EXT.get(ext) if _EXT.get(ext) not in (None, "html", "css", "captions") else None
    if _HTMLISH.match(_strip_bom(head)) or ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    return _CTYPE.get(ctype) or _EXT.get(ext) or ("html" if ctype.startswith("text/") or not body.strip() else None)


def _strip_bom(b: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if b.startswith(bom):
            return b[len(bom):].replace(b"\x00", b"")
    return b


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for c in head if c < 9 or 13 < c < 32)
    return controls / len(head) > 0.05


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode HTML bytes as browsers do: BOM, then the charset header, then <meta>, then detection
    (bs4's UnicodeDammit with charset-normalizer). A declaration that does not decode is skipped."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, "replace"), enc
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    declared = [m.group(1)] if m else []
    meta = EncodingDetector.find_declared_encoding(body[:4096], is_html=True)
    if meta:
        declared.append(meta)
    for enc in declared or ["utf-8"]:
        try:
            return body.decode(enc), enc.lower()
        except (UnicodeDecodeError, LookupError):
            continue
    dammit = UnicodeDammit(body, is_html=True, exclude_encodings=[d.lower() for d in declared])
    guess = (dammit.original_encoding or "").lower().replace("_", "-")
    if dammit.unicode_markup is None or _SINGLE_BYTE_LATIN.match(guess):
        # Short texts in single-byte Latin code pages cannot be told apart reliably; like browsers in
        # English-speaking locales (WHATWG's default), read them as windows-1252.
        return body.decode(FALLBACK_ENCODING, "replace"), FALLBACK_ENCODING
    return dammit.unicode_markup, guess or "utf-8"


FALLBACK_ENCODING = "windows-1252"
_SINGLE_BYTE_LATIN = re.compile(r"^(?:cp125[0-8]|windows-125[0-8]|iso-8859-(?:[1-9]|1[0-6])|latin-?\d|mac-?\w+|ascii)$")


def parse_html(text: str):
    """Parse decoded HTML once; returns the root <html> element (lxml.etree) with source lines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # lxml refuses str input that declares an encoding in an XML prolog; the text is already decoded.
    if text.lstrip()[:5].lower() == "<?xml":
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    if not text.strip():
        text = "<html></html>"
    try:
        root = etree.fromstring(text, parser=_HTML_PARSER)
    except (etree.LxmlError, ValueError) as e:
        raise Unreadable(f"cannot be parsed as HTML ({e})") from None
    if root is None:  # nothing but comments or whitespace
        root = etree.fromstring("<html></html>", parser=_HTML_PARSER)
    return root


def make_resource(url: str, body: bytes, headers: Mapping[str, str] | None = None, via: dict | None = None) -> Resource:
    """Sniff, decode and parse; raises Unreadable with a clear reason."""
    headers = dict(headers or {})
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    kind = sniff(body, ctype, url.split("?", 1)[0])
    if kind is None:
        raise Unreadable("is not HTML, PDF or a known media type (binary content)")
    res = Resource(url=url, kind=kind, body=body, headers=headers, via=dict(via or {}))
    if kind in ("html", "captions", "css"):
        res.text, res.encoding = decode_html(body, ctype)
    if kind == "html":
        res.tree = parse_html(res.text)
        limit = next((e for e in _HTML_PARSER.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
        if limit is not None:  # libxml2 stops at 2,048 levels of nesting; say so rather than lose it silently
            res.truncated_at = limit.line
    return res
