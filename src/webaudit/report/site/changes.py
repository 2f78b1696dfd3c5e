"""The "new since last run" and "fixed since last run" pages, filled page by page during the build.

Counts are complete; the findings listed are capped (LIMIT), so a first comparison against a very
different run still gives a page a browser opens quickly. Every page is linked to its full list.
"""
from __future__ import annotations

from ...model import Finding
from .markup import Markup, html, join
from .templates import Frame, at_level, finding, page, page_label
from .tally import PageRow

LIMIT = 1000


class ChangeList:
    def __init__(self, name: str, title: str, intro: str, compared: bool):
        self.name, self.title, self.intro, self.compared = name, title, intro, compared
        self.findings = 0
        self.pages = 0
        self._parts: list[Markup] = []
        self._listed = 0

    def add(self, row: PageRow, findings: list[Finding]) -> None:
        if not findings:
            return
        self.findings += len(findings)
        self.pages += 1
        room = LIMIT - self._listed
        if room <= 0:
            return
        shown = findings[:room]
        self._listed += len(shown)
        where = html('<a href="{}">{}</a>', row.file, page_label(row)) if row.file else page_label(row)
        self._parts.append(html('<h2>{}</h2><p class="meta">{}</p><ol class="findings">{}</ol>', where, row.url,
                                at_level(join(finding(f) for f in shown), 2)))

    def render(self, frame: Frame, extra: str = "") -> str:
        if not self.compared:
            body = html("<h1>{}</h1><p>There is no earlier finished run of this crawl to compare with.</p>",
                        self.title)
        else:
            summary = f"{self.findings:,} finding{'s' * (self.findings != 1)} on {self.pages:,} " \
                      f"page{'s' * (self.pages != 1)}. {extra}".strip()
            more = ""
            if self._listed < self.findings:
                more = html('<p class="note">The first {} are listed here; the pages of the report list all of '
                            'them.</p>', f"{self._listed:,}")
            body = html("<h1>{}</h1><p>{}</p><p>{}</p>{}{}", self.title, self.intro, summary, more,
                        join(self._parts))
        return page(frame, self.title, body, current=self.name)
