"""The command line: a thin layer that parses options, runs, picks a reporter and sets the exit status.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage error or a target
that could not be read.
"""
from __future__ import annotations

import sys
import textwrap

import click

from . import __version__, config as config_mod
from .model import UNREADABLE, Severity, Summary
from .registry import all_checks, load_problems
from .report import FORMATS, reporter
from .run import run
from .wcag import CRITERIA, STANDARDS


def _fail(msg: str) -> None:
    click.echo(f"webaudit: {msg}", err=True)
    sys.exit(2)


def _warn_plugins() -> None:
    for p in load_problems():
        click.echo(p, err=True)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="webaudit")
def main() -> None:
    """Accessibility (WCAG 2.x AA) and district web-policy checks for school websites."""


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rule ids (prefix match; comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids (prefix match).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "notice"]), default=None,
              help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--standard", type=click.Choice(sorted(STANDARDS)), default=None,
              help="WCAG version and level [default: wcag21aa, the ADA Title II level].")
@click.option("--policy/--no-policy", default=None, help="District policy items (on by default).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A webaudit.toml or pyproject.toml with [tool.webaudit].")
@click.option("--base-url", default=None, help="The URL of a page read from stdin ('-').")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Worker processes [default: cores].")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write the report here.")
def check(targets, fmt, select, ignore, fail_on, standard, policy, config_path, base_url, jobs, output):
    """Check pages and documents: files, folders, URLs, or - for stdin."""
    _warn_plugins()
    try:
        cfg = config_mod.load(config_path)
    except config_mod.ConfigError as e:
        _fail(str(e))
    changes = {}
    if select:
        changes["select"] = _split(select)
    if ignore:
        changes["ignore"] = cfg.ignore + _split(ignore)
    if fail_on:
        changes["fail_on"] = fail_on
    if standard:
        changes["standard"] = standard
    if policy is not None:
        changes["policy"] = policy
    cfg = cfg.with_(**changes)
    known = all_checks()
    for pattern in cfg.select + cfg.ignore:
        if not any(i.startswith(pattern) for i in known):
            _fail(f"no rule id starts with {pattern!r}; `webaudit rules` lists them")
    if "-" in targets and not base_url:
        _fail("reading from stdin ('-') needs --base-url, the address the page will have")

    color = output is sys.stdout and sys.stdout.isatty() and fmt == "text"
    rep = reporter(fmt, output, color=color)
    summary = Summary()
    threshold = Severity.parse(cfg.fail_on)
    failing = False
    rep.start()
    try:
        for result in run(list(targets), cfg, jobs=jobs, base_url=base_url):
            summary.targets += 1
            for f in result.findings:
                summary.add(f)
                failing |= f.severity >= threshold and f.rule != UNREADABLE
            if result.error:
                click.echo(f"webaudit: cannot check {result.target}: {result.error}", err=True)
            rep.target(result)
    except KeyboardInterrupt:
        click.echo("webaudit: interrupted", err=True)
        sys.exit(130)
    rep.end(summary)
    output.flush()
    sys.exit(2 if summary.unreadable else (1 if failing else 0))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt):
    """List every check: id, WCAG criteria, level, district policy item."""
    _warn_plugins()
    checks = all_checks().values()
    if fmt == "json":
        import json

        click.echo(json.dumps([{
            "id": c.id, "title": c.title, "wcag": list(c.wcag), "level": c.level, "policy": c.policy,
            "applies_to": list(c.applies_to), "severity": str(c.severity), "version": c.version,
        } for c in checks], indent=2))
        return
    rows = [(c.id, ", ".join(c.wcag) or "-", c.level or "-", ", ".join(c.applies_to),
             str(c.severity), c.policy or "") for c in checks]
    head = ("ID", "WCAG", "LEVEL", "APPLIES TO", "SEVERITY", "DISTRICT POLICY")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    for r in [head, *rows]:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths)) + "  " + r[5])


@main.command()
@click.argument("rule")
def explain(rule):
    """Explain a check: what it does, why it matters, examples, how to fix."""
    checks = all_checks()
    if rule not in checks:
        near = [i for i in checks if i.startswith(rule) or rule in i]
        _fail(f"no rule {rule!r}" + (f"; did you mean {', '.join(near[:5])}?" if near else "; see `webaudit rules`"))
    c = checks[rule]
    wcag = "; ".join(f"{n} {CRITERIA[n].title} (level {CRITERIA[n].level}, WCAG {CRITERIA[n].version})" for n in c.wcag)
    click.echo(f"{c.id}: {c.title}\n")
    click.echo(f"  WCAG:          {wcag or '-'}")
    click.echo(f"  District rule: {c.policy or '-'}")
    click.echo(f"  Applies to:    {', '.join(c.applies_to)}")
    click.echo(f"  Severity:      {c.severity}")
    if c.options:
        click.echo(f"  Options:       " + ", ".join(f"{k} = {v!r}" for k, v in c.options.items()))
    click.echo(f"  Module:        {c.module}\n")
    click.echo(textwrap.dedent(c.doc))
    click.echo(f"\nHow to fix: {c.help}")
