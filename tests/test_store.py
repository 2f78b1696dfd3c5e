"""The results store against real SQLite files: round trips, shared finding sets, transactions,
schema versions, and a writer killed with SIGKILL mid-transaction."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from webaudit import store as store_mod
from webaudit.model import Finding, Severity
from webaudit.store import FrontierEntry, Resource, Store, StoreError

URL = "https://lincoln.example.org/staff/"


def finding(rule="img-alt", line=3, snippet='<img src="a.png">') -> Finding:
    return Finding(rule=rule, message=f"{rule} here", severity=Severity.ERROR, url=URL, wcag=("1.1.1", "4.1.2"),
                   level="A", line=line, column=5, selector="main > img:nth-of-type(2)", snippet=snippet,
                   help="Add alt text.", policy="Images carry alt text")


def page(**kw) -> Resource:
    base = dict(url=URL, host="lincoln.example.org", outcome="checked", kind="html", status=200, etag='"abc"',
                content_hash="h1", checks_key="k1", title="Staff", author="Ms. Rivera", depth=1)
    return Resource(**{**base, **kw})


def test_a_run_round_trips_every_field(tmp_path):
    s = Store(tmp_path / "r.sqlite")
    run = s.start_run([URL], "crawl", "k1", {"per_host": 4}, "0.1.0")
    found = [finding(), finding("heading-order", 9, "<h4>")]
    refs = {"fields": ["url"], "rows": [["https://lincoln.example.org/a"]]}
    with s.transaction():
        stored = s.save_resource(run, page(), found, refs, ["top", "contact"])
        s.set_link_findings(run, URL, [finding("link-broken", 12, '<a href="/gone">')])
    s.finish_run(run, "done", {"pages": 1})
    s.close()

    s = Store(tmp_path / "r.sqlite")
    (r,) = s.runs()
    assert (r.id, r.status, r.start_urls, r.settings, r.summary) == (run, "done", (URL,), {"per_host": 4}, {"pages": 1})
    pairs = list(s.findings(run))
    assert [f for _, f in pairs] == [*found, finding("link-broken", 12, '<a href="/gone">')]
    res = pairs[0][0]
    assert (res.title, res.author, res.etag, res.check_set) == ("Staff", "Ms. Rivera", '"abc"', stored.check_set)
    assert s.links_of(res) == (refs, ["contact", "top"])
    assert s.counts(run)["findings"] == {"error": 3}
    stored_fp = s.db.execute("SELECT fingerprint FROM findings ORDER BY set_id, seq").fetchall()
    assert [fp for fp, in stored_fp] == [f.fingerprint for _, f in pairs]
    s.close()


def test_unchanged_content_shares_its_finding_set_across_runs(tmp_path):
    s = Store(tmp_path / "r.sqlite")
    first = s.start_run([URL], "crawl", "k1", {}, "0.1.0")
    with s.transaction():
        row = s.save_resource(first, page(), [finding()])
    second = s.start_run([URL], "crawl", "k1", {}, "0.1.0")
    with s.transaction():
        s.save_resource(second, page(outcome="unchanged", check_set=row.check_set))  # reused: nothing copied
        s.save_resource(second, page(url=URL + "other"), [finding()])
    third = s.start_run([URL], "crawl", "k1", {}, "0.1.0")
    with s.transaction():  # the same content checked the same way again (say, after --recheck)
        again = s.save_resource(third, page(), [finding()])
    assert again.check_set == row.check_set
    assert s.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 2
    assert [f for _, f in s.findings(second) if _.url == URL] == [finding()]
    assert s.previous(URL, third).run_id == second
    s.close()


def test_a_failed_transaction_leaves_nothing_behind(tmp_path):
    s = Store(tmp_path / "r.sqlite")
    run = s.start_run([URL], "crawl", "k1", {}, "0.1.0")
    with pytest.raises(RuntimeError):
        with s.transaction():
            s.save_resource(run, page(), [finding()])
            s.frontier_add(run, [FrontierEntry(URL + "next", 2)])
            raise RuntimeError("power cut")
    assert list(s.resources(run)) == [] and s.frontier(run) == ([], [])
    assert s.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    s.close()


def test_frontier_keeps_order_and_state(tmp_path):
    s = Store(tmp_path / "r.sqlite")
    run = s.start_run([URL], "crawl", "k1", {}, "0.1.0")
    with s.transaction():
        s.frontier_add(run, [FrontierEntry(URL, 0), FrontierEntry(URL + "a", 1, URL, {"element": "img"}, "2024-05-01")])
        s.frontier_add(run, [FrontierEntry(URL, 0), FrontierEntry(URL + "b", 1)])  # URL again: ignored
        s.frontier_done(run, URL)
    s.close()
    queued, done = Store(tmp_path / "r.sqlite").frontier(run)
    assert done == [URL]
    assert queued == [FrontierEntry(URL + "a", 1, URL, {"element": "img"}, "2024-05-01"), FrontierEntry(URL + "b", 1)]


def test_other_files_are_refused_with_a_clear_message(tmp_path):
    (tmp_path / "notes.txt").write_text("hello " * 200)
    with pytest.raises(StoreError, match="not a webaudit results file"):
        Store(tmp_path / "notes.txt")
    other = sqlite3.connect(tmp_path / "other.sqlite")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="not a webaudit results file"):
        Store(tmp_path / "other.sqlite")
    newer = sqlite3.connect(tmp_path / "newer.sqlite")
    newer.execute(f"PRAGMA user_version = {store_mod.SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(StoreError, match="newer webaudit"):
        Store(tmp_path / "newer.sqlite")


def test_migrations_upgrade_old_files_and_a_failing_one_changes_nothing(tmp_path, monkeypatch):
    Store(tmp_path / "r.sqlite").close()  # written at the current version
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, ["ALTER TABLE runs ADD COLUMN note TEXT"]])
    s = Store(tmp_path / "r.sqlite")
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(store_mod.MIGRATIONS)
    assert "note" in [c[1] for c in s.db.execute("PRAGMA table_info(runs)")]
    s.close()
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS,
                                                  ["ALTER TABLE runs ADD COLUMN later TEXT", "NOT SQL AT ALL"]])
    with pytest.raises(StoreError):
        Store(tmp_path / "r.sqlite")
    s = sqlite3.connect(tmp_path / "r.sqlite")
    assert s.execute("PRAGMA user_version").fetchone()[0] == len(store_mod.MIGRATIONS) - 1
    assert "later" not in [c[1] for c in s.execute("PRAGMA table_info(runs)")]


def test_a_version_1_file_gains_the_link_checks_table_and_keeps_its_runs(tmp_path):
    s = Store(tmp_path / "r.sqlite")
    run = s.start_run(["https://x.example/"], "crawl", "k", {}, "0")
    s.close()
    old = sqlite3.connect(tmp_path / "r.sqlite")  # as webaudit wrote it before link_checks existed
    old.execute("DROP TABLE link_checks")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    s = Store(tmp_path / "r.sqlite")
    try:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == store_mod.SCHEMA_VERSION == 2
        assert [r.id for r in s.runs()] == [run]
        with s.transaction():
            s.save_answered_links([("https://partner.example/ok", "", 200, ["https://partner.example/ok/"])])
        assert s.answered_links("2000-01-01T00:00:00+00:00") == {
            "https://partner.example/ok": ("", 200, ("https://partner.example/ok/",))}
        assert s.answered_links("2999-01-01T00:00:00+00:00") == {}
    finally:
        s.close()


WRITER = textwrap.dedent("""
    import sys
    from webaudit.model import Finding, Severity
    from webaudit.store import Resource, Store
    s = Store(sys.argv[1])
    run = s.start_run(["https://x.example/"], "crawl", "k", {}, "0")
    for i in range(100_000):
        with s.transaction():  # ten resources with ten findings each, all or nothing
            for j in range(10):
                url = f"https://x.example/{i}/{j}"
                fs = [Finding("img-alt", f"m{k}", Severity.ERROR, url, line=k) for k in range(10)]
                s.save_resource(run, Resource(url, "x.example", "checked", content_hash=url, checks_key="k"), fs)
        print(i, flush=True)
""")


def test_a_writer_killed_mid_transaction_leaves_a_sound_file(tmp_path):
    db = tmp_path / "r.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(30):  # wait until a few transactions have committed
            proc.stdout.readline()
        time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    s = Store(db)  # opens (and recovers the WAL) without complaint
    assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    resources = s.db.execute("SELECT count(*) FROM resources").fetchone()[0]
    findings = s.db.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert resources >= 300 and resources % 10 == 0 and findings == resources * 10  # whole transactions only
    s.close()
