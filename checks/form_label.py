"""Form fields have a label.

## What it does
Flags form fields with no accessible name: `<input>` (every type but hidden, submit, reset, button and
image), `<select>`, `<textarea>`, and elements with a field role (textbox, searchbox, combobox, listbox,
checkbox, radio, switch, slider, spinbutton, menuitemcheckbox, menuitemradio). A name comes from a
`<label for>` or a wrapping `<label>`, `aria-labelledby`, `aria-label` or `title`. A `<label>` names
native fields only, so `<div role="textbox">` needs aria-label(ledby). A field whose only name is its
`placeholder` is a warning: the hint vanishes as soon as someone types, and many screen readers do not
read it. Disabled fields are checked too (screen readers list them). Follows ACT rule e086e5 ("Form
field has non-empty accessible name").

## Why it matters
Without a label a screen reader says only "edit text" or "combo box": a parent filling in an enrollment
or lunch-benefit form cannot tell which box wants the child's name and which the birth date.

## Example
    First name <input type="text" name="first">
    <select name="grade"><option>K</option><option>1</option></select>
    <input type="email" placeholder="Email address">          <!-- warning -->

## Use instead
    <label for="first">First name</label> <input type="text" id="first" name="first">
    <label>Grade <select name="grade"><option>K</option><option>1</option></select></label>
    <label for="email">Email address</label> <input type="email" id="email">

## References
- WCAG 1.3.1 Info and Relationships, 4.1.2 Name, Role, Value; techniques H44, H65, ARIA14, ARIA16;
  failure F68
- ACT rule e086e5 Form field has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import (accessible_name, is_hidden, labels_for, norm, referenced, role, tag, tags_and_roles, text,
                          xpath)

ID = "form-label"
TITLE = "Form fields have a label"
WCAG = ("1.3.1", "4.1.2")
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Connect a visible label to the field: <label for="field-id">Student name</label> with id="field-id" '
        "on the field, or wrap the field in its <label>; use aria-label only when there is no room for visible text.")

FIELD_ROLES = frozenset({"textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "switch", "slider",
                         "spinbutton", "menuitemcheckbox", "menuitemradio"})
NOT_FIELDS = frozenset({"hidden", "submit", "reset", "button", "image"})


def check(resource, config):
    label_fors = None  # ids that some label[for] points to, gathered on the first nameless field
    for el in tags_and_roles(resource.tree, ("input", "select", "textarea"), FIELD_ROLES):
        t = tag(el)
        if t == "input" and (el.get("type") or "").strip().lower() in NOT_FIELDS:
            continue
        if t not in ("input", "select", "textarea") and role(el) not in FIELD_ROLES:
            continue
        name = accessible_name(el)
        placeholder_only = bool(name) and _placeholder_only(el, name)
        if (name and not placeholder_only) or is_hidden(el) or role(el) in ("presentation", "none"):
            continue  # named, or not in the accessibility tree (role none sticks only on a disabled field)
        if not name:
            if label_fors is None:
                label_fors = set(_LABEL_FORS(resource.tree))
            yield resource.finding(el, f"{_describe(el)} {_why(el, label_fors)}")
        else:
            yield resource.finding(
                el, f'{_describe(el)} is labelled only by its placeholder "{name}", which disappears while '
                    "typing and is not read by every screen reader; add a <label>", severity="warning")


def _describe(el) -> str:
    t = tag(el)
    ident = el.get("name") or el.get("id")
    named = f' "{ident}"' if ident else ""
    if t == "input":
        return f'<input type="{(el.get("type") or "text").strip().lower()}">{named}'
    if t in ("select", "textarea"):
        return f"<{t}>{named}"
    return f'<{t} role="{role(el)}">{named}'


def _why(el, label_fors: set) -> str:
    refs = el.get("aria-labelledby")
    if refs:
        target = "points to empty text" if referenced(el, "aria-labelledby") else "names no element on the page"
        return f'has aria-labelledby="{refs}", which {target}'
    native = tag(el) in ("input", "select", "textarea")
    in_label = any(tag(p) == "label" for p in el.iterancestors())
    if native and labels_for(el):
        return "has a <label>, but the label has no text"
    if native and el.get("id") in label_fors:
        return f'has a <label for="{el.get("id")}">, but another element has the same id first'
    if native and in_label:
        return "is inside a <label> that labels another field before it (a label names one field only)"
    if not native and (in_label or el.get("id") in label_fors):
        return "has a <label>, but a <label> names only native form fields; use aria-labelledby"
    return "has no label: no <label>, aria-label, aria-labelledby or title"


def _placeholder_only(el, name: str) -> bool:
    """The name comes from the placeholder alone (the last fallback of the name computation)."""
    if norm(el.get("placeholder")) != name or norm(el.get("title")) or norm(el.get("aria-label")):
        return False
    if any(text(r) for r in referenced(el, "aria-labelledby")):
        return False
    return not any(text(lab) for lab in labels_for(el))


_LABEL_FORS = xpath("/descendant::label/@for")  # (= //label/@for, without visiting every text node)
