"""Buttons have an accessible name.

## What it does
Flags buttons a screen reader cannot name: `<button>`, `role="button"` elements, and
`<input type="submit|reset|button">` with no text, no `aria-label`, no `aria-labelledby` that points to
text, no `title` and no named image inside. An `<input type="submit">` without a `value` is named
"Submit" by the browser and passes, but `value=""` shows an empty button and fails, as does an
`<input type="button">` without a value. Like link-name, it says when the button shows only an
icon-font glyph (Font Awesome, Material Icons, Glyphicons, Bootstrap Icons, Dashicons) or an image with
no alt; Material Icons ligature text ("close", "menu") is not a name. Image buttons
(`<input type="image">`) are left to input-image-alt. Follows ACT rule 97a4e1 ("Button has non-empty
accessible name").

## Why it matters
A screen reader announces a nameless button as just "button": a blind visitor cannot tell the menu
toggle from the search button or the close button of a pop-up.

## Example
    <button class="navbar-toggler"><span class="fa fa-bars"></span></button>
    <button type="button" class="close"><span class="material-icons">close</span></button>
    <input type="button" onclick="printPage()">

## Use instead
    <button class="navbar-toggler" aria-label="Menu"><span class="fa fa-bars" aria-hidden="true"></span></button>
    <button type="button" class="close"><span class="material-icons" aria-hidden="true">close</span>
      <span class="sr-only">Close</span></button>
    <input type="button" value="Print" onclick="printPage()">

## References
- WCAG 4.1.2 Name, Role, Value; techniques ARIA14, ARIA16
- ACT rule 97a4e1 Button has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import (accessible_name, has_own_text, is_hidden, only_private_use, role, tag, tags_and_roles,
                          unnamed_content)

ID = "button-name"
TITLE = "Buttons have an accessible name"
WCAG = ("4.1.2",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Put text in the button that says what it does; for an icon button, add visually hidden text "
        '(<span class="sr-only">Close</span>) or aria-label="Close" and hide the icon with aria-hidden="true".')


def check(resource, config):
    for el in tags_and_roles(resource.tree, ("button", "input", "summary"), ("button",)):
        if role(el) != "button" or _is_image_button(el) or has_own_text(el):
            continue
        name = accessible_name(el)
        if (name and not only_private_use(name)) or is_hidden(el):
            continue
        yield resource.finding(el, f"{_describe(el)} {_why(el, name)}")


def _is_image_button(el) -> bool:
    return tag(el) == "input" and (el.get("type") or "").strip().lower() == "image"


def _describe(el) -> str:
    t = tag(el)
    if t == "input":
        return f'<input type="{(el.get("type") or "").strip().lower()}"> button'
    if t == "button":
        return "button"
    if t == "summary":
        return "<summary> (the toggle of a details section)"
    return f'<{t} role="button">'


def _why(el, name: str) -> str:
    if name:
        return (f"shows only an icon-font character (U+{ord(name.strip()[0]):04X}) and has no text; "
                "screen readers cannot read it")
    if tag(el) == "input":
        if el.get("value") is not None:
            return 'has an empty value, so it shows no text and has no name; screen readers say only "button"'
        return 'has no value, so it shows no text and has no name; screen readers say only "button"'
    shows = unnamed_content(el)
    if shows:
        return f"contains only {shows} and has no text"
    if el.get("aria-labelledby"):
        return f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text, and no text of its own'
    if tag(el) == "button" and el.get("value"):
        return "has no text; its value attribute is not shown and is not a name"
    return "has no text and no accessible name (no aria-label, aria-labelledby or title)"
