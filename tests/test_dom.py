"""The shared HTML helpers (webaudit.dom): accessible name, text, role, hidden, labels, icons.

Each case is a markup snippet and what a screen reader gets from it; the checks' fixtures test the same
helpers through the checks, these pin the helpers themselves."""
from __future__ import annotations

import pytest

from webaudit.dom import (accessible_name, by_id, has_own_text, icon_font, is_hidden, is_presentational,
                          labels_for, only_private_use, role, text, unnamed_content)
from webaudit.parse import parse_html


def el(html: str, ident: str = "t"):
    """The element with id="t" in a page made of `html`."""
    found = parse_html(f"<html><body>{html}</body></html>").xpath(f'//*[@id="{ident}"]')
    assert found, f"no id={ident} in {html}"
    return found[0]


@pytest.mark.parametrize("html,name", [
    # name from content takes embedded images' names (ACT c487ae passed 6 and 8)
    ('<a id="t" href="/"><img src="a.png" title="Web Accessibility Initiative"></a>', "Web Accessibility Initiative"),
    ('<a id="t" href="/"><img src="a.png" aria-labelledby="l"></a><div id="l">WAI</div>', "WAI"),
    # decorative images give nothing, even with a title (ACT c487ae failed 2-5)
    ('<a id="t" href="/"><img src="a.png" alt="" title="Logo"></a>', ""),
    ('<a id="t" href="/"><img src="a.png" role="presentation"></a>', ""),
    ('<a id="t" href="/"><img src="a.png" title=""></a>', ""),
    # a global ARIA attribute overrides role none on the image
    ('<a id="t" href="/"><img src="a.png" role="none" aria-label="Home"></a>', "Home"),
    # a descendant's aria-label replaces its content
    ('<a id="t" href="/print"><i class="fa fa-print" aria-label="Print"></i></a>', "Print"),
    ('<button id="t"><span aria-label="Close">×</span></button>', "Close"),
    # icon fonts: Material Icons ligature text is no name; visually hidden text is
    ('<a id="t" href="/"><span class="material-icons">home</span></a>', ""),
    ('<a id="t" href="/"><span class="material-icons">home</span><span class="sr-only">Home</span></a>', "Home"),
    ('<a id="t" href="/"><i class="fa fa-home"></i> Home</a>', "Home"),
    # an empty descendant's title is its name (accname 2I, as axe computes it)
    ('<a id="t" href="/fb"><i class="fab fa-facebook" title="Facebook"></i></a>', "Facebook"),
    # an embedded select gives its chosen option, not every option
    ('<label id="t">Grade <select><option>K</option><option selected>1</option><option>2</option></select></label>',
     "Grade 1"),
    # input buttons: value, the browser's default, or nothing for value=""
    ('<input id="t" type="submit">', "Submit"),
    ('<input id="t" type="reset">', "Reset"),
    ('<input id="t" type="submit" value="">', ""),
    ('<input id="t" type="button">', ""),
    ('<input id="t" type="button" value="" title="Print">', "Print"),
    # hidden text is skipped, except where aria-labelledby points at it
    ('<a id="t" href="/"><span hidden>Secret</span><span style="display:none">x</span></a>', ""),
    ('<input id="t" aria-labelledby="l"><span id="l" hidden>Email</span>', "Email"),
    # placeholder is the last resort for text fields, title before it
    ('<input id="t" placeholder="Search">', "Search"),
    ('<input id="t" placeholder="Search" title="Search the site">', "Search the site"),
])
def test_accessible_name(html, name):
    assert accessible_name(el(html)) == name


def test_aria_labelledby_cycles_end():
    # a refers to b, whose content holds an image referring back to a: accname stops after one hop
    html = ('<a id="t" href="/" aria-labelledby="b"></a>'
            '<div id="b">Calendar <img src="c.png" aria-labelledby="t" alt="icon"></div>')
    assert accessible_name(el(html)) == "Calendar icon"
    html = '<span id="t" role="img" aria-labelledby="t u"></span><span id="u">Map</span>'
    assert accessible_name(el(html)) == "Map"


def test_a_label_holding_its_own_control_ends():
    # the button's label holds the button, which (role="img") is named as an image inside that label:
    # the name is read once, not again and again until Python's recursion limit
    assert accessible_name(el('<label>Search <button id="t" role="img">x</button></label>')) == "Search"
    assert accessible_name(el('<label>Grade <select id="t" role="img"><option>4</option></select></label>')) == "Grade"


def test_deep_nesting_does_not_recurse():  # libxml2 keeps 2,048 levels; text() is iterative
    html = '<a id="t" href="/">' + "<span>" * 1500 + "Deep" + "</span>" * 1500 + "</a>"
    assert text(el(html)) == "Deep"


def test_labels_for_duplicate_id_labels_only_the_first():
    page = parse_html('<html><body><input id="e"><input id="e"><label for="e">Email</label></body></html>')
    first, second = page.xpath("//input")
    assert [lab.text for lab in labels_for(first)] == ["Email"]
    assert labels_for(second) == []
    assert by_id(second, "e") is first


def test_wrapping_label_names_its_first_field_only():
    page = parse_html('<html><body><label>Phone <input type="hidden" name="h"><input id="a"> - <input id="b">'
                      "</label></body></html>")
    assert accessible_name(by_id(page, "a")) == "Phone -"
    assert accessible_name(by_id(page, "b")) == ""


def test_id_cache_is_per_document():
    one = parse_html('<html><body><p id="x">one</p></body></html>')
    two = parse_html('<html><body><p id="x">two</p></body></html>')
    assert by_id(one, "x").text == "one" and by_id(two, "x").text == "two"
    for i in range(10):  # more documents than the cache holds: the first is rebuilt, never confused
        by_id(parse_html(f'<html><body><p id="x">{i}</p></body></html>'), "x")
    assert by_id(one, "x").text == "one"


@pytest.mark.parametrize("html,expected", [
    ('<a id="t" href="/">x</a>', "link"),
    ('<a id="t">x</a>', None),
    ('<a id="t" href="/" role="none">x</a>', "link"),  # focusable: role none is ignored (ACT c487ae failed 10)
    ('<button id="t" role="none"></button>', "button"),  # ACT 97a4e1 failed 5
    ('<button id="t" role="none" disabled></button>', "none"),  # ACT 97a4e1 inapplicable 5
    ('<select id="t" role="none" disabled></select>', "none"),  # ACT e086e5 inapplicable 3
    ('<span id="t" role="presentation" aria-describedby="d">x</span>', None),  # global ARIA: implicit role
    ('<iframe id="t" role="none"></iframe>', "none"),  # ACT cae760 inapplicable 4: not natively focusable here
    ('<div id="t" role="none" tabindex="0"></div>', None),
    ('<input id="t" type="IMAGE">', "button"),
    ('<input id="t" type="email">', "textbox"),
    ('<div id="t" role="switch button">x</div>', "switch"),
])
def test_role(html, expected):
    e = el(html)
    assert role(e) == expected
    assert is_presentational(e) == (expected in ("none", "presentation"))


@pytest.mark.parametrize("html,hidden", [
    ('<div hidden><a id="t" href="/">x</a></div>', True),
    ('<div aria-hidden="true"><a id="t" href="/">x</a></div>', True),
    ('<div aria-hidden="false"><a id="t" href="/">x</a></div>', False),
    ('<div style="color:red; display: none"><a id="t" href="/">x</a></div>', True),
    ('<div style="visibility:hidden"><a id="t" href="/">x</a></div>', True),
    ('<template><a id="t" href="/">x</a></template>', True),
    ('<noscript><img id="t" src="pixel.gif"></noscript>', True),
    ('<span class="sr-only"><a id="t" href="/">x</a></span>', False),
    ('<a id="t" href="/" style="position:absolute; left:-9999px">x</a>', False),
])
def test_is_hidden(html, hidden):
    assert is_hidden(el(html)) is hidden


@pytest.mark.parametrize("classes,font", [
    ("fa fa-home", "Font Awesome"), ("fab fa-facebook-f", "Font Awesome"), ("fa-solid fa-x", "Font Awesome"),
    ("svg-inline--fa fa-bars", "Font Awesome"), ("material-icons", "Material Icons"),
    ("material-symbols-outlined", "Material Icons"), ("glyphicon glyphicon-print", "Glyphicons"),
    ("bi bi-calendar", "Bootstrap Icons"), ("dashicons dashicons-groups", "Dashicons"),
    ("icon-wrapper", None), ("fancy", None), ("biography", None), ("", None),
])
def test_icon_font(classes, font):
    assert icon_font(el(f'<i id="t" class="{classes}"></i>')) == font


def test_icon_only_helpers():
    assert only_private_use("\ue900") and only_private_use(" \uf00d ") and not only_private_use("Home")
    assert not only_private_use("")
    assert unnamed_content(el('<a id="t" href="/"><span class="material-icons">home</span></a>')) == \
        "a Material Icons icon"
    assert unnamed_content(el('<a id="t" href="/"><img src="a.png"></a>')) == "an image with no alt text"
    assert unnamed_content(el('<a id="t" href="/"></a>')) == ""
    assert has_own_text(el('<a id="t" href="/"><i class="fa fa-home"></i> Home</a>'))
    assert not has_own_text(el('<a id="t" href="/">\ue900</a>'))
    assert not has_own_text(el('<a id="t" href="/" class="material-icons">home</a>'))
    assert not has_own_text(el('<a id="t" href="/"><span>Home</span></a>'))  # proves nothing: compute the name
