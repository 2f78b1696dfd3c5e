"""The command line: a thin layer that parses options, runs, picks a reporter and sets the exit status.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage error or a target
that could not be read.
"""
from __future__ import annotations

import sys
import textwrap
from dataclasses import replace

import click

from . import __version__, config as config_mod
from .model import UNREADABLE, Severity, Summary
from .registry import all_checks, load_problems
from .report import FORMATS, reporter
from .run import run, selected_checks
from .wcag import CRITERIA, STANDARDS


def _fail(msg: str) -> None:
    click.echo(f"webaudit: {msg}", err=True)
    sys.exit(2)


def _warn_plugins() -> None:
    for p in load_problems():
        click.echo(p, err=True)


LINK_RULE = "link-broken"
FOLLOW_MEDIA = ("captions", "image", "video", "css")  # --follow-media: resource kinds checked from pages


def _link_checker(cfg) -> "LinkChecker | None":
    """The link stage's checker, when the link-broken rule is selected."""
    if not any(c.id == LINK_RULE for c in selected_checks(cfg)):
        click.echo(f"webaudit: --links does nothing here: rule {LINK_RULE} is not selected", err=True)
        return None
    from .links import LinkChecker  # loads requests: only when --links asks for it

    return LinkChecker()


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _baseline(path: str | None, update: bool):
    """The --baseline file (None without one): recording when it does not exist or with --update-baseline."""
    from .baseline import Baseline, BaselineError

    if path is None:
        if update:
            _fail("--update-baseline needs --baseline FILE")
        return None
    try:
        return Baseline.open(path, update)
    except BaselineError as e:
        _fail(str(e))


def _with_options(cfg, select, ignore, fail_on, standard, policy):
    """The config with the rule-selection options of the command line applied (and checked)."""
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
    return cfg


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
@click.option("--links/--no-links", "check_links", default=False,
              help="Also ask every link and embedded resource whether it answers (rule link-broken).")
@click.option("--follow-media", is_flag=True, default=False,
              help="Also check same-site caption tracks, animated images, videos and stylesheets the pages use.")
@click.option("--follow-documents", is_flag=True, default=False,
              help="Also check same-site PDF documents the pages link to.")
@click.option("--ocr-pages", type=click.IntRange(0), default=None,
              help="Scanned PDF pages read with OCR per document [default: 3; 0 turns OCR off].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report and fail only on findings not recorded in this file; records them when it does not exist.")
@click.option("--update-baseline", is_flag=True, default=False, help="Record today's findings in the --baseline file.")
def check(targets, fmt, select, ignore, fail_on, standard, policy, config_path, base_url, jobs, output, check_links,
          follow_media, follow_documents, ocr_pages, baseline_path, update_baseline):
    """Check pages and documents: files, folders, URLs, or - for stdin."""
    _warn_plugins()
    try:
        cfg = _with_options(config_mod.load(config_path), select, ignore, fail_on, standard, policy)
    except config_mod.ConfigError as e:
        _fail(str(e))
    if ocr_pages is not None:
        cfg = cfg.with_(options={**cfg.options, "ocr_pages": ocr_pages})
    if "-" in targets and not base_url:
        _fail("reading from stdin ('-') needs --base-url, the address the page will have")

    color = output is sys.stdout and sys.stdout.isatty() and fmt == "text"
    rep = reporter(fmt, output, color=color)
    base = _baseline(baseline_path, update_baseline)
    summary = Summary()
    threshold = Severity.parse(cfg.fail_on)
    failing = False
    unreadable_targets = 0
    follow = set(FOLLOW_MEDIA) if follow_media else set()
    if follow_documents:
        follow.add("pdf")
    results = run(list(targets), cfg, jobs=jobs, base_url=base_url, follow=follow)
    checker = _link_checker(cfg) if check_links else None
    if checker is not None:
        from .links import with_link_findings

        results = with_link_findings(results, checker, cfg)
    rep.start()
    try:
        for result in results:
            if base is not None:
                result = replace(result, findings=base.filter(result.findings))
            summary.targets += 1
            for f in result.findings:
                summary.add(f)
                failing |= f.severity >= threshold and (f.rule != UNREADABLE or result.followed)
            if result.error and not result.followed:  # a followed file's failure is a finding, not a usage error
                unreadable_targets += 1
                click.echo(f"webaudit: cannot check {result.target}: {result.error}", err=True)
            rep.target(result)
    except KeyboardInterrupt:
        click.echo("webaudit: interrupted", err=True)
        sys.exit(130)
    finally:
        if checker is not None:
            checker.close()
    rep.end(summary)
    output.flush()
    if base is not None:
        click.echo(base.finish(), err=True)
        failing = failing and not base.recording
    sys.exit(2 if unreadable_targets else (1 if failing else 0))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt):
    """List every check: id, WCAG criteria, level, district policy item."""
    _warn_plugins()
    checks = all_checks().values()
    if fmt == "json":
        import json

        click.echo(json.dumps([c.to_dict() for c in checks], indent=2))
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


@main.command()
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1]; any other needs a token.")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port [default: 8765].")
@click.option("--workers", type=click.IntRange(0, 256), default=None, help="Checker processes [default: cores].")
@click.option("--access-log/--no-access-log", default=None, help="Log every request [default: on].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A webaudit.toml or pyproject.toml; the service reads its [serve] table.")
def serve(host, port, workers, access_log, config_path):
    """Run the HTTP service for CMS pre-publish checks (needs the server extra).

    The bearer token comes from WEBAUDIT_TOKEN or the config, never from the command line.
    """
    _warn_plugins()
    try:
        from .service import Settings, serve as run_service
    except ImportError as e:
        _fail(f"serve needs the server extra ({e.name} is missing): pip install 'webaudit[server]'")
    try:
        cfg = config_mod.load(config_path)
        settings = Settings.from_config(cfg, host=host, port=port, workers=workers, access_log=access_log)
    except config_mod.ConfigError as e:
        _fail(str(e))
    run_service(settings, cfg)


def _dask(address: str, cfg):
    """The crawl's checking on the Dask cluster at `address` (the extra webaudit[dask])."""
    try:
        from .dask_executor import dask_executor
    except ImportError:
        _fail("--scheduler needs Dask: pip install 'webaudit[dask]'")
    from .run import selected_checks

    try:
        return dask_executor(address, selected_checks(cfg), cfg)
    except (OSError, ValueError) as e:  # unreachable scheduler, bad address
        _fail(f"cannot use the Dask scheduler at {address}: {e}")


@main.command()
@click.argument("start_urls", nargs=-1, required=True, metavar="START_URL...")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="results.sqlite", show_default=True,
              help="The results store (SQLite), created if missing; reports read it.")
@click.option("--include", multiple=True, help="Crawl only URLs matching one of these regular expressions.")
@click.option("--exclude", multiple=True, help="Do not crawl URLs matching this regular expression (repeatable).")
@click.option("--max-pages", type=click.IntRange(1), default=None, help="URLs crawled per run [default: 50000].")
@click.option("--max-depth", type=click.IntRange(0), default=None,
              help="Link hops from a start URL [default: 50]; sitemap URLs are one hop.")
@click.option("--per-host", type=click.IntRange(1, 64), default=None, help="Requests in flight per host [default: 4].")
@click.option("--delay", type=click.FloatRange(0), default=None,
              help="Seconds between requests to a host [default: 0; a robots.txt Crawl-delay raises it].")
@click.option("--links/--no-links", default=None, help="Check external links, without crawling them [default: on].")
@click.option("--fresh", is_flag=True, default=False,
              help="Start a new run even when the last run of these start URLs was interrupted (by default it resumes).")
@click.option("--recheck", is_flag=True, default=False,
              help="Fetch and check everything again instead of reusing the findings of unchanged pages.")
@click.option("--select", multiple=True, help="Only these rule ids (prefix match; comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids (prefix match).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "notice"]), default=None,
              help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--standard", type=click.Choice(sorted(STANDARDS)), default=None,
              help="WCAG version and level [default: wcag21aa].")
@click.option("--policy/--no-policy", default=None, help="District policy items (on by default).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A webaudit.toml or pyproject.toml; the crawl reads its [crawl] table.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Checking processes [default: cores].")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Check on a Dask cluster (e.g. tcp://host:8786; needs webaudit[dask]) instead of local processes.")
@click.option("--progress/--no-progress", default=None,
              help="A progress line on stderr [default: on a terminal, off in CI].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Fail only on findings not recorded in this file; records them when it does not exist.")
@click.option("--update-baseline", is_flag=True, default=False, help="Record this crawl's findings in --baseline.")
def crawl(start_urls, db_path, include, exclude, max_pages, max_depth, per_host, delay, links, fresh, recheck, select,
          ignore, fail_on, standard, policy, config_path, jobs, scheduler, progress, baseline_path, update_baseline):
    """Crawl sites from START_URL (breadth-first, within their hosts and the district domains), check
    every page, document and media file, and record the results in --db.

    Polite (robots.txt, Crawl-delay, per-host limits, Retry-After), incremental (unchanged pages reuse
    their stored findings) and resumable (run the same command again after an interruption).
    """
    from . import progress as progress_mod
    from .crawl import CrawlError, Crawler
    from .politeness import Settings
    from .store import Store, StoreError

    _warn_plugins()
    try:
        cfg = _with_options(config_mod.load(config_path), select, ignore, fail_on, standard, policy)
        settings = Settings.from_config(cfg, include=list(include) or None, exclude=list(exclude) or None,
                                        max_pages=max_pages, max_depth=max_depth, per_host=per_host,
                                        delay=None if delay is None else float(delay), links=links,
                                        reuse=False if recheck else None)
    except config_mod.ConfigError as e:
        _fail(str(e))
    base = _baseline(baseline_path, update_baseline)
    show = progress_mod.Progress(sys.stderr, progress_mod.wanted(sys.stderr) if progress is None else progress)
    try:
        store = Store(db_path)
    except StoreError as e:
        _fail(str(e))
    executor = None
    try:
        if scheduler:
            executor = _dask(scheduler, cfg)
            jobs = jobs or executor.nthreads()  # checks in flight: about twice the cluster's worker threads
        crawler = Crawler(list(start_urls), cfg, settings, store, executor=executor, jobs=jobs, fresh=fresh,
                          progress=show.show)
        if crawler.resumed:
            click.echo(f"webaudit: resuming run {crawler.run_id} ({crawler.frontier.done_count} URLs recorded, "
                       f"{len(crawler.frontier)} queued); --fresh starts over", err=True)
        outcome = crawler.run()
    except (CrawlError, ValueError) as e:
        show.clear()
        _fail(str(e))
    finally:
        show.clear()
        store.close()
        if executor is not None:
            executor.close()
    for line in outcome.lines():
        click.echo(line)
    if outcome.interrupted:
        sys.exit(130)
    if outcome.checked_nothing:
        _fail("nothing could be checked (see the notes above)")
    threshold = Severity.parse(cfg.fail_on)
    if base is not None:
        sys.exit(1 if _new_in_run(base, db_path, outcome.run_id, threshold) else 0)
    found = outcome.counts["findings"]
    sys.exit(1 if any(found.get(str(s), 0) for s in Severity if s >= threshold) else 0)


def _new_in_run(base, db_path: str, run_id: int, threshold: Severity) -> bool:
    """Apply --baseline to a stored run: whether a finding not in the baseline reaches the threshold."""
    from .store import Store

    store = Store(db_path)
    new = failing = 0
    try:
        for _, f in store.findings(run_id):
            for f in base.filter([f]):
                new += 1
                failing |= f.severity >= threshold
    finally:
        store.close()
    click.echo(base.finish(), err=True)
    if not base.recording:
        click.echo(f"webaudit: {new} finding{'s' * (new != 1)} not in the baseline", err=True)
    return bool(failing) and not base.recording


@main.command()
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False), default="results.sqlite",
              show_default=True, help="The results store a crawl wrote.")
@click.option("--out", "out", type=click.Path(file_okay=False), default="report", show_default=True,
              help="The folder to write the site to (created; an earlier report there is replaced).")
@click.option("--run", "run_id", type=int, default=None, help="The run to report [default: the latest finished].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A webaudit.toml or pyproject.toml; the report reads its [report] table (title, owners).")
def report(db_path, out, run_id, config_path):
    """Write the district report: a static HTML site (open OUT/index.html from disk) with the overview,
    trends over past runs, what is new and fixed, and a page per site, per owner and per checked page."""
    from .report.site import ReportError, build
    from .store import Store, StoreError

    try:
        cfg = config_mod.load(config_path)
        store = Store(db_path)
    except (config_mod.ConfigError, StoreError) as e:
        _fail(str(e))
    try:
        built = build(store, out, cfg, run_id)
    except (config_mod.ConfigError, ReportError) as e:
        _fail(str(e))
    finally:
        store.close()
    changes = "" if built.new is None else f"; {built.new} new, {built.fixed} fixed since the last run"
    click.echo(f"webaudit: report of run {built.run_id} ({built.resources} resources, {built.findings} findings"
               f"{changes}) written to {built.index}")


@main.command()
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False), default="results.sqlite",
              show_default=True, help="The results store a crawl wrote.")
@click.option("--format", "fmt", type=click.Choice(sorted(set(FORMATS) - {"text"})), default="json",
              show_default=True)
@click.option("--run", "run_id", type=int, default=None, help="The run to export [default: the latest finished].")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write it here.")
def export(db_path, fmt, run_id, output):
    """Export a stored run in a format for machines (the same formats as `check --format`)."""
    from .report.site import ReportError
    from .report.site.history import pick_run
    from .report.stored import export as export_run
    from .store import Store, StoreError

    try:
        store = Store(db_path)
    except StoreError as e:
        _fail(str(e))
    try:
        run = pick_run(store, run_id)
        summary = export_run(store, run.id, reporter(fmt, output))
    except ReportError as e:
        _fail(str(e))
    finally:
        store.close()
    output.flush()
    click.echo(f"webaudit: exported run {run.id}: {summary.targets} resources, "
               f"{summary.errors + summary.warnings + summary.notices} findings", err=True)


@main.command()
@click.option("--out", type=click.Path(file_okay=False), default="demo-report", show_default=True,
              help="Where the sample site, its results database and its report go.")
def demo(out):
    """Check the bundled sample district site, served on 127.0.0.1, and write its report."""
    from pathlib import Path

    from .demo import main as run_demo

    sys.exit(run_demo(Path(out), echo=click.echo))
