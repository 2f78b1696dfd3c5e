"""Crawl throughput, re-crawl speed-up and peak memory on a generated 10,000-page district site.

    python benchmarks/crawl.py [--pages 10000] [--jobs 2] [--linkchecker PATH] [--skip-ceiling]

A deterministic generator serves a district on 127.0.0.1, from a process of its own (so that it does
not compete with the crawler for the GIL): 20 schools of ten sections each, ~25 KB pages with
navigation, sibling links, paragraphs, photos with and without alt text, some tables, a PDF and a logo
per school, a few external links (to a second port, so they are checked and never crawled), a
robots.txt, and a sitemap index pointing at one gzip sitemap per school with <lastmod>. Every page
has an ETag and a Last-Modified and answers conditional requests with 304.

Each crawl runs `webaudit crawl` as a subprocess (as a user would), timed from start to exit; the
peak memory is the largest sum of resident memory over the crawler and its worker processes,
sampled every 0.1 s. Wall-clock figures depend on what else the machine runs, so each line also
gives the CPU time the crawl and the server used, per URL, and the rate that CPU cost allows on
this machine's cores when nothing else runs. Prints, for:
  1. the first crawl with every check (fresh store),
  2. the unchanged re-crawl (sitemap lastmod, conditional GETs, stored findings reused),
  3. a re-crawl after 1% of the pages were edited,
  4. the unchanged re-crawl without sitemap lastmod (conditional GETs alone),
  5. the first crawl with one cheap check (img-alt): the crawler's own ceiling, apart from the checks,
  6. linkchecker (PyPI) crawling the same site, as the reference, when --linkchecker or PATH has it
     (install it in a throwaway virtualenv outside the project: python3 -m venv V && V/bin/pip install
     linkchecker). It is given 16 threads and allowed 1,000 requests/s (its default is 10 per host).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCHOOLS = 20
SECTIONS = ("news", "calendar-notes", "staff", "academics", "athletics", "arts", "library", "counseling",
            "nutrition", "parents")
WORDS = ("owl", "maple", "river", "summit", "harbor", "cedar", "meadow", "falcon", "prairie", "canyon", "willow",
         "aspen", "lantern", "compass", "orchard", "granite", "juniper", "beacon", "heron", "sparrow", "birch",
         "quarry", "thistle", "clover", "ember")
TEXT = ("Students in our classrooms explore reading, science and mathematics through projects that connect "
        "with the community. Families are welcome to join assemblies, conferences and volunteer events "
        "throughout the semester. The library offers homework help after school, and the counseling team "
        "supports every learner with schedules, clubs and college planning. Lunch menus, bus routes and "
        "field trip forms are posted each week; please contact the front office with any questions.")
BASE_TIME = 1_700_000_000
# what a CMS puts in every page's head: theme styles and a script or two (parsed, never run)
HEAD_EXTRAS = ("<style>" + "".join(f".block-{i} {{ margin: {i}px; padding: 0 {i}px; color: #333; }} " for i in range(60))
               + "</style><script>" + "".join(f"window.cfg{i} = {{id: {i}, lazy: true}}; " for i in range(60))
               + "</script>")


def slugs() -> list[str]:
    return [f"{a}-{b}" for a in WORDS for b in WORDS if a != b]


class District:
    """The site as a function of (page number, version): nothing is stored but the versions."""

    def __init__(self, pages: int, external: str):
        self.per_section = max(1, -(-(pages - 1 - SCHOOLS * (1 + len(SECTIONS))) // (SCHOOLS * len(SECTIONS))))
        self.names = slugs()[: self.per_section]
        self.external = external
        self.version: dict[str, int] = {}
        self.paragraphs = [f"<p>{TEXT[i % 97:] + ' ' + TEXT[: i % 97]}</p>" for i in range(50)]
        self.nav = {s: self._nav(s) for s in range(SCHOOLS)}
        self.pdf = {s: text_pdf(f"School {s} handbook", [f"Handbook of school {s}", TEXT[:80]]) for s in range(SCHOOLS)}
        self.png = tiny_png()
        quick = "".join(f'<li><a href="/schools/s{s:02d}/">School {s}</a></li>' for s in range(SCHOOLS))
        self.footer = (f'<footer class="site-footer"><nav aria-label="Schools"><ul>{quick}</ul></nav>'
                       "<p>Lincoln County Schools, 100 Main Street. Phone 555-0100.</p></footer>")

    def paths(self):
        yield "/"
        for s in range(SCHOOLS):
            yield f"/schools/s{s:02d}/"
            for sec in SECTIONS:
                yield f"/schools/s{s:02d}/{sec}/"
                for name in self.names:
                    yield f"/schools/s{s:02d}/{sec}/{name}.html"

    def _nav(self, s: int) -> str:
        """A CMS mega-menu: every section with five featured pages, as school sites have."""
        items = "".join(
            f'<li class="menu-item has-children"><a href="/schools/s{s:02d}/{sec}/">{sec.replace("-", " ").title()}'
            f'</a><ul class="sub-menu">' + "".join(
                f'<li class="menu-item"><a href="/schools/s{s:02d}/{sec}/{n}.html">{n.replace("-", " ").title()}'
                f"</a></li>" for n in self.names[:5]) + "</ul></li>" for sec in SECTIONS)
        return (f'<header class="site-header"><a class="logo" href="/schools/s{s:02d}/"><img src="/img/s{s:02d}-logo.png"'
                f' alt="School {s} home"></a><nav class="main-navigation" aria-label="Main"><ul class="menu">'
                f'<li class="menu-item"><a href="/">District</a></li>{items}</ul></nav></header>')

    def modified(self, path: str) -> int:
        return BASE_TIME + 3600 * self.version.get(path, 0)

    def page(self, path: str) -> bytes | None:
        parts = path.strip("/").split("/")
        if path == "/":
            body = "<ul>" + "".join(f'<li><a href="/schools/s{s:02d}/">School {s}</a></li>' for s in range(SCHOOLS)) + \
                   "</ul>"
            return self._html("Lincoln County Schools", "", body)
        if len(parts) < 2 or not parts[1].startswith("s") or not parts[1][1:].isdigit():
            return None
        s = int(parts[1][1:])
        if s >= SCHOOLS:
            return None
        if len(parts) == 2:
            body = "<ul>" + "".join(f'<li><a href="{sec}/">{sec}</a></li>' for sec in SECTIONS) + "</ul>" + \
                   f'<p><a href="/docs/s{s:02d}-handbook.pdf">Handbook (PDF)</a></p>'
            return self._html(f"School {s}", self.nav[s], body)
        sec = parts[2]
        if sec not in SECTIONS:
            return None
        if len(parts) == 3:
            body = "<ul>" + "".join(f'<li><a href="{n}.html">{n.replace("-", " ").title()}</a></li>'
                                    for n in self.names) + "</ul>"
            return self._html(f"School {s} {sec}", self.nav[s], body)
        name = parts[3].removesuffix(".html")
        if name not in self.names:
            return None
        j = self.names.index(name)
        k = s * 7919 + SECTIONS.index(sec) * 131 + j
        siblings = "".join(f'<li><a href="{self.names[(j + d) % len(self.names)]}.html">'
                           f'{self.names[(j + d) % len(self.names)].replace("-", " ").title()}</a></li>'
                           for d in range(1, 11))
        content = [f"<h2>{name.replace('-', ' ').title()}</h2>"]
        content += [self.paragraphs[(k + i) % 50] for i in range(14 + k % 10)]
        content.append(f'<p><img src="/img/s{s:02d}-logo.png"{"" if k % 9 == 0 else " alt=" + chr(34) + "Photo" + chr(34)}>'
                       "</p>")
        if k % 5 == 0:
            rows = "".join(f"<tr><td>{w}</td><td>{i}:00</td><td>Room {i}</td></tr>" for i, w in enumerate(WORDS[:8]))
            content.append(f"<table><tr><th>Activity</th><th>Time</th><th>Room</th></tr>{rows}</table>")
        if k % 13 == 0:
            content.append(f'<p><a href="{self.external}/partner/{k % 50}">Partner resources (external link)</a></p>')
        if self.version.get(path):
            content.append(f"<p>Updated notice, version {self.version[path]}.</p>")
        aside = f'<aside><h2>More in {sec}</h2><ul>{siblings}</ul></aside>'
        return self._html(f"{name.replace('-', ' ').title()} - School {s}", self.nav[s], "".join(content) + aside)

    def _html(self, title: str, nav: str, main: str) -> bytes:
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                f'<meta name="author" content="Web Team">{HEAD_EXTRAS}</head><body>{nav}<main><h1>{title}</h1>'
                f"{main}</main>{self.footer}</body></html>").encode()

    def sitemap(self, s: int, base: str) -> bytes:
        prefix = f"/schools/s{s:02d}/"
        urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>{_iso(self.modified(p))}</lastmod></url>"
                       for p in self.paths() if p.startswith(prefix))
        return gzip.compress(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
                             f'schemas/sitemap/0.9">{urls}</urlset>'.encode(), 1)

    def edit(self, fraction: float) -> int:
        pages = [p for p in self.paths() if p.endswith(".html")]
        step = max(1, round(1 / fraction))
        for p in pages[::step]:
            self.version[p] = self.version.get(p, 0) + 1
        return len(pages[::step])


def _iso(t: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(t))


def text_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with real text (so no check needs OCR), written by hand."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 12 Tf 50 750 Td 14 TL " + " ".join(f"({esc(x)}) '" for x in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream", f"<< /Title ({esc(title)}) >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 90, 40)).save(buf, "PNG")
    return buf.getvalue()


# -- the server process ---------------------------------------------------------------------------------------
class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client hanging up (a size limit, the end) is fine
        pass


def serve(pages: int, ports) -> None:
    partner = Server(("127.0.0.1", 0), _partner_handler())
    site = District(pages, f"http://127.0.0.1:{partner.server_port}")
    stats = {"requests": 0, "bodies": 0, "not_modified": 0, "bytes": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path.startswith("/__"):
                return self._control(path)
            base = f"http://127.0.0.1:{self.server.server_port}"
            ctype, body, modified = "text/html; charset=utf-8", None, BASE_TIME
            if path == "/robots.txt":
                ctype, body = "text/plain", f"User-agent: *\nDisallow: /admin/\nSitemap: {base}/sitemap.xml\n".encode()
            elif path == "/sitemap.xml":
                ctype = "application/xml"
                body = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                        'sitemap/0.9">' + "".join(f"<sitemap><loc>{base}/sitemaps/s{s:02d}.xml.gz</loc></sitemap>"
                                                  for s in range(SCHOOLS)) + "</sitemapindex>").encode()
            elif path.startswith("/sitemaps/s"):
                ctype, body = "application/gzip", site.sitemap(int(path[11:13]), base)
            elif path.startswith("/img/"):
                ctype, body = "image/png", site.png
            elif path.startswith("/docs/s"):
                ctype, body = "application/pdf", site.pdf.get(int(path[7:9]), b"")
            else:
                body, modified = site.page(path), site.modified(path)
            if not body:
                return self._send(404, "text/html", b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>")
            etag = '"%x-%d"' % (zlib.crc32(path.encode()), site.version.get(path, 0))
            headers = {"ETag": etag, "Last-Modified": formatdate(modified, usegmt=True)}
            if self.headers.get("If-None-Match") == etag:
                with lock:
                    stats["not_modified"] += 1
                return self._send(304, ctype, b"", headers)
            self._send(200, ctype, body, headers)

        def do_HEAD(self):
            self._send(200, "text/html", b"")

        def _control(self, path):
            if path == "/__edit":
                n = site.edit(0.01)
                return self._send(200, "application/json", json.dumps({"edited": n}).encode())
            if path == "/__reset":
                with lock:
                    stats.update(dict.fromkeys(stats, 0))
            return self._send(200, "application/json", json.dumps(stats).encode())

        def _send(self, status, ctype, body, headers=None):
            if not self.path.startswith("/__"):
                with lock:
                    stats["requests"] += 1
                    stats["bodies"] += status == 200 and bool(body)
                    stats["bytes"] += len(body)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("LinkChecker", "unthrottled")  # lets linkchecker go over 10 requests/s
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=partner.serve_forever, daemon=True).start()
    ports.put((server.server_port, sum(1 for _ in site.paths())))
    server.serve_forever()


def _partner_handler():
    class Partner(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.send_response(404 if self.path.endswith("7") else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

    return Partner


# -- measuring ------------------------------------------------------------------------------------------------
def tree(pid: int) -> dict[int, tuple[int, float]]:
    """Resident bytes and CPU seconds of a process and each of its descendants, by pid."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, stack = {}, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                rss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
            out[p] = (rss, process_cpu(p))
        except (OSError, StopIteration):
            pass
    return out


def timed(cmd: list[str]) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak resident bytes, stdout) of a command and all its processes, sampled
    every 0.1 s (a process's CPU time after its last sample is not counted: a little under)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, cpu = 0, {}
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()
    while proc.poll() is None:
        now = tree(proc.pid)
        peak = max(peak, sum(rss for rss, _ in now.values()))
        cpu.update({p: c for p, (_, c) in now.items()})
        time.sleep(0.1)
    reader.join(5)
    return time.perf_counter() - start, sum(cpu.values()), peak, "".join(out)


def process_cpu(pid: int) -> float:
    """CPU seconds a running process has used."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def control(base: str, what: str) -> dict:
    with urllib.request.urlopen(f"{base}/__{what}") as r:
        return json.loads(r.read())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--linkchecker", default=shutil.which("linkchecker"), help="a linkchecker executable")
    ap.add_argument("--skip-ceiling", action="store_true", help="skip the one-check run")
    args = ap.parse_args()

    ports = mp.get_context("spawn").Queue()
    server = mp.get_context("spawn").Process(target=serve, args=(args.pages, ports), daemon=True)
    server.start()
    port, n = ports.get(timeout=60)
    base = f"http://127.0.0.1:{port}"
    work = tempfile.mkdtemp(prefix="webaudit-crawl-bench-")
    db = os.path.join(work, "results.sqlite")

    def config(**crawl) -> str:
        path = os.path.join(work, f"config-{len(os.listdir(work))}.toml")
        table = {"max_pages": 50_000, **crawl}
        with open(path, "w") as f:
            f.write("[crawl]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in table.items()))
        return path

    def crawl(title: str, db: str, conf: str, *extra: str) -> float:
        control(base, "reset")
        cmd = [sys.executable, "-m", "webaudit", "crawl", base + "/", "--db", db, "--config", conf,
               "-j", str(args.jobs), "--no-progress", *extra]
        server_before = process_cpu(server.pid)
        seconds, cpu, peak, out = timed(cmd)
        server_cpu = process_cpu(server.pid) - server_before
        served = control(base, "stats")
        pages = next((int(w) for line in out.splitlines() if line.startswith(("Crawled", "Resumed"))
                      for w in [line.split(": ", 1)[1].split()[0]]), 0)
        print(f"{title:<44} {seconds:7.1f} s  {pages / seconds:7.0f} URLs/s  peak {peak / 2**20:5.0f} MB  "
              f"server: {served['requests']} requests, {served['bodies']} bodies, {served['not_modified']} x 304")
        per_url = (cpu + server_cpu) / max(pages, 1)
        print(f"    CPU: crawler and its workers {cpu:.1f} s, server {server_cpu:.1f} s = {per_url * 1000:.2f} ms per URL"
              f" -> {os.cpu_count() / per_url:.0f} URLs/s if the {os.cpu_count()} CPUs were ours alone")
        for line in out.splitlines():
            if line.startswith(("  ", "Findings")) and "note:" not in line:
                print("    " + line.strip())
        if not pages:
            print(out)
        return seconds

    print(f"site: {n} HTML pages + {SCHOOLS} PDFs + {SCHOOLS} images on {base}; {args.jobs} worker processes, "
          f"{os.cpu_count()} CPUs\n")
    first = crawl("1. first crawl, every check", db, config())
    again = crawl("2. unchanged re-crawl", db, config())
    print(f"    speed-up: {first / again:.1f}x")
    print(f"    edited: {control(base, 'edit')['edited']} pages")
    edited = crawl("3. re-crawl after 1% of pages edited", db, config())
    print(f"    speed-up: {first / edited:.1f}x")
    conditional = crawl("4. unchanged, conditional GETs only", db, config(trust_lastmod=False))
    print(f"    speed-up: {first / conditional:.1f}x")
    if not args.skip_ceiling:
        crawl("5. first crawl, one cheap check (img-alt)", os.path.join(work, "ceiling.sqlite"), config(),
              "--select", "img-alt")
    if args.linkchecker:
        control(base, "reset")
        rc = os.path.join(work, "linkcheckerrc")  # its own default is 10 requests/s per host
        with open(rc, "w") as f:
            f.write("[checking]\nmaxrequestspersecond=1000\nthreads=16\n")
        server_before = process_cpu(server.pid)
        seconds, cpu, peak, out = timed([args.linkchecker, "-f", rc, "--no-status", "--check-extern", "-o", "none",
                                         base + "/"])
        server_cpu = process_cpu(server.pid) - server_before
        served = control(base, "stats")
        print(f"{'6. linkchecker (reference)':<44} {seconds:7.1f} s  {served['requests'] / seconds:7.0f} req/s   "
              f"peak {peak / 2**20:5.0f} MB  server: {served['requests']} requests, {served['bodies']} bodies")
        per_url = (cpu + server_cpu) / max(served["requests"], 1)
        print(f"    CPU: linkchecker {cpu:.1f} s, server {server_cpu:.1f} s = {per_url * 1000:.2f} ms per URL "
              f"-> {os.cpu_count() / per_url:.0f} URLs/s if the {os.cpu_count()} CPUs were ours alone")
    else:
        print("6. linkchecker: not found (pass --linkchecker PATH)")
    server.terminate()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
