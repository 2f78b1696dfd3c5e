"""URL checking through the service, and the SSRF guard behind it.

Only 127.0.0.1 ever receives traffic here: refusals of other private addresses happen before any
connection is made (a test asserts the refusal, not a connection error or a timeout).
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from servicekit import GOOD_PAGE, Server, page
from webaudit.service.fetch import Fetcher, Refused, check_addresses, check_url, is_public

pytest.importorskip("starlette")

JSON = {"Content-Type": "application/json"}


class Site(BaseHTTPRequestHandler):
    """A district site on 127.0.0.1: pages, redirects into the private network, errors."""

    routes: dict = {}
    seen: list = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.seen.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    Site.routes = {
        "/good.html": (200, html, GOOD_PAGE.encode()),
        "/bad.html": (200, html, page(images_without_alt=2).encode()),
        "/moved": (302, {"Location": "/bad.html"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.1/admin"}, b""),
        "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-ipv6-loopback": (307, {"Location": f"http://[::1]:{httpd.server_address[1]}/good.html"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big.html": (200, html, b"<p>" + b"x" * 300_000),
        "/junk": (200, {"Content-Type": "application/octet-stream"}, bytes(range(256)) * 8),
        "/gone": (410, {}, b"gone"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Fetching on; 127.0.0.1 (only) explicitly allowed, so the test site is reachable."""
    s = Server(tmp_path_factory.mktemp("fetch"),
               {"fetch": True, "allow_networks": ["127.0.0.1/32"], "max_bytes": 200_000, "timeout": 10.0}, workers=1)
    yield s
    s.stop()


def check_url_via(server, url):
    return httpx.post(server.url + "/v1/check", content=json.dumps({"url": url}), headers=JSON, timeout=20)


def test_fetches_and_checks_an_allowed_page(server, site):
    r = check_url_via(server, site + "/moved")
    assert r.status_code == 200, r.text
    img = [f for f in r.json()["findings"] if f["rule"] == "img-alt"]
    assert len(img) == 2 and all(f["url"] == site + "/bad.html" for f in img)  # the address after the redirect


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://127.0.0.2/", "http://0.0.0.0/", "http://[::1]/",
    "http://[fe80::1]/", "http://[fc00::1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
    "http://[2002:a00:1::]/", "http://224.0.0.1/", "http://0x0a000001/", "http://167772161/",  # 10.0.0.1 spelled oddly
])
def test_private_loopback_and_link_local_addresses_are_refused(server, url):
    started = time.monotonic()
    r = check_url_via(server, url)
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "url-refused"
    assert time.monotonic() - started < 5  # refused up front, not after a connection attempt


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-ipv6-loopback"])
def test_redirects_into_the_private_network_are_refused(server, site, path):
    r = check_url_via(server, site + path)
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "url-refused"


@pytest.mark.parametrize("url,code", [
    ("file:///etc/passwd", "url-refused"), ("ftp://127.0.0.1/", "url-refused"),
    ("http://user:secret@127.0.0.1/", "url-refused"), ("{site}/to-file", "url-refused"),
])
def test_only_plain_http_and_https_are_fetched(server, site, url, code):
    r = check_url_via(server, url.format(site=site))
    assert r.status_code in (400, 403), r.text
    assert r.json()["error"] in (code, "bad-url")


@pytest.mark.parametrize("path,status,code", [
    ("/gone", 502, "fetch-failed"), ("/loop", 502, "fetch-failed"), ("/big.html", 502, "fetch-failed"),
    ("/junk", 400, "wrong-content")])
def test_fetch_failures_are_clear(server, site, path, status, code):
    r = check_url_via(server, site + path)
    assert r.status_code == status, r.text
    assert r.json()["error"] == code


# -- the guard itself, in process ------------------------------------------------------------------------
def test_every_resolved_address_must_pass():
    assert check_addresses("www.example.org", ["93.184.216.34", "2606:2800:220:1::1"]) == [
        "93.184.216.34", "2606:2800:220:1::1"]
    with pytest.raises(Refused, match="10.0.0.1"):  # one private answer among public ones: refused
        check_addresses("rebind.example", ["93.184.216.34", "10.0.0.1"])
    allowed = [ipaddress.ip_network("10.20.0.0/16")]
    assert check_addresses("intranet", ["10.20.3.4"], allowed) == ["10.20.3.4"]
    with pytest.raises(Refused):
        check_addresses("intranet", ["10.21.3.4"], allowed)


@pytest.mark.parametrize("address,public", [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("10.1.2.3", False), ("127.0.0.1", False),
    ("169.254.1.1", False), ("100.64.0.1", False), ("::1", False), ("fe80::1", False), ("fec0::1", False),
    ("::ffff:127.0.0.1", False), ("64:ff9b::7f00:1", False), ("64:ff9b::808:808", False),  # NAT64: reserved
    ("2002:7f00:1::", False), ("2002:808:808::", True), ("255.255.255.255", False), ("0.0.0.0", False),
    ("ff02::1", False),
])
def test_is_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_fetch_domains_limit_the_hosts():
    check_url("https://www.lincoln.k12.example.us/news/", ["k12.example.us"])
    with pytest.raises(Refused, match="not one of the domains"):
        check_url("https://evil.example.com/", ["k12.example.us"])
    with pytest.raises(Refused):
        check_url("https://k12.example.us.evil.example.com/", ["k12.example.us"])


def test_loopback_is_refused_unless_allowed(site):
    """The default (nothing allowed) refuses even the machine itself; the test site sees no request."""
    async def fetch(allowed):
        fetcher = Fetcher(100_000, allowed=allowed)
        try:
            return await fetcher.fetch(site + "/good.html")
        finally:
            await fetcher.close()

    before = len(Site.seen)
    with pytest.raises(Refused):
        asyncio.run(fetch(()))
    assert len(Site.seen) == before
    got = asyncio.run(fetch([ipaddress.ip_network("127.0.0.1/32")]))
    assert got.body == GOOD_PAGE.encode() and len(Site.seen) == before + 1

