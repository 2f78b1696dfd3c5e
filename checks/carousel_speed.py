"""Carousels advance no faster than every 5 seconds and can be paused.

## What it does
Finds auto-advancing carousels and slideshows and reads their interval (library default in brackets),
from data attributes and from inline initialisation scripts:

- Bootstrap [5 s]: `data-bs-ride`/`data-ride` with `data-bs-interval`/`data-interval` (also on
  items); `new bootstrap.Carousel(el, {interval})`, `$(el).carousel({interval})`
- Slick [3 s]: `data-slick='{"autoplay": true, "autoplaySpeed": 3000}'`;
  `.slick({autoplay, autoplaySpeed})`
- Swiper [3 s]: `<swiper-container autoplay-delay>`; `new Swiper(el, {autoplay: {delay}})`
- Owl [5 s]: `.owlCarousel({autoplay, autoplayTimeout})`
- Flickity [3 s]: `data-flickity='{"autoPlay": 2000}'`; `new Flickity(el, {autoPlay})`
- Splide [5 s]: `data-splide='{"autoplay": true, "interval": 4000}'`;
  `new Splide(el, {autoplay, interval})`
- Glide: `new Glide(el, {autoplay: 4000})`

An interval under 5 seconds is an error under the district rule (presentation transitions no shorter
than 5 seconds; skipped with `--no-policy`). The rule also applies to slideshows made as animated
images (followed with `--follow-media`): an animation with three or more slides (frames held at least
half a second, each clearly different from the one before) that changes slides faster than every
5 seconds is an error, whatever crossfade frames lie between the slides.

A carousel that advances by itself with no pause/stop control (inside it, or pointing at it with
`aria-controls`) is a warning for WCAG 2.2.2: pausing on hover only helps mouse users, and scripts
may add a control this check cannot see.

## Why it matters
Slides that change before a person has read them are lost to slow readers, screen-magnifier users and
anyone using a keyboard; moving content also distracts people with attention disorders.

## Example
    <div class="carousel slide" data-bs-ride="carousel" data-bs-interval="3000">...</div>

## Use instead
    <div id="news" class="carousel slide" data-bs-ride="carousel" data-bs-interval="8000">
      <button type="button" aria-controls="news" class="carousel-pause">Pause slideshow</button> ...
    </div>

## References
- WCAG 2.2.2 Pause, Stop, Hide; W3C WAI carousel tutorial (auto-rotation)
- District web policy: presentation transitions no shorter than 5 seconds
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from webaudit.controls import pause_controls
from webaudit.dom import by_id, elements, xpath

ID = "carousel-speed"
TITLE = "Carousels advance no faster than every 5 seconds and can be paused"
WCAG = ("2.2.2",)
LEVEL = "A"
POLICY = "Presentation transitions no shorter than 5 seconds"
APPLIES_TO = ("html", "image")
SEVERITY = "error"
HELP = ("Set the carousel's interval to at least 5000 ms (or turn autoplay off) and add a visible Pause "
        "button that stops the rotation.")
OPTIONS = {"carousel_min_interval_ms": 5000}


@dataclass(frozen=True)
class Carousel:
    element: object  # the carousel (or the <script> that starts it when it cannot be found)
    library: str
    interval_ms: int | None  # None: advances by itself at an unknown pace
    scope: object  # where its pause control would be


_DATA = xpath("//*[@data-bs-ride or @data-ride or @data-slick or @data-flickity or @data-splide]"
              " | //swiper-container[@autoplay or @autoplay-delay]")
_DATA_ATTRS = xpath("/descendant::*/@*[starts-with(name(), 'data-')]")  # (= //@*[…], a little faster)
_RIDES = frozenset({"data-bs-ride", "data-ride", "data-slick", "data-flickity", "data-splide"})


def _jquery(method: str) -> re.Pattern:
    return re.compile(r"(?P<target>\$\(\s*['\"][^'\"]+['\"]\s*\)|\w+)\s*\.\s*%s\s*\(\s*\{" % method)


def _new(cls: str) -> re.Pattern:
    return re.compile(r"new\s+%s\s*\(\s*(?P<target>['\"][^'\"]+['\"]|[\w.$()'\"#-]+)\s*,\s*\{" % re.escape(cls))


_CALLS = tuple((library, name, call(name), *rest) for library, name, call, *rest in (
    # library, the jQuery method or class the script names, how it is called, autoplay option, interval
    # option, default interval (ms)
    ("Slick", "slick", _jquery, "autoplay", "autoplaySpeed", 3000),
    ("Swiper", "Swiper", _new, "autoplay", "delay", 3000),
    ("Owl", "owlCarousel", _jquery, "autoplay", "autoplayTimeout", 5000),
    ("Flickity", "Flickity", _new, "autoPlay", "autoPlay", 3000),
    ("Splide", "Splide", _new, "autoplay", "interval", 5000),
    ("Glide", "Glide", _new, "autoplay", "autoplay", None),
    ("Bootstrap", "bootstrap.Carousel", _new, "interval", "interval", 5000),
    ("Bootstrap", "carousel", _jquery, "interval", "interval", 5000),
))


def check(resource, config):
    minimum = config.get("carousel_min_interval_ms", 5000)
    if resource.kind == "image":
        if config.policy:
            yield from _slideshow_image(resource, minimum)
        return
    for c in carousels(resource):
        name = f"{c.library} carousel"
        if config.policy and c.interval_ms is not None and c.interval_ms < minimum:
            yield resource.finding(c.element, (
                f"{name} advances every {c.interval_ms / 1000:g} s; the district requires at least "
                f"{minimum / 1000:g} s between slides"), wcag=())
        if not _has_control(c):
            pace = f"every {c.interval_ms / 1000:g} s" if c.interval_ms is not None else "by itself"
            yield resource.finding(c.element, (
                f"{name} advances {pace} and has no pause or stop control; hover-pausing does not help keyboard "
                "and touch users"), severity="warning")


def carousels(resource) -> list[Carousel]:
    tree = resource.tree
    found = [c for el in _marked(tree) if (c := _from_markup(el)) is not None]
    for script in elements(tree, "script"):  # //script[not(@src)] (no walk at all on a page without scripts)
        if script.get("src") is None:
            found.extend(_from_script(resource, script))
    return found


def _marked(tree) -> list:
    """_DATA, without its test of every element when the page has no <swiper-container> (the usual
    case): the data- attributes (few), then the elements that carry them."""
    if next(iter(elements(tree, "swiper-container")), None) is not None:
        return _DATA(tree)
    return list(dict.fromkeys(a.getparent() for a in _DATA_ATTRS(tree) if a.attrname in _RIDES))


def _has_control(c: Carousel) -> bool:
    if pause_controls(c.scope):
        return True
    ident = getattr(c.scope, "get", lambda _: None)("id")
    if ident:
        root = c.scope.getroottree().getroot()
        return any(ident in (el.get("aria-controls") or "").split() for el in pause_controls(root))
    return False


# -- slideshows made as animated images ----------------------------------------------------------------
SLIDE_HOLD_US = 500_000  # a frame shown this long is a slide, not a tween
SLIDE_CHANGE = 0.05  # mean luminance change between slides that makes them different slides


def _slideshow_image(resource, minimum_ms: int):
    # numpy loads with these: when media is checked, not when the checks are listed
    from webaudit.frames import MediaProblem, media_name, timeline

    try:
        tl = timeline(resource)
    except MediaProblem:
        return  # the flash checks report unreadable media once
    if tl is None:
        return
    held = _slides(tl)
    if len(held) < 3:
        return
    gaps = [(b[0] - a[0], a[0]) for a, b in zip(held, held[1:])]
    fastest, at = min(gaps)
    if fastest < minimum_ms * 1000:
        yield resource.finding(None, (
            f"{media_name(resource)} is a slideshow of {len(held)} slides that changes slides after "
            f"{fastest / 1e6:g} s (from {at / 1e6:g} s); the district requires at least {minimum_ms / 1000:g} s "
            "between slides"), wcag=(), snippet=media_name(resource))


def _slides(tl) -> list[tuple[int, int]]:
    """(start, frame index) of each held frame in one play that differs clearly from the previous slide."""
    one_play = tl.times_us < tl.play_us
    order, times = tl.order[one_play], tl.times_us[one_play]
    ends = list(times[1:]) + [tl.play_us]
    from webaudit.flash import luminance

    slides: list[tuple[int, int]] = []
    previous = None
    for f, start, end in zip(order, times, ends):
        if end - start < SLIDE_HOLD_US:
            continue
        lum = luminance(tl.frames[f])
        if previous is None or abs(lum - previous).mean() >= SLIDE_CHANGE:
            slides.append((int(start), int(f)))
            previous = lum
    return slides


# -- markup ------------------------------------------------------------------------------------------
def _from_markup(el) -> Carousel | None:
    if el.tag == "swiper-container":
        if (el.get("autoplay") or "").lower() == "false":
            return None
        return Carousel(el, "Swiper", _int(el.get("autoplay-delay")) or 3000, el)
    ride = (el.get("data-bs-ride") or el.get("data-ride") or "").lower()
    if ride in ("carousel", "true"):
        raw = el.get("data-bs-interval", el.get("data-interval"))
        if raw is not None and raw.strip().lower() == "false":
            return None
        intervals = [_int(raw) or 5000] + [
            v for item in el.iter() if item is not el
            for v in [_int(item.get("data-bs-interval", item.get("data-interval")))] if v]
        return Carousel(el, "Bootstrap", min(intervals), el)
    for attr, library, auto_key, key, default in (
            ("data-slick", "Slick", "autoplay", "autoplaySpeed", 3000),
            ("data-flickity", "Flickity", "autoPlay", "autoPlay", 3000),
            ("data-splide", "Splide", "autoplay", "interval", 5000)):
        if el.get(attr) is not None:
            return _from_options(el, library, _json(el.get(attr)), auto_key, key, default, el)
    return None


def _json(text: str) -> dict:
    try:
        got = json.loads(text or "{}")
    except ValueError:
        got = _options(text or "")
    return got if isinstance(got, dict) else {}


def _from_options(el, library, options: dict, auto_key, key, default, scope) -> Carousel | None:
    auto = options.get(auto_key)
    if auto in (None, False, "false", 0):
        return None
    if isinstance(auto, dict):  # Swiper: autoplay: {delay: 3000}
        interval = _int(auto.get(key)) or default
    elif auto_key == key and not isinstance(auto, bool):  # Flickity/Glide: autoPlay: 2000
        interval = _int(auto) or default
    else:
        interval = _int(options.get(key)) or default
    return Carousel(el, library, interval, scope)


# -- inline scripts ----------------------------------------------------------------------------------
def _from_script(resource, script) -> list[Carousel]:
    text = script.text or ""
    out = []
    for library, name, call, auto_key, key, default in _CALLS:
        if name not in text:
            continue  # (the call names it, as written: a script without the name needs no regex run)
        for m in call.finditer(text):
            body = _balanced(text, m.end() - 1)
            options = _options(body)
            if library == "Bootstrap":  # calling .carousel({...}) or new Carousel with ride starts it
                if options.get("ride") in (False, "false") and "interval" not in options:
                    continue
                if options.get("interval") in (False, "false"):
                    continue
                options = {"interval": _int(options.get("interval")) or default}
            target = _resolve(resource, m.group("target"))
            carousel = _from_options(target if target is not None else script, library, options, auto_key, key,
                                     default, target if target is not None else resource.tree)
            if carousel is not None:
                out.append(carousel)
    return out


def _balanced(text: str, start: int) -> str:
    depth = 0
    for i in range(start, min(len(text), start + 20_000)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
    return text[start:start + 20_000]


_PAIR = re.compile(r"['\"]?(\w+)['\"]?\s*:\s*(\{[^{}]*\}|true|false|-?\d+(?:\.\d+)?|['\"][^'\"]*['\"])")


def _options(body: str) -> dict:
    """Top-level `key: value` pairs of a JavaScript object literal (numbers, booleans, strings, flat objects)."""
    inner = body.strip()[1:-1] if body.strip().startswith("{") else body
    out: dict = {}
    depth = 0
    top = []
    for ch in inner:  # blank out nested objects' contents except one level (kept for {delay: ...})
        depth += ch == "{"
        top.append(ch if depth <= 1 else " ")
        depth -= ch == "}"
    for m in _PAIR.finditer("".join(top)):
        key, raw = m.group(1), m.group(2)
        out.setdefault(key, _value(raw))
    return out


def _value(raw: str):
    if raw.startswith("{"):
        return _options(raw)
    if raw in ("true", "false"):
        return raw == "true"
    if raw[0] in "'\"":
        return raw[1:-1]
    return float(raw) if "." in raw else int(raw)


def _resolve(resource, target: str):
    """The element a script initialises, for simple #id and .class selectors (None when unknown)."""
    m = re.search(r"['\"]([#.][\w-]+)['\"]", target or "")
    if not m:
        return None
    sel = m.group(1)
    if sel[0] == "#":
        return by_id(resource.tree, sel[1:])
    found = resource.tree.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {sel[1:]} ')]")
    return found[0] if found else None


def _int(v) -> int | None:
    try:
        n = int(float(str(v).strip()))
    except (TypeError, ValueError):
        return None
    return n if n > 0 else None
