"""The HTML check suite against lxml parsing alone, on generated 30-80 KB staff pages, one core.

    python benchmarks/html_checks.py [PAGES]      # default 300

Prints pages/s and ms/page for: decoding + lxml parse alone; the whole HTML suite (every registered
check that applies to html, default config); and each check's own share. Goal: the suite costs at most
5x the parse, and the whole (parse + checks) runs at 300+ pages/s on one core.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import staff_page  # noqa: E402

from webaudit.config import Config  # noqa: E402
from webaudit.parse import make_resource  # noqa: E402
from webaudit.registry import all_checks  # noqa: E402
from webaudit.run import check_resource  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    bodies = [staff_page(i).encode("utf-8") for i in range(n)]
    url = "https://lincoln.k12.example.org/staff/page.html"
    config = Config()
    checks = [c for c in all_checks().values() if "html" in c.applies_to]
    size = sum(map(len, bodies)) / n / 1024

    def parse_all():
        return [make_resource(url, b) for b in bodies]

    parse_all()  # warm up
    t0 = time.perf_counter()
    resources = parse_all()
    parse_s = time.perf_counter() - t0

    per_check = {c.id: 0.0 for c in checks}
    findings = 0
    t0 = time.perf_counter()
    for r in resources:
        for c in checks:
            t = time.perf_counter()
            findings += len(check_resource(r, [c], config))
            per_check[c.id] += time.perf_counter() - t
    checks_s = time.perf_counter() - t0

    print(f"{n} pages, {size:.1f} KB average, {len(checks)} HTML checks, {findings} findings")
    print(f"parse only      {n / parse_s:8.0f} pages/s  {parse_s / n * 1000:6.2f} ms/page")
    print(f"checks only     {n / checks_s:8.0f} pages/s  {checks_s / n * 1000:6.2f} ms/page"
          f"  ({checks_s / parse_s:.2f}x the parse)")
    total = parse_s + checks_s
    print(f"parse + checks  {n / total:8.0f} pages/s  {total / n * 1000:6.2f} ms/page")
    print("slowest checks (ms/page):")
    for cid, s in sorted(per_check.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {cid:28s} {s / n * 1000:6.3f}")


if __name__ == "__main__":
    main()
