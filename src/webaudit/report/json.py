"""The documented JSON schema, written as findings arrive:
{"webaudit": VERSION, "findings": [ {rule, wcag, level, severity, url, line, column, selector, snippet,
message, help}, ... ], "summary": {"targets", "errors", "warnings", "notices", "by_rule"}}
"""
from __future__ import annotations

import json

from .. import __version__
from ..model import Finding, Summary

FIELDS = ("rule", "wcag", "level", "severity", "url", "line", "column", "selector", "snippet", "message", "help")


def finding_json(f: Finding) -> dict:
    d = f.to_dict()
    return {k: d[k] for k in FIELDS}


class Reporter:
    def __init__(self, out, color: bool = False):
        self.out = out
        self._first = True

    def start(self) -> None:
        self.out.write('{"webaudit": %s, "findings": [' % json.dumps(__version__))

    def target(self, result) -> None:
        for f in result.findings:
            self.out.write("\n  " if self._first else ",\n  ")
            self.out.write(json.dumps(finding_json(f), ensure_ascii=False))
            self._first = False

    def end(self, summary: Summary) -> None:
        self.out.write("\n], \"summary\": %s}\n" % json.dumps(summary.to_dict()))
