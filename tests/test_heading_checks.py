"""Heading checks beyond their fixtures: levels and roles (dom.heading_level), severities, messages,
options, Word-paste counting, and bad input (deep nesting, empty pages)."""
from __future__ import annotations

import lxml.html
import pytest

from webaudit.dom import heading_level, headings
from webaudit.model import Severity
from webaudit.parse import make_resource
from webaudit.registry import get
from webaudit.run import check_resource
from webaudit.testing import run_check

HEADING_CHECKS = ("heading-empty", "heading-order", "page-has-h1", "fake-heading", "word-paste")


def page(body: str, head: str = "<title>t</title>") -> str:
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


@pytest.mark.parametrize("markup,level", [
    ("<h2>x</h2>", 2),
    ('<h2 aria-level="4">x</h2>', 4),  # aria-level overrides the tag, as browsers expose it
    ('<h2 aria-level="zero">x</h2>', 2),  # an invalid aria-level is ignored
    ('<div role="heading">x</div>', 2),  # ARIA's default level
    ('<div role="heading" aria-level="1">x</div>', 1),
    ('<h2 role="tab">x</h2>', None),  # another role: no heading
    ('<h2 role="presentation">x</h2>', None),
    ('<h2 role="none" aria-label="x">x</h2>', 2),  # a global ARIA attribute overrides role none
    ('<h2 role="presentation" tabindex="0">x</h2>', 2),  # and so does focusability
    ("<p>x</p>", None),
])
def test_heading_level(markup, level):
    assert heading_level(lxml.html.fragment_fromstring(markup)) == level


def test_headings_in_document_order_without_hidden_ones():
    root = lxml.html.document_fromstring(page(
        '<h1>a</h1><div role="heading" aria-level="3">b</div><div hidden><h2>c</h2></div><h2>d</h2>'
        '<template><h2>e</h2></template>'))
    assert [(el.text, level) for el, level in headings(root)] == [("a", 1), ("b", 3), ("d", 2)]


def test_heading_order_first_heading_may_be_any_level_and_each_skip_is_reported_once():
    findings, _ = run_check("heading-order", page("<h3>a</h3><h2>b</h2><h4>c</h4><h5>d</h5><h2>e</h2><h5>f</h5>"))
    assert [f.message.split(" comes")[0] for f in findings] == ['h4 "c"', 'h5 "f"']
    assert all(f.severity is Severity.WARNING for f in findings)
    assert findings[0].message.endswith("it skips h3")
    assert findings[1].message.endswith("it skips h3, h4")


def test_heading_empty_says_why():
    findings, _ = run_check("heading-empty", page(
        '<h2></h2><h2><img src="a.png" alt=""></h2><h2><span aria-hidden="true">News</span></h2>'))
    assert [f.severity for f in findings] == [Severity.ERROR] * 3
    assert "it has no text" in findings[0].message
    assert "image" in findings[1].message
    assert "hidden" in findings[2].message


def test_page_has_h1_is_one_page_level_notice():
    findings, _ = run_check("page-has-h1", page("<h2>Bus routes</h2><p>Routes change in May.</p>"))
    assert len(findings) == 1
    f = findings[0]
    assert f.severity is Severity.NOTICE and f.selector == "" and "highest heading is level 2" in f.message
    assert run_check("page-has-h1", page("<h1>Bus</h1>"))[0] == []
    assert run_check("page-has-h1", page("<script>var x = 'text';</script>"))[0] == []


def test_fake_heading_is_a_warning_naming_its_text_and_style():
    findings, _ = run_check("fake-heading", page(
        "<p><b>Field trip permission</b></p><p>Return the form by Friday.</p>"))
    assert len(findings) == 1 and findings[0].severity is Severity.WARNING
    assert '"Field trip permission" is all bold' in findings[0].message


def test_fake_heading_max_chars_option():
    html = page("<p><b>Field trip permission</b></p><p>Return the form by Friday.</p>")
    assert len(run_check("fake-heading", html, config={"fake_heading_max_chars": 80})[0]) == 1
    assert run_check("fake-heading", html, config={"fake_heading_max_chars": 10})[0] == []


def test_word_paste_is_one_notice_with_counts_and_the_first_place():
    html = page('<h1>Minutes</h1>\n<p class="MsoNormal">One<o:p></o:p></p>\n'
                '<p class="MsoNormal" style="mso-list:l0 level1 lfo1">Two<o:p></o:p></p>')
    findings, _ = run_check("word-paste", html)
    assert len(findings) == 1
    f = findings[0]
    assert f.severity is Severity.NOTICE and f.line == 2
    assert "2 Office tags" in f.message and "2 Word classes" in f.message
    assert "1 inline style with mso- properties" in f.message
    assert "line 2 (html > body > p:nth-of-type(1))" in f.message


def test_word_paste_counts_office_tags_in_the_source_when_the_parser_drops_the_prefix():
    # some libxml2 versions turn <o:p> into <p>: the tree has no o:p, the source does
    source = page('<h1>Minutes</h1>\n<p>One<o:p></o:p></p>\n<p>Two<o:p></o:p></p>')
    resource = make_resource("https://school.example.org/m.html", source.replace("o:p", "span").encode())
    resource.text = source
    findings = check_resource(resource, [get("word-paste")], config=_config())
    assert len(findings) == 1
    assert "2 Office tags" in findings[0].message and findings[0].line == 2


def _config():
    from webaudit.config import Config
    return Config()


@pytest.mark.parametrize("check_id", HEADING_CHECKS)
def test_deep_nesting_and_empty_pages_give_no_traceback(check_id):
    # 2,000 deep: still parsed whole (the parser stops at 2,048 and the engine says so)
    deep = page("<div>" * 2000 + '<p class="MsoTitle"><b>Deep title</b></p><p>Text</p><h3></h3>' + "</div>" * 2000)
    expected = {"heading-empty": 1, "heading-order": 0, "page-has-h1": 1, "fake-heading": 1, "word-paste": 1}
    assert len(run_check(check_id, deep)[0]) == expected[check_id]
    for html in (b"", "<html></html>", page(""), page("<div>" * 5000 + "<h2><b>x</b></h2>")):
        findings, _ = run_check(check_id, html)  # never raises; engine notes about the page are fine
        assert all(f.rule != "check-failed" for f in findings), [f.message for f in findings]
