"""Broken links: the LinkChecker against a real HTTP server on 127.0.0.1 (no mocked requests), the
link stage that turns statuses into link-broken findings, and `webaudit check --links`.

Every test keeps its traffic on 127.0.0.1 (DNS failure uses the reserved .invalid name, which
never resolves), with short timeouts and backoffs passed as parameters.
"""
from __future__ import annotations

import json
import pickle
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from webaudit.cli import main
from webaudit.config import Config
from webaudit.links import (BROKEN, DOUBTFUL, OK, UNCHECKED, LinkChecker, LinkStatus, link_findings,
                            link_targets, with_link_findings)
from webaudit.run import run
from webaudit.model import Severity

FAST = dict(timeout=0.3, retries=1, backoff=0.01, max_retry_after=2.0, workers=8)


class Handler(BaseHTTPRequestHandler):
    """Routes by path; the server counts hits per (method, path) and the most requests in flight."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        self._answer()

    def do_HEAD(self):
        self._answer()

    def _answer(self):
        site = self.server.site
        path = urlsplit(self.path).path
        with site.lock:
            site.hits[(self.command, path)] += 1
            nth = sum(n for (m, p), n in site.hits.items() if p == path)
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            status, headers = self._route(path, nth)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with site.lock:
                site.in_flight -= 1

    def _route(self, path, nth):
        parts = path.strip("/").split("/")
        if path == "/ok" or parts[0] == "page":
            return 200, {}
        if parts[0] == "chain":  # /chain/N redirects N times, then answers
            n = int(parts[1])
            return (301, {"Location": f"/chain/{n - 1}"}) if n else (200, {})
        if path == "/loop/a":
            return 302, {"Location": "/loop/b"}
        if path == "/loop/b":
            return 302, {"Location": "http://127.0.0.1:%d/loop/a" % self.server.server_port}
        if path == "/moved-away":
            return 302, {"Location": "/404"}
        if parts[0] in ("404", "410", "403"):
            return int(parts[0]), {}
        if path == "/flaky":  # 500 to the first two requests (HEAD, then the GET fallback), then fine
            return (500, {}) if nth <= 2 else (200, {})
        if path == "/down":
            return 503, {}
        if path == "/busy":
            return (429, {"Retry-After": "1"}) if nth == 1 else (200, {})
        if path == "/busy-long":
            return 429, {"Retry-After": "3600"}
        if path == "/slow":
            time.sleep(1.0)
            return 200, {}
        if parts[0] == "slowish":  # for concurrency: each answer takes a moment
            time.sleep(0.1)
            return 200, {}
        if path == "/no-head":
            return (405, {"Allow": "GET"}) if self.command == "HEAD" else (200, {})
        return 404, {}


class NoHeadHandler(Handler):
    def do_HEAD(self):  # what http.server itself answers for a method a handler lacks
        self.send_error(501, "Unsupported method ('HEAD')")


class Site:
    def __init__(self, handler=Handler):
        self.hits: Counter = Counter()
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.site = self
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def count(self, path: str, method: str | None = None) -> int:
        return sum(n for (m, p), n in self.hits.items() if p == path and (method is None or m == method))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.stop()


@pytest.fixture
def checker():
    c = LinkChecker(**FAST)
    yield c
    c.close()


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# -- the checker ---------------------------------------------------------------------------------------------

def test_ok_and_definite_errors(site, checker):
    got = checker.check([site.url("/ok"), site.url("/404"), site.url("/410")])
    assert got[site.url("/ok")].verdict == OK and got[site.url("/ok")].status == 200
    assert got[site.url("/404")].verdict == BROKEN and got[site.url("/404")].reason == "HTTP 404 Not Found"
    assert got[site.url("/410")].verdict == BROKEN and got[site.url("/410")].reason == "HTTP 410 Gone"
    assert site.count("/ok", "HEAD") == 1 and site.count("/ok", "GET") == 0  # HEAD suffices
    assert site.count("/404", "GET") == 1  # an error is confirmed with GET before it is reported


def test_a_refusing_server_may_need_a_login(site, checker):
    got = checker.check([site.url("/403")])[site.url("/403")]
    assert got.verdict == DOUBTFUL and "403 Forbidden" in got.reason


def test_redirect_chains_loops_and_bounds(site):
    with LinkChecker(**FAST, max_redirects=5) as c:
        got = c.check([site.url("/chain/3"), site.url("/chain/7"), site.url("/chain/25"), site.url("/loop/a"),
                       site.url("/moved-away")])
    short, long_, endless = got[site.url("/chain/3")], got[site.url("/chain/7")], got[site.url("/chain/25")]
    assert short.verdict == OK and len(short.redirects) == 3 and short.final_url == site.url("/chain/0")
    assert long_.verdict == DOUBTFUL and "7 redirects (more than 5)" in long_.reason
    assert endless.verdict == BROKEN and "more than 20 redirects" in endless.reason
    loop = got[site.url("/loop/a")]
    assert loop.verdict == BROKEN and loop.reason.startswith("redirect loop")
    assert site.count("/loop/a") == 1 and site.count("/loop/b") == 1  # detected, not followed round again
    moved = got[site.url("/moved-away")]
    assert moved.verdict == BROKEN and moved.reason == "HTTP 404 Not Found after 1 redirect"


def test_5xx_is_retried_with_backoff_then_passes(site):
    with LinkChecker(**{**FAST, "backoff": 0.2}) as c:
        start = time.monotonic()
        got = c.check([site.url("/flaky"), site.url("/down")])
        elapsed = time.monotonic() - start
    assert got[site.url("/flaky")].verdict == OK
    assert site.count("/flaky") == 3  # HEAD 500, GET 500, then (after the backoff) HEAD 200
    assert elapsed >= 0.2
    down = got[site.url("/down")]
    assert down.verdict == DOUBTFUL and down.reason == "HTTP 503 Service Unavailable, on 2 tries"
    assert down.status == 503


def test_429_honours_retry_after_within_its_bound(site, checker):
    start = time.monotonic()
    got = checker.check([site.url("/busy")])[site.url("/busy")]
    assert got.verdict == OK and time.monotonic() - start >= 0.95  # waited the second it asked for
    assert site.count("/busy") == 2
    long_wait = checker.check([site.url("/busy-long")])[site.url("/busy-long")]
    assert long_wait.verdict == DOUBTFUL and "3600 s" in long_wait.reason
    assert site.count("/busy-long") == 1  # an hour is over the bound: no second try


def test_timeout_is_retried_then_broken(site, checker):
    start = time.monotonic()
    got = checker.check([site.url("/slow")])[site.url("/slow")]
    assert got.verdict == BROKEN and got.reason == "timed out (no answer within 0.3 s), on 2 tries"
    assert site.count("/slow") == 2
    assert time.monotonic() - start < 1.5


def test_head_refused_falls_back_to_get_and_is_remembered_per_host(site, checker):
    assert checker.check([site.url("/no-head")])[site.url("/no-head")].verdict == OK
    assert checker.check([site.url("/page/after")])[site.url("/page/after")].verdict == OK
    assert site.count("/page/after", "HEAD") == 0 and site.count("/page/after", "GET") == 1


def test_server_without_head_answers_501_and_get_is_used():
    s = Site(NoHeadHandler)
    try:
        with LinkChecker(**FAST) as c:
            got = c.check([s.url("/ok"), s.url("/404")])
        assert got[s.url("/ok")].verdict == OK
        assert got[s.url("/404")].verdict == BROKEN
    finally:
        s.stop()


def test_dns_failure_and_refused_connection_are_broken_without_retries(checker):
    port = free_port()
    got = checker.check(["http://nonexistent.invalid/a", "http://nonexistent.invalid/b",
                         f"http://127.0.0.1:{port}/x"])
    assert got["http://nonexistent.invalid/a"] == LinkStatus("http://nonexistent.invalid/a", BROKEN,
                                                             "host name not found")
    assert got["http://nonexistent.invalid/b"].reason == "host name not found"
    assert got[f"http://127.0.0.1:{port}/x"].verdict == BROKEN
    assert got[f"http://127.0.0.1:{port}/x"].reason == "connection refused"


def test_each_url_is_asked_once_per_run(site, checker):
    urls = [site.url("/page/a"), site.url("/page/a#top"), site.url("/page/a#staff")]
    first = checker.check(urls)
    assert set(first) == set(urls) and all(s.verdict == OK for s in first.values())
    # concurrent callers asking for the same URL share the one request in flight
    threads = [threading.Thread(target=checker.check, args=([site.url("/slowish/shared"), site.url("/page/a")],))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert site.count("/page/a") == 1
    assert site.count("/slowish/shared") == 1


def test_per_host_limit_bounds_concurrent_requests(site):
    with LinkChecker(**{**FAST, "timeout": 2.0}, per_host=2) as c:
        start = time.monotonic()
        got = c.check([site.url(f"/slowish/{i}") for i in range(8)])
        elapsed = time.monotonic() - start
    assert all(s.verdict == OK for s in got.values())
    assert site.max_in_flight == 2  # concurrent, but never more than two at once
    assert elapsed >= 0.35  # 8 answers of 0.1 s, two at a time


def test_seed_records_known_answers_without_asking(site, checker):
    checker.seed(site.url("/page/crawled#x"), 200)
    checker.seed(site.url("/page/gone"), 404)
    checker.seed(site.url("/page/known"), LinkStatus(site.url("/page/known"), DOUBTFUL, "seen elsewhere"))
    got = checker.check([site.url("/page/crawled"), site.url("/page/gone"), site.url("/page/known")])
    assert got[site.url("/page/crawled")].verdict == OK
    assert got[site.url("/page/gone")].verdict == BROKEN
    assert got[site.url("/page/known")].reason == "seen elsewhere"
    assert site.hits == Counter()


def test_local_files_malformed_addresses_and_other_schemes(tmp_path, checker):
    (tmp_path / "here.html").write_text("x")
    (tmp_path / "spring menu.html").write_text("x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x")
    base = tmp_path.as_uri()
    got = checker.check([f"{base}/here.html", f"{base}/spring%20menu.html", f"{base}/gone%20away.html", f"{base}/folder/", f"{base}/site/",
                         "http://bad host/", "ftp://files.example.org/a.txt"])
    assert got[f"{base}/here.html"].verdict == OK and got[f"{base}/spring%20menu.html"].verdict == OK
    assert got[f"{base}/gone%20away.html"] == LinkStatus(f"{base}/gone%20away.html", BROKEN,
                                                         "no such file")
    assert got[f"{base}/folder/"].verdict == DOUBTFUL
    assert got[f"{base}/site/"].verdict == OK
    assert got["http://bad host/"].verdict == BROKEN and "malformed" in got["http://bad host/"].reason
    assert got["ftp://files.example.org/a.txt"].verdict == UNCHECKED


def test_credentials_never_reach_messages(site, checker):
    url = site.url("/loop/a").replace("http://", "http://staff:s3cret@")
    status = checker.check([url])[url]
    assert status.verdict == BROKEN and "s3cret" not in status.reason and "staff" not in status.reason


def test_link_status_is_plain_picklable_data():
    s = LinkStatus("https://a.example/", BROKEN, "HTTP 404 Not Found", 404, ("https://a.example/b",))
    assert pickle.loads(pickle.dumps(s)) == s
    assert LinkStatus.from_http("https://a.example/#x", 410).verdict == BROKEN
    assert LinkStatus.from_http("https://a.example/", 200, "https://a.example/home").final_url == "https://a.example/home"


# -- the link stage: statuses -> findings ---------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Links</title></head><body>
<h1 id="top-heading">Links</h1>
<p><a href="{ok}">Working page</a> <a href="{missing}">Board minutes</a></p>
<img src="{gone}" alt="Logo">
<a href="{down}">Status page</a>
<a href="{ok}#anything">Fragment on a page not loaded</a>
<a href="#nowhere">Nowhere on this page</a>
<a href="#top-heading">Top</a>
<!-- webaudit-ignore link-broken: staff intranet, only reachable inside the district -->
<a href="{intranet}">Intranet</a>
<a href="mailto:office@example.org">Email</a>
</body></html>"""


def page(tmp_path, site, name="links.html", **extra) -> Path:
    urls = dict(ok=site.url("/ok"), missing=site.url("/404"), gone=site.url("/410"), down=site.url("/down"),
                intranet=site.url("/404/intranet"))
    urls.update(extra)
    p = tmp_path / name
    p.write_text(PAGE.format(**urls), encoding="utf-8")
    return p


def test_link_findings_are_pinned_to_elements(tmp_path, site):
    p = page(tmp_path, site)
    config = Config(select=("link-broken",))
    with LinkChecker(**FAST) as c:
        results = list(with_link_findings(run([str(p)], config, jobs=1), c, config))
    findings = [f for f in results[0].findings if f.rule == "link-broken"]
    by_snippet = {f.snippet: f for f in findings}
    minutes = by_snippet[f'<a href="{site.url("/404")}">']
    assert minutes.severity is Severity.ERROR and minutes.line == 3 and minutes.selector == "html > body > p > a:nth-of-type(2)"
    assert minutes.message == f'link "Board minutes" to {site.url("/404")} is broken: HTTP 404 Not Found'
    assert minutes.policy == "Links must not be broken" and minutes.wcag == () and minutes.help
    logo = by_snippet[f'<img src="{site.url("/410")}" alt="Logo">']
    assert logo.severity is Severity.ERROR and logo.message.startswith("<img src> ")
    status = by_snippet[f'<a href="{site.url("/down")}">']
    assert status.severity is Severity.WARNING and "may be broken: HTTP 503" in status.message
    # the same-page fragment comes once, from the check; the fragment into a page not loaded is not judged;
    # the suppressed intranet link is not reported, and not even asked
    assert [f.message for f in findings if "#" in f.message] == [
        'link "Nowhere on this page" points to #nowhere, but no element on this page has id or name "nowhere"']
    assert len(findings) == 4
    assert site.count("/404/intranet") == 0


def test_fragments_into_pages_of_the_run_are_judged(tmp_path):
    (tmp_path / "about.html").write_text('<html><body><h2 id="staff">Staff</h2>'
                                         '<a href="index.html#welcome">Home</a></body></html>')
    (tmp_path / "index.html").write_text('<html><body><h1 id="welcome">Hi</h1><a href="about.html#staff">Staff</a>'
                                         '<a href="about.html#board">Board</a></body></html>')
    config = Config(select=("link-broken",))
    with LinkChecker(**FAST) as c:
        results = {Path(r.target).name: r for r in with_link_findings(run([str(tmp_path)], config, jobs=1), c, config)}
    assert results["about.html"].findings == []
    [board] = results["index.html"].findings
    assert board.message.endswith('is broken: that page has no element with id or name "board"')
    assert board.snippet == '<a href="about.html#board">'


def test_link_findings_honours_severity_overrides_and_statuses_given(site):
    from webaudit.links import LinkRef
    from webaudit.run import TargetResult

    ref = LinkRef(site.url("/404"), "html", "a", "href", "body > a", 3, 5, '<a href="x">', "Minutes")
    result = TargetResult("p.html", "https://school.example.org/p.html", [], "html", refs=(ref,))
    statuses = {site.url("/404"): LinkStatus(site.url("/404"), BROKEN, "HTTP 404 Not Found", 404)}
    assert link_targets(result) == [site.url("/404")]
    [f] = link_findings(result, statuses, {})
    assert f.severity is Severity.ERROR and (f.line, f.column, f.selector) == (3, 5, "body > a")
    [g] = link_findings(result, statuses, {}, Config(severity={"link-broken": "warning"}))
    assert g.severity is Severity.WARNING
    assert link_findings(result, {}, {}) == []  # not checked: not judged


# -- the command line -----------------------------------------------------------------------------------------

def test_cli_links_option_adds_findings_and_counts_them(tmp_path, site, monkeypatch):
    p = page(tmp_path, site)
    # the CLI builds its own LinkChecker (imported when --links asks): keep its retries short for the test
    import webaudit.links as links_module

    monkeypatch.setattr(links_module, "LinkChecker", lambda: LinkChecker(**FAST))
    runner = CliRunner()
    without = runner.invoke(main, ["check", "--select", "link-broken", "--format", "json", str(p)])
    assert json.loads(without.stdout)["summary"]["by_rule"] == {"link-broken": 1}  # the in-page fragment only
    assert site.hits == Counter()
    with_links = runner.invoke(main, ["check", "--links", "--select", "link-broken", "--format", "json", str(p)])
    doc = json.loads(with_links.stdout)
    assert with_links.exit_code == 1
    assert doc["summary"]["by_rule"] == {"link-broken": 4}
    assert doc["summary"]["errors"] == 3 and doc["summary"]["warnings"] == 1
    ignored = runner.invoke(main, ["check", "--links", "--ignore", "link-broken", "--select", "link", str(p)])
    assert "link-broken is not selected" in ignored.stderr


def test_pdf_web_links_are_checked_too(tmp_path, site):
    import io

    from pypdf import PdfWriter
    from pypdf.annotations import Link

    w = PdfWriter()
    w.add_blank_page(300, 300)
    w.add_blank_page(300, 300)
    w.add_annotation(0, Link(rect=(10, 10, 100, 30), url=site.url("/ok")))
    w.add_annotation(1, Link(rect=(10, 10, 100, 30), url=site.url("/404")))
    w.add_annotation(1, Link(rect=(10, 40, 100, 60), url="handbook-2019.pdf"))  # relative: a file beside it
    w.add_annotation(1, Link(rect=(10, 70, 100, 90), target_page_index=0))  # in-document: not a web link
    buf = io.BytesIO()
    w.write(buf)
    (tmp_path / "newsletter.pdf").write_bytes(buf.getvalue())
    config = Config(select=("link-broken",))
    with LinkChecker(**FAST) as c:
        [result] = with_link_findings(run([str(tmp_path / "newsletter.pdf")], config, jobs=1), c, config)
    assert result.kind == "pdf" and len(result.refs) == 3
    assert sorted(f.message for f in result.findings) == [
        "link on page 2 to handbook-2019.pdf is broken: no such file",
        f"link on page 2 to {site.url('/404')} is broken: HTTP 404 Not Found",
    ]
    assert {f.selector for f in result.findings} == {"page 2"}
