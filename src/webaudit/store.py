"""The results store: runs, the resources each run met, their findings, and the crawl frontier.

SQLite by default: one file, no server. It is opened in WAL mode and every write happens inside a
transaction (`with store.transaction(): ...`), so a crash or a SIGKILL leaves the file as it was
after the last committed transaction, never half-written (with synchronous=NORMAL a power cut may
also lose the last few commits, which a resumed crawl simply redoes). Only `Store` touches SQL: a
server database can follow behind the same methods.

Schema (version 2; `PRAGMA user_version` holds the version, MIGRATIONS upgrades older files):

runs          one row per crawl
  id, started_at, finished_at (ISO 8601, UTC), status ('running', or killed; 'interrupted' by Ctrl-C;
  both resume), then 'done', or 'failed' (nothing to crawl) or 'abandoned' (--fresh started over),
  start_urls (JSON list), crawl_key (same start URLs = same crawl, resumable), checks_key
  (webaudit's version, the selected checks and the config: stored findings are reused only under
  the same key),
  settings (JSON), version (webaudit's), summary (JSON counts, when finished)
resources     one row per URL a run met (PRIMARY KEY run_id, url)
  url (normalised), host (host[:port], the site for reports), kind ('html', 'pdf', 'image',
  'video', 'audio', 'captions', 'css', or NULL when not read), status (HTTP status; NULL without an
  answer), outcome ('checked': fetched and checked; 'unchanged': 304, same content hash, or sitemap
  lastmod not moved, findings reused; 'redirect'; 'failed'), reason (why unchanged or failed),
  location (redirect target), etag, last_modified, content_type, content_hash (sha256 prefix), size,
  sitemap_lastmod, title, author (<meta name="author">, for owner views), depth, referrer,
  fetched_at (when its body was last downloaded; carried over while unchanged), checks_key,
  check_set and link_set (finding sets, below)
finding_sets  findings are stored once per (url, content, checks) and shared by every run in which
  that URL was unchanged, so a nightly crawl adds rows only for what changed
  id, url, key ('check:<content hash>:<checks key>', or 'findings:<hash of the findings>' for
  link findings and for resources that could not be read), refs and anchors (zlib'd JSON of a
  checked page's references and fragment targets, so an unchanged page is not parsed again)
findings      every Finding field, plus its fingerprint; `seq` keeps the checks' order
  set_id, seq, rule, severity (1 notice, 2 warning, 3 error), message, url, wcag (comma-separated),
  level, line, col, selector, snippet, help, policy, fingerprint
link_checks   external links that answered when last asked (the crawl asks them again after
  `link_cache_hours`): url (without #fragment), reason, status (the last HTTP status), redirects (JSON
  list of the addresses it went through), checked_at (ISO 8601, UTC)
frontier      the crawl's queue, for resume: run_id, seq (BFS order), url, depth, referrer, via
  (JSON: how a page referenced a document or media file), lastmod (from the sitemap), hops
  (redirects so far), done (0 queued, 1 recorded in resources)

Reading (for reports): `runs()`, `latest_run()`, `resources(run_id)`, `findings(run_id)` (an
iterator of (Resource row, Finding) pairs, streamed), `findings_of(resource)`, `counts(run_id)`,
`resource(run_id, url)`, `previous(url, before_run)`.
Writing (the crawl): `start_run`, `save_resource`, `set_link_findings`, `frontier_add`,
`frontier_done`, `finish_run`, `save_answered_links`, inside `transaction()`; `answered_links(since)`
reads what that last one saved.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .model import Finding, Severity

SCHEMA_VERSION = 2

# MIGRATIONS[n] takes a file from version n to n + 1; each runs in one transaction.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            start_urls TEXT NOT NULL,
            crawl_key TEXT NOT NULL,
            checks_key TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            version TEXT NOT NULL DEFAULT '',
            summary TEXT
        )""",
        "CREATE INDEX runs_crawl ON runs (crawl_key, id)",
        """CREATE TABLE finding_sets (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            key TEXT NOT NULL,
            refs BLOB,
            anchors BLOB,
            UNIQUE (url, key)
        )""",
        """CREATE TABLE findings (
            set_id INTEGER NOT NULL REFERENCES finding_sets (id),
            seq INTEGER NOT NULL,
            rule TEXT NOT NULL,
            severity INTEGER NOT NULL,
            message TEXT NOT NULL,
            url TEXT NOT NULL,
            wcag TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '',
            line INTEGER,
            col INTEGER,
            selector TEXT NOT NULL DEFAULT '',
            snippet TEXT NOT NULL DEFAULT '',
            help TEXT NOT NULL DEFAULT '',
            policy TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (set_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE resources (
            run_id INTEGER NOT NULL REFERENCES runs (id),
            url TEXT NOT NULL,
            host TEXT NOT NULL,
            kind TEXT,
            status INTEGER,
            outcome TEXT NOT NULL,
            reason TEXT,
            location TEXT,
            etag TEXT,
            last_modified TEXT,
            content_type TEXT,
            content_hash TEXT,
            size INTEGER,
            sitemap_lastmod TEXT,
            title TEXT,
            author TEXT,
            depth INTEGER,
            referrer TEXT,
            fetched_at TEXT,
            checks_key TEXT,
            check_set INTEGER REFERENCES finding_sets (id),
            link_set INTEGER REFERENCES finding_sets (id),
            PRIMARY KEY (run_id, url)
        )""",
        "CREATE INDEX resources_url ON resources (url, run_id)",
        """CREATE TABLE frontier (
            run_id INTEGER NOT NULL REFERENCES runs (id),
            seq INTEGER NOT NULL,
            url TEXT NOT NULL,
            depth INTEGER NOT NULL,
            referrer TEXT,
            via TEXT,
            lastmod TEXT,
            hops INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, url)
        )""",
        "CREATE INDEX frontier_order ON frontier (run_id, done, seq)",
    ],
    [  # 1 -> 2: external links that answered, so the next nightly crawl need not ask them again
        """CREATE TABLE link_checks (
            url TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            status INTEGER,
            redirects TEXT NOT NULL,
            checked_at TEXT NOT NULL
        )""",
    ],
]


class StoreError(Exception):
    """The file is not a webaudit store, or is from a newer webaudit."""


@dataclass(frozen=True)
class Run:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    start_urls: tuple[str, ...]
    crawl_key: str
    checks_key: str
    settings: dict
    version: str
    summary: dict | None


@dataclass(frozen=True, slots=True)
class Resource:
    """A URL as one run met it: a `resources` row."""

    url: str
    host: str
    outcome: str
    kind: str | None = None
    status: int | None = None
    reason: str | None = None
    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    content_hash: str | None = None
    size: int | None = None
    sitemap_lastmod: str | None = None
    title: str | None = None
    author: str | None = None
    depth: int | None = None
    referrer: str | None = None
    fetched_at: str | None = None
    checks_key: str | None = None
    check_set: int | None = None
    link_set: int | None = None
    run_id: int | None = None


@dataclass(frozen=True)
class FrontierEntry:
    url: str
    depth: int
    referrer: str | None = None
    via: dict = field(default_factory=dict)
    lastmod: str | None = None
    hops: int = 0


_RESOURCE_COLS = tuple(f.name for f in fields(Resource) if f.name != "run_id")
_FINDING_COLS = ("rule", "severity", "message", "url", "wcag", "level", "line", "col", "selector", "snippet",
                 "help", "policy", "fingerprint")


_SAVE_RESOURCE = (f"INSERT OR REPLACE INTO resources ({', '.join(_RESOURCE_COLS)}, run_id)"
                  f" VALUES ({', '.join('?' * len(_RESOURCE_COLS))}, ?)")
_SAVE_FINDING = (f"INSERT INTO findings (set_id, seq, {', '.join(_FINDING_COLS)})"
                 f" VALUES (?, ?, {', '.join('?' * len(_FINDING_COLS))})")
_ADD_FRONTIER = ("INSERT OR IGNORE INTO frontier (run_id, seq, url, depth, referrer, via, lastmod, hops)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_FRONTIER_DONE = "UPDATE frontier SET done = 1 WHERE run_id = ? AND url = ?"
_BUFFERED = (_SAVE_RESOURCE, _SAVE_FINDING, _ADD_FRONTIER, _FRONTIER_DONE)  # flushed in this order


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """One SQLite file. Use from one thread (the crawl's main loop)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: never corrupt; a power cut may
            self.db.execute("PRAGMA foreign_keys=ON")  # lose the last transactions, which resume redoes
            self.db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path} is not a webaudit results file ({e})") from None
        self._depth = 0
        self._seq: dict[int, int] = {}  # run -> last frontier seq used
        # Row writes inside a transaction are buffered and go out in one executemany per table when it
        # commits: the crawl's main thread then makes a handful of SQLite calls per batch, not per URL.
        self._pending: dict[str, list] = {sql: [] for sql in _BUFFERED}

    # -- transactions and schema -------------------------------------------------------------------
    @contextmanager
    def transaction(self):
        """All writes inside commit together or not at all (nested uses join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
            self._flush()
        except BaseException:
            for rows in self._pending.values():
                rows.clear()
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def _write(self, sql: str, rows: list) -> None:
        """Buffer rows for one of the _BUFFERED statements (in a transaction of their own if none is open)."""
        if self._depth:
            self._pending[sql].extend(rows)
        else:
            with self.transaction():
                self._pending[sql].extend(rows)

    def _flush(self) -> None:
        """Write what is buffered (before the commit, and before a read that could depend on it)."""
        for sql, rows in self._pending.items():
            if rows:
                self.db.executemany(sql, rows)
                rows.clear()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer webaudit (schema {version}; "
                             f"this one reads up to {len(MIGRATIONS)})")
        if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path} is an SQLite file but not a webaudit results file")
        for n in range(version, len(MIGRATIONS)):
            self._depth = 0
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[n]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {n + 1}")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # -- runs --------------------------------------------------------------------------------------
    def start_run(self, start_urls: Iterable[str], crawl_key: str, checks_key: str, settings: dict,
                  version: str) -> int:
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO runs (started_at, status, start_urls, crawl_key, checks_key, settings, version)"
                " VALUES (?, 'running', ?, ?, ?, ?, ?)",
                (now(), json.dumps(list(start_urls)), crawl_key, checks_key, json.dumps(settings, default=str),
                 version))
            return cur.lastrowid

    def unfinished_run(self, crawl_key: str) -> Run | None:
        """The latest run of this crawl when it did not finish (to resume it)."""
        row = self.db.execute(f"SELECT {_RUN_COLS} FROM runs WHERE crawl_key = ? ORDER BY id DESC LIMIT 1",
                              (crawl_key,)).fetchone()
        run = _run(row) if row else None
        return run if run and run.status in ("running", "interrupted") else None

    def finish_run(self, run_id: int, status: str, summary: dict) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?",
                            (status, now(), json.dumps(summary), run_id))

    def runs(self) -> list[Run]:
        """Every run, oldest first."""
        return [_run(r) for r in self.db.execute(f"SELECT {_RUN_COLS} FROM runs ORDER BY id")]

    def latest_run(self, finished: bool = True) -> Run | None:
        runs = [r for r in self.runs() if r.status == "done" or not finished]
        return runs[-1] if runs else None

    # -- resources and findings --------------------------------------------------------------------
    def previous(self, url: str, before_run: int) -> Resource | None:
        """The latest state of `url` recorded by an earlier run (for conditional requests and reuse)."""
        self._flush()
        cols = ", ".join(_RESOURCE_COLS)
        row = self.db.execute(f"SELECT {cols}, run_id FROM resources WHERE url = ? AND run_id < ?"
                              " ORDER BY run_id DESC LIMIT 1", (url, before_run)).fetchone()
        return Resource(*row) if row else None

    def previous_states(self, before_run: int, runs: int = 3) -> dict[str, Resource]:
        """The latest state of every URL in the last `runs` runs before `before_run`, read in one go
        (what `previous` gives one URL at a time)."""
        self._flush()
        cols = ", ".join(_RESOURCE_COLS)
        out: dict[str, Resource] = {}
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE id < ? ORDER BY id DESC LIMIT ?",
                                         (before_run, runs)).fetchall():
            for row in self.db.execute(f"SELECT {cols}, run_id FROM resources WHERE run_id = ?", (run_id,)):
                if row[0] not in out:
                    out[row[0]] = Resource(*row)
        return out

    def save_resource(self, run_id: int, res: Resource, findings: list[Finding] | None = None,
                      refs: list | None = None, anchors: Iterable[str] = ()) -> Resource:
        """Record one URL of a run, and return the row as stored.

        With `findings` (and, for a page, its `refs` and `anchors` as JSON-able lists), they become the
        resource's check set (or match the set stored when the same content was checked the same way).
        Without, `res.check_set` is kept as given: reused from an earlier run."""
        if findings is not None:
            key = f"check:{res.content_hash}:{res.checks_key}" if res.content_hash else _digest_key(findings)
            res = replace(res, check_set=self._finding_set(res.url, key, findings, refs, anchors))
        self._write(_SAVE_RESOURCE, [(*[getattr(res, c) for c in _RESOURCE_COLS], run_id)])
        return res

    def links_of(self, res: Resource) -> tuple[list, list[str]]:
        """The references and fragment targets recorded when the resource's content was checked."""
        row = self.db.execute("SELECT refs, anchors FROM finding_sets WHERE id = ?", (res.check_set,)).fetchone()
        return (_unpack(row[0]), _unpack(row[1])) if row else ([], [])

    def pages_with_links(self, run_id: int) -> Iterator[tuple[str, list, list[str]]]:
        """(url, refs, anchors) of every resource of the run that has references, in URL order."""
        cur = self.db.execute("SELECT r.url, s.refs, s.anchors FROM resources r JOIN finding_sets s"
                              " ON s.id = r.check_set WHERE r.run_id = ? AND s.refs IS NOT NULL ORDER BY r.url",
                              (run_id,))
        for url, refs, anchors in cur:
            yield url, _unpack(refs), _unpack(anchors)

    def answered_links(self, since: str) -> dict[str, tuple[str, int | None, tuple[str, ...]]]:
        """External links that answered at `since` (ISO 8601, UTC) or later: url -> (reason, status, redirects)."""
        cur = self.db.execute("SELECT url, reason, status, redirects FROM link_checks WHERE checked_at >= ?", (since,))
        return {url: (reason, status, tuple(json.loads(redirects))) for url, reason, status, redirects in cur}

    def save_answered_links(self, answered: Iterable[tuple[str, str, int | None, Iterable[str]]]) -> None:
        """Record (url, reason, status, redirects) of external links that answered just now."""
        at = now()
        self._flush()
        self.db.executemany("INSERT OR REPLACE INTO link_checks (url, reason, status, redirects, checked_at)"
                            " VALUES (?, ?, ?, ?, ?)",
                            [(url, reason, status, json.dumps(list(redirects)), at)
                             for url, reason, status, redirects in answered])

    def set_link_findings(self, run_id: int, url: str, findings: list[Finding]) -> None:
        """The broken-link findings of one resource for this run (replacing any before)."""
        set_id = self._finding_set(url, _digest_key(findings), findings) if findings else None
        self._flush()
        self.db.execute("UPDATE resources SET link_set = ? WHERE run_id = ? AND url = ?", (set_id, run_id, url))

    def _finding_set(self, url: str, key: str, findings: list[Finding], refs: list | None = None,
                     anchors: Iterable[str] = ()) -> int:
        row = self.db.execute("INSERT INTO finding_sets (url, key, refs, anchors) VALUES (?, ?, ?, ?)"
                              " ON CONFLICT (url, key) DO NOTHING RETURNING id",
                              (url, key, _pack(refs), _pack(sorted(anchors)))).fetchone()
        if row is None:  # the same content was checked the same way before: same findings
            return self.db.execute("SELECT id FROM finding_sets WHERE url = ? AND key = ?", (url, key)).fetchone()[0]
        set_id = row[0]
        self._write(_SAVE_FINDING, [(set_id, i, f.rule, int(f.severity), f.message, f.url, ",".join(f.wcag), f.level,
                                     f.line, f.column, f.selector, f.snippet, f.help, f.policy, f.fingerprint)
                                    for i, f in enumerate(findings)])
        return set_id

    def resource(self, run_id: int, url: str) -> Resource | None:
        self._flush()
        cols = ", ".join(_RESOURCE_COLS)
        row = self.db.execute(f"SELECT {cols}, run_id FROM resources WHERE run_id = ? AND url = ?",
                              (run_id, url)).fetchone()
        return Resource(*row) if row else None

    def resources(self, run_id: int) -> Iterator[Resource]:
        """Every URL the run met, in URL order."""
        self._flush()
        cols = ", ".join(_RESOURCE_COLS)
        for row in self.db.execute(f"SELECT {cols}, run_id FROM resources WHERE run_id = ? ORDER BY url",
                                   (run_id,)):
            yield Resource(*row)

    def findings(self, run_id: int) -> Iterator[tuple[Resource, Finding]]:
        """Every finding of the run with the resource it is on: per resource in URL order, its check
        findings then its link findings. Streamed: a 100,000-finding run is never held in memory."""
        for res in self.resources(run_id):
            for set_id in (res.check_set, res.link_set):
                if set_id is not None:
                    for row in self.db.execute(f"SELECT {', '.join(_FINDING_COLS)} FROM findings"
                                               " WHERE set_id = ? ORDER BY seq", (set_id,)):
                        yield res, _finding(row)

    def findings_of(self, res: Resource) -> list[Finding]:
        """The findings of one resource row (check findings, then link findings)."""
        self._flush()
        out = []
        for set_id in (res.check_set, res.link_set):
            if set_id is not None:
                out.extend(_finding(row) for row in self.db.execute(
                    f"SELECT {', '.join(_FINDING_COLS)} FROM findings WHERE set_id = ? ORDER BY seq", (set_id,)))
        return out

    def counts(self, run_id: int) -> dict:
        """What a run met and found: resources by kind and by outcome, findings by severity and rule."""
        self._flush()
        by_kind: dict[str, int] = {}
        by_outcome: dict[str, int] = {}
        for kind, outcome, n in self.db.execute(
                "SELECT kind, outcome, count(*) FROM resources WHERE run_id = ? GROUP BY kind, outcome", (run_id,)):
            if outcome in ("checked", "unchanged"):
                by_kind[kind or "unknown"] = by_kind.get(kind or "unknown", 0) + n
            by_outcome[outcome] = by_outcome.get(outcome, 0) + n
        severity: dict[str, int] = {}
        rules: dict[str, int] = {}
        for column in ("check_set", "link_set"):
            for sev, rule, n in self.db.execute(
                    f"SELECT f.severity, f.rule, count(*) FROM resources r JOIN findings f ON f.set_id = r.{column}"
                    " WHERE r.run_id = ? GROUP BY f.severity, f.rule", (run_id,)):
                name = str(Severity(sev))
                severity[name] = severity.get(name, 0) + n
                rules[rule] = rules.get(rule, 0) + n
        return {"kinds": by_kind, "outcomes": by_outcome, "findings": severity, "rules": dict(sorted(rules.items()))}

    # -- frontier ------------------------------------------------------------------------------------
    def frontier_add(self, run_id: int, entries: Iterable[FrontierEntry]) -> None:
        """Queue URLs (a URL already in the run's frontier is ignored)."""
        if run_id not in self._seq:
            self._seq[run_id] = self.db.execute("SELECT coalesce(max(seq), 0) FROM frontier WHERE run_id = ?",
                                                (run_id,)).fetchone()[0]
        base = self._seq[run_id]
        entries = list(entries)
        self._seq[run_id] += len(entries)
        self._write(_ADD_FRONTIER, [(run_id, base + i, e.url, e.depth, e.referrer, json.dumps(e.via) if e.via else None,
                                     e.lastmod, e.hops) for i, e in enumerate(entries, 1)])

    def frontier_done(self, run_id: int, url: str) -> None:
        self._write(_FRONTIER_DONE, [(run_id, url)])

    def frontier(self, run_id: int) -> tuple[list[FrontierEntry], list[str]]:
        """(entries still queued in BFS order, URLs already done) of a run."""
        self._flush()
        queued, done = [], []
        for url, depth, referrer, via, lastmod, hops, is_done in self.db.execute(
                "SELECT url, depth, referrer, via, lastmod, hops, done FROM frontier WHERE run_id = ?"
                " ORDER BY seq", (run_id,)):
            if is_done:
                done.append(url)
            else:
                queued.append(FrontierEntry(url, depth, referrer, json.loads(via) if via else {}, lastmod, hops))
        return queued, done


_RUN_COLS = "id, started_at, finished_at, status, start_urls, crawl_key, checks_key, settings, version, summary"


def _run(row) -> Run:
    id_, started, finished, status, start_urls, crawl_key, checks_key, settings, version, summary = row
    return Run(id_, started, finished, status, tuple(json.loads(start_urls)), crawl_key, checks_key,
               json.loads(settings or "{}"), version, json.loads(summary) if summary else None)


def _finding(row) -> Finding:
    rule, severity, message, url, wcag, level, line, col, selector, snippet, help_, policy, _ = row
    return Finding(rule=rule, message=message, severity=Severity(severity), url=url,
                   wcag=tuple(w for w in wcag.split(",") if w), level=level, line=line, column=col,
                   selector=selector, snippet=snippet, help=help_, policy=policy)


def _digest_key(findings: list[Finding]) -> str:
    text = "\n".join(json.dumps(f.to_dict(), sort_keys=True) for f in findings)
    return "findings:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _pack(value) -> bytes | None:
    return zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1) \
        if value else None


def _unpack(blob: bytes | None):
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass")) if blob else []
