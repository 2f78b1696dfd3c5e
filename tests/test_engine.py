"""The engine end to end through the CLI: loading, sniffing, decoding, exit codes, selection, suppression,
and bad input (never a traceback, never stops the other targets)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from webaudit import check_html
from webaudit.cli import main
from webaudit.parse import decode_html, sniff

IMG_PAGE = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><img src="a.png"></body></html>'


def run_cli(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(p)


def test_exit_codes_and_compiler_style_text(tmp_path):
    bad = write(tmp_path, "bad.html", IMG_PAGE)
    good = write(tmp_path, "good.html", IMG_PAGE.replace('<img src="a.png">', '<img src="a.png" alt="Map">'))
    code, out, _ = run_cli("check", "--select", "img-alt", good)
    assert code == 0 and "0 errors" in out
    code, out, _ = run_cli("check", "--select", "img-alt", bad, good)
    assert code == 1
    assert f"{bad}:1:" in out and " img-alt " in out


def test_fail_on_warning_counts_review_items(tmp_path):
    long_alt = "x " * 200
    page = write(tmp_path, "p.html", IMG_PAGE.replace('<img src="a.png">', f'<img src="a.png" alt="{long_alt}">'))
    assert run_cli("check", "--select", "img-alt", page)[0] == 0
    code, out, _ = run_cli("check", "--select", "img-alt", "--fail-on", "warning", page)
    assert code == 1 and "needs review" in out


def test_json_schema(tmp_path):
    page = write(tmp_path, "p.html", IMG_PAGE)
    code, out, _ = run_cli("check", "--select", "img-alt", "--format", "json", page)
    doc = json.loads(out)
    assert code == 1
    assert set(doc) == {"webaudit", "findings", "summary"}
    f = doc["findings"][0]
    assert list(f) == ["rule", "wcag", "level", "severity", "url", "line", "column", "selector", "snippet",
                       "message", "help"]
    assert f["url"].startswith("file://") and f["wcag"] == ["1.1.1"] and f["selector"] == "html > body > img"
    assert doc["summary"]["errors"] == 1 and doc["summary"]["by_rule"] == {"img-alt": 1}


def test_unreadable_targets_do_not_stop_the_others(tmp_path):
    junk = write(tmp_path, "junk.html", bytes(range(256)) * 40)
    page = write(tmp_path, "p.html", IMG_PAGE)
    code, out, err = run_cli("check", "--select", "img-alt", str(tmp_path / "missing.html"), junk, page)
    assert code == 2
    assert "missing.html: no such file" in err and "binary content" in err
    assert "img-alt" in out  # the readable page was still checked
    assert "Traceback" not in out + err


def test_usage_errors_exit_2(tmp_path):
    page = write(tmp_path, "p.html", IMG_PAGE)
    assert run_cli("check", "--select", "no-such-rule", page)[0] == 2
    assert run_cli("check", "-", input=IMG_PAGE)[0] == 2  # stdin needs --base-url
    cfg = write(tmp_path, "webaudit.toml", "selectt = ['img-alt']\n")
    code, _, err = run_cli("check", "--config", cfg, page)
    assert code == 2 and "unknown key 'selectt'" in err


def test_stdin_with_base_url():
    code, out, _ = run_cli("check", "--select", "img-alt", "--format", "json", "--base-url",
                           "https://school.example.org/news/", "-", input=IMG_PAGE)
    assert code == 1
    assert json.loads(out)["findings"][0]["url"] == "https://school.example.org/news/"


def test_folder_is_expanded_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "a" / "b", "deep.htm", IMG_PAGE)
    write(tmp_path, "notes.txt", "not a page")
    code, out, _ = run_cli("check", "--select", "img-alt", "--format", "json", str(tmp_path))
    doc = json.loads(out)
    assert doc["summary"]["targets"] == 1 and doc["findings"][0]["url"].endswith("/a/b/deep.htm")


def test_config_file_ignore_and_severity_override(tmp_path):
    page = write(tmp_path, "p.html", IMG_PAGE)
    cfg = write(tmp_path, "pyproject.toml", '[tool.webaudit]\nseverity = {"img-alt" = "warning"}\n')
    code, out, _ = run_cli("check", "--config", cfg, "--select", "img-alt", "--format", "json", page)
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "warning"
    cfg2 = write(tmp_path, "webaudit.toml", 'ignore = ["img-"]\n')
    code, out, _ = run_cli("check", "--config", cfg2, "--format", "json", page)
    assert "img-alt" not in json.loads(out)["summary"]["by_rule"]


def test_inline_suppression_needs_a_rule_and_a_reason():
    html = IMG_PAGE.replace(
        '<img src="a.png">',
        '<!-- webaudit-ignore img-alt: tracking pixel, hidden by CSS --><img src="a.png">'
        '<!-- webaudit-ignore img-alt --><img src="b.png">'
        '<img src="c.png">')
    from webaudit.config import Config

    rules = [(f.rule, f.snippet) for f in check_html(html, config=Config(select=("img-alt",)))]
    assert ("img-alt", '<img src="b.png">') in rules and ("img-alt", '<img src="c.png">') in rules
    assert not any("a.png" in s for _, s in rules)
    assert any(r == "invalid-suppression" for r, _ in rules)


def test_page_wide_suppression():
    from webaudit.config import Config

    html = "<!-- webaudit-ignore-page img-alt: archived page, frozen by board policy -->" + IMG_PAGE
    assert check_html(html, config=Config(select=("img-alt",))) == []


@pytest.mark.parametrize("body,ctype,name,kind", [
    (b"%PDF-1.7\n...", "", "x.bin", "pdf"),
    (b"GIF89a....", "text/html", "x.html", "image"),
    (b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi", "", "c.txt", "captions"),
    (b"\xef\xbb\xbf<!doctype html><p>x", "", "x", "html"),
    (b"<p>no doctype</p>", "", "x.txt", "html"),
    (b"", "", "empty.html", "html"),
    (bytes(range(256)), "text/html", "x.html", None),
    ("<html><p>ü</p>".encode("utf-16"), "", "x.html", "html"),
])
def test_sniff_by_content_first(body, ctype, name, kind):
    assert sniff(body, ctype, name) == kind


def test_decoding_header_bom_meta_and_detection():
    text = "<html><head><meta charset=windows-1252></head><body><p>café – résumé</p></body></html>"
    assert "café – résumé" in decode_html(text.encode("cp1252"))[0]
    # wrong header beats nothing but the BOM wins over everything
    assert "café" in decode_html("\ufeff<p>café</p>".encode("utf-8"), "text/html; charset=iso-8859-1")[0]
    # no declaration at all, not UTF-8: detection
    guess = decode_html("<p>Les élèves de l'école préparent la fête de fin d'année.</p>".encode("latin-1"))[0]
    assert "élèves" in guess
    # a lying meta (says utf-8, is latin-1) still decodes without replacement characters in the text
    lying = '<meta charset="utf-8"><p>élève</p>'.encode("latin-1")
    assert "\ufffd" not in decode_html(lying)[0]


def test_bad_input_gives_findings_or_one_message(tmp_path):
    """Empty, binary junk, a 50 MB page, a wrong charset, 10,000-deep nesting: no traceback, all checked."""
    targets = [
        write(tmp_path, "empty.html", b""),
        write(tmp_path, "junk.html", bytes(range(256)) * 100),
        write(tmp_path, "huge.html", b"<html><body>" + (b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n") * 49_000
              + b"<img src=x.png>" * 3000 + b"</body></html>"),  # 50 MB
        write(tmp_path, "charset.html", '<meta charset="utf-8"><p>caf\xe9</p><img src=a.png>'.encode("latin-1")),
        write(tmp_path, "deep.html", "<div>" * 10_000 + "<img src=a.png>" + "</div>" * 10_000),
        write(tmp_path, "ok.html", IMG_PAGE),
    ]
    proc = subprocess.run([sys.executable, "-m", "webaudit", "check", "--format", "json", *targets],
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 2  # junk.html cannot be read
    doc = json.loads(proc.stdout)
    assert doc["summary"]["targets"] == len(targets)
    by_url = {}
    for f in doc["findings"]:
        by_url.setdefault(f["url"].rsplit("/", 1)[1], set()).add(f["rule"])
    assert by_url["junk.html"] == {"unreadable"}
    for name in ("huge.html", "charset.html", "ok.html"):
        assert "img-alt" in by_url[name], name
    assert by_url["deep.html"] >= {"parse-limit"}  # one clear message: where the parser stopped
    assert "check-failed" not in {r for rules in by_url.values() for r in rules}
    assert "findings-truncated" in by_url["huge.html"]  # 3,000 images: capped, with a notice


def test_rules_and_explain():
    code, out, _ = run_cli("rules")
    assert code == 0 and "img-alt" in out and "1.1.1" in out
    code, out, _ = run_cli("explain", "img-alt")
    assert code == 0
    for section in ("## What it does", "## Why it matters", "## Example", "## Use instead", "How to fix:"):
        assert section in out
    assert run_cli("explain", "img")[0] == 2


def test_a_missing_followed_file_is_a_finding_not_a_usage_error(tmp_path):
    page = write(tmp_path, "p.html", IMG_PAGE.replace('<img src="a.png">', '<img src="gone.gif" alt="Map">'))
    code, out, err = run_cli("check", "--select", "img-alt", "--follow-media", "--format", "json", page)
    doc = json.loads(out)
    assert code == 1 and "cannot check" not in err  # exit 1: a finding at error level, not 2
    (f,) = [f for f in doc["findings"] if f["rule"] == "unreadable"]
    assert f["url"].endswith("/gone.gif") and "<img> of file://" in f["message"] and "no such file" in f["message"]


def test_worker_processes_find_what_one_process_finds(tmp_path):
    """`run` over many targets checks them in worker processes (run.init_worker resolves the checks
    there by id): the results are the same, in the same order, as in one process."""
    from webaudit.config import Config
    from webaudit.run import run
    for i in range(18):
        alt = "" if i % 3 else ' alt="Map of the campus"'
        write(tmp_path, f"p{i:02}.html", f"<html lang='en'><head><title>Lunch menu, week {i}</title></head><body><img src='m.jpg'{alt}>"
                                         f"<a href='x.html'></a></body></html>")

    def results(jobs):
        return [(Path(r.target).name, [(f.rule, f.line, f.selector) for f in r.findings])
                for r in run([str(tmp_path)], Config(), jobs=jobs)]

    one = results(1)
    assert len(one) == 18 and sum(len(found) for _, found in one) == 18 + 12
    assert results(2) == one
