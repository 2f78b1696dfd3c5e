"""The one table of checks: id -> module, from the `webaudit.checks` entry-point group.

Built-in checks register there exactly as third-party ones do (see pyproject.toml), so
`[project.entry-points."webaudit.checks"]` answers "where is check X". A check is a module with:

    ID = "img-alt"                  # kebab-case, unique
    TITLE = "Images have a text alternative"
    WCAG = ("1.1.1",)               # success criteria; () for a district-policy-only item
    LEVEL = "A"                     # "A" or "AA"; "" when WCAG is empty
    POLICY = "images carry alt text"  # the district policy item it enforces, or None
    APPLIES_TO = ("html",)          # resource kinds
    SEVERITY = "error"              # default: error | warning | notice
    HELP = "How to fix, in one or two sentences."
    OPTIONS = {"name": default}     # optional: config keys this check reads, with defaults
    def check(resource, config): ...  # yields Findings made with resource.finding(...)

and a docstring with the sections: What it does, Why it matters, Example, Use instead, References.
"""
from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import Callable, Iterable

from .model import KINDS, Severity
from .wcag import CRITERIA, Standard

GROUP = "webaudit.checks"
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class CheckError(Exception):
    """A check module that does not follow the contract."""


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    wcag: tuple[str, ...]
    level: str
    policy: str | None
    applies_to: tuple[str, ...]
    severity: Severity
    help: str
    doc: str
    options: dict = field(default_factory=dict, hash=False, compare=False)
    module: str = ""
    run: Callable = field(default=None, hash=False, compare=False, repr=False)

    @property
    def version(self) -> str:
        """The WCAG version that introduced this check's newest criterion ("" for policy-only checks)."""
        return max((CRITERIA[c].version for c in self.wcag), default="")

    def to_dict(self) -> dict:
        """The check as `webaudit rules --format json` and the service's /v1/rules list it."""
        return {"id": self.id, "title": self.title, "wcag": list(self.wcag), "level": self.level,
                "policy": self.policy, "applies_to": list(self.applies_to), "severity": str(self.severity),
                "version": self.version}

    def level_for(self, wcag: Iterable[str]) -> str:
        levels = {CRITERIA[c].level for c in wcag if c in CRITERIA}
        return "A" if "A" in levels else ("AA" if levels else "")

    def in_standard(self, standard: Standard, policy: bool) -> bool:
        if self.policy and policy:
            return True
        return any(standard.covers(c) for c in self.wcag)

    @classmethod
    def from_module(cls, mod: ModuleType) -> "Check":
        def need(name):
            if not hasattr(mod, name):
                raise CheckError(f"check module {mod.__name__} has no {name}")
            return getattr(mod, name)

        cid = need("ID")
        if not _ID.match(cid):
            raise CheckError(f"check id {cid!r} in {mod.__name__} is not kebab-case")
        wcag = tuple(need("WCAG"))
        for c in wcag:
            if c not in CRITERIA:
                raise CheckError(f"check {cid}: unknown WCAG success criterion {c!r}")
        policy = getattr(mod, "POLICY", None)
        if not wcag and not policy:
            raise CheckError(f"check {cid}: needs WCAG criteria or a POLICY item")
        applies = tuple(need("APPLIES_TO"))
        bad = [k for k in applies if k not in KINDS]
        if bad:
            raise CheckError(f"check {cid}: unknown resource kind(s) {bad} (known: {', '.join(KINDS)})")
        run = need("check")
        if not callable(run):
            raise CheckError(f"check {cid}: check is not callable")
        return cls(
            id=cid,
            title=need("TITLE"),
            wcag=wcag,
            level=getattr(mod, "LEVEL", "") or "",
            policy=policy,
            applies_to=applies,
            severity=Severity.parse(getattr(mod, "SEVERITY", "error")),
            help=need("HELP"),
            doc=(mod.__doc__ or "").strip(),
            options=dict(getattr(mod, "OPTIONS", {}) or {}),
            module=mod.__name__,
            run=run,
        )


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Check], tuple[str, ...]]:
    checks: dict[str, Check] = {}
    problems: list[str] = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            chk = Check.from_module(importlib.import_module(ep.value))
        except Exception as e:  # a broken plugin must not take the others down
            problems.append(f"webaudit: check plugin {ep.name!r} ({ep.value}) not loaded: {e}")
            continue
        if chk.id != ep.name:
            problems.append(f"webaudit: entry point {ep.name!r} names a module whose ID is {chk.id!r}; using {chk.id!r}")
        if chk.id in checks and checks[chk.id].module != chk.module:
            problems.append(f"webaudit: check id {chk.id!r} registered twice ({checks[chk.id].module}, {chk.module})")
            continue
        checks[chk.id] = chk
    return checks, tuple(problems)


def all_checks() -> dict[str, Check]:
    """Every registered check, by id (sorted)."""
    return _load()[0]


def load_problems() -> tuple[str, ...]:
    """Messages about plugins that failed to load (the CLI prints them on stderr)."""
    return _load()[1]


def get(check_id: str) -> Check:
    try:
        return all_checks()[check_id]
    except KeyError:
        raise KeyError(f"no check {check_id!r}; `webaudit rules` lists them") from None


def from_module(module: ModuleType | str) -> Check:
    """A Check straight from a module (for tests of a check that is not installed yet)."""
    if isinstance(module, str):
        module = sys.modules.get(module) or importlib.import_module(module)
    return Check.from_module(module)


def _matches(check_id: str, patterns: Iterable[str]) -> bool:
    return any(check_id.startswith(p) for p in patterns)


def select(
    checks: Iterable[Check],
    *,
    standard: Standard,
    policy: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Check]:
    """Checks in the standard (plus district policy items unless off), narrowed by --select/--ignore.

    Ids match by prefix: `img` selects img-alt; `heading-` the heading family.
    An explicit --select overrides the standard: a selected check always runs.
    """
    select, ignore = list(select), list(ignore)
    out = []
    for c in checks:
        if select:
            keep = _matches(c.id, select)
        else:
            keep = c.in_standard(standard, policy)
        if keep and not _matches(c.id, ignore):
            out.append(c)
    return out
