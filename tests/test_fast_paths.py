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
        assert link_purpose._links(tree) == link_purpose._LINKS(tree)
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
        said = [lew._normal.__wrapped__(t) for t in dict.fromkeys(places)]
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
