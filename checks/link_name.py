"""Links have an accessible name.

## What it does
Flags links (`<a href>`, `role="link"` and the `doc-*` link roles) that a screen reader cannot name: no
text, no `aria-label`, no `aria-labelledby` that points to text, no `title`, no named image inside. It
says what the link shows instead when it can: only an icon-font glyph (Font Awesome, Material Icons,
Glyphicons, Bootstrap Icons, Dashicons), only an image with no alt or a decorative one (`alt=""`), or
only an SVG. The ligature text of a Material Icons span (`<span class="material-icons">home</span>`)
is not a name: it draws an icon, and a screen reader reads the word only by accident. Visually hidden
text (`class="sr-only"`, `visually-hidden`, `screen-reader-text`) is a name. Image map areas are left
to the area-alt check. Follows ACT rule c487ae ("Link has non-empty accessible name").

## Why it matters
A screen reader announces a nameless link as "link" or reads its address aloud
("h t t p s colon slash slash..."). Social-media icons, "home" icons and "download" arrows in school
site headers are the usual culprits.

## Example
    <a href="https://facebook.com/ourschool"><i class="fab fa-facebook"></i></a>
    <a href="/"><span class="material-icons">home</span></a>
    <a href="/calendar"><img src="/img/cal.png"></a>

## Use instead
    <a href="https://facebook.com/ourschool"><i class="fab fa-facebook" aria-hidden="true"></i>
       <span class="sr-only">Our school on Facebook</span></a>
    <a href="/" aria-label="Home"><span class="material-icons" aria-hidden="true">home</span></a>
    <a href="/calendar"><img src="/img/cal.png" alt="School calendar"></a>

## References
- WCAG 2.4.4 Link Purpose (In Context), 4.1.2 Name, Role, Value; failure F89; techniques ARIA7, ARIA8
- ACT rule c487ae Link has non-empty accessible name
"""
from __future__ import annotations

from webaudit.dom import (accessible_name, has_own_text, is_hidden, only_private_use, role, tag, tags_and_roles,
                          unnamed_content, with_role)
from webaudit.links import link_elements

ID = "link-name"
TITLE = "Links have an accessible name"
WCAG = ("2.4.4", "4.1.2")
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Put text in the link that says where it goes; for an icon link, add visually hidden text "
        '(<span class="sr-only">Calendar</span>) or aria-label="Calendar" and hide the icon with aria-hidden="true".')

LINK_ROLES = frozenset({"link", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"})


def check(resource, config):
    for el in _candidates(resource):
        if has_own_text(el):
            continue  # named, whatever it is (asked first: most links have their text right inside)
        if el.get("role") is None:  # the common case, <a href>, without computing the role
            if el.get("href") is None:
                continue
        elif tag(el) == "area" or role(el) not in LINK_ROLES:
            continue
        name = accessible_name(el)
        if (name and not only_private_use(name)) or is_hidden(el):
            continue
        yield resource.finding(el, f"{_describe(el)} {_why(el, name)}")


def _candidates(resource) -> list:
    """tags_and_roles(tree, ("a",), LINK_ROLES), with its a elements taken from the page's list of a/area
    elements that the link checks share, rather than from a walk of its own (when the page is one tree,
    where root.iter finds what that list holds)."""
    root = resource.tree
    if root.getprevious() is not None or root.getnext() is not None:
        return tags_and_roles(root, ("a",), LINK_ROLES)
    found = [el for el in link_elements(resource) if el.tag == "a"]
    n = len(found)
    for name in LINK_ROLES:
        found.extend(el for el in with_role(root, name) if el.tag != "a")
    if len(found) > n:  # (the a elements alone are in document order, so in line order: no sort needed)
        found.sort(key=lambda el: el.sourceline or 0)
    return found


def _describe(el) -> str:
    href = (el.get("href") or "").strip()
    if href:
        return f'link to "{href[:80]}{"…" if len(href) > 80 else ""}"'
    return f'<{tag(el)} role="{el.get("role").strip()}">'


def _why(el, name: str) -> str:
    if name:
        return (f"shows only an icon-font character (U+{ord(name.strip()[0]):04X}) and has no text; "
                "screen readers cannot read it")
    shows = unnamed_content(el)
    if shows:
        return f"contains only {shows} and has no text"
    if el.get("aria-labelledby"):
        return f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text, and no text of its own'
    return "has no text and no accessible name (no aria-label, aria-labelledby or title)"
