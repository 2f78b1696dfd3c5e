"""CSS animations do not blink or flash, and endless motion can be paused.

## What it does
Reads CSS animations in `style` attributes, `<style>` blocks and linked stylesheets (followed with
`--follow-media`) with a real CSS parser (tinycss2), matching each `animation` (shorthand or
longhands) with its `@keyframes`:

- an animation that runs for more than five seconds (infinite, or duration x iterations > 5 s) and
  **blinks or flashes** with a cycle under one second is an error. Blinking is opacity swinging by
  0.5 or more, or visibility toggling; flashing is a colour swing of at least 10% relative luminance
  whose darker state is below 0.80 (the WCAG flash definition);
- any other animation running more than five seconds (moving, spinning, slow blinking, or keyframes
  the page does not define) is a warning when the page has no pause/stop control, because a person
  must confirm it can be paused. In a stylesheet checked on its own the page is unknown: warning.

Animations paused by default (`animation-play-state: paused`) and rules inside
`@media (prefers-reduced-motion: reduce)` are skipped; so are transitions, which run once per change
of state and never loop by themselves.

## Why it matters
Endless motion next to text makes reading hard for people with attention disorders, vestibular
disorders and low vision; fast blinking and flashing can trigger seizures. WCAG 2.2.2 requires a way
to pause anything that moves or blinks for more than five seconds; the district forbids blinking.

## Example
    <style>
      @keyframes blink { 50% { opacity: 0 } }
      .alert { animation: blink .8s step-end infinite; }
    </style>

## Use instead
    <style>
      .alert { border-left: 4px solid #b00020; }      /* static emphasis */
    </style>

## References
- WCAG 2.2.2 Pause, Stop, Hide; 2.3.1 Three Flashes or Below Threshold; technique C39
  (prefers-reduced-motion), failure F16
- District web policy: no flashing or blinking content
"""
from __future__ import annotations

from webaudit.controls import has_pause_control
from webaudit.cssmotion import animations, css_of, mentions

ID = "css-animation"
TITLE = "CSS animations do not blink, and endless motion can be paused"
WCAG = ("2.2.2",)
LEVEL = "A"
POLICY = "No flashing or blinking content"
APPLIES_TO = ("html", "css")
SEVERITY = "error"
HELP = ("Stop the animation after a few seconds (a finite iteration count), or add a visible Pause button "
        "that sets animation-play-state: paused; never blink or flash faster than once a second.")


def check(resource, config):
    if not mentions(resource, "animation"):
        return  # no animation property anywhere (the common case): nothing to parse
    css = css_of(resource)
    controls = None  # looked for when an animation needs one
    for rule in css.rules:
        for a in animations(rule, css.keyframes):
            if a.paused or not a.long_running:
                continue
            where = f"the rule {rule.selector!r}" if rule.selector else "a style attribute"
            runs = "forever" if a.iterations == float("inf") else f"for {a.duration_s * a.iterations:g} s"
            kf = a.keyframes
            place = _place(rule, a)
            if kf is not None and (kf.blinks or kf.flashes) and a.period_s < 1:
                what = "blinks" if kf.blinks else "flashes"
                yield resource.finding(rule.element, (
                    f"{where} runs animation {a.name!r} {runs}: it {what} every {a.period_s:g} s "
                    f"(line {a.declaration.line}), faster than once a second"), line=a.declaration.line, **place)
                continue
            if controls is None:
                controls = resource.kind == "html" and has_pause_control(resource.tree)
            if controls:
                continue
            if kf is None:
                does = "with keyframes not defined here, so it may move or blink"
            else:
                does = "blinking slowly" if (kf.blinks or kf.flashes) else "moving"
            scope = ("and the page has no pause or stop control" if resource.kind == "html"
                     else "; confirm the pages using it offer a pause or stop control")
            yield resource.finding(rule.element, (
                f"{where} runs animation {a.name!r} {runs} {does} (line {a.declaration.line}) {scope}"),
                severity="warning", wcag=("2.2.2",), line=a.declaration.line, **place)


def _place(rule, a) -> dict:
    snippet = f"{rule.selector} {{ {a.declaration.text} }}" if rule.selector else None
    if rule.element is None:
        return {"selector": rule.selector, "snippet": snippet}
    return {"snippet": snippet} if snippet else {}
