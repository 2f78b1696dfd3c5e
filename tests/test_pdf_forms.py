"""pdf-form-fields: paper forms without fillable fields, and fields without names."""
from __future__ import annotations

from pdfgen import LETTER, PdfBuilder, findings, text_lines

SLIP = [
    "Field Trip Permission Slip",
    "Student name: ______________________",
    "Teacher: ________________",
    "Parent/Guardian Signature: ______________________   Date: __________",
]


def form_like(fields=()) -> PdfBuilder:
    b = PdfBuilder(title="Permission slip")
    p = b.page(text_lines(SLIP))
    for name, tooltip in fields:
        b.text_field(p, name, (200, 690, 400, 706), tooltip=tooltip)
    return b


def test_form_like_pdf_without_fields_is_an_error_naming_the_blanks():
    [f] = findings("pdf-form-fields", form_like().bytes())
    assert str(f.severity) == "error" and f.policy == "Forms are fillable fields" and f.wcag == ()
    assert f.message.startswith("page 1 looks like a form (4 blanks to fill in")
    assert '"Student name: ____"' in f.message and "a signature line" in f.message
    assert f.url.endswith("#page=1")


def test_policy_off_drops_the_form_like_finding():
    assert findings("pdf-form-fields", form_like().bytes(), config={"policy": False}) == []


def test_fillable_fields_with_tooltips_pass():
    data = form_like([("student", "Student name"), ("teacher", "Teacher"), ("sig", "Parent signature")]).bytes()
    assert findings("pdf-form-fields", data) == []


def test_fields_without_tooltip_are_warnings_with_page_and_name():
    data = form_like([("student", "Student name"), ("field2", None)]).bytes()
    [f] = findings("pdf-form-fields", data)
    assert str(f.severity) == "warning" and f.wcag == ("4.1.2",)
    assert f.message == ('page 1: text field "field2" has no tooltip (/TU), so screen readers announce it '
                         "without saying what to enter")
    assert f.selector == "AcroForm/field2" and f.url.endswith("#page=1")


def test_form_page_without_fields_in_a_document_with_fields_is_a_warning():
    b = form_like([("student", "Student name")])
    b.page(text_lines(["Emergency contact", "Name: ______________", "Phone: ______________"]))
    [f] = findings("pdf-form-fields", b.bytes())
    assert str(f.severity) == "warning"
    assert f.message.startswith("page 2 looks like a form") and "unlike page 1" in f.message


def test_checkbox_squares_alone_are_a_warning():
    b = PdfBuilder()
    boxes = " ".join(f"72 {700 - 20 * i} 10 10 re S" for i in range(4))
    b.page(text_lines(["Supply list", "Pencils", "Crayons", "Glue"], x=90, y=702, leading=20) + " " + boxes)
    [f] = findings("pdf-form-fields", b.bytes())
    assert str(f.severity) == "warning" and "4 small boxes to tick or write in" in f.message


def test_ordinary_letter_and_table_of_contents_are_not_forms():
    b = PdfBuilder()
    b.page(text_lines(LETTER))
    b.page(text_lines(["Contents", "Attendance ........................ 3", "Dress code ........................ 5"]))
    assert findings("pdf-form-fields", b.bytes()) == []


def test_one_blank_alone_is_not_a_form():
    b = PdfBuilder()
    b.page(text_lines(["Fill in the date of the concert: ________"]))
    assert findings("pdf-form-fields", b.bytes()) == []


def test_push_button_named_by_its_caption_passes_and_hidden_fields_are_skipped():
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    b = form_like([("print", None), ("internal_id", None)])
    button, hidden = (ref.get_object() for ref in b.fields)
    button[NameObject("/FT")] = NameObject("/Btn")
    button[NameObject("/Ff")] = NumberObject(1 << 16)  # a push button
    button[NameObject("/MK")] = DictionaryObject({NameObject("/CA"): TextStringObject("Print this form")})
    hidden[NameObject("/F")] = NumberObject(2)  # hidden
    assert findings("pdf-form-fields", b.bytes()) == []


def test_push_button_without_caption_or_tooltip_is_a_warning():
    from pypdf.generic import NameObject, NumberObject

    b = form_like([("print", None)])
    [button] = (ref.get_object() for ref in b.fields)
    button[NameObject("/FT")] = NameObject("/Btn")
    button[NameObject("/Ff")] = NumberObject(1 << 16)  # a push button, no /MK /CA caption
    [f] = findings("pdf-form-fields", b.bytes())
    assert str(f.severity) == "warning" and f.message.startswith('page 1: push button "print" has no tooltip (/TU)')


def test_xfa_only_form_is_a_warning():
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    b = form_like()
    b.root[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject(),
                                                        NameObject("/XFA"): b.stream("<xdp:xdp/>")})
    fs = findings("pdf-form-fields", b.bytes())
    assert any(str(f.severity) == "warning" and "XFA form" in f.message for f in fs)
