"""load -> parse -> checks, for a list of targets. Streams one TargetResult per target, in order."""
from __future__ import annotations

import signal
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from . import links, load as loader
from .config import Config
from .executor import ProcessExecutor, cores
from .model import CHECK_FAILED, INVALID_SUPPRESSION, PARSE_LIMIT, TRUNCATED, UNREADABLE, Finding, Severity
from .parse import Unreadable, make_resource
from .registry import Check, all_checks, get, select
from .resource import Resource, suppression_comments_without_reason
from .wcag import STANDARDS

MAX_PER_RULE = 1000


@dataclass(frozen=True)
class Followed:
    """A document or media file referenced by a checked page, checked as a target of its own."""

    url: str
    via: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TargetResult:
    target: str
    url: str
    findings: list[Finding]
    kind: str | None = None  # None when the target could not be read
    error: str | None = None  # why it could not be read
    follow: tuple[Followed, ...] = ()  # references of the kinds the run follows
    followed: bool = False  # reached from a checked page (--follow-*), not named by the user
    refs: tuple[links.LinkRef, ...] = ()  # every reference of an HTML page, a PDF's web links (--links, crawls)
    anchors: frozenset[str] = frozenset()  # ids and a[name]s an HTML page offers to #fragments


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
            for n, f in enumerate(chk.run(resource, config), 1):
                findings.append(f)
                if n >= MAX_PER_RULE:  # a pathological page must not cost minutes or flood the report
                    findings.append(_engine_finding(
                        TRUNCATED, resource.url, Severity.NOTICE,
                        f"check {chk.id} stopped after {MAX_PER_RULE} findings on this resource; fix these first"))
                    break
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
    if resource.truncated_at is not None:
        findings.append(_engine_finding(
            PARSE_LIMIT, resource.url, Severity.WARNING,
            f"markup nests more than 2,048 elements deep at line {resource.truncated_at}; the parser stopped "
            "there, so the rest of the page was not checked", line=resource.truncated_at))
    if config.severity:
        findings = [replace(f, severity=Severity.parse(config.severity[f.rule])) if f.rule in config.severity else f
                    for f in findings]
    return findings


def _engine_finding(rule, url, severity, message, **kw) -> Finding:
    return Finding(rule=rule, message=message, severity=severity, url=url, **kw)


def check_loaded(item: loader.Loaded, checks: list[Check], config: Config,
                 follow: frozenset[str] = frozenset(), with_refs: bool = True) -> TargetResult:
    """`with_refs=False` skips collecting the page's references and anchors (for callers that only
    want findings: the Python API and the service)."""
    try:
        resource = make_resource(item.url, item.body, item.headers, item.via)
    except Unreadable as e:
        return _unreadable(item.target, item.url, str(e))
    except (RecursionError, MemoryError, ValueError) as e:
        return _unreadable(item.target, item.url, f"cannot be parsed ({type(e).__name__})")
    findings = check_resource(resource, checks, config)
    if resource.kind == "pdf" and with_refs:  # a PDF's web links, for --links and crawls
        return TargetResult(item.target, item.url, findings, resource.kind, refs=links.pdf_refs(resource, config))
    if resource.tree is None or not with_refs:
        return TargetResult(item.target, item.url, findings, resource.kind)
    return TargetResult(item.target, item.url, findings, resource.kind, follow=_to_follow(resource, follow),
                        refs=links.refs(resource), anchors=links.anchors(resource))


def _to_follow(resource: Resource, kinds: frozenset[str]) -> tuple[Followed, ...]:
    """Same-site (or local) references of the followed kinds, each once."""
    if not kinds or resource.tree is None:
        return ()
    page = urlsplit(resource.url)
    seen: dict[str, Followed] = {}
    for link in links.extract(resource):
        target = link.target
        if link.kind not in kinds or target in seen or link.attr == "href" and link.kind == "html":
            continue
        u = urlsplit(target)
        if u.scheme != page.scheme or (u.scheme != "file" and u.hostname != page.hostname):
            continue
        el = link.element
        via = {"referrer": resource.url, "element": el.tag, "attr": link.attr}
        for a in ("width", "height", "alt", "kind", "srclang", "type"):
            if el.get(a) is not None:
                via[a] = el.get(a)
        seen[target] = Followed(target, via)
    return tuple(seen.values())


def _unreadable(target: str, url: str, reason: str) -> TargetResult:
    return TargetResult(target, url or target, [
        _engine_finding(UNREADABLE, url or target, Severity.ERROR, f"{target}: {reason}")
    ], None, reason)


def check_target(target: str | Followed | loader.LoadError, checks: list[Check], config: Config,
                 base_url: str | None = None, stdin: bytes | None = None,
                 follow: frozenset[str] = frozenset()) -> TargetResult:
    if isinstance(target, loader.LoadError):
        return _unreadable(target.target, target.url, target.reason)
    if isinstance(target, Followed):
        return replace(_check_followed(target, checks, config), followed=True)
    got = loader.load(target, base_url=base_url, stdin=stdin)
    if isinstance(got, loader.LoadError):
        return _unreadable(got.target, got.url, got.reason)
    return check_loaded(got, checks, config, follow)


def _check_followed(target: Followed, checks: list[Check], config: Config) -> TargetResult:
    got = loader.load(target.url)
    if isinstance(got, loader.LoadError):
        referrer = target.via.get("referrer", "")
        where = f" (the <{target.via.get('element', '?')}> of {referrer})" if referrer else ""
        return _unreadable(target.url + where, got.url or target.url, got.reason)
    return check_loaded(replace(got, via=target.via), checks, config)


# -- process-pool plumbing: workers resolve checks by id once (for `run` here and the crawl's checking.py) --
_worker: tuple[list[Check], Config] | None = None


def init_worker(check_ids: tuple[str, ...], config: Config, ignore_interrupt: bool = False) -> None:
    """Runs once in each worker process: resolve the selected checks by id. A crawl's workers leave
    Ctrl-C to the crawl (ignore_interrupt), which stops them and records where it was."""
    global _worker
    if ignore_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = ([get(i) for i in check_ids], config)


def worker() -> tuple[list[Check], Config]:
    """This worker's checks and config, as init_worker set them."""
    if _worker is None:
        raise RuntimeError("init_worker() runs first in each worker")
    return _worker


def _work(item: tuple[str | Followed | loader.LoadError, frozenset[str]]) -> TargetResult:
    target, follow = item
    checks, config = worker()
    return check_target(target, checks, config, follow=follow)


FOLLOWABLE = ("pdf", "image", "video", "audio", "captions", "css")


def run(
    targets: list[str],
    config: Config,
    *,
    checks: list[Check] | None = None,
    jobs: int | None = None,
    base_url: str | None = None,
    follow: frozenset[str] | set[str] = frozenset(),
) -> Iterator[TargetResult]:
    """Check every target; yields results in the order of the (expanded) targets.

    `follow`: resource kinds (see FOLLOWABLE) referenced by checked pages on the same site that are
    then checked too, each once, after the targets (one level deep: a followed file follows nothing).
    """
    checks = selected_checks(config) if checks is None else checks
    follow = frozenset(follow)
    expanded = list(loader.expand(targets))
    stdin = None
    if "-" in expanded:
        got = loader.load("-", base_url=base_url)
        stdin = got.body if isinstance(got, loader.Loaded) else b""
    seen = {t for t in expanded if isinstance(t, str)}
    seen.update(loader.file_url(Path(t)) for t in expanded if isinstance(t, str) and t != "-" and "://" not in t)
    followed: list[Followed] = []

    def collect(result: TargetResult) -> TargetResult:
        for f in result.follow:
            if f.url not in seen:
                seen.add(f.url)
                followed.append(f)
        return result

    jobs = jobs or (cores() if len(expanded) >= 16 else 1)
    if jobs <= 1 or len(expanded) < 2 or "-" in expanded:
        for t in expanded:
            yield collect(check_target(t, checks, config, base_url=base_url, stdin=stdin, follow=follow))
        for t in followed:
            yield check_target(t, checks, config)
        return
    ex = ProcessExecutor(jobs, initializer=init_worker, initargs=(tuple(c.id for c in checks), config))
    try:
        # the first wave follows; the second (what it found) does not
        for r in ex.map(_work, [(t, follow) for t in expanded]):
            yield collect(r)
        yield from ex.map(_work, [(t, frozenset()) for t in followed])
    finally:
        ex.close()


__all__ = ["run", "check_resource", "check_target", "check_loaded", "selected_checks", "TargetResult",
           "Followed", "FOLLOWABLE", "UNREADABLE"]
