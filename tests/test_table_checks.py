"""Table checks beyond their fixtures: the shared data-table and header-cell helpers, error versus
warning, messages, nested tables, and bad input."""
from __future__ import annotations

import lxml.html
import pytest

from webaudit.dom import is_data_table, is_header_cell, owner_table, tables, visible_tables, with_role
from webaudit.model import Severity
from webaudit.testing import run_check

TABLE_CHECKS = ("table-headers", "th-meaningful", "td-headers-attr", "layout-table-markup", "th-has-data-cells")
GRID = "<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>"


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


def first_table(html: str):
    return lxml.html.document_fromstring(page(html)).find(".//table")


@pytest.mark.parametrize("markup,data", [
    (f"<table>{GRID}</table>", True),  # shape alone
    ("<table><tr><td>a</td><td>b</td></tr></table>", False),  # one row
    ("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", False),  # one column
    (f'<table role="presentation">{GRID}</table>', False),
    (f'<table role="none" aria-label="Staff">{GRID}</table>', True),  # a global ARIA attribute cancels role none
    (f'<table datatable="0">{GRID}</table>', False),
    (f"<table>{GRID.replace('<td>a</td>', '<td><table><tr><td>x</td></tr></table></td>')}</table>", False),
    (f"<table>{GRID.replace('<td>a</td>', '<td><embed src=x.swf></td>')}</table>", False),
    (f"<table>{GRID.replace('<td>a</td>', '<th>a</th>')}</table>", True),
    ('<table role="table"><tr><td>a</td></tr></table>', True),
    (f"<table hidden>{GRID}</table>", False),
])
def test_is_data_table(markup, data):
    assert is_data_table(first_table(markup)) is data


@pytest.mark.parametrize("markup,header", [
    ("<th>x</th>", True), ('<th role="cell">x</th>', False), ('<td scope="col">x</td>', True),
    ('<td scope="bogus">x</td>', False), ('<td role="rowheader">x</td>', True), ("<td>x</td>", False),
])
def test_is_header_cell(markup, header):
    cell = first_table(f"<table><tr>{markup}</tr></table>").find(".//tr")[0]
    assert is_header_cell(cell) is header


def test_indexes_and_owner_table():
    root = lxml.html.document_fromstring(page(
        '<table id="outer"><tr><td><table id="inner"><tr><td id="c">x</td></tr></table></td></tr></table>'
        '<div role="grid"></div><span role="columnheader presentation"></span>'))
    assert [t.get("id") for t in tables(root)] == ["outer", "inner"]
    assert owner_table(root.get_element_by_id("c")).get("id") == "inner"
    assert [e.tag for e in with_role(root, "columnheader")] == ["span"]
    assert with_role(root, "presentation") == []  # only the first role token counts


def test_visible_tables_inherit_hiding_from_outer_tables():
    root = lxml.html.document_fromstring(page(
        '<table id="a"><tr><td><table id="b"><tr><td></td></tr></table></td></tr></table>'
        '<div hidden><table id="c"><tr><td><table id="d"></table></td></tr></table></div>'
        '<table id="e"><tr><td style="display:none"><table id="f"></table></td></tr></table>'))
    assert [t.get("id") for t in visible_tables(root)] == ["a", "b", "e"]


def test_table_headers_error_with_intent_warning_on_shape_alone():
    findings, _ = run_check("table-headers", page(
        f"<table><caption>Bus schedule</caption>{GRID}</table>"
        "<table><tr><td>Our library is open before school.</td><td>Ask about summer reading.</td></tr>"
        "<tr><td>Laptops can be borrowed for a week.</td><td>Printing is free for classes.</td></tr></table>"))
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING]
    assert 'caption "Bus schedule"' in findings[0].message and "2 rows and 2 columns" in findings[0].message
    assert 'role="presentation"' in findings[1].message


def test_table_headers_a_grid_role_is_intent_even_in_a_small_table():
    [f] = run_check("table-headers", page(f'<table role="grid">{GRID}</table>'))[0]
    assert f.severity is Severity.ERROR and 'role="grid"' in f.message


def test_table_headers_a_quarter_of_numbers_is_data():
    # three rows of uneven width (so not "the same shape"), 2 of the 8 filled cells numbers: exactly 1 in 4
    rows = "<tr><td>Ana</td><td>Ben</td><td>Cal</td></tr><tr><td>Dee</td><td>12</td></tr>" \
           "<tr><td>Eve</td><td>Fay</td><td>14</td></tr>"
    [f] = run_check("table-headers", page(f"<table>{rows}</table>"))[0]
    assert f.severity is Severity.ERROR and "cells of numbers" in f.message


def test_table_headers_forms_and_link_grids_are_only_warnings():
    rows = "".join(f'<tr><td>{w}</td><td><input name="{w}" aria-label="{w}"></td></tr>' for w in ("a", "b", "c"))
    links = "".join(f'<tr><td>{w}</td><td><a href="/{w}.pdf">Download</a></td></tr>' for w in ("a", "b", "c"))
    plain = "".join(f"<tr><td>{w}</td><td>Download</td></tr>" for w in ("a", "b", "c"))
    findings, _ = run_check("table-headers", page(f"<table>{rows}</table><table>{links}</table><table>{plain}</table>"))
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING, Severity.ERROR]


def test_table_headers_passes_tables_with_any_header_cell():
    for cell in ("<th>Day</th>", '<td scope="row">Day</td>', '<td role="columnheader">Day</td>'):
        html = page(f"<table><caption>c</caption><tr>{cell}<td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
        assert run_check("table-headers", html)[0] == []


def test_th_meaningful_corner_only_in_two_way_tables():
    two_way = "<table><tr><th></th><th>Mon</th></tr><tr><th>Period 1</th><td>Art</td></tr></table>"
    one_way = "<table><tr><th></th><th>Mon</th></tr><tr><td>Period 1</td><td>Art</td></tr></table>"
    assert run_check("th-meaningful", page(two_way))[0] == []
    findings, _ = run_check("th-meaningful", page(one_way))
    assert len(findings) == 1 and "is empty" in findings[0].message
    assert findings[0].severity is Severity.ERROR


def test_th_meaningful_numbers_need_a_header_above_them():
    html = page("<table><tr><th>1</th><th>2024</th></tr><tr><th>2</th><td>x</td></tr></table>")
    findings, _ = run_check("th-meaningful", html)
    assert [f.message for f in findings] == [
        'header cell <th> says only "1", a bare number: name what the column holds']


def test_td_headers_attr_lists_every_bad_id_once():
    html = page('<table><tr><th id="a">A</th></tr><tr><td id="me" headers="a nope me nope">1</td></tr></table>')
    findings, _ = run_check("td-headers-attr", html)
    assert len(findings) == 1
    assert findings[0].message == 'headers attribute of <td>: no element has id "nope"; "me" is the cell itself'


def test_td_headers_attr_checks_nested_tables_with_their_own_table():
    html = page('<table><tr><th id="outer">O</th><td><table><tr><th id="inner">I</th></tr>'
                '<tr><td headers="outer">x</td><td headers="inner">y</td></tr></table></td></tr></table>')
    findings, _ = run_check("td-headers-attr", html)
    assert [f.message for f in findings] == ['headers attribute of <td>: "outer" is in another table']


def test_layout_table_markup_names_what_it_found():
    html = page('<table role="presentation" summary="s"><caption>c</caption><tr><th scope="col">a</th>'
                '<th>b</th></tr></table>')
    findings, _ = run_check("layout-table-markup", html)
    assert len(findings) == 1
    assert "a <caption>, a summary attribute, 2 <th> cells, scope on 1 cell" in findings[0].message


def test_th_has_data_cells_follows_spans_and_headers_attributes():
    html = page(
        '<table><tr><th id="a">A</th><th id="b">B</th><th id="c">C</th></tr>'
        '<tr><td colspan="2">spans A and B</td></tr>'  # C: nothing below
        '<tr><td headers="a">1</td><td headers="a">2</td></tr></table>'  # cells with headers= only count for "a"
        '<table><tr><th>X</th><th id="y">Y</th></tr><tr><td>1</td></tr><tr><td headers="y">2</td></tr></table>')
    findings, _ = run_check("th-has-data-cells", html)
    assert [f.message.split(" has")[0] for f in findings] == ['column header "C"']
    assert findings[0].severity is Severity.ERROR


def test_th_has_data_cells_direction():
    # a th in a row with data cells heads that row; in a row of header cells, its column
    html = page("<table><tr><th>Name</th><th>Room</th></tr><tr><td>Ana</td><th>Total</th></tr></table>")
    findings, _ = run_check("th-has-data-cells", html)
    assert [f.message.split(" has")[0] for f in findings] == ['row header "Total"']


@pytest.mark.parametrize("check_id", TABLE_CHECKS)
def test_deep_nesting_and_empty_pages_give_no_traceback(check_id):
    table = ('<table role="presentation"><caption>x</caption><tr><th headers="gone">Column 1</th><td>1</td></tr>'
             "<tr><td>2</td><td>3</td></tr></table>")
    deep = page("<div>" * 2000 + table + "</div>" * 2000)
    assert len(run_check(check_id, deep)[0]) == (1 if check_id == "layout-table-markup" else 0)
    deep_data = page("<div>" * 2000 + table.replace(' role="presentation"', "") + "</div>" * 2000)
    flagged = ("th-meaningful", "td-headers-attr")  # "Column 1"; headers="gone"
    assert len(run_check(check_id, deep_data)[0]) == (1 if check_id in flagged else 0)
    for html in (b"", "<html></html>", page("<table></table><th></th><td headers=x></td>"),
                 page("<table>" * 3000 + "</table>" * 3000)):
        findings, _ = run_check(check_id, html)
        assert all(f.rule != "check-failed" for f in findings), [f.message for f in findings]
