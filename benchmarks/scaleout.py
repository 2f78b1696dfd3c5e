"""The crawl on Dask: pages/s with the local executor and with a LocalCluster of 2 workers, the cost per
task, and the per-resource checking costs a cluster-size estimate rests on.

    .venv/bin/python benchmarks/scaleout.py [--pages 2000] [--ocr-pages 2]

The site is benchmarks/crawl.py's generated district (~25 KB pages, served from a process of its own
on 127.0.0.1). Both crawls run in this process with a fresh store, every check selected; the cluster
is a LocalCluster on 127.0.0.1 (2 worker processes x 1 thread, no dashboard) sharing this machine's
cores with the crawler and the server, so it measures the overhead, not a speed-up. Then:
  - per-task overhead: a no-op through DaskExecutor.map, one task per item, and in chunks, against the
    local process pool;
  - checking costs in one process: an HTML page of the site with every check, and a scanned PDF page
    with OCR (benchmarks/pdf.py's 300 dpi scan).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the other benchmark scripts

import crawl as bench  # noqa: E402  (benchmarks/crawl.py: the generated district and its server)

from webaudit.checking import check_item, init_worker, local_executor  # noqa: E402
from webaudit.config import from_mapping  # noqa: E402
from webaudit.crawl import Crawler  # noqa: E402
from webaudit.executor import ProcessExecutor  # noqa: E402
from webaudit.politeness import Settings  # noqa: E402
from webaudit.run import selected_checks  # noqa: E402
from webaudit.store import Store  # noqa: E402


def noop(x):
    return x


def crawl_once(base: str, config, executor, db: str) -> tuple[float, int]:
    store = Store(db)
    try:
        start = time.perf_counter()
        outcome = Crawler([base + "/"], config, Settings.from_config(config), store, executor=executor,
                          jobs=2).run()
        return time.perf_counter() - start, outcome.stats.recorded
    finally:
        store.close()


def per_task(executor, n: int) -> float:
    list(executor.map(noop, range(50)))  # warm
    start = time.perf_counter()
    assert list(executor.map(noop, range(n))) == list(range(n))
    return (time.perf_counter() - start) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--ocr-pages", type=int, default=2)
    args = ap.parse_args()
    from distributed import LocalCluster

    from webaudit.dask_executor import DaskExecutor, dask_executor

    ports = mp.get_context("fork").Queue()  # forked before any thread starts: the server's module is not importable
    server = mp.get_context("fork").Process(target=bench.serve, args=(args.pages, ports), daemon=True)
    server.start()
    port, n = ports.get(timeout=60)
    base = f"http://127.0.0.1:{port}"
    work = tempfile.mkdtemp(prefix="webaudit-dask-bench-")
    config = from_mapping({"crawl": {"max_pages": 50_000}})
    checks = selected_checks(config)
    print(f"site: {n} HTML pages + PDFs and images on {base}; {os.cpu_count()} CPUs; every check\n")

    ex = local_executor(checks, config, jobs=2)
    try:
        seconds, urls = crawl_once(base, config, ex, os.path.join(work, "local.sqlite"))
    finally:
        ex.close()
    print(f"crawl, local executor (2 processes)        {seconds:6.1f} s  {urls / seconds:6.0f} URLs/s  ({urls} URLs)")

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=40) as cluster:
        ex = dask_executor(cluster, checks, config)
        try:
            seconds, urls = crawl_once(base, config, ex, os.path.join(work, "dask.sqlite"))
        finally:
            ex.close()
        print(f"crawl, LocalCluster (2 workers x 1 thread)  {seconds:6.1f} s  {urls / seconds:6.0f} URLs/s  "
              f"({urls} URLs)")

        ex = DaskExecutor(cluster, max_chunk=1)
        try:
            one = per_task(ex, 2000)
            start = time.perf_counter()
            for i in range(100):
                list(ex.map(noop, [i]))
            latency = (time.perf_counter() - start) / 100
        finally:
            ex.close()
        ex = DaskExecutor(cluster)
        try:
            chunked = per_task(ex, 2000)  # one map of 2000: chunks of 16
        finally:
            ex.close()
    pool = ProcessExecutor(2)
    try:
        local = per_task(pool, 2000)
    finally:
        pool.close()
    print(f"\nper-task overhead (a no-op): Dask one task per item {1000 * one:.2f} ms, in chunks of 16 "
          f"{1000 * chunked:.3f} ms/item, round trip of one task {1000 * latency:.1f} ms; "
          f"local process pool {1000 * local:.3f} ms/item")

    init_worker(tuple(c.id for c in checks), config)
    paths = [p for p in bench.District(args.pages, "http://127.0.0.1:9").paths()][:300]
    bodies = []
    for p in paths:
        with urllib.request.urlopen(base + p) as r:
            bodies.append((base + p, r.read(), dict(r.headers), {}))
    times = []
    for item in bodies:
        start = time.perf_counter()
        check_item(item)
        times.append(time.perf_counter() - start)
    html_ms = 1000 * statistics.mean(times[20:])
    print(f"checking in one process: an HTML page ({statistics.mean(len(b[1]) for b in bodies) / 1024:.0f} KB) "
          f"{html_ms:.1f} ms (mean of {len(times) - 20})")
    if args.ocr_pages:
        import pdf as bpdf  # benchmarks/pdf.py: a 300 dpi scan
        data = bpdf.scanned(args.ocr_pages)
        start = time.perf_counter()
        check_item(("http://127.0.0.1:9/scan.pdf", data, {"Content-Type": "application/pdf"}, {}))
        ocr = (time.perf_counter() - start) / args.ocr_pages
        print(f"checking in one process: a scanned PDF, {args.ocr_pages} pages ({len(data) // 1024} KB), "
              f"{ocr:.2f} s per page with OCR")
    server.terminate()


if __name__ == "__main__":
    main()
