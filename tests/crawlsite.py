"""A generated district site served on 127.0.0.1 for the crawl tests (a real HTTP server, no mocks).

`district_site()` builds the pages: a home page, four schools of 60 pages each, orphan pages only the
sitemap knows, PDFs, a GIF without alt text on some pages, a caption track, a robots.txt that keeps
crawlers out of /private/, a sitemap index pointing at a gzip sitemap and a plain one, redirects (one
to a page, a loop), 404s, binary junk served as HTML, a response too big to check, a slow page, and a
calendar that links to the next month forever (a crawl trap).

`serve(site)` runs it on a ThreadingHTTPServer on port 0: every response carries an ETag and a
Last-Modified (unless the page says not to) and answers conditional requests with 304; every
request is counted, so tests can prove what the crawler asked for.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

BASE_TIME = 1_700_000_000  # Last-Modified of every page until it is edited
SCHOOLS = 4
PAGES_PER_SCHOOL = 60
ORPHANS = 5


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict = field(default_factory=dict)
    modified: int = BASE_TIME
    validators: bool = True  # send ETag and Last-Modified
    in_sitemap: bool = False


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    # path -> handler(request, site) for behaviour a static page cannot have (trap, 429, slow)
    dynamic: dict[str, Callable] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)  # (method, path?query) -> requests
    answers: Counter = field(default_factory=Counter)  # (path?query, status) -> responses
    times: list = field(default_factory=list)  # (monotonic time, path?query) of every request
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""  # http://127.0.0.1:PORT once served

    def edit(self, path: str, text: str) -> None:
        """Change a page as a CMS would: new content, a later Last-Modified (and sitemap lastmod)."""
        page = self.pages[path]
        page.body = page.body.replace(b"</main>", text.encode() + b"</main>")
        page.modified += 3600

    def gets(self, path: str) -> int:
        return self.hits[("GET", path)]

    def answered(self, path: str, status: int) -> int:
        return self.answers[(path, status)]

    def reset_counts(self) -> None:
        with self.lock:
            self.hits.clear()
            self.answers.clear()
            self.times.clear()


def html_page(title: str, body: str, lang: str = "en") -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="Web Team"></head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n'
            f"</main>\n</body>\n</html>\n").encode()


_FIRST = ("art", "band", "bus", "lunch", "library", "sports", "science", "music")
_SECOND = ("news", "team", "rules", "forms", "events", "staff", "clubs", "notes")


def slug(j: int) -> str:
    """Page names are words, as on a real site (numbered names would look like a crawl trap)."""
    return f"{_FIRST[j // len(_SECOND)]}-{_SECOND[j % len(_SECOND)]}"


def school_page(s: int, j: int) -> bytes:
    links = [f'<a href="/schools/s{s}/">School {s} home</a>', '<a href="/">District home</a>']
    if j > 0:
        links.append(f'<a href="{slug(j - 1)}.html">Previous page</a>')
    if j + 1 < PAGES_PER_SCHOOL:
        # the same page spelled three ways: relative, with a fragment, with a tracking parameter
        links.append(f'<a href="{slug(j + 1)}.html">Next page</a>')
        links.append(f'<a href="./{slug(j + 1)}.html#top">Next page, top</a>')
        links.append(f'<a href="/schools/s{s}/{slug(j + 1)}.html?utm_source=newsletter">Next page, newsletter</a>')
    body = "<p>Welcome to our school. " + "Lorem ipsum dolor sit amet. " * 5 + "</p>\n" + "\n".join(
        f"<p>{a}</p>" for a in links)
    if j % 10 == 3:
        body += '\n<p><img src="/img/mascot.gif"></p>'  # no alt: an img-alt finding
    else:
        body += '\n<p><img src="/img/mascot.gif" alt="Our mascot, a green owl"></p>'
    if j == 5:
        body += f'\n<p><a href="/docs/s{s}-handbook.pdf">Student handbook (PDF)</a></p>'
    if s == 0 and j == 7:
        body += ('\n<video controls src="/media/intro.webm"><track kind="captions" srclang="en" '
                 'src="/captions/intro.vtt"></video>')
    return html_page(f"School {s} page {j}", body)


def tiny_pdf(title: str) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.add_metadata({"/Title": title})
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def tiny_gif() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 128, 0)).save(buf, "GIF")
    return buf.getvalue()


def district_site(external: str = "http://127.0.0.1:9") -> Site:
    """The generated district site; `external` is another server's base URL (links there are external)."""
    site = Site()
    p = site.pages
    home_links = [f'<li><a href="/schools/s{s}/">School {s}</a></li>' for s in range(SCHOOLS)]
    home_links += [
        '<li><a href="/news/">News</a></li>',
        '<li><a href="/calendar?month=2024-01">Calendar</a></li>',
        '<li><a href="/private/staff.html">Staff only</a></li>',
        '<li><a href="/old-page">Old page</a></li>',
        '<li><a href="/loop-a">Loop</a></li>',
        '<li><a href="/missing.html">Missing page</a></li>',
        '<li><a href="/junk.html">Junk</a></li>',
        '<li><a href="/big.html">Big page</a></li>',
        '<li><a href="/slow.html">Slow page</a></li>',
        '<li><a href="/forms/enrollment.docx">Enrollment form (Word)</a></li>',
        f'<li><a href="{external}/ok">Partner site (external link)</a></li>',
        f'<li><a href="{external}/gone">Old partner page (external link)</a></li>',
        '<li><a href="HTTP://127.0.0.1:{PORT}/about/#contact">About us</a></li>',
        '<li><a href="/about/#nowhere">Directions</a></li>',
    ]
    p["/"] = Page(html_page("Lincoln County Schools", "<ul>" + "\n".join(home_links) + "</ul>"), in_sitemap=True)
    p["/about/"] = Page(html_page("About us", '<p id="contact">Call us.</p><p><a href="/">Home</a></p>'))
    p["/news/"] = Page(html_page("News", '<p>No news.</p><p><a href="/about/">About</a></p>'), validators=False)
    p["/private/staff.html"] = Page(html_page("Staff", "<p>Private.</p>"))
    p["/old-page"] = Page(b"", status=301, headers={"Location": "/about/"})
    p["/loop-a"] = Page(b"", status=302, headers={"Location": "/loop-b"})
    p["/loop-b"] = Page(b"", status=302, headers={"Location": "/loop-a"})
    p["/junk.html"] = Page(bytes(range(256)) * 64)
    p["/big.html"] = Page(html_page("Big", "<p>" + "x" * (3 * 2**20) + "</p>"))
    p["/forms/enrollment.docx"] = Page(b"PK\x03\x04 not really a docx", content_type="application/octet-stream")
    p["/img/mascot.gif"] = Page(tiny_gif(), content_type="image/gif")
    p["/captions/intro.vtt"] = Page(b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to School 0.\n",
                                    content_type="text/vtt")
    p["/media/intro.webm"] = Page(b"", status=404)
    for s in range(SCHOOLS):
        index = "".join(f'<li><a href="{slug(j)}.html">Page {j}</a></li>' for j in range(PAGES_PER_SCHOOL))
        p[f"/schools/s{s}/"] = Page(html_page(f"School {s}", f"<ul>{index}</ul>"), in_sitemap=s < 2)
        for j in range(PAGES_PER_SCHOOL):
            p[f"/schools/s{s}/{slug(j)}.html"] = Page(school_page(s, j), in_sitemap=s < 2)
        p[f"/docs/s{s}-handbook.pdf"] = Page(tiny_pdf(f"School {s} handbook"), content_type="application/pdf",
                                             in_sitemap=True)
    for k in range(ORPHANS):
        p[f"/orphans/o{k}.html"] = Page(html_page(f"Orphan {k}", "<p>Only the sitemap links here.</p>"),
                                        in_sitemap=True)
    site.dynamic["/calendar"] = _calendar
    site.dynamic["/slow.html"] = _slow
    site.dynamic["/robots.txt"] = lambda req, site: _text(
        "User-agent: *\nDisallow: /private/\n\nSitemap: " + site.base + "/sitemap_index.xml\n")
    site.dynamic["/sitemap_index.xml"] = lambda req, site: _xml(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/sitemap-pages.xml.gz</loc></sitemap>"
        f"<sitemap><loc>{site.base}/sitemap-missing.xml</loc></sitemap>"
        "</sitemapindex>")
    site.dynamic["/sitemap-pages.xml.gz"] = _sitemap_gz
    return site


def _text(s: str, ctype: str = "text/plain; charset=utf-8"):
    return 200, {"Content-Type": ctype}, s.encode()


def _xml(s: str):
    return _text('<?xml version="1.0" encoding="UTF-8"?>\n' + s, "application/xml")


def _sitemap_gz(req, site: Site):
    entries = "".join(
        f"<url><loc>{site.base}{path}</loc><lastmod>{time.strftime('%Y-%m-%dT%H:%M:%S+00:00', time.gmtime(pg.modified))}"
        "</lastmod></url>" for path, pg in sorted(site.pages.items()) if pg.in_sitemap)
    body = gzip.compress(('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                          f'sitemap/0.9">{entries}</urlset>').encode())
    return 200, {"Content-Type": "application/gzip"}, body


def _calendar(req, site: Site):
    month = parse_qs(urlsplit(req.path).query).get("month", ["2024-01"])[0]
    year, mon = (int(x) for x in month.split("-"))
    nxt = f"{year + (mon == 12)}-{mon % 12 + 1:02d}"
    return 200, {"Content-Type": "text/html"}, html_page(f"Calendar {month}",
                                                         f'<a href="/calendar?month={nxt}">Next month</a>')


def _slow(req, site: Site):
    time.sleep(1.5)
    return 200, {"Content-Type": "text/html"}, html_page("Slow", "<p>Finally.</p>")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stalls
    site: Site

    def log_message(self, *args):  # quiet
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool):
        site = self.site
        parts = urlsplit(self.path)
        key = parts.path + (f"?{parts.query}" if parts.query else "")
        with site.lock:
            site.hits[(self.command, key)] += 1
            site.times.append((time.monotonic(), key))
        if parts.path in site.dynamic:
            status, headers, body = site.dynamic[parts.path](self, site)
            validators = False
        elif parts.path in site.pages:
            page = site.pages[parts.path]
            status, body, validators = page.status, page.body, page.validators and page.status == 200
            headers = {"Content-Type": page.content_type, **page.headers}
            if validators:
                headers["ETag"] = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
                headers["Last-Modified"] = formatdate(page.modified, usegmt=True)
                if self._not_modified(headers["ETag"], page.modified):
                    status, body = 304, b""
        else:
            status, headers, body = 404, {"Content-Type": "text/html"}, html_page("Not found", "<p>Gone.</p>")
        body = body.replace(b"{PORT}", str(self.server.server_address[1]).encode())
        with site.lock:
            site.answers[(key, status)] += 1
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # a client that stopped reading (size limit)
                pass

    def _not_modified(self, etag: str, modified: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")]
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return parsedate_to_datetime(ims).timestamp() >= modified
            except (TypeError, ValueError):
                return False
        return False


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a crawler hanging up early is expected
        pass


class Server:
    """A site served on 127.0.0.1 in background threads; `with Server(site) as server: server.base ...`."""

    def __init__(self, site: Site):
        handler = type("Handler", (_Handler,), {"site": site})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.site = site
        self.base = site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
