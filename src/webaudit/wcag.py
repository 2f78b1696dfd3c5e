"""WCAG 2.x success criteria as data: number -> (title, level, version that introduced it).

Levels A and AA only: the ADA Title II rule (2024) requires WCAG 2.1 AA of school districts.
"""
from __future__ import annotations

from typing import NamedTuple


class Criterion(NamedTuple):
    number: str
    title: str
    level: str
    version: str  # "2.0", "2.1" or "2.2"

    @property
    def url(self) -> str:
        slug = self.title.lower().replace(" ", "-").replace(",", "").replace("(", "").replace(")", "")
        return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}"


_TABLE = """
1.1.1 Non-text Content A 2.0
1.2.1 Audio-only and Video-only (Prerecorded) A 2.0
1.2.2 Captions (Prerecorded) A 2.0
1.2.3 Audio Description or Media Alternative (Prerecorded) A 2.0
1.2.4 Captions (Live) AA 2.0
1.2.5 Audio Description (Prerecorded) AA 2.0
1.3.1 Info and Relationships A 2.0
1.3.2 Meaningful Sequence A 2.0
1.3.3 Sensory Characteristics A 2.0
1.3.4 Orientation AA 2.1
1.3.5 Identify Input Purpose AA 2.1
1.4.1 Use of Color A 2.0
1.4.2 Audio Control A 2.0
1.4.3 Contrast (Minimum) AA 2.0
1.4.4 Resize Text AA 2.0
1.4.5 Images of Text AA 2.0
1.4.10 Reflow AA 2.1
1.4.11 Non-text Contrast AA 2.1
1.4.12 Text Spacing AA 2.1
1.4.13 Content on Hover or Focus AA 2.1
2.1.1 Keyboard A 2.0
2.1.2 No Keyboard Trap A 2.0
2.1.4 Character Key Shortcuts A 2.1
2.2.1 Timing Adjustable A 2.0
2.2.2 Pause, Stop, Hide A 2.0
2.3.1 Three Flashes or Below Threshold A 2.0
2.4.1 Bypass Blocks A 2.0
2.4.2 Page Titled A 2.0
2.4.3 Focus Order A 2.0
2.4.4 Link Purpose (In Context) A 2.0
2.4.5 Multiple Ways AA 2.0
2.4.6 Headings and Labels AA 2.0
2.4.7 Focus Visible AA 2.0
2.4.11 Focus Not Obscured (Minimum) AA 2.2
2.5.1 Pointer Gestures A 2.1
2.5.2 Pointer Cancellation A 2.1
2.5.3 Label in Name A 2.1
2.5.4 Motion Actuation A 2.1
2.5.7 Dragging Movements AA 2.2
2.5.8 Target Size (Minimum) AA 2.2
3.1.1 Language of Page A 2.0
3.1.2 Language of Parts AA 2.0
3.2.1 On Focus A 2.0
3.2.2 On Input A 2.0
3.2.3 Consistent Navigation AA 2.0
3.2.4 Consistent Identification AA 2.0
3.2.6 Consistent Help A 2.2
3.3.1 Error Identification A 2.0
3.3.2 Labels or Instructions A 2.0
3.3.3 Error Suggestion AA 2.0
3.3.4 Error Prevention (Legal, Financial, Data) AA 2.0
3.3.7 Redundant Entry A 2.2
3.3.8 Accessible Authentication (Minimum) AA 2.2
4.1.1 Parsing A 2.0
4.1.2 Name, Role, Value A 2.0
4.1.3 Status Messages AA 2.1
"""


def _load() -> dict[str, Criterion]:
    out = {}
    for row in _TABLE.strip().splitlines():
        number, rest = row.split(" ", 1)
        rest, version = rest.rsplit(" ", 1)
        title, level = rest.rsplit(" ", 1)
        out[number] = Criterion(number, title, level, version)
    return out


CRITERIA: dict[str, Criterion] = _load()

_LEVEL_RANK = {"A": 1, "AA": 2}


class Standard(NamedTuple):
    name: str
    version: str
    level: str

    def covers(self, number: str) -> bool:
        c = CRITERIA[number]
        return c.version <= self.version and _LEVEL_RANK[c.level] <= _LEVEL_RANK[self.level]


STANDARDS: dict[str, Standard] = {
    f"wcag{v.replace('.', '')}{lvl.lower()}": Standard(f"wcag{v.replace('.', '')}{lvl.lower()}", v, lvl)
    for v in ("2.0", "2.1", "2.2")
    for lvl in ("A", "AA")
}
DEFAULT_STANDARD = "wcag21aa"  # what the 2024 ADA Title II rule requires of school districts
