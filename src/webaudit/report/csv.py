"""CSV: a header, then one row per finding, written as findings arrive (for spreadsheets).

A cell a crawled page put text in is never a formula: text starting with =, +, -, @ (or a tab or
carriage return) gets a leading apostrophe, as spreadsheet programs expect (CSV injection).
"""
from __future__ import annotations

import csv

from .where import location

COLUMNS = ("severity", "rule", "wcag", "level", "location", "url", "line", "column", "selector", "snippet",
           "message", "help", "policy", "fingerprint")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


class Reporter:
    def __init__(self, out, color: bool = False):
        self.writer = csv.writer(out, lineterminator="\n")

    def start(self) -> None:
        self.writer.writerow(COLUMNS)

    def target(self, result) -> None:
        where = location(result)
        for f in result.findings:
            self.writer.writerow([cell(v) for v in (
                str(f.severity), f.rule, " ".join(f.wcag), f.level, where, f.url, f.line, f.column, f.selector,
                f.snippet, f.message, f.help, f.policy, f.fingerprint)])

    def end(self, summary) -> None:
        pass
