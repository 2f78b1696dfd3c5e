"""pdf-unreadable: empty, truncated, damaged, encrypted and over-bound PDFs give one clear finding."""
from __future__ import annotations

import pytest
from pypdf.constants import UserAccessPermissions as Perm
from pypdf.generic import NameObject, StreamObject

from pdfgen import LETTER, PdfBuilder, all_pdf_findings, findings, scan_image, text_lines

from webaudit.config import Config
from webaudit.load import file_url
from webaudit.run import run


def letter(pages: int = 1, **kw) -> PdfBuilder:
    b = PdfBuilder(**kw)
    for _ in range(pages):
        b.page(text_lines(LETTER))
    return b


@pytest.mark.parametrize("data,reason", [
    (b"", "the file is empty (0 bytes)"),
    (letter().bytes()[:700], "truncated or damaged"),
    (b"%PDF-1.7\n" + b"\x00garbage" * 200, "truncated or damaged"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
     "damaged"),
])
def test_broken_files_give_one_error_and_no_other_finding(data, reason):
    [f] = all_pdf_findings(data)
    assert f.rule == "pdf-unreadable" and str(f.severity) == "error"
    assert f.message.startswith("the PDF cannot be checked: ") and reason in f.message


def test_password_protected_pdf_is_one_warning():
    b = letter()
    b.encrypt(user_password="s3cret", algorithm="AES-128")
    [f] = all_pdf_findings(b.bytes())
    assert f.rule == "pdf-unreadable" and str(f.severity) == "warning"
    assert "needs a password to open" in f.message


def test_certificate_encrypted_pdf_is_one_warning_that_says_so():
    """A PDF encrypted for certificate holders (the /Adobe.PubSec handler) is not a damaged one."""
    b = letter()
    b.encrypt(user_password="", algorithm="AES-128")
    data = b.bytes()
    assert data.count(b"/Filter /Standard") == 1
    [f] = all_pdf_findings(data.replace(b"/Filter /Standard", b"/Filter /Adobe.PubSec"))
    assert f.rule == "pdf-unreadable" and str(f.severity) == "warning"
    assert "encrypted for named recipients (certificate security" in f.message and "damaged" not in f.message


def test_permissions_forbidding_accessibility_extraction_are_an_error_and_the_rest_is_still_checked():
    b = letter(lang="en-US")
    b.encrypt(permissions=Perm.PRINT | Perm.FILL_FORM_FIELDS, algorithm="AES-128")
    fs = all_pdf_findings(b.bytes())
    [perm] = [f for f in fs if f.rule == "pdf-unreadable"]
    assert str(perm.severity) == "error" and "forbid extracting its content for accessibility" in perm.message
    assert {"pdf-tagged", "pdf-title"} <= {f.rule for f in fs}  # the document was read and checked


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_encrypted_pdf_that_allows_accessibility_is_read_normally(algorithm):
    b = letter(title="Spring Field Trip", lang="en")
    b.encrypt(permissions=Perm.PRINT | Perm.EXTRACT_TEXT_AND_GRAPHICS, algorithm=algorithm)
    fs = all_pdf_findings(b.bytes())
    assert "pdf-unreadable" not in {f.rule for f in fs}
    assert "pdf-tagged" in {f.rule for f in fs}


def test_page_bound_is_reported_once():
    [f] = findings("pdf-unreadable", letter(pages=3).bytes(), config={"pdf_max_pages": 2})
    assert str(f.severity) == "warning"
    assert f.message == ("the PDF could not be fully checked: only the first 2 of its 3 pages were checked "
                         "(pdf_max_pages)")


def test_time_bound_is_reported_and_nothing_raises():
    fs = all_pdf_findings(letter(pages=2).bytes(), config={"pdf_time_limit": 0.0})
    [f] = [f for f in fs if f.rule == "pdf-unreadable"]
    assert "time limit of 0 s (pdf_time_limit) was reached" in f.message


def test_damaged_page_content_is_a_could_not_fully_check_warning():
    b = PdfBuilder()
    b.page("", xobjects={"Im0": b.image(scan_image(size=(20, 20)))})
    broken = StreamObject()  # claims Flate, holds no zlib data
    broken[NameObject("/Filter")] = NameObject("/FlateDecode")
    broken._data = b"not zlib at all"
    b.pages[0][NameObject("/Contents")] = b._add(broken)
    fs = all_pdf_findings(b.bytes())
    [f] = [f for f in fs if f.rule == "pdf-unreadable"]
    assert str(f.severity) == "warning" and "page 1: its content is damaged" in f.message


def test_damaged_content_on_a_later_page_is_reported_by_pdf_unreadable_run_alone():
    b = letter()
    b.page("")
    broken = StreamObject()  # claims Flate, holds no zlib data
    broken[NameObject("/Filter")] = NameObject("/FlateDecode")
    broken._data = b"not zlib at all"
    b.pages[1][NameObject("/Contents")] = b._add(broken)
    [f] = findings("pdf-unreadable", b.bytes())
    assert str(f.severity) == "warning" and f.message.startswith("the PDF could not be fully checked: ")
    assert "page 2: its content is damaged" in f.message


def test_deeply_nested_objects_do_not_break_the_run(tmp_path):
    nested = "[" * 5000 + "]" * 5000
    data = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /Deep " + nested.encode() + b" >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
            b"trailer << /Root 1 0 R /Size 4 >>\nstartxref\n0\n%%EOF\n")  # no xref: pypdf rebuilds it
    (tmp_path / "deep.pdf").write_bytes(data)
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "fine.pdf").write_bytes(letter().bytes())
    results = {r.url.rsplit("/", 1)[-1]: r for r in run([str(tmp_path)], Config(), jobs=1)}
    assert set(results) == {"deep.pdf", "empty.pdf", "fine.pdf"}
    assert [f.rule for f in results["empty.pdf"].findings] == ["pdf-unreadable"]
    [deep] = results["deep.pdf"].findings
    assert deep.rule == "pdf-unreadable" and "cannot be read" in deep.message
    assert "pdf-tagged" in {f.rule for f in results["fine.pdf"].findings}
    assert not any(f.rule == "check-failed" for r in results.values() for f in r.findings)
    assert results["deep.pdf"].url == file_url(tmp_path / "deep.pdf")


def test_damaged_copies_of_valid_pdfs_never_crash_a_check():
    """Deterministic mutations (flipped bytes, cut runs, stray tokens) of tagged, form and scan PDFs:
    every check either reports or notes the damage; none fails, nothing raises."""
    import random

    from test_pdf_forms import form_like
    from test_pdf_structure import accessible_pdf

    scan = PdfBuilder()
    scan.page("q 612 0 0 792 0 0 cm /Im0 Do Q /Fm0 Do",
              xobjects={"Im0": scan.image(scan_image(size=(300, 400), font_size=12)),
                        "Fm0": scan.form(text_lines(["hidden words"], mode=3))})
    bases = [accessible_pdf(3).bytes(), form_like([("a", None), ("b", "B")]).bytes(), scan.bytes()]
    rng = random.Random(20250509)
    for _ in range(80):
        data = bytearray(rng.choice(bases))
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.5:
                data[pos] = rng.randrange(256)
            elif roll < 0.8:
                del data[pos:pos + rng.randint(1, 40)]
            else:
                data[pos:pos] = rng.choice([b"[", b"<<", b"(", b"0 0 R", b"-1", b"999999999999"])
        fs = all_pdf_findings(bytes(data), {"ocr_pages": 0})
        assert not [f.message for f in fs if f.rule == "check-failed"]
