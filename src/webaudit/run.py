"""load -> parse -> checks, for a list of targets. Streams one TargetResult per target, in order."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from . import load as loader
from .config import Config
from .executor import ProcessExecutor, SerialExecutor, cores
from .model import CHECK_FAILED, UNREADABLE, Finding, Severity
from .parse import Unreadable, make_resource
from .registry import Check, all_checks, get, select
from .resource import Resource, suppression_comments_without_reason
from .wcag import STANDARDS

INVALID_SUPPRESSION = "invalid-suppression"


@dataclass(frozen=True)
class TargetResult:
    target: str
    url: str
    findings: list[Finding]
    kind: str | None = None  # None when the target could not be read
    error: str | None = None  # why it could not be read


def selected_checks(config: Config) -> list[Check]:
    return select(
        all_checks().values(),
        standard=STANDARDS[config.standard],
        policy=config.policy,
        select=config.select,
        ignore=config.ignore,
    )


def check_resource(resource: Resource, checks: Iterable[Check], config: Config) -> list[Finding]:
    """Run every check that applies to the resource; a crashing check becomes one finding."""
    findings: list[Finding] = []
    suppressions = resource.has_suppressions
    page_off = resource.page_suppressions if suppressions else {}
    for chk in checks:
        if resource.kind not in chk.applies_to or chk.id in page_off:
            continue
        resource.check = chk
        try:
            for f in chk.run(resource, config):
                findings.append(f)
        except Exception as e:  # noqa: BLE001 - one check's bug must not hide the others' findings
            findings.append(_engine_finding(CHECK_FAILED, resource.url, Severity.WARNING,
                                            f"check {chk.id} failed on this resource: {type(e).__name__}: {e}"))
        finally:
            resource.check = None
    if suppressions:
        findings = [f for f in findings if id(f) not in resource.suppressed]
        for c in suppression_comments_without_reason(resource.tree):
            findings.append(_engine_finding(
                INVALID_SUPPRESSION, resource.url, Severity.NOTICE,
                "suppression comment is ignored: write <!-- webaudit-ignore RULE: reason -->",
                line=c.sourceline, snippet=f"<!--{c.text}-->"))
    if config.severity:
        findings = [replace(f, severity=Severity.parse(config.severity[f.rule])) if f.rule in config.severity else f
                    for f in findings]
    return findings


def _engine_finding(rule, url, severity, message, **kw) -> Finding:
    return Finding(rule=rule, message=message, severity=severity, url=url, **kw)


def check_loaded(item: loader.Loaded, checks: list[Check], config: Config) -> TargetResult:
    try:
        resource = make_resource(item.url, item.body, item.headers)
    except Unreadable as e:
        return _unreadable(item.target, item.url, str(e))
    except (RecursionError, MemoryError, ValueError) as e:
        return _unreadable(item.target, item.url, f"cannot be parsed ({type(e).__name__})")
    return TargetResult(item.target, item.url, check_resource(resource, checks, config), resource.kind)


def _unreadable(target: str, url: str, reason: str) -> TargetResult:
    return TargetResult(target, url or target, [
        _engine_finding(UNREADABLE, url or target, Severity.ERROR, f"{target}: {reason}")
    ], None, reason)


def check_target(target: str | loader.LoadError, checks: list[Check], config: Config,
                 base_url: str | None = None, stdin: bytes | None = None) -> TargetResult:
    if isinstance(target, loader.LoadError):
        return _unreadable(target.target, target.url, target.reason)
    got = loader.load(target, base_url=base_url, stdin=stdin)
    if isinstance(got, loader.LoadError):
        return _unreadable(got.target, got.url, got.reason)
    return check_loaded(got, checks, config)


# -- process-pool plumbing: workers resolve checks by id once -----------------------------------------
_worker: tuple[list[Check], Config] | None = None


def _init_worker(check_ids: tuple[str, ...], config: Config) -> None:
    global _worker
    _worker = ([get(i) for i in check_ids], config)


def _work(target):
    checks, config = _worker
    return check_target(target, checks, config)


def run(
    targets: list[str],
    config: Config,
    *,
    checks: list[Check] | None = None,
    jobs: int | None = None,
    base_url: str | None = None,
) -> Iterator[TargetResult]:
    """Check every target; yields results in the order of the (expanded) targets."""
    checks = selected_checks(config) if checks is None else checks
    expanded = list(loader.expand(targets))
    jobs = jobs or (cores() if len(expanded) >= 16 else 1)
    stdin = None
    if "-" in expanded:
        got = loader.load("-", base_url=base_url)
        stdin = got.body if isinstance(got, loader.Loaded) else b""
    if jobs <= 1 or len(expanded) < 2 or "-" in expanded:
        for t in expanded:
            yield check_target(t, checks, config, base_url=base_url, stdin=stdin)
        return
    ex = ProcessExecutor(jobs, initializer=_init_worker, initargs=(tuple(c.id for c in checks), config))
    try:
        yield from ex.map(_work, expanded)
    finally:
        ex.close()


__all__ = ["run", "check_resource", "check_target", "selected_checks", "TargetResult", "SerialExecutor",
           "UNREADABLE"]
