"""Bytes -> Resource: sniff the kind from content, decode HTML robustly, parse it once with lxml."""
from __future__ import annotations

import re
from typing import Mapping

import lxml.html
from bs4.dammit import EncodingDetector, UnicodeDammit

from .resource import Resource


class Unreadable(Exception):
    """The target cannot be checked; the message says why, for a person."""


# Parsers are reused: building one costs more than parsing a small page. HTML parsing never touches
# the network and never resolves entities from a DTD; huge_tree lets deep or giant pages parse
# instead of stopping at libxml2's default limits.
_HTML_PARSER = lxml.html.HTMLParser(no_network=True, huge_tree=True, remove_pis=True)

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


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode HTML bytes: charset header, then BOM, then <meta>, then detection (bs4's UnicodeDammit)."""
    header_charset = None
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    if m:
        header_charset = m.group(1)
    # Fast path for the common case: a declared or default UTF-8 that decodes cleanly.
    declared = header_charset or EncodingDetector.find_declared_encoding(body[:4096], is_html=True)
    bom = body[:4]
    if not bom.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and (declared or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8"):
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    dammit = UnicodeDammit(body, known_definite_encodings=[header_charset] if header_charset else [], is_html=True)
    if dammit.unicode_markup is None:
        return body.decode("utf-8", "replace"), "utf-8"
    return dammit.unicode_markup, dammit.original_encoding or "utf-8"


def parse_html(text: str):
    """Parse decoded HTML once; returns the root <html> element (lxml.html) with source lines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # lxml refuses str input that declares an encoding in an XML prolog; the text is already decoded.
    if text.lstrip()[:5].lower() == "<?xml":
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    if not text.strip():
        text = "<html></html>"
    try:
        return lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    except Exception as e:  # lxml raises ParserError for documents with nothing to parse
        raise Unreadable(f"cannot be parsed as HTML ({e})") from None


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
    return res
