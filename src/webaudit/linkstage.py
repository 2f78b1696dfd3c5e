"""The crawl's link stage: link-broken findings for every page of a run, once the crawl is over.

Pages are checked in worker processes that cannot know whether what they link to answers; the crawl
stores each page's references (LinkRefs, as JSON) with its findings. When the last page is in, every
URL the crawl fetched itself has a status (its own answer; a redirect takes its target's), the
LinkChecker has asked the rest (external links, files no check reads), and `links.link_findings`
pins a finding on each broken reference. Pages whose links all answer and hold no #fragment are
passed over without building anything, so an unchanged re-crawl pays little for this stage.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from operator import attrgetter
from typing import Callable, Iterable, Iterator

from . import links
from .config import Config
from .run import TargetResult
from .store import Resource, Store
from .urls import canonical

BATCH = 200  # pages per transaction


def run_link_stage(store: Store, run_id: int, checker: links.LinkChecker, config: Config, *,
                   to_check: set[str], checkable: Callable[[str, str | None], bool], recheck_refs: bool,
                   ask_redirects: bool = True, answered: Mapping[str, links.LinkStatus] | None = None,
                   progress: Callable[[str], None] = lambda text: None) -> None:
    """Record the link-broken findings of every page of the run.

    - `to_check`: URLs the crawl already handed the checker (external links, files no check reads);
    - `checkable(url, kind)`: whether the checker should ask a URL (for pages recorded before a
      resume, whose references were not handed over in this process: `recheck_refs`), unless
      `answered` (external links that answered lately) already says;
    - `ask_redirects`: let the checker follow redirects that leave the crawl.
    """
    statuses: dict[str, links.LinkStatus] = {}
    rows = {res.url: res for res in store.resources(run_id)}
    for res in rows.values():
        status = _link_status(res, rows)
        if status is not None:
            statuses[res.url] = status
            checker.seed(res.url, status)
    pages = [res for res in rows.values() if res.kind == "html" and res.check_set is not None]
    wanted = set(to_check)
    if recheck_refs:
        for res in pages:
            refs, _ = store.links_of(res)
            for raw, kind in ref_targets(refs):
                url = canonical(raw)
                if url and url not in rows and checkable(url, kind):
                    if answered and url in answered:
                        checker.seed(url, answered[url])
                    else:
                        wanted.add(url)
    if ask_redirects:
        wanted |= {u for u in rows if u not in statuses}
    progress(f"crawl: checking {len(wanted)} links")
    statuses.update(checker.check(sorted(wanted)))
    by_url = _Normalized(statuses)
    anchors = _Normalized(_Anchors(store, rows))
    for start in range(0, len(pages), BATCH):
        with store.transaction():
            for res in pages[start:start + BATCH]:
                refs_json, page_anchors = store.links_of(res)
                if not _may_have_link_findings(refs_json, by_url):
                    continue
                result = TargetResult(res.url, res.url, [], "html", refs=tuple(refs_from_json(refs_json)),
                                      anchors=frozenset(page_anchors))
                store.set_link_findings(run_id, res.url, links.link_findings(result, by_url, anchors, config))


def _may_have_link_findings(refs_json: dict, statuses: "_Normalized") -> bool:
    """Fast path: no #fragment and every known target answers, so link_findings would find nothing."""
    if not refs_json:
        return False
    i = refs_json["fields"].index("url")
    for row in refs_json["rows"]:
        url = row[i]
        if "#" in url:
            return True
        status = statuses.get(url)
        if status is not None and not status.ok:
            return True
    return False


def _link_status(res: Resource, rows: dict[str, Resource]) -> links.LinkStatus | None:
    """The link status of a URL the crawl fetched itself; None when the LinkChecker must ask (a
    redirect that leaves the crawl)."""
    if res.outcome in ("checked", "unchanged"):
        return links.LinkStatus.from_http(res.url, res.status or 200)
    if res.outcome == "failed":
        if res.status:
            return links.LinkStatus.from_http(res.url, res.status)
        return links.LinkStatus(res.url, links.BROKEN, res.reason or "could not be fetched")
    final, hops = res, 0
    while final.outcome == "redirect" and final.location in rows and hops < 20:
        final, hops = rows[final.location], hops + 1
    if final.outcome == "redirect":
        return None
    return links.LinkStatus.from_http(res.url, final.status or 200, final.url)


class _Normalized(Mapping):
    """A mapping keyed by normalised URLs that answers for any spelling of them."""

    def __init__(self, data: Mapping):
        self.data = data

    def __getitem__(self, url: str):
        return self.data[canonical(url) or url]

    def __iter__(self) -> Iterator:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class _Anchors(Mapping):
    """Fragment targets of the run's pages, read from the store when a #fragment asks for them."""

    def __init__(self, store: Store, rows: dict[str, Resource]):
        self.store, self.rows = store, rows
        self._cache: dict[str, frozenset[str]] = {}

    def __getitem__(self, url: str) -> frozenset[str]:
        if url not in self._cache:
            res = self.rows[url]
            if res.check_set is None or res.kind != "html":
                raise KeyError(url)
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[url] = frozenset(self.store.links_of(res)[1])
        return self._cache[url]

    def __iter__(self) -> Iterator:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def refs_to_json(refs: Iterable[links.LinkRef]) -> dict:
    """A page's references as JSON-able data for the store: field names once, then one row each."""
    names = [f.name for f in fields(links.LinkRef)]
    sets = [i for i, f in enumerate(fields(links.LinkRef)) if isinstance(f.default, frozenset)]
    get = attrgetter(*names)
    rows = []
    for ref in refs:
        row = list(get(ref))
        for i in sets:
            row[i] = sorted(row[i])
        rows.append(row)
    return {"fields": names, "rows": rows}


def ref_targets(data: dict | list) -> list[tuple[str, str | None]]:
    """(URL, kind) of every stored reference, without rebuilding LinkRefs."""
    if not data:
        return []
    i, k = data["fields"].index("url"), data["fields"].index("kind")
    return [(row[i], row[k]) for row in data["rows"]]


def refs_from_json(data: dict | list) -> list[links.LinkRef]:
    if not data:
        return []
    known = {f.name: f for f in fields(links.LinkRef)}
    names = data["fields"]
    out = []
    for row in data["rows"]:
        kw = {n: v for n, v in zip(names, row) if n in known}
        for n, v in kw.items():
            if isinstance(known[n].default, frozenset):
                kw[n] = frozenset(v)
        out.append(links.LinkRef(**kw))
    return out
