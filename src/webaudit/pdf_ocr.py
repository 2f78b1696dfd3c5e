"""OCR of a PDF page: how many words an image of text holds, and a sample of them.

A page that is one upright image is read from that image at its own resolution; any other page
(tiles, several images, rotated or masked images, formats pypdf cannot decode) is rasterised with
PDFium (pypdfium2), never guessed from its largest image: at OCR_DPI, or at its images' own
resolution when lower. Decoding and rendering are
bounded by the document's `max_image_pixels`; Tesseract by the time the document has left.

Tesseract runs single-threaded (OMP_THREAD_LIMIT=1, unless already set): its own threads are slower
than one per process on small machines, and the engine parallelises by process instead.
"""
from __future__ import annotations

import math
import os
import re
import time
from dataclasses import dataclass

from .pdf import PdfDocument, integer
from .pdf_content import page_content

OCR_DPI = 300
MIN_DPI = 150
MIN_CONFIDENCE = 60  # Tesseract's per-word confidence (0-100) for a word to count
SAMPLE_CHARS = 90
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class OcrResult:
    words: int
    sample: str  # the first words, for a person to see that it is text
    seconds: float
    error: str | None = None  # why OCR could not run (then words is 0)


def ocr_page(doc: PdfDocument, number: int, lang: str = "eng") -> OcrResult:
    """Run Tesseract on page `number` (cached per page)."""
    done = doc.cache.setdefault("ocr", {})
    if number not in done:
        done[number] = _ocr(doc, number, lang)
    return done[number]


def _ocr(doc: PdfDocument, number: int, lang: str) -> OcrResult:
    started = time.monotonic()
    budget = doc.seconds_left()
    if budget <= 0:
        return OcrResult(0, "", 0.0, f"the time limit of {doc.bounds.time_limit:g} s (pdf_time_limit) was reached")
    try:
        import pytesseract
    except ImportError:
        return OcrResult(0, "", 0.0, "pytesseract is not installed")
    try:
        image = page_image(doc, number)
    except Exception as e:  # noqa: BLE001 - a page PDFium cannot render is reported, not raised
        return OcrResult(0, "", time.monotonic() - started, f"the page could not be rendered ({type(e).__name__})")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(image, lang=lang, timeout=max(1, math.ceil(budget)),
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError:
        return OcrResult(0, "", 0.0, "Tesseract is not installed (Debian packages tesseract-ocr, tesseract-ocr-eng)")
    except pytesseract.TesseractError as e:  # a RuntimeError too: catch it first
        return OcrResult(0, "", time.monotonic() - started, f"Tesseract failed ({str(e.message).strip()[:120]})")
    except RuntimeError as e:  # pytesseract's timeout
        if "timeout" not in str(e).lower():
            raise
        doc.note(f"OCR of page {number} was stopped by the time limit ({doc.bounds.time_limit:g} s)")
        return OcrResult(0, "", time.monotonic() - started, "OCR was stopped by the time limit")
    words = [w.strip() for w, conf in zip(data["text"], data["conf"])
             if w.strip() and _WORD.search(w) and float(conf) >= MIN_CONFIDENCE]
    return OcrResult(len(words), _sample(words), time.monotonic() - started)


def _sample(words: list[str]) -> str:
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > SAMPLE_CHARS:
            return out + " …"
        out = f"{out} {w}" if out else w
    return out


def page_image(doc: PdfDocument, number: int):
    """A greyscale PIL image of the page for OCR, within the pixel bound."""
    content = page_content(doc, number)
    image = content.one_image
    rotated = integer(doc.page(number).get("/Rotate")) % 360
    if image is not None and image.stream is not None and image.upright and not image.masked and not rotated:
        w, h = image.pixels
        if 0 < w * h <= doc.bounds.max_image_pixels:
            try:
                return image.stream.decode_as_image().convert("L")
            except Exception:  # noqa: BLE001 - JBIG2 and other filters pypdf cannot decode: render instead
                pass
    return render(doc, number)


def render(doc: PdfDocument, number: int):
    """Rasterise the page with PDFium, at OCR_DPI or at the resolution of its scanned images when that
    is lower (more pixels than the scan has add nothing but OCR time), within the pixel bound."""
    import pypdfium2 as pdfium

    pdf = doc.cache.get("pdfium")
    if pdf is None:
        pdf = doc.cache["pdfium"] = pdfium.PdfDocument(doc.body)
    page = pdf[number - 1]
    width, height = page.get_size()
    scale = _dpi(page_content(doc, number)) / 72
    if width * height * scale * scale > doc.bounds.max_image_pixels:
        scale = math.sqrt(doc.bounds.max_image_pixels / (width * height))
    return page.render(scale=scale, grayscale=True).to_pil().convert("L")


def _dpi(content) -> float:
    """OCR_DPI, or the resolution of the page's sharpest image if lower (but at least MIN_DPI)."""
    sharpest = max((img.pixels[0] * 72 / (img.bbox[2] - img.bbox[0])
                    for img in content.images if img.bbox[2] > img.bbox[0]), default=OCR_DPI)
    return min(OCR_DPI, max(MIN_DPI, sharpest))
