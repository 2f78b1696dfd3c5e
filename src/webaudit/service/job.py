"""What a checker process does with one request: a document in, the JSON findings document out.

The answer is the same document `webaudit check --format json` writes (report/json.py's Reporter),
built in the worker so the event loop only forwards bytes.
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass
from functools import lru_cache

from ..config import Config
from ..load import Loaded
from ..model import Severity, Summary
from ..registry import Check, all_checks
from ..report.json import Reporter
from ..run import check_loaded, selected_checks


@dataclass(frozen=True)
class Job:
    body: bytes
    url: str  # where the document is (or will be) published
    content_type: str
    select: tuple[str, ...] | None = None  # None: the configured selection
    ignore: tuple[str, ...] = ()  # added to the configured ones
    standard: str | None = None  # None: the configured standard
    fail_on: str | None = None  # None: the configured level


@dataclass(frozen=True)
class Outcome:
    document: bytes  # the JSON findings document; empty when the body could not be read
    error: str = ""  # why the body could not be read
    failing: bool = False  # a finding at or above fail_on
    seconds: float = 0.0  # time spent checking, in the worker


_base = Config()


def init(config: Config) -> None:
    """Runs once in each worker: the service's configuration, and the check table loaded up front."""
    global _base
    _base = config
    all_checks()


@lru_cache(maxsize=64)
def _selection(select: tuple[str, ...] | None, ignore: tuple[str, ...], standard: str | None
               ) -> tuple[Config, list[Check]]:
    changes: dict = {"ignore": _base.ignore + ignore}
    if select is not None:
        changes["select"] = select
    if standard is not None:
        changes["standard"] = standard
    config = _base.with_(**changes)
    return config, selected_checks(config)


def run(job: Job) -> Outcome:
    start = time.perf_counter()
    config, checks = _selection(job.select, job.ignore, job.standard)
    loaded = Loaded(job.url, job.body, {"Content-Type": job.content_type}, job.url)
    result = check_loaded(loaded, checks, config, with_refs=False)
    if result.error:
        return Outcome(b"", result.error, seconds=time.perf_counter() - start)
    threshold = Severity.parse(job.fail_on or config.fail_on)
    summary = Summary(targets=1)
    for f in result.findings:
        summary.add(f)
    out = io.StringIO()
    reporter = Reporter(out)
    reporter.start()
    reporter.target(result)
    reporter.end(summary)
    return Outcome(out.getvalue().encode("utf-8", "replace"),
                   failing=any(f.severity >= threshold for f in result.findings),
                   seconds=time.perf_counter() - start)
