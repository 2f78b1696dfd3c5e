"""No blinking or marquee text.

## What it does
Flags `<blink>` and `<marquee>` elements, and `text-decoration: blink` (or `text-decoration-line:
blink`) in `style` attributes, `<style>` blocks and linked stylesheets (followed with
`--follow-media`). Modern browsers no longer blink text, but older ones and some e-mail readers do,
and `<marquee>` still scrolls in every browser with no way to pause it.

## Why it matters
Blinking and scrolling text is hard or impossible to read for people with low vision, dyslexia or
attention disorders, and it pulls attention from everything else on the page. The district policy
forbids blinking content.

## Example
    <marquee>Early dismissal Friday!</marquee>
    <span style="text-decoration: blink">NEW</span>

## Use instead
    <p class="alert"><strong>Early dismissal Friday.</strong></p>
    <span class="badge">New</span>

## References
- WCAG 2.2.2 Pause, Stop, Hide; failures F16 (marquee) and F47 (blink)
- District web policy: no flashing or blinking content
"""
from __future__ import annotations

from webaudit.cssmotion import blink_declarations, css_of, mentions
from webaudit.dom import elements

ID = "blink"
TITLE = "No blinking or marquee text"
WCAG = ("2.2.2",)
LEVEL = "A"
POLICY = "No flashing or blinking content"
APPLIES_TO = ("html", "css")
SEVERITY = "error"
HELP = "Remove <blink>, <marquee> and text-decoration: blink; emphasise with static styling instead."



def check(resource, config):
    if resource.kind == "html":
        for el in elements(resource.tree, "blink", "marquee"):  # (no walk at all when a page has neither)
            what = "scrolls" if el.tag == "marquee" else "blinks"
            yield resource.finding(el, f"<{el.tag}> {what} its text with no way to pause it")
    if not mentions(resource, "blink"):
        return  # no text-decoration: blink anywhere (the common case): nothing to parse
    for rule in css_of(resource).rules:
        for d in blink_declarations(rule):
            where = f"the rule {rule.selector!r}" if rule.selector else "a style attribute"
            yield resource.finding(rule.element, f"{where} sets {d.text} (line {d.line}): blinking text",
                                   line=d.line, **_place(resource, rule, d))


def _place(resource, rule, d) -> dict:
    if rule.element is None:
        return {"selector": rule.selector, "snippet": f"{rule.selector} {{ {d.text} }}"}
    if rule.selector:  # a rule in a <style> block: pin it to the block, show the rule
        return {"snippet": f"{rule.selector} {{ {d.text} }}"}
    return {}
