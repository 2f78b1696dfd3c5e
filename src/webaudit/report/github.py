"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's files.

    ::error file=site/index.html,line=12,col=5,title=img-alt (WCAG 1.1.1)::Image has no text alternative ...

A local file is annotated at its line; a URL has no file in the repository, so its annotation names
the URL in the message. Every value is escaped (%, CR and LF; also : and , in properties), so text
from a page can neither end the annotation early nor start a workflow command of its own.
"""
from __future__ import annotations

from ..model import Severity, Summary
from .where import is_local, location

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def message(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def prop(text: str) -> str:
    return message(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f, result) -> str:
    props = []
    if is_local(result):
        props.append(f"file={prop(location(result))}")
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
    title = f.rule + (f" (WCAG {', '.join(f.wcag)})" if f.wcag else "")
    props.append(f"title={prop(title)}")
    body = [f.message]
    if not is_local(result):
        body.append(f"at {f.url}" + (f" line {f.line}" if f.line else ""))
    if f.selector:
        body.append(f"element: {f.selector}")
    if f.help:
        body.append(f"how to fix: {f.help}")
    return f"::{COMMAND[f.severity]} {','.join(props)}::{message(chr(10).join(body))}\n"


class Reporter:
    def __init__(self, out, color: bool = False):
        self.out = out

    def start(self) -> None:
        pass

    def target(self, result) -> None:
        for f in result.findings:
            self.out.write(annotation(f, result))

    def end(self, s: Summary) -> None:
        self.out.write(f"webaudit: checked {s.targets} target{'s' * (s.targets != 1)}: {s.errors} errors, "
                       f"{s.warnings} to review, {s.notices} notices\n")
