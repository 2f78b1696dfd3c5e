"""What the fixtures of the text-alternative and page-basics checks cannot express: HTTP headers, the
language table, the exact wording of messages, and odd pages. The fixtures in fixtures/<check-id>/ are
the main tests of these checks."""
from __future__ import annotations

import pytest

from webaudit import langtags
from webaudit.config import Config
from webaudit.model import CHECK_FAILED, Severity
from webaudit.parse import make_resource
from webaudit.registry import all_checks
from webaudit.run import check_resource
from webaudit.testing import run_check

MINE = ("input-image-alt", "area-alt", "object-alt", "link-name", "button-name", "html-lang", "html-lang-valid",
        "page-title", "iframe-name", "form-label", "duplicate-id-aria")


def findings(rule, html, url="https://school.example.org/page.html", headers=None):
    resource = make_resource(url, html.encode("utf-8"), headers or {})
    return check_resource(resource, [all_checks()[rule]], Config())


XML_LANG_ONLY = '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{}"><head><title>T</title></head></html>'


def test_xml_lang_counts_only_in_xhtml_served_as_xml():
    page = XML_LANG_ONLY.format("fr")
    [f] = findings("html-lang", page, headers={"Content-Type": "text/html; charset=utf-8"})
    assert 'only xml:lang="fr"' in f.message and 'add lang="fr"' in f.message
    assert findings("html-lang", page, headers={"Content-Type": "application/xhtml+xml"}) == []
    assert findings("html-lang", page, url="file:///site/menu.xhtml") == []
    # in XHTML the xml:lang value is the one html-lang-valid judges
    [f] = findings("html-lang-valid", XML_LANG_ONLY.format("french"), headers={"content-type": "application/xhtml+xml"})
    assert f.message.startswith('xml:lang="french"') and 'did you mean xml:lang="fr"?' in f.message


@pytest.mark.parametrize("tag,known", [
    ("en", True), ("EN-us", True), ("es-419", True), ("zh-Hant-TW", True), ("de-hello", True),
    ("haw", True), ("chr", True), ("hmn", True), ("fil", True), ("yue", True),  # no two-letter code
    ("iw", True), ("qaa", True),  # deprecated, private use: still in the registry
    ("eng", False), ("spa", False), ("fre", False), ("em-US", False), ("xx", False), ("#1", False),
    ("i-lux", False), ("x-klingon", False), ("english", False), ("en_US", False), ("", False), ("e", False),
])
def test_known_primary_language_subtags(tag, known):
    assert langtags.is_known(tag) is known


def test_language_table_is_the_registry_not_any_short_string():
    assert len(langtags.TWO_LETTER) > 180 and len(langtags.THREE_LETTER) > 7000
    assert not set(langtags.COUNTRY_NOT_LANGUAGE) & langtags.TWO_LETTER  # a suggestion never replaces a language
    # a language with a two-letter code is registered only by it
    assert not set(langtags.ISO639_2_TO_1) & langtags.THREE_LETTER
    assert all(len(c) == 2 for c in langtags.TWO_LETTER) and all(len(c) == 3 for c in langtags.THREE_LETTER)


@pytest.mark.parametrize("tag,hint", [
    ("en_US", "en-US"), ("eng", "en"), ("spa-MX", "es-MX"), ("ger", "de"), ("Spanish", "es"),
    ("vietnamese", "vi"), ("jp", "ja"), ("sp-MX", "es-MX"), ("em", None), ("xx", None),
])
def test_suggestions(tag, hint):
    assert langtags.suggest(tag) == hint


@pytest.mark.parametrize("title,placeholder", [
    ("Untitled Document", True), ("Untitled-1", True), ("New Page 1", True), ("Document", True),
    ("Insert title here", True), ("index.html", True), ("Microsoft Word - minutes.docx", True),
    ("Home", False), ("Documents for enrollment", False), ("New page for parents", False),
    ("Lunch menu - Lincoln Elementary", False),
])
def test_placeholder_titles_are_warnings(title, placeholder):
    got = findings("page-title", f'<html lang="en"><head><title>{title}</title></head></html>')
    assert [f.severity for f in got] == ([Severity.WARNING] if placeholder else [])


@pytest.mark.parametrize("rule,html,words", [
    ("link-name", '<a href="/fb"><i class="fab fa-facebook"></i></a>',
     'link to "/fb" contains only a Font Awesome icon and has no text'),
    ("link-name", '<a href="/"><span class="material-icons">home</span></a>',
     'link to "/" contains only a Material Icons icon and has no text'),
    ("link-name", '<a href="/cal"><img src="/img/cal.png"></a>', "contains only an image with no alt text"),
    ("button-name", '<button><span class="glyphicon glyphicon-remove"></span></button>',
     "button contains only a Glyphicons icon and has no text"),
    ("button-name", '<input type="submit" value="">', '<input type="submit"> button has an empty value'),
    # what the button is, and why it has no name
    ("button-name", "<details><summary></summary><p>Bus times</p></details>", "<summary> (the toggle of a details section)"),
    ("button-name", '<button aria-labelledby="nowhere"></button>', 'aria-labelledby="nowhere", which points to no text'),
    ("button-name", '<button value="go"></button>', "its value attribute is not shown"),
    ("button-name", "<button></button>", "button has no text and no accessible name"),
    ("form-label", '<input type="email" name="e" placeholder="Email">', 'labelled only by its placeholder "Email"'),
    # what the field is ...
    ("form-label", "<select></select>", "<select> has no label"),
    ("form-label", "<textarea></textarea>", "<textarea> has no label"),
    ("form-label", '<div role="textbox"></div>', '<div role="textbox"> has no label: no <label>'),
    ("form-label", '<input type="text">', "has no label: no <label>"),
    # ... and why its label does not name it
    ("form-label", '<label for="a"></label><input id="a">', "has a <label>, but the label has no text"),
    ("form-label", '<label for="a">Name</label><p id="a"></p><input id="a">',
     '<label for="a">, but another element has the same id first'),
    ("form-label", '<label>Name <input id="a"> <input id="b"></label>',
     '"b" is inside a <label> that labels another field before it'),
    ("form-label", '<label>Name <div role="textbox"></div></label>', "a <label> names only native form fields"),
    # empty alt, and aria-labelledby pointing to nothing
    ("input-image-alt", '<input type="image" src="go.png" alt="">', 'has an empty alt; alt="" does not make'),
    ("input-image-alt", '<input type="image" src="go.png" aria-labelledby="nowhere">',
     'aria-labelledby="nowhere", which points to no text'),
    ("object-alt", '<object data="movie.mp4" aria-labelledby="nowhere"></object>',
     'aria-labelledby="nowhere", which points to no text'),
    ("object-alt", '<object data="movie.mp4"></object>', "has no title, aria-label or fallback text"),
    ("area-alt", '<img src="m.png" alt="Map" usemap="#m"><map name="m"><area href="/gym" alt=""></map>',
     'has an empty alt; an area is a link'),
    ("area-alt", '<img src="m.png" alt="Map" usemap="#m"><map name="m"><area href="/gym" aria-labelledby="x"></map>',
     'aria-labelledby="x", which points to no text, and no alt text'),
    ("img-alt", '<img src="cat.jpg">', "'cat.jpg' has no alt attribute"),
    ("img-alt", '<svg role="img"></svg>', '<svg> with role="img" has no accessible name'),
    ("link-name", '<a href="/x" aria-labelledby="nowhere"></a>', 'aria-labelledby="nowhere", which points to no text'),
    # the first reference to a duplicated id is named (the label on line 2), not a later one
    ("duplicate-id-aria", '\n<label for="email">Email</label> <input id="email">'
     '\n<p id="email">We never share it</p> <input aria-describedby="email">', "referred to by label[for] (line 2)"),
    ("embedded-player-captions", '<iframe src="https://www.youtube.com/embed/abc123?cc_load_policy=1"></iframe>',
     "(cc_load_policy=1 turns captions on, but does not make them accurate)"),
    ("embedded-player-captions", '<iframe data-src="https://www.youtube.com/embed/abc123?cc_load_policy=1"></iframe>',
     "(cc_load_policy=1 turns captions on"),
    ("video-captions", '<video src="talk.mp4" controls><track kind="subtitles" src="x.vtt"></video>',
     "(its subtitles track has no srclang)"),
    ("iframe-name", '<iframe src="https://www.youtube.com/embed/x" name="player"></iframe>',
     'its name="player" is for scripts'),
])
def test_messages_say_what_is_wrong(rule, html, words):
    got, _ = run_check(rule, f'<html lang="en"><head><title>T</title></head><body>{html}</body></html>')
    assert len(got) == 1 and words in got[0].message, [f.message for f in got]


def test_blink_in_a_style_block_shows_the_rule():
    got, _ = run_check("blink", '<html lang="en"><head><title>T</title><style>\n.x { text-decoration: blink }\n'
                                '</style></head><body><p class="x">Hi</p></body></html>')
    assert [(f.line, f.snippet) for f in got] == [(2, ".x { text-decoration: blink }")]


@pytest.mark.parametrize("body,where", [
    # a raw <o:p> on a line before the first Mso class: the raw tag's line, no element to name
    ('\n<p>One<o:p></o:p></p>\n<p class="MsoNormal">Two</p>', "the first is at line 2"),
    # on the same line as the Mso class: the element, which comes first
    ('\n<p class="MsoNormal">One<o:p></o:p></p>', "the first is at line 2 (html > body > p)"),
])
def test_word_paste_first_residue_when_the_parser_drops_the_office_prefix(body, where):
    source = f'<html lang="en"><head><title>T</title></head><body>{body}</body></html>'
    resource = make_resource("https://school.example.org/m.html", source.replace("o:p", "span").encode())
    resource.text = source  # as some libxml2 versions parse it: <o:p> only in the source
    [f] = check_resource(resource, [all_checks()["word-paste"]], Config())
    assert f.line == 2 and f.message.endswith(where), f.message


ODD_PAGES = {
    "empty": "",
    "text only": "just some words",
    "no body": "<html><head><title>x</title></head></html>",
    "deep": "<div>" * 2500 + '<a href="/"><input><button></button></a>' + "</div>" * 2500,
    "labelledby cycles": ('<a id="a" href="/" aria-labelledby="b"></a><span id="b" aria-labelledby="a">'
                          '<img aria-labelledby="a b" src="x.png"></span>'
                          '<input id="c" aria-labelledby="c"><label for="c"><input id="c"></label>'),
    "broken attributes": ('<html lang><title/><iframe tabindex="-"></iframe><object data="http://[::1"></object>'
                          '<area href="x"><map><area href="y"></map><img usemap><input type="">'
                          '<label for><a role="">x</a>'),
    "many duplicates": "\n".join(f'<label for="d">D</label><input id="d"><p id="d{i % 3}"></p>' for i in range(300)),
}


@pytest.mark.parametrize("name", ODD_PAGES)
def test_odd_pages_give_findings_not_crashes(name):
    resource = make_resource("https://school.example.org/odd.html", ODD_PAGES[name].encode())
    got = check_resource(resource, [all_checks()[r] for r in MINE], Config())
    assert not [f for f in got if f.rule == CHECK_FAILED], [f.message for f in got if f.rule == CHECK_FAILED]
