"""`--baseline FILE`: the first run records today's findings, later runs report and fail only on new
ones, matched by fingerprint so that unrelated edits to a page do not make old findings new."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawlsite import Page, Server, Site
from webaudit.cli import main
from webaudit.model import Finding, Severity

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Lincoln news</title></head>
<body>
<main>
<h1>News</h1>
{above}
<div class="news">
<p>Picture day is Friday.</p>
<img src="picture-day.jpg">
{beside}
</div>
</main>
</body>
</html>
"""


def write(folder: Path, above: str = "", beside: str = "") -> None:
    (folder / "news.html").write_text(PAGE.format(above=above, beside=beside), encoding="utf-8")


def check(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["check", "--select", "img-alt", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)["findings"], result.stderr


@pytest.fixture()
def site(tmp_path, monkeypatch) -> Path:
    (tmp_path / "site").mkdir()
    write(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "site"


def test_fingerprints_ignore_lines_and_positions_but_not_content():
    f = Finding("img-alt", "m", Severity.ERROR, "https://a.org/p#top", line=3,
                selector="main > div:nth-of-type(2) > img:nth-of-type(1)", snippet='<img src="a.png">')
    moved = Finding("img-alt", "m", Severity.ERROR, "https://a.org/p", line=90,
                    selector="main > div:nth-of-type(5) > img", snippet='<img src="a.png">')
    assert f.fingerprint == moved.fingerprint
    for other in (Finding("img-alt", "m", Severity.ERROR, "https://a.org/p", selector=f.selector, snippet="<img>"),
                  Finding("img-alt", "m", Severity.ERROR, "https://a.org/q", selector=f.selector, snippet=f.snippet),
                  Finding("link-name", "m", Severity.ERROR, f.url, selector=f.selector, snippet=f.snippet),
                  Finding("img-alt", "m", Severity.ERROR, f.url, selector="main > img", snippet=f.snippet)):
        assert other.fingerprint != f.fingerprint


def test_records_then_fails_only_on_new_findings(site):
    status, found, err = check("site", "--baseline", "baseline.json")
    assert status == 0 and len(found) == 1  # recorded: reported, but accepted
    assert "recorded 1 finding in the baseline baseline.json" in err
    entries = json.loads(Path("baseline.json").read_text())["findings"]
    assert [(e["rule"], e["where"], e["count"]) for e in entries] == [("img-alt", "site/news.html", 1)]

    # unrelated edits: a news item added above (new lines, a renumbered div), text changed, an image beside
    write(site, above='<div class="news"><p>Bus 12 is late.</p></div>\n' * 3,
          beside='<img src="logo.png" alt="Lincoln Elementary">')
    status, found, err = check("site", "--baseline", "baseline.json")
    assert (status, found) == (0, []) and "1 finding in the baseline baseline.json not shown" in err

    # a new problem: only it is reported, and it fails the run
    write(site, above='<div class="news"><p>Bus 12 is late.</p></div>\n', beside='<img src="field-trip.jpg">')
    status, found, err = check("site", "--baseline", "baseline.json")
    assert status == 1 and [f["snippet"] for f in found] == ['<img src="field-trip.jpg">']

    # the old one fixed: the baseline says so, and --update-baseline records the smaller set
    (site / "news.html").write_text(PAGE.format(above="", beside="").replace(
        '<img src="picture-day.jpg">', '<img src="picture-day.jpg" alt="Students lined up for photos">'))
    status, found, err = check("site", "--baseline", "baseline.json")
    assert status == 0 and "0 findings in the baseline" in err and "1 recorded there no longer occur" in err
    status, found, err = check("site", "--baseline", "baseline.json", "--update-baseline")
    assert json.loads(Path("baseline.json").read_text())["findings"] == []


def test_matches_from_any_folder_and_counts_identical_elements(site, tmp_path, monkeypatch):
    write(site, beside='<img src="picture-day.jpg">')  # the same image twice in one place: one fingerprint
    assert check("site", "--baseline", "baseline.json")[0] == 0
    assert json.loads(Path("baseline.json").read_text())["findings"][0]["count"] == 2
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # absolute paths, another working folder: still the same findings
    status, found, _ = check(str(site), "--baseline", str(tmp_path / "baseline.json"))
    assert (status, found) == (0, [])
    write(site, beside='<img src="picture-day.jpg"><img src="picture-day.jpg">')  # a third copy is new
    status, found, _ = check(str(site), "--baseline", str(tmp_path / "baseline.json"))
    assert status == 1 and len(found) == 1


def test_bad_baseline_options_are_usage_errors(site):
    result = CliRunner().invoke(main, ["check", "site", "--update-baseline"])
    assert result.exit_code == 2 and "--update-baseline needs --baseline FILE" in result.output
    Path("baseline.json").write_text("{not json")
    result = CliRunner().invoke(main, ["check", "site", "--baseline", "baseline.json"])
    assert result.exit_code == 2 and "is not a webaudit baseline" in result.output


def test_crawl_with_a_baseline_fails_only_on_new_findings(tmp_path):
    site = Site()
    site.pages["/"] = Page(PAGE.format(above="", beside="").encode())
    db, baseline = str(tmp_path / "results.sqlite"), str(tmp_path / "baseline.json")
    with Server(site) as server:
        def crawl():
            return CliRunner().invoke(main, ["crawl", server.base + "/", "--db", db, "-j", "1", "--no-progress",
                                             "--no-links", "--select", "img-alt", "--baseline", baseline])
        first = crawl()
        assert first.exit_code == 0 and "recorded 1 finding in the baseline" in first.stderr
        site.edit("/", '<p>More news.</p><img src="new.jpg">')
        second = crawl()
        assert second.exit_code == 1 and "1 finding not in the baseline" in second.stderr
