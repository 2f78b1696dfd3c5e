"""What the overview counts, built up page by page as the run's findings stream past.

Only counts and one small row per page are kept (a 10,000-page run is 10,000 rows), never findings.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ...model import Finding, Severity
from ..stored import SEEN
from .owners import Owner

DOCUMENT_KINDS = ("pdf",)


@dataclass
class Counts:
    errors: int = 0
    warnings: int = 0
    notices: int = 0

    def add(self, severity: Severity, n: int = 1) -> None:
        if severity is Severity.ERROR:
            self.errors += n
        elif severity is Severity.WARNING:
            self.warnings += n
        else:
            self.notices += n

    def merge(self, other: "Counts") -> None:
        self.errors += other.errors
        self.warnings += other.warnings
        self.notices += other.notices

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.notices

    def worst_first(self) -> tuple[int, int, int]:
        """A sort key: most errors first, then most to review, then most notices."""
        return (-self.errors, -self.warnings, -self.notices)


@dataclass
class PageRow:
    """One resource of the run, as the site, owner and overview tables show it."""

    url: str
    title: str
    host: str
    kind: str | None
    outcome: str
    owner: Owner
    counts: Counts
    file: str | None = None  # its page in the report (pages/...), when it has findings
    new: int | None = None  # findings not in the previous run (None: no previous run)
    block: tuple[int, int] | None = None  # where its rendered findings are kept during the build

    @property
    def checked(self) -> bool:
        return self.outcome in SEEN

    def sort_key(self):
        return (*self.counts.worst_first(), self.url)


@dataclass
class Group:
    """A site or an owner: its pages and their counts."""

    name: str
    counts: Counts = field(default_factory=Counts)
    pages: list[PageRow] = field(default_factory=list)
    with_errors: int = 0

    def add(self, row: PageRow) -> None:
        self.pages.append(row)
        self.counts.merge(row.counts)
        self.with_errors += row.counts.errors > 0

    def sort_key(self):
        return (*self.counts.worst_first(), self.name)


@dataclass
class Tally:
    counts: Counts = field(default_factory=Counts)
    kinds: dict[str, int] = field(default_factory=dict)  # resources read and checked, by kind
    rules: dict[str, Counts] = field(default_factory=dict)
    criteria: dict[str, Counts] = field(default_factory=dict)
    sites: dict[str, Group] = field(default_factory=dict)
    owners: dict[Owner, Group] = field(default_factory=dict)
    pages: int = 0  # rows, checked or not

    def add(self, row: PageRow, findings: list[Finding]) -> None:
        self.pages += 1
        if row.checked:
            kind = row.kind or "unknown"
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
        for (rule, severity, wcag), n in Counter((f.rule, f.severity, f.wcag) for f in findings).items():
            row.counts.add(severity, n)
            self.counts.add(severity, n)
            self.rules.setdefault(rule, Counts()).add(severity, n)
            for c in wcag:
                self.criteria.setdefault(c, Counts()).add(severity, n)
        self.sites.setdefault(row.host, Group(row.host)).add(row)
        if findings:
            self.owners.setdefault(row.owner, Group(row.owner.name)).add(row)

    @property
    def documents(self) -> int:
        return sum(n for k, n in self.kinds.items() if k in DOCUMENT_KINDS)

    @property
    def html_pages(self) -> int:
        return self.kinds.get("html", 0)

    @property
    def media(self) -> int:
        return sum(n for k, n in self.kinds.items() if k not in DOCUMENT_KINDS and k != "html")
