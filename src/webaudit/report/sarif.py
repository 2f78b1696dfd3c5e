"""SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).

One run; one rule entry per check (with its WCAG criteria as tags and properties, its help and a
link to the W3C's Understanding page), one result per finding with its location (file path or URL,
line and column, the snippet, the element's CSS path as a logical location) and the finding's
fingerprint, so that tools follow a finding across commits.

Streaming: results are written as they arrive and the tool's rule list last (JSON objects are
unordered, so `tool` may follow `results`). Rule indexes are known as results are written: the
registered checks come first, in id order, then engine rules (unreadable, check-failed ...) as met.
"""
from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Severity, Summary
from ..registry import Check, all_checks
from ..wcag import CRITERIA
from .where import is_local, location

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def _name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _help(text: str, wcag: tuple[str, ...], policy: str | None) -> dict:
    lines = [f"WCAG {c} {CRITERIA[c].title} (level {CRITERIA[c].level})" for c in wcag if c in CRITERIA]
    links = [f"- [WCAG {c} {CRITERIA[c].title}]({CRITERIA[c].url}) (level {CRITERIA[c].level})"
             for c in wcag if c in CRITERIA]
    if policy:
        lines.append(f"District policy: {policy}")
        links.append(f"- District policy: {policy}")
    return {"text": "\n".join([text, *lines]), "markdown": "\n".join([text, "", *links]).strip()}


def check_rule(c: Check) -> dict:
    tags = ["accessibility", *(f"wcag-{n}" for n in c.wcag)]
    if c.level:
        tags.append(f"wcag-level-{c.level.lower()}")
    if c.policy:
        tags.append("district-policy")
    rule = {
        "id": c.id,
        "name": _name(c.id),
        "shortDescription": {"text": c.title},
        "fullDescription": {"text": (c.doc.splitlines() or [c.title])[0]},
        "help": _help(c.help, c.wcag, c.policy),
        "defaultConfiguration": {"level": LEVEL[c.severity]},
        "properties": {"tags": tags, "wcag": list(c.wcag), "level": c.level, "policy": c.policy or ""},
    }
    if c.wcag and c.wcag[0] in CRITERIA:
        rule["helpUri"] = CRITERIA[c.wcag[0]].url
    return rule


def engine_rule(f: Finding) -> dict:
    """A rule of the engine itself (a target that could not be read, a check that crashed)."""
    return {"id": f.rule, "name": _name(f.rule), "shortDescription": {"text": f.rule.replace("-", " ").capitalize()},
            "defaultConfiguration": {"level": LEVEL[f.severity]}, "properties": {"tags": ["webaudit"]}}


def result(f: Finding, index: int, uri: str, fingerprint: str) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri}}
    if f.line:
        region: dict = {"startLine": f.line}
        if f.column:
            region["startColumn"] = f.column
        if f.snippet:
            region["snippet"] = {"text": f.snippet}
        physical["region"] = region
    where: dict = {"physicalLocation": physical}
    if f.selector:
        where["logicalLocations"] = [{"fullyQualifiedName": f.selector, "kind": "element"}]
    out = {"ruleId": f.rule, "ruleIndex": index, "level": LEVEL[f.severity], "message": {"text": f.message},
           "locations": [where], "partialFingerprints": {"webaudit/v1": fingerprint}}
    props = {k: v for k, v in (("wcag", list(f.wcag)), ("help", f.help), ("policy", f.policy),
                               ("url", f.url)) if v}
    if f.snippet and not f.line:
        props["snippet"] = f.snippet
    if props:
        out["properties"] = props
    return out


class Reporter:
    def __init__(self, out, color: bool = False):
        self.out = out
        self.rules = [check_rule(c) for c in all_checks().values()]
        self.index = {r["id"]: i for i, r in enumerate(self.rules)}
        self._first = True

    def start(self) -> None:
        self.out.write('{"$schema": %s, "version": "2.1.0", "runs": [{"results": [' % json.dumps(SCHEMA))

    def target(self, res) -> None:
        local = is_local(res)
        uri = quote(location(res), safe="/") if local else res.url
        for f in res.findings:
            if f.rule not in self.index:
                self.index[f.rule] = len(self.rules)
                self.rules.append(engine_rule(f))
            # a local file's fingerprint uses its path as checked, not this machine's absolute file:// URL
            fingerprint = replace(f, url=location(res)).fingerprint if local else f.fingerprint
            self.out.write("\n" if self._first else ",\n")
            self.out.write(json.dumps(result(f, self.index[f.rule], uri, fingerprint), ensure_ascii=False))
            self._first = False

    def end(self, summary: Summary) -> None:
        driver = {"name": "webaudit", "version": __version__, "semanticVersion": __version__,
                  "rules": self.rules}
        self.out.write("\n], %s}]}\n" % json.dumps({
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": True}],  # unreadable targets are results of their own
            "columnKind": "unicodeCodePoints",
        }, ensure_ascii=False)[1:-1])
