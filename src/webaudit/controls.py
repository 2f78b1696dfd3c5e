"""Pause controls: buttons a person can use to stop moving, blinking or auto-advancing content (WCAG 2.2.2).

Shared by the motion checks so that they agree on what counts: a button, link, switch or checkbox whose
accessible name, id or class speaks of pausing, stopping or playing ("Pause", "Stop animation",
"carousel-pause", a ⏸ icon with an aria-label). Hover-only pausing is not a control: it needs a mouse.
"""
from __future__ import annotations

import re

from .dom import accessible_name, is_hidden, xpath

_WORDS = re.compile(r"(?:\b|_|-)(pause|paused|stop|play|resume|freeze|autoplay|toggle[-_ ]?(?:animation|motion))"
                    r"(?:\b|_|-)|[⏸⏯⏹]", re.I)
_CONTROLS = xpath(
    ".//button | .//input[@type='button' or @type='submit' or @type='checkbox' or @type='image']"
    " | .//*[@role='button' or @role='switch' or @role='checkbox'] | .//a[@href]"
)


def pause_controls(scope) -> list:
    """Visible controls inside `scope` (an element or the page root) that pause or stop something."""
    out = []
    for el in _CONTROLS(scope):
        if is_hidden(el):
            continue
        words = " ".join([accessible_name(el), el.get("id") or "", el.get("class") or "",
                          el.get("data-action") or ""])
        if _WORDS.search(words):
            out.append(el)
    return out


def has_pause_control(scope) -> bool:
    return bool(pause_controls(scope))
