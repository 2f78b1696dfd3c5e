"""`webaudit check` on PDFs: files, folders, --ocr-pages, --follow-documents, JSON page links."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from pdfgen import LETTER, PdfBuilder, draw_image, scan_image, text_lines

from webaudit.cli import main


def cli(*args):
    return CliRunner().invoke(main, ["check", "--format", "json", *args], catch_exceptions=False)


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def scanned_pdf() -> bytes:
    b = PdfBuilder(title="Field trip letter", lang="en")
    b.page(text_lines(LETTER))
    b.page(draw_image(), xobjects={"Im0": b.image(scan_image())})
    return b.bytes()


def test_folder_of_pdfs_reports_each_with_page_links(tmp_path):
    write(tmp_path / "letter.pdf", scanned_pdf())
    write(tmp_path / "empty.pdf", b"")
    result = cli("--select", "pdf-", "--ocr-pages", "0", str(tmp_path))
    assert result.exit_code == 1
    found = json.loads(result.output)["findings"]
    by_rule = {(f["url"].rsplit("/", 1)[-1], f["rule"]) for f in found}
    assert ("empty.pdf", "pdf-unreadable") in by_rule
    assert ("letter.pdf#page=2", "pdf-scanned") in by_rule
    scanned = next(f for f in found if f["rule"] == "pdf-scanned")
    assert "not OCR'd (ocr_pages = 0)" in scanned["message"] and scanned["wcag"] == ["1.1.1", "1.4.5"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_ocr_pages_option_reaches_the_check(tmp_path):
    write(tmp_path / "letter.pdf", scanned_pdf())
    found = json.loads(cli("--select", "pdf-scanned", "--ocr-pages", "1", str(tmp_path / "letter.pdf")).output)
    [f] = found["findings"]
    assert "OCR of page 2 finds" in f["message"]


def test_follow_documents_checks_same_site_pdfs_linked_from_a_page(tmp_path):
    write(tmp_path / "letter.pdf", scanned_pdf())
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>News</title></head><body>'
        '<a href="letter.pdf">Field trip letter (PDF)</a></body></html>')
    page = str(tmp_path / "index.html")
    without = json.loads(cli("--select", "pdf-", "--ocr-pages", "0", page).output)
    assert without["findings"] == [] and without["summary"]["targets"] == 1
    followed = json.loads(cli("--select", "pdf-", "--ocr-pages", "0", "--follow-documents", page).output)
    assert followed["summary"]["targets"] == 2
    assert {f["rule"] for f in followed["findings"]} >= {"pdf-scanned", "pdf-tagged"}


def test_rules_and_explain_list_the_pdf_checks():
    out = CliRunner().invoke(main, ["explain", "pdf-scanned"]).output
    assert "## What it does" in out and "ocr_pages = 3" in out
