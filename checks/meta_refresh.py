"""Pages do not refresh or redirect on a timer.

## What it does
Flags `<meta http-equiv="refresh">` (and a `Refresh` HTTP header) whose delay is between 1 second and
20 hours: the page reloads or moves on before a person may be done with it, and they cannot stop it.
An immediate redirect (delay 0) is fine, and so is a delay over 20 hours (WCAG's exception). The
content is read as browsers read it: a number of seconds, then optionally `;` or `,` and `url=...`;
a value browsers ignore is ignored too (ACT rule bc659a), and only the first valid refresh counts.

## Why it matters
Screen-reader users, people who read slowly and people filling in a form lose their place or their
work when the page reloads or redirects under them. WCAG 2.2.1 requires that time limits can be turned
off, adjusted or extended; a timed refresh offers none of these.

## Example
    <meta http-equiv="refresh" content="30">
    <meta http-equiv="refresh" content="5; url=https://district.example.org/new-page">

## Use instead
    <meta http-equiv="refresh" content="0; url=https://district.example.org/new-page">
    <!-- or a server-side 301 redirect; refresh scores with a "Refresh" button instead -->

## References
- WCAG 2.2.1 Timing Adjustable; failures F40 and F41; ACT rule bc659a (Meta element has no refresh delay)
"""
from __future__ import annotations

import re

from webaudit.dom import elements


ID = "meta-refresh"
TITLE = "No timed refresh or redirect"
WCAG = ("2.2.1",)
LEVEL = "A"
POLICY = None
APPLIES_TO = ("html",)
SEVERITY = "error"
HELP = ("Remove the timed refresh; redirect immediately (delay 0, or better an HTTP 301), or let people "
        "reload with a button.")

LIMIT_S = 72_000  # 20 hours: WCAG's exception for longer time limits
# browsers' parse: optional spaces, digits (and a fraction), then the end, ';', ',' or a space
_DELAY = re.compile(r"^\s*(\d+)(?:\.[\d.]*)?(?=$|[;,\s])(.*)$", re.S)


def delay_and_url(content: str) -> tuple[int, str] | None:
    m = _DELAY.match(content or "")
    if not m:
        return None
    rest = m.group(2).strip(" \t\n;,")
    url = re.sub(r"^url\s*=\s*", "", rest, flags=re.I).strip("'\" ")
    return int(m.group(1)), url


def check(resource, config):
    header = next((v for k, v in resource.headers.items() if k.lower() == "refresh"), None)
    if header is not None:
        got = delay_and_url(header)
        if got and 0 < got[0] <= LIMIT_S:
            yield resource.finding(None, f"the HTTP header Refresh: {header} {_what(*got)}",
                                   snippet=f"Refresh: {header}")
            return
    for meta in (m for m in elements(resource.tree, "meta") if m.get("http-equiv") is not None
                 and m.get("content") is not None):  # = _META, in one pass over the metas only
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        got = delay_and_url(meta.get("content"))
        if got is None:
            continue  # browsers ignore it
        if 0 < got[0] <= LIMIT_S:
            yield resource.finding(meta, f"<meta http-equiv=\"refresh\"> {_what(*got)}")
        return  # only the first valid refresh counts


def _what(delay: int, url: str) -> str:
    when = f"{delay} second{'s' if delay != 1 else ''}" if delay < 120 else f"{delay // 60} minutes"
    action = f"redirects to {url}" if url else "reloads the page"
    return f"{action} after {when}, with no way to stop or extend it"
