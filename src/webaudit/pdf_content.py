"""What a PDF page draws: raster images and where they land, and how much text is visible.

A page is read with pypdf's ContentStream, tracking the graphics state a scan detector needs: the
current transformation matrix (q/Q save and restore it, cm changes it), the text render mode (Tr; 3
paints nothing and 7 only clips, which is how OCR tools hide their text layer), text-showing
operators, image draws (Do of an image XObject, inline images) and Form XObjects, which are entered
with their own /Matrix and resources (OCR tools often put the text layer in one).

Text painted before an opaque image that covers the page is hidden under it (another way OCR tools
hide text), so it counts as hidden, not visible.

Parsing a content stream is the costly part of checking a PDF, so a page is parsed only when its
raster images have enough pixels to be a readable scan (MIN_SCAN_PIXELS, about 50 dpi over a page):
a text page with a logo is not parsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import ContentStream, DictionaryObject

from .pdf import PdfDocument, integer, pypdf_warnings, resolve

COVERING = 0.85  # an image covering this share of the page (or more) covers the page
MIN_SCAN_PIXELS = 200_000  # about 50 dpi over a letter page: fewer pixels cannot hold readable text
MAX_FORM_DEPTH = 12  # Form XObjects inside Form XObjects
MAX_OPERATIONS = 1_000_000  # per page, forms included
_INVISIBLE_MODES = (3, 7)  # render modes that paint no glyphs
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s*/")
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in default user space


@dataclass(frozen=True)
class PlacedImage:
    """One raster image as drawn on the page."""

    bbox: Box
    pixels: tuple[int, int]  # width, height
    stream: Any  # the pypdf image XObject (None for an inline image)
    upright: bool  # drawn without rotation or mirroring
    coverage: float  # share of the page it covers
    masked: bool  # has a soft mask or colour-key mask, so it may be see-through


@dataclass
class PageContent:
    number: int
    box: Box  # the visible page (crop box)
    images: list[PlacedImage] = field(default_factory=list)
    visible_chars: int = 0  # non-blank characters painted in a visible render mode
    hidden_chars: int = 0  # characters in render mode 3/7, or painted over by a page-covering image
    covered: float = 0.0  # share of the page covered by images (their union)
    complete: bool = True  # False when a bound or damage stopped the analysis

    @property
    def one_image(self) -> PlacedImage | None:
        """The page's only image when it covers the page (OCR can read it directly)."""
        if len(self.images) == 1 and self.images[0].coverage >= COVERING:
            return self.images[0]
        return None


def content_bytes(doc: PdfDocument, number: int) -> bytes:
    """The page's decoded content stream(s), cached (the page is not parsed here)."""
    return _stream(doc, number)[1]


def _stream(doc: PdfDocument, number: int) -> tuple[ContentStream | None, bytes]:
    streams = doc.cache.setdefault("content_streams", {})
    if number not in streams:
        with pypdf_warnings() as warned:
            try:
                cs = doc.page(number).get_contents()
                streams[number] = (cs, cs.get_data() if cs is not None else b"")
            except Exception as e:  # noqa: BLE001 - a damaged stream is one page's problem
                doc.note(f"page {number}: its content cannot be decoded ({type(e).__name__}: {e})")
                streams[number] = (None, b"")
        if warned:
            doc.note(f"page {number}: its content is damaged and was read only in part ({warned[0]})")
    return streams[number]


def may_be_scanned(doc: PdfDocument, number: int) -> bool:
    """Could the page be a scan? Only if it has scan-sized raster images: image XObjects (also inside
    forms) of MIN_SCAN_PIXELS or more together, or an inline image. Logos and icons are not enough."""
    page = doc.page(number)
    return _image_pixels(resolve(page.get("/Resources")), 0, set()) >= MIN_SCAN_PIXELS or bool(
        _INLINE_IMAGE.search(content_bytes(doc, number)))


def _image_pixels(resources, depth: int, seen: set[int]) -> int:
    """Pixels of the image XObjects a resource dictionary offers, forms included."""
    if not isinstance(resources, DictionaryObject) or depth > MAX_FORM_DEPTH or id(resources) in seen:
        return 0
    seen.add(id(resources))
    xobjects = resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return 0
    total = 0
    for ref in xobjects.values():
        xobj = resolve(ref)
        subtype = xobj.get("/Subtype") if isinstance(xobj, DictionaryObject) else None
        if subtype == "/Image":
            total += max(0, integer(xobj.get("/Width"))) * max(0, integer(xobj.get("/Height")))
        elif subtype == "/Form":
            total += _image_pixels(resolve(xobj.get("/Resources")), depth + 1, seen)
    return total


def page_content(doc: PdfDocument, number: int) -> PageContent:
    """What page `number` draws (cached). A page that cannot be a scan is not parsed (see may_be_scanned)."""
    pages = doc.cache.setdefault("page_content", {})
    if number not in pages:
        pages[number] = _analyse(doc, number)
    return pages[number]


def _analyse(doc: PdfDocument, number: int) -> PageContent:
    page = doc.page(number)
    box = _page_box(page)
    result = PageContent(number, box)
    try:
        if not may_be_scanned(doc, number):
            return result
        cs, _ = _stream(doc, number)
        if cs is None:
            return result
        painter = _Painter(doc, result)
        painter.run(cs.operations, resolve(page.get("/Resources")), _IDENTITY, 0, ())
    except RecursionError:
        doc.note(f"page {number}: its content is nested too deeply to analyse")
        result.complete = False
    except Exception as e:  # noqa: BLE001 - damaged content: keep what was read, say so
        doc.note(f"page {number}: its content could not be fully analysed ({type(e).__name__}: {e})")
        result.complete = False
    result.covered = _union_area([_clip(i.bbox, box) for i in result.images]) / _area(box) if _area(box) else 0.0
    return result


class _Painter:
    """Runs a content stream's operators over a small graphics state (CTM and text render mode)."""

    def __init__(self, doc: PdfDocument, result: PageContent):
        self.doc = doc
        self.result = result
        self.operations = 0

    def run(self, operations, resources, ctm, depth: int, forms: tuple[int, ...]) -> None:
        mode = 0
        saved: list[tuple] = []
        result = self.result
        for operands, op in operations:
            self.operations += 1
            if self.operations > MAX_OPERATIONS:
                self.doc.note(f"page {result.number}: over {MAX_OPERATIONS:,} drawing operations; the rest "
                              "was not analysed")
                result.complete = False
                return
            if op in (b"Tj", b"'", b'"', b"TJ"):
                n = _chars(operands[-1]) if operands else 0
                if mode in _INVISIBLE_MODES:
                    result.hidden_chars += n
                else:
                    result.visible_chars += n
            elif op == b"q":
                saved.append((ctm, mode))
            elif op == b"Q":
                if saved:
                    ctm, mode = saved.pop()
            elif op == b"cm" and len(operands) == 6:
                ctm = _multiply(tuple(float(v) for v in operands), ctm)
            elif op == b"Tr" and operands:
                mode = integer(operands[0])
            elif op == b"Do" and operands:
                self._do(resources, operands[0], ctm, depth, forms)
            elif op == b"INLINE IMAGE":
                settings = operands.get("settings", {})
                size = (integer(settings.get("/W", settings.get("/Width"))),
                        integer(settings.get("/H", settings.get("/Height"))))
                self._image(ctm, size, None, masked=False)

    def _do(self, resources, name, ctm, depth: int, forms: tuple[int, ...]) -> None:
        xobjects = resolve(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
        if not isinstance(xobjects, DictionaryObject) or name not in xobjects:
            return
        ref = xobjects.raw_get(name)
        xobj = resolve(ref)
        subtype = xobj.get("/Subtype") if isinstance(xobj, DictionaryObject) else None
        if subtype == "/Image":
            size = (integer(xobj.get("/Width")), integer(xobj.get("/Height")))
            self._image(ctm, size, xobj, masked="/SMask" in xobj or "/Mask" in xobj)
        elif subtype == "/Form":
            key = getattr(ref, "idnum", id(xobj))
            if key in forms or depth >= MAX_FORM_DEPTH:
                return  # a form that draws itself, or absurd nesting
            matrix = xobj.get("/Matrix")
            if matrix is not None and len(matrix) == 6:
                ctm = _multiply(tuple(float(v) for v in matrix), ctm)
            form_resources = resolve(xobj.get("/Resources")) or resources
            self.run(ContentStream(xobj, self.doc.reader).operations, form_resources, ctm, depth + 1,
                     forms + (key,))

    def _image(self, ctm, size, stream, masked: bool) -> None:
        result = self.result
        corners = [_apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        area = _area(result.box)
        coverage = _area(_clip(bbox, result.box)) / area if area else 0.0
        a, b, c, d = ctm[:4]
        upright = abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0
        result.images.append(PlacedImage(bbox, size, stream, upright, coverage, masked))
        if coverage >= COVERING and not masked:  # an opaque page-sized image hides what was painted before
            result.hidden_chars += result.visible_chars
            result.visible_chars = 0


def _chars(s) -> int:
    """Non-blank characters (bytes, for simple fonts) in a text operand; TJ arrays mix in numbers."""
    if isinstance(s, list):
        return sum(_chars(x) for x in s if isinstance(x, (str, bytes)))
    if isinstance(s, bytes):
        return len(s) - s.count(b" ") - s.count(b"\x00")
    if isinstance(s, str):
        return len(s) - s.count(" ")
    return 0


def _multiply(m, n):
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _page_box(page) -> Box:
    try:
        r = page.cropbox
        box = (float(r.left), float(r.bottom), float(r.right), float(r.top))
        return (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3]))
    except Exception:  # noqa: BLE001 - a page without a usable box: assume US Letter
        return (0.0, 0.0, 612.0, 792.0)


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _clip(b: Box, to: Box) -> Box:
    return (max(b[0], to[0]), max(b[1], to[1]), min(b[2], to[2]), min(b[3], to[3]))


def _union_area(boxes: list[Box]) -> float:
    """Area covered by the union of rectangles (tiled scans are drawn as strips)."""
    boxes = [b for b in boxes if _area(b) > 0]
    if not boxes:
        return 0.0
    xs = sorted({x for b in boxes for x in (b[0], b[2])})
    total = 0.0
    for x0, x1 in zip(xs, xs[1:]):
        spans = sorted((b[1], b[3]) for b in boxes if b[0] <= x0 and b[2] >= x1)
        covered, top = 0.0, None
        for y0, y1 in spans:
            if top is None or y0 > top:
                covered += y1 - y0
                top = y1
            elif y1 > top:
                covered += y1 - top
                top = y1
        total += covered * (x1 - x0)
    return total
