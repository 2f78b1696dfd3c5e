"""The HTML check suite against lxml parsing alone, on generated 30-80 KB staff pages, one core.

    python benchmarks/html_checks.py [PAGES] [--repeat N] [--top N] [--profile [CHECK]]  # 300 pages, best of 3
    python benchmarks/html_checks.py --ignore link-purpose,link-external,link-broken,student,third-party,\
        audio,blink,carousel,css-animation,embedded,meta-refresh,video  # the core's own checks (issue #3)

Prints pages/s and ms/page for: decoding + lxml parse alone; the whole HTML suite (every registered
check that applies to html, default config); and each check's own share. Goal: the suite costs at most
5x the parse, and the whole (parse + checks) runs at 300+ pages/s on one core.

Times are CPU time of this process (time.process_time), best of N rounds, so other work on the machine
does not inflate them. Each round parses the pages afresh (checks cache work on the resource): every page
in a row (lxml parsing alone, the yardstick); then as the engine does it (parse a page, run the whole
suite on it), for the suite's cost and the pipeline's pages/s; then with every page parsed first and each
check timed on its own, for each check's share (a page's first check then also pays for bringing its
tree back into the CPU cache).
`--profile` runs cProfile over one round of the suite (or of one check) and prints the top functions.
`--select` and `--ignore` narrow the suite by check id prefixes, as `webaudit check` does.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import staff_page  # noqa: E402

from webaudit.config import Config  # noqa: E402
from webaudit.parse import make_resource  # noqa: E402
from webaudit.registry import all_checks  # noqa: E402
from webaudit.run import check_resource  # noqa: E402

clock = time.process_time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("pages", nargs="?", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best one is reported (default 3)")
    ap.add_argument("--top", type=int, default=8, help="how many of the slowest checks to list (default 8)")
    ap.add_argument("--profile", nargs="?", const="", metavar="CHECK",
                    help="profile one round of the suite (or of CHECK) with cProfile instead")
    ap.add_argument("--select", default="", help="only the checks whose ids start with these (comma-separated)")
    ap.add_argument("--ignore", default="", help="leave out the checks whose ids start with these")
    args = ap.parse_args()
    n = args.pages
    bodies = [staff_page(i).encode("utf-8") for i in range(n)]
    url = "https://lincoln.k12.example.org/staff/page.html"
    config = Config()
    select, ignore = (tuple(filter(None, v.split(","))) for v in (args.select, args.ignore))
    checks = [c for c in all_checks().values() if "html" in c.applies_to and c.id.startswith(select or "")
              and not (ignore and c.id.startswith(ignore))]
    size = sum(map(len, bodies)) / n / 1024

    def parse_all():
        return [make_resource(url, b) for b in bodies]

    if args.profile is not None:
        profile(parse_all(), [c for c in checks if not args.profile or c.id == args.profile], config)
        return

    parse_all()  # warm up
    rounds = max(1, args.repeat)
    parse_s = inline_s = checks_s = cold_s = float("inf")
    per_check = {c.id: float("inf") for c in checks}
    findings = 0
    for _ in range(rounds):
        # lxml parsing alone: every page in a row
        t0 = clock()
        parse_all()
        parse_s = min(parse_s, clock() - t0)

        # as the engine runs it (run.check_loaded): parse a page, then run every check on it
        parse_t = checks_t = 0.0
        findings = 0
        for b in bodies:
            t0 = clock()
            r = make_resource(url, b)
            t1 = clock()
            findings += len(check_resource(r, checks, config))
            t2 = clock()
            parse_t += t1 - t0
            checks_t += t2 - t1
        inline_s, checks_s = min(inline_s, parse_t), min(checks_s, checks_t)

        # each check's share: every page parsed first, then the checks one at a time on each page
        resources = parse_all()
        round_check = dict.fromkeys(per_check, 0.0)
        t0 = clock()
        for r in resources:
            for c in checks:
                t = clock()
                check_resource(r, [c], config)
                round_check[c.id] += clock() - t
        cold_s = min(cold_s, clock() - t0)
        for cid, s in round_check.items():
            per_check[cid] = min(per_check[cid], s)

    def ms(seconds: float) -> str:
        return f"{n / seconds:8.0f} pages/s  {seconds / n * 1000:6.2f} ms/page"

    print(f"{n} pages, {size:.1f} KB average, {len(checks)} HTML checks, {findings} findings "
          f"(CPU time, best of {rounds})")
    print(f"parse only      {ms(parse_s)}  (every page in a row)")
    print(f"checks only     {ms(checks_s)}  ({checks_s / parse_s:.2f}x the parse; each page checked right "
          "after its parse)")
    print(f"parse + checks  {ms(inline_s + checks_s)}  (that parse there: {inline_s / n * 1000:.2f} ms/page)")
    print(f"checks one by one on pages all parsed beforehand: {cold_s / n * 1000:.2f} ms/page "
          f"({cold_s / parse_s:.2f}x the parse)")
    print("slowest checks (ms/page, one by one):")
    for cid, s in sorted(per_check.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {cid:28s} {s / n * 1000:6.3f}")


def profile(resources, checks, config) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()  # (wall clock: reading CPU time costs more than the small calls it would time)
    prof.enable()
    for r in resources:
        check_resource(r, checks, config)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
