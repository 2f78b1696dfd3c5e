"""`webaudit report`: the district report site built from a results store with two runs (see
reportdata.py), read back as HTML, checked with webaudit's own checks, and rendered in real headless
Chromium (Debian's `chromium`), with a screenshot."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from PIL import Image

import reportdata as rd
from browser import chromium, needs_chromium
from webaudit.cli import main
from webaudit.config import ConfigError, from_mapping
from webaudit.registry import all_checks
from webaudit.report.site import build
from webaudit.report.site.owners import Owner, Owners
from webaudit.store import Store

TITLE = {c.id: c.title for c in all_checks().values()}


def read(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_text(encoding="utf-8"))


def text(el) -> str:
    """The element's text with its parts separated by spaces, as a reader hears it."""
    return " ".join(" ".join(el.itertext()).split())


def rows(doc, caption: str) -> list[list[str]]:
    table = next(t for t in doc.iter("table") if t.find("caption") is not None and caption in text(t.find("caption")))
    return [[text(c) for c in tr if c.tag in ("th", "td")] for tr in table.iter("tr")][1:]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    db = rd.build(tmp / "results.sqlite")
    store = Store(db)
    built = build(store, tmp / "report", from_mapping({"report": {"owners": rd.OWNERS}}))
    store.close()
    assert (built.run_id, built.resources, built.findings, built.new, built.fixed) == (2, 5, 7, 1, 1)
    return tmp / "report"


def page_file(report: Path, url: str) -> Path:
    index = read(report / "index.html")
    for site in index.iter("a"):
        if site.get("href", "").startswith("sites/"):
            for a in read(report / site.get("href")).iter("a"):
                if a.get("href", "").startswith("../pages/") and url in text(a.getparent().getparent()):
                    return report / a.get("href")[3:]
    raise AssertionError(f"no page file for {url}")


def test_overview_counts_by_severity_site_check_criterion_and_owner(report):
    index = read(report / "index.html")
    cards = [text(li) for li in index.find_class("cards")[0]]
    assert cards == ["4 pages checked", "1 documents checked", "0 images, media and other files", "5 errors",
                     "1 need review", "1 notices"]
    assert rows(index, "Findings by site") == [["Report for lincoln.example.org", "3", "1", "0"],
                                               ["Report for washington.example.org", "2", "0", "1"]]
    by_check = rows(index, "Findings by check")
    assert by_check[0] == ["Images have a text alternative img-alt", "3", "0", "0"]
    assert ["Heading levels go down one at a time heading-order", "0", "0", "0"] not in by_check  # fixed
    assert rows(index, "WCAG 2 success criterion")[0] == ["1.1.1 Non-text Content (level A)", "3", "0", "0"]
    assert [r[0] for r in rows(index, "owners with the most")] == ["Principal Park", "Ms. Rivera", "Coach Lee",
                                                                  "Unassigned"]
    trend = [r[:1] + r[2:] for r in rows(index, "trend as numbers")]  # without the date
    assert trend == [["2", "5", "1", "1", "4", "1"], ["1", "6", "1", "1", "5", "1"]]
    charts = index.findall(".//svg")
    assert [c.get("role") for c in charts if c.get("role")] == ["img", "img"]


def test_new_and_fixed_are_by_fingerprint_not_by_line(report):
    new, fixed = read(report / "new.html"), read(report / "fixed.html")
    assert "1 finding on 1 page" in text(new)
    assert [text(h) for h in new.iter("h3")] == [f"Needs review {TITLE['link-purpose']} link-purpose"]
    assert "img-alt" not in text(new.find(".//main"))  # moved from line 10 to 14: not new
    assert "heading-order" in text(fixed) and "img-alt" not in text(fixed.find(".//main"))
    assert "Not counted: 1 findings on 1 pages this run no longer found" in text(fixed)  # the board minutes


def test_each_finding_in_full_on_its_page(report):
    staff = read(page_file(report, rd.STAFF))
    assert text(staff.find(".//h1")) == "Ms. Rivera's class"
    first = staff.find_class("finding")[0]
    assert "image 'team.jpg' has no alt attribute" in text(first)
    assert "WCAG 1.1.1 Non-text Content (level A)" in text(first)
    assert "Line 14, column 3" in text(first)
    assert text(first.find(".//code")) == "img-alt" and "main > img" in text(first)
    assert text(first.find(".//pre")) == '<img src="team.jpg">'  # the snippet, shown as text
    assert "How to fix: Add an alt attribute." in text(first)
    headings = [text(h) for h in staff.iter("h2")]
    assert headings == ["Errors (1)", "Needs review (a person must confirm) (1)"]  # worst first
    facts = dict(rows(staff, "About this page"))
    assert facts["Owner"].startswith("Ms. Rivera (from the page's author tag")
    assert facts["New since the last run"] == "1"


def test_site_and_owner_pages_list_worst_first_and_only_their_own(report):
    sites = read(report / "sites.html")
    lincoln = report / next(a.get("href") for a in sites.iter("a") if "lincoln" in text(a))
    assert [r[1] for r in rows(read(lincoln), "Every page")] == [rd.STAFF, rd.COACH, rd.PDF]
    owners = read(report / "owners.html")
    assert [r[:2] for r in rows(owners, "Owners")] == [
        ["Principal Park", "park@example.org"], ["Ms. Rivera", "from the page's author tag (no e-mail configured)"],
        ["Coach Lee", "lee@example.org"], ["Unassigned", "no owner configured for these pages"]]
    park = read(report / next(a.get("href") for a in owners.iter("a") if text(a) == "Principal Park"))
    listed = [text(li.find(".//p")) for li in park.find_class("finding")]
    assert listed == ["image 'a.jpg' has no alt attribute", "image 'b.jpg' has no alt attribute",
                      "word-paste problem"]  # errors before notices, nobody else's
    assert [a.get("href") for a in park.iter("a") if a.get("href", "").startswith("mailto:")] == \
        ["mailto:park@example.org"]


def test_owners_longest_pattern_wins_then_author_then_unassigned():
    owners = Owners({"https://a.org/": "Web Team <web@a.org>", "https://a.org/staff/*": "Ms. Rivera <r@a.org>",
                     "https://a.org/staff/lee/": {"name": "Coach Lee"}})
    assert owners.owner_of("https://a.org/staff/lee/x") == Owner("Coach Lee")
    assert owners.owner_of("https://a.org/staff/kim") == Owner("Ms. Rivera", "r@a.org")
    assert owners.owner_of("https://a.org/news") == Owner("Web Team", "web@a.org")
    assert owners.owner_of("https://b.org/", author="ms. rivera") == Owner("Ms. Rivera", "r@a.org")  # known name
    assert owners.owner_of("https://b.org/", author="Mr. Diaz") == Owner("Mr. Diaz", "", "author")
    assert owners.owner_of("https://b.org/").name == "Unassigned"
    with pytest.raises(ConfigError, match="must be"):
        Owners({"https://a.org/": 42})


def test_the_report_passes_webaudits_own_checks(report):
    result = CliRunner().invoke(main, ["check", str(report), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    assert "Checked 15 targets: 0 errors, 0 to review, 0 notices." in result.output


def test_cli_writes_rewrites_and_refuses_foreign_folders(tmp_path):
    db = rd.build(tmp_path / "results.sqlite")
    runner = CliRunner()
    out = tmp_path / "report"
    (tmp_path / "webaudit.toml").write_text('[report]\ntitle = "Springfield schools"\n')
    done = runner.invoke(main, ["report", "--db", str(db), "--out", str(out), "--config",
                                str(tmp_path / "webaudit.toml")])
    assert done.exit_code == 0, done.output
    assert "report of run 2 (5 resources, 7 findings; 1 new, 1 fixed since the last run)" in done.output
    assert text(read(out / "index.html").find(".//title")) == "Overview - Springfield schools"
    stale = out / "pages" / "gone-0000000000.html"
    stale.write_text("old")
    done = runner.invoke(main, ["report", "--db", str(db), "--out", str(out), "--run", "1"])
    assert done.exit_code == 0 and not stale.exists()  # an earlier report is replaced, stale pages and all
    assert "first finished run" in text(read(out / "index.html"))
    assert runner.invoke(main, ["check", str(out), "--fail-on", "notice"]).exit_code == 0  # accessible too
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "keep.jpg").write_bytes(b"x")
    done = runner.invoke(main, ["report", "--db", str(db), "--out", str(foreign)])
    assert done.exit_code == 2 and "not empty and holds no webaudit report" in done.output
    assert (foreign / "keep.jpg").exists()
    (tmp_path / "bad.toml").write_text("[report]\ncolour = 'red'\n")
    done = runner.invoke(main, ["report", "--db", str(db), "--out", str(out), "--config", str(tmp_path / "bad.toml")])
    assert done.exit_code == 2 and "unknown key(s) in [report]: colour" in done.output
    done = runner.invoke(main, ["report", "--db", str(db), "--out", str(out), "--run", "9"])
    assert done.exit_code == 2 and "has no run 9" in done.output


@needs_chromium
def test_overview_renders_in_chromium(report, tmp_path):
    shot = tmp_path / "overview.png"
    dom = chromium(tmp_path, report / "index.html", f"--screenshot={shot}", "--window-size=1280,2000")
    assert dom.find(".//title").text == "Overview - District accessibility report"
    assert text(dom.find(".//h1")) == "Overview"
    assert [text(a) for a in dom.find(".//nav").iter("a")] == ["Overview", "Sites", "Owners", "New since last run",
                                                              "Fixed since last run"]
    assert [t.text for t in dom.iter("title")][1:] == ["Findings per run, by severity",
                                                       "Pages and documents checked per run"]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    assert image.getpixel((5, 5)) == (0x14, 0x21, 0x3D)  # the header's colour: the inline stylesheet applied
    assert len(image.crop((0, 0, 800, 1200)).getcolors(2**20)) > 50  # text, cards and charts, not a blank page
