"""Image buttons have a text alternative.

## What it does
Flags `<input type="image">` buttons that have no accessible name: no `alt`, `aria-label`,
`aria-labelledby` or `title`. An empty `alt=""` does not make an image button decorative: it is still a
button, and it still needs a name. Follows ACT rule 59796f ("Image button has non-empty accessible name").

## Why it matters
A screen reader announces a nameless image button as "Submit Query" or reads its file name, so a blind
visitor cannot tell whether it searches, signs up, or sends a form.

## Example
    <input type="image" src="/img/go.png">
    <input type="image" src="/img/search.svg" alt="">
    <input type="image" src="/img/search.svg" name="search">   <!-- name= is no label -->

## Use instead
    <input type="image" src="/img/go.png" alt="Search the site">
    <input type="image" src="/img/search.svg" aria-label="Search">

## References
- WCAG 1.1.1 Non-text Content, 4.1.2 Name, Role, Value; technique H36
- ACT rule 59796f Image button has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import accessible_name, is_hidden

ID = "input-image-alt"
TITLE = "Image buttons have a text alternative"
WCAG = ("1.1.1", "4.1.2")
LEVEL = "A"
POLICY = "Images carry alt text or a long description"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = 'Give the image button an alt attribute that says what it does (alt="Search"), not what it looks like.'


def check(resource, config):
    for el in resource.tree.iter("input"):
        if (el.get("type") or "").strip().lower() != "image" or accessible_name(el) or is_hidden(el):
            continue
        src = (el.get("src") or "").split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1][:60]
        what = f"image button {src!r}" if src else "image button"
        if el.get("alt") is not None:
            why = 'has an empty alt; alt="" does not make a button decorative'
        elif el.get("aria-labelledby"):
            why = f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text'
        else:
            why = "has no alt text"
        yield resource.finding(el, f'{what} {why}; screen readers will announce it as "Submit Query"')
