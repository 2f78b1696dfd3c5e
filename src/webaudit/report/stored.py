"""A stored run as the stream of per-target results the reporters take (`webaudit export`).

One result per resource the run read and checked (or could not read), in URL order, with its
findings; redirects and URLs that failed without a finding are left out. Streamed: one resource's
findings at a time.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding, Summary
from ..run import TargetResult
from ..store import Resource, Store

SEEN = ("checked", "unchanged")  # outcomes of a resource read and checked (in this run or, unchanged, before)


def checked(store: Store, run_id: int) -> Iterator[tuple[Resource, list[Finding]]]:
    """(resource row, its findings) for every resource of the run worth reporting, in URL order."""
    for res in store.resources(run_id):
        findings = store.findings_of(res)
        if findings or res.outcome in SEEN:
            yield res, findings


def results(store: Store, run_id: int) -> Iterator[TargetResult]:
    for res, findings in checked(store, run_id):
        error = res.reason if res.outcome == "failed" else None
        yield TargetResult(res.url, res.url, findings, res.kind, error)


def export(store: Store, run_id: int, reporter) -> Summary:
    """Feed a stored run to a reporter; the summary of what was written."""
    summary = Summary()
    reporter.start()
    for result in results(store, run_id):
        summary.targets += 1
        for f in result.findings:
            summary.add(f)
        reporter.target(result)
    reporter.end(summary)
    return summary
