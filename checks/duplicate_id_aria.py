"""Ids that labels and ARIA point to are unique.

## What it does
Finds id values that something refers to (`<label for>`, `aria-labelledby`, `aria-describedby`,
`aria-controls`, `aria-owns`, `aria-activedescendant`, `aria-details`, `aria-errormessage`,
`aria-flowto`, a table cell's `headers`, an input's `list`) and that more than one element carries.
It flags the second and later elements with the id: browsers follow a reference to the first element
only, so the later ones are never labelled, described or controlled as the author meant. Duplicate ids
that nothing refers to are left alone (harmless for assistive technology since WCAG 2.2 dropped 4.1.1).

## Why it matters
Pages built from copied blocks (two sign-up forms, a repeated "Read more" widget) often repeat ids. The
second form's "Email" label then names the first form's field, and the second field has no label at
all, which a screen reader user hears as an unlabelled box.

## Example
    <label for="email">Email</label> <input id="email">      <!-- header newsletter form -->
    <label for="email">Email</label> <input id="email">      <!-- footer form: never labelled -->

## Use instead
    <label for="email-top">Email</label> <input id="email-top">
    <label for="email-footer">Email</label> <input id="email-footer">

## References
- WCAG 4.1.2 Name, Role, Value; 1.3.1 Info and Relationships; failure F77
"""
from __future__ import annotations

from webaudit.dom import xpath

ID = "duplicate-id-aria"
TITLE = "Ids that labels and ARIA point to are unique"
WCAG = ("4.1.2", "1.3.1")
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = "Give each element its own id, and point each label, aria-labelledby or aria-describedby at the right one."

# attributes holding one id, and attributes holding a space-separated list of ids
SINGLE = ("for", "list", "aria-activedescendant", "aria-details", "aria-errormessage")
MULTIPLE = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto", "headers")
# = //label/@for | //input/@list | //@aria-activedescendant | ... | //th/@headers: /descendant::* visits the
# elements only (// visits every text node too), a third faster per branch
_REFERENCES = xpath(
    "/descendant::label/@for | /descendant::input/@list | /descendant::*/@aria-activedescendant"
    " | /descendant::*/@aria-details | /descendant::*/@aria-errormessage | /descendant::*/@aria-labelledby"
    " | /descendant::*/@aria-describedby | /descendant::*/@aria-controls | /descendant::*/@aria-owns"
    " | /descendant::*/@aria-flowto | /descendant::td/@headers | /descendant::th/@headers"
)
# the elements with an id, by their id attributes (faster than //*[@id]; = //@id, elements only)
_ID_ATTRS = xpath("/descendant::*/@id")


def check(resource, config):
    counts = resource.id_counts
    if not any(n > 1 for n in counts.values()):
        return
    referrers: dict[str, str] = {}  # duplicated id -> how it is referred to (the first reference)
    for attr in _REFERENCES(resource.tree):
        name = attr.attrname
        ids = [attr.strip()] if name in SINGLE else attr.split()
        for ident in ids:
            if counts.get(ident, 0) > 1 and ident not in referrers:
                owner = attr.getparent()
                where = f"{owner.tag}[{name}]" if name in ("for", "list", "headers") else name
                line = owner.sourceline
                referrers[ident] = f"{where} (line {line})" if line else where
    if not referrers:
        return
    seen: dict[str, int] = {}
    for ident in _ID_ATTRS(resource.tree):
        if ident not in referrers:
            continue
        el = ident.getparent()
        ident = str(ident)
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] > 1:
            yield resource.finding(
                el, f'id "{ident}" is on {counts[ident]} elements and is referred to by {referrers[ident]}; '
                    f"browsers take the first element with an id, so the reference never reaches this <{el.tag}>")
