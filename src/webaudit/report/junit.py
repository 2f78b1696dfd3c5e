"""JUnit XML, for CI test views (Jenkins, GitLab, Azure DevOps): one test case per page or document,
one <failure> per finding (an <error> when the target could not be read), in one test suite.

The suite's totals come first in the file but are known only at the end, so the test cases are
spooled to a temporary file (not memory) and copied out after the header.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from datetime import datetime, timezone
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..model import UNREADABLE, Summary
from .where import is_local, location

# characters XML 1.0 does not allow (C0 controls but tab, newline, return; lone surrogates; U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value) -> str:
    return escape(_NOT_XML.sub("\ufffd", str(value)))


def attr(value) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _classname(result) -> str:
    if is_local(result):
        parent = location(result).rpartition("/")[0]
        return parent.replace("/", ".") or "."
    return urlsplit(result.url).netloc or "webaudit"


def _details(f) -> str:
    lines = [f"{f.url}:{f.line or 1}:{f.column or 1}"]
    if f.wcag:
        lines.append("WCAG " + ", ".join(f.wcag))
    if f.selector:
        lines.append(f"Element: {f.selector}")
    if f.snippet:
        lines.append(f"Snippet: {f.snippet}")
    if f.help:
        lines.append(f"How to fix: {f.help}")
    return "\n".join(lines)


class Reporter:
    def __init__(self, out, color: bool = False):
        self.out = out
        self.cases = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.tests = self.failures = self.errors = 0
        self.started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")

    def start(self) -> None:
        pass

    def target(self, result) -> None:
        self.tests += 1
        w = self.cases.write
        w(f"  <testcase name={attr(location(result))} classname={attr(_classname(result))}>\n")
        for f in result.findings:
            tag = "error" if f.rule == UNREADABLE else "failure"
            self.errors += tag == "error"
            self.failures += tag == "failure"
            w(f"    <{tag} type={attr(f.rule)} message={attr(f'{f.severity}: {f.message}')}>"
              f"{text(_details(f))}</{tag}>\n")
        w("  </testcase>\n")

    def end(self, summary: Summary) -> None:
        totals = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(f'<testsuites name="webaudit" {totals}>\n')
        self.out.write(f'<testsuite name="webaudit" {totals} skipped="0" timestamp="{self.started}">\n')
        self.cases.seek(0)
        shutil.copyfileobj(self.cases, self.out)
        self.cases.close()
        self.out.write("</testsuite>\n</testsuites>\n")
