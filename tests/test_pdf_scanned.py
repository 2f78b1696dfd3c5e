"""pdf-scanned: scans, OCR text layers, photos under text; real Tesseract on generated scans."""
from __future__ import annotations

import shutil

import pytest

from pdfgen import H, LETTER, PdfBuilder, W, draw_image, findings, photo_image, scan_image, text_lines

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason="needs Tesseract (Debian packages tesseract-ocr, tesseract-ocr-eng)")


def scan_page(b: PdfBuilder, *, layer: str | None = None, lines=LETTER) -> int:
    """A page that is one scanned image; `layer` "form" puts an invisible OCR text layer in a Form
    XObject, "under" paints visible text under the image (the older way OCR tools hid it)."""
    xobjects = {"Im0": b.image(scan_image(lines))}
    content = draw_image()
    if layer == "form":
        xobjects["Fm0"] = b.form(text_lines(lines, mode=3))
        content += " q /Fm0 Do Q"
    elif layer == "under":
        content = text_lines(lines) + " " + content
    return b.page(content, xobjects=xobjects)


def born_digital_page(b: PdfBuilder) -> int:
    return b.page(text_lines(LETTER))


def test_image_only_scan_is_an_error_with_the_ocr_word_count_and_sample():
    b = PdfBuilder()
    scan_page(b)
    [f] = findings("pdf-scanned", b.bytes())
    assert str(f.severity) == "error" and f.wcag == ("1.1.1", "1.4.5")
    assert f.message.startswith("page 1 (the only page) is a scanned image with no text")
    words = int(f.message.split("finds ")[1].split(" words")[0])
    assert words >= 30  # the letter has 41 words
    assert "field trip" in f.snippet.lower()
    assert f.url.endswith("#page=1")


def test_scan_with_invisible_ocr_layer_in_a_form_xobject_is_a_warning_saying_so():
    b = PdfBuilder()
    scan_page(b, layer="form")
    [f] = findings("pdf-scanned", b.bytes())
    assert str(f.severity) == "warning"
    assert "invisible OCR text layer (41 words" in f.message and "still a scanned image" in f.message


def test_text_hidden_under_the_scan_counts_as_an_ocr_layer():
    b = PdfBuilder()
    scan_page(b, layer="under")
    [f] = findings("pdf-scanned", b.bytes())
    assert str(f.severity) == "warning" and "invisible OCR text layer" in f.message


def test_full_page_photo_under_real_text_is_not_a_scan():
    b = PdfBuilder()
    b.page(draw_image() + " " + text_lines(LETTER), xobjects={"Im0": b.image(photo_image())})
    assert findings("pdf-scanned", b.bytes()) == []


def test_full_page_photo_with_no_text_at_all_is_a_warning_after_ocr():
    b = PdfBuilder()
    b.page(draw_image(), xobjects={"Im0": b.image(photo_image())})
    [f] = findings("pdf-scanned", b.bytes())
    assert str(f.severity) == "warning" and "OCR finds no words" in f.message


def test_small_picture_on_a_text_page_is_not_a_scan():
    b = PdfBuilder()
    b.page(draw_image(box=(400, 600, 540, 740)), xobjects={"Im0": b.image(photo_image())})
    assert findings("pdf-scanned", b.bytes()) == []


def test_mixed_document_names_only_the_scanned_page():
    b = PdfBuilder()
    born_digital_page(b)
    scan_page(b)
    born_digital_page(b)
    [f] = findings("pdf-scanned", b.bytes())
    assert f.message.startswith("page 2 (1 of 3 pages) is a scanned image with no text")
    assert f.url.endswith("#page=2")


def test_ocr_is_bounded_by_ocr_pages():
    b = PdfBuilder()
    for _ in range(3):
        scan_page(b, lines=LETTER[:2])
    [f] = findings("pdf-scanned", b.bytes(), config={"ocr_pages": 1})
    assert "pages 1-3 (3 of 3 pages) are scanned images" in f.message
    assert "OCR of page 1 finds" in f.message and "pages 2-3 not OCR'd (ocr_pages = 1)" in f.message


def test_no_ocr_at_all_still_reports_the_scan():
    b = PdfBuilder()
    scan_page(b)
    [f] = findings("pdf-scanned", b.bytes(), config={"ocr_pages": 0})
    assert str(f.severity) == "error" and "not OCR'd (ocr_pages = 0)" in f.message and "finds" not in f.message


def test_page_tiled_from_strips_is_rasterised_for_ocr():
    """Two half-page images: not one image, so PDFium renders the page for Tesseract."""
    b = PdfBuilder()
    img = scan_image()
    top = b.image(img.crop((0, 0, 850, 550)))
    bottom = b.image(img.crop((0, 550, 850, 1100)))
    b.page(draw_image("Top", (0, 396, 612, 792)) + " " + draw_image("Bottom", (0, 0, 612, 396)),
           xobjects={"Top": top, "Bottom": bottom})
    [f] = findings("pdf-scanned", b.bytes())
    assert str(f.severity) == "error" and "field trip" in f.snippet.lower()



# -- the boundaries pdf-scanned applies: COVERING, MAX_VISIBLE_CHARS, MIN_OCR_WORDS ------------------------
def part_scan(box, size=(W, H), text: str = "") -> bytes:
    """A page with one scan (enough pixels to hold text) drawn over `box`, then `text` painted over it."""
    b = PdfBuilder()
    content = draw_image(box=box) + (" " + text_lines([text]) if text else "")
    b.page(content, xobjects={"Im0": b.image(scan_image(LETTER[:2], size=(600, 500), font_size=20))}, size=size)
    return b.bytes()


def test_an_image_covering_exactly_the_covering_share_of_the_page_covers_it():
    from webaudit.pdf_content import COVERING

    assert COVERING == 0.85  # a 100 x 100 pt page with a 100 x 85 pt image: covered is exactly 0.85
    [f] = findings("pdf-scanned", part_scan((0, 0, 100, 85), size=(100, 100)), config={"ocr_pages": 0})
    assert f.message.startswith("page 1 (the only page) is a scanned image with no text")
    assert findings("pdf-scanned", part_scan((0, 0, 100, 84), size=(100, 100)), config={"ocr_pages": 0}) == []


def test_exactly_max_visible_chars_of_real_text_on_a_scan_is_real_text():
    from webaudit.checks.pdf_scanned import MAX_VISIBLE_CHARS

    assert MAX_VISIBLE_CHARS == 40
    assert findings("pdf-scanned", part_scan((0, 0, W, H), text="A" * 40), config={"ocr_pages": 0}) == []
    [f] = findings("pdf-scanned", part_scan((0, 0, W, H), text="A" * 39), config={"ocr_pages": 0})
    assert "is a scanned image with no text" in f.message


def test_exactly_min_ocr_words_is_a_scan_of_text_and_one_fewer_a_picture():
    from webaudit.checks.pdf_scanned import MIN_OCR_WORDS

    assert MIN_OCR_WORDS == 5

    def one_line(line: str) -> bytes:
        b = PdfBuilder()
        b.page(draw_image(), xobjects={"Im0": b.image(scan_image([line], size=(850, 300), font_size=40))})
        return b.bytes()

    [f] = findings("pdf-scanned", one_line("Please return the slip today"))
    assert str(f.severity) == "error" and 'finds 5 words ("Please return the slip today")' in f.message
    [f] = findings("pdf-scanned", one_line("Please return the slip"))
    assert str(f.severity) == "warning" and "OCR finds no words" in f.message
