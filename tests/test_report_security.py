"""Nothing from a crawled page executes in the report.

A real crawl (`webaudit crawl` against a page served on 127.0.0.1) of a page full of script injection
attempts in its title, author, markup and link targets, plus a stored resource whose URL, host,
title, author, message, selector, snippet and help are all payloads. The report built from that store
is read three ways: every file parsed (no script element, no event handler, no javascript: link,
nothing loaded from anywhere, a CSP that forbids scripts); the owner page that lists both pages
loaded in headless Chromium (no payload ran, each one is there as text); and, as the control that
proves the harness would see it, the same page with the escaping undone and the CSP taken out, where
the payloads do run.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner

from crawlsite import Page, Server, Site
from browser import chromium, needs_chromium
from webaudit.cli import main
from webaudit.model import Finding, Severity
from webaudit.store import Resource, Store

TITLE = "document.title='pwned'"
MARK = "document.documentElement.setAttribute('data-pwned','1')"
AUTHOR = f'<img src=x onerror="{MARK}">'
HOSTILE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>"&gt;&lt;script&gt;{TITLE}&lt;/script&gt;</title>
<meta name="author" content="{html.escape(AUTHOR)}"></head>
<body><main><h1>News</h1>
<img src="x" onerror="{MARK}">
<a href="/next"><svg onload="{TITLE}"></svg></a>
<p><a href="javascript:{TITLE}">click here</a></p>
<iframe src="/&lt;script&gt;{TITLE}&lt;/script&gt;"></iframe>
<input type="text" value="&quot;&gt;&lt;script&gt;{TITLE}&lt;/script&gt;">
</main></body></html>""".encode()
STORED_URL = f"javascript:{TITLE}//<script>{TITLE}</script>"
PAYLOAD = f"</code></pre><script>{TITLE}</script><img src=x onerror=\"{MARK}\">"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "results.sqlite"
    site = Site()
    site.pages["/"] = Page(HOSTILE_PAGE)
    site.pages["/next"] = Page(b"<!DOCTYPE html><html lang=en><head><title>Next</title></head><body><main>"
                               b"<h1>Next</h1></main></body></html>")
    with Server(site) as server:
        done = CliRunner().invoke(main, ["crawl", server.base + "/", "--db", str(db), "-j", "1", "--no-progress",
                                         "--no-links"])
    assert done.exit_code == 1, done.output  # it found problems
    store = Store(db)
    run = store.latest_run().id
    payload = Finding(rule="img-alt", message=PAYLOAD, severity=Severity.ERROR, url=STORED_URL, wcag=("1.1.1",),
                      level="A", line=1, column=1, selector=PAYLOAD, snippet=PAYLOAD, help=PAYLOAD, policy=PAYLOAD)
    with store.transaction():
        store.save_resource(run, Resource(STORED_URL, f"<script>{TITLE}</script>", "checked", "html", 200,
                                          title=PAYLOAD, author=AUTHOR, content_hash="x", checks_key="k"), [payload])
    crawled = {f.rule for _, f in store.findings(run)}
    assert {"img-alt", "link-name", "iframe-name", "form-label"} <= crawled  # snippets with payloads in them
    store.close()
    done = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(tmp / "report")])
    assert done.exit_code == 0, done.output
    return tmp / "report"


def owner_page(report: Path) -> Path:
    """The owner page of AUTHOR: both hostile pages are on it."""
    owners = lxml.html.parse(str(report / "owners.html")).getroot()
    link = next(a for a in owners.iter("a") if a.text_content() == AUTHOR)
    return report / link.get("href")


def test_no_file_of_the_report_can_run_or_load_anything(report):
    files = sorted(report.rglob("*.html"))
    assert len(files) >= 8
    for path in files:
        doc = lxml.html.parse(str(path)).getroot()
        csp = doc.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
        assert not list(doc.iter("script", "iframe", "object", "embed", "link", "img", "base", "form")), path
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            assert not [a for a in el.attrib if a.lower().startswith("on")], (path, el.tag, dict(el.attrib))
            assert "src" not in el.attrib and "style" not in el.attrib, (path, el.tag)
            href = el.get("href")
            if href is not None:
                assert urlsplit(href).scheme in ("", "http", "https", "mailto"), (path, href)
                assert re.match(r"(https?://|mailto:|#|(\.\./)?[a-z0-9-]+(/[a-z0-9-]+)?\.html$)", href), (path, href)
        style = "".join(s.text or "" for s in doc.iter("style"))
        assert "url(" not in style and "@import" not in style


def test_every_payload_shows_as_text(report):
    page = owner_page(report).read_text(encoding="utf-8")
    visible = lxml.html.document_fromstring(page).text_content()
    assert AUTHOR in visible and PAYLOAD in visible and STORED_URL in visible
    assert f'"><script>{TITLE}</script>' in visible  # the crawled page's title
    assert f'<img src="x" onerror="{MARK}">' in visible  # a crawled snippet
    assert "<script>" not in page  # only ever as &lt;script&gt;


@needs_chromium
def test_nothing_runs_in_chromium_and_the_control_proves_it_would_show(report, tmp_path):
    target = owner_page(report)
    dom = chromium(tmp_path, target)
    assert dom.find(".//title").text == f"{AUTHOR} - District accessibility report"
    assert dom.get("data-pwned") is None
    assert not list(dom.iter("script")) and not [el for el in dom.iter() if isinstance(el.tag, str)
                                                 and any(a.startswith("on") for a in el.attrib)]
    assert PAYLOAD in dom.text_content()

    # the control: undo the escaping and drop the CSP, and the same payloads run in the same harness
    raw = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html.unescape(target.read_text("utf-8")))
    control = tmp_path / "control.html"
    control.write_text(raw, encoding="utf-8")
    ran = chromium(tmp_path, control)
    assert ran.find(".//title").text == "pwned" and ran.get("data-pwned") == "1"
