"""`webaudit crawl` against a real HTTP server on 127.0.0.1 serving a generated district site
(tests/crawlsite.py): the first crawl, an unchanged re-crawl, a re-crawl after edits, a crawl killed
with SIGKILL and resumed, politeness (Crawl-delay, 429/503), and bad input.

What the crawler asked for is proven with the server's request counts; what it checked, with an
executor that counts the resources it is handed."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawlsite import (ORPHANS, PAGES_PER_SCHOOL, SCHOOLS, Page, Server, Site, district_site, html_page, slug)
from webaudit.cli import main
from webaudit.config import from_mapping
from webaudit.checking import local_executor
from webaudit.crawl import Crawler, Outcome
from webaudit.politeness import Settings
from webaudit.run import selected_checks
from webaudit.store import Store

# small bounds so that the trap, the size limit and the timeout show within a second or two
CRAWL = {"max_per_pattern": 20, "timeout": 0.5, "retries": 1, "backoff": 0.05, "max_bytes": 2**20, "threads": 8}


class CountingExecutor:
    """The local executor, recording the URL of every resource it is asked to check."""

    def __init__(self, inner):
        self.inner = inner
        self.urls: list[str] = []
        self._lock = threading.Lock()

    def map(self, fn, items):
        items = list(items)
        with self._lock:
            self.urls.extend(item[0] for item in items)
        return self.inner.map(fn, items)

    def close(self):
        self.inner.close()


@pytest.fixture(scope="module")
def config():
    return from_mapping({"crawl": CRAWL})


@pytest.fixture(scope="module")
def executor(config):
    ex = CountingExecutor(local_executor(selected_checks(config), config, jobs=2))
    yield ex
    ex.close()


@pytest.fixture(scope="module")
def external():
    site = Site()
    site.pages["/ok"] = Page(html_page("Partner", '<p><a href="/deeper">Deeper</a></p>'))
    site.pages["/deeper"] = Page(html_page("Deeper", "<p>Never crawled.</p>"))
    with Server(site) as server:
        yield server


@pytest.fixture(scope="module")
def district(external):
    with Server(district_site(external.base)) as server:
        yield server


def crawl(base: str, db: Path, config, executor, **kw) -> tuple[Outcome, list[str]]:
    """One crawl of base/ into db; the outcome and the URLs sent to the checks."""
    before = len(executor.urls)
    store = Store(db)
    try:
        outcome = Crawler([base + "/"], config, Settings.from_config(config), store, executor=executor, **kw).run()
    finally:
        store.close()
    return outcome, executor.urls[before:]


def resources(db: Path, run_id: int, base: str) -> dict:
    store = Store(db)
    try:
        return {r.url[len(base):]: r for r in store.resources(run_id)}
    finally:
        store.close()


def findings(db: Path, run_id: int, base: str) -> Counter:
    """(path, rule, fingerprint) of every finding of a run, as a multiset."""
    store = Store(db)
    try:
        return Counter((res.url[len(base):], f.rule, f.fingerprint) for res, f in store.findings(run_id))
    finally:
        store.close()


@dataclass
class First:
    db: Path
    outcome: Outcome
    checked: list[str]
    hits: Counter
    answers: Counter
    external_hits: Counter


@pytest.fixture(scope="module")
def first(district, external, config, executor, tmp_path_factory) -> First:
    db = tmp_path_factory.mktemp("first") / "results.sqlite"
    district.site.reset_counts()
    external.site.reset_counts()
    outcome, checked = crawl(district.base, db, config, executor)
    return First(db, outcome, checked, Counter(district.site.hits), Counter(district.site.answers),
                 Counter(external.site.hits))


def html_pages(site: Site) -> list[str]:
    return [p for p, page in site.pages.items() if page.status == 200 and page.content_type.startswith("text/html")
            and not p.startswith(("/private/", "/big", "/junk"))]


def test_first_crawl_reaches_every_page_once_within_scope_and_bounds(first, district, external):
    site, base = district.site, district.base
    res = resources(first.db, first.outcome.run_id, base)
    assert len(html_pages(site)) > 250  # hundreds of pages
    for path in html_pages(site):
        assert res[path].outcome == "checked", path
        assert first.hits[("GET", path)] == 1, path  # three spellings of each link, one request
    for path in (f"/orphans/o{k}.html" for k in range(ORPHANS)):  # only in the gzip sitemap behind the index
        assert res[path].depth == 1 and res[path].referrer is None
    # dispatched by content to the checks for their kind
    assert {res[f"/docs/s{s}-handbook.pdf"].kind for s in range(SCHOOLS)} == {"pdf"}
    assert res["/img/mascot.gif"].kind == "image"
    assert res["/captions/intro.vtt"].kind == "captions"
    assert res["/"].title == "Lincoln County Schools" and res["/"].author == "Web Team"
    # robots.txt, the trap bound, redirects
    assert not any(path.startswith("/private/") for _, path in first.hits) and "/private/staff.html" not in res
    calendar = [p for p in res if p.startswith("/calendar")]
    assert len(calendar) == CRAWL["max_per_pattern"] == sum(n for (m, p), n in first.hits.items()
                                                            if p.startswith("/calendar"))
    assert res["/old-page"].outcome == "redirect" and res["/old-page"].location == base + "/about/"
    assert res["/loop-a"].outcome == res["/loop-b"].outcome == "redirect"
    # bad responses are recorded and the crawl goes on
    assert res["/missing.html"].status == 404 and res["/missing.html"].outcome == "failed"
    assert "limit" in res["/big.html"].reason
    assert "timed out" in res["/slow.html"].reason and first.hits[("GET", "/slow.html")] == 2  # a retry
    # never crawled: a file kind no check reads, and the external site (only asked about)
    assert first.hits[("GET", "/forms/enrollment.docx")] == 0 and first.hits[("HEAD", "/forms/enrollment.docx")] == 1
    assert first.external_hits[("HEAD", "/ok")] == 1 and not any(p == "/deeper" for _, p in first.external_hits)
    # each resource read was checked exactly once
    checked = sorted(r.url for r in res.values() if r.outcome == "checked")
    assert sorted(first.checked) == checked


def test_first_crawl_records_check_and_link_findings(first, district):
    found = findings(first.db, first.outcome.run_id, district.base)
    no_alt = {f"/schools/s{s}/{slug(j)}.html" for s in range(SCHOOLS) for j in range(PAGES_PER_SCHOOL) if j % 10 == 3}
    assert {p for p, rule, _ in found if rule == "img-alt"} == no_alt
    assert {p for p, rule, _ in found if rule == "unreadable"} >= {"/junk.html", "/big.html", "/slow.html"}
    store = Store(first.db)
    try:
        home = [f for res, f in store.findings(first.outcome.run_id) if res.url == district.base + "/"
                and f.rule == "link-broken"]
    finally:
        store.close()
    messages = " | ".join(f.message for f in home)
    for broken in ("/missing.html", "/loop-a", "/gone", "#nowhere", "/slow.html"):
        assert broken in messages, (broken, messages)
    assert "#contact" not in messages and "/old-page" not in messages  # a fine fragment and redirect
    assert all(f.selector and f.line for f in home)  # pinned to the element


def test_unchanged_recrawl_asks_little_and_checks_nothing(first, district, config, executor, tmp_path):
    site, base = district.site, district.base
    db = tmp_path / "results.sqlite"
    shutil.copy(first.db, db)
    site.reset_counts()
    outcome, checked = crawl(base, db, config, executor)
    assert checked == []
    before, after = resources(db, first.outcome.run_id, base), resources(db, outcome.run_id, base)
    assert set(after) == set(before)
    for path in html_pages(site):
        if site.pages[path].in_sitemap:  # the sitemap's lastmod has not moved: not asked at all
            assert site.gets(path) == 0, path
        elif site.pages[path].validators:  # a conditional GET, answered 304
            assert site.gets(path) == site.answered(path, 304) == 1, path
        assert after[path].outcome == "unchanged"
    assert after["/news/"].reason == "same content"  # no validators: the content hash decides
    assert outcome.stats.lastmod_skipped > 100 and outcome.stats.not_modified > 100
    assert findings(db, outcome.run_id, base) == findings(db, first.outcome.run_id, base)
    # findings were not copied: unchanged resources share the stored finding sets
    store = Store(db)
    try:
        sets = store.db.execute("SELECT count(*) FROM finding_sets WHERE key LIKE 'check:%'").fetchone()[0]
    finally:
        store.close()
    assert sets == sum(1 for r in before.values() if r.content_hash)


def test_external_links_that_answered_are_not_asked_again_the_next_night(first, district, external, config, executor,
                                                                         tmp_path):
    """The crawl stores the external links that answered (link_checks); the next crawl within
    link_cache_hours takes that answer instead of asking the other site again. A broken link is asked
    every run, and link_cache_hours = 0 or --recheck (reuse off) ask everything."""
    db = tmp_path / "results.sqlite"
    shutil.copy(first.db, db)

    def asked(path: str, hits: Counter) -> int:
        return sum(n for (_, p), n in hits.items() if p == path)

    def again(**settings) -> tuple[Outcome, Counter]:
        external.site.reset_counts()
        store = Store(db)
        try:
            outcome = Crawler([district.base + "/"], config, Settings.from_config(config).with_(**settings), store,
                              executor=executor).run()
        finally:
            store.close()
        return outcome, Counter(external.site.hits)

    assert asked("/ok", first.external_hits) == 1 and asked("/gone", first.external_hits) >= 1
    outcome, hits = again()
    assert asked("/ok", hits) == 0 and asked("/gone", hits) >= 1
    assert findings(db, outcome.run_id, district.base) == findings(db, first.outcome.run_id, district.base)
    assert asked("/ok", again(link_cache_hours=0.0)[1]) == 1
    assert asked("/ok", again(reuse=False)[1]) == 1


def test_edited_pages_are_checked_again_and_the_rest_reused(first, district, config, executor, tmp_path):
    site, base = district.site, district.base
    edited = [f"/schools/s0/{slug(20)}.html", f"/schools/s3/{slug(21)}.html"]  # in the sitemap; linked only
    saved = {p: (site.pages[p].body, site.pages[p].modified) for p in edited}
    db = tmp_path / "results.sqlite"
    shutil.copy(first.db, db)
    try:
        for p in edited:
            site.edit(p, '<p><img src="/img/mascot.gif" class="edited"></p>')
        site.reset_counts()
        outcome, checked = crawl(base, db, config, executor)
    finally:
        for p, (body, modified) in saved.items():
            site.pages[p].body, site.pages[p].modified = body, modified
    assert sorted(checked) == sorted(base + p for p in edited)
    for p in edited:
        assert site.gets(p) == site.answered(p, 200) == 1
    before, after = findings(db, first.outcome.run_id, base), findings(db, outcome.run_id, base)
    new = after - before
    assert {(p, rule) for p, rule, _ in new} == {(p, "img-alt") for p in edited}
    assert not before - after


def test_killed_crawl_resumes_with_nothing_lost_and_nothing_checked_twice(first, district, external, config,
                                                                          executor, tmp_path):
    site, base = district.site, district.base
    db = tmp_path / "results.sqlite"
    conf = tmp_path / "webaudit.toml"
    conf.write_text("[crawl]\n" + "".join(f"{k} = {v!r}\n" for k, v in CRAWL.items()))
    proc = subprocess.Popen(
        [sys.executable, "-m", "webaudit", "crawl", base + "/", "--db", str(db), "--config", str(conf), "-j", "2",
         "--no-progress", "--per-host", "1", "--delay", "0.01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        committed = _wait_for_rows(db, 80, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the crawler and its worker processes, mid-crawl
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    status = ro.execute("SELECT status FROM runs WHERE id = 1").fetchone()[0]
    done = {url for url, in ro.execute("SELECT url FROM resources WHERE run_id = 1")}
    done_checked = {url for url, in ro.execute("SELECT url FROM resources WHERE run_id = 1 AND outcome = 'checked'")}
    ro.close()
    assert status == "running" and len(done) >= committed

    # the partner page answered in an earlier run: the resumed run takes that answer, also for the pages
    # recorded before the kill (whose references it reads back from the store)
    store = Store(db)
    with store.transaction():
        store.save_answered_links([(external.base + "/ok", "", 200, ())])
    store.close()
    site.reset_counts()
    external.site.reset_counts()
    outcome, checked = crawl(base, db, config, executor)
    assert sum(n for (_, p), n in external.site.hits.items() if p == "/ok") == 0
    assert outcome.resumed and outcome.run_id == 1
    expected = resources(first.db, first.outcome.run_id, base)
    got = resources(db, 1, base)
    assert set(got) == set(expected)  # nothing lost
    assert {p: r.outcome for p, r in got.items()} == {p: r.outcome for p, r in expected.items()}
    assert not set(checked) & done  # nothing recorded before the kill was checked again ...
    assert sorted(checked) == sorted(set(first.checked) - done_checked)  # ... and everything else was, once
    assert not any(site.gets(url[len(base):]) for url in done)  # nor fetched again
    assert findings(db, 1, base) == findings(first.db, first.outcome.run_id, base)


def test_ctrl_c_stops_cleanly_and_leaves_the_run_resumable(district, tmp_path):
    db = tmp_path / "results.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-m", "webaudit", "crawl", district.base + "/", "--db", str(db), "-j", "2",
         "--per-host", "1", "--delay", "0.02", "--max-pages", "150"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for_rows(db, 10, proc)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole process group
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err.decode()
    assert b"Interrupted run 1" in out and b"again to resume" in out
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err  # nor from the worker processes
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert ro.execute("SELECT status FROM runs WHERE id = 1").fetchone()[0] == "interrupted"
    ro.close()


def _wait_for_rows(db: Path, n: int, proc: subprocess.Popen, limit: float = 30.0) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the crawl ended before it could be killed: {proc.stderr.read().decode()[-2000:]}")
        if db.exists():
            try:
                ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                count = ro.execute("SELECT count(*) FROM resources").fetchone()[0]
                ro.close()
            except sqlite3.OperationalError:  # the schema is not there yet
                count = 0
            if count >= n:
                return count
        time.sleep(0.02)
    pytest.fail(f"fewer than {n} resources recorded within {limit:g} s")


def test_politeness_crawl_delay_429_and_503(config, executor, tmp_path):
    site = Site()
    state = Counter()

    def once(status: int, retry_after: str):
        def handler(req, site):
            key = req.path
            state[key] += 1
            if state[key] == 1:
                return status, {"Retry-After": retry_after, "Content-Type": "text/html"}, b"busy"
            return 200, {"Content-Type": "text/html"}, html_page("Fine now", "<p>Fine.</p>")
        return handler

    site.dynamic["/robots.txt"] = lambda req, s: (200, {"Content-Type": "text/plain"},
                                                  b"User-agent: *\nCrawl-delay: 0.2\nAllow: /\n")
    links = "".join(f'<p><a href="/{n}.html">{n}</a></p>' for n in ("a", "b", "busy", "flaky", "toolong"))
    site.pages["/"] = Page(html_page("Home", links))
    site.pages["/a.html"] = Page(html_page("A", "<p>A.</p>"))
    site.pages["/b.html"] = Page(html_page("B", "<p>B.</p>"))
    site.dynamic["/busy.html"] = once(429, "1")
    site.dynamic["/flaky.html"] = once(503, "")  # no Retry-After: exponential backoff
    site.dynamic["/toolong.html"] = lambda req, s: (429, {"Retry-After": "3600"}, b"come back tomorrow")
    cfg = from_mapping({"crawl": {**CRAWL, "retries": 2, "max_retry_after": 30.0}})
    with Server(site) as server:
        outcome, _ = crawl(server.base, tmp_path / "r.sqlite", cfg, executor)
    res = resources(tmp_path / "r.sqlite", outcome.run_id, server.base)
    assert all(res[p].outcome == "checked" for p in ("/", "/a.html", "/b.html", "/busy.html", "/flaky.html"))
    assert site.gets("/busy.html") == site.gets("/flaky.html") == 2
    assert site.gets("/toolong.html") == 1 and "3600" in res["/toolong.html"].reason
    pages = [(t, p) for t, p in site.times if p.endswith(".html") or p == "/"]
    gaps = [b[0] - a[0] for a, b in zip(pages, pages[1:])]
    assert min(gaps) >= 0.19, gaps  # Crawl-delay: one request at a time, 0.2 s apart
    busy = [t for t, p in site.times if p == "/busy.html"]
    assert busy[1] - busy[0] >= 0.99  # Retry-After: 1


@pytest.fixture
def runner():
    return CliRunner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_bad_start_urls_give_one_clear_message(runner, tmp_path):
    db = str(tmp_path / "r.sqlite")
    forbidding = Site()
    forbidding.dynamic["/robots.txt"] = lambda r, s: (200, {}, b"User-agent: *\nDisallow: /\n")
    forbidding.pages["/"] = Page(html_page("Home", "<p>Hi.</p>"))
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database " * 100)
    fine = Site()
    fine.pages["/"] = Page(html_page("Home", "<p>Hi.</p>"))
    with Server(forbidding) as server, Server(fine) as other:
        cases = [
            ([f"http://127.0.0.1:{_free_port()}/"], "connection refused"),
            ([server.base + "/"], "robots.txt forbids webaudit"),
            ([other.base + "/", "--include", "/nothing-matches/"], "matches no --include pattern"),
            ([other.base + "/", "--exclude", "(unclosed"], "not a valid regular expression"),
            (["ftp://example.org/"], "is not an http(s) URL"),
            ([other.base + "/", "--db", str(not_a_db)], "not a webaudit results file"),
        ]
        for args, message in cases:
            result = runner.invoke(main, ["crawl", "--db", db, "-j", "1", *args])
            assert result.exit_code == 2, (args, result.output)
            assert message in result.output, (args, result.output)
            assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
        assert not forbidding.gets("/") and not fine.gets("/")  # robots.txt obeyed; nothing outside the scope


def test_cli_prints_a_summary_and_a_progress_line_only_when_asked(tmp_path):
    site = Site()
    site.pages["/"] = Page(html_page("Home", '<p><img src="/x.gif"></p><p><a href="/a.html">A</a></p>'))
    site.pages["/a.html"] = Page(html_page("A", "<p>A.</p>"))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    with Server(site) as server:
        def run(*extra):
            return subprocess.run([sys.executable, "-m", "webaudit", "crawl", server.base + "/", "--db",
                                   str(tmp_path / "r.sqlite"), "-j", "1", *extra],
                                  capture_output=True, timeout=60, env=env)  # bytes: keep the \r
        quiet = run()
        loud = run("--progress")
    assert quiet.returncode == 1, quiet.stderr  # an img-alt error
    assert b"Crawled run 1" in quiet.stdout and b"Findings: " in quiet.stdout and b"\r" not in quiet.stderr
    assert b"Crawled run 2" in loud.stdout and b"\rcrawl: " in loud.stderr


def test_crawl_delay_spaces_the_sitemap_fetches_too(config, executor, tmp_path):
    site = Site()
    site.dynamic["/robots.txt"] = lambda req, s: (
        200, {"Content-Type": "text/plain"},
        f"User-agent: *\nCrawl-delay: 0.3\nSitemap: {s.base}/sitemap-index.xml\n".encode())
    site.dynamic["/sitemap-index.xml"] = lambda req, s: (200, {"Content-Type": "application/xml"}, (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{s.base}/sitemap-1.xml</loc></sitemap><sitemap><loc>{s.base}/sitemap-2.xml</loc></sitemap>"
        "</sitemapindex>").encode())
    for n in (1, 2):
        site.dynamic[f"/sitemap-{n}.xml"] = lambda req, s, n=n: (200, {"Content-Type": "application/xml"}, (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{s.base}/p{n}.html</loc></url></urlset>").encode())
        site.pages[f"/p{n}.html"] = Page(html_page(f"P{n}", "<p>Text.</p>"))
    site.pages["/"] = Page(html_page("Home", "<p>Home.</p>"))
    with Server(site) as server:
        outcome, _ = crawl(server.base, tmp_path / "r.sqlite", config, executor)
    assert site.gets("/p1.html") == site.gets("/p2.html") == 1
    after_robots = [t for t, p in site.times if p != "/robots.txt"]  # sitemaps, then pages: one host, one gate
    gaps = [b - a for a, b in zip(after_robots, after_robots[1:])]
    assert len(after_robots) >= 6 and min(gaps) >= 0.29, gaps
