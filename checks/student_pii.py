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

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate

import ahocorasick_rs

from webaudit.dom import lower, table_rows, tag, xpath
from webaudit.privacy import (EMAIL, is_staff_page, mask_email, mask_emails, mask_id, mask_names, mask_text,
                              student_names)

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
    low = page.lower() if "@" in page else ""
    if any(d in low for d in domains or ("@student",)):  # a quick look before walking the tree
        yield from _emails(resource, domains, flagged)
    if id_pattern is not None and id_pattern.search(page):
        yield from _pattern_ids(resource, id_pattern, flagged)
    yield from _records(resource, flagged)


# -- e-mail addresses and configured ID numbers: found in text nodes and attributes -------------------------------

def _domains(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    return tuple(d.strip().lower().lstrip("@.") for d in value or () if d.strip())


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
    staff_page = is_staff_page(resource)
    columns: dict = {}  # table row -> {kind: column index}, from headers such as "Date of birth"
    for header in _HEADER_CELLS(resource.tree):
        kinds = {k for m in _HEADER.finditer(_text(header)) for k, v in m.groupdict().items() if v}
        for row, col in _data_rows(header) if kinds else ():
            columns.setdefault(row, {}).update(dict.fromkeys(kinds, col))
    blocks = dict.fromkeys(columns)  # rows under such headers, and blocks with a trigger word, in document order
    for node in _trigger_nodes(resource.tree):
        cell = _owner(node)
        if _header_cell(cell) is None and (block := _block(cell)) is not None:
            blocks[block] = None
    for block in blocks:
        found = None if id(block) in flagged else _findings(block, columns.get(block, {}), staff_page)
        if found:
            flagged.add(id(block))
            what, names, ids = found
            about = f" next to a student's name ({mask_names(names)})" if names else ""
            shown = f" ({', '.join(mask_id(v) for v in ids)})" if ids else ""
            yield resource.finding(block, f"{' and '.join(what)}{shown}{about} on a public page",
                                   snippet=_bare_tag(block))


def _trigger_nodes(tree) -> list:
    """Text nodes with a trigger word: one regex pass over the body's text (most pages stop there),
    then the matches are mapped back to the text nodes they fall in."""
    body = _BODY_TEXT(tree)
    low = lower(body)
    found = [start for start, _ in _trigger_spans(low)]
    if not found:
        return []
    nodes = _TEXT_NODES(tree)  # their concatenation is the body's text
    if len(low) != len(body):  # a rare letter whose lower case is longer: lower each node on its own
        low = "".join(t.lower() for t in nodes)
        starts = list(accumulate((len(t.lower()) for t in nodes), initial=0))
        found = [start for start, _ in _trigger_spans(low)]
    else:
        starts = list(accumulate(map(len, nodes), initial=0))
    hits = {bisect_right(starts, at) - 1 for at in found}
    return [nodes[i] for i in sorted(hits) if nodes[i].getparent().tag not in ("script", "style")]


def _trigger_spans(low: str) -> list[tuple[int, int]]:
    """(start, end) of each match `_TRIGGER.finditer(low)` finds, found with one Aho-Corasick pass for
    the places a match can start (_TRIGGER_SEEDS), then the one branch that can start there: the
    leftmost match first, the next one from the end of the last, as finditer takes them."""
    if not low:
        return []
    starts = sorted({start for _, start, _ in _seeds().find_matches_as_indexes(low, overlapping=True)})
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


def _findings(block, columns, staff_page):
    """(what was found, the student names, ID values) for a block, or None."""
    what, names, ids = [], [], []

    def found(kind, people=()):
        if WHAT[kind] not in what:
            what.append(WHAT[kind])
        names.extend(people)

    body = _text(block)
    row = tag(block) == "tr"
    cells = [c for c in block if tag(c) in ("td", "th")] if row else []
    for kind, col in columns.items():  # a column headed "Student ID", "Date of birth", "GPA", "Allergies"
        value = _text(cells[col]) if col < len(cells) else ""
        if not _column_value(kind, value):
            continue
        if kind == "id":
            ids.append(value)
        elif not staff_page and (people := [n.text for n in student_names(body)]):
            found(kind, people)
    sentences = [(0, body)] if row else _sentences(body)
    starts = [start for start, _ in sentences]
    low = lower(body)
    for start, end in _trigger_spans(low):  # where _TRIGGER.finditer(body.lower()) matches
        kind = _kind(low[start:end])
        sentence = sentences[bisect_right(starts, start) - 1][1]
        if kind == "id":
            ids += [v["value"] for v in _ID_LABEL.finditer(sentence)]
        elif not staff_page and (people := [n.text for n in student_names(sentence)]) and _says(kind, sentence):
            found(kind, people)
    if ids:
        found("id")
    return (what, list(dict.fromkeys(names)), list(dict.fromkeys(ids))) if what else None


def _sentences(body: str) -> list[tuple[int, str]]:
    """(start, sentence) for each sentence of a block's text."""
    out, at = [], 0
    for m in _SENTENCE.finditer(body):
        out.append((at, body[at:m.start()]))
        at = m.end()
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
    return " ".join(" ".join(el.itertext()).split())


def _bare_tag(el) -> str:
    attrs = "".join(f' {a}="{el.get(a)}"' for a in ("id", "class") if el.get(a))
    return mask_emails(f"<{tag(el)}{attrs}>")
