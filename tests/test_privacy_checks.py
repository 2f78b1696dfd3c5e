"""student-photo-with-name, student-pii, third-party-unapproved beyond the fixtures: severities, what
reports must never show, configuration read from a file, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from webaudit.config import Config, from_mapping, load
from webaudit.model import CHECK_FAILED, Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource, run
from webaudit.testing import run_check

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HTML_CHECKS = ("student-photo-with-name", "student-pii", "third-party-unapproved")
# What the fixtures publish and no report may repeat: names, addresses, ID numbers.
SECRETS = ("Maya Lopez", "Leo Chen", "Okonkwo", "Ana Ruiz", "Harper Nguyen", "Aiden Patel", "Sofia Martinez",
           "maya.lopez@", "leo.chen@", "ana.ruiz@", "aiden.patel@", "2045187", "7654321", "20451870", "3318842", "3318843",
           "maya@students", "03/14/2015", "2015-06-02", "3.9", "peanut", "Bee stings", "José", "García", "Ximena",
           "Flores",
           "Darius Whitfield", "Whitfield", "Camila Reyes", "Reyes", "Elena Sokolova", "Sokolova")


def privacy_fixtures():
    return [(rule, p) for rule in HTML_CHECKS for p in sorted((FIXTURES / rule).glob("*.html"))]


@pytest.mark.parametrize("rule,path", privacy_fixtures(), ids=lambda v: getattr(v, "name", v))
def test_reports_never_repeat_what_they_found(rule, path):
    findings, _ = run_check(rule, path)
    for f in findings:
        shown = f"{f.message} {f.snippet} {f.selector}".lower()
        leaked = [s for s in SECRETS if s.lower() in shown]
        assert not leaked, f"{path.name}: {leaked} in {shown!r}"


def test_opt_out_is_an_error_and_never_names_the_list():
    findings, _ = run_check("student-photo-with-name", FIXTURES / "student-photo-with-name" /
                            "fail-release-and-opt-out.html")
    tug, sack = findings  # relay.jpg passes: every name on it has a signed release
    assert tug.severity is Severity.ERROR and "opt-out" in tug.message
    assert "tug-of-war-j***-o***.jpg" in tug.snippet and "M***" not in tug.message  # no name from the list or page
    assert sack.severity is Severity.WARNING and "sack.jpg" in sack.snippet
    assert "A*** R***" in sack.message and "L*** C***" not in sack.message


PHOTO_PAGE = """<html><head><title>Field day</title></head><body>
<figure><img src="/m/relay.jpg" alt="Relay"><figcaption>Maya Lopez wins the relay.</figcaption></figure>
</body></html>"""


def test_media_release_and_opt_out_from_a_config_file(tmp_path):
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "release.csv").write_text("name\nMaya Lopez\n", encoding="utf-8")
    (tmp_path / "privacy" / "opt-out.txt").write_text("Lopez, Maya\n", encoding="utf-8")
    page = tmp_path / "site" / "news.html"
    page.parent.mkdir()
    page.write_text(PHOTO_PAGE, encoding="utf-8")
    check = [get("student-photo-with-name")]

    (tmp_path / "webaudit.toml").write_text('media_release = "privacy/release.csv"\n', encoding="utf-8")
    cfg = load(start=page.parent)
    assert cfg.get("media_release") == "privacy/release.csv" and cfg.base_dir == tmp_path.resolve()
    assert list(run([str(page)], cfg, checks=check))[0].findings == []

    (tmp_path / "webaudit.toml").write_text('photo_opt_out = "privacy/opt-out.txt"\n', encoding="utf-8")
    (f,) = list(run([str(page)], load(start=page.parent), checks=check))[0].findings
    assert f.severity is Severity.ERROR

    assert [f.severity for f in run_check("student-photo-with-name", PHOTO_PAGE, config={})[0]] == [Severity.WARNING]


ACCENTED_PAGE = """<html><head><title>Field day</title></head><body>
<figure><img src="/m/relay.jpg" alt="Relay"><figcaption>Sofía Martínez wins the relay.</figcaption></figure>
<figure><img src="/m/sack.jpg" alt="Sack race"><figcaption>José García in the sack race.</figcaption></figure>
</body></html>"""


def test_names_with_and_without_diacritics_are_the_same_name():
    """A list exported without accents (student systems often drop them) still matches the page's spelling."""
    config = {"media_release": ["Sofia Martinez"], "photo_opt_out": ["Garcia, Jose"]}
    relay, sack = run_check("student-photo-with-name", ACCENTED_PAGE, config={})[0]
    assert relay.severity is sack.severity is Severity.WARNING and "S*** M***" in relay.message
    (sack,) = run_check("student-photo-with-name", ACCENTED_PAGE, config=config)[0]
    assert sack.severity is Severity.ERROR and "sack.jpg" in sack.snippet and "Jos" not in sack.message
    page = ACCENTED_PAGE.replace("Sofía Martínez", "Sofia Martinez").replace("José García", "Jose Garcia")
    (sack,) = run_check("student-photo-with-name", page, config={"media_release": ["Sofía Martínez"],
                                                                 "photo_opt_out": ["José García"]})[0]
    assert sack.severity is Severity.ERROR


def test_a_missing_list_is_reported_once_and_the_page_still_checked(tmp_path):
    cfg = from_mapping({"media_release": "nowhere.csv", "photo_opt_out": ["Ana Ruiz"]}, str(tmp_path / "x.toml"))
    findings, _ = run_check("student-photo-with-name", PHOTO_PAGE, config=cfg)
    problems = [f for f in findings if not f.selector]
    assert len(problems) == 1 and "media_release" in problems[0].message and "no such file" in problems[0].message
    assert [f.severity for f in findings if f.selector] == [Severity.WARNING]


def test_a_bad_student_id_pattern_is_a_finding_and_labelled_ids_are_still_found():
    page = "<html><body><p>Student ID: 20451870</p></body></html>"
    findings, _ = run_check("student-pii", page, config={"student_id_pattern": "S(\\d{7}"})
    assert any("not a valid regular expression" in f.message and not f.selector for f in findings)
    assert any(f.selector and "*" * 6 + "70" in f.message for f in findings)


def test_student_email_domains_are_configurable_and_cover_subdomains():
    page = "<html><body><p>a: kid@learn.example.edu</p><p>b: kid@example.edu</p><p>c: kid@students.x.org</p></body></html>"
    findings, _ = run_check("student-pii", page, config={"student_email_domains": ["learn.example.edu"]})
    assert [f.selector for f in findings] == ["html > body > p:nth-of-type(1)"]
    assert findings[0].severity is Severity.ERROR and "k***@learn.example.edu" in findings[0].message


def test_third_parties_on_a_local_file_without_district_domains():
    page = ('<html><head><script src="https://www.google-analytics.com/analytics.js"></script>'
            '<script src="js/local.js"></script></head><body></body></html>')
    findings, _ = run_check("third-party-unapproved", page, url="file:///srv/site/index.html")
    assert len(findings) == 1 and "(Google Analytics, analytics)" in findings[0].message
    assert findings[0].severity is Severity.WARNING


def test_a_form_with_personal_fields_is_an_error_and_queries_are_not_shown():
    page = ('<html><body><form action="https://collect.example.com/f?school=lincoln&amp;kid=maya@students.x.org">'
            '<input name="first_name"><input type="email" name="e"></form></body></html>')
    (f,) = run_check("third-party-unapproved", page, config={"district_domains": ["x.org"]})[0]
    assert f.severity is Severity.ERROR and "name, e-mail" in f.message
    assert "maya" not in f.snippet and "?" not in f.snippet


@pytest.mark.parametrize("body", [
    b"",
    b"<html>" + b"<div>" * 10_000 + b"Maya Lopez has asthma" + b"</div>" * 10_000 + b"</html>",
    b"<html><body><img><img src=''><img src='data:,'><a href></a><form action='http://['></form>"
    b"<script src='//'></script><iframe src='https://'></iframe><table><tr><th>DOB</th></tr><tr></tr></table>"
    b"<p>student id: 12345 kid@students.</p></body></html>",
    "<p>Ma\u00efa L\u00f3pez \u2014 n\u00e9e le 3/4/2015 \U0001f600 al\u00e9rgica</p>".encode(),
])
def test_odd_pages_never_crash_a_check(body):
    resource = make_resource("https://school.example.org/odd.html", body)
    findings = check_resource(resource, [get(c) for c in HTML_CHECKS], Config())
    assert not [f for f in findings if f.rule == CHECK_FAILED]


def test_a_base_element_that_points_to_another_host_is_followed():
    page = ('<html><head><base href="https://cdn.vendor.example/site/"></head><body>'
            '<script src="app.js"></script><img src="logo.png" alt="Logo"></body></html>')
    findings, _ = run_check("third-party-unapproved", page, url="https://www.k12.example.org/")
    assert [f.message.split(" from ")[1].split(",")[0] for f in findings] == ["cdn.vendor.example"]


def test_row_headers_are_not_column_headers():
    page = ("<html><body><table><tr><th>Medical forms</th><td>Due October 1</td></tr>"
            "<tr><th>Room parent</th><td>Maya Lopez</td></tr></table>"
            "<table><thead><tr><td>Student</td><td>Allergies</td></tr></thead>"
            "<tr><td>Leo Chen</td><td>None</td></tr><tr><td>Ana Ruiz</td><td>Peanuts</td></tr></table></body></html>")
    findings, _ = run_check("student-pii", page)
    assert [f.selector for f in findings] == ["html > body > table:nth-of-type(2) > tr:nth-of-type(2)"]
