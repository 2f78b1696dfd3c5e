"""Build the report site from the store, streaming: one pass over the run's resources writes every
page's own file and fills the counts, the "new" and "fixed" lists; then the site, owner and overview
pages are written from those counts. A page's findings are rendered once: the owner pages, written
last (worst first needs every count), take them from a temporary file, not from memory.

    out/index.html       overview: counts, trend charts, new and fixed, by site, check, criterion, owner
    out/sites.html       sites/<site>.html     every page of a site, worst first
    out/owners.html      owners/<owner>.html   an owner's pages and findings, worst first
    out/new.html         out/fixed.html        since the previous finished run of the same crawl
    out/pages/<page>.html                      one crawled page or document: each finding in full
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from ...config import Config, ConfigError
from ...store import Store
from ..stored import checked
from . import detail, overview
from .changes import ChangeList
from .history import Previous, ReportError, earlier_runs, pick_run, trend
from .markup import file_name, html
from .owners import Owners
from .tally import Counts, PageRow, Tally
from .templates import Frame, findings_block, site_link

DEFAULTS = {"title": "District accessibility report", "owners": {}}
MARKER = ".webaudit-report"  # marks a folder this command wrote, which it may clear and rewrite
FOLDERS = ("pages", "sites", "owners")


@dataclass(frozen=True)
class Built:
    run_id: int
    index: Path
    resources: int
    findings: int
    new: int | None  # None: no earlier run to compare with
    fixed: int | None


def build(store: Store, out: str | Path, config: Config, run_id: int | None = None) -> Built:
    settings = config.section("report", DEFAULTS)
    if not isinstance(settings["title"], str):
        raise ConfigError("report.title must be a string")
    owners = Owners(settings["owners"])
    run = pick_run(store, run_id)
    earlier = earlier_runs(store, run)
    previous = Previous(store, earlier[-1] if earlier else None)
    folder = _prepare(Path(out))
    status = "" if run.status == "done" else f" ({run.status}: this run did not finish)"
    frame = Frame(settings["title"], f"Run {run.id} of {', '.join(run.start_urls)}, started {run.started_at}{status}",
                  datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    compared = previous.run is not None
    new = ChangeList("new.html", "New since the last run", "Findings this run found that the previous run did not.",
                     compared)
    fixed = ChangeList("fixed.html", "Fixed since the last run",
                       "Findings the previous run found on pages this run checked again, and did not find now.",
                       compared)
    blocks = Spool()
    try:
        tally = _pages(store, run.id, owners, previous, new, fixed, blocks, frame, folder)
        site_files, owner_files = _groups(tally, blocks, frame, folder)
    finally:
        blocks.close()
    gone = previous.gone() if compared else (0, 0)
    _write(folder / "new.html", new.render(frame))
    gone_note = f"Not counted: {gone[1]:,} findings on {gone[0]:,} pages this run no longer found." if gone[1] else ""
    _write(folder / "fixed.html", fixed.render(frame, gone_note))
    points = trend(store, run, earlier)
    _write(folder / "index.html", overview.render(frame, tally, points, new, fixed, gone, site_files, owner_files))
    return Built(run.id, folder / "index.html", tally.pages, tally.counts.total,
                 new.findings if compared else None, fixed.findings if compared else None)


def _pages(store: Store, run_id: int, owners: Owners, previous: Previous, new: ChangeList, fixed: ChangeList,
           blocks: "Spool", frame: Frame, folder: Path) -> Tally:
    """The one pass over the run: every page's file, the counts, what is new and what was fixed."""
    tally = Tally()
    for res, findings in checked(store, run_id):
        row = PageRow(res.url, res.title or "", res.host, res.kind, res.outcome, owners.owner_of(res.url, res.author),
                      Counts())
        tally.add(row, findings)
        added, removed = previous.changes(res, findings)
        row.new = len(added) if previous.run is not None else None
        if findings:
            row.file = "pages/" + file_name("page", res.url)
            block = findings_block(findings)
            row.block = blocks.add(block)
            _write(folder / row.file, detail.resource_page(frame, row, block, _site_file(row.host),
                                                           _owner_file(row.owner)))
        new.add(row, added)
        fixed.add(row, removed)
    return tally


def _groups(tally: Tally, blocks: "Spool", frame: Frame, folder: Path) -> tuple[dict, dict]:
    """A page per site and per owner, and their indexes; the file of each, for the overview."""
    site_files = {name: _site_file(name) for name in tally.sites}
    for name, group in tally.sites.items():
        _write(folder / site_files[name], detail.site_page(frame, group))
    owner_files = {o: _owner_file(o) for o in tally.owners}
    for o, group in tally.owners.items():
        _write(folder / owner_files[o], detail.owner_page(frame, o, group, lambda row: blocks.get(row.block)))
    sites = sorted(tally.sites.values(), key=lambda g: g.sort_key())
    _write(folder / "sites.html", detail.index_page(frame, "sites.html", "Sites", "Site", [
        (site_link(site_files[g.name], g.name), g, html("{}", f"{g.with_errors:,}")) for g in sites]))
    owner_list = sorted(tally.owners.items(), key=lambda kv: kv[1].sort_key())
    _write(folder / "owners.html", detail.index_page(frame, "owners.html", "Owners", "Owner", [
        (html('<a href="{}">{}</a>', owner_files[o], o.name), g, detail.owner_contact(o)) for o, g in owner_list]))
    return site_files, owner_files


class Spool:
    """Rendered blocks of text in a temporary file, fetched back by (offset, length)."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.end = 0

    def add(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8", "replace")
        self.file.seek(self.end)
        self.file.write(data)
        where = (self.end, len(data))
        self.end += len(data)
        return where

    def get(self, where: tuple[int, int]) -> str:
        self.file.seek(where[0])
        return self.file.read(where[1]).decode("utf-8")

    def close(self) -> None:
        self.file.close()


@lru_cache(maxsize=None)
def _site_file(host: str) -> str:
    return "sites/" + file_name("site", host)


@lru_cache(maxsize=None)
def _owner_file(owner) -> str:
    return "owners/" + file_name("owner", f"{owner.name}\x1f{owner.email}\x1f{owner.source}")


def _write(path: Path, text: str) -> None:
    # a lone surrogate from a badly encoded page must not stop the report
    path.write_text(text, encoding="utf-8", errors="replace")


def _prepare(out: Path) -> Path:
    """Create the folder, or clear the report an earlier run of this command wrote there."""
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ReportError(f"{out} is not empty and holds no webaudit report: choose a new or empty folder")
    for sub in FOLDERS:
        for old in (out / sub).glob("*.html") if (out / sub).is_dir() else ():
            old.unlink()
    for sub in FOLDERS:
        (out / sub).mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("This folder holds a report written by `webaudit report`; it rewrites it.\n",
                              encoding="utf-8")
    return out
