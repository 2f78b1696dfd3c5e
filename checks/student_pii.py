"""Student personal data stays off public pages.

## What it does
Flags, as errors, student personal data on a page: student e-mail addresses (addresses at the
`student_email_domains`, or, when none are configured, at a domain whose first label is `student`
or `students`); student ID numbers (a "Student ID: 2045187" label, a "Student ID" column, or
whatever matches the configured `student_id_pattern` in the text or in link, title, alt and value
attributes, so make the pattern specific); and birth dates, grades, and IEP, 504-plan or health
mentions in the same sentence or table row as a student's name (columns headed "Date of birth",
"GPA", "Allergies" count for every row). Names of adults ("Nurse Maria Lopez") and staff-directory
pages do not count as students. Messages and snippets mask what was found
(`m***@students.example.org`, `*****87`, `M*** L***`).

## Why it matters
The district's policy keeps students' personally identifiable information off public pages, and
FERPA protects education records: a grade, a diagnosis or an IEP next to a child's name is an
education record published to the world. Student e-mail addresses and ID numbers open the door to
phishing and to the student's accounts.

## Example
    <p>Congratulations to Maya Lopez (maya.lopez@students.example.org, student ID 2045187)!</p>
    <tr><td>Leo Chen</td><td>03/14/2015</td><td>peanut allergy, has an EpiPen</td></tr>
    <li>Ana Ruiz - GPA 3.9</li>

## Use instead
    <p>Congratulations to our spelling bee winner!</p>
Keep rosters, birth dates, grades and health plans in the student information system; share them
with staff through it, never on the public website.

## References
- District web policy: student personally identifiable information stays off public pages
- FERPA (20 U.S.C. 1232g; 34 CFR Part 99): education records and personally identifiable information
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate

import ahocorasick_rs
from lxml import etree

from webaudit.dom import elements, lower, table_rows, tag, xpath
from webaudit.privacy import (EMAIL, is_staff_page, mask_email, mask_emails, mask_id, mask_names, mask_text,
                              may_hold_names, student_names)

ID = "student-pii"
TITLE = "Student personal data stays off public pages"
WCAG = ()
LEVEL = ""
POLICY = "Student personally identifiable information stays off public pages"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Remove the student's e-mail address, ID number, birth date, grades or health information from the "
        "public page; keep it in the student information system.")
OPTIONS = {
    "student_email_domains": (),  # e.g. ["students.example.org"]; a domain covers its subdomains
    "student_id_pattern": "",  # a regular expression for the district's student IDs, e.g. r"\bS\d{7}\b"
}

_EMAIL_PLACES = xpath("//text()[contains(., '@')][not(ancestor::script or ancestor::style)]"
                      " | //@href[contains(., '@')] | //@title[contains(., '@')] | //@value[contains(., '@')]")
_BODY_TEXT = xpath("string(/html/body)")
_TEXT_NODES = xpath("/html/body//text()")
# the first body's text nodes (string(/html/body) is their concatenation), as plain strings
_BODY_STRINGS = etree.XPath("(/html/body)[1]//text()", smart_strings=False)
_HEADER_CELLS = xpath("//th | //thead//td")
_TEXTS = xpath("//text()[not(ancestor::script or ancestor::style)] | //@href | //@title | //@alt | //@value")

# Words that may carry student data, in lower case and grouped by first letter so that the regex
# engine tries one branch per character: one pass over the page's text finds the few text nodes worth
# a closer look. _KIND_BY_START says what a match is about.
_TRIGGER_BRANCHES = (
    r"a(?:llerg|sthma|dhd|utis|ccommodation|cademic probation)", r"b(?:irth|orn)", r"d(?:iagnos|iabet|yslexi|\.?o\.?b)",
    r"e(?:pilep|pi-?pen)", r"fail(?:ed|ing) ", r"g(?:pa|rade point|rades?\s*(?:of|:|=|was|is)\s)",
    r"health (?:plan|condition|record)", r"i(?:ep|ndividuali[sz]ed ed|nhaler)", r"m(?:edication|arks?\s*(?:of|:|=)\s)",
    r"occupational therapy", r"pupil[\s-]*(?:id|number|no\b|#)", r"report card", r"504 plan",
    r"s(?:eizure|pecial (?:education|needs)|peech therapy|cored|cores?\s*(?:of|:|=|was|is)\s"
    r"|tudent[\s-]*(?:id|number|no\b|#|identification))")
_TRIGGER = re.compile("|".join(_TRIGGER_BRANCHES))
# Each branch on its own, tried only where _TRIGGER_SEEDS say a match can start (see _trigger_spans).
_TRIGGER_PARTS = tuple(re.compile(b) for b in _TRIGGER_BRANCHES)
# What every match of _TRIGGER starts with: one Aho-Corasick pass over the text (Rust) lists the few
# places a match can start, and the branch for that place's first character (the branches all start
# differently) is tried there (see _trigger_spans). Common words ("students", "grade 3") must not be seeds:
# a word the branch follows with \s* or [\s-]* is seeded with what may come next (_spaced).
_SPACES = "".join(re.findall(r"\s", "".join(map(chr, range(0x3001)))))  # what \s matches (none after U+3000)


def _spaced(word: str, nexts: str, gaps: str = _SPACES) -> list[str]:
    """Seeds for `word`, then any run of `gaps` characters, then a character of `nexts`."""
    return [word + c for c in nexts] + [word + g + c for g in gaps for c in gaps + nexts]


_TRIGGER_SEEDS = ("allerg", "asthma", "adhd", "autis", "accommodation", "academic probation", "birth", "born",
                  "diagnos", "diabet", "dyslexi", "dob", "d.ob", "do.b", "d.o.b", "epilep", "epipen", "epi-pen",
                  "failed ", "failing ", "gpa", *_spaced("grade", "o:=wip"), *_spaced("grades", "o:=wi"),
                  "health plan", "health condition", "health record", "iep", "individualised ed",
                  "individualized ed", "inhaler", "medication", *_spaced("mark", "o:="), *_spaced("marks", "o:="),
                  "occupational therapy", *_spaced("pupil", "in#", _SPACES + "-"), "report card", "504 plan",
                  "seizure", "special education", "special needs", "speech therapy", "scored",
                  *_spaced("score", "o:=wi"), *_spaced("scores", "o:=wi"), *_spaced("student", "in#", _SPACES + "-"))
_BRANCH_BY_FIRST = {b[0]: part for b, part in zip(_TRIGGER_BRANCHES, _TRIGGER_PARTS)}


@cache
def _seeds() -> ahocorasick_rs.AhoCorasick:
    """The seeds' automaton (a DFA: one table lookup a character), built on first use (a few ms)."""
    return ahocorasick_rs.AhoCorasick(list(dict.fromkeys(_TRIGGER_SEEDS)),
                                      implementation=ahocorasick_rs.Implementation.DFA)


_KIND_BY_START = {"bir": "birth", "bor": "birth", "dob": "birth", "d.o": "birth", "do.": "birth", "gpa": "grade",
                  "gra": "grade", "rep": "grade", "sco": "grade", "fai": "grade", "aca": "grade", "mar": "grade",
                  "stu": "id", "pup": "id"}  # by a match's first three letters; every other match is "health"
# What a table column header announces ("Date of birth", "GPA", "Allergies", "Student ID").
_HEADER = re.compile(
    r"(?P<birth>\bdate\s+of\s+birth\b|\bbirth\s*-?\s*dates?\b|\bbirthdays?\b|\bborn\b|\bd\.?o\.?b\b)"
    r"|(?P<grade>\bgpa\b|\bgrade\s+point\b|\breport\s+cards?\b|\bgrades?\b|\bmarks?\b|\bscores?d?\b|\bfail(?:ed|ing)\b"
    r"|\bacademic\s+probation\b)"
    r"|(?P<health>\bieps?\b|\b504\s+plans?\b|\bindividuali[sz]ed\s+education\b|\bspecial\s+(?:education|needs)\b"
    r"|\bdiagnos\w*|\badhd\b|\bautis\w*|\basthma\w*|\bdiabet\w*|\bepilep\w*|\bseizures?\b|\ballerg\w*"
    r"|\bepi-?pens?\b|\binhalers?\b|\bmedical\b|\bmedications?\b|\bdyslexi\w*|\bhealth\s+(?:plans?|conditions?|records?)\b"
    r"|\b(?:speech|occupational)\s+therapy\b|\baccommodations?\b)"
    r"|(?P<id>\b(?:student|pupil)[\s-]*(?:id|identification|number|no\b|#))", re.I)
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?)\b", re.I)
_GRADE_VALUE = re.compile(
    r"\bGPA\b\D{0,12}[0-4]\.\d{1,2}\b|\bgrade\s+point\s+average\b"
    r"|\b(?:grade|mark|score)s?\s*(?:of|:|=|was|is)\s*(?:[A-F][+-]?(?![\w+-])|\d{1,3}(?:\.\d+)?\s*%|\d{1,3}\s*/\s*\d{1,3})"
    r"|\bscored\s+(?:an?\s+)?(?:[A-F][+-]?(?![\w+-])|\d{1,3}(?:\.\d+)?\s*%|\d{1,3}\s*/\s*\d{1,3})"
    r"|\b(?:failed|failing|flunked)\s+(?:\w+\s+){0,2}(?:class|course|test|exam|quiz|subject)\b"
    r"|\breport\s+cards?\b|\bacademic\s+probation\b")
_GRADE_CELL = re.compile(r"^(?:[A-F][+-]?|\d{1,3}(?:\.\d+)?\s*%|[0-4]\.\d{1,2})$")
_ID_LABEL = re.compile(r"\b(?:student|pupil)[\s-]*(?:id|identification|number|no\.?|#)\s*(?:number|no\.?|#)?\s*"
                       r"(?:[:#=]|is)?\s*(?P<value>[A-Z]{0,3}-?\d{4,12})\b", re.I)
_ID_CELL = re.compile(r"^[A-Z]{0,3}-?\d{4,12}$")
_EMPTY_CELL = frozenset({"", "none", "n/a", "na", "no", "-", "–", "nkda", "nka"})
# between sentences: (?<=[.!?;])\s+(?=[A-Z(]) or \s+[|•·]\s+, written to start with \s (many times faster)
_SENTENCE = re.compile(r"\s(?:(?<=[.!?;]\s)\s*(?=[A-Z(])|\s*[|•·]\s+)")
# _SENTENCE in a text without | • ·: its group, found from the stop (a rare character: faster still)
_SENTENCE_STOP = re.compile(r"[.!?;](\s+)(?=[A-Z(])")
_BLOCKS = frozenset({"tr", "li", "p", "dd", "dt", "figcaption", "caption", "blockquote", "h1", "h2", "h3", "h4", "h5",
                     "h6", "div", "section", "article", "td", "th", "body"})
_STUDENT_LABELS = ("student", "students")
WHAT = {"birth": "a birth date", "grade": "grades", "health": "health or special-education information",
        "id": "a student ID number"}


def check(resource, config):
    page = resource.text or ""
    id_pattern, problem = _id_pattern(config.get("student_id_pattern"))
    if problem:
        yield resource.finding(None, problem, severity="warning")
    flagged: set = set()
    domains = _domains(config.get("student_email_domains"))
    if _in_lower(page if "@" in page else "", domains or ("@student",)):  # a quick look before walking the tree
        yield from _emails(resource, domains, flagged)
    if id_pattern is not None and id_pattern.search(page):
        yield from _pattern_ids(resource, id_pattern, flagged)
    yield from _records(resource, flagged)


# -- e-mail addresses and configured ID numbers: found in text nodes and attributes -------------------------------

def _domains(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    return tuple(d.strip().lower().lstrip("@.") for d in value or () if d.strip())


def _in_lower(text: str, needles) -> bool:
    """any(n in text.lower() for n in needles). For needles in ASCII lower case, looked for in the text's
    UTF-8 bytes lowered instead (A-Z only: many times faster than str.lower() on non-ASCII text), or with
    an ASCII case-blind regex: only İ and the Kelvin sign lower to ASCII letters, so without them the
    answer is the same."""
    if all(n.isascii() for n in needles) and "\u0130" not in text and "\u212a" not in text:
        if all(n[:1] and not n[0].isalpha() and n == n.lower() for n in needles):  # such as "@student"
            return _any_case(needles).search(text) is not None  # (a first character without case: faster still)
        data = text.encode("utf-8", "surrogatepass").lower()
        return any(n.encode() in data for n in needles)
    low = lower(text)
    return any(n in low for n in needles)


@lru_cache(maxsize=64)
def _any_case(needles: tuple[str, ...]) -> re.Pattern:
    """A regex for the needles with their ASCII letters in either case (re.A: only those), for _in_lower.
    One that starts with a character that has no case is looked for from that character."""
    return re.compile("|".join(map(re.escape, needles)), re.I | re.A)


def _is_student_domain(domain: str, domains: tuple[str, ...]) -> bool:
    domain = domain.lower()
    if domains:
        return any(domain == d or domain.endswith("." + d) for d in domains)
    return domain.split(".", 1)[0] in _STUDENT_LABELS


def _emails(resource, domains, flagged):
    for place in _EMAIL_PLACES(resource.tree):
        el = _owner(place)
        for m in EMAIL.finditer(place):
            address = m.group()
            if not _is_student_domain(address.rsplit("@", 1)[1], domains) or (id(el), address.lower()) in flagged:
                continue
            flagged.add((id(el), address.lower()))
            yield resource.finding(el, f"student e-mail address {mask_email(address)} is published on the page",
                                   snippet=_excerpt(place, m.start(), m.end()))


def _id_pattern(value) -> tuple[re.Pattern | None, str | None]:
    if not value:
        return None, None
    try:
        return re.compile(value), None
    except (re.error, TypeError) as e:
        return None, f"student_id_pattern is not a valid regular expression ({e}); student IDs are only found by label"


def _pattern_ids(resource, pattern, flagged):
    for place in _TEXTS(resource.tree):
        if not place.strip():
            continue
        el = _owner(place)
        for m in pattern.finditer(place):
            value = m.group()
            if not value.strip() or (id(el), value) in flagged:
                continue
            flagged.add((id(el), value))
            yield resource.finding(el, f"student ID number {mask_id(value)} is published on the page",
                                   snippet=_excerpt(place, m.start(), m.end(), pattern))


def _owner(place):
    """The element a text or attribute value belongs to (a tail belongs to the parent of its element)."""
    el = place.getparent()
    if getattr(place, "is_tail", False) and el.getparent() is not None:
        el = el.getparent()
    return el


def _excerpt(s: str, start: int, end: int, ids: re.Pattern | None = None) -> str:
    """The text around a match, with the match and any address, name or ID number in it masked."""
    return mask_text(" ".join(s[max(0, start - 40):end + 40].split()), ids)


# -- birth dates, grades, health: next to a student's name -------------------------------------------------------

def _records(resource, flagged):
    columns: dict = {}  # table row -> {kind: column index}, from headers such as "Date of birth"
    for header in _header_cells(resource.tree):
        kinds = _header_kinds(header.text if len(header) == 0 else _text(header))
        for row, col in _data_rows(header) if kinds else ():
            columns.setdefault(row, {}).update(dict.fromkeys(kinds, col))
    blocks = dict.fromkeys(columns)  # rows under such headers, and blocks with a trigger word, in document order
    for node in _trigger_nodes(resource.tree):
        cell = _owner(node)
        if _header_cell(cell) is None and (block := _block(cell)) is not None:
            blocks[block] = None
    for block in blocks:
        found = None if id(block) in flagged else _findings(block, columns.get(block, {}), resource)
        if found:
            flagged.add(id(block))
            what, names, ids = found
            about = f" next to a student's name ({mask_names(names)})" if names else ""
            shown = f" ({', '.join(mask_id(v) for v in ids)})" if ids else ""
            yield resource.finding(block, f"{' and '.join(what)}{shown}{about} on a public page",
                                   snippet=_bare_tag(block))


@lru_cache(maxsize=1024)
def _header_kinds(text: str | None) -> tuple[str, ...]:
    """What a column header's text announces (its kinds, in the order of the set they were always taken
    from). Kept per text, which repeats from table to table ("Name", "Room"), and asked with the text of
    a cell without children as it is (_text's spacing is applied here, once)."""
    text = " ".join(text.split()) if text else ""
    return tuple({k for m in _HEADER.finditer(text) for k, v in m.groupdict().items() if v})


def _header_cells(root) -> list:
    """What _HEADER_CELLS (//th | //thead//td) finds. On a page without thead (most pages; lxml tells at
    once) that is every th, listed by one walk over th elements only: no Python object for each td and no
    work per table, several times cheaper on table-heavy pages. (A th outside a table heads no column.)"""
    if next(elements(root, "thead"), None) is None:
        return list(elements(root, "th"))
    return _HEADER_CELLS(root)


def _trigger_nodes(tree) -> list:
    """Text nodes with a trigger word: one regex pass over the body's text (most pages stop there),
    then the matches are mapped back to the text nodes they fall in."""
    # The body's text as one string (libxml2 joins it: a string per text node costs several times more
    # on pages of many short texts, such as tables); then, only if something matched, the text nodes as
    # plain strings to place the matches, and only the few with a match as nodes: a node (with its parent
    # element) for each of them costs several times more, in the garbage collector's time mostly.
    body = _BODY_TEXT(tree)
    found = [start for start, _ in _lowered_spans(body)[1]]
    if not found:
        return []
    texts = _BODY_STRINGS(tree)
    if "\u0130" in body:  # İ, the one letter whose lower case is longer: lower each node on its own
        nodes = _TEXT_NODES(tree)
        low = "".join(t.lower() for t in nodes)
        starts = list(accumulate((len(t.lower()) for t in nodes), initial=0))
        hits = {bisect_right(starts, start) - 1 for start, _ in _trigger_spans(low)}
        nodes = [nodes[i] for i in sorted(hits)]
    else:
        starts = list(accumulate(map(len, texts), initial=0))
        nodes = [_nth_text(i + 1)(tree)[0] for i in sorted({bisect_right(starts, at) - 1 for at in found})]
    return [node for node in nodes if node.getparent().tag not in ("script", "style")]


@lru_cache(maxsize=512)
def _nth_text(n: int) -> etree.XPath:
    """The first body's n-th text node, as [node]: _TEXT_NODES(tree)[n - 1], libxml2 stopping there."""
    return etree.XPath(f"(/html/body)[1]/descendant::text()[{n}]")


def _lowered_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(the text in lower case, `_trigger_spans` of it), found in the text's latin-1 bytes: bytes.lower()
    is many times faster than str.lower() on non-ASCII text, and the seeds are looked for in the bytes,
    whose offsets are the text's. It lowers A-Z only: the letters À-Þ it leaves are in no seed and read
    as their lower case do in the branches (as letters). A character latin-1 lacks ("’", "—") stands
    in as one that reads the same to seeds and branches (_stand_in). So the matches are the same
    (tests/test_fast_paths.py compares them)."""
    try:
        data = text.encode("latin-1", _STAND_IN).lower()
    except UnicodeEncodeError:  # İ or the Kelvin sign, which lower to ASCII letters: the plain way
        low = lower(text)
        return low, _trigger_spans(low)
    places = _latin1_seeds().find_matches_as_indexes(data, overlapping=True)
    low = data.decode("latin-1")
    return low, _branch_spans(low, sorted({start for _, start, _ in places}))


_STAND_INS: dict[str, bytes] = {}


def _stand_in(error: UnicodeEncodeError) -> tuple[bytes, int]:
    """An encoding error handler: each character latin-1 lacks as a latin-1 one that no seed or branch
    names and that is what it is to \\s and \\w: a space (\\xa0), a letter (ª) or neither (¿)."""
    out = []
    for c in error.object[error.start:error.end]:
        if (b := _STAND_INS.get(c)) is None:
            if c in "\u0130\u212a":
                raise error
            b = _STAND_INS[c] = b"\xa0" if c in _SPACES else b"\xaa" if re.match(r"\w", c) else b"\xbf"
        out.append(b)
    return b"".join(out), error.end


_STAND_IN = "webaudit-student-pii-stand-in"
codecs.register_error(_STAND_IN, _stand_in)


@cache
def _latin1_seeds() -> ahocorasick_rs.BytesAhoCorasick:
    """The seeds latin-1 can spell, for _lowered_spans."""
    seeds = [s.encode("latin-1") for s in dict.fromkeys(_TRIGGER_SEEDS) if max(s) <= "\xff"]
    return ahocorasick_rs.BytesAhoCorasick(seeds, implementation=ahocorasick_rs.Implementation.DFA)


def _trigger_spans(low: str) -> list[tuple[int, int]]:
    """(start, end) of each match `_TRIGGER.finditer(low)` finds, found with one Aho-Corasick pass for
    the places a match can start (_TRIGGER_SEEDS), then the one branch that can start there: the
    leftmost match first, the next one from the end of the last, as finditer takes them."""
    if not low:
        return []
    starts = sorted({start for _, start, _ in _seeds().find_matches_as_indexes(low, overlapping=True)})
    return _branch_spans(low, starts)


def _branch_spans(low: str, starts: list[int]) -> list[tuple[int, int]]:
    """The matches of the branches tried at these places (where a seed starts), as finditer takes them."""
    out: list[tuple[int, int]] = []
    pos = 0
    for at in starts:
        if at >= pos and (m := _BRANCH_BY_FIRST[low[at]].match(low, at)) is not None:
            pos = m.end()
            out.append((at, pos))
    return out


def _kind(trigger: str) -> str:
    """What a trigger word is about: "birth", "grade", "id" or "health"."""
    return _KIND_BY_START.get(trigger[:3], "health")


def _findings(block, columns, resource):
    """(what was found, the student names, ID values) for a block, or None. (Whether the page is a staff
    directory is asked last: the answer is seldom needed.)"""
    what, names, ids = [], [], []

    def found(kind, people=()):
        if WHAT[kind] not in what:
            what.append(WHAT[kind])
        names.extend(people)

    body = _text(block)
    low, spans = _lowered_spans(body)  # where _TRIGGER.finditer(body.lower()) matches
    kinds = [_kind(low[start:end]) for start, end in spans]
    # Most blocks with a trigger word ("report card") are read no further: without a column, only an ID
    # label or a student's name in a sentence makes a finding, and no sentence of this one can hold a name.
    if not columns and "id" not in kinds and not may_hold_names(body):
        return None
    row = tag(block) == "tr"
    cells = [c for c in block if tag(c) in ("td", "th")] if row else []
    for kind, col in columns.items():  # a column headed "Student ID", "Date of birth", "GPA", "Allergies"
        value = _text(cells[col]) if col < len(cells) else ""
        if not _column_value(kind, value):
            continue
        if kind == "id":
            ids.append(value)
        elif (people := [n.text for n in student_names(body)]) and not is_staff_page(resource):
            found(kind, people)
    sentences = [(0, body)] if row else _sentences(body)
    starts = [start for start, _ in sentences]
    for (start, _), kind in zip(spans, kinds):
        sentence = sentences[bisect_right(starts, start) - 1][1]
        if kind == "id":
            ids += [v["value"] for v in _ID_LABEL.finditer(sentence)]
        elif (people := [n.text for n in student_names(sentence)]) and _says(kind, sentence) \
                and not is_staff_page(resource):
            found(kind, people)
    if ids:
        found("id")
    return (what, list(dict.fromkeys(names)), list(dict.fromkeys(ids))) if what else None


def _sentences(body: str) -> list[tuple[int, str]]:
    """(start, sentence) for each sentence of a block's text."""
    out, at = [], 0
    if "|" in body or "•" in body or "·" in body:
        bounds = [m.span() for m in _SENTENCE.finditer(body)]
    else:
        bounds = [m.span(1) for m in _SENTENCE_STOP.finditer(body)]
    for start, end in bounds:
        out.append((at, body[at:start]))
        at = end
    return out + [(at, body[at:])]


def _says(kind: str, sentence: str) -> bool:
    """Does a sentence (or table row) with a trigger word of this kind state it: a birth word with a
    date, a grade value? (A health word says it by itself.)"""
    if kind == "birth":
        return bool(_DATE.search(sentence))
    if kind == "grade":
        return bool(_GRADE_VALUE.search(sentence))
    return True


def _column_value(kind: str, value: str) -> bool:
    value = value.strip()
    if kind == "birth":
        return bool(_DATE.search(value))
    if kind == "grade":
        return bool(_GRADE_CELL.match(value))
    if kind == "health":
        return value.lower() not in _EMPTY_CELL
    return bool(_ID_CELL.match(value))


def _header_cell(el):
    """The th the element sits in, if any (header text is read as a column header, not as a record)."""
    while el is not None and tag(el) not in ("td", "th", "table", "body"):
        el = el.getparent()
    return el if el is not None and tag(el) == "th" else None


def _data_rows(header):
    """(row, column index) for every data row of the header's table, when the th heads a column (it
    sits in a row of th cells or in thead, not beside data as a row header)."""
    row = header.getparent()
    cells = [c for c in row if tag(c) in ("td", "th")]
    if any(tag(c) == "td" for c in cells) and tag(row.getparent()) != "thead":
        return []
    col = cells.index(header)
    table = row
    while table is not None and tag(table) != "table":
        table = table.getparent()
    if table is None:
        return []
    return [(r, col) for r in table_rows(table) if r is not row and not all(tag(c) == "th" for c in r if tag(c))]


def _block(el):
    while el is not None and tag(el) not in _BLOCKS:
        el = el.getparent()
    if el is not None and tag(el) in ("td", "th") and el.getparent() is not None:
        el = el.getparent()  # a table cell speaks for its row
    return el


def _text(el) -> str:
    """An element's text, words separated (a table row's cells too)."""
    if len(el) == 0:  # a plain cell: its text is all itertext gives, without the cost of the iterator
        return " ".join((el.text or "").split())
    return " ".join(" ".join(el.itertext()).split())


def _bare_tag(el) -> str:
    attrs = "".join(f' {a}="{el.get(a)}"' for a in ("id", "class") if el.get(a))
    return mask_emails(f"<{tag(el)}{attrs}>")
