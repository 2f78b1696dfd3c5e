"""`--baseline FILE`: adopt webaudit on a site that already has many problems, the way a big codebase
adopts a linter. The first run records today's findings in FILE (commit it); later runs report and
fail only on findings that are not in it, so nothing new gets in while the old ones are fixed.

Findings are matched by fingerprint (rule, page, element path and content; never the line), so an
unrelated edit that moves an element down the page does not make its finding new. A fingerprint
recorded twice matches two findings. Local files are keyed by their path relative to FILE, so the
baseline matches from any checkout folder; web pages by their URL.

The file is JSON, sorted, one entry per fingerprint, readable in a code review:
    {"webaudit_baseline": 1, "findings": [{"fingerprint": "…", "rule": "img-alt", "where": "site/a.html",
     "count": 1}, …]}
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Iterable
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .model import Finding

FORMAT = 1


class BaselineError(Exception):
    pass


class Baseline:
    def __init__(self, path: str | Path, known: Counter | None = None):
        self.path = Path(path)
        self.recording = known is None  # no file yet (or --update-baseline): record instead of filter
        self.left = Counter(known or {})  # recorded findings not matched yet
        self.matched = 0
        self.entries: dict[str, dict] = {}  # what this run records

    @classmethod
    def open(cls, path: str | Path, update: bool = False) -> "Baseline":
        path = Path(path)
        if update or not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            known = Counter({e["fingerprint"]: int(e.get("count", 1)) for e in data["findings"]})
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise BaselineError(f"{path} is not a webaudit baseline ({type(e).__name__}: {e})") from None
        if data.get("webaudit_baseline") != FORMAT:
            raise BaselineError(f"{path} is a baseline of another format ({data.get('webaudit_baseline')!r})")
        return cls(path, known)

    def where(self, f: Finding) -> str:
        """The finding's page as the baseline names it: a path relative to the file, or the URL."""
        if not f.url.startswith("file:"):
            return f.url.split("#", 1)[0]
        page = Path(url2pathname(urlsplit(f.url).path))
        return PurePath(os.path.relpath(page, self.path.resolve().parent)).as_posix()

    def key(self, f: Finding) -> str:
        return replace(f, url=self.where(f)).fingerprint if f.url.startswith("file:") else f.fingerprint

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """Recording: every finding is recorded and returned. Otherwise: the findings not in the file."""
        out = []
        for f in findings:
            k = self.key(f)
            if self.recording:
                entry = self.entries.setdefault(k, {"fingerprint": k, "rule": f.rule, "where": self.where(f),
                                                    "count": 0})
                entry["count"] += 1
                out.append(f)
            elif self.left[k] > 0:
                self.left[k] -= 1
                self.matched += 1
            else:
                out.append(f)
        return out

    def finish(self) -> str:
        """Write the file when recording; a line for the user either way."""
        if self.recording:
            entries = sorted(self.entries.values(), key=lambda e: (e["where"], e["rule"], e["fingerprint"]))
            self.path.write_text(json.dumps({"webaudit_baseline": FORMAT, "findings": entries}, indent=1,
                                            ensure_ascii=False) + "\n", encoding="utf-8")
            n = sum(e["count"] for e in entries)
            return (f"webaudit: recorded {n} finding{'s' * (n != 1)} in the baseline {self.path}; "
                    "from now on only new findings are reported and fail")
        gone = sum(self.left.values())
        line = f"webaudit: {self.matched} finding{'s' * (self.matched != 1)} in the baseline {self.path} not shown"
        if gone:
            line += f"; {gone} recorded there no longer occur (--update-baseline records the smaller set)"
        return line
