"""Caption files are valid WebVTT that browsers will show.

## What it does
Reads every WebVTT caption file the engine reaches (a `<track src>` followed with `--follow-media`, or
a `.vtt` file checked directly) and reports, naming the line: an empty file, a missing `WEBVTT`
header, a SubRip (SRT) file renamed to `.vtt`, broken timestamps (`00:01:02,500`, `1:2:3.4`, minutes
over 59), cues that end before they start, cues out of order, cue timings glued to the previous cue,
and a file with no cues at all. A cue with no text is a warning. A missing caption file is reported by
the engine as an unreadable target.

## Why it matters
Browsers silently ignore a caption file without the `WEBVTT` header and drop cues with broken
timings, so deaf and hard-of-hearing students get no captions, or captions with holes, while the page
looks captioned to its author.

## Example
    1
    00:00:01,000 --> 00:00:04,000
    Welcome to Lincoln Elementary.

## Use instead
    WEBVTT

    00:00:01.000 --> 00:00:04.000
    Welcome to Lincoln Elementary.

## References
- WCAG 1.2.2 Captions (Prerecorded); technique H95 (track element for captions)
- W3C WebVTT: The Web Video Text Tracks Format
"""
from __future__ import annotations

from webaudit.vtt import parse

ID = "captions-valid"
TITLE = "Caption files are valid WebVTT"
WCAG = ("1.2.2",)
LEVEL = "A"
POLICY = "All videos are closed captioned"
APPLIES_TO = ("captions",)
SEVERITY = "error"
HELP = ("Save captions as WebVTT: a first line reading WEBVTT, a blank line between cues, and times "
        "written hh:mm:ss.ttt with a full stop, each cue starting after the one before.")
MAX_FINDINGS = 20


def check(resource, config):
    # numpy loads with these: when media is checked, not when the checks are listed
    from webaudit.frames import media_name

    name = media_name(resource)
    captions = parse(resource.text or "")
    problems = captions.problems
    for p in problems[:MAX_FINDINGS]:
        yield resource.finding(None, f"{name} line {p.line}: {p.message}", severity=p.severity, line=p.line,
                               snippet=p.snippet)
    if len(problems) > MAX_FINDINGS:
        yield resource.finding(None, f"{name}: {len(problems) - MAX_FINDINGS} more problems not listed",
                               line=problems[MAX_FINDINGS].line)
