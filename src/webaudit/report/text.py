"""Compiler-style text: `path:line:col rule message`, grouped per target, errors before "needs review"."""
from __future__ import annotations

from ..model import Severity, Summary

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.NOTICE: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class Reporter:
    def __init__(self, out, color: bool = False):
        self.out = out
        self.color = color

    def _c(self, code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if self.color else s

    def start(self) -> None:
        pass

    def target(self, result) -> None:
        if not result.findings:
            return
        where = result.target if result.target and "://" not in result.target and result.target != "-" else result.url
        groups = [
            ("", [f for f in result.findings if f.severity is Severity.ERROR]),
            ("needs review (a person must confirm)", [f for f in result.findings if f.severity is Severity.WARNING]),
            ("notices", [f for f in result.findings if f.severity is Severity.NOTICE]),
        ]
        self.out.write(self._c(_BOLD, where) + "\n")
        for title, findings in groups:
            if not findings:
                continue
            if title:
                self.out.write(self._c(_DIM, f"  {title}:") + "\n")
            for f in sorted(findings, key=lambda f: (f.line or 0, f.column or 0)):
                pos = f"{where}:{f.line or 1}:{f.column or 1}"
                rule = self._c(_COLORS[f.severity], f.rule)
                self.out.write(f"  {pos} {rule} {f.message}\n")
        self.out.write("\n")

    def end(self, summary: Summary) -> None:
        s = summary
        parts = [f"{s.errors} error{'s' * (s.errors != 1)}", f"{s.warnings} to review", f"{s.notices} notice{'s' * (s.notices != 1)}"]
        self.out.write(f"Checked {s.targets} target{'s' * (s.targets != 1)}: {', '.join(parts)}.\n")
        if s.unreadable:
            self.out.write(f"{s.unreadable} target{'s' * (s.unreadable != 1)} could not be read (rule 'unreadable' above).\n")
