"""Load on the HTTP service: a client on loopback posting a generated 50 KB staff page.

    .venv/bin/python benchmarks/service.py [--latency-requests 1000] [--requests 10000] [--select RULES]

Starts `webaudit serve` on a free 127.0.0.1 port (access log off, one checker process per core),
then, from a load client of its own (prepared requests on asyncio keep-alive connections, one event
loop: about a tenth of httpx's CPU per request, which matters when client and service share 2 cores):

1. concurrency 8: client latency and the service's own Server-Timing figures, p50 and p99;
2. concurrency 32: `--requests` requests, counting every answer that is not a 200 as an error.

Each phase also prints the CPU time per request of the service process, the checker processes and
the client, read from /proc: figures that other load on the machine does not inflate much.

Figures, per request, in milliseconds:
  latency   what the client waited: sending, queueing, checking, answering
  total     the service, from the request's arrival to the answer (Server-Timing total)
  queue     waiting for a free checker process (Server-Timing queue)
  service   total - queue: what one request costs once a checker is free
  check     parsing and checking in the checker process (Server-Timing check)
  overhead  service - check: HTTP, body, hand-over to the checker and back

`--select img-alt` (any rule ids) runs a narrower rule set, to separate the service's own cost from
the cost of the checks.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

import httpx

WORDS = ("students families teachers district school board meeting calendar lunch menu bus route enrollment "
         "library science math reading art music field trip homework grade report conference volunteer safety "
         "policy schedule spring fall winter summer principal office").split()


def staff_page(size: int = 50_000, seed: int = 9) -> str:
    """A deterministic staff-directory page: navigation, headings, photos (a third without alt), tables
    of names and rooms, paragraphs with links, lists."""
    rnd = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize()

    nav = "".join(f'<li><a href="/{w}/">{w.title()}</a></li>\n' for w in WORDS[:12])
    parts = [f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             f'<title>Staff directory - Lincoln Elementary</title>\n<link rel="stylesheet" href="/css/site.css">\n'
             f'</head>\n<body>\n<header><a href="/"><img src="/img/logo.png" alt="Lincoln Elementary home"></a>\n'
             f'<nav><ul>\n{nav}</ul></nav></header>\n<main>\n<h1>Staff directory</h1>\n']
    size_so_far, i = len(parts[0]), 0
    while size_so_far < size - 100:
        i += 1
        if i % 5 == 0:
            block = f"<h2>{words(3)}</h2>\n"
        elif i % 5 == 1:
            alt = "" if i % 3 else f' alt="{words(5)}"'
            block = (f'<figure><img src="/img/staff/{i}.jpg"{alt} width="120" height="160">'
                     f"<figcaption>{words(4)}</figcaption></figure>\n")
        elif i % 5 == 2:
            rows = "".join(f"<tr><td>{words(2)}</td><td>Room {rnd.randint(100, 400)}</td>"
                           f'<td><a href="mailto:staff{i}x{r}@lincoln.example.org">Email</a></td></tr>\n'
                           for r in range(6))
            block = f"<table>\n<tr><th>Name</th><th>Room</th><th>Contact</th></tr>\n{rows}</table>\n"
        elif i % 5 == 3:
            block = f'<p>{words(30)}. <a href="/news/{i}.html">{words(3)}</a> {words(20)}.</p>\n'
        else:
            block = "<ul>" + "".join(f"<li>{words(8)}</li>" for _ in range(5)) + "</ul>\n"
        parts.append(block)
        size_so_far += len(block)
    parts.append("</main>\n<footer><p>Lincoln Elementary School</p></footer>\n</body>\n</html>\n")
    return "".join(parts)


def start_server(workers: int | None) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tempfile.mkdtemp(prefix="webaudit-bench-")
    log = os.path.join(folder, "serve.log")
    cmd = [sys.executable, "-m", "webaudit", "serve", "--port", str(port), "--no-access-log"]
    if workers:
        cmd += ["--workers", str(workers)]
    with open(log, "wb") as out:  # run in an empty folder: the built-in configuration
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, port
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    sys.exit(f"the service did not start; see {log}")


def cpu_seconds(root: int) -> tuple[float, float]:
    """CPU time used so far by the service process, and by its descendants (the fork server and the
    checker processes), from /proc: a figure the machine's other load does not inflate much."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, used = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(entry)] = int(fields[1])
            used[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    descendants, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - descendants
        descendants |= frontier
    return used.get(root, 0.0), sum(used.get(pid, 0.0) for pid in descendants)


def timing(header: str) -> dict[str, float]:
    out = {}
    for part in header.split(","):
        name, _, dur = part.strip().partition(";dur=")
        out[name] = float(dur)
    return out


class Connection:
    """One keep-alive HTTP/1.1 connection that posts the same prepared request again and again.

    A load generator's client should cost next to nothing: on a 2-core machine it shares the CPU with
    the service. This one costs a tenth of a general-purpose client (httpx) per request, since it
    only writes prepared bytes and reads a Content-Length answer (what the service always sends)."""

    def __init__(self, port: int, request: bytes):
        self.port, self.request = port, request
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self) -> tuple[int, dict[str, str]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        try:
            self.writer.write(self.request)
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
            await self.reader.readexactly(int(headers["content-length"]))
        except (OSError, asyncio.IncompleteReadError, KeyError, ValueError):
            self.close()
            raise
        if headers.get("connection") == "close":
            self.close()
        return int(head[0].split(" ", 2)[1]), headers

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def prepared_request(port: int, body: bytes, params: dict) -> bytes:
    head = (f"POST /v1/check?{urlencode(params)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def load(port: int, request: bytes, requests: int, concurrency: int) -> tuple[list, int, float]:
    """(per-request [latency, total, queue, check] for the 200s, errors, seconds)."""
    samples: list[list[float]] = []
    errors = 0
    next_request = 0

    async def client_loop() -> None:
        nonlocal errors, next_request
        connection = Connection(port, request)
        while next_request < requests:
            next_request += 1
            started = time.perf_counter()
            try:
                status, headers = await connection.post()
            except (OSError, asyncio.IncompleteReadError, KeyError, ValueError):
                errors += 1
                continue
            latency = (time.perf_counter() - started) * 1000
            if status != 200:
                errors += 1
                continue
            t = timing(headers["server-timing"])
            samples.append([latency, t["total"], t["queue"], t["check"]])
        connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    return samples, errors, time.perf_counter() - started


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def report(samples: list[list[float]]) -> None:
    columns = {
        "latency": [s[0] for s in samples],
        "total": [s[1] for s in samples],
        "queue": [s[2] for s in samples],
        "service": [s[1] - s[2] for s in samples],
        "check": [s[3] for s in samples],
        "overhead": [s[1] - s[2] - s[3] for s in samples],
    }
    print(f"  {'ms':10}" + "".join(f"{name:>10}" for name in columns))
    for p in (50, 99):
        print(f"  {'p%d' % p:10}" + "".join(f"{pct(v, p):10.2f}" for v in columns.values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--latency-requests", type=int, default=1000, help="requests at concurrency 8")
    ap.add_argument("--requests", type=int, default=10_000, help="requests at concurrency 32")
    ap.add_argument("--select", default="", help="rule ids to run (default: the whole suite)")
    ap.add_argument("--workers", type=int, default=None, help="checker processes (default: one per core)")
    args = ap.parse_args()

    page = staff_page().encode()
    params = {"url": "https://lincoln.example.org/staff/", **({"select": args.select} if args.select else {})}
    proc, port = start_server(args.workers)
    url = f"http://127.0.0.1:{port}"
    try:
        health = httpx.get(url + "/healthz").json()
        rules = httpx.get(url + "/v1/rules").json()["rules"]
        first = httpx.post(url + "/v1/check", content=page, params=params, headers={"Content-Type": "text/html"})
        print(f"webaudit {health['webaudit']} service on {url}: {health['workers']} checker processes, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        print(f"page: {len(page)} bytes, {len(first.json()['findings'])} findings; rules: "
              f"{args.select or f'all {len(rules)} registered'}")
        request = prepared_request(port, page, params)
        asyncio.run(load(port, request, 50, 8))  # warm-up

        for concurrency, requests in ((8, args.latency_requests), (32, args.requests)):
            cpu_before, client_before = cpu_seconds(proc.pid), time.process_time()
            samples, errors, seconds = asyncio.run(load(port, request, requests, concurrency))
            loop_cpu, checker_cpu = (after - before for after, before in zip(cpu_seconds(proc.pid), cpu_before))
            client_cpu = time.process_time() - client_before
            print(f"\nconcurrency {concurrency}: {requests} requests in {seconds:.1f} s ({requests / seconds:.0f}/s), "
                  f"{errors} errors")
            print(f"  CPU per request: service process {loop_cpu / requests * 1000:.2f} ms, checker processes "
                  f"{checker_cpu / requests * 1000:.2f} ms, load client {client_cpu / requests * 1000:.2f} ms")
            report(samples)
        print(f"\nload average at end {os.getloadavg()[0]:.1f}")
    finally:
        proc.terminate()
        proc.wait(20)


if __name__ == "__main__":
    main()
