"""Forms in a PDF: the AcroForm fields it has, and pages that look like a paper form to fill in by hand.

A page looks like a form when its text has blanks to write on ("Name: ________"), a signature line,
or small boxes to tick or write in (checkbox glyphs such as ☐, or small squares drawn as rectangles:
checkboxes and boxed letter grids). Text is only
extracted (with pypdf) from pages whose content shows one of those signs, so ordinary pages cost a
scan of their bytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .pdf import PdfDocument, integer, resolve, safely, text
from .pdf_content import content_bytes

MAX_FIELDS = 20_000
_PUSHBUTTON, _RADIO, _COMBO = 1 << 16, 1 << 15, 1 << 17
_HIDDEN, _NOVIEW = 2, 32

# Signs in the raw content that a page may be a form: underscores (literal or hex), a signature
# label, checkbox fonts, small squares drawn with `re`.
_MAYBE_FORM = re.compile(rb"____|5[fF]5[fF]5[fF]5[fF]|[sS]ignature|SIGNATURE")
_RE_OPERATOR = re.compile(rb"(?<=[\d.\s])re(?=[\s/\[(<]|$)")  # x y w h re: a rectangle
_CHECKBOX_FONT = re.compile(r"ZapfDingbats|Dingbats|Wingdings", re.I)
_BLANK = re.compile(r"(?:([^\s_][^\n_]{0,38}?)\s*)?_{4,}")
_SIGNATURE = re.compile(r"\bsignature\b|\bsign here\b|\bsigned\b", re.I)
_CHECKBOX_GLYPHS = "☐☑☒□▢❏❐❑❒■"


@dataclass(frozen=True)
class Field:
    name: str  # fully qualified ("parent.child")
    kind: str  # "text field", "checkbox", "radio button group", "push button", "list box", ...
    tooltip: str | None  # /TU, what assistive technology announces
    caption: str | None  # a push button's /MK /CA caption
    pages: tuple[int, ...]
    hidden: bool


@dataclass(frozen=True)
class FormSignals:
    page: int
    blanks: tuple[str, ...]  # each blank with its label, e.g. "Name: ____"
    signature: bool
    checkboxes: int

    @property
    def looks_like_form(self) -> bool:
        """Blanks to fill in: two or more, or one with a signature line."""
        return len(self.blanks) >= 2 or (self.signature and len(self.blanks) >= 1)

    @property
    def has_checkboxes(self) -> bool:
        return self.checkboxes >= 3

    def describe(self) -> str:
        parts = []
        if self.blanks:
            shown = ", ".join(f'"{b}"' for b in self.blanks[:3])
            parts.append(f"{len(self.blanks)} blank{'s' if len(self.blanks) > 1 else ''} to fill in ({shown})")
        if self.signature:
            parts.append("a signature line")
        if self.checkboxes:
            parts.append(f"{self.checkboxes} small boxes to tick or write in")
        return ", ".join(parts)


def acroform(doc: PdfDocument) -> DictionaryObject | None:
    form = safely(doc, "the form (AcroForm)", resolve, doc.catalog.get("/AcroForm"))
    return form if isinstance(form, DictionaryObject) else None


def is_xfa_only(doc: PdfDocument) -> bool:
    """An XFA form (Adobe LiveCycle) whose fields exist only in XML most readers cannot show."""
    form = acroform(doc)
    return form is not None and "/XFA" in form and not fields(doc)


def fields(doc: PdfDocument) -> list[Field]:
    """Terminal AcroForm fields (cached), with their pages; of a damaged form, those that can be read."""
    if "fields" not in doc.cache:
        found: list[Field] = []
        safely(doc, "the form (AcroForm)", _fields, doc, found)
        doc.cache["fields"] = found
    return doc.cache["fields"]


def _fields(doc: PdfDocument, out: list[Field]) -> None:
    form = acroform(doc)
    top = resolve(form.get("/Fields")) if form is not None else None
    if not isinstance(top, ArrayObject):
        return
    seen: set[int] = set()
    stack = [(ref, "", None, 0) for ref in reversed(top)]  # (field, parent name, inherited (FT, Ff), depth)
    while stack and len(out) < MAX_FIELDS:
        ref, prefix, inherited, depth = stack.pop()
        key = _key(ref)
        node = safely(doc, "the form (AcroForm)", resolve, ref)  # one damaged field: skip it, go on
        if not isinstance(node, DictionaryObject) or key in seen or depth > 50:
            continue
        seen.add(key)
        own = text(node.get("/T"))
        name = f"{prefix}.{own}" if prefix and own else (own or prefix)
        ftype = node.get("/FT", inherited[0] if inherited else None)
        flags = integer(node.get("/Ff", inherited[1] if inherited else 0))
        kids = [k for k in _array(doc, node.get("/Kids"))
                if isinstance(safely(doc, "the form (AcroForm)", resolve, k), DictionaryObject)]
        child_fields = [k for k in kids if "/T" in resolve(k)]
        if child_fields:
            stack.extend((k, name, (ftype, flags), depth + 1) for k in reversed(child_fields))
            continue
        widgets = [ref] if node.get("/Subtype") == "/Widget" else []
        widgets += kids  # kids without a name of their own are this field's widgets
        field = safely(doc, "the form (AcroForm)", _field, doc, node, name, ftype, flags, widgets)
        if field is not None:
            out.append(field)


def _field(doc: PdfDocument, node, name: str, ftype, flags: int, widgets: list) -> Field:
    return Field(
        name=name or "(unnamed)",
        kind=_kind(ftype, flags),
        tooltip=(text(node.get("/TU")) or "").strip() or None,
        caption=_caption([resolve(w) for w in widgets]),
        pages=tuple(sorted({p for w in widgets if (p := _widget_page(doc, w))})),
        hidden=bool(widgets) and all(integer(resolve(w).get("/F")) & (_HIDDEN | _NOVIEW) for w in widgets),
    )


def _array(doc: PdfDocument, value) -> list:
    value = safely(doc, "the form (AcroForm)", resolve, value)
    return list(value) if isinstance(value, ArrayObject) else []


def _kind(ftype, flags: int) -> str:
    if ftype == "/Tx":
        return "text field"
    if ftype == "/Btn":
        return "push button" if flags & _PUSHBUTTON else ("radio button group" if flags & _RADIO else "checkbox")
    if ftype == "/Ch":
        return "combo box" if flags & _COMBO else "list box"
    if ftype == "/Sig":
        return "signature field"
    return "field"


def _caption(widgets) -> str | None:
    for w in widgets:
        mk = resolve(w.get("/MK"))
        if isinstance(mk, DictionaryObject) and (text(mk.get("/CA")) or "").strip():
            return text(mk.get("/CA")).strip()
    return None


def _widget_page(doc: PdfDocument, ref) -> int | None:
    return doc.page_number_of(resolve(ref).get("/P")) or widget_pages(doc).get(_key(ref))


def widget_pages(doc: PdfDocument) -> dict[int, int]:
    """Every widget annotation (by object number) -> its page, from the pages' /Annots (cached)."""
    if "widget_pages" not in doc.cache:
        found: dict[int, int] = {}
        for n in doc.pages_to_check:
            safely(doc, f"page {n}'s annotations", _page_widgets, doc, n, found)
        doc.cache["widget_pages"] = found
    return doc.cache["widget_pages"]


def _page_widgets(doc: PdfDocument, n: int, found: dict[int, int]) -> None:
    annots = resolve(doc.page(n).get("/Annots"))
    for ref in annots if isinstance(annots, ArrayObject) else []:
        a = resolve(ref)
        if isinstance(a, DictionaryObject) and a.get("/Subtype") == "/Widget":
            found[_key(ref)] = n


def _key(ref) -> int:
    return ref.idnum if isinstance(ref, IndirectObject) else id(resolve(ref))


def form_signals(doc: PdfDocument, number: int) -> FormSignals | None:
    """Signs that page `number` is a form to fill in by hand; None when it shows none."""
    return safely(doc, f"page {number}", _form_signals, doc, number)


def _form_signals(doc: PdfDocument, number: int) -> FormSignals | None:
    raw = content_bytes(doc, number)
    squares = _small_squares(raw)
    checkbox_font = _uses_checkbox_font(doc, number)
    if not (_MAYBE_FORM.search(raw) or squares >= 3 or checkbox_font):
        return None
    if doc.out_of_time(f"looking for form blanks on page {number}"):
        return None
    page_text = doc.page(number).extract_text() or ""
    blanks = tuple(f"{(m.group(1) or '').strip()} ____".strip() for m in _BLANK.finditer(page_text))
    boxes = squares + sum(page_text.count(g) for g in _CHECKBOX_GLYPHS)
    signals = FormSignals(number, blanks, bool(_SIGNATURE.search(page_text)), boxes)
    return signals if signals.looks_like_form or signals.has_checkboxes else None


def _small_squares(raw: bytes) -> int:
    """Rectangles 5-16 pt wide and about as tall: checkboxes drawn as boxes (in unscaled units)."""
    n = 0
    for m in _RE_OPERATOR.finditer(raw):
        operands = raw[max(0, m.start() - 64):m.start()].split()[-4:]
        try:
            w, h = abs(float(operands[2])), abs(float(operands[3]))
        except (IndexError, ValueError):
            continue
        if 5 <= w <= 16 and abs(w - h) <= 1.5:
            n += 1
    return n


def _uses_checkbox_font(doc: PdfDocument, number: int) -> bool:
    resources = resolve(doc.page(number).get("/Resources"))
    fonts = resolve(resources.get("/Font")) if isinstance(resources, DictionaryObject) else None
    if not isinstance(fonts, DictionaryObject):
        return False
    for ref in fonts.values():
        font = resolve(ref)
        if isinstance(font, DictionaryObject) and _CHECKBOX_FONT.search(str(font.get("/BaseFont", ""))):
            return True
    return False
