"""Past runs: which run is reported, the one before it (for "new" and "fixed"), and the trend.

Runs compare only with runs of the same crawl (the same start URLs). Findings are matched by
fingerprint (rule, page, element path and content; never the line), page by page: a page whose
finding sets are the very ones the previous run had (an unchanged page, whose stored findings were
reused) costs nothing; only pages that changed are read twice.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model import Finding
from ...store import Resource, Run, Store

TREND_RUNS = 30  # runs shown in the trend charts, at most


class ReportError(Exception):
    """Nothing to report: an empty store, or an unknown run."""


def pick_run(store: Store, run_id: int | None) -> Run:
    runs = store.runs()
    if not runs:
        raise ReportError(f"{store.path} has no runs yet: run `webaudit crawl` first")
    if run_id is None:
        return store.latest_run() or runs[-1]
    for r in runs:
        if r.id == run_id:
            return r
    raise ReportError(f"{store.path} has no run {run_id} (runs: {', '.join(str(r.id) for r in runs)})")


def earlier_runs(store: Store, run: Run) -> list[Run]:
    """Finished runs of the same crawl before `run`, oldest first."""
    return [r for r in store.runs() if r.crawl_key == run.crawl_key and r.id < run.id and r.status == "done"]


@dataclass(frozen=True)
class Point:
    """One run in the trend charts."""

    run_id: int
    date: str
    errors: int
    warnings: int
    notices: int
    pages: int
    documents: int


def trend(store: Store, run: Run, earlier: list[Run]) -> list[Point]:
    points = []
    for r in [*earlier[-(TREND_RUNS - 1):], run]:
        counts = r.summary if r.summary and "findings" in r.summary else store.counts(r.id)
        found, kinds = counts.get("findings", {}), counts.get("kinds", {})
        points.append(Point(r.id, r.started_at[:10], found.get("error", 0), found.get("warning", 0),
                            found.get("notice", 0), kinds.get("html", 0), kinds.get("pdf", 0)))
    return points


class Previous:
    """The previous run's resources, to tell per page what is new and what was fixed."""

    def __init__(self, store: Store, run: Run | None):
        self.store = store
        self.run = run
        self._sets: dict[str, Resource] = {r.url: r for r in store.resources(run.id)} if run else {}
        self.seen: set[str] = set()  # URLs of the current run met so far

    def changes(self, res: Resource, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new, fixed) on one page of the current run."""
        self.seen.add(res.url)
        if self.run is None:
            return [], []
        before = self._sets.get(res.url)
        if before is None:
            return list(findings), []
        if (before.check_set, before.link_set) == (res.check_set, res.link_set):
            return [], []
        old = self.store.findings_of(before)
        return _unmatched(findings, old), _unmatched(old, findings)

    def gone(self) -> tuple[int, int]:
        """(pages, findings) of the previous run on pages the current run did not meet."""
        pages = findings = 0
        for url, res in self._sets.items():
            if url not in self.seen:
                n = len(self.store.findings_of(res))
                pages += n > 0
                findings += n
        return pages, findings


def _unmatched(these: list[Finding], others: list[Finding]) -> list[Finding]:
    """The findings of `these` with no counterpart in `others`, fingerprints counted as a multiset
    (three identical images, one fixed: one fixed, not none)."""
    left = Counter(f.fingerprint for f in others)
    out = []
    for f in these:
        if left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
        else:
            out.append(f)
    return out
