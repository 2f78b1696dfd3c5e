"""Image map areas have a text alternative.

## What it does
Flags the clickable regions of an image map, `<area href>` inside a `<map>` that an image uses, that
have no accessible name: no `alt`, `aria-label`, `aria-labelledby` or `title`. An `area` is a link, so
an empty `alt=""` does not make it decorative. Maps that no visible image uses are not rendered and are
skipped. Follows the `area` examples of ACT rule c487ae ("Link has non-empty accessible name"); the
`link-name` check leaves areas to this one.

## Why it matters
Image maps are common for school-boundary maps, campus maps and "click your school" graphics. A screen
reader lists each area as a link; with no alt it reads the link's address, so a blind parent cannot
find their school's page.

## Example
    <img src="/img/campus.png" alt="Campus map" usemap="#campus">
    <map name="campus">
      <area shape="rect" coords="0,0,80,60" href="/gym">
    </map>

## Use instead
    <map name="campus">
      <area shape="rect" coords="0,0,80,60" href="/gym" alt="Gymnasium">
    </map>

## References
- WCAG 1.1.1 Non-text Content, 2.4.4 Link Purpose (In Context), 4.1.2 Name, Role, Value
- Technique H24 (alt on area elements); failure F65
- ACT rule c487ae Link has non-empty accessible name (failed example 9, passed example 10)
"""
from __future__ import annotations

from webaudit.dom import accessible_name, is_hidden

ID = "area-alt"
TITLE = "Image map areas have a text alternative"
WCAG = ("1.1.1", "2.4.4", "4.1.2")
LEVEL = "A"
POLICY = "Images carry alt text or a long description"
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ('Give every <area href> an alt attribute that says where it leads (alt="Gymnasium"); '
        "an area is a link, so it is never decorative.")



def check(resource, config):
    areas = [el for el in resource.tree.iter("area") if el.get("href") is not None]
    if not areas:
        return
    shown = _rendered_maps(resource.tree)
    for el in areas:
        if _map_name(el) not in shown or accessible_name(el) or is_hidden(el):
            continue
        href = (el.get("href") or "").strip()[:80]
        if el.get("aria-labelledby"):
            why = f'has aria-labelledby="{el.get("aria-labelledby")}", which points to no text, and no alt text'
        elif el.get("alt") is not None:
            why = 'has an empty alt; an area is a link, so alt="" does not make it decorative'
        else:
            why = "has no alt text"
        yield resource.finding(el, f'image map area linking to "{href}" {why}; '
                                   "screen readers will read its address instead")


def _rendered_maps(tree) -> set[str]:
    """Names of the maps that a visible image uses (usemap="#name", compared case-sensitively)."""
    return {el.get("usemap").strip().lstrip("#") for el in tree.iter("img", "object", "input")
            if el.get("usemap") is not None and not is_hidden(el)}


def _map_name(area) -> str | None:
    p = area.getparent()
    while p is not None and p.tag != "map":
        p = p.getparent()
    if p is None:
        return None
    return (p.get("name") or p.get("id") or "").strip()
