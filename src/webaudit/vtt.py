"""WebVTT caption files: a small validating reader that names the line of every problem.

It follows the W3C WebVTT syntax closely enough to say what a browser will do with the file: a file
without the `WEBVTT` header is ignored entirely; a cue with a broken timing line is dropped; cues must
start in order and end after they start. SubRip (SRT) files renamed to .vtt are recognised and named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINES = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIMING = re.compile(r"^(\S+)[ \t]*-->[ \t]*(\S+)(.*)$")
_STAMP = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_SRT_STAMP = re.compile(r"^\d{1,2}:\d{2}:\d{2},\d{3}$")
_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2},\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2},\d{3}")
_BLOCK_KEYWORD = re.compile(r"^(NOTE|STYLE|REGION)(?:[ \t].*)?$")


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    line: int  # the timing line, 1-based
    text: str


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    snippet: str
    severity: str = "error"


@dataclass
class Captions:
    cues: list[Cue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def last_end_ms(self) -> int:
        return max((c.end_ms for c in self.cues), default=0)


def stamp(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02d}:{m:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def parse_stamp(s: str) -> int | None:
    m = _STAMP.match(s)
    if not m:
        return None
    h, mi, sec, ms = m.groups()
    return ((int(h or 0) * 60 + int(mi)) * 60 + int(sec)) * 1000 + int(ms)


def parse(text: str) -> Captions:
    out = Captions()
    text = text.lstrip("\ufeff")
    lines = _LINES.split(text)
    if not text.strip():
        out.problems.append(Problem(1, "the caption file is empty", ""))
        return out
    if not _HEADER.match(lines[0]):
        out.problems.append(_no_header(lines))
        return out
    i = 1
    while i < len(lines) and lines[i].strip():  # the header block runs to the first blank line
        if "-->" in lines[i]:
            out.problems.append(Problem(i + 1, "a cue timing inside the header: leave a blank line after the "
                                        "WEBVTT line, or browsers drop this cue", lines[i]))
        i += 1
    previous: Cue | None = None
    for start, block in _blocks(lines, i):
        cue = _cue(start, block, out.problems)
        if cue is None:
            continue
        if previous is not None and cue.start_ms < previous.start_ms:
            out.problems.append(Problem(cue.line, (
                f"cues out of order: this cue starts at {stamp(cue.start_ms)}, before the cue on line "
                f"{previous.line} ({stamp(previous.start_ms)})"), block[0 if "-->" in block[0] else 1]))
        out.cues.append(cue)
        previous = cue if previous is None or cue.start_ms >= previous.start_ms else previous
    if not out.cues and not any(p.severity == "error" for p in out.problems):
        out.problems.append(Problem(1, "the caption file has a WEBVTT header but no cues", lines[0]))
    return out


def _no_header(lines: list[str]) -> Problem:
    first = next((n for n, s in enumerate(lines) if s.strip()), 0)
    srt = next((n for n, s in enumerate(lines[:50]) if _SRT_TIMING.match(s)), None)
    if srt is not None:
        return Problem(1, (
            f"a SubRip (SRT) file, not WebVTT: no WEBVTT header, and line {srt + 1} writes times with a comma "
            "(00:00:01,000); browsers ignore it. Convert it: add a WEBVTT line and use full stops in the times"),
            lines[srt])
    return Problem(first + 1, "missing the WEBVTT header on the first line; browsers ignore the whole file",
                   lines[first])


def _blocks(lines: list[str], i: int):
    """(first line number, lines) of each block after the header, split on blank lines."""
    block: list[str] = []
    start = 0
    for n in range(i, len(lines)):
        if lines[n].strip():
            if not block:
                start = n + 1
            block.append(lines[n])
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cue(start: int, block: list[str], problems: list[Problem]) -> Cue | None:
    if _BLOCK_KEYWORD.match(block[0]) and "-->" not in block[0]:
        return None  # NOTE, STYLE and REGION blocks
    at = 0 if "-->" in block[0] else 1
    if at >= len(block) or "-->" not in block[at]:
        problems.append(Problem(start, "a block with no cue timing line (start --> end): browsers skip it",
                                block[0]))
        return None
    line_no = start + at
    timing = block[at]
    m = _TIMING.match(timing.strip())
    times = [parse_stamp(m.group(1)), parse_stamp(m.group(2))] if m else [None, None]
    if None in times:
        bad = [s for s, t in zip(m.groups()[:2], times) if t is None] if m else [timing.strip()]
        if any(_SRT_STAMP.match(b) for b in bad):
            why = f"{bad[0]!r} uses a comma before the milliseconds (SRT style); WebVTT needs a full stop"
        else:
            why = f"broken timestamp {bad[0]!r}; write hh:mm:ss.ttt or mm:ss.ttt"
        problems.append(Problem(line_no, f"{why}: browsers drop this cue", timing))
        return None
    begin, end = times
    for n, payload in enumerate(block[at + 1:], line_no + 1):
        if "-->" in payload:
            problems.append(Problem(n, "a cue timing inside the text of the previous cue: a blank line is missing "
                                    "before it", payload))
    text = "\n".join(block[at + 1:])
    if end <= begin:
        problems.append(Problem(line_no, f"the cue ends ({stamp(end)}) before or when it starts ({stamp(begin)})",
                                timing))
    if not text.strip():
        problems.append(Problem(line_no, "the cue has no text", timing, "warning"))
    return Cue(begin, end, line_no, text)
