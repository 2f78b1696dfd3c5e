"""Student privacy helpers shared by the privacy checks: masking, personal-name detection, the
district's name lists (media release, photo opt-out), and staff-directory context.

Masking lives here, in one place, so that no report spreads what a check found:
`mask_email("maya.lopez@students.example.org")` is `m***@students.example.org`, `mask_id("2045187")`
is `*****87`, `mask_name("Maya Lopez")` is `M*** L***`.

Name detection (`find_names`) is a set-lookup method over given-name lists (see privacy_data): a
capitalised given name, with the surname or initial that follows it, is a personal name, unless the
words around it make it a place or an institution ("Lincoln Elementary", "Lake Mary", "Jackson
Park"), a historical figure ("Rosa Parks"), or an adult ("Mrs. Lopez", "Maria Lopez, Principal").
Given names that are also ordinary words ("Grace", "May", "Summer") need a surname or an initial.
Words in capitals ("MAYA LOPEZ AT THE FAIR", "Maya LOPEZ") are read as prose would write them ("Maya
Lopez at the Fair"); there only names of two words or more count (a heading in capitals is often one word).
A roster's "Lopez, Maya" (a census surname or a word in capitals, a comma, a given name) is one name.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from lxml import etree

from .privacy_data import (AMBIGUOUS_GIVEN_NAMES, FAMOUS_PEOPLE, INSTITUTION_WORDS, NAME_SUFFIXES,
                           PLACE_PREFIXES, ROLES, SSA_GIVEN_NAMES, TITLES)

# -- masking ---------------------------------------------------------------------------------------------

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")


def mask_email(address: str) -> str:
    """`maya.lopez@students.example.org` -> `m***@students.example.org` (the domain says whose it is)."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_id(value: str) -> str:
    """Every character but the last two: `2045187` -> `*****87`; short values are fully masked."""
    value = value.strip()
    return "*" * len(value) if len(value) <= 4 else "*" * (len(value) - 2) + value[-2:]


def mask_name(name: str) -> str:
    """Initials only: `Maya Lopez` -> `M*** L***`, `Maya R.` -> `M*** R.`."""
    return " ".join(p if len(p.rstrip(".")) == 1 else p[:1] + "***" for p in name.split())


def mask_names(names) -> str:
    """A short, masked list for a message: `M*** L***, L*** C***`."""
    masked = list(dict.fromkeys(mask_name(n) for n in names))
    return ", ".join(masked[:4]) + (f" and {len(masked) - 4} more" if len(masked) > 4 else "")


def mask_emails(text: str) -> str:
    """Mask every e-mail address in a text (for snippets)."""
    return EMAIL.sub(lambda m: mask_email(m.group()), text) if "@" in text else text


def mask_text(text: str, ids: re.Pattern | None = None) -> str:
    """A text safe to show: e-mail addresses, personal names and (with a pattern) ID numbers masked."""
    if ids is not None:
        text = ids.sub(lambda m: mask_id(m.group()), text)
    for name in reversed(find_names(text)):
        text = text[:name.start] + mask_name(name.text) + text[name.end:]
    return mask_emails(text)


# -- given names and surnames -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names: the 1990 US Census lists (the `names` package) and the SSA supplement."""
    out = set(SSA_GIVEN_NAMES)
    for f in ("dist.female.first", "dist.male.first"):
        out.update(_package_words(f))
    return frozenset(out)


SURNAMES_KEPT = 30_000  # of 88,799: 82% of people; each of the rest is rarer than 1 in 200,000


@lru_cache(maxsize=1)
def surname_ranks() -> dict[str, int]:
    """Census 1990 surnames -> frequency rank (0 = Smith), loaded on first use (tens of ms)."""
    return {name: i for i, name in enumerate(_package_words("dist.all.last", SURNAMES_KEPT))}


def _package_words(name: str, limit: int | None = None) -> list[str]:
    """The first column of a `names` package list, lower case ("SMITH  1.006 ..." -> "smith")."""
    with resources.files("names").joinpath(name).open("r", encoding="ascii") as f:
        return [line.split(None, 1)[0].lower() for line in islice(f, limit) if line.strip()]


# -- name detection --------------------------------------------------------------------------------------

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # (Latin-1's letters too: "Ángel", "Sofía")
_WORD = rf"[{_UP}][{_LOW}]*(?:[{_UP}][{_LOW}]+)?(?:['’-][{_UP}{_LOW}]+)*\.?"
# capitalised words in a row, not right after a letter, digit, apostrophe, dot or hyphen: the look-behind
# comes after the first capital ((?<![\w'’.-])[A-Z]… as [A-Z](?<![\w'’.-].)…), so the regex engine only
# tries the places where a capital is (several times faster than trying every place)
_CHAIN = re.compile(rf"[{_UP}](?<![\w'’.-].){_WORD.removeprefix(f'[{_UP}]')}(?!\w)(?:[ \t\xa0]+{_WORD}(?!\w))*")
_INITIAL = re.compile(r"[A-Z]\.?")
_APPOSITION_END = re.compile(r"[,;).]")
_SCHOOL_ABBREVIATION = re.compile(r"\s+(?:ES|MS|HS|JHS|PS|IS|K-8|ISD|USD)\b")
_ADULT_WORDS = ROLES | TITLES
_STOP_WORDS = INSTITUTION_WORDS | _ADULT_WORDS  # a capitalised word that ends a name
AMBIGUOUS_SURNAME_RANK = 5_000  # "Grace Lopez" counts; "Summer Reading" (Reading: rank 7,578) does not


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    adult: bool = False  # titled ("Mrs. Lopez") or with a staff role ("Maria Lopez, Principal")


def find_names(text: str) -> list[Name]:
    """Personal names in a text, in order (see the module doc for what counts)."""
    out = _capitalised_names(text)
    if _CAPS_RUN.search(text) is not None:  # (most texts: no word in capitals beside another word)
        out = _with_names_in_capitals(text, out)
    if "," in text:
        out = [_with_surname_before(text, n) for n in out]
    return out


def _capitalised_names(text: str) -> list[Name]:
    """The names among runs of capitalised words ("Maya Lopez")."""
    out: list[Name] = []
    given = given_names()
    for chain in _CHAIN.finditer(text):
        run = chain.group()
        if _has_given_name(run):  # (the common case: capitalised words, no given name among them)
            out.extend(_names_in_chain(text, chain.start(), run.split(), _chain_keys(run), given))
    return out


# -- names written in capitals ("MAYA LOPEZ", "Maya LOPEZ") ------------------------------------------------

# Words in capitals that may be (part of) a name: two or more in a row ("MAYA LOPEZ", "POEM BY MAYA R."), or
# one of two letters or more right after a word or right before a capitalised one ("Maya LOPEZ", "LOPEZ Maya")
# (each branch looks behind after the first capital, as _CHAIN does, so that only capitals are tried)
_CAPS_RUN = re.compile(
    rf"[{_UP}](?:(?<![\w'’.-].)[{_UP}'’-]*\.?(?:[ \t\xa0]+[{_UP}][{_UP}'’-]*\.?)+(?![\w'’-])"
    rf"|(?<=[{_LOW}][ \t\xa0].)[{_UP}'’-]*[{_UP}](?![\w'’-])"
    rf"|(?<![\w'’.-].)[{_UP}'’-]*[{_UP}](?=[ \t\xa0][{_UP}][{_LOW}]))")
_CAPS_WORD = re.compile(rf"[{_UP}][{_UP}'’-]*")  # one of their words
_IN_CAPITALS = re.compile(rf"[{_UP}][{_UP}'’-]*[{_UP}](?![\w'’-])")  # a word of two letters or more in capitals


# words a run in capitals reads in lower case, as prose writes them: "KIM AND MAYA" is no "Kim And"
_SMALL_WORDS = frozenset("a an and are as at by for from her his i in into is it my of on or our the their "
                         "to us vs was we with you your".split())


def _titled(run: re.Match) -> str:
    """A run of words in capitals as prose writes them: "O'BRIEN" -> "O'Brien", "AND" -> "and" ("A" and
    "I" with no dot are the article and the pronoun, not initials)."""
    def word(w: re.Match) -> str:
        low = w.group().lower()
        if low in _SMALL_WORDS and not w.string.startswith(".", w.end()):
            return low
        return low.title()[:-1] + "s" if low.endswith(("'s", "’s")) else low.title()  # "LOPEZ'S": "Lopez's"
    return _CAPS_WORD.sub(word, run.group())


def _with_names_in_capitals(text: str, out: list[Name]) -> list[Name]:
    """Words in capitals ("MAYA LOPEZ AT THE SCIENCE FAIR", "Maya LOPEZ") read as if capitalised: the names
    of two words or more with a word in capitals; each replaces what the plain reading found of it ("Maya")."""
    titled = _CAPS_RUN.sub(_titled, text)
    if len(titled) != len(text):  # (a letter whose case changes its length: no offsets to map back)
        return out
    extra = [Name(text[n.start:n.end], n.start, n.end, n.adult) for n in _capitalised_names(titled)
             if len(n.text.split()) > 1 and _IN_CAPITALS.search(text, n.start, n.end)
             and not any(_is_acronym(w) for w in _IN_CAPITALS.findall(text, n.start, n.end))]
    if not extra:
        return out
    kept = [n for n in out if not any(e.start < n.end and n.start < e.end for e in extra)]
    return sorted(kept + extra, key=lambda n: n.start)


def _is_acronym(word: str) -> bool:
    """A short word in capitals that is no name: "GPA" and "IEP" are, "LEE" and "NG" are names."""
    key = _key(word)
    return len(key) <= 3 and key not in surname_ranks() and key not in given_names()


# -- names in roster order ("Lopez, Maya") ---------------------------------------------------------------

# a surname and a comma at the start of a text, line, cell or list item, right before a given name: "Lopez, Maya"
_SURNAME_FIRST = re.compile(rf"(?:^|(?<=[\n\t|;:•·(\[])|(?<=\s\s))[ \t\xa0]*"
                            rf"([{_UP}][{_LOW}]+(?:['’-][{_UP}][{_LOW}]+)*|[{_UP}][{_UP}'’-]*[{_UP}]),[ \t\xa0]+$")


def _with_surname_before(text: str, name: Name) -> Name:
    """A given name alone after "Surname, " where a roster puts it ("Lopez, Maya", "OKONKWO, Jayden"), with
    that surname: a census surname, or a word in capitals."""
    words = name.text.split()
    if name.adult or not text.startswith(",", max(name.start - 2, 0), name.start) \
            or len(words) > 2 or len(words) == 2 and not _INITIAL.fullmatch(words[1]):
        return name  # (a given name alone, or with an initial: "Smith, Maya R.")
    m = _SURNAME_FIRST.search(text, max(0, name.start - 40), name.start)
    if m is None:
        return name
    word = m.group(1)
    key = _key(word)
    surname = key in surname_ranks() or word.isupper()
    if not surname or key in _STOP_WORDS or (key in given_names() and key not in surname_ranks()):
        return name
    return Name(text[m.start(1):name.end], m.start(1), name.end, False)


def may_hold_names(text: str) -> bool:
    """False when find_names finds no name in the text nor in any part of it cut at white space (such as
    a sentence): no run of capitalised words holds a given name, other than an ambiguous one alone
    ("Art", "Spring": such a name needs a surname). A part's runs are runs of the text or parts of them
    (a run's words end before white space or a character that no word holds). Runs of words in capitals
    are read as find_names reads them."""
    if _may_hold_capitalised_names(text):
        return True
    return _CAPS_RUN.search(text) is not None and _may_hold_capitalised_names(_CAPS_RUN.sub(_titled, text))


def _may_hold_capitalised_names(text: str) -> bool:
    return any(_has_given_name(run) and not (len(run.split()) == 1 and "-" not in run
                                             and _key(run) in AMBIGUOUS_GIVEN_NAMES) for run in _CHAIN.findall(text))


def _chain_keys(run: str) -> list[str]:
    """The _key of each word of a run of capitalised words, without diacritics ("José" is "jose": the
    name lists spell names in ASCII)."""
    if "." in run or "'" in run or "’" in run:
        return [_key(w) for w in run.split()]
    return fold(run.lower()).split()  # (no word may end in "." or "'s": one lower() for them all)


def fold(text: str) -> str:
    """The text without diacritics: "Sofía Martínez" -> "Sofia Martinez" (names are written both ways)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # (runs repeat: sentences start with the same capitalised words, page after page)
def _has_given_name(run: str) -> bool:
    """Is a word of a run of capitalised words a given name (or hyphenated, starting with a given name)?"""
    keys, given = _chain_keys(run), given_names()
    return not given.isdisjoint(keys) or "-" in run and any("-" in k and k.split("-", 1)[0] in given for k in keys)


def student_names(text: str) -> list[Name]:
    """Names that are not an adult's (not titled, no staff role beside them)."""
    return [n for n in find_names(text) if not n.adult]


def _key(token: str) -> str:
    """A word as the word lists spell it: lower case, no diacritics, no final "." or "'s"."""
    k = fold(token.lower()).rstrip(".")
    return k[:-2] if k.endswith(("'s", "’s")) else k


def _names_in_chain(text: str, at: int, words: list[str], keys: list[str], given: frozenset) -> list[Name]:
    spans = []
    for w in words:
        at = text.find(w, at)
        spans.append((at, at + len(w)))
        at += len(w)
    out = []
    n = len(words)
    adult = _adult_before(text, spans[0][0])
    i = 0
    while i < n:
        k = keys[i]
        if k in TITLES and i + 1 < n:
            adult, i = True, i + 1  # "Mrs.", "Coach", "Principal"
            continue
        if k in PLACE_PREFIXES:
            adult, i = False, i + 2  # "St. Paul", "Lake Mary"
            continue
        if not (k in given or ("-" in k and k.split("-", 1)[0] in given)):
            adult, i = False, i + 1
            continue
        j = _name_end(words, keys, i, given, ambiguous=k in AMBIGUOUS_GIVEN_NAMES)
        after = keys[j] if j < n else ""
        if after in INSTITUTION_WORDS or (j == n and _SCHOOL_ABBREVIATION.match(text, spans[-1][1])):
            adult, i = False, j + 1  # "Lincoln Elementary", "Martin Luther King Jr. Day", "Kennedy HS"
            continue
        if j > i:
            start, end = spans[i][0], spans[j - 1][1]
            name = text[start:end].rstrip(".")
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            if _without_suffix(name) not in _FAMOUS:
                is_adult = adult or after in ROLES or _adult_after(text, end)
                out.append(Name(name, start, start + len(name), is_adult))
        adult, i = False, max(j, i + 1)
    return out


def _name_end(words, keys, i: int, given, ambiguous: bool) -> int:
    """Index after the name that starts with the given name at i (i itself when it is no name)."""
    n = len(words)
    j = i + 1
    if j + 1 < n and _continues(words, keys, j) and (keys[j] in given or _INITIAL.fullmatch(words[j])) \
            and _is_surname(words, keys, j + 1, ambiguous) and not _INITIAL.fullmatch(words[j + 1]):
        j += 1  # a middle name or initial: "Martin Luther King", "Maya R. Lopez"
    if j < n and _is_surname(words, keys, j, ambiguous):
        j += 1
        if j < n and keys[j] in NAME_SUFFIXES:
            j += 1
    elif ambiguous:
        return i  # "Grace", "May", "Lincoln" alone are no name
    return j


def _continues(words, keys, j: int) -> bool:
    """Can the capitalised word at j continue a name? Not after a full stop, not a role or a place word."""
    prev = words[j - 1]
    if prev.endswith(".") and not _INITIAL.fullmatch(prev) and keys[j - 1] not in TITLES:
        return False
    return keys[j] not in _STOP_WORDS


def _is_surname(words, keys, j: int, ambiguous: bool) -> bool:
    if not _continues(words, keys, j):
        return False
    if not ambiguous or _INITIAL.fullmatch(words[j]):
        return True
    return surname_ranks().get(keys[j], AMBIGUOUS_SURNAME_RANK) < AMBIGUOUS_SURNAME_RANK


def _adult_before(text: str, start: int) -> bool:
    """A title or role right before the name: "Principal Maria Lopez", "our school nurse, Angela Brown"."""
    before = text[max(0, start - 30):start].rstrip(" \t\xa0,:").rsplit(None, 1)  # (no word: "\n" only)
    return bool(before) and _key(before[-1].strip("(\"'“‘")) in _ADULT_WORDS


def _adult_after(text: str, end: int) -> bool:
    """A role in apposition: "Maria Lopez, Principal", "Maria Lopez (3rd Grade Teacher)", "... - School Nurse"."""
    rest = text[end:end + 60].lstrip(" \t\xa0")
    if not rest or rest[0] not in ",(–—|:-":
        return False
    return any(_key(w) in ROLES for w in _APPOSITION_END.split(rest[1:], 1)[0].split()[:5])


def _normal(name: str) -> str:
    return " ".join(fold(name).lower().replace(".", " ").split())


def _without_suffix(name: str) -> str:
    words = _normal(name).split()
    return " ".join(words[:-1] if len(words) > 2 and words[-1] in NAME_SUFFIXES else words)


_FAMOUS = frozenset(_normal(n) for n in FAMOUS_PEOPLE)
_FILE_SPLIT = re.compile(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")


def names_in_file_name(url: str) -> list[str]:
    """Names in an image's file name: `maya-lopez-science-fair.jpg`, `MayaR.jpg` -> ["Maya Lopez"], ...

    Stricter than `find_names` (file names have no capitals to go by): a given name that is not also
    a word, followed by a census surname or a single letter."""
    base = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base else base
    words = [w.lower() for w in _FILE_SPLIT.split(base) if w]
    given = given_names()
    if given.isdisjoint(words[:-1]):
        return []
    out = []
    for a, b in zip(words, words[1:]):
        if a in given and a not in AMBIGUOUS_GIVEN_NAMES and b not in INSTITUTION_WORDS:
            if len(b) == 1 or (b in surname_ranks() and b not in given):
                out.append(f"{a.title()} {b.title()}")
    return out


# -- the district's lists of names (media release, photo opt-out) -----------------------------------------

class NameListError(Exception):
    """A configured name list that cannot be read (the message never quotes its contents)."""


_LIST_CACHE: dict[tuple, frozenset[str]] = {}


def normal_name(name: str) -> str:
    """How names are compared: case, diacritics, dots and spacing ignored; "Lopez, Maya" is "maya lopez"."""
    name = name.strip()
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    return _normal(name)


def load_names(value, base_dir: Path) -> frozenset[str]:
    """A configured name list: a list of names, or a path (relative to the config file's folder) to a
    CSV file with a `name` column or `first_name`/`last_name` columns, or to a text file with one
    name a line ("Last, First" also works). Cached until the file changes."""
    if not value:
        return frozenset()
    if isinstance(value, (list, tuple)):
        key = ("list", tuple(value))
        if key not in _LIST_CACHE:
            _LIST_CACHE[key] = frozenset(normal_name(str(v)) for v in value if str(v).strip())
        return _LIST_CACHE[key]
    if not isinstance(value, str):
        raise NameListError(f"expected a file path or a list of names, got {type(value).__name__}")
    path = Path(value).expanduser()
    path = path if path.is_absolute() else base_dir / path
    try:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        if key not in _LIST_CACHE:
            _LIST_CACHE[key] = _parse_names(path.read_text(encoding="utf-8-sig"))
        return _LIST_CACHE[key]
    except FileNotFoundError:
        raise NameListError(f"{value}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise NameListError(f"{value}: cannot be read ({type(e).__name__})") from None


_FULL = ("name", "full name", "full_name", "student", "student name", "student_name")
_FIRST = ("first", "first name", "first_name", "given", "given name", "given_name")
_LAST = ("last", "last name", "last_name", "surname", "family name", "family_name")


def _parse_names(text: str) -> frozenset[str]:
    rows = list(csv.reader(io.StringIO(text)))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    if not any(h in _FULL + _FIRST + _LAST for h in header):
        return frozenset(normal_name(line) for line in text.splitlines() if line.strip())
    full = next((header.index(h) for h in _FULL if h in header), None)
    first = next((header.index(h) for h in _FIRST if h in header), None)
    last = next((header.index(h) for h in _LAST if h in header), None)
    out = set()
    for row in rows[1:]:
        cell = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
        name = cell(full) or f"{cell(first)} {cell(last)}"
        if name.strip():
            out.add(normal_name(name))
    return frozenset(out)


@lru_cache(maxsize=32)
def list_pattern(names: frozenset[str]) -> re.Pattern | None:
    """One regex that finds any of the names in a text (whole words, any case and spacing), each also as
    its given name and the initial of its surname ("Jayden O." for Jayden Okonkwo), as schools shorten
    a child's name: the opt-out list must catch that too."""
    if not names:
        return None
    alts = {r"\s+".join(map(re.escape, n.split())) for n in names}
    alts.update(rf"{re.escape(n.split()[0])}\s+{re.escape(n.split()[-1][0])}\.?" for n in names if len(n.split()) > 1)
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?!\w)", re.I)


# -- staff-directory context -----------------------------------------------------------------------------

_STAFF_HEADING = re.compile(
    r"\b(?:staff|faculty|employee|teacher|personnel)s?\s+(?:directory|list|contacts?|bios?)\b"
    r"|\bdirectory\b|\bmeet\s+(?:the|our)\s+(?:staff|teachers?|faculty|team|principals?|administrators?|counselors?)\b"
    r"|^\s*(?:our\s+)?(?:staff|faculty|administration|leadership(?:\s+team)?|school\s+board"
    r"|board\s+of\s+(?:education|trustees|directors))\s*$", re.I)
_STAFF_CLASS = re.compile(r"(?<![a-z])(?:staff|faculty|directory|employee|personnel|teacher|team-member|board-member)",
                          re.I)


# the first title's and the first h1's text: what (//title)[1]//text() | (//h1)[1]//text() finds, written so
# that libxml2 stops at the first title and h1 instead of listing them all (three times faster)
_HEADS = etree.XPath("/descendant::title[1]//text() | /descendant::h1[1]//text()")


def is_staff_page(resource) -> bool:
    """The page is a staff directory, by its title or h1 ("Staff Directory", "Meet Our Teachers")."""
    key = "privacy.staff_page"
    if key not in resource.cache:
        heads = _HEADS(resource.tree) if resource.tree is not None else []
        resource.cache[key] = _staff_heading(heads)
    return resource.cache[key]


_HEAD_PARTS = re.compile(r"\s+[|–—:-]\s+")  # "Staff Directory - Lincoln Elementary"
# A word in every match of _STAFF_HEADING: in ASCII text, where re.I matches a letter only as itself in
# either case, a heading without any of them in lower case is none (most pages: no regex at all)
_STAFF_WORDS = ("staff", "faculty", "employee", "teacher", "personnel", "directory", "meet", "administration",
                "leadership", "board")


def _staff_heading(heads: list[str]) -> bool:
    """Do the title's and h1's texts say "staff directory"?"""
    text = " ".join(heads)
    if text.isascii() and not any(w in text.lower() for w in _STAFF_WORDS):
        return False
    parts = _HEAD_PARTS.split(text) + [" ".join(h.strip() for h in heads)]
    return any(_STAFF_HEADING.search(p.strip()) for p in parts)


def in_staff_block(el) -> bool:
    """Inside an element whose class or id says it lists staff (`class="staff-card"`), not students."""
    labels = [f"{a.get('class') or ''} {a.get('id') or ''}" for a in el.iterancestors()]
    return any(_STAFF_CLASS.search(label) and "student" not in label.lower() for label in labels if label != " ")
