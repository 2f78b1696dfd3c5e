"""PDF forms are fillable, and their fields have names.

## What it does
- A document that looks like a paper form (blanks to write on such as "Name: ________", a signature
  line, boxes to tick or write letters in) but has no fillable AcroForm fields: an error (district
  policy: forms are fillable fields); boxes alone (no blanks) are a warning.
- In a document that has fields, a page that looks like a form but has none: a warning.
- A field without a tooltip (`/TU`), which is the name assistive technology announces: a warning
  (push buttons named by their caption pass). Hidden fields are skipped.
- An XFA-only form (fields that exist only in Adobe LiveCycle XML): a warning.

## Why it matters
A form that must be printed, filled in by hand and scanned back shuts out families who use a screen
reader, magnification or voice control. A field without a name is announced as "edit text" with no
clue what to type.

## Example
    Name: ______________________    Date: __________
    Parent/Guardian Signature: ______________________     (text only, no /AcroForm)

    << /FT /Tx /T (field1) /Rect [...] >>                  (a field without /TU)

## Use instead
    << /FT /Tx /T (student_name) /TU (Student name) /Rect [...] >>

In Acrobat, Prepare Form detects the blanks and makes fields; give each one a Tooltip in its
properties.

## References
- WCAG 4.1.2 Name, Role, Value; WCAG 1.3.1; techniques PDF10, PDF12
- District policy: forms are fillable fields
"""
from __future__ import annotations

from webaudit import pdf

ID = "pdf-form-fields"
TITLE = "PDF forms are fillable and their fields are named"
WCAG = ("4.1.2",)
LEVEL = "A"
POLICY = "Forms are fillable fields"
APPLIES_TO = ("pdf",)
SEVERITY = "error"
HELP = ("Make the form fillable (Acrobat: Prepare Form) and give every field a tooltip that names it (field "
        "properties > Tooltip).")


def check(resource, config):
    from webaudit import pdf_forms  # (pypdf: loaded when a PDF is checked)

    doc = pdf.document(resource, config)
    if doc is None:
        return
    fields = pdf_forms.fields(doc)
    signals = [s for n in doc.pages_to_check if (s := pdf_forms.form_signals(doc, n))]
    if config.policy:
        yield from _unfillable(resource, doc, fields, signals)
    if pdf_forms.is_xfa_only(doc):
        yield resource.finding(None, "the form is an XFA form: its fields exist only in Adobe LiveCycle XML, which "
                                     "most PDF readers and screen readers cannot show", severity="warning",
                               snippet="/XFA")
    for f in fields:
        if f.hidden or f.tooltip or (f.kind == "push button" and f.caption):
            continue
        page = f.pages[0] if f.pages else None
        where = f"page {page}" if page else "page unknown"
        yield resource.finding(None, f'{where}: {f.kind} "{f.name}" has no tooltip (/TU), so screen readers '
                                     "announce it without saying what to enter", severity="warning",
                               selector=f"AcroForm/{f.name}", snippet=f"{f.kind} {f.name}", url=doc.page_url(page))


def _unfillable(resource, doc, fields, signals):
    """Pages that look like a paper form, in a document (or on pages) without fields."""
    forms = [s for s in signals if s.looks_like_form]
    boxes = [s for s in signals if not s.looks_like_form]
    if not fields:
        for group, severity, one, many in ((forms, "error", "looks like a form", "look like a form"),
                                           (boxes, "warning", "has boxes to tick or fill in",
                                            "have boxes to tick or fill in")):
            if group:
                first = group[0]
                pages = pdf.pages_phrase([s.page for s in group])
                example = first.describe() if len(group) == 1 else f"page {first.page}: {first.describe()}"
                yield resource.finding(
                    None, f"{pages} {one if len(group) == 1 else many} ({example}) but the document has no "
                          "fillable form fields; it must be printed and filled in by hand",
                    severity=severity, wcag=(), snippet=first.blanks[0] if first.blanks else "",
                    url=doc.page_url(first.page))
        return
    with_fields = {p for f in fields for p in f.pages}
    for s in forms:
        if s.page not in with_fields:
            yield resource.finding(
                None, f"page {s.page} looks like a form to fill in ({s.describe()}) but has no fillable fields, "
                      f"unlike {pdf.pages_phrase(sorted(with_fields))}" if with_fields else
                      f"page {s.page} looks like a form to fill in ({s.describe()}) but has no fillable fields",
                severity="warning", wcag=(), snippet=s.blanks[0] if s.blanks else "", url=doc.page_url(s.page))
