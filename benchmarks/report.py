"""Report and export speed on a 10,000-page store with 100,000 findings.

    python benchmarks/report.py [--pages 10000] [--findings 100000] [--keep DIR]

Builds the store directly through store.py's write methods (no crawl): 20 school sites, pages with
0 to 20 findings each (100,000 in all, every severity, a dozen checks, snippets and selectors of
realistic size), a meta author on most pages and a [report] owners table for two schools. Two runs
of the same crawl: the first, then one where 1% of the pages changed (so "new" and "fixed" have
work to do and the other 99% share their finding sets, as after a nightly re-crawl).

Then times, as a user would run them (each a subprocess; peak memory is its maximum resident set;
the store is built in a subprocess too, so that no child starts with the builder's memory counted):
  1. `webaudit report` of the second run (overview, trends, new/fixed, site, owner and page pages),
  2. `webaudit export --format F` for every machine format.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

SITES = 20
RULES = [("img-alt", ("1.1.1",), "error"), ("link-name", ("2.4.4", "4.1.2"), "error"),
         ("heading-order", ("1.3.1",), "warning"), ("form-label", ("1.3.1", "4.1.2"), "error"),
         ("table-headers", ("1.3.1",), "error"), ("link-purpose", ("2.4.4",), "warning"),
         ("page-title", ("2.4.2",), "error"), ("html-lang", ("3.1.1",), "error"),
         ("fake-heading", ("1.3.1",), "warning"), ("link-external-warning", (), "error"),
         ("word-paste", (), "notice"), ("iframe-name", ("4.1.2",), "error")]
AUTHORS = [f"Teacher {i}" for i in range(50)]


def findings_for(url: str, n: int, rng: random.Random, salt: str = "") -> list:
    from webaudit.model import Finding, Severity

    out = []
    for j in range(n):
        rule, wcag, sev = RULES[rng.randrange(len(RULES))]
        out.append(Finding(
            rule=rule, message=f"{rule} problem {j}{salt}: the element does not say what it is for",
            severity=Severity.parse(sev),
            url=url, wcag=wcag, level="A" if wcag else "", line=20 + 7 * j, column=5,
            selector=f"html > body > main > div:nth-of-type({j % 7 + 1}) > section > p:nth-of-type({j + 1})",
            snippet=f'<img src="/media/photos/{j}{salt}.jpg" class="wp-image-{j}" width="640" height="480">',
            help="Add an alt attribute that says what the image shows, or alt=\"\" when it is decorative.",
            policy="Images carry alt text" if rule == "img-alt" else ""))
    return out


def build_store(path: Path, pages: int, total: int) -> None:
    from webaudit.store import Resource, Store

    rng = random.Random(8)
    counts = [rng.randint(0, 20) for _ in range(pages)]
    scale = total / sum(counts)  # exactly `total` findings in the first run
    counts = [int(c * scale) for c in counts]
    counts[0] += total - sum(counts)
    store = Store(path)
    for run_no in (1, 2):
        run = store.start_run(["https://district.example.org/"], "bench", "k", {}, "0.1.0")
        previous = {}
        if run_no == 2:
            previous = {r.url: r for r in store.resources(run - 1)}
        with store.transaction():
            for i in range(pages):
                host = f"school{i % SITES}.example.org"
                url = f"https://{host}/section{i // 200}/page{i}"
                edited = run_no == 2 and i % 100 == 7
                res = Resource(url, host, "checked", "pdf" if i % 50 == 0 else "html", 200,
                               title=f"Page {i} of {host}", author=AUTHORS[i % len(AUTHORS)] if i % 5 else None,
                               content_hash=f"h{i}{'e' if edited else ''}", checks_key="k", depth=2)
                if run_no == 2 and not edited:  # unchanged: reuse the stored finding set, as the crawl does
                    store.save_resource(run, replace(res, outcome="unchanged", check_set=previous[url].check_set))
                else:
                    n = counts[i] + (2 if edited else 0)
                    store.save_resource(run, res, findings_for(url, n, random.Random(i), "e" if edited else ""))
        store.finish_run(run, "done", store.counts(run))
    store.close()


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, what it said) of one command, from start to exit."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as said:
        child = subprocess.Popen(cmd, stdout=said, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        said.seek(0)
        text = said.read()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(cmd)} failed:\n{text}")
    return seconds, usage.ru_maxrss / 1024, text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--findings", type=int, default=100_000)
    ap.add_argument("--keep", help="Build in this folder and keep it (to look at the report).")
    ap.add_argument("--build-store", help=argparse.SUPPRESS)  # in the child: build the store at this path
    args = ap.parse_args()
    if args.build_store:
        build_store(Path(args.build_store), args.pages, args.findings)
        return
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="webaudit-report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "results.sqlite"
    for old in work.glob("results.sqlite*"):
        old.unlink()
    shutil.rmtree(work / "report", ignore_errors=True)
    config = work / "webaudit.toml"
    config.write_text('[report]\ntitle = "Benchmark district"\n[report.owners]\n'
                      '"https://school1.example.org/" = "Ms. Rivera <rivera@example.org>"\n'
                      '"https://school2.example.org/section*/page*" = '
                      '{ name = "Mr. Chen", email = "chen@example.org" }\n')
    try:
        seconds, _, _ = timed([sys.executable, __file__, "--build-store", str(db), "--pages", str(args.pages),
                               "--findings", str(args.findings)])
        print(f"store: {args.pages:,} resources, 2 runs, built in {seconds:.1f} s ({db.stat().st_size / 2**20:.0f} MB)")
        exe = [sys.executable, "-m", "webaudit"]
        seconds, peak, said = timed([*exe, "report", "--db", str(db), "--out", str(work / "report"), "--config",
                                     str(config)])
        print(said.strip())
        found = int(said.split(" resources, ")[1].split()[0])  # "report of run 2 (10000 resources, N findings; ..."
        files = sum(1 for _ in (work / "report").rglob("*.html"))
        size = sum(p.stat().st_size for p in (work / "report").rglob("*.html")) / 2**20
        print(f"report: {seconds:.2f} s, peak {peak:.0f} MB, {files:,} HTML files, {size:.0f} MB "
              f"({found / seconds:,.0f} findings/s)")
        for fmt in ("json", "csv", "sarif", "junit", "github"):
            out = work / f"export.{fmt}"
            seconds, peak, _ = timed([*exe, "export", "--db", str(db), "--format", fmt, "-o", str(out)])
            print(f"export {fmt:6}: {seconds:.2f} s, peak {peak:.0f} MB, {out.stat().st_size / 2**20:.0f} MB")
        if args.keep:
            print(f"kept in {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
