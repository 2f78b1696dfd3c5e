"""The fast paths behind the HTML suite's speed (benchmarks/html_checks.py) give exactly what the plain
versions they replace give: each one is compared with that plain version here, on the fixtures, on
generated staff pages and variants of them (minified, multi-line tags, hidden parts), and on random
strings. A fast path that drifts fails here before any finding changes."""
from __future__ import annotations

import importlib.util
import random
import re
import subprocess
import sys
from bisect import bisect_right
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from webaudit import dom, links, privacy
from webaudit.checks import (audio_transcript, carousel_speed, embedded_player_captions, img_alt,
                             link_external_warning, link_purpose, student_pii, third_party_unapproved, word_paste)
from webaudit.config import Config
from webaudit.model import Severity
from webaudit.cssmotion import css_of, mentions
from webaudit.parse import make_resource
from webaudit.resource import _CSS_IDENT, _open_tag

ROOT = Path(__file__).resolve().parent.parent


def _staff_pages():
    """benchmarks/pages.py, loaded by path (the benchmarks folder is not put on sys.path: its modules'
    names would hide installed packages from every process started later)."""
    spec = importlib.util.spec_from_file_location("webaudit_benchmark_pages", ROOT / "benchmarks" / "pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.staff_page


staff_page = _staff_pages()

VARIETY = ('<a href="#top">Top</a> <a href="page.html#nope">y</a> <a href="../up/x.html">up</a>'
           ' <a href="./a/b.pdf">d</a>'
           ' <a href="//cdn.example.com/x.png">cdn</a> <a href="HTTPS://Ex.COM/A?">e</a> <a href="/a//b.html">dbl</a>'
           ' <a href="/a/./b/../c.html">dots</a> <a href="/x?q=1#f">q</a> <a href="/x?">q2</a> <a href="tel">t</a>'
           ' <a href=" /sp ace.html ">sp</a> <img srcset="/a.jpg 1x, /b.jpg 2x" alt=""> <a href="/p;x">p</a>'
           ' <link rel="Stylesheet alternate" href="/s.css"> <input type="image" src="/go.png" alt="Go">'
           ' <video src="/v.mp4" poster="/p.jpg"></video> <a href="https://[::1]/">v6</a> <a href="http://[bad/">b</a>'
           ' <a href="https://a.b:8080/p?x#y">port</a> <a href="/song.MP3">song</a> <span role="img link">r</span>'
           ' <iframe src="https://www.youtube.com/embed/abcdefgh"></iframe> <div data-ride="carousel"></div>'
           ' <script src="//stats.example.com/t.js"></script> <o:p></o:p> <form action="https://forms.example.com/x">'
           '<input name="email"></form> <p style="animation: b 1s infinite">x</p>')


# libxml2 puts content after </html> in a second <html> beside the root element: //x finds it there
OUTSIDE = ("<html><body><p>x</p></body></html>\n<img src=a.png><p>after <a href='https://ext.example.com/'>e</a></p>"
           "<script src='https://t.example.com/x.js'></script><blink>b</blink><video src=v.mp4></video>",
           "<!-- c --><img src=b><a href=#nope>n</a><html><body><p>x</p></body></html>",
           "<p>no html</p></html><iframe src='https://www.youtube.com/embed/abcdefgh'></iframe><span role=img>r</span>"
           "<a role=link>l</a><o:p></o:p><div data-ride=carousel></div><audio src=a.mp3></audio><a href=s.mp3>s</a>")


def pages() -> list[tuple[str, str]]:
    out = [(p.as_uri(), p.read_text(encoding="utf-8", errors="replace"))
           for p in sorted((ROOT / "fixtures").rglob("*.htm*"))]
    out += [("https://lincoln.k12.example.org/o.html", html) for html in OUTSIDE]
    out += [("https://lincoln.k12.example.org/o.html", staff_page(i) + html) for i, html in enumerate(OUTSIDE)]
    for i in range(12):
        page = staff_page(i).replace("<main>", "<main>" + VARIETY, 1)
        if i % 3 == 0:
            page = page.replace("<head>", '<head><base href="https://other.example.org/dir/">', 1)
        out.append(("https://lincoln.k12.example.org/staff/p.html" if i % 2 else "file:///srv/site/p.html", page))
        out.append(("https://lincoln.k12.example.org/m.html", page.replace("\n", "")))  # minified
        multi_line = page.replace("<a href", "<A\nhref").replace("<img ", "<IMG\n  ").replace("<p>", "<p><p class=x\n>")
        out.append(("https://lincoln.k12.example.org/t.html", multi_line))  # start tags over lines, upper case
    return out


PAGES = pages()


def resources():
    return [make_resource(url, text.encode("utf-8")) for url, text in PAGES]


# -- links.extract ---------------------------------------------------------------------------------------

def plain_extract(resource) -> list[tuple]:
    """links.extract as it was: the _REFS XPath, urljoin and urlsplit for every reference."""
    out = []
    base = links.base_url(resource)
    for el in links._REFS(resource.tree):
        for attr in ("href", "src", "data", "poster", "srcset"):
            raw = el.get(attr)
            if raw is None:
                continue
            cands = [c.strip().split()[0] for c in raw.split(",") if c.strip()] if attr == "srcset" else [raw.strip()]
            for c in cands:
                if not c or c.split(":", 1)[0].lower() in links.SKIP_SCHEMES:
                    continue
                if c.startswith("#") and attr == "href":
                    url = urldefrag(resource.url)[0] + c
                else:
                    try:
                        url = urljoin(base, c)
                    except ValueError:
                        continue
                out.append((url, raw, el, attr, links.guess_kind(url, el.tag, attr),
                            urldefrag(url)[0], urldefrag(url)[1]))
    return out


def test_extract_gives_what_the_xpath_and_urljoin_give():
    for r in resources():
        got = [(k.url, k.raw, k.element, k.attr, k.kind, k.target, k.fragment) for k in links.extract(r)]
        assert got == plain_extract(r), r.url


def test_the_simple_url_shortcut_is_urljoin():
    rng = random.Random(1)
    alphabet = list("ab/./..?#;:@%-_~AZ09 \t[]é") + ["//", "..", "http://", "https://", "HTTP://", "x.org", "?", "#"]
    bases = ["https://lincoln.k12.example.org/staff/page.html", "http://a.b/c/d?q#f", "file:///srv/site/page.html",
             "https://x.org", "HTTPS://Up.Org/a/b/", "https://u:p@h.org:81/x/y/z"]
    tried = 0
    for _ in range(60_000):
        c = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        c = ("/" if rng.random() < 0.5 else "") + c
        c = ("https://" if rng.random() < 0.2 else "") + c
        m = links._SIMPLE_URL.match(c)
        if not m:
            continue
        tried += 1
        base = rng.choice(bases)
        parts = urlsplit(base)
        url, path = (c, m["hpath"]) if m["host"] else (f"{parts.scheme}://{parts.netloc}" + c, m["path"])
        assert url == urljoin(base, c) and path == urlsplit(url).path, (base, c)
        for element_tag, attr in (("a", "href"), ("img", "src"), ("video", "poster"), ("track", "src")):
            want = (url, links.guess_kind(url, element_tag, attr))
            # extract's remembered shortcut: the same answer, asked afresh or again
            assert links._simple_url.__wrapped__(f"{parts.scheme}://{parts.netloc}", c, element_tag, attr) == want
            assert links._simple_url(f"{parts.scheme}://{parts.netloc}", c, element_tag, attr) == want
    assert tried > 1000


def test_hosts_read_off_plain_urls_are_urlsplits():
    rng = random.Random(9)
    alphabet = list("aZ09.-:/?#@[]\t ") + ["http://", "https://", "HTTP://", "x.org", ":80", "é"]
    tried = 0
    for _ in range(30_000):
        url = rng.choice(["http://", "https://", "HTTPS://", ""]) + "".join(rng.choice(alphabet) for _ in range(6))
        m = link_external_warning._PLAIN_WEB_URL.match(url)
        if m:
            tried += 1
            parts = urlsplit(url)
            assert (m[1].lower(), m[2].lower()) == (parts.scheme, (parts.hostname or "").lower()), url
    assert tried > 1000


# -- element selection without a scan of every element --------------------------------------------------

def test_selection_shortcuts_find_what_their_xpath_finds():
    for r in resources():
        tree = r.tree
        assert link_purpose._links(r) == link_purpose._LINKS(tree)
        images = img_alt._IMAGES(tree) if dom.with_role_token(tree, "img") else list(dom.elements(tree, "img"))
        assert images == img_alt._IMAGES(tree)
        for token in ("img", "link", "button", "heading"):
            assert dom.with_role_token(tree, token) == tree.xpath(
                f"//*[contains(concat(' ', normalize-space(@role), ' '), ' {token} ')]")
        assert list(audio_transcript._candidates(tree)) == audio_transcript._CANDIDATES(tree)
        assert list(embedded_player_captions._embeds(tree)) == embedded_player_captions._EMBEDS(tree)
        assert list(third_party_unapproved._loaders(tree, False)) == third_party_unapproved._LOADERS(tree)
        assert list(third_party_unapproved._loaders(tree, True)) == third_party_unapproved._ALL_LOADERS(tree)
        assert carousel_speed._marked(tree) == carousel_speed._DATA(tree)
        assert [el for el in dom.elements(tree, word_paste.etree.Element) if ":" in el.tag] == \
            word_paste._OFFICE_TAGS(tree)
        for tags in (("blink", "marquee"), ("img",), ("meta",), ("video",), ("script",), ("a", "area", "img")):
            assert list(dom.elements(tree, *tags)) == tree.xpath(" | ".join(f"//{t}" for t in tags))


def test_audio_links_are_still_found_in_odd_hrefs():
    for href in ("/song.MP3", "/a.m\tp3", "/x.ogg?x=1", "http://[bad/x.mp3"):
        el = make_resource("https://x.org/p.html", f'<a href="{href}">s</a>'.encode()).tree.find(".//a")
        try:
            path = urlsplit(href).path.lower()
        except ValueError:
            with pytest.raises(ValueError):
                audio_transcript._audio(el)
            continue
        assert (audio_transcript._audio(el) is not None) == path.endswith(audio_transcript.AUDIO_EXTENSIONS)


# -- regular expressions written to be fast ---------------------------------------------------------------

def test_trigger_words_are_found_where_finditer_finds_them():
    rng = random.Random(7)
    frags = ["allerg", "asthma", "born", "d.o.b", "dob", "do.b", "epi-pen", "failed ", "gpa", "grades of ",
             "health plan", "iep", "marks of ", "occupational therapy", "pupil id", "report card", "504 plan",
             "seizure", "scores is ", "student id", "student-number", "s", "a", "g", "d", " ", "-", "x", "e", ".",
             "student", "students", "pupil", "grade", "grades", "mark", "score", "scored", "health ", "special ",
             "i", "n", "#", "o", "f", "w", ":", "=", "p", "\t", "\n", "\xa0", "\u2003", "\u3000", "\x85", "é", "İ",
             "\U0001f600", "point", "ed", "is", "was", "no", "number", "education", "needs", "individualized ed"]
    for _ in range(40_000):
        s = "".join(rng.choice(frags) for _ in range(rng.randint(1, 12)))
        assert student_pii._trigger_spans(s) == [m.span() for m in student_pii._TRIGGER.finditer(s)], s
    for r in resources():
        for text in (student_pii._BODY_TEXT(r.tree), r.text):
            low = text.lower()
            assert student_pii._trigger_spans(low) == [m.span() for m in student_pii._TRIGGER.finditer(low)]


def test_the_trigger_seeds_know_every_space():
    """_TRIGGER_SEEDS spell out what may follow "student", "grade", ... : every character \\s matches."""
    every = "".join(map(chr, range(0x110000)))
    assert student_pii._SPACES == "".join(re.findall(r"\s", every))


def test_name_and_sentence_regexes_match_their_look_behind_first_forms():
    chain = re.compile(rf"(?<![\w'’.-]){privacy._WORD}(?!\w)(?:[ \t\xa0]+{privacy._WORD}(?!\w))*")
    sentence = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])|\s+[|•·]\s+")
    rng = random.Random(3)
    alphabet = list("AaBbZzé É.'’- \t\xa0,;1_|•·(!?\n") + ["Maya", "Lopez", "O'", "St.", "Jr.", ". A", " | "]
    for _ in range(40_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in privacy._CHAIN.finditer(s)] == [m.span() for m in chain.finditer(s)], s
        assert [m.span() for m in student_pii._SENTENCE.finditer(s)] == [m.span() for m in sentence.finditer(s)], s


def test_lower_is_str_lower():
    rng = random.Random(5)
    for _ in range(5_000):
        s = "".join(chr(rng.choice((rng.randrange(256), rng.randrange(0x3000)))) for _ in range(rng.randint(0, 30)))
        assert dom.lower(s) == s.lower()


# -- link-external-warning --------------------------------------------------------------------------------

def plain_warning_places(el) -> list[str]:
    """The texts link-external-warning looks for a warning in, gathered the plain way: the link's name
    and text, its aria-label, title and alt, what aria-describedby names, a bracketed note after it and
    the icons beside it."""
    lew = link_external_warning
    places = [dom.accessible_name(el), dom.text(el), el.get("aria-label") or "", el.get("title") or "",
              el.get("alt") or ""]
    places += [dom.text(x) for x in dom.referenced(el, "aria-describedby")]
    tail = el.tail or ""
    m = lew._BRACKETED.match(tail)
    if m:
        places.append(m.group(1))
    if not tail.strip():
        places.append(lew._icon_text(lew._sibling(el, "next")))
    before = lew._sibling(el, "previous")
    if before is not None and not (before.tail or "").strip():
        places.append(lew._icon_text(before))
    return places


def plain_external_warnings(resource, config) -> list[tuple]:
    """link-external-warning as it was: urlsplit and config.is_internal for every link, each text
    normalised and searched for a warning afresh. (selector, message, severity) of each finding."""
    lew = link_external_warning
    warning = lew._phrases(tuple(config.get("external_warning_phrases")))
    page_host = urlsplit(resource.url).hostname or ""
    out = []
    for link in links.extract(resource):
        el = link.element
        if link.attr != "href" or dom.tag(el) not in ("a", "area"):
            continue
        try:
            parts = urlsplit(link.url)
            scheme, host = parts.scheme, (parts.hostname or "").lower()
        except ValueError:
            continue
        if scheme.lower() not in ("http", "https") or not host or config.is_internal(host, page_host):
            continue
        if dom.is_hidden(el):
            continue
        said = [lew._normal.__wrapped__(t) for t in dict.fromkeys(plain_warning_places(el))]
        if any(warning.search(t) for t in said):
            continue
        name = dom.accessible_name(el) or dom.text(el)
        what = f'link "{name[:80]}"' if name else f"link to {links.redact(link.url)[:80]}"
        message = (f"{what} goes to {host}, outside the district, with no written warning that it leaves "
                   "the district website")
        if any(lew._NEW_WINDOW.search(t) for t in said):
            message += ' ("new window" is not a warning that the visitor leaves the district)'
        hint = lew._EXTERNAL_HINT.search(" ".join((el.get("class") or "", el.get("rel") or "")))
        if hint:
            out.append((resource.selector(el), message + f'; it is marked "{hint.group(0)}", so a stylesheet may '
                        "draw an icon: make sure the warning is also text a screen reader announces", "warning"))
        else:
            out.append((resource.selector(el), message, "error"))
    return out


def test_external_link_warnings_are_the_plain_ones():
    from webaudit.registry import all_checks
    from webaudit.run import check_resource

    chk = all_checks()["link-external-warning"]
    configs = [Config(), Config(district_domains=("partner3.example.com", "ORG")),
               Config(options={"external_warning_phrases": ["partner *", "this site", "link"]})]
    extra = ('<p><a href="https://partner1.example.com/">Partner 1</a> <a href="https://partner1.example.com/x"'
             ' class="external">Partner 1</a> <a href="HTTPS://Partner1.Example.COM:8080/">P</a>'
             ' <a href="https://[::1]/">v6</a> <a href="https://u:p@partner2.example.com/">u</a>'
             ' <a href="https://www.pta.org/" title="Opens in a new window">PTA</a> (external site)'
             ' <a href="https://www.pta.org/">PTA</a><img src="/e.svg" alt="External link">'
             ' <a hidden href="https://h.example.com/">h</a> <a href="ftp://f.example.com/">f</a></p>')
    found = 0
    for url, html in PAGES[:60] + [("https://lincoln.k12.example.org/s.html", staff_page(i).replace(
            "<main>", "<main>" + extra, 1)) for i in range(8)]:
        for config in configs:
            r = make_resource(url, html.encode("utf-8"))
            got = [(f.selector, f.message, str(f.severity)) for f in check_resource(r, [chk], config)]
            want = [(sel, msg, str(Severity.parse(sev))) for sel, msg, sev in plain_external_warnings(r, config)]
            assert got == want, url
            found += len(got)
    assert found > 300


# -- placing findings -------------------------------------------------------------------------------------

def plain_position(resource, el, memo) -> tuple:
    """Resource.position as it was: a regex over the 21 lines before the end of the start tag."""
    end_line = el.sourceline
    if not end_line or not isinstance(el.tag, str) or not resource.text:
        return end_line, None
    ends = [m.end() for m in re.finditer("\n", resource.text)] + [len(resource.text)]
    if end_line > len(ends):
        return end_line, None
    key = (el.tag, end_line)
    if key not in memo:
        group = [e for e in resource.tree.iter(el.tag) if e.sourceline == end_line] or [el]
        stop, start = ends[end_line - 1], (ends[end_line - 22] if end_line > 21 else 0)
        opens = [m.start() for m in _open_tag(el.tag).finditer(resource.text, start, stop)]
        if opens and ">" not in resource.text[opens[-1]:stop]:
            opens.pop()
        memo[key] = dict(zip(group, opens[-len(group):])) if len(opens) >= len(group) else {}
    offset = memo[key].get(el)
    if offset is None:
        return end_line, None
    line = bisect_right(ends, offset) + 1
    return line, offset - (ends[line - 2] if line > 1 else 0) + 1


def plain_selector(resource, el) -> str:
    parts = []
    while el is not None and isinstance(el.tag, str):
        ident = el.get("id")
        if ident and _CSS_IDENT.match(ident) and resource.id_counts.get(ident) == 1:
            parts.append("#" + ident)
            break
        parent = el.getparent()
        if parent is None:
            parts.append(el.tag.lower())
            break
        same = list(parent.iterchildren(el.tag))
        parts.append(f"{el.tag.lower()}:nth-of-type({same.index(el) + 1})" if len(same) > 1 else el.tag.lower())
        el = parent
    return " > ".join(reversed(parts))


def test_positions_and_selectors_are_the_plain_ones():
    rng = random.Random(2)
    for r in resources():
        memo: dict = {}
        elements = [e for e in r.tree.iter() if isinstance(e.tag, str)]
        rng.shuffle(elements)
        for el in elements[:400]:
            assert r.position(el) == plain_position(r, el, memo), (r.url, el.tag, el.sourceline)
            assert r.selector(el) == plain_selector(r, el), (r.url, el.tag)


# -- per-document answers -------------------------------------------------------------------------------

def plain_is_hidden(el) -> bool:
    while el is not None:
        if isinstance(el.tag, str) and (
                el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true"
                or (el.get("style") and dom._HIDDEN_STYLE.search(el.get("style")))
                or el.tag in dom._NEVER_RENDERED or (el.tag == "input" and (el.get("type") or "").lower() == "hidden")):
            return True
        el = el.getparent()
    return False


def test_is_hidden_remembers_the_plain_answers():
    rng = random.Random(4)
    marks = ["hidden", 'aria-hidden="true"', 'aria-hidden=" TRUE"', 'aria-hidden="false"', 'style="display:none"', ""]
    for r in resources()[-12:]:
        page = re.sub(r"<(p|li|ul|figure|nav|footer)>", lambda m: f"<{m[1]} {rng.choice(marks)}>", r.text)
        page = page.replace("<main>", "<main><template><a href=x>t</a></template><noscript>n</noscript>", 1)
        tree = make_resource(r.url, page.encode()).tree
        nodes = list(tree.iter())
        rng.shuffle(nodes)
        assert [dom.is_hidden(n) for n in nodes] == [plain_is_hidden(n) for n in nodes]


def test_names_and_texts_are_remembered_not_changed():
    for r in resources()[:40]:
        for el in r.tree.iter("a", "button", "img", "h2", "td", "label"):
            assert dom.accessible_name(el) == dom.accessible_name.__wrapped__(el)
            assert dom.text(el) == dom.text.__wrapped__(el)


def test_link_purpose_remembers_the_plain_generic_answers():
    """link-purpose keeps _generic's answer per (name, words): asked twice, with other words, the same."""
    generics = (frozenset(w.lower() for w in Config().get("generic_link_words")), frozenset({"partner", "here"}))
    for r in resources()[:40]:
        for el in r.tree.iter("a", "area"):
            name = dom.accessible_name(el)
            for generic in generics * 2:
                assert link_purpose._generic(name, generic) == link_purpose._generic.__wrapped__(name, generic)


# -- CSS: a look at the raw text before parsing it -------------------------------------------------------

@pytest.mark.parametrize("css", ["animation: b 1s infinite", "ANIMATION-NAME: b", r"anim\61tion: b 1s",
                                 "text-decoration: BLINK", r"text-decoration: bl\69nk"])
def test_the_css_screen_never_hides_a_declaration(css):
    for html in (f'<p style="{css}">x</p>', f"<style>.a {{ {css} }}</style><p class=a>x</p>"):
        r = make_resource("https://x.org/p.html", f"<html><body>{html}</body></html>".encode())
        names = {d.name for rule in css_of(r).rules for d in rule.declarations}
        said = " ".join(d.text for rule in css_of(r).rules for d in rule.declarations).lower()
        if any("animation" in n for n in names):
            assert mentions(r, "animation")
        if "blink" in said:
            assert mentions(r, "blink")
    plain = make_resource("https://x.org/p.html", b'<html><body><p style="color: red">x</p></body></html>')
    assert not mentions(plain, "animation") and not mentions(plain, "blink")


def test_option_defaults_come_from_the_first_check_declaring_them():
    assert Config().get("alt_max_length") == 250
    assert Config(options={"alt_max_length": 9}).get("alt_max_length") == 9
    assert Config().get("no-such-option", "fallback") == "fallback"


# -- start-up ----------------------------------------------------------------------------------------------

def test_listing_the_checks_loads_no_heavy_library():
    """`webaudit check page.html` and every worker list the checks first: numpy, pypdf, Pillow, PyAV and
    requests load only when a check or the link checker needs them."""
    code = ("import sys, webaudit.registry as r; r.all_checks(); "
            "print(sorted(m for m in ('numpy', 'pypdf', 'PIL', 'av', 'requests') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- shared style scans, text screens and skipped loops of the heading, table, Word and audio checks -------

WORD_EXTRA = ('<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->'
              '<style>p.MsoNormal { mso-style-parent: ""; font-size: 11pt }</style><!--[if !supportLists]-->'
              '<p class="MsoTitle" style="MSO-line-height-alt: 2pt; font-weight: bold">Title</p><!--[endif]-->'
              '<st1:place><w:Sdt>x</w:Sdt></st1:place><p class="msotitle x" style="font:bold 20px serif">y</p>'
              '<h2 role="none" aria-label="x">a</h2><h3 aria-level="5">b</h3><div role="heading">c</div>'
              '<h4 role=" ">d</h4><H5>e</H5><table><tr><td colspan="2">a</td><td scope="row">b</td></tr>'
              '<tr><td>1</td><td role="rowheader" id="h">2</td><td headers="h">3</td></tr></table>'
              '<table><tr><td><span>Mon</span> 1</td><td>2<br>3</td></tr><tr><td>x</td><td></td></tr></table>'
              '<table scope="x" abbr="y"><col><tr><td abbr="a">\xa0a\u2003 b\n</td><td axis="q">1</td></tr></table>'
              '<table><caption>c</caption><thead><tr><td>1</td></tr></thead><tfoot></tfoot></table>')


def styled_resources():
    out = resources()
    for i in range(6):
        page = staff_page(i).replace("<main>", "<main>" + WORD_EXTRA, 1)
        out.append(make_resource("https://lincoln.k12.example.org/w.html", page.encode("utf-8")))
    return out


def test_shared_style_scans_find_what_the_xpaths_find():
    from webaudit.checks import fake_heading
    from webaudit.cssmotion import style_attributes, style_blocks

    for r in styled_resources():
        tree = r.tree
        assert style_attributes(r) == tree.xpath("//@style") and style_blocks(r) == tree.xpath("//style")
        assert [a.getparent() for a in style_attributes(r)] == tree.xpath("//*[@style]")
        # word-paste and fake-heading filter the shared scan as their own XPath did
        assert [a.getparent() for a in style_attributes(r) if "mso-" in a] == \
            [a.getparent() for a in tree.xpath("//@style[contains(., 'mso-')]")]
        assert [a for a in style_attributes(r) if "font" in a] == tree.xpath("//@style[contains(., 'font')]")
        assert word_paste._MSO_CLASSES(tree) == tree.xpath("//@class[contains(., 'Mso')]")
        assert carousel_speed._DATA_ATTRS(tree) == tree.xpath("//@*[starts-with(name(), 'data-')]")
        # the text screens only skip scans that find nothing
        if not ("[" in r.text and "[if" in r.text):
            assert word_paste._COMMENTS(tree) == []
        assert fake_heading._WORD_CLASSES(tree) == tree.xpath(
            "//@class[contains(., 'MsoTitle') or contains(., 'MsoSubtitle') or contains(., 'MsoHeading')]")


def test_audio_links_are_left_out_only_when_none_is_audio():
    """audio-transcript takes _players instead of _candidates when _links_may_be_audio says no link can be."""
    skipped = 0
    for r in styled_resources():
        if audio_transcript._links_may_be_audio(r):
            continue
        skipped += 1
        every = list(audio_transcript._candidates(r.tree))
        assert all(audio_transcript._audio(el) is None for el in every if el.tag == "a")
        assert audio_transcript._players(r.tree) == [el for el in every if el.tag != "a"]
    assert skipped > 20
    rng = random.Random(11)
    alphabet = list("./:?#[]\t\nMmPp3OoGgAaWwVvé ") + [".mp3", ".MP3", ".oga", ".Opus", "&#46;", "&amp;", "http://"]
    for _ in range(3_000):
        href = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        r = make_resource("https://x.org/p.html", f'<p><a href="{href}">s</a><a href="/x.html">t</a></p>'.encode())
        if not audio_transcript._links_may_be_audio(r):
            assert all(audio_transcript._audio(el) is None for el in r.tree.iter("a")), href


def plain_heading_level(el):
    """dom.heading_level without its shortcut for a plain h1-h6."""
    t = dom.tag(el)
    native = len(t) == 2 and t[0] == "h" and t[1] in "123456"
    explicit = (el.get("role") or "").strip().lower().split()[:1]
    if explicit and explicit[0] != "heading":
        if not (native and explicit[0] in dom._LAYOUT_ROLES and dom._conflicts_with_presentation(el)):
            return None
    elif not native and not explicit:
        return None
    lvl = (el.get("aria-level") or "").strip()
    if lvl.isdigit() and 0 < int(lvl) < 10:
        return int(lvl)
    return int(t[1]) if native else 2


def test_headings_and_tables_from_one_walk_are_the_plain_ones():
    for n, r in enumerate(styled_resources()):
        for el in r.tree.iter():
            assert dom.heading_level(el) == plain_heading_level(el)
        # either may be asked first: the other then comes from the same walk
        tree = make_resource(r.url, r.text.encode("utf-8")).tree
        first, second = (dom.tables, dom.headings) if n % 2 else (dom.headings, dom.tables)
        first(tree), second(tree)
        assert dom.tables(tree) == list(tree.iter("table"))
        heads = dom._HEADINGS(tree) if dom.with_role(tree, "heading") else tree.iter(*dom._H_TAGS)
        assert dom.headings(tree) == [(el, level) for el in heads
                                      if (level := plain_heading_level(el)) is not None and not dom.is_hidden(el)]


def test_table_shortcuts_are_the_plain_ones():
    from webaudit.checks import table_headers, th_has_data_cells

    for r in styled_resources():
        for table in r.tree.iter("table"):
            for row in dom.table_rows(table):
                cells = list(row.iterchildren("td", "th"))
                assert cells == [c for c in row if dom.tag(c) in ("td", "th")]
                if not table_headers._COLSPANS(table):
                    assert table_headers._width(cells) == len(cells)
                for c in cells:
                    words = " ".join((c.text or "").split() if len(c) == 0 else "".join(c.itertext()).split())
                    assert words == dom.norm("".join(c.itertext()))
            assert dom._DATA_MARKUP(table) == table.xpath(".//@scope | .//@headers | .//@abbr | .//@axis"
                                                          " | ./colgroup | ./col")
            for part in ("caption", "thead", "tfoot"):
                assert next(table.iterchildren(part), None) is table.find(part)
            # is_header_cell is asked only about cells that may be headers
            assert any(dom.is_header_cell(c) for c in table.iter("td", "th")) == \
                any(dom.is_header_cell(c) for c in table.iter("td", "th")
                    if c.tag == "th" or c.get("role") is not None or c.get("scope") is not None)
            plain = [[c for c in row if c.tag == "td" or c.tag == "th"] for row in dom.table_rows(table)]
            grid = th_has_data_cells._Grid.of(table)
            if grid is not None and not th_has_data_cells._SPANS(table):
                assert grid.rows == plain
            for cell, box in (grid.boxes.items() if grid is not None else ()):  # remembered per rows, asked afresh
                assert grid.direction(cell, box) == th_has_data_cells._Grid(grid.rows, grid.boxes).direction(cell, box)


# -- the link checks: links out, the shared list of links, screens ----------------------------------------

def _odd_href_pages():
    """Pages of random hrefs (schemes, slashes, tabs and newlines that urlsplit removes, brackets), some
    with a <base> on another host or on the page's own."""
    rng = random.Random(11)
    parts = ["/", "//", ":", "\t", "\n", " ", "#", "?", "a", "x.org", "http", "https", "HTTP", "mailto", "tel",
             "[", "]", "..", ".", "@", "%20", "é", "\x01", "lincoln.k12.example.org", "www"]
    pages = []
    for i in range(60):
        hrefs = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 7))) for _ in range(40)]
        hrefs += ["/\t/x.org/", "/\n/x.org", "/\r\n/x.org", "\x01//x.org", "//x.org", "http:x", "https:x.org",
                  "HTTP://X.ORG", "x.org:80/", "/a//b", "?q", "#f", ""]
        base = ["", '<base href="https://other.example.org/d/">', '<base href="/d/">', '<base href="//x.org">'][i % 4]
        body = "".join(f'<a href="{h}">l</a><area href="{h}">' for h in hrefs)
        url = ["https://lincoln.k12.example.org/p.html", "file:///srv/p.html", "http://LINCOLN.k12.example.org"][i % 3]
        pages.append((url, f"<html><head>{base}</head><body>{body}</body></html>"))
    return pages


def test_links_out_are_what_extract_gives_less_paths_onto_the_page_host():
    for r in resources() + [make_resource(url, html.encode()) for url, html in _odd_href_pages()]:
        want = [(k.element, k.url) for k in links.extract(r) if k.attr == "href" and k.element.tag in ("a", "area")]
        got = links.outbound_links(r)
        left = iter(want)
        assert all(pair in left for pair in got), r.url  # the same links, in the same order ...
        page_host = urlsplit(r.url).hostname
        for el, url in want:  # ... less those that resolve onto the page's own host
            if (el, url) not in got:
                assert urlsplit(url).hostname == page_host, (r.url, el.get("href"), url)


def test_the_shared_list_of_links_is_every_a_and_area():
    from webaudit.checks import link_name

    for r in resources():
        assert links.link_elements(r) == list(dom.elements(r.tree, "a", "area"))
        assert link_name._candidates(r) == dom.tags_and_roles(r.tree, ("a",), link_name.LINK_ROLES)


def test_roles_link_purpose_takes_for_granted():
    """link-purpose asks role() only of elements with a role attribute: without one, an a or area with an
    href is a link, and only h1-h6 are headings."""
    for r in resources():
        for el in r.tree.iter():
            if isinstance(el.tag, str) and el.get("role") is None:
                if el.tag in ("a", "area") and el.get("href") is not None:
                    assert dom.role(el) == "link"
                assert (dom.role(el) == "heading") == (dom.tag(el) in link_purpose._HEADINGS)


def test_the_fragment_screen_never_hides_a_fragment_href():
    from webaudit.checks import link_broken

    rng = random.Random(12)
    refs = ["#x", "&#35;x", "&#x23;y", "&num;z", "&NUM;z", "&num", "&amp;", "&lt;", "a", "/p", " "]
    htmls = [text for _, text in PAGES]
    htmls += ['<a href="' + "".join(rng.choice(refs) for _ in range(rng.randint(1, 5))) + '">l</a>' + "&amp;" * n
              for n in (0, 3, 20) for _ in range(300)]
    screened = 0
    for html in htmls:
        r = make_resource("https://lincoln.k12.example.org/p.html", html.encode())
        if not link_broken._may_have_fragments(r.text):
            screened += 1
            assert not link_broken._FRAGMENT_HREFS(r.tree), html
    assert screened > 100


def test_hosts_of_links_out_are_urlsplits():
    rng = random.Random(13)
    alphabet = list("aZ09.-:/?#@[]\t ") + ["http://", "https://", "HTTP://", "ftp://", "x.org", ":80", "é"]
    for _ in range(20_000):
        url = rng.choice(["http://", "https://", "HTTPS://", "ftp://", ""]) + "".join(
            rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        try:
            parts = urlsplit(url)
            want = (parts.hostname or "").lower() if parts.scheme in ("http", "https") else ""
        except ValueError:
            want = ""
        assert link_external_warning._web_host(url) == want, url


def test_word_paste_orders_nodes_as_a_walk_does():
    rng = random.Random(12)
    for r in styled_resources()[-30:] + [make_resource("https://x.org/o.html", html.encode()) for html in OUTSIDE]:
        nodes = [n for n in r.tree.iter() if rng.random() < 0.05]
        nodes += [n for top in r.tree.itersiblings() for n in top.iter()][:3]  # past </html>
        for _ in range(20):
            some = rng.sample(nodes, min(len(nodes), rng.randint(1, 4)))
            if some:
                wanted = set(some)
                assert word_paste._in_document_order(r.tree, some) == \
                    next((n for n in r.tree.iter() if n in wanted), some[0])


# -- student-pii and student-photo-with-name ---------------------------------------------------------------

TRIGGER_PAGES = ("<html><body><p>Maya Lopez GPA 3.9</p><script>var grade = 'GPA 4.0'</script>student ID 12345"
                 "<style>.iep{}</style> after the style: IEP <b>report</b> card<br>İ GPA and ALLERGY</body></html>",
                 "<p>STUDENT Id 2045187 \u212a mark of A</p><table><tr><td>Born 03/14/2015</td></tr></table>",
                 "<html><body><p>x grade of B</p></body></html><p>after html: asthma</p>",
                 "<div>Ünïcödé “quoted” — grade is A– <i>GPA</i> 3.2 ’ Dyslexia\xa0504 plan</div>")


def _trigger_resources():
    return resources() + [make_resource("https://x.org/t.html", html.encode()) for html in TRIGGER_PAGES]


def test_lowered_trigger_spans_are_the_plain_ones():
    rng = random.Random(17)
    frags = ["GPA", "gpa", "Grade ", "grade of ", "Student ID", "IEP", "Born", "REPORT CARD", "À", "É", "ß", "µ", "ÿ",
             "×", "\xa0", "\x85", "\u2003", "’", "İ", "\u212a", "mar", "k", "MARK of ", "s", " ", "-", "no", ".", "é",
             "—", "Ω", "Ÿ", "ǅ", "٣", "\U0001f600", "\u3000", "nö", "no’"]
    texts = ["".join(rng.choice(frags) for _ in range(rng.randint(0, 12))) for _ in range(40_000)]
    texts += [student_pii._BODY_TEXT(r.tree) for r in _trigger_resources()]
    for s in texts:
        low, spans = student_pii._lowered_spans(s)
        assert spans == [m.span() for m in student_pii._TRIGGER.finditer(s.lower())], s
        assert [low[a:b] for a, b in spans] == [s.lower()[a:b] for a, b in spans], s


def plain_trigger_nodes(tree) -> list:
    """student_pii._trigger_nodes as it was: every text node, str.lower() and the trigger regex."""
    nodes = student_pii._TEXT_NODES(tree)
    low = "".join(t.lower() for t in nodes)
    starts = [0]
    for t in nodes:
        starts.append(starts[-1] + len(t.lower()))
    hits = {bisect_right(starts, m.start()) - 1 for m in student_pii._TRIGGER.finditer(low)}
    return [nodes[i] for i in sorted(hits) if nodes[i].getparent().tag not in ("script", "style")]


def test_trigger_nodes_are_the_plain_ones():
    for r in _trigger_resources():
        got, want = student_pii._trigger_nodes(r.tree), plain_trigger_nodes(r.tree)
        assert [(str(n), n.getparent(), n.is_tail) for n in got] == [(str(n), n.getparent(), n.is_tail) for n in want]


def test_header_cells_are_the_plain_ones():
    nested = make_resource("https://x.org/n.html", b"<table><thead><tr><td>a<table><tr><th>x</th><td>y</td></tr></table>"
                           b"</td><th>b</th></tr></thead><tr><td>1</td></tr></table><th>stray</th><thead><td>z</td>")
    no_thead = make_resource("https://x.org/t.html", b"<table><tr><th>A</th><td>b<table><tr><th>x</th></tr></table>"
                             b"</td></tr></table><p><th>stray</th></p></html>"
                             b"<table><tr><th>after html</th></tr></table>")
    for r in _trigger_resources() + [nested, no_thead]:
        assert student_pii._header_cells(r.tree) == student_pii._HEADER_CELLS(r.tree)


def test_header_kinds_are_the_plain_ones():
    """_records reads a header's kinds from _header_kinds(cell.text) for a cell without children."""
    texts = ["Date of birth", " GPA\n", "Allergies / IEP", "Student ID", "Name", "", None, "Birth date and grades",
             "\xa0Medical\tnotes ", "DOB", "Scores", "Student  number", "Grade point average and report cards"]
    for r in _trigger_resources():
        texts += [c.text for c in student_pii._HEADER_CELLS(r.tree)]
    for raw in texts:
        cell = make_resource("https://x.org/c.html", b"<table><tr><th></th></tr></table>").tree.find(".//th")
        cell.text = raw
        matches = student_pii._HEADER.finditer(student_pii._text(cell))
        plain = {k for m in matches for k, v in m.groupdict().items() if v}
        assert student_pii._header_kinds(raw) == tuple(plain), raw


def test_sentences_found_from_the_stop_are_the_plain_ones():
    rng = random.Random(19)
    alphabet = list("AaBbZzé É.'’- \t\xa0\x85,;1_|•·(!?\n") + ["Maya", "Lopez", "St.", ". A", " | ", "\u2003"]
    for _ in range(40_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        want, at = [], 0
        for m in student_pii._SENTENCE.finditer(s):
            want.append((at, s[at:m.start()]))
            at = m.end()
        assert student_pii._sentences(s) == want + [(at, s[at:])], s


def test_the_quick_look_for_student_addresses_is_the_plain_one():
    rng = random.Random(23)
    alphabet = list("aAsStTuUdDeEnN@.-kK \xa0é’ß") + ["\u0130", "\u212a", "@student", "@STUDENT", "K12", "\ud800"]
    needles = [("@student",), ("k12.example.org", "s.org"), ("",), ("é",), ("ks",), ("students.k12",)]
    for _ in range(40_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        for n in needles:
            assert student_pii._in_lower(s, n) == any(x in s.lower() for x in n), (s, n)


def test_staff_page_headings_are_the_plain_xpaths():
    from lxml import etree

    plain = etree.XPath("(//title)[1]//text() | (//h1)[1]//text()")
    more = ["<h1>Staff <b>Directory</b></h1><title>x</title><h1>Two</h1>", "<svg><title>Logo</title></svg><h1>A</h1>"]
    for r in resources() + [make_resource("https://x.org/h.html", html.encode()) for html in more]:
        assert privacy._HEADS(r.tree) == plain(r.tree)


def test_fake_heading_reads_the_end_of_a_line_as_its_walk_does():
    """_looks_like_heading lets a line go when _last_piece ends a sentence: _styled_text's text ends there too."""
    from webaudit.checks import fake_heading

    rng = random.Random(13)
    pieces = ["Budget", "Budget.", " ", "\xa0", "x,", "; ", "<b>", "</b>", "<strong>", "</strong>", "<span>", "</span>",
              '<span style="font-size:20px">', '<span hidden>', '<span aria-hidden="true">',
              '<span style="display:none">',
              "<script>a.</script>", "<!-- c. -->", "<br>", "<o:p></o:p>", "<i>", "</i>", "<div>", "<input>",
              "<font size=5>", "</font>", "<style>.</style>", "<noscript>n.</noscript>", "<small>", "</small>"]
    tried = 0
    for _ in range(4_000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        cls = rng.choice(["", ' class="MsoTitle"', ' class="MsoNormal"'])
        tree = make_resource("https://x.org/p.html", f"<html><body><p{cls}>{body}</p></body></html>".encode()).tree
        for para in tree.iter("p"):
            got = fake_heading._styled_text(para, 80, need_style=False)
            last = fake_heading._last_piece(para)
            if got is not None and got[0]:
                tried += 1
                assert got[0].endswith(fake_heading._SENTENCE_END) == last.rstrip().endswith(fake_heading._SENTENCE_END)
            if last is not None and last.rstrip().endswith(fake_heading._SENTENCE_END):
                assert got is None or not got[0] or got[0].endswith(fake_heading._SENTENCE_END), body
    assert tried > 1000


def test_extracts_links_are_links():
    """extract makes its Links without Link.__init__ (links._link): the same objects, field for field."""
    for args in (("https://x.org/a", " /a ", None, "href", "html"), ("file:///p.pdf", "p.pdf", object(), "src", None)):
        made, plain = links._link(*args), links.Link(*args)
        assert made == plain and repr(made) == repr(plain) and hash(made) == hash(plain)
        assert type(made) is links.Link and vars(made) == vars(plain)
        with pytest.raises(AttributeError):
            made.url = "changed"  # still frozen


def _work_pages():
    """Pages of links and embeds to work files and others: odd references, srcset lists, attributes
    extract reads on any element (an <a data=...>), a <base>."""
    rng = random.Random(29)
    parts = ["a.pdf", "B.PDF", "x.jpg", "y.docx", "?dl=1", "#p", " ", ",", " 2x", "mailto:", "data:", "javascript:",
             "/", "//x.org/", "http://", "..", "%20", "\t", "é", "[", "a.gif", ".pptx", "z.html", "#"]
    pages = []
    for i in range(80):
        values = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 5))) for _ in range(12)]
        body = "".join([f'<a href="{v}">poem by Maya R.</a>', f'<a href="{v}" srcset="{w}" data="{w}">x</a>',
                        f'<a>no href {v}</a>', f'<embed src="{v}">', f'<object data="{v}" src="{w}"></object>',
                        f'<iframe src="{v}" srcset="{w}, {v} 2x"></iframe>', f'<a href="{v}"><img src="{w}"></a>',
                        f'<a poster="{v}" href="{w}">p</a>', f'<embed data="{v}">'][j % 9]
                       for j, (v, w) in enumerate(zip(values, values[3:] + values[:3])))
        base = ["", '<base href="https://other.example.org/d/">', '<base href="/d/">'][i % 3]
        url = ["https://lincoln.k12.example.org/p.html", "file:///srv/p.html", "http://x.org/a/b.html#f"][i % 3]
        pages.append(make_resource(url, f"<html><head>{base}</head><body>{body}</body></html>".encode()))
    return pages


def test_work_links_are_the_plain_ones():
    from webaudit.checks import student_photo_with_name as photo

    with_works = 0
    for r in resources() + [make_resource(u, t.encode()) for u, t in _odd_href_pages()] + _work_pages():
        want = [link.element for link in links.extract(r) if link.kind in photo._WORK_KINDS
                and link.element.tag in photo._WORK_TAGS and photo._is_work_file(link.raw)]
        assert photo._work_links(r, list(dom.elements(r.tree, *photo._WORK_TAGS))) == want
        with_works += bool(want)
    assert with_works > 50


# -- names, texts, candidates: the shortcuts against the plain computations they replace ---------------------

def plain_text(el, *, in_labelledby: bool = False) -> str:
    """dom.text as it was: every question asked of every node with get(), one stack of (node, is_root)."""
    if len(el) == 0 and isinstance(el.tag, str):
        return "" if dom.tag(el) in dom._NOT_RENDERED else dom.norm(el.text)
    out: list[str] = []
    stack = [(el, True)]
    while stack:
        node, is_root = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        t = dom.tag(node)
        if not t or t in dom._NOT_RENDERED or (not is_root and (
                node.get("hidden") is not None or (node.get("aria-hidden") or "").strip().lower() == "true"
                or (node.get("style") and dom._HIDDEN_STYLE.search(node.get("style"))))):
            continue
        if not is_root:
            if (t in ("img", "area", "svg") or (t == "input" and (node.get("type") or "").lower() == "image")
                    or (node.get("role") or "").strip().lower() == "img"):
                out.append(" " + dom._embedded_image_name(node, in_labelledby) + " ")
                continue
            label = dom._aria_name(node, in_labelledby)
            if label:
                out.append(" " + label + " ")
                continue
            if t == "select":
                out.append(" " + dom._chosen_options(node) + " ")
                continue
            if "material-" in (node.get("class") or "") and dom.icon_font(node) == "Material Icons":
                continue
            if len(node) == 0 and node.get("title") and not (node.text or "").strip():
                out.append(" " + node.get("title") + " ")
                continue
        items: list = [" "] if t in dom._BLOCK else []
        if node.text:
            items.append(node.text)
        for child in node:
            items.append(child)
            if child.tail:
                items.append(child.tail)
        if t in dom._BLOCK:
            items.append(" ")
        stack.extend((x, False) for x in reversed(items))
    return dom.norm("".join(out))


_TEXT_PIECES = [
    "x", " y ", "<b>", "</b>", "<i class='material-icons'>home</i>", "<i class='fa fa-x'></i>", "<span hidden>h</span>",
    "<span aria-hidden=true>a</span>", "<span aria-hidden=' TRUE '>a2</span>", "<span aria-hidden=false>af</span>",
    "<span style='display:none'>s</span>", "<SPAN STYLE='VISIBILITY:HIDDEN'>v</SPAN>", "<span style=''>e</span>",
    "<span style='color:red'>c</span>", "<img src=a.png alt='pic'>", "<img src=b.png>", "<img alt=''>",
    "<span role=img aria-label=ri>r</span>", "<span role=' IMG '>r2</span>", "<input type=image alt=go>",
    "<input type=IMAGE value=v>", "<select><option>o1<option selected>o2</select>", "<span aria-label='lab'>z</span>",
    "<span aria-label=''>e2</span>", "<span aria-labelledby='t1'>q</span>", "<p id=t1>ref text</p>",
    "<abbr title='tt'></abbr>", "<abbr title='tt2'> </abbr>", "<abbr title='tt3'>w</abbr>", "<span title=''></span>",
    "<script>s()</script>", "<style>.a{}</style>", "<!-- c -->", "<svg><title>st</title></svg>",
    "<svg aria-label=sv></svg>", "<area alt=ar>", "<div>", "</div>", "<br>", "<template>t</template>",
    "<noscript>n</noscript>", "<span class='x material-symbols-outlined'>m</span>", "<td>cell</td>", "<li>item</li>",
]


def _text_pages():
    rng = random.Random(31)
    wraps = ["a href=x", "button", "label", "p", "td", "h2", "a href=y role=img", "div role=button",
             "span aria-label=L", "summary", "th", "div role=link", "span role=checkbox"]
    for _ in range(1500):
        body = "".join(rng.choice(_TEXT_PIECES) for _ in range(rng.randint(1, 12)))
        wrap = rng.choice(wraps)
        page = f"<html><body><{wrap}>{body}</{wrap.split()[0]}></body></html>"
        yield make_resource("https://x.org/p.html", page.encode())


def test_texts_are_the_plain_ones():
    for r in list(_text_pages()) + resources()[:20]:
        for el in r.tree.iter():
            assert dom.text.__wrapped__(el) == plain_text(el), (r.text, el)
            assert dom.text.__wrapped__(el, in_labelledby=True) == plain_text(el, in_labelledby=True), (r.text, el)


def test_the_leaf_name_from_content_is_text():
    """accessible_name reads a leaf's text itself (no role() for the tags named from content, no memo)."""
    leaves = 0
    for r in list(_text_pages())[:300] + resources()[:20]:
        for el in r.tree.iter():
            t = dom.tag(el)
            if t and len(el) == 0:
                leaves += 1
                assert ("" if t in dom._NOT_RENDERED else dom.norm(el.text)) == plain_text(el)
            if t in dom._CONTENT_NAMED:
                assert t in ("a", "button", "summary", "th", "td", "caption", "legend", "label")
    assert leaves > 1000


def plain_tags_and_roles(root, tags, roles) -> list:
    found = list(root.iter(*tags))
    for name in roles:
        found.extend(e for e in dom.with_role(root, name) if e.tag not in tags)
    found.sort(key=lambda e: e.sourceline or 0)
    return found


def test_tags_and_roles_are_the_plain_ones():
    from webaudit.checks import form_label

    rng = random.Random(5)
    roles = ["button", "textbox", "BUTTON checkbox", " switch", "img", "", "link button", "combobox"]
    pages = resources()
    for r in resources()[-12:]:
        page = re.sub(r"<(p|li|span|div)>", lambda m: f'<{m[1]} role="{rng.choice(roles)}">', r.text)
        pages.append(make_resource(r.url, page.replace("\n", " \n", 50).encode()))
    for r in pages:
        for tags, names in ((("button", "input", "summary"), ("button",)), (("a",), ("link",)),
                            (("input", "select", "textarea"), form_label.FIELD_ROLES)):
            assert dom.tags_and_roles(r.tree, tags, names) == plain_tags_and_roles(r.tree, tags, names)


def test_attribute_scans_of_the_checks_find_what_their_plain_xpaths_find():
    """/descendant::*/@x visits elements only; //@x every node: the same attributes, in the same order."""
    from webaudit.checks import duplicate_id_aria, form_label

    plain_references = ("//label/@for | //input/@list | //@aria-activedescendant | //@aria-details"
                        " | //@aria-errormessage | //@aria-labelledby | //@aria-describedby | //@aria-controls"
                        " | //@aria-owns | //@aria-flowto | //td/@headers | //th/@headers")
    refs = ('<label for=a>x</label><input list=b id=a><div aria-activedescendant=a aria-details=b aria-errormessage=c'
            ' aria-labelledby="a b" aria-describedby=a aria-controls=a aria-owns=a aria-flowto=a id=b></div>'
            '<table><tr><th id=c headers=a>h</th><td headers="c a">d</td></tr></table>'
            '<span for=a list=b headers=a>s</span>')
    pages = resources() + [make_resource("https://x.org/p.html", (html + refs + html).encode()) for html in OUTSIDE]
    for r in pages:
        got, want = duplicate_id_aria._REFERENCES(r.tree), r.tree.xpath(plain_references)
        assert [(a.getparent(), a.attrname, str(a)) for a in got] == [(a.getparent(), a.attrname, str(a)) for a in want]
        assert [(a.getparent(), str(a)) for a in duplicate_id_aria._ID_ATTRS(r.tree)] == \
            [(a.getparent(), str(a)) for a in r.tree.xpath("//@id")]
        assert form_label._LABEL_FORS(r.tree) == r.tree.xpath("//label/@for")


def test_the_page_title_is_the_first_outside_graphics():
    from webaudit.checks import page_title

    odd = ["<html><head><svg><title>g</title></svg><title>t</title></head></html>", "<title>only</title><p>x</p>",
           "<html><head></head><body><title>late</title></body></html>", "<!-- c --><html><title>a</title></html>",
           "<html><head><meta charset=utf-8></head><body><svg><title>s</title></svg></body></html>",
           "<html><head><title>one</title><title>two</title></head></html>", "<p>no title</p>",
           "<html><head><math><title>m</title></math></head><body><title>b</title></body></html>"]
    pages = resources() + [make_resource("https://x.org/p.html", html.encode()) for html in odd]
    for r in pages:
        plain = next((t for t in r.tree.iter("title") if not page_title._in_graphics(t)), None)
        assert page_title._page_title(r.tree) is plain


def test_img_alt_asks_in_a_cheaper_order_with_the_same_findings():
    """img-alt tests its attributes before is_hidden and describes an image only for a finding."""

    def plain_check(resource, config):
        max_len = config.get("alt_max_length")
        for el in img_alt._IMAGES(resource.tree):
            if dom.is_hidden(el) or (dom.tag(el) == "img" and dom.is_presentational(el) and not el.get("aria-label")):
                continue
            if (dom.tag(el) == "img" and el.get("alt") == "" and not el.get("aria-label")
                    and not el.get("aria-labelledby")):
                continue
            name, what = dom.accessible_name(el), img_alt._describe(el)
            if not name:
                yield el, what, "no name"
            elif img_alt.FILE_NAME.match(name):
                yield el, what, "file name"
            elif name.lower().strip(" .:") in img_alt.PLACEHOLDERS:
                yield el, what, "placeholder"
            elif len(name) > max_len:
                yield el, what, "long"

    class Found:
        def finding(self, el, message, **kw):
            kind = next(k for w, k in (("no alt attribute", "no name"), ("no accessible name", "no name"),
                                       ("a file name", "file name"), ("placeholder", "placeholder"),
                                       ("characters", "long")) if w in message)
            return el, message.split(" has ")[0].split(" with role")[0], kind

    rng = random.Random(11)
    imgs = ['<img src="a/b.png">', '<img alt="">', '<img alt="" aria-label="L">', '<img alt="" aria-labelledby="t">',
            '<img role="presentation" alt="x">', '<img role="none" aria-label="n">', '<img role="none" tabindex="0">',
            '<img alt="photo">', '<img alt="DSC_0042.JPG">', '<img alt="  ">', '<img alt=" " title="t">',
            '<img alt="%s">' % ("long " * 60), '<span role="img">s</span>', '<svg role="img" aria-label="g"></svg>',
            '<div hidden><img src="h.png"></div>', '<img aria-hidden="true">', '<p id="t">T</p>', '<img alt="a.b">']
    config = Config()
    for _ in range(300):
        body = "".join(rng.choice(imgs) for _ in range(rng.randint(1, 8)))
        r = make_resource("https://x.org/p.html", f"<html><body>{body}</body></html>".encode())
        fake = Found()
        fake.tree = r.tree
        assert list(img_alt.check(fake, config)) == list(plain_check(r, config)), body


# -- the table checks on table-heavy pages: plain tables, page-wide screens, first th ----------------------

def _table_pages() -> list[str]:
    """Random tables with header rows and columns, a thead, hidden rows and cells, loose cells, nested
    tables and, in a third of them, cells that span or carry a role, scope or headers attribute."""
    rng = random.Random(5)
    plain = ["<th>Name</th>", "<th></th>", "<th>&nbsp;</th>", "<td>1</td>", "<td></td>", "<td> </td>",
             "<td><b>x</b></td>", "<td><!-- c --></td>", "<th hidden>h</th>", '<th style="display:none">s</th>', "<td>a<br>b</td>",
             "<!-- c -->", '<th aria-label="L"></th>', "<th>Column 1</th>", "<th>2</th>"]
    marked = ['<td colspan="2">w</td>', '<th rowspan="2">r</th>', '<th scope="row">s</th>', '<td scope="col">c</td>',
              '<td role="rowheader">h</td>', '<th role="cell">c</th>', '<td headers="a">x</td>', '<th id="a">A</th>']
    out = []
    for i in range(400):
        pool = plain + (marked if i % 3 == 0 else [])

        def rows(n: int) -> str:
            return "".join(f"<tr{rng.choice(['', '', ' hidden'])}>"
                           + "".join(rng.choice(pool) for _ in range(rng.randint(0, 4))) + "</tr>" for _ in range(n))

        body = f"<thead>{rows(1)}</thead><tbody>{rows(3)}</tbody>" if i % 4 == 1 else rows(rng.randint(0, 5))
        if i % 10 == 2:
            body += "<tr><td><table><tr><th>n</th></tr></table></td></tr>"
        if i % 10 == 3:
            body = "<th>loose</th><td>x</td>" + body
        out.append(f"<html><body><table>{body}</table><table><tr><th>A</th><th>B</th></tr>{rows(2)}</table>"
                   f"</body></html>")
    return out


def plain_header_findings(table) -> list[tuple]:
    """th-has-data-cells' findings in a table without headers attributes, from its grid as for any table."""
    from webaudit.checks import th_has_data_cells

    grid = th_has_data_cells._Grid.of(table)
    found = []
    for cell, box in (grid.boxes.items() if grid is not None else ()):
        if dom.is_header_cell(cell) and not dom.hidden_below(cell, table):
            direction = grid.direction(cell, box)
            if not grid.heads_something(cell, box, direction):
                found.append((cell, th_has_data_cells._message(cell, direction)))
    return found


def plain_is_header_cell(el) -> bool:
    r = (el.get("role") or "").strip().lower().split()[:1]
    if r:
        return r[0] in ("columnheader", "rowheader")
    t = dom.tag(el)
    return t == "th" or (t == "td" and (el.get("scope") or "").strip().lower() in dom._HEADER_SCOPES)


def test_table_shortcuts_on_table_heavy_pages_are_the_plain_ones():
    from webaudit.checks import td_headers_attr, th_has_data_cells, th_meaningful

    trees = [r.tree for r in styled_resources()]
    trees += [make_resource("https://x.org/t.html", html.encode()).tree for html in _table_pages()]
    plain_tables = headed = 0
    for tree in trees:
        for el in tree.iter():
            assert dom.is_header_cell(el) == plain_is_header_cell(el)
        # page-wide screens: a page without any skips only scans that find nothing
        if not th_meaningful._TD_SCOPES(tree):
            assert all(not th_meaningful._SCOPED_TDS(t) for t in dom.tables(tree))
        if not td_headers_attr._ANY_HEADERS_ATTR(tree):
            assert all(not td_headers_attr._HEADERS_ATTRS(t) for t in dom.tables(tree))
        marked = th_has_data_cells._marked_tables(tree)
        for table in dom.tables(tree):
            first = next(table.iter("th"), None)  # table-headers: a th without a role is a header cell
            if first is not None and first.get("role") is None:
                assert any(dom.is_header_cell(th) for th in table.iter("th"))
            cells = table.xpath(".//td[@colspan or @rowspan or @role or @scope or @headers]"
                                " | .//th[@colspan or @rowspan or @role or @scope or @headers]")
            nested = next(table.iterdescendants("table"), None) is not None
            assert (table in marked) == (nested or any(dom.owner_table(c) is table for c in cells))
            if table in marked:
                continue
            plain_tables += 1  # th-has-data-cells reads a plain table off its rows, not its grid
            found = th_has_data_cells._plain_findings(table)
            assert found == plain_header_findings(table)
            headed += bool(found)
    assert plain_tables > 500 and headed > 100


def test_header_texts_and_word_screens_are_the_plain_tests():
    from webaudit.checks import fake_heading, th_meaningful

    rng = random.Random(6)
    words = ["Name", "Column 1", "col_2", "-", "?", "12", "2024", " ", "\xa0", "Header", "Room ", "row a", ""]
    for _ in range(2_000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
        norm = dom.norm(text)
        assert th_meaningful._names_something(text) == (bool(norm) and not (
            th_meaningful._PLACEHOLDER.match(norm) or th_meaningful._SYMBOLS.match(norm)
            or th_meaningful._NUMBER.match(norm)))
    texts = [text for _, text in PAGES] + ["<O:P>", "mSo", "Mso", "<o:", "ms o", "MS", ""]
    for text in texts:
        low = text.lower()
        assert bool(word_paste._MSO.search(low)) == ("mso" in low)
        assert bool(word_paste._OFFICE_OPEN.search(low)) == ("<o:" in low)
        assert bool(fake_heading._MSO.search(text)) == ("Mso" in text)


# -- names of plain links and images, leaf texts, links out to mailto: ---------------------------------

def _name_pages():
    """Links and images with every mix of the attributes that decide their name, in and around containers."""
    rng = random.Random(21)
    attrs = ["", "", 'aria-label="L"', 'aria-label=""', 'aria-label=" "', 'aria-labelledby="t1"',
             'aria-labelledby=""', 'aria-labelledby="nope"', 'role="presentation"', 'role="none"', 'role="button"',
             'role="img"', 'role=" IMG "', 'role="heading"', 'role="link"', 'alt="Alt  text"', 'alt=""', 'alt=" "',
             'title="T"', 'title=""', "hidden", 'aria-hidden="true"', 'style="display:none"', 'href="/x"', "tabindex=0",
             'class="fa fa-home"', 'class="material-icons"']
    contents = ["", " ", "Read\xa0more", "\ue001", " text\n more ", "<img alt=i>", "<img>", "<!-- c -->", "<span>s</span>",
                "<svg><title>st</title></svg>", "<i class='fa fa-x'></i>"]
    for _ in range(800):
        body = ['<p id="t1">Ref <b>text</b></p>']
        for _ in range(rng.randint(1, 6)):
            tag = rng.choice(["a", "a", "img", "IMG", "A", "area", "button"])
            own = " ".join(rng.choice(attrs) for _ in range(rng.randint(0, 4)))
            inner = "".join(rng.choice(contents) for _ in range(rng.randint(0, 2)))
            el = f"<{tag} {own}>" if tag.lower() in ("img", "area") else f"<{tag} {own}>{inner}</{tag}>"
            around = ["{}", "<button>{}</button>", "<td>{}</td>", "<div hidden>{}</div>", "<span role=link>{}</span>"]
            if tag != "button":  # (a <label><button role=img> has its name looked for in itself, endlessly)
                around.append("<label>{} x</label>")
            body.append(rng.choice(around).format(el))
        yield "<html><body>" + "".join(body) + "</body></html>"


def test_names_of_plain_links_and_images_and_leaf_texts_are_the_plain_ones(monkeypatch):
    """accessible_name works out a childless <a>'s name and an <img>'s with no ARIA itself, text() a leaf's text,
    without their memos: the same answers as the plain, memoised computations (used all the way down)."""
    def answers(tree):
        return [(dom.accessible_name(el), dom.accessible_name(el, in_labelledby=True), dom.text(el),
                 dom.text(el, in_labelledby=True)) for el in tree.iter()]

    fast = 0
    for html in list(_name_pages()) + [text for _, text in PAGES[:30]]:
        tree = make_resource("https://x.org/p.html", html.encode()).tree
        got = answers(tree)
        with monkeypatch.context() as m:
            m.setattr(dom, "accessible_name", dom._remembered_name)
            m.setattr(dom, "text", dom._remembered_text)
            want = answers(make_resource("https://x.org/p.html", html.encode()).tree)
        assert got == want, html
        fast += sum(1 for el in tree.iter("a", "img") if not {"aria-label", "aria-labelledby"} & set(el.keys())
                    and (len(el) == 0 if el.tag == "a" else el.get("role") is None))
    assert fast > 1000


def test_own_text_read_off_its_first_character_is_the_plain_test():
    rng = random.Random(22)
    chars = ["a", "Z", "1", " ", "\xa0", "\u2003", "\u3000", "\n", "\ue000", "\uf8ff", "\uf900", "\U000f0001", "é", "»", "\x85"]
    el = make_resource("https://x.org/p.html", b"<a href=x></a>").tree.find(".//a")
    for _ in range(20_000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 4)))
        el.text = s
        assert dom.has_own_text(el) == (not s.isspace() and not dom._PRIVATE_USE.match(s)), repr(s)


def test_links_out_leave_out_unresolved_only_what_resolve_leaves_out():
    """outbound_links skips a mailto: (or other SKIP_SCHEMES) href by its start: resolve_ref gives None for it."""
    rng = random.Random(23)
    heads = ["mailto", "MAILTO", "Tel", "tel", "sms", "ſms", "javascript", "data", "about", "blob", "callto", "http",
             "https", "mailtox", "telnet", "tel ", " tel", "\ttel", "/", "", "K"]
    tails = [":", "://", ":x@y.org", "x", "", ":/a", "\n:", "//x.org/"]
    skipped = 0
    for _ in range(20_000):
        raw = rng.choice(heads) + rng.choice(tails) + rng.choice(tails)
        if links._SKIPPED.match(raw):
            skipped += 1
            for prefix in (None, "https://lincoln.k12.example.org"):
                assert links.resolve_ref(raw.strip(), "a", "href", "https://lincoln.k12.example.org/p.html",
                                      "https://lincoln.k12.example.org/p.html", prefix) is None, raw
    assert skipped > 5000


def test_link_name_candidates_on_broken_markup_are_the_plain_ones():
    """link-name takes the a elements in document order, unsorted when no role adds others: their lines
    never go down, whatever the parser makes of the markup."""
    from webaudit.checks import link_name

    rng = random.Random(24)
    pieces = ["<a href=x>a</a>", "<table>", "</table>", "<tr>", "<td>", "<a href=y>", "</a>", "\n", "<p>", "</p>",
              "<b>", "</b>", "<select>", "<option>", "</body>", "</html>", "<html>", "<body>", "<head>", "<template>",
              "<svg>", "</svg>", "<noscript>", "<ul><li>", "<form>", "<textarea>", "</textarea>", "<title>", "</title>",
              "<!--", "-->", "<a href=z\n>q", "<script>", "</script>", "<A HREF=u>U</A>", "<xmp>", "</xmp>",
              "<span role=link>", "<div role='doc-noteref'>"]
    for _ in range(3_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        r = make_resource("https://x.org/p.html", html.encode())
        assert link_name._candidates(r) == dom.tags_and_roles(r.tree, ("a",), link_name.LINK_ROLES), html


def test_the_shared_links_and_hrefs_are_the_same_after_extract_or_not():
    """link_elements walks for a and area itself, or filters extract's walk when that has been made."""
    for url, html in PAGES:
        alone, after = make_resource(url, html.encode()), make_resource(url, html.encode())
        links.extract(after)
        want = list(dom.elements(alone.tree, "a", "area"))
        assert links.link_elements(alone) == want
        assert [dom.tag(el) for el in links.link_elements(after)] == [dom.tag(el) for el in want]
        assert links.link_hrefs(alone) == [el.get("href") for el in want] == links.link_hrefs(after)


# -- student-pii and student-photo-with-name on table-heavy staff pages ----------------------------------------

def test_staff_headings_read_without_the_regex_are_the_plain_answers():
    """_staff_heading skips the regexes for an ASCII heading without any of _STAFF_WORDS."""
    def plain(heads):
        parts = re.split(r"\s+[|–—:-]\s+", " ".join(heads)) + [" ".join(h.strip() for h in heads)]
        return any(privacy._STAFF_HEADING.search(p.strip()) for p in parts)

    rng = random.Random(31)
    words = ["Staff", "directory", "DIRECTORY", "Meet", "our", "the", "teachers", "Faculty", "list", "School", "Board",
             "board of", "education", "Leadership", "team", "Lincoln", "News", " - ", " | ", ":", "\n", "  ",
             "ſtaff", "K12", "Dİrectory", "employee", "Bios", "Administration", "personnel", "contacts", "é"]
    for _ in range(20_000):
        heads = ["".join(rng.choice(words) + rng.choice(["", " "]) for _ in range(rng.randint(0, 4)))
                 for _ in range(rng.randint(0, 3))]
        assert privacy._staff_heading(heads) == plain(heads), heads


def test_name_keys_from_one_lower_case_are_the_plain_ones():
    """find_names lowers a chain of capitalised words at once when no word may end in "." or "'s"."""
    def plain(text):
        out, given = [], privacy.given_names()
        for chain in privacy._CHAIN.finditer(text):
            words = chain.group().split()
            keys = [privacy._key(w) for w in words]
            if given.isdisjoint(keys) and not any("-" in k and k.split("-", 1)[0] in given for k in keys):
                continue
            out.extend(privacy._names_in_chain(text, chain.start(), words, keys, given))
        return out

    rng = random.Random(37)
    words = ["Maya", "Lopez", "Grace", "Kim", "St.", "Paul", "Mrs.", "Mary-Ann", "Jean-Luc", "O'Neil", "Leo's",
             "Chen’s", "R.", "Lincoln", "Elementary", "Principal", "Summer", "Reading", "İlker", "\xa0", " ", ", ", ". ",
             "and", "KAREN", "Ana\tRuiz", "-", "Dr", "Jr.", "Zoë", "Ángel"]
    for _ in range(20_000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        assert privacy._capitalised_names(text) == plain(text), text


def test_the_any_case_look_for_uncased_needles_is_the_plain_one():
    rng = random.Random(41)
    alphabet = list("aAsStTuUdDeEnN@.-kK#1 \xa0é’ß") + ["\u0130", "\u212a", "@student", "@STUDENT", "ſ", "#K",
                                                       "\ud800"]
    needles = [("@student",), ("@s", "-k"), ("#k", ".t", "@"), ("1s",)]
    for _ in range(40_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        for n in needles:
            assert student_pii._in_lower(s, n) == any(x in s.lower() for x in n), (s, n)


def test_work_links_screened_by_their_extensions_are_the_plain_ones():
    """_work_links looks closer only at the elements whose attribute values hold "." and a work file's
    extension (lowered together, unless an İ changes the offsets; a NUL in the markup is no NUL in a value)."""
    from webaudit.checks import student_photo_with_name as photo

    rng = random.Random(43)
    parts = ["a.pdf", "B.PDF", ".Jpeg", "x.JpG", "y.DOCX", "z.pptx", "w.TIFF", "?dl=1", "#p", "/", "İ", "ı", "K", ".",
             "p", "d", "f", "\n", ",", " 2x", "mailto:", "news.html", "é", ".hei", "c", "&#46;pdf", "&#0;"]
    pages = []
    for i in range(300):
        values = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 4))) for _ in range(8)]
        body = "".join([f'<a href="{v}" title="{w}">x</a>', f'<a class="{v}" href="/a">y</a>', f'<embed src="{v}">',
                        f'<a href="{w}" srcset="{v}">z</a>', f'<iframe title="{w}" src="{v}"></iframe>',
                        f'<object data="{v}"></object>'][j % 6] for j, (v, w) in enumerate(zip(values, values[1:])))
        pages.append(make_resource("https://lincoln.k12.example.org/p.html", f"<body>{body}</body>".encode()))
    found = 0
    for r in pages:
        want = [link.element for link in links.extract(r) if link.kind in photo._WORK_KINDS
                and link.element.tag in photo._WORK_TAGS and photo._is_work_file(link.raw)]
        assert photo._work_links(r, list(dom.elements(r.tree, *photo._WORK_TAGS))) == want
        found += bool(want)
    assert found > 100


def test_staff_directory_photos_skipped_without_an_opt_out_list_find_nothing_more():
    """On a staff directory, without an opt-out list, the photo check reads no photo's texts: with a list
    (of a name no page has) every photo is read, and the findings are the same."""
    from webaudit.registry import get
    from webaudit.run import check_resource

    heads = ["<title>Staff Directory</title>", "<h1>Meet our teachers</h1>", "<title>Class news</title>"]
    figures = ['<figure><img src="/img/maya-lopez.jpg" alt="Maya Lopez and Leo Chen"><figcaption>Maya Lopez, grade 4'
               '</figcaption></figure>', '<p><img src="/p/2.jpg"> Ana Ruiz at the fair</p>',
               '<a href="/art/poem.pdf">Spring poem by Maya R.</a>', '<div class="staff-card"><img src="/s.jpg" '
               'alt="Grace Kim"></div>', '<img src="/img/logo.png" alt="Lincoln">']
    rng = random.Random(47)
    seen = staff = 0
    for i in range(200):
        html = rng.choice(heads) + "".join(rng.choice(figures) for _ in range(rng.randint(0, 5)))
        plain, skipped = (make_resource("https://x.org/p.html", html.encode()) for _ in range(2))
        read = check_resource(plain, [get("student-photo-with-name")], Config(options={"photo_opt_out": ["Zyx Qwv"]}))
        found = check_resource(skipped, [get("student-photo-with-name")], Config())
        assert [(f.line, f.selector, f.message, f.snippet) for f in found] == \
               [(f.line, f.selector, f.message, f.snippet) for f in read]
        seen += bool(found)
        staff += privacy.is_staff_page(skipped)
    assert seen > 20 and staff > 100


def test_texts_of_elements_without_children_are_the_plain_itertext_ones():
    """student-pii's _text and the photo check's _short_text read a childless element's text directly."""
    from webaudit.checks import student_photo_with_name as photo

    rng = random.Random(53)
    pieces = ["Maya Lopez", " ", "\n", "\xa0", "x" * 150, "<b>b</b>", "<!-- c -->", "<br>", "é", "<i></i>", "\t"]
    for _ in range(3_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        tree = make_resource("https://x.org/p.html", f"<body><p>{html}</p><td>{html}</td></body>".encode()).tree
        for el in tree.iter("p", "td"):
            assert student_pii._text(el) == " ".join(" ".join(el.itertext()).split()), html
            parts = list(el.itertext())
            assert photo._short_text(el) == ("" if sum(map(len, parts)) > photo.NEAR_CHARS else " ".join(parts)), html


# -- writing findings out --------------------------------------------------------------------------------

def test_finding_to_dict_is_the_plain_one():
    """Finding.to_dict names every field by hand (dataclasses.asdict deep-copies each value): the same
    keys in the same order, and the same values, as asdict gives; a new field fails this until added."""
    from dataclasses import asdict
    from webaudit.model import Finding
    f = Finding(rule="img-alt", message="m", severity=Severity.WARNING, url="https://x.org/", wcag=("1.1.1", "4.1.2"),
                level="A", line=3, column=7, selector="body > img", snippet="<img>", help="h", policy="p")
    plain = asdict(f)
    plain["severity"], plain["wcag"] = "warning", ["1.1.1", "4.1.2"]
    assert list(f.to_dict().items()) == list(plain.items())
    assert Finding.from_dict(f.to_dict()) == f


# -- the link checks' texts of plain links ---------------------------------------------------------------------

def _odd_link_pages():
    """Links with and without naming attributes, children, roles and texts, beside icons and notes."""
    rng = random.Random(59)
    attrs = ["", ' title="Read more"', ' aria-label="External link"', ' aria-labelledby="l"', ' aria-describedby="l"',
             ' alt="a"', ' role="link"', ' role="button"', ' class="external"', ' rel="noopener"', ' target="_blank"',
             ' TITLE=""', ' aria-label=""', ' hidden']
    texts = ["", " ", "\xa0", "Click here", "Partner 3", " read  MORE ", "»", "www.pta.org", "<b>bold</b>", "<!-- c -->",
             "<img src=x.png alt='External link'>", "<span>(external site)</span>", "here\n"]
    after = ["", " ", " (external site)", "<img src=e.svg alt='External link'>", "<!-- c -->", " or ", "<br>"]
    pages = []
    for _ in range(200):
        body = "".join(f'{rng.choice(after)}<a href="https://x{rng.randint(0, 3)}.example.com/"'
                       f'{rng.choice(attrs)}{rng.choice(attrs)}>{rng.choice(texts)}</a>{rng.choice(after)}'
                       for _ in range(8))
        pages.append(make_resource("https://lincoln.k12.example.org/p.html",
                                   f'<body><p id="l">Leaves the district</p><p>{body}</p></body>'.encode()))
    return pages


def test_plain_links_texts_are_the_plain_ones():
    """link-external-warning and link-purpose read an <a> with only text and no naming attribute off its
    text: what accessible_name, text and _generic give for it."""
    lew = link_external_warning
    generic = link_purpose._generic_words(tuple(Config().get("generic_link_words")))
    by_text = link_purpose._by_text(generic)
    fast = slow = 0
    for r in resources() + _odd_link_pages():
        for el in r.tree.iter("a", "area"):
            assert lew._warning_places(el) == tuple(plain_warning_places(el))
            if el.tag == "a" and len(el) == 0 and link_purpose._NAMING.isdisjoint(el.keys()):
                fast += 1
                name = dom.accessible_name(el)
                assert dom.role(el) == "link" or el.get("href") is None
                assert by_text[el.text] == (link_purpose._generic(name, generic) if name else "")
            else:
                slow += 1
    assert fast > 1000 and slow > 1000


def test_links_out_remembered_from_page_to_page_are_the_plain_ones():
    """outbound_links keeps, from page to page, the answers for the hrefs that are the same on every page
    whose base is on its own host: in any order of the pages, what the plain loop gives."""
    def plain(resource):
        base = links.base_url(resource)
        prefix = links.host_prefix(base)
        try:
            same_host = urlsplit(base).hostname == urlsplit(resource.url).hostname
        except ValueError:
            same_host = False
        out = []
        for el, raw in zip(links.link_elements(resource), links.link_hrefs(resource)):
            if raw is None or same_host and not links._MAY_NAME_A_HOST.search(raw) or links._SKIPPED.match(raw):
                continue
            resolved = links.resolve_ref(raw.strip(), el.tag, "href", resource.url, base, prefix)
            if resolved is not None:
                out.append((el, resolved[0]))
        return out

    rng = random.Random(61)
    shared = ["https://x.org/", "http://x.org", "HTTP://x.org/", "https://x.org/a b", " https://x.org/ ", "https:x.org",
              "https://lincoln.k12.example.org/a", "//x.org/", "/a", "mailto:a@x.org", "#f", "a.html", "https://x.org?"]
    pages = [(url, html.replace("<body>", "<body>" + "".join(f'<a href="{h}">s</a>' for h in shared), 1))
             for url, html in _odd_href_pages()]
    pages += [(url, f'<html><head>{base}</head><body>{"".join(f"<a href={chr(34)}{h}{chr(34)}>s</a>" for h in shared)}'
                    "</body></html>")
              for url in ("https://lincoln.k12.example.org/p.html", "http://lincoln.k12.example.org/p.html",
                          "file:///srv/p.html", "about:blank", "")
              for base in ("", '<base href="http://lincoln.k12.example.org/">', '<base href="ftp://f.org/">')]
    for _ in range(3):
        rng.shuffle(pages)
        for url, html in pages:
            r = make_resource(url, html.encode())
            assert links.outbound_links(r) == plain(r), (url, html)
    assert links._SAME_HOST_HREFS


# -- student-pii: blocks without a possible name are read no further -------------------------------------------

def test_a_text_that_may_hold_no_names_holds_none_in_any_part():
    """privacy.may_hold_names(text) False: find_names finds nothing in any part of the text cut at white space
    (student-pii reads a block's sentences for names only when it is True)."""
    rng = random.Random(71)
    words = ["Maya", "Lopez", "Art", "Spring", "Grace", "May", "Kim", "R.", "Art's", "Spring’s", "Art-Smith",
             "Mary-Ann", "Lincoln", "Elementary", "Mrs.", "St.", "Paul", "Reading", "Summer", "Rosa", "Parks",
             "report", "card", "The", "GPA", "O'Neil", "Jr.", "Zoë", "Ángel", "İlker", "KAREN", "Ana", "Ruiz",
             "Winter", "Art.", "Fall", "HS", "Principal", "Dr", "MAYA", "LOPEZ", "ART", "AND", "A", "R.", "GRACE",
             "O'NEIL'S", "LINCOLN"]
    seps = [" ", "  ", ". ", ", ", "\xa0", "\t", "\n", " | ", " - ", "(", ") ", "’", "-", ".", ""]
    quiet = 0
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 7)))
        if privacy.may_hold_names(text):
            continue
        quiet += 1
        cuts = [0] + [i for i, c in enumerate(text) if c.isspace()] + [len(text)]
        for a in cuts:
            for b in cuts:
                if a < b:
                    assert privacy.find_names(text[a:b]) == [], (text, a, b)
    assert quiet > 3_000


def test_blocks_read_no_further_find_what_the_plain_reading_finds(monkeypatch):
    """_findings leaves a block when no sentence of it can hold a name (may_hold_names) and it has no ID
    trigger: the findings are those of reading every block in full."""
    extra = ["<p>Art report card. Grades of A for Maya Lopez!</p><li>Spring report card: grade of B</li>",
             "<p>Art-Smith failed the math test. Spring scored 90%.</p><p>Student ID: 2045187 report card</p>",
             "<table><tr><th>Name</th><th>GPA</th></tr><tr><td>Art</td><td>3.9</td></tr></table>",
             "<p>Born 3/4/2015 Art</p><p>Born 3/4/2015, Art Lopez</p>"]
    rs = _trigger_resources() + [make_resource("https://x.org/b.html", f"<html><body>{h}</body></html>".encode())
                                 for h in extra]
    rs += [make_resource("https://x.org/s.html", staff_page(i).encode()) for i in range(40)]

    from webaudit.registry import all_checks
    from webaudit.run import check_resource

    chk, config = all_checks()["student-pii"], Config(options={"student_id_pattern": r"\b20\d{5}\b"})

    def findings(r):
        r.cache.clear()
        return [f.to_dict() for f in check_resource(r, [chk], config)]

    fast = [findings(r) for r in rs]
    monkeypatch.setattr(student_pii, "may_hold_names", lambda text: True)
    assert [findings(r) for r in rs] == fast
    assert any(fast)


def test_carousel_calls_are_only_looked_for_where_the_script_names_them():
    """carousel-speed runs a library's call regex only on a script that contains the name it calls
    ("slick", "Swiper"): each regex must require that name, as written, for the screen to lose nothing."""
    for library, name, call, *_ in carousel_speed._CALLS:
        assert re.escape(name) in call.pattern and not call.flags & re.I, library
        assert call.search(f"$('.x').{name}({{}})" if call.pattern.startswith("(?P") else f"new {name}('.x', {{}})")


def test_memo_answers_as_its_function_and_stays_bounded():
    from webaudit.memo import Memo
    asked = []
    memo = Memo(lambda k: asked.append(k) or k * 2, bound=3)
    assert [memo[k] for k in (1, 2, 1, 3, 2)] == [2, 4, 2, 6, 4] and asked == [1, 2, 3]
    assert memo[4] == 8 and len(memo) == 1 and asked == [1, 2, 3, 4]  # full at 3: emptied, then kept
