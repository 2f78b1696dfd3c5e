"""The stable Python API: webaudit.check_html / check_bytes / check_file / check_url."""
from __future__ import annotations

import inspect
import io
import json
import threading
import typing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import webaudit
from webaudit import Config, Finding, Severity
from webaudit.report.json import finding_json

PAGE_URL = "https://school.example.org/news/"
BAD = ('<!DOCTYPE html><html lang="en"><head><title>News</title></head><body><main><h1>News</h1>\n'
       '<img src="field-trip.jpg">\n<img src="logo.png" alt="Lincoln Elementary">\n</main></body></html>')
GOOD = BAD.replace('<img src="field-trip.jpg">', '<img src="field-trip.jpg" alt="Third graders at the farm">')


def img_alt(findings):
    return [f for f in findings if f.rule == "img-alt"]


def test_public_names_are_stable():
    assert set(webaudit.__all__) >= {"check_html", "check_file", "check_url", "check_bytes", "Config", "Finding",
                                     "Severity", "__version__"}
    for name in ("check_html", "check_file", "check_url", "check_bytes"):
        assert getattr(webaudit, name).__doc__, name


@pytest.mark.parametrize("name,params", [
    ("check_html", ["html", "url", "config"]),
    ("check_file", ["path", "config"]),
    ("check_url", ["url", "config"]),
    ("check_bytes", ["body", "url", "config", "headers"]),
])
def test_signatures_are_typed(name, params):
    fn = getattr(webaudit, name)
    assert list(inspect.signature(fn).parameters) == params
    hints = typing.get_type_hints(fn)
    assert hints["return"] == list[Finding]
    assert set(params) <= set(hints)


def test_check_html_finds_and_passes():
    found = img_alt(webaudit.check_html(BAD, url=PAGE_URL))
    assert len(found) == 1
    f = found[0]
    assert isinstance(f, Finding) and f.severity is Severity.ERROR
    assert (f.url, f.line, f.snippet) == (PAGE_URL, 2, '<img src="field-trip.jpg">')
    assert not [f for f in webaudit.check_html(GOOD, url=PAGE_URL) if f.severity >= Severity.ERROR]


def test_findings_are_plain_json_data():
    f = img_alt(webaudit.check_html(BAD, url=PAGE_URL))[0]
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    assert json.dumps(finding_json(f))


def test_url_defaults_to_about_blank():
    assert {f.url for f in webaudit.check_html(BAD)} == {"about:blank"}


def test_bytes_are_decoded_like_a_browser_and_str_as_is():
    latin1 = BAD.replace("<head>", '<head><meta charset="iso-8859-1">').replace("field-trip", "caf\u00e9")
    from_bytes = img_alt(webaudit.check_html(latin1.encode("latin-1"), url=PAGE_URL))
    from_str = img_alt(webaudit.check_html(latin1, url=PAGE_URL))
    assert from_bytes[0].snippet == from_str[0].snippet == '<img src="caf\u00e9.jpg">'


def test_a_lone_surrogate_does_not_raise():
    assert img_alt(webaudit.check_html("<title>x\ud800</title><img src=a.png>"))


def test_config_selects_checks():
    only = webaudit.check_html(BAD, config=Config(select=("img-alt",)))
    assert {f.rule for f in only} == {"img-alt"}
    assert not img_alt(webaudit.check_html(BAD, config=Config(ignore=("img",))))


def test_check_bytes_sniffs_the_kind():
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    findings = webaudit.check_bytes(out.getvalue(), url="https://school.example.org/handbook.pdf")
    assert not [f for f in findings if f.rule == "unreadable"]
    assert {f.url for f in findings} <= {"https://school.example.org/handbook.pdf"}
    junk = webaudit.check_bytes(bytes(range(256)) * 4)
    assert [f.rule for f in junk] == ["unreadable"] and junk[0].severity is Severity.ERROR


def test_check_file(tmp_path):
    p = tmp_path / "news.html"
    p.write_text(BAD, encoding="utf-8")
    found = img_alt(webaudit.check_file(p))
    assert len(found) == 1 and found[0].url == p.resolve().as_uri()
    assert img_alt(webaudit.check_file(str(p)))  # a str path works too
    missing = webaudit.check_file(tmp_path / "nope.html")
    assert [f.rule for f in missing] == ["unreadable"] and "no such file" in missing[0].message


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = BAD.encode() if self.path == "/news/" else b"missing"
        self.send_response(200 if self.path == "/news/" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_check_url_on_loopback():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        found = img_alt(webaudit.check_url(base + "/news/"))
        assert len(found) == 1 and found[0].url == base + "/news/"
        gone = webaudit.check_url(base + "/gone")
        assert [f.rule for f in gone] == ["unreadable"] and "404" in gone[0].message
    finally:
        httpd.shutdown()
