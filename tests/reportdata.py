"""A small results store with two runs of one crawl, for the report and export tests.

Written through store.py's write methods, as the crawl writes it. Between run 1 and run 2:
- Ms. Rivera's staff page was edited: its img-alt finding moved from line 10 to line 14 (the same
  finding: not new), its heading-order warning was fixed, and a link-purpose warning is new;
- the board minutes page is gone (not crawled any more);
- everything else is unchanged and reuses its stored finding set, as a nightly re-crawl does.

Owners: Washington by URL prefix, Lincoln athletics by glob (both in the config), Ms. Rivera by the
page's meta author, the PDF by nobody (unassigned).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from webaudit.model import Finding, Severity
from webaudit.store import Resource, Store

LINCOLN = "https://lincoln.example.org"
WASHINGTON = "https://washington.example.org"
BOARD = "https://board.example.org"
STAFF = f"{LINCOLN}/staff/rivera"
COACH = f"{LINCOLN}/athletics/coach"
PDF = f"{LINCOLN}/docs/handbook.pdf"
WASH_HOME = f"{WASHINGTON}/"
WASH_ABOUT = f"{WASHINGTON}/about"
MINUTES = f"{BOARD}/minutes"

OWNERS = {
    WASHINGTON + "/": "Principal Park <park@example.org>",
    LINCOLN + "/athletics/*": {"name": "Coach Lee", "email": "lee@example.org"},
}


def finding(rule: str, url: str, line: int, selector: str, snippet: str, severity=Severity.ERROR,
            wcag=("1.1.1",), message: str | None = None, help_text: str = "Fix it like this.") -> Finding:
    return Finding(rule=rule, message=message or f"{rule} problem", severity=severity, url=url, wcag=wcag,
                   level="A", line=line, column=3, selector=selector, snippet=snippet, help=help_text)


def img(url: str, line: int, src: str = "team.jpg") -> Finding:
    return finding("img-alt", url, line, "main > img", f'<img src="{src}">',
                   message=f"image '{src}' has no alt attribute", help_text="Add an alt attribute.")


def page(url: str, host: str, title: str, author: str | None = None, kind: str = "html", content: str = "v1",
         **kw) -> Resource:
    return Resource(url, host, "checked", kind, 200, title=title, author=author, content_hash=f"{url}:{content}",
                    checks_key="k", **kw)


RUN1 = {
    STAFF: (page(STAFF, "lincoln.example.org", "Ms. Rivera's class", "Ms. Rivera"), [
        img(STAFF, 10),
        finding("heading-order", STAFF, 20, "main > h4", "<h4>", Severity.WARNING, ("1.3.1",)),
    ]),
    COACH: (page(COACH, "lincoln.example.org", "Coach's corner", "Coach Lee"), [
        finding("link-name", COACH, 8, "main > a:nth-of-type(2)", '<a href="/scores">', wcag=("2.4.4", "4.1.2")),
    ]),
    PDF: (page(PDF, "lincoln.example.org", None, None, "pdf"), [
        finding("pdf-tagged", PDF, None, "", "", wcag=("1.3.1",), message="the PDF has no tags"),
    ]),
    WASH_HOME: (page(WASH_HOME, "washington.example.org", "Washington Middle School", "Webmaster"), [
        img(WASH_HOME, 30, "a.jpg"), img(WASH_HOME, 31, "b.jpg"),
        finding("word-paste", WASH_HOME, 40, "main > p", '<p class="MsoNormal">', Severity.NOTICE, ()),
    ]),
    WASH_ABOUT: (page(WASH_ABOUT, "washington.example.org", "About us"), []),
    MINUTES: (page(MINUTES, "board.example.org", "Board minutes"), [img(MINUTES, 5, "seal.png")]),
}


def build(path: Path) -> Path:
    """Two finished runs of the same crawl; returns the store's path."""
    store = Store(path)
    first = store.start_run([LINCOLN + "/", WASHINGTON + "/", BOARD + "/"], "district", "k", {}, "0.1.0")
    with store.transaction():
        for res, found in RUN1.values():
            store.save_resource(first, res, found)
    store.finish_run(first, "done", store.counts(first))

    second = store.start_run([LINCOLN + "/", WASHINGTON + "/", BOARD + "/"], "district", "k", {}, "0.1.0")
    with store.transaction():
        for url, (res, found) in RUN1.items():
            if url == MINUTES:
                continue
            if url == STAFF:
                edited = page(STAFF, "lincoln.example.org", "Ms. Rivera's class", "Ms. Rivera", content="v2")
                store.save_resource(second, edited, [
                    img(STAFF, 14),  # moved down by the edit: the same finding
                    finding("link-purpose", STAFF, 22, "main > p > a", '<a href="/more">', Severity.WARNING,
                            ("2.4.4",), message='link "more" does not say where it goes'),
                ])
            else:
                row = store.previous(url, second)
                store.save_resource(second, replace(row, outcome="unchanged", run_id=None))
    store.finish_run(second, "done", store.counts(second))
    store.close()
    return path
