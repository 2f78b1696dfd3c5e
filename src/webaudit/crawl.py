"""`webaudit crawl`: breadth-first over a district's sites, politely, incrementally, resumably.

One URL's way through the crawl:

    frontier -> fetch in a thread (a conditional GET when the stored findings can be reused)
             -> check in a worker process (through the executor: picklable (url, body, headers, via)
                in, a TargetResult out)
             -> store: the resource, its findings and the URLs it links to, in one transaction

The main thread owns the frontier, the store and every decision (scope, robots.txt, trap bounds,
limits, retries); threads only fetch and wait for checks. A URL is recorded together with what it
led to, or not at all, so a crawl killed at any moment resumes from the store with nothing lost and
nothing checked twice. After the last page, the link stage turns every page's references and the
statuses of their targets (pages the crawl fetched, external links the LinkChecker asked) into
link-broken findings.

A re-crawl reuses what has not changed: a URL whose sitemap <lastmod> has not moved is not
requested at all; otherwise a conditional GET (ETag / Last-Modified) answered 304, or a body with
the same content hash, reuses the stored findings and references without checking again.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from typing import Callable, Iterable

from . import __version__, links
from .admission import CHECK, CRAWL, REASONS, Admission
from .checking import Batcher, local_executor
from .config import Config
from .executor import Executor, cores
from .fetch import Failure, Fetcher, Response, Retry
from .frontier import Frontier
from .linkstage import ref_targets, refs_to_json, run_link_stage
from .model import UNREADABLE, Finding, Severity
from .politeness import HostGate, Settings
from .registry import Check
from .robots import HostRules, Robots
from .run import selected_checks
from .sitemaps import discover, unchanged as lastmod_unchanged
from .store import FrontierEntry, Resource, Store, now
from .urls import Scope, TrapGuard, canonical, host_of, normalize, origin
from .visit import Checked, Job, Unchanged, visit

CHECK_TIMEOUT = 600.0  # seconds a worker may take over one resource before it is given up on
BATCH = 200  # results recorded per transaction, at most

LINK_RULE = "link-broken"


class CrawlError(Exception):
    """Nothing can be crawled (unreachable start URL, robots.txt forbids everything, empty scope)."""


# -- the run ------------------------------------------------------------------------------------------------
@dataclass
class Stats:
    """What this process did (the store holds the run's totals, across resumes)."""

    recorded: int = 0  # URLs recorded in the store
    fetched: int = 0  # bodies downloaded
    checked: int = 0  # resources sent to the checks
    not_modified: int = 0  # 304 answers
    same_content: int = 0  # bodies whose hash had not changed
    lastmod_skipped: int = 0  # not requested: sitemap lastmod had not moved
    retries: int = 0
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)  # URLs kept out of the crawl, by admission.REASONS key
    notes: list[str] = field(default_factory=list)  # said once each, in the summary


@dataclass
class Outcome:
    """How the crawl ended, for the CLI's summary and exit status."""

    run_id: int
    resumed: bool
    interrupted: bool
    seconds: float
    stats: Stats
    counts: dict  # Store.counts() of the run
    db: str

    @property
    def checked_nothing(self) -> bool:
        """Not one resource could be read (the start URL failed): the CLI says why and exits 2."""
        return not self.interrupted and not self.counts["kinds"]

    def lines(self) -> list[str]:
        c, s = self.counts, self.stats
        kinds = c["kinds"]
        pages = kinds.get("html", 0)
        docs = kinds.get("pdf", 0)
        media = sum(kinds.get(k, 0) for k in ("image", "video", "audio"))
        other = sum(kinds.get(k, 0) for k in ("captions", "css"))
        total = sum(c["outcomes"].values())
        rate = s.recorded / self.seconds if self.seconds else 0.0
        verb = "Interrupted" if self.interrupted else ("Resumed and finished" if self.resumed else "Crawled")
        unreadable = f", {kinds['unknown']} unreadable" if kinds.get("unknown") else ""
        out = [f"{verb} run {self.run_id} in {_duration(self.seconds)}: {total} URLs, {pages} pages, "
               f"{docs} PDF documents, {media} images and media, {other} captions and stylesheets{unreadable}."]
        reused = c["outcomes"].get("unchanged", 0)
        out.append(f"  {s.recorded} URLs this time ({rate:.0f}/s): {s.fetched} downloaded, {s.checked} checked, "
                   f"{reused} unchanged with findings reused (304: {s.not_modified}, same content: "
                   f"{s.same_content}, sitemap lastmod: {s.lastmod_skipped}), {s.retries} retries")
        failed, redirects = c["outcomes"].get("failed", 0), c["outcomes"].get("redirect", 0)
        left = [f"{failed} failed", f"{redirects} redirects"]
        left.extend(f"{s.skipped[reason]} {what}" for reason, what in REASONS.items() if s.skipped[reason])
        out.append("  " + ", ".join(left))
        f = c["findings"]
        out.append(f"Findings: {f.get('error', 0)} errors, {f.get('warning', 0)} to review, "
                   f"{f.get('notice', 0)} notices.")
        out.extend(f"  note: {n}" for n in s.notes)
        if self.interrupted:
            out.append(f"Run the same command again to resume (results so far are in {self.db}).")
        else:
            out.append(f"Results: {self.db} (run {self.run_id}).")
        return out


def crawl_key(start_urls: Iterable[str]) -> str:
    return hashlib.sha256(json.dumps(sorted(start_urls)).encode()).hexdigest()[:16]


def checks_key(checks: list[Check], config: Config) -> str:
    """Stored findings are reused only while this is unchanged: webaudit's version, the selected checks
    (with a plugin's version), and every config value that can change a finding. Like a linter's
    cache, it does not hash source code: after editing a check without a new version, use --recheck."""
    parts = [__version__]
    for c in sorted(checks, key=lambda c: c.id):
        mod = importlib.import_module(c.module)
        parts.append(f"{c.id}={c.module}:{getattr(mod, '__version__', '')}")
    cfg = {f.name: getattr(config, f.name) for f in fields(config)
           if f.name not in ("source", "crawl", "report", "serve", "fail_on")}
    parts.append(json.dumps(cfg, sort_keys=True, default=str))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class Crawler:
    """One crawl run: set up with the start URLs, `run()` it, read the Outcome."""

    def __init__(self, start_urls: list[str], config: Config, settings: Settings, store: Store, *,
                 executor: Executor | None = None, jobs: int | None = None, fresh: bool = False,
                 progress: Callable[[str], None] | None = None):
        self.config = config
        self.settings = settings
        self.store = store
        self.progress = progress or (lambda text: None)
        self.start_urls = _start_urls(start_urls)
        self.checks = selected_checks(config)
        self.checks_key = checks_key(self.checks, config)
        self.link_rule = any(c.id == LINK_RULE for c in self.checks)  # broken links only when it is selected
        self._own_executor = executor is None
        self.executor = executor or local_executor(self.checks, config, jobs)
        self.batcher = Batcher(self.executor, slots=2 * (jobs or cores()))
        self.scope = Scope(self.start_urls, config.district_domains, settings.include, settings.exclude)
        self.gate = HostGate(settings.per_host, settings.delay)
        self.fetcher = Fetcher(settings.user_agent, timeout=settings.timeout, max_seconds=settings.max_seconds,
                               max_bytes=settings.max_bytes, pool=settings.threads)
        robots = Robots(self.fetcher, settings.user_agent, retries=settings.retries, backoff=settings.backoff,
                        enabled=settings.robots)
        traps = TrapGuard(settings.max_per_pattern, settings.max_path_depth, settings.max_url_length)
        self.admission = Admission(self.scope, robots, traps, self.gate, settings,
                                   link_check=settings.links and self.link_rule)
        self.checker = links.LinkChecker(timeout=settings.timeout, retries=settings.retries,
                                         backoff=settings.backoff, max_retry_after=settings.max_retry_after,
                                         per_host=settings.per_host, workers=settings.threads,
                                         user_agent=settings.user_agent)
        self.stats = Stats(skipped=self.admission.skipped, notes=self.admission.notes)
        self._to_check: set[str] = set()  # link-checked, never crawled
        self._answered = _answered_lately(store, settings)  # external links that answered lately: not asked
        self._attempts: dict[str, int] = {}  # URL -> retries so far
        key = crawl_key(self.start_urls)
        previous = store.unfinished_run(key)
        if previous and fresh:
            store.finish_run(previous.id, "abandoned", previous.summary or {})
            previous = None
        self.resumed = previous is not None
        settings_json = {f.name: getattr(settings, f.name) for f in fields(settings)}
        self.run_id = previous.id if previous else store.start_run(self.start_urls, key, self.checks_key,
                                                                   settings_json, __version__)
        self.frontier = Frontier(store, self.run_id)
        self.previous = store.previous_states(self.run_id)  # URL -> its state in the last runs
        for url in self.frontier.seen:  # a resumed run: trap bounds count what is already admitted
            traps.admit(url)
        for url in self.start_urls if self.resumed else ():  # and start URLs that moved keep their new host
            row = store.resource(self.run_id, url)
            if row is not None and row.outcome == "redirect" and row.location and normalize(row.location):
                self.scope.add_host(row.location)

    # -- the whole run ----------------------------------------------------------------------------------
    def run(self) -> Outcome:
        started = time.monotonic()
        interrupted = False
        try:
            if not self.resumed:
                try:
                    self._seed()
                except CrawlError as e:  # nothing to resume either
                    self.store.finish_run(self.run_id, "failed", {"notes": [str(e)]})
                    raise
            self._loop()
            if self.link_rule:
                run_link_stage(self.store, self.run_id, self.checker, self.config, to_check=self._to_check,
                               checkable=self.admission.link_checkable, recheck_refs=self.resumed,
                               ask_redirects=self.settings.links, answered=self._answered, progress=self.progress)
                self._remember_answered_links()
        except KeyboardInterrupt:
            interrupted = True
        finally:
            self.close()
        counts = self.store.counts(self.run_id)
        self._explain_start_failures()
        status = "interrupted" if interrupted else "done"
        if interrupted and not self.frontier.done_count and not len(self.frontier):
            status = "abandoned"  # stopped before the start URLs were even queued: nothing to resume
        self.store.finish_run(self.run_id, status, {**counts, "notes": self.stats.notes})
        return Outcome(self.run_id, self.resumed, interrupted, time.monotonic() - started, self.stats, counts,
                       self.store.path)

    def _remember_answered_links(self) -> None:
        """Store the external links asked this run that answered, for the next runs (link_cache_hours)."""
        asked = [url for url in self._to_check if url not in self._answered]
        if not asked or self.settings.link_cache_hours <= 0:
            return
        with self.store.transaction():
            self.store.save_answered_links((s.url, s.reason, s.status, s.redirects)
                                           for s in self.checker.check(asked).values() if s.verdict == links.OK)

    def close(self) -> None:
        self.batcher.close()
        self.checker.close()
        self.fetcher.close()
        if self._own_executor:
            self.executor.close()

    # -- seeding: start URLs, then the sitemaps --------------------------------------------------------
    def _seed(self) -> None:
        problems = []
        listed = self._sitemap_entries() if self.settings.sitemaps else {}
        with self.store.transaction():
            for url in self.start_urls:
                rules = self.admission.rules(origin(url))
                why = self.scope.excluded_by(url)
                if rules.unreachable:
                    problems.append(f"cannot reach {url}: {rules.reason.split(': ', 1)[-1]}")
                elif not rules.allows(url, self.settings.user_agent):
                    problems.append(_robots_refusal(url, rules, self.settings.user_agent))
                elif why:
                    problems.append(f"{url} {why}, so the scope holds nothing to start from")
                else:
                    self.frontier.push(FrontierEntry(url, 0, None, {}, listed.get(url)))
            for url, lastmod in listed.items():
                if url not in self.frontier.seen and self._decide(url, guess_kind(url), 1) == CRAWL:
                    self.frontier.push(FrontierEntry(url, 1, None, {}, lastmod))
        if not len(self.frontier):
            raise CrawlError("nothing to crawl: " + "; ".join(problems or ["no start URL is in scope"]))
        self.stats.notes.extend(problems)

    def _sitemap_entries(self) -> dict[str, str | None]:
        """URL -> lastmod from the sitemaps of every start host (normalised, in sitemap order)."""
        out: dict[str, str | None] = {}
        for org in dict.fromkeys(origin(u) for u in self.start_urls):
            rules = self.admission.rules(org)
            if rules.closed:
                continue
            found = discover(org, rules.sitemaps, self.fetcher, max_urls=self.settings.max_sitemap_urls,
                             gate=self.gate)
            self.stats.notes.extend(f"sitemap {p}" for p in found.problems or ())
            for e in found.entries:
                url = normalize(e.url)
                if url:
                    out.setdefault(url, e.lastmod)
            if found.files:
                self.stats.notes.append(f"{org}: {found.files} sitemap file(s) listing {len(found.entries)} URLs")
        return out

    # -- the loop ----------------------------------------------------------------------------------------
    def _loop(self) -> None:
        jobs: queue.Queue = queue.Queue()
        done: queue.Queue = queue.Queue()
        for _ in range(self.settings.threads):  # daemon threads: an interrupted crawl never waits on them
            threading.Thread(target=self._thread, args=(jobs, done), daemon=True).start()
        in_flight: dict[str, Job] = {}
        delayed: list[tuple[float, FrontierEntry]] = []  # retries waiting for their time
        started, recorded_before = time.monotonic(), self.frontier.done_count
        try:
            while True:
                clock = time.monotonic()
                for item in [d for d in delayed if d[0] <= clock]:
                    delayed.remove(item)
                    self.frontier.requeue(item[1])
                results: list[tuple[Job, object]] = []  # decided without a request (sitemap lastmod)
                while len(in_flight) < self.settings.threads and len(results) < BATCH:
                    entry = self.frontier.pop(self.gate.ready)
                    if entry is None:
                        break
                    job = self._job(entry)
                    if job.prev is not None and self.settings.trust_lastmod and \
                            lastmod_unchanged(entry.lastmod, job.prev.sitemap_lastmod):
                        results.append((job, Unchanged("sitemap lastmod")))
                        continue
                    self.gate.start(host_of(entry.url))
                    in_flight[entry.url] = job
                    jobs.put(job)
                if not (in_flight or results or delayed or len(self.frontier)):
                    return
                if not results:
                    results = self._collect(done, in_flight, wait=0.05 if len(self.frontier) or delayed else 0.5)
                with self.store.transaction():
                    for job, outcome in results:
                        self._handle(job, outcome, delayed)
                rate = (self.frontier.done_count - recorded_before) / max(1e-9, time.monotonic() - started)
                self.progress(f"crawl: {self.frontier.done_count} done, {len(self.frontier) + len(in_flight)} "
                              f"queued, {self.stats.failed} failed, {rate:.0f} URLs/s")
        finally:
            for _ in range(self.settings.threads):
                jobs.put(None)

    def _thread(self, jobs: queue.Queue, done: queue.Queue) -> None:
        def wake() -> None:  # a host slot is free: the loop may start the next request now
            done.put(None)

        while (job := jobs.get()) is not None:
            try:
                outcome = visit(job, self.fetcher, self.gate, self.batcher, wake)
            except Exception as e:  # noqa: BLE001 - a bug on one URL must not stop the crawl
                outcome = Failure(f"internal error: {type(e).__name__}: {e}")
            done.put((job, outcome))

    def _collect(self, done: queue.Queue, in_flight: dict[str, Job], wait: float) -> list:
        """Results the threads have finished (waiting up to `wait` s for the first), and give-ups."""
        got = []
        try:
            got.append(done.get(timeout=wait))
            while len(got) < BATCH:
                got.append(done.get_nowait())
        except queue.Empty:
            pass
        results = [(job, outcome) for job, outcome in filter(None, got) if in_flight.pop(job.entry.url, None) is job]
        clock = time.monotonic()
        for url, job in list(in_flight.items()):  # a worker process that died never answers
            if clock - job.started > self.settings.max_seconds + CHECK_TIMEOUT:
                del in_flight[url]
                results.append((job, Failure(f"no result within {CHECK_TIMEOUT:g} s (a checking worker "
                                             "crashed or hung)")))
        return results

    def _job(self, entry: FrontierEntry) -> Job:
        """The job for `entry`, with the stored state when its findings can be reused."""
        prev = self.previous.get(entry.url)
        reusable = (self.settings.reuse and prev is not None and prev.outcome in ("checked", "unchanged")
                    and prev.check_set is not None and prev.checks_key == self.checks_key)
        return Job(entry, prev if reusable else None, time.monotonic())

    # -- recording a result --------------------------------------------------------------------------------
    def _handle(self, job: Job, outcome, delayed: list) -> None:
        entry = job.entry
        if isinstance(outcome, Retry):
            outcome = self._retry(entry, outcome, delayed)
            if outcome is None:
                return
        self._attempts.pop(entry.url, None)
        row = Resource(entry.url, host_of(entry.url), "failed", depth=entry.depth, referrer=entry.referrer,
                       sitemap_lastmod=entry.lastmod, checks_key=self.checks_key)
        if isinstance(outcome, Checked):
            self._record_checked(entry, row, outcome)
        elif isinstance(outcome, Unchanged):
            self._record_unchanged(entry, row, job.prev, outcome)
        elif isinstance(outcome, Response):
            self._record_answer(entry, row, outcome)
        else:  # a Failure
            self.stats.failed += 1
            finding = Finding(UNREADABLE, f"{entry.url} could not be checked: {outcome.reason}", Severity.ERROR,
                              entry.url)
            self.store.save_resource(self.run_id, replace(row, status=outcome.status, reason=outcome.reason),
                                     [finding])
        self.frontier.done(entry.url)
        self.stats.recorded += 1

    def _retry(self, entry: FrontierEntry, r: Retry, delayed: list) -> Failure | None:
        """Schedule another attempt (None), or give up (the Failure to record)."""
        attempt = self._attempts.get(entry.url, 0)
        wait = r.after if r.after is not None else self.settings.backoff * 2 ** attempt
        if wait > self.settings.max_retry_after:
            return Failure(f"{r.reason} (asks to wait {wait:g} s, over the {self.settings.max_retry_after:g} s "
                           "bound)", r.status)
        if r.after is not None and r.status in (429, 503):  # the whole host waits, not just this URL
            self.gate.pause(host_of(entry.url), wait)
        if attempt >= self.settings.retries:
            return Failure(f"{r.reason} ({attempt + 1} tries)", r.status)
        self._attempts[entry.url] = attempt + 1
        self.stats.retries += 1
        delayed.append((time.monotonic() + wait, entry))
        return None

    def _record_checked(self, entry: FrontierEntry, row: Resource, c: Checked) -> None:
        self.stats.fetched += 1
        self.stats.checked += 1
        r, result = c.response, c.result
        row = replace(row, outcome="checked", kind=result.kind, status=r.status, reason=result.error,
                      etag=r.header("ETag"), last_modified=r.header("Last-Modified"),
                      content_type=r.header("Content-Type"), content_hash=c.content_hash, size=c.size,
                      title=c.title, author=c.author, fetched_at=now())
        self.store.save_resource(self.run_id, row, list(result.findings), refs_to_json(result.refs),
                                 result.anchors)
        self._follow(entry, [(r.url, r.kind) for r in result.refs], {f.url: f.via for f in result.follow})

    def _record_unchanged(self, entry: FrontierEntry, row: Resource, prev: Resource, u: Unchanged) -> None:
        if u.reason == "sitemap lastmod":
            self.stats.lastmod_skipped += 1
        elif u.reason == "same content":
            self.stats.fetched += 1
            self.stats.same_content += 1
        else:
            self.stats.not_modified += 1
        r = u.response
        row = replace(prev, outcome="unchanged", reason=u.reason, depth=row.depth, referrer=row.referrer,
                      sitemap_lastmod=entry.lastmod or prev.sitemap_lastmod, run_id=None,
                      etag=(r and r.header("ETag")) or prev.etag,
                      last_modified=(r and r.header("Last-Modified")) or prev.last_modified)
        self.store.save_resource(self.run_id, row)
        refs, _ = self.store.links_of(prev)
        self._follow(entry, ref_targets(refs), {})

    def _record_answer(self, entry: FrontierEntry, row: Resource, r: Response) -> None:
        location = r.header("Location")
        if not (300 <= r.status < 400 and location):
            self.stats.failed += 1
            self.store.save_resource(self.run_id, replace(row, status=r.status, reason=_http(r.status)))
            return
        target = normalize(location, entry.url)
        reason = None
        if target is None:
            reason = f"redirects to {location[:200]!r}, which is not crawled"
        elif entry.hops >= self.settings.max_redirects:
            reason = f"more than {self.settings.max_redirects} redirects in a row"
        else:
            if entry.depth == 0 and not self.scope.is_internal(target):  # a start URL moved: follow the site
                self.scope.add_host(target)
                self.stats.notes.append(f"{entry.url} redirects to {target}: crawling {host_of(target)} too")
            if target not in self.frontier.seen and self._decide(target, guess_kind(target), entry.depth) == CRAWL:
                self.frontier.push(FrontierEntry(target, entry.depth, entry.referrer, entry.via, None,
                                                 entry.hops + 1))
        self.store.save_resource(self.run_id, replace(row, outcome="redirect", status=r.status,
                                                      location=target or location, reason=reason))

    # -- what a page leads to -----------------------------------------------------------------------------
    def _follow(self, entry: FrontierEntry, targets: Iterable[tuple[str, str | None]], vias: dict[str, dict]) -> None:
        """Queue or link-check what a page references: (URL, likely kind) pairs."""
        depth = entry.depth + 1
        vias = {canonical(u): v for u, v in vias.items()}
        to_check = []
        for raw, kind in targets:
            url = canonical(raw)
            if url is None or url == entry.url or url in self.frontier.seen:
                continue
            decision = self._decide(url, kind, depth)
            if decision == CRAWL:
                self.frontier.push(FrontierEntry(url, depth, entry.url, vias.get(url, {})))
            elif decision == CHECK and url not in self._to_check:
                self._to_check.add(url)
                if url in self._answered:
                    self.checker.seed(url, self._answered[url])
                else:
                    to_check.append(url)
        if to_check:
            self.checker.submit(to_check)

    def _decide(self, url: str, kind: str | None, depth: int) -> str:
        return self.admission.decide(url, kind, depth, admitted=len(self.frontier.seen))

    def _explain_start_failures(self) -> None:
        for url in self.start_urls:
            row = self.store.resource(self.run_id, url)
            if row is not None and row.outcome == "failed":
                self.stats.notes.append(f"start URL {url}: {row.reason}")


def _start_urls(urls: list[str]) -> list[str]:
    out = []
    for u in urls:
        n = normalize(u if "://" in u else "https://" + u)
        if n is None:
            raise CrawlError(f"{u!r} is not an http(s) URL")
        out.append(n)
    return list(dict.fromkeys(out))


def guess_kind(url: str) -> str | None:
    """What a URL met as a link (or in a sitemap, or a Location header) most likely is."""
    return links.guess_kind(url, "a", "href")


def _http(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _robots_refusal(url: str, rules: HostRules, user_agent: str) -> str:
    if rules.closed:
        return f"{url}: {rules.reason}"
    everything = " (it forbids everything)" if rules.forbids_everything(user_agent) else ""
    return (f"{rules.origin}/robots.txt forbids webaudit to crawl {url}{everything}; "
            "ask the site's webmaster to allow it, or set crawl.robots = false for a site you run")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


def _answered_lately(store: Store, settings: Settings) -> dict[str, "links.LinkStatus"]:
    """External links that answered within the last `link_cache_hours` (none with --recheck, or when
    the crawl checks no links): a nightly crawl does not ask other sites the same thing every night.
    A link that did not answer is asked again every run, so that a fixed link shows at once."""
    if not (settings.links and settings.reuse and settings.link_cache_hours > 0):
        return {}
    since = datetime.now(timezone.utc) - timedelta(hours=settings.link_cache_hours)
    return {url: links.LinkStatus(url, links.OK, reason, status, redirects)
            for url, (reason, status, redirects) in store.answered_links(since.isoformat(timespec="seconds")).items()}
