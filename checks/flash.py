"""Animated images and videos do not flash more than three times in any one second.

## What it does
Plays animated GIF, APNG and WebP images and video files (with the optional `video` extra) frame by
frame, as a browser would, and counts flashes with the WCAG definitions:

- relative luminance of linearised sRGB; a *general flash* is a pair of opposing changes of at least
  10% of the maximum luminance where the darker state is below 0.80; a *red flash* is a pair of
  opposing transitions to or from saturated red (R / (R + G + B) >= 0.8, a change of more than 20 in
  (R - G - B) x 320);
- opposing transitions are counted in every half-open one-second window, so 3 flashes a second
  (6 transitions) pass and 7 transitions in a window fail;
- **area threshold, the reading used here**: 25% of a 10-degree visual field is read as an area of
  **21,824 px** (CSS pixels), a quarter of the 341 x 256 px field of a 1024 x 768 screen (technique G176).
  Flashing counts when the cells flashing together in the worst 341 x 256 px field cover more than
  that. The media is measured at the size the page renders it when the referring element states
  `width`/`height` (`--follow-media`), otherwise at its own pixel size;
- browser timing: GIF frame delays of 0 and 10 ms play at 100 ms (20 ms is honoured), and a GIF
  without a NETSCAPE loop extension plays once, so its end does not flash back to its start.

More than three general flashes, or more than three red flashes, in one second over the area
threshold is an error. Flashing that fast over a smaller area is a notice (it fails if shown larger).
The message gives the peak flashes per second, when in the media it happens, and where in the frame.

## Why it matters
Flashing can trigger seizures in people with photosensitive epilepsy; it is one of the few WCAG
failures that can physically harm a visitor. Saturated red flashing is the most dangerous.

## Example
    <img src="sale.gif" alt="Book fair!">   <!-- black/white strobe, 5 times a second, full size -->

## Use instead
    <img src="sale.png" alt="Book fair!">   <!-- a still image, or an animation that fades slowly -->

## References
- WCAG 2.3.1 Three Flashes or Below Threshold; definitions "general flash and red flash thresholds",
  "relative luminance"; technique G19, G176; failure F4
"""
from __future__ import annotations


ID = "flash"
TITLE = "Media does not flash more than three times a second"
WCAG = ("2.3.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("image", "video")
SEVERITY = "error"
HELP = ("Remove the flashing, slow it to at most three flashes a second, or shrink the flashing part "
        "well below a quarter of a 341 x 256 px area; avoid saturated red flashes entirely.")
OPTIONS = {"media_max_frames": 1800}


def check(resource, config):
    # numpy loads with these: when media is checked, not when the checks are listed
    from webaudit.flash import AREA_LIMIT_PX, WCAG_FAIL, analysed, region_text, size_text, window_text

    name, report, problem = analysed(resource, config)
    if problem is not None:
        yield resource.finding(None, f"{name} {problem}", severity=problem.severity)
    if report is None:
        return  # a still image cannot flash
    size = size_text(report)
    for what, p in (("flashes", report.general), ("red-flashes", report.red)):
        if p.transitions >= WCAG_FAIL:
            yield resource.finding(None, (
                f"{name} {what.replace('-', ' ')} {p.flashes:g} times in one second ({p.transitions} opposing "
                f"transitions, {window_text(p)}), over {p.area_px:,} px² {size}, more than the "
                f"{AREA_LIMIT_PX:,} px² area threshold; {region_text(p)}"), snippet=name)
    worst = report.any_size
    if report.general.transitions < WCAG_FAIL and report.red.transitions < WCAG_FAIL and worst.transitions >= WCAG_FAIL:
        why = ("the whole image is smaller than the area threshold" if not report.can_reach_area
               else f"the flashing part stays within {AREA_LIMIT_PX:,} px²")
        yield resource.finding(None, (
            f"{name} flashes {worst.flashes:g} times in one second ({window_text(worst)}; {region_text(worst)}) "
            f"but passes 2.3.1 {size} because {why}; shown larger it would fail"), severity="notice", snippet=name)
    if report.timeline.truncated:
        yield resource.finding(None, f"{name}: {report.timeline.truncated}; the rest was not checked for flashing",
                               severity="notice", snippet=name)
