"""The crawl's parts on their own: URL normalisation, scope, trap bounds, sitemaps, settings, the
per-host gate."""
from __future__ import annotations

import gzip
import time

import pytest

from webaudit.config import ConfigError, from_mapping
from webaudit.politeness import HostGate, Settings
from webaudit.sitemaps import lastmod_time, parse, unchanged
from webaudit.urls import Scope, TrapGuard, normalize, pattern_of


@pytest.mark.parametrize("raw,expected", [
    ("HTTP://Lincoln.Example.ORG:80/a/./b/../c.html#top", "http://lincoln.example.org/a/c.html"),
    ("https://example.org:443", "https://example.org/"),
    ("https://example.org:8443/x", "https://example.org:8443/x"),
    ("https://user:pw@example.org/x", "https://example.org/x"),
    ("https://example.org./x", "https://example.org/x"),
    ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
    ("https://example.org/%7euser/%2f/a%20b c", "https://example.org/~user/%2F/a%20b%20c"),
    ("https://example.org/p?b=2&a=1&utm_source=mail&PHPSESSID=abc", "https://example.org/p?a=1&b=2"),
    ("https://example.org/p;jsessionid=0A1B?x=1", "https://example.org/p?x=1"),
    ("https://example.org/p?", "https://example.org/p"),
    ("https://example.org/../../a", "https://example.org/a"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["mailto:office@example.org", "javascript:void(0)", "ftp://example.org/",
                                 "https://example.org:99999/", "https:///nohost", "tel:+15551234"])
def test_normalize_refuses_what_cannot_be_crawled(raw):
    assert normalize(raw) is None


def test_normalize_resolves_relative_links():
    assert normalize("../b/c.html?x=1#f", "https://example.org/a/d/e.html") == "https://example.org/a/b/c.html?x=1"


def test_scope_start_hosts_district_domains_and_patterns():
    scope = Scope(["https://district.example.org/"], ["k12.example.net"], include=[r"/schools/", r"^https://district"],
                  exclude=[r"/calendar/", r"\?print=1"])
    assert scope.is_internal("https://district.example.org/x")
    assert not scope.is_internal("https://other.example.org/x")
    assert not scope.is_internal("https://district.example.org:8080/x")  # another port is another site
    assert scope.is_internal("https://lincoln.k12.example.net/x") and scope.is_internal("https://k12.example.net/")
    assert not scope.is_internal("https://notk12.example.net/")
    assert scope.contains("https://lincoln.k12.example.net/schools/a")
    assert scope.excluded_by("https://district.example.org/schools/calendar/") == "matches --exclude '/calendar/'"
    assert scope.excluded_by("https://lincoln.k12.example.net/about") == "matches no --include pattern"
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Scope(["https://x.example/"], exclude=["(unclosed"])


def test_trap_guard_bounds_families_deep_and_repeating_paths():
    guard = TrapGuard(max_per_pattern=5, max_path_depth=8, max_url_length=120)
    admitted = [guard.admit(f"https://x.example/calendar?month=2024-{m:02d}") is None for m in range(1, 13)]
    assert admitted == [True] * 5 + [False] * 7
    assert pattern_of("https://x.example/events/2031/07/") == pattern_of("https://x.example/events/1999/01/")
    assert pattern_of("https://x.example/staff/jones") != pattern_of("https://x.example/staff/smith")
    assert guard.admit("https://x.example/staff/jones") is None and guard.admit("https://x.example/staff/smith") is None
    assert "deeper" in guard.admit("https://x.example/a/b/c/d/e/f/g/h/i")
    assert "repeats" in guard.admit("https://x.example/a/b/a/b/a/b/a/")
    assert "longer" in guard.admit("https://x.example/" + "x" * 200)


def test_sitemaps_index_urlset_gzip_and_text():
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc> https://x.example/s1.xml.gz </loc></sitemap></sitemapindex>")
    assert parse(index) == (["https://x.example/s1.xml.gz"], [])
    urlset = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a</loc>'
              b"<lastmod>2024-05-01</lastmod></url><url><loc>https://x.example/b</loc></url></urlset>")
    children, entries = parse(gzip.compress(urlset))
    assert children == [] and [(e.url, e.lastmod) for e in entries] == [("https://x.example/a", "2024-05-01"),
                                                                        ("https://x.example/b", None)]
    assert [e.url for e in parse(b"https://x.example/a\nhttps://x.example/b\n")[1]] == ["https://x.example/a",
                                                                                    "https://x.example/b"]
    with pytest.raises(ValueError):
        parse(b"\x1f\x8b not gzip at all")
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><urlset><url><loc>&b;</loc>' \
           b"</url></urlset>"
    assert all("aaaa" not in e.url for e in parse(bomb)[1])  # entities are never expanded


def test_lastmod_comparison():
    assert lastmod_time("2024") < lastmod_time("2024-05") < lastmod_time("2024-05-02") < \
        lastmod_time("2024-05-02T10:00:00Z") < lastmod_time("2024-05-02T08:00:00-04:00")
    assert unchanged("2024-05-01", "2024-05-01T00:00:00+00:00")
    assert not unchanged("2024-05-02", "2024-05-01")
    assert not unchanged(None, "2024-05-01") and not unchanged("2024-05-01", None) and not unchanged("soon", "2024")


def test_settings_from_config_and_options():
    cfg = from_mapping({"crawl": {"per_host": 2, "delay": 1, "exclude": ["/calendar/"]}})
    s = Settings.from_config(cfg, per_host=None, max_pages=10, include=["/schools/"])
    assert (s.per_host, s.delay, s.exclude, s.include, s.max_pages) == (2, 1.0, ("/calendar/",), ("/schools/",), 10)
    for bad in ({"per_host": "two"}, {"delay": -1}, {"exclude": "/calendar/"}, {"robots": "no"}, {"colour": 1},
                {"per_host": 0}):
        with pytest.raises(ConfigError):
            Settings.from_config(from_mapping({"crawl": bad}))


def test_host_gate_limits_spacing_and_pauses():
    gate = HostGate(per_host=2, delay=0.0)
    gate.start("a")
    gate.start("a")
    assert not gate.ready("a") and gate.ready("b")  # two in flight on a; b is another host
    gate.finish("a")
    assert gate.ready("a")
    gate.configure("slow", 1, 0.2)  # robots.txt: Crawl-delay 0.2
    gate.start("slow")
    gate.finish("slow")
    assert 0.1 < gate.wait_time("slow") <= 0.2
    gate.pause("b", 0.3)  # a 429 with Retry-After
    assert not gate.ready("b")
    time.sleep(0.3)
    assert gate.ready("b") and gate.ready("slow")
