"""The one data model that flows from checks to every reporter and to the store."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import IntEnum

_POSITIONS = re.compile(r":nth-(?:of-type|child)\(\d+\)")  # left out of fingerprints


class Severity(IntEnum):
    """How sure we are. Ordered, so `severity >= Severity.WARNING` reads naturally."""

    NOTICE = 1  # worth knowing; never fails a run unless asked
    WARNING = 2  # likely a problem: a person must confirm ("needs review")
    ERROR = 3  # a definite failure

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or notice)") from None

    def __str__(self) -> str:
        return self.name.lower()


# Resource kinds a check can apply to, detected from content (see parse.sniff).
KINDS = ("html", "pdf", "image", "video", "audio", "captions", "css")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. Plain data: picklable, JSON-able, comparable."""

    rule: str
    message: str
    severity: Severity
    url: str
    wcag: tuple[str, ...] = ()
    level: str = ""  # "A", "AA", or "" for district-policy items
    line: int | None = None
    column: int | None = None
    selector: str = ""  # a CSS path for HTML; a tag path for PDF structure
    snippet: str = ""
    help: str = ""
    policy: str = ""  # the district policy item this enforces, if any

    def to_dict(self) -> dict:
        # every field in order, by hand: dataclasses.asdict deep-copies each value (all immutable here),
        # which made it the JSON output's main cost
        return {"rule": self.rule, "message": self.message, "severity": str(self.severity), "url": self.url,
                "wcag": list(self.wcag), "level": self.level, "line": self.line, "column": self.column,
                "selector": self.selector, "snippet": self.snippet, "help": self.help, "policy": self.policy}

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        d = dict(d)
        d["severity"] = Severity.parse(d["severity"])
        d["wcag"] = tuple(d.get("wcag") or ())
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in known})

    @property
    def fingerprint(self) -> str:
        """Stable identity across unrelated edits: rule, page, element path and content, never the line.

        The path's positions (`:nth-of-type(3)`) are left out too: a news item added above an element,
        or a second image beside it, renumbers it without touching it. Identical elements on the same
        path share a fingerprint; baselines and the report count them (a multiset, not a set)."""
        path = _POSITIONS.sub("", self.selector)
        key = "\x1f".join((self.rule, self.url.split("#", 1)[0], path, self.snippet))
        return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Summary:
    """Counts a reporter prints at the end; built up as findings stream past."""

    targets: int = 0
    errors: int = 0
    warnings: int = 0
    notices: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    unreadable: int = 0

    def add(self, f: Finding) -> None:
        if f.severity is Severity.ERROR:
            self.errors += 1
        elif f.severity is Severity.WARNING:
            self.warnings += 1
        else:
            self.notices += 1
        self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
        if f.rule == UNREADABLE:
            self.unreadable += 1

    def to_dict(self) -> dict:
        return {
            "targets": self.targets,
            "errors": self.errors,
            "warnings": self.warnings,
            "notices": self.notices,
            "by_rule": dict(sorted(self.by_rule.items())),
        }


# Engine-made findings (not from a check module): a target that could not be read or parsed,
# and a check that crashed on a resource. They use the same model so nothing found is lost.
UNREADABLE = "unreadable"
CHECK_FAILED = "check-failed"
INVALID_SUPPRESSION = "invalid-suppression"  # an inline suppression comment without a rule or a reason
TRUNCATED = "findings-truncated"  # a check stopped after MAX_PER_RULE findings on one resource
PARSE_LIMIT = "parse-limit"  # markup nested past the parser's limit: the rest of the page was not checked
