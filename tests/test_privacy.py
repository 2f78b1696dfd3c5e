"""The privacy helpers: masking, personal-name detection (precision and recall on a labelled list of
school-page phrases), the district's name lists, staff-directory context."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from webaudit import privacy
from webaudit.parse import make_resource
from webaudit.privacy import (NameListError, find_names, list_pattern, load_names, mask_email, mask_id, mask_name,
                              mask_names, names_in_file_name, normal_name, student_names)

PHRASES = Path(__file__).resolve().parent / "data" / "name_phrases.tsv"


def labelled_phrases() -> list[tuple[str, set[str]]]:
    out = []
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, names = line.partition("\t")
            out.append((text, set(filter(None, names.split("|")))))
    return out


# -- masking ---------------------------------------------------------------------------------------------------

def test_masking_keeps_only_what_a_reader_needs():
    assert mask_email("maya.lopez@students.example.org") == "m***@students.example.org"
    assert mask_id("2045187") == "*****87"
    assert mask_id("1234") == "****"
    assert mask_name("Maya Lopez") == "M*** L***"
    assert mask_name("Maya R.") == "M*** R."
    assert mask_names(["Maya Lopez", "Maya Lopez", "Leo Chen"]) == "M*** L***, L*** C***"
    assert mask_names([f"{c}ya Lopez" for c in "ABCDEF"]) == "A*** L***, B*** L***, C*** L***, D*** L*** and 2 more"
    assert privacy.mask_emails("write to leo@students.example.org now") == "write to l***@students.example.org now"


@pytest.mark.parametrize("text,masked", [
    ("Welcome Maya LOPEZ (maya@students.example.org)", "Welcome M*** L*** (m***@students.example.org)"),
    ("CONGRATULATIONS TO SOFIA MARTINEZ!", "CONGRATULATIONS TO S*** M***!"),
    ("José García's poem", "J*** G***'s poem"),
    ("Thanks to our PTA and Principal Maria GARCIA", "Thanks to our PTA and Principal M*** G***"),
    ("Lopez, Maya\t2045187", "L*** M***\t2045187"),
    ("Maya IEP review", "M*** IEP review"),
])
def test_excerpts_mask_names_however_they_are_written(text, masked):
    assert privacy.mask_text(text) == masked


# -- name detection ---------------------------------------------------------------------------------------------

def test_name_detection_precision_and_recall_on_labelled_phrases():
    tp = fp = fn = 0
    wrong = []
    for text, want in labelled_phrases():
        got = {n.text for n in student_names(text)}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            wrong.append(f"{text!r}: want {sorted(want)}, got {sorted(got)}")
    assert tp > 20 and sum(1 for _, w in labelled_phrases() if not w) > 40  # the list covers both sides
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision == 1.0 and recall >= 0.95, "\n".join(wrong)


@pytest.mark.parametrize("text,adult", [
    ("Principal Maria Lopez welcomes families", True),
    ("Maria Lopez, Principal", True),
    ("our school nurse, Angela Brown", True),
    ("Angela Brown - Fourth Grade Teacher", True),
    ("Maya Lopez (Grade 3)", False),
    ("Maya Lopez, 3rd grade, with teacher Mrs. Lee", False),
])
def test_adults_are_told_apart_by_titles_and_roles(text, adult):
    names = find_names(text)
    assert names and names[0].adult is adult


def test_names_report_their_position_in_the_text():
    text = "Winners: Maya Lopez's volcano"
    (name,) = find_names(text)
    assert (name.text, text[name.start:name.end]) == ("Maya Lopez", "Maya Lopez")


@pytest.mark.parametrize("url,names", [
    ("/media/maya-lopez-science-fair.jpg", ["Maya Lopez"]),
    ("https://x.org/img/MayaLopez.png?w=300", ["Maya Lopez"]),
    ("/media/kayla_smith_art.png", ["Kayla Smith"]),
    ("/media/maya-r.jpg", ["Maya R"]),
    ("/media/IMG_2041.JPG", []),
    ("/media/lincoln-elementary.jpg", []),
    ("/media/grace-hall.jpg", []),
    ("/media/jordan-park.jpg", []),
    ("/media/art-show-2024.jpg", []),
])
def test_names_in_file_names(url, names):
    assert names_in_file_name(url) == names


# -- name lists --------------------------------------------------------------------------------------------------

def test_name_lists_read_csv_columns_text_lines_and_lists(tmp_path):
    (tmp_path / "split.csv").write_text("First Name,Last Name,Grade\nMaya,Lopez,4\nLeo,Chen,5\n", encoding="utf-8")
    (tmp_path / "full.csv").write_text('student_id,name\n1,"Lopez, Maya"\n2,Ana Ruiz\n', encoding="utf-8")
    (tmp_path / "lines.txt").write_text("\ufeffOkonkwo, Jayden\nHarper  Nguyen\n\n", encoding="utf-8")
    assert load_names("split.csv", tmp_path) == {"maya lopez", "leo chen"}
    assert load_names("full.csv", tmp_path) == {"maya lopez", "ana ruiz"}
    assert load_names(str(tmp_path / "lines.txt"), Path("/nonexistent")) == {"jayden okonkwo", "harper nguyen"}
    assert load_names(["Maya R.", "Lopez, Maya"], tmp_path) == {"maya r", "maya lopez"}
    assert load_names(None, tmp_path) == frozenset()
    assert normal_name("  LOPEZ,  Maya ") == "maya lopez"


def test_name_lists_are_reread_when_the_file_changes(tmp_path):
    f = tmp_path / "release.txt"
    f.write_text("Maya Lopez\n", encoding="utf-8")
    assert load_names("release.txt", tmp_path) == {"maya lopez"}
    f.write_text("Maya Lopez\nLeo Chen\n", encoding="utf-8")
    os.utime(f, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert load_names("release.txt", tmp_path) == {"maya lopez", "leo chen"}


def test_unreadable_name_lists_say_why_without_quoting_them(tmp_path):
    with pytest.raises(NameListError, match="no such file"):
        load_names("missing.csv", tmp_path)
    (tmp_path / "latin1.csv").write_bytes("name\nJos\xe9 P\xe9rez\n".encode("latin-1"))
    with pytest.raises(NameListError, match="cannot be read") as e:
        load_names("latin1.csv", tmp_path)
    assert "rez" not in str(e.value)
    with pytest.raises(NameListError, match="expected a file path or a list"):
        load_names(42, tmp_path)


def test_list_pattern_finds_names_in_any_case_and_spacing():
    pattern = list_pattern(frozenset({"jayden okonkwo", "ana ruiz"}))
    assert pattern.search("photo of JAYDEN   Okonkwo at recess")
    assert pattern.search("jayden okonkwo") and not pattern.search("Jayden Okonkwoski")
    # a given name with the surname's initial, as schools shorten names; not another surname or initial
    assert [m.group() for m in pattern.finditer("Jayden O. and Ana R and Jayden P. and Ana Rx")] == ["Jayden O.", "Ana R"]
    assert list_pattern(frozenset()) is None


# -- staff-directory context -------------------------------------------------------------------------------------

@pytest.mark.parametrize("title,h1,staff", [
    ("Staff Directory | Lincoln Elementary", "Staff Directory", True),
    ("Lincoln Elementary", "Meet Our Teachers", True),
    ("Faculty - Roosevelt Middle School", "Faculty", True),
    ("Staff Appreciation Week", "Staff Appreciation Week photos", False),
    ("News", "Science fair winners", False),
])
def test_staff_pages_are_recognised_by_title_and_h1(title, h1, staff):
    page = f"<html><head><title>{title}</title></head><body><h1>{h1}</h1></body></html>"
    assert privacy.is_staff_page(make_resource("https://x.org/", page.encode())) is staff


def test_opt_out_catches_a_shortened_name_and_only_that_child():
    from webaudit.testing import run_check
    page = Path(__file__).resolve().parent.parent / "fixtures" / "student-photo-with-name" / "fail-opt-out-shortened.html"
    findings, _ = run_check("student-photo-with-name", page)
    assert [(f.severity.name, f.snippet) for f in findings] == [
        ("ERROR", '<img src="…/tomatoes.jpg">'), ("WARNING", '<img src="…/beans.jpg">')]
