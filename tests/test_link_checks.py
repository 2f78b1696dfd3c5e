"""The link checks' verdicts beyond what fixtures pin: which findings are errors and which are warnings,
and their configuration (district domains, the interstitial mode, phrases, generic words)."""
from __future__ import annotations

from webaudit.model import Severity
from webaudit.testing import run_check

URL = "https://lincoln.k12.example.org/families.html"
DISTRICT = {"district_domains": ["k12.example.org"]}


def findings(rule, body, config=None, url=URL):
    html = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'
    return run_check(rule, html, url=url, config=config if config is not None else DISTRICT)[0]


# -- link-external-warning --------------------------------------------------------------------------------

def test_external_link_message_names_text_and_host_without_credentials():
    [f] = findings("link-external-warning", '<a href="https://ann:pw@www.pta.example.org/join">Join the PTA</a>')
    assert f.severity is Severity.ERROR
    assert f.message.startswith('link "Join the PTA" goes to www.pta.example.org, outside the district')
    assert "pw" not in f.message and f.policy and f.wcag == ()


def test_page_host_is_internal_even_without_district_domains():
    assert findings("link-external-warning", '<a href="https://lincoln.k12.example.org/x">Staff</a>', config={}) == []
    [f] = findings("link-external-warning", '<a href="https://k12.example.org/">District</a>', config={})
    assert "k12.example.org" in f.message  # the district itself is outside until district_domains says so


def test_new_window_text_is_not_a_leaving_warning_and_says_so():
    [f] = findings("link-external-warning", '<a href="https://maps.example.com/" target="_blank">Map (opens in a new tab)</a>')
    assert '"new window" is not a warning' in f.message


def test_css_marked_external_links_are_warnings():
    [f] = findings("link-external-warning", '<a rel="external" href="https://maps.example.com/">Map</a>')
    assert f.severity is Severity.WARNING


def test_interstitial_mode_and_configured_phrases():
    link = '<a href="https://www.pta.example.net/">National PTA (sitio externo)</a>'
    assert findings("link-external-warning", link, config={**DISTRICT, "external_warning": "interstitial"}) == []
    assert len(findings("link-external-warning", link)) == 1
    assert findings("link-external-warning", link,
                    config={**DISTRICT, "external_warning_phrases": ["sitio externo"]}) == []


def test_a_mistyped_mode_is_a_clear_message_not_a_traceback():
    [f] = findings("link-external-warning", '<a href="https://x.example.com/">X</a>',
                   config={**DISTRICT, "external_warning": "intersitial"})
    assert f.rule == "check-failed" and 'external_warning must be "text" or "interstitial"' in f.message


# -- link-purpose -----------------------------------------------------------------------------------------

def severities(body, config=None):
    return [f.severity for f in findings("link-purpose", body, config=config or {})]


def test_no_context_is_an_error_thin_context_a_warning_rich_context_a_pass():
    assert severities('<p><a href="/a">Click here</a></p>') == [Severity.ERROR]
    assert severities('<p>Forms: <a href="/a">click here</a></p>') == [Severity.WARNING]
    assert severities('<p>Download the third grade supply list: <a href="/a">click here</a></p>') == []


def test_describedby_and_title_give_context():
    assert severities('<span id="d">Spring concert tickets</span><a href="/t" aria-describedby="d">More</a>') == []
    assert severities('<a href="/t" title="Spring concert tickets">More</a>') == []


def test_an_aria_heading_above_the_link_is_thin_context():
    [f] = findings("link-purpose", '<div class="card"><div role="heading" aria-level="3">Science fair winners</div>'
                                   '<p><a href="/news/sf">Read more</a></p></div>', config={})
    assert f.severity is Severity.WARNING and "Science fair winners" in f.message


def test_generic_words_are_configurable():
    assert severities('<a href="/a">Haga clic aquí</a>') == []
    assert severities('<a href="/a">Haga clic aquí</a>',
                      config={"generic_link_words": ["haga", "clic", "aquí"]}) == [Severity.ERROR]


def test_link_name_cases_are_left_to_link_name():
    assert severities('<a href="/a"></a><a href="/b"><img src="x.png"></a>') == []
