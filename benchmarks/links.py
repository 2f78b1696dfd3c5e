"""Link checking throughput: N distinct links to a loopback HTTP server, checked concurrently.

    python benchmarks/links.py [--links 1000] [--delay 0.0] [--repeat 3]

Prints links/s and total seconds for a few worker / per-host settings (the first row is the
default LinkChecker). `--delay` makes each answer take that many seconds, like a real server.
The server is a stdlib ThreadingHTTPServer on 127.0.0.1 with keep-alive, in a process of its own
(so that it does not compete with the checker for the GIL); nothing leaves the machine.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from webaudit.links import LinkChecker


def serve(delay: float, port_out) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_HEAD(self):
            if delay:
                time.sleep(delay)
            self.send_response(404 if self.path.endswith("7.html") else 200)  # one link in ten is broken
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_port)
    server.serve_forever()


def measure(base: str, n: int, repeat: int, **params) -> None:
    """Check n distinct links `repeat` times (a fresh checker, so a fresh cache, each time)."""
    urls = [f"{base}/page-{i}.html" for i in range(n)]
    times, broken = [], 0
    for _ in range(repeat):
        with LinkChecker(**params) as checker:
            start = time.perf_counter()
            statuses = checker.check(urls)
            times.append(time.perf_counter() - start)
        broken = sum(1 for s in statuses.values() if not s.ok)
    times.sort()
    median = times[len(times) // 2]
    label = ", ".join(f"{k}={v}" for k, v in params.items()) or "defaults (workers=16, per_host=4)"
    print(f"  {label:<36} {n / median:7.0f} links/s  {median:6.2f} s total (median of {repeat}; "
          f"best {n / times[0]:.0f} links/s)  {broken} broken")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--links", type=int, default=1000)
    ap.add_argument("--delay", type=float, default=0.0, help="seconds each answer takes")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ports = mp.Queue()
    server = mp.Process(target=serve, args=(args.delay, ports), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=10)}"
    print(f"{args.links} distinct links to one loopback host, {args.delay * 1000:.0f} ms per answer:")
    measure(base, args.links, args.repeat)
    measure(base, args.links, args.repeat, workers=16, per_host=16)
    measure(base, args.links, args.repeat, workers=32, per_host=32)
    measure(base, args.links, args.repeat, workers=1, per_host=1)
    server.terminate()
    server.join()


if __name__ == "__main__":
    main()
