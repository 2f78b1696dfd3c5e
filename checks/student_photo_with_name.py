"""Photos and student work are not published together with students' names without permission.

## What it does
Flags a photo (a raster `<img>` of photo size, not a logo, icon, chart or a portrait in a staff
directory) whose alt text, title, caption (`figcaption`), file name or the text right beside it
names a person, and student work (a linked or embedded image or PDF described as "by Maya R.",
"Artist: ...") that carries a name: a warning that asks the owner to confirm written permission.
Names on the `media_release` list pass. A photo next to a name on the `photo_opt_out` list, written
in full or shortened to the given name and the surname's initial ("Jayden O."), is an error. Names of
adults (titled, "Mrs. Lopez", or with a role, "Maria Lopez, Principal"), places, schools ("Lincoln
Elementary") and historical figures are not counted.

## Why it matters
The district's policy forbids posting photos or student work together with students' names
without written permission from the student and the parents: a photo with a name tells a stranger
what a child looks like and where to find them. Photos without names, and names without photos,
are fine unless the family opted out.

## Example
    <figure>
      <img src="/media/science-fair.jpg" alt="Maya Lopez and Leo Chen with their volcano">
      <figcaption>Maya Lopez and Leo Chen, grade 4</figcaption>
    </figure>
    <a href="/art/poem.pdf">Spring poem by Maya R.</a>

## Use instead
    <figure>
      <img src="/media/science-fair.jpg" alt="Two fourth graders with their volcano">
      <figcaption>Students at the science fair</figcaption>
    </figure>
or keep the names and add them to the media-release list once the signed forms are on file:
    [tool.webaudit]
    media_release = "privacy/media-release.csv"   # a CSV with a name column; never leaves the machine
    photo_opt_out = "privacy/photo-opt-out.csv"

## References
- District web policy: student photos and work with names need written permission
- FERPA (20 U.S.C. 1232g) directory information and parents' right to opt out
"""
from __future__ import annotations

import re
from itertools import chain

from webaudit import links
from webaudit.dom import elements, referenced, tag
from webaudit.privacy import (NameListError, fold, given_names, in_staff_block, is_staff_page, list_pattern,
                              load_names, mask_names, names_in_file_name, normal_name, student_names)
from webaudit.privacy_data import AMBIGUOUS_GIVEN_NAMES

ID = "student-photo-with-name"
TITLE = "Student photos and work are not published with names without permission"
WCAG = ()
LEVEL = ""
POLICY = "No student photos or work together with students' names without written permission"
APPLIES_TO = ("html",)
SEVERITY = "warning"
HELP = ("Confirm that written permission from the student and the parents is on file and add the names to the "
        "media_release list, or take the names out of the alt text, caption, file name and nearby text.")
OPTIONS = {
    "media_release": None,  # CSV or text file (or a list) of names with written permission
    "photo_opt_out": None,  # CSV or text file (or a list) of names whose families opted out of photos
}

_RASTER = frozenset({"jpg", "jpeg", "jfif", "png", "webp", "heic", "heif", "avif", "tif", "tiff", "bmp"})
_WORK_FILES = _RASTER | {"pdf", "gif", "doc", "docx", "ppt", "pptx"}
_WORK_SUFFIXES = tuple("." + e for e in _WORK_FILES)
_WORK_KINDS = ("pdf", "image", None)  # links.guess_kind: None for a .docx
_WORK_TAGS = ("a", "embed", "object", "iframe")
_NOT_PHOTO = frozenset(w + s for w in "logo icon favicon sprite banner badge seal crest emblem mascot chart graph diagram "
                       "map button btn arrow spacer pixel signature qr clipart bg background".split()
                       for s in ("", "s"))  # words in the src, class, id or alt of images that are no photos
_NON_LETTERS = re.compile(r"[^a-z]+")
_FILE_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # "MayaLopez_2.jpg" -> Maya, Lopez, jpg
_WORK_MARKER = re.compile(r"(?:\bby|artist|author|illustrat\w*|poet|writer|photographer|creator)\s*:?\s*$", re.I)
_STUDENT_WORK = re.compile(r"\bstudent(?:'s|s'|s)?\s+(?:work|art|artwork|writing|poem|essay|project|drawing|"
                           r"painting|story|stories|gallery)", re.I)
_WRAPPERS = ("a", "picture", "source", "span")  # lxml nests <img> in a <source> it does not know is void
_CAPTION_TAGS = frozenset({"p", "span", "div", "figcaption", "small", "em", "strong", "b", "i", "h2", "h3", "h4",
                           "h5", "h6", "dd", "dt", "caption", "label", "cite"})
_BIG_CONTAINERS = frozenset({"body", "html", "main", "article", "section", "form", "table", "tbody", "ul", "ol"})
NEAR_CHARS = 300  # "right beside it": a caption-sized text, not the whole section


def check(resource, config):
    tagged = list(elements(resource.tree, "img", *_WORK_TAGS))  # one walk for both
    works = [el for el in _work_links(resource, [el for el in tagged if el.tag != "img"])
             if el.tag != "a" or el.find(".//img") is None]  # a linked photo: checked as photo
    photos = ((el, src) for el in tagged if el.tag == "img" and (src := _src(el)) and _is_photo(el, src))  # (lazily)
    first = next(photos, None)
    if first is None and not works:
        return
    released, opt_out, problems = _lists(config)
    for problem in problems:
        yield resource.finding(None, problem, severity="warning")
    # On a staff directory the photos are staff portraits: without an opt-out list nothing can flag one,
    # so only the first was looked for (to know that there is one) and no text is read.
    staff_portraits = opt_out is None and is_staff_page(resource)
    for el, src in () if first is None or staff_portraits else chain([first], photos):
        texts = _texts_beside(el)
        opted = _mentions(opt_out, texts + [_file_words(src)]) if opt_out else []
        if opted:
            yield resource.finding(el, f"photo {_file_label(src, opted)} is next to a name on the photo opt-out list: "
                                       "remove the photo or the name", severity="error", snippet=_snippet(el, src, opted))
            continue
        found = _names(texts, released)
        in_file = [n for n in names_in_file_name(src) if normal_name(n) not in released]
        if (found or in_file) and not (is_staff_page(resource) or in_staff_block(el)):  # not a staff portrait
            where = " and ".join(w for w, names in (("alt text or caption", found), ("file name", in_file)) if names)
            yield resource.finding(
                el, f"photo {_file_label(src, found)} appears with the name(s) {mask_names(found + in_file)} (in its "
                    f"{where}): confirm written permission from the students and parents",
                snippet=_snippet(el, src, found))
    for el in works:
        texts, src = _texts_beside(el), _src(el)
        opted = _mentions(opt_out, texts + [_file_words(src)]) if opt_out else []
        if opted:
            yield resource.finding(el, f"student work {_file_label(src, opted)} is next to a name on the photo "
                                       "opt-out list: remove the name", severity="error",
                                   snippet=_snippet(el, src, opted))
            continue
        names = _work_names(texts, released)
        if names:
            yield resource.finding(
                el, f"student work {_file_label(src, names)} is published with the name(s) {mask_names(names)}: "
                    "confirm written permission from the students and parents", snippet=_snippet(el, src, names))


def _lists(config) -> tuple[frozenset[str], re.Pattern | None, list[str]]:
    """The media-release names, a pattern for the opt-out names, and why a list could not be read."""
    problems = []
    lists = {}
    for key in ("media_release", "photo_opt_out"):
        value = config.get(key)
        try:
            lists[key] = load_names(value, config.base_dir) if value else frozenset()  # (base_dir: a system call)
        except NameListError as e:
            lists[key] = frozenset()
            problems.append(f"the {key} list cannot be used ({e}); names are checked as if it were empty")
    return lists["media_release"], list_pattern(lists["photo_opt_out"]), problems


# -- what is a photo, what is student work -----------------------------------------------------------------

def _src(el) -> str:
    """The file an element shows or links: src (or a lazy-loading data-src, or the first srcset entry)."""
    if tag(el) == "img":
        srcset = (el.get("srcset") or "").strip()
        return (el.get("src") or el.get("data-src") or (srcset.split(",")[0].split() or [""])[0]).strip()
    return (el.get("href") or el.get("src") or el.get("data") or "").strip()


def _extension(src: str) -> str:
    if "?" in src or "#" in src:
        src = src.split("?", 1)[0].split("#", 1)[0]
    name = src.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name else ""


def _is_photo(img, src: str) -> bool:
    if src.startswith("data:"):
        return False
    ext = _extension(src)
    if ext and ext not in _RASTER:
        return False  # svg, gif, ico: drawings and animations, not photos
    for dim in ("width", "height"):
        px = (img.get(dim) or "").strip().removesuffix("px")
        if px.isdigit() and int(px) < 100:
            return False  # icon or thumbnail-sized
    label = " ".join((src.split("?", 1)[0], img.get("class") or "", img.get("id") or "", img.get("alt") or ""))
    return _NOT_PHOTO.isdisjoint(_NON_LETTERS.split(label.lower()))


def _is_work_file(url: str) -> bool:
    if "?" not in url and "#" not in url and not url.lower().endswith(_WORK_SUFFIXES):
        return False  # the common case, decided without splitting the URL
    return _extension(url) in _WORK_FILES and not url.lstrip().startswith(("data:", "mailto:", "#"))


_REF_ATTRS = {"a": "href", "embed": "src", "object": "data", "iframe": "src"}  # links.extract lists those with one
_LINK_ATTRS = frozenset({"href", "src", "data", "poster", "srcset"})  # the attributes it reads
# "." and the start of a _WORK_FILES extension: in the lower case of every reference _is_work_file takes
_MAY_BE_WORK = re.compile(r"\.(?:jp|jfif|png|webp|hei|avif|tif|bmp|pdf|gif|doc|ppt)")


def _work_links(resource, candidates: list) -> list:
    """The element of each link to a work file among `candidates` (the page's _WORK_TAGS elements, in
    document order): what `[link.element for link in links.extract(resource) if link.kind in _WORK_KINDS
    and link.element.tag in _WORK_TAGS and _is_work_file(link.raw)]` gives (tests/test_fast_paths.py
    compares them), with only the few references to such files resolved: extract resolves every
    reference of the page, which cost more than the rest of this check when no other check needed it."""
    # A screen first: one search over every candidate's attribute values together, lowered, leaves the
    # few elements that may link such a file (looking at each link's attributes one by one cost more).
    # The elements' values are joined with NUL, which no value holds (libxml2's strings end at one).
    text = "\0".join(["\n".join(el.values()) for el in candidates])
    low = text.lower()
    if len(low) == len(text):  # (else an İ lowered to two characters: the offsets differ, no screen)
        maybe = {low.count("\0", 0, m.start()) for m in _MAY_BE_WORK.finditer(low)}  # (element numbers)
        candidates = [candidates[i] for i in sorted(maybe)]
    out: list = []
    base = None
    for el in candidates:
        for attr, raw in el.items():  # (in any order: extract lists the links of an element one after another)
            if attr not in _LINK_ATTRS or not _is_work_file(raw):
                continue
            t = el.tag
            if el.get(_REF_ATTRS[t]) is None:
                break  # extract lists none of its references
            if base is None:
                base = links.base_url(resource)
                prefix = links.host_prefix(base)
            for c in [c.strip().split()[0] for c in raw.split(",") if c.strip()] if attr == "srcset" else [raw.strip()]:
                found = links.resolve_ref(c, t, attr, resource.url, base, prefix)  # (url, kind) as extract lists it
                if found is not None and found[1] in _WORK_KINDS:
                    out.append(el)
    return out


# -- the text beside an element ------------------------------------------------------------------------------

def _texts_beside(el) -> list[str]:
    """Texts that describe the element: its own labels, the caption, and caption-sized text around it."""
    texts = [el.get("alt"), el.get("title"), el.get("aria-label")]
    for attr in ("aria-labelledby", "aria-describedby"):
        if el.get(attr):
            texts += [_short_text(r) for r in referenced(el, attr)]
    if tag(el) != "img":
        texts.append(_short_text(el))  # a link's own text: "Spring poem by Maya R."
    host = el
    while (parent := host.getparent()) is not None and tag(parent) in _WRAPPERS and len(parent) == 1:
        host = parent
        texts.append(host.get("title"))
    parent_tag = tag(parent) if parent is not None else ""  # (parent: the host's, as the loop left it)
    figure = None  # the host's parent or grandparent, if a figure
    if parent is not None:
        if parent_tag == "figure":
            figure = parent
        elif (grand := parent.getparent()) is not None and tag(grand) == "figure":
            figure = grand
    if figure is not None:
        texts += [_short_text(c) for c in figure if tag(c) == "figcaption"]
    texts.append(host.tail)
    nxt = host.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is not None and (next_tag := tag(nxt)) in _CAPTION_TAGS and next_tag != "figcaption":
        texts.append(_short_text(nxt))
    if parent is not None and parent is not figure and parent_tag not in _BIG_CONTAINERS:
        texts.append(_short_text(parent))
    return list(dict.fromkeys(" ".join(t.split()) for t in texts if t and not t.isspace()))


def _short_text(el) -> str:
    """The element's text if it is caption-sized, else "" (stops reading early on long content)."""
    if len(el) == 0:  # a plain caption: its text is all itertext gives, without the cost of the iterator
        text = el.text or ""
        return text if len(text) <= NEAR_CHARS else ""
    parts, size = [], 0
    for t in el.itertext():
        parts.append(t)
        size += len(t)
        if size > NEAR_CHARS:
            return ""
    return " ".join(parts)


def _names(texts: list[str], released: frozenset[str]) -> list[str]:
    out = [n.text for t in texts for n in student_names(t) if normal_name(n.text) not in released]
    return list(dict.fromkeys(out))


def _work_names(texts: list[str], released: frozenset[str]) -> list[str]:
    """Names given as a work's maker ("by Maya R.", "Artist: Leo Chen"), or any name on student work."""
    out = []
    for t in texts:
        student_work = bool(_STUDENT_WORK.search(t))
        for n in student_names(t):
            if (student_work or _WORK_MARKER.search(t, max(0, n.start - 25), n.start)) \
                    and normal_name(n.text) not in released:
                out.append(n.text)
    return list(dict.fromkeys(out))


def _mentions(pattern, texts: list[str]) -> list[str]:
    """The opt-out names found in the texts, diacritics aside (never shown: they only mask the file name)."""
    return [m.group() for t in texts for m in pattern.finditer(fold(t))] if pattern else []


def _file_words(src: str) -> str:
    """The words of a file name, for matching names: `jayden_okonkwo-2.jpg` -> `jayden okonkwo jpg`."""
    return " ".join(_FILE_WORDS.findall(src.split("?", 1)[0].rpartition("/")[2]))


# -- messages that do not spread the names --------------------------------------------------------------------

def _masked_file(src: str, names: list[str]) -> str:
    """The file name with every word of a name found for it, and every given name, masked."""
    hidden = {fold(w.lower()).rstrip(".") for n in names + names_in_file_name(src) for w in n.split()}
    given = given_names()

    def mask(m):
        w = m.group()
        low = fold(w.lower())
        return w[0] + "***" if low in hidden or (low in given and low not in AMBIGUOUS_GIVEN_NAMES) else w

    return _FILE_WORDS.sub(mask, src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rpartition("/")[2][:80])


def _file_label(src: str, names: list[str]) -> str:
    return repr(_masked_file(src, names)) if src else "(no file name)"


def _snippet(el, src: str, names: list[str]) -> str:
    attr = {"img": "src", "embed": "src", "iframe": "src", "object": "data"}.get(tag(el), "href")
    return f'<{tag(el)} {attr}="…/{_masked_file(src, names)}">'
