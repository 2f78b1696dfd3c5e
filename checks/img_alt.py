"""Images have a text alternative.

## What it does
Flags images a screen reader cannot name: an `<img>` with no `alt` (and no `aria-label`,
`aria-labelledby` or `title`), an element with `role="img"` (such as an inline `<svg>`) without a
name, and alt text that is no alternative at all: a file name, a placeholder word ("image", "photo",
"picture", "graphic"), or a paragraph too long to be a label. Follows ACT rule 23a2a8 ("Image has
accessible name").

## Why it matters
Blind and low-vision visitors hear the alt text instead of seeing the picture. With no alt, screen
readers read the file name ("DSC underscore 0042 dot jpeg"). The district policy requires alt text or a
long description on every image, logo, picture and icon.

## Example
    <img src="/img/DSC_0042.jpg">
    <img src="/img/field-trip.jpg" alt="photo">
    <svg role="img"><circle r="4"/></svg>

## Use instead
    <img src="/img/DSC_0042.jpg" alt="Third graders planting tomatoes in the school garden">
    <img src="/img/divider.png" alt="">            <!-- decorative: alt="" is correct -->
    <svg role="img" aria-label="Enrollment up 4%"><circle r="4"/></svg>

## References
- WCAG 1.1.1 Non-text Content; technique H37, failures F30 and F65
- ACT rule 23a2a8 Image has accessible name
"""
from __future__ import annotations

import re

from webaudit.dom import accessible_name, elements, is_hidden, is_presentational, tag, with_role_token, xpath

ID = "img-alt"
TITLE = "Images have a text alternative"
WCAG = ("1.1.1",)
LEVEL = "A"
POLICY = "Images carry alt text or a long description"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Add an alt attribute that says what the image shows or does; use alt="" only for images that '
        "are purely decorative.")
OPTIONS = {"alt_max_length": 250}

_IMAGES = xpath("//img | //*[@role][not(self::img)][contains(concat(' ', normalize-space(@role), ' '), ' img ')]")
PLACEHOLDERS = frozenset({"image", "img", "photo", "picture", "graphic", "pic", "icon", "logo", "spacer",
                          "alt", "alt text", "image description", "untitled", "placeholder", "blank", "null"})
FILE_NAME = re.compile(r"^[\w\-. ()%]+\.(?:jpe?g|png|gif|svg|webp|bmp|tiff?|heic|avif)$", re.I)


def check(resource, config):
    max_len = config.get("alt_max_length")
    tree = resource.tree
    for el in _IMAGES(tree) if with_role_token(tree, "img") else elements(tree, "img"):  # (role="img" is rare)
        is_img = tag(el) == "img"
        if is_img and not el.get("aria-label") and (
                (el.get("alt") == "" and not el.get("aria-labelledby"))  # alt="" marks it decorative
                or (el.get("role") and is_presentational(el))):  # (attribute tests first: is_hidden walks up)
            continue
        if is_hidden(el):
            continue  # hidden: inapplicable
        name = accessible_name(el)
        if not name:
            what = _describe(el)
            if is_img:
                yield resource.finding(el, f"{what} has no alt attribute; screen readers will read its file name")
            else:
                yield resource.finding(el, f'{what} with role="img" has no accessible name (aria-label or aria-labelledby)')
            continue
        low = name.lower().strip(" .:")
        if "." in name and FILE_NAME.match(name):  # (a file name has a dot: most alt texts skip the regex)
            yield resource.finding(el, f'{_describe(el)} has a file name as its alt text ("{name}")')
        elif low in PLACEHOLDERS:
            yield resource.finding(el, f'{_describe(el)} has placeholder alt text ("{name}") that does not describe it')
        elif len(name) > max_len:
            yield resource.finding(
                el, f"{_describe(el)} has alt text of {len(name)} characters; long descriptions belong in the page "
                    "text or a linked description, not alt", severity="warning")


def _describe(el) -> str:
    src = el.get("src") or ""
    if src:
        base = src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1][:60]
        return f"image {base!r}"
    return f"<{tag(el)}>"
