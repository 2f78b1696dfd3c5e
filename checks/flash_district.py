"""Animated images and videos flash at most once a second, at any size (district policy).

## What it does
Uses the same frame-by-frame analysis as `flash` (WCAG definitions of relative luminance, general and
red flashes, browser GIF timing, every half-open one-second window), but applies the district's rule:
at most one flash per second, with **no area exception**. Two flashes (four opposing transitions) in
any one second fail; exactly one flash a second passes. Any part of the frame counts, down to
`flash_district_min_area` (default 64 px², an 8 x 8 px speck, at the rendered size): specks smaller
than that are palette-dithering noise in GIFs, not flashes a person sees. Set it to 0 to count
single cells of the analysis grid (the long side is analysed at 128 cells).

## Why it matters
The district's web policy forbids flashing and blinking content beyond one flash per second, wherever
it is on the page and however small: small flashing badges and "NEW!" stickers distract readers with
attention disorders and can still disturb photosensitive visitors.

## Example
    <img src="new-badge.gif" alt="New">   <!-- a 40 x 20 px badge blinking twice a second -->

## Use instead
    <img src="new-badge.png" alt="New">   <!-- a still badge -->

## References
- District web policy: no flashing or blinking, at most one flash per second
- WCAG 2.3.1 definitions of general and red flashes (used to count flashes)
"""
from __future__ import annotations


ID = "flash-district"
TITLE = "Media flashes at most once a second (district rule)"
WCAG = ()
LEVEL = ""
POLICY = "No flashing or blinking: at most one flash per second"
APPLIES_TO = ("image", "video")
SEVERITY = "error"
HELP = "Replace the animation with a still image, or slow every flashing part to at most one flash a second."
OPTIONS = {"flash_district_min_area": 64}


def check(resource, config):
    # numpy loads with these: when media is checked, not when the checks are listed
    from webaudit.flash import DISTRICT_FAIL, analysed, region_text, size_text, window_text

    name, report, problem = analysed(resource, config)
    if problem is not None:
        yield resource.finding(None, f"{name} {problem}", severity=problem.severity)
    if report is None:
        return
    p = report.any_size
    if p.transitions >= DISTRICT_FAIL:
        yield resource.finding(None, (
            f"{name} flashes {p.flashes:g} times in one second ({p.transitions} opposing transitions, "
            f"{window_text(p)}; {region_text(p)}) {size_text(report)}; the district allows at most one flash "
            "per second at any size"), snippet=name)
