"""Motion checks beyond the HTML fixtures: stylesheets as resources, the policy switch, HTTP Refresh."""
from __future__ import annotations

from webaudit.config import Config
from webaudit.model import Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource
from webaudit.testing import run_check

SHEET = b"""/* site.css */
.title { font-weight: bold; }
@keyframes pulse { 0%, 100% { opacity: 1 } 50% { opacity: .1 } }
@-webkit-keyframes spin { to { transform: rotate(360deg) } }
.badge { animation: pulse .6s infinite; }
.spinner { -webkit-animation: spin 1s linear infinite; }
@media screen { .old { text-decoration: blink; } }
@media (prefers-reduced-motion: reduce) { .badge2 { animation: pulse .6s infinite; } }
"""


def sheet_findings(rule: str):
    resource = make_resource("https://school.example.org/css/site.css", SHEET)
    assert resource.kind == "css"
    return check_resource(resource, [get(rule)], Config())


def test_stylesheet_blink_names_rule_and_line():
    [f] = sheet_findings("blink")
    assert f.line == 7 and f.selector == ".old" and "text-decoration: blink" in f.message


def test_stylesheet_animations():
    found = sheet_findings("css-animation")
    by_selector = {f.selector: f for f in found}
    assert set(by_selector) == {".badge", ".spinner"}
    assert by_selector[".badge"].severity is Severity.ERROR and by_selector[".badge"].line == 5
    assert "blinks every 0.6 s" in by_selector[".badge"].message
    spinner = by_selector[".spinner"]
    assert spinner.severity is Severity.WARNING and "confirm the pages using it" in spinner.message


def test_carousel_speed_policy_can_be_switched_off():
    page = ('<html lang="en"><head><title>x</title></head><body>'
            '<div class="carousel" data-bs-ride="carousel" data-bs-interval="2000">'
            '<button type="button">Pause</button></div></body></html>')
    [f] = run_check("carousel-speed", page)[0]
    assert f.severity is Severity.ERROR and f.wcag == () and "every 2 s" in f.message
    assert run_check("carousel-speed", page, config=Config(policy=False))[0] == []


def test_refresh_http_header():
    resource = make_resource("https://school.example.org/scores.html", b"<html><title>x</title></html>",
                             headers={"Content-Type": "text/html", "Refresh": "60"})
    [f] = check_resource(resource, [get("meta-refresh")], Config())
    assert "Refresh: 60" in f.message and "after 60 seconds" in f.message

    def header_findings(value):
        resource = make_resource("https://school.example.org/scores.html", b"<html><title>x</title></html>",
                                 headers={"Content-Type": "text/html", "Refresh": value})
        return check_resource(resource, [get("meta-refresh")], Config())

    assert header_findings("0; url=/x") == []  # an immediate redirect
    [f] = header_findings("72000")  # 20 hours exactly is still a time limit
    assert f.rule == "meta-refresh" and "Refresh: 72000" in f.message
    assert header_findings("72001") == []  # over 20 hours: WCAG's exception
    assert header_findings("; 30") == []  # browsers ignore it: no finding, and no check-failed finding
