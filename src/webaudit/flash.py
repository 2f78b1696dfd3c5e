"""Flash analysis with the WCAG 2.x definitions, shared by the `flash` and `flash-district` checks.

Definitions (WCAG 2.2, "general flash and red flash thresholds", technique G176):
- relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B of linearised sRGB;
- a *transition* is a swing of a cell's luminance of at least 0.10 against the previous swing, where
  the darker state is below 0.80; a *general flash* is a pair of opposing transitions;
- a *red transition* is a swing of at least 20 in max(0, (R - G - B) x 320) (linear R, G, B in 0..1)
  whose redder state is saturated red, R / (R + G + B) >= 0.8; a *red flash* is a pair of them;
- transitions are counted per cell of the analysis grid in every half-open one-second window
  [t, t + 1 s), so 3 flashes a second (6 transitions) pass and 7 transitions fail;
- the area threshold: 25% of a 10-degree visual field, read as 21,824 px (a quarter of the 341 x 256 px
  field of a 1024 x 768 screen, G176), measured in the worst 341 x 256 field at the rendered size.

A swing is tracked per cell with a zig-zag: a slow fade counts once it has moved 0.10 in total, and
reversals inside 0.10 are noise. A window's flashing area is the set of cells that make at least k
transitions inside it; the peak is the largest k whose area passes the threshold.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .frames import MAX_FRAMES, SECOND_US, Timeline, clock, timeline

GENERAL_DELTA = 0.10
DARK_LIMIT = 0.80
RED_DELTA = 20.0
RED_RATIO = 0.8
FIELD_PX = (341, 256)  # a 10-degree visual field at 1024 x 768
AREA_LIMIT_PX = 21_824  # 25% of that field: flashing over more than this area counts
WCAG_FAIL = 7  # transitions in one second: more than 3 flashes
DISTRICT_FAIL = 3  # transitions in one second: more than 1 flash
DISTRICT_MIN_AREA_PX = 64  # "any size", down to an 8 x 8 px speck: smaller is palette dithering noise
_CHUNK = 64  # windows per vectorised step (bounds memory)

_SRGB = np.arange(256) / 255.0
LINEAR = np.where(_SRGB <= 0.04045, _SRGB / 12.92, ((_SRGB + 0.055) / 1.055) ** 2.4).astype(np.float32)
WEIGHTS = np.array([0.2126, 0.7152, 0.0722], np.float32)


@dataclass(frozen=True)
class Peak:
    """The worst one-second window: how many transitions, when, where (media pixels) and how large."""

    transitions: int = 0
    start_us: int = 0
    box: tuple[int, int, int, int] | None = None  # x0, y0, x1, y1 in the media's own pixels
    area_px: int = 0  # flashing area at the rendered size (in the worst field for WCAG peaks)

    @property
    def flashes(self) -> float:
        return self.transitions / 2


@dataclass(frozen=True)
class FlashReport:
    general: Peak  # general flashes over the WCAG area threshold
    red: Peak  # red flashes over the WCAG area threshold
    any_size: Peak  # general or red flashes at any size from DISTRICT_MIN_AREA_PX up (the district rule)
    rendered: tuple[int, int]  # the size the analysis assumed, in CSS px
    stated: bool  # True when the page states that size (width/height on the element)
    timeline: Timeline

    @property
    def can_reach_area(self) -> bool:
        return self.rendered[0] * self.rendered[1] > AREA_LIMIT_PX


def analysed(resource, config):
    """What both flash checks start from: (the media's name, its FlashReport or None for a still image,
    a MediaProblem to report or None). A problem is handed to the first check that asks, once."""
    from .frames import MediaProblem, media_name, report_problem_once

    name = media_name(resource)
    try:
        return name, analyse(resource, config.get("media_max_frames"), config.get("flash_district_min_area")), None
    except MediaProblem as e:
        return name, None, (e if report_problem_once(resource, e) else None)


def analyse(resource, max_frames: int = MAX_FRAMES, min_area_px: int = DISTRICT_MIN_AREA_PX) -> FlashReport | None:
    """Flash figures for an animated image or video (None for a still image); cached. Raises MediaProblem."""
    key = ("flash", max_frames, min_area_px)
    if key not in resource.cache:
        tl = timeline(resource, max_frames)
        resource.cache[key] = None if tl is None else report(tl, resource.via, min_area_px)
    return resource.cache[key]


def report(tl: Timeline, via: dict | None = None, min_area_px: int = DISTRICT_MIN_AREA_PX) -> FlashReport:
    """Peaks of a timeline, measured at the size `via` (the referring element's attributes) states."""
    gw, gh = tl.grid
    rw, rh, stated = rendered_size(tl.size, via or {})
    general, red = transitions(tl)
    cell_px = rw * rh / (gw * gh)
    min_cells = int(AREA_LIMIT_PX // cell_px) + 1  # "more than" the threshold fails
    field = (max(1, round(FIELD_PX[0] * gw / rw)), max(1, round(FIELD_PX[1] * gh / rh)))
    scale = (tl.size[0] / gw, tl.size[1] / gh)
    return FlashReport(
        general=peak(general, tl.times_us, min_cells, field, cell_px, scale),
        red=peak(red, tl.times_us, min_cells, field, cell_px, scale),
        any_size=peak(general | red, tl.times_us, max(1, math.ceil(min_area_px / cell_px)), (gw, gh), cell_px, scale),
        rendered=(rw, rh), stated=stated, timeline=tl)


def size_text(report: FlashReport) -> str:
    w, h = report.rendered
    return f"at its rendered size {w}x{h} px" if report.stated else f"at its own size {w}x{h} px"


def window_text(p: Peak) -> str:
    return f"between {clock(p.start_us)} and {clock(p.start_us + SECOND_US)}"


def region_text(p: Peak) -> str:
    x0, y0, x1, y1 = p.box
    return f"flashing region x {x0}-{x1}, y {y0}-{y1}"


def rendered_size(size: tuple[int, int], via: dict) -> tuple[int, int, bool]:
    """The size the page shows the media at (its width/height attributes), else its own size."""
    w, h = size
    rw, rh = _px(via.get("width")), _px(via.get("height"))
    if rw and rh:
        return rw, rh, True
    if rw:
        return rw, max(1, round(h * rw / w)), True
    if rh:
        return max(1, round(w * rh / h)), rh, True
    return w, h, False


def _px(value) -> int | None:
    v = str(value or "").strip().lower().removesuffix("px").strip()
    try:
        n = round(float(v))
    except (ValueError, OverflowError):  # "100%", "auto", "inf"
        return None
    return n if 0 < n < 100_000 else None


# -- transitions -------------------------------------------------------------------------------------
class _Swing:
    """Per-cell zig-zag: a transition is a move of at least `delta` against the direction of the last one.

    `hi`/`lo` hold the extreme the current swing started from or has reached; `hi_aux` carries a flag
    of the state at `hi` (for red flashes: whether it was saturated red).
    """

    def __init__(self, first: np.ndarray, delta: float, aux: np.ndarray | None = None):
        self.delta = delta
        self.hi = first.copy()
        self.lo = first.copy()
        self.hi_aux = aux.copy() if aux is not None else np.zeros(first.shape, bool)
        self.trend = np.zeros(first.shape, np.int8)  # 0 none yet, 1 rising, -1 falling

    def step(self, v: np.ndarray, aux: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        rising, falling = self.trend == 1, self.trend == -1
        aux = aux if aux is not None else self.hi_aux
        higher = ~falling & (v > self.hi)
        np.copyto(self.hi, v, where=higher)
        np.copyto(self.hi_aux, aux, where=higher)
        np.copyto(self.lo, v, where=~rising & (v < self.lo))
        up = ~rising & (v - self.lo >= self.delta)
        down = ~falling & (self.hi - v >= self.delta) & ~up
        self.trend[up] = 1
        np.copyto(self.hi, v, where=up)
        np.copyto(self.hi_aux, aux, where=up)
        self.trend[down] = -1
        np.copyto(self.lo, v, where=down)
        return up, down


def transitions(tl: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """Boolean (N, H, W) maps of general and red transitions at each played frame."""
    n = len(tl.order)
    gw, gh = tl.grid
    general = np.zeros((n, gh, gw), bool)
    red = np.zeros((n, gh, gw), bool)
    lum_swing = red_swing = None
    pending = np.zeros((gh, gw), bool)  # a fall that starts above DARK_LIMIT counts once it goes below
    for first in range(0, n, _CHUNK):
        lums, rednesses, saturateds = signals(tl.frames[tl.order[first:first + _CHUNK]])
        for i, lum, redness, saturated in zip(range(first, n), lums, rednesses, saturateds):
            if lum_swing is None:
                lum_swing = _Swing(lum, GENERAL_DELTA)
                red_swing = _Swing(redness, RED_DELTA + 1e-3, saturated)  # "more than 20"
                continue
            up, down = lum_swing.step(lum)
            dark = lum < DARK_LIMIT
            late = pending & ~up & dark
            general[i] = (up & (lum_swing.lo < DARK_LIMIT)) | (down & dark) | late
            pending = (pending & ~late & ~up) | (down & ~dark)
            up, down = red_swing.step(redness, saturated)
            red[i] = (up | down) & red_swing.hi_aux  # the redder state of the swing is saturated red
    return general, red


def luminance(frames: np.ndarray) -> np.ndarray:
    """Relative luminance of sRGB frames (uint8, last axis R, G, B)."""
    return LINEAR[frames] @ WEIGHTS


def signals(frames: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For (F, H, W, 3) sRGB frames: relative luminance, redness (R - G - B) x 320 floored at 0, and
    whether each cell is saturated red, all computed on linearised R, G, B."""
    linear = LINEAR[frames]
    r, g, b = linear[..., 0], linear[..., 1], linear[..., 2]
    lum = linear @ WEIGHTS
    redness = np.maximum(0.0, (r - g - b) * 320.0)
    saturated = r >= RED_RATIO * (r + g + b) + 1e-9
    return lum, redness, saturated


# -- one-second windows ------------------------------------------------------------------------------
def peak(events: np.ndarray, times_us: np.ndarray, min_cells: int, field: tuple[int, int],
         cell_px: float, scale: tuple[float, float]) -> Peak:
    """The most transitions any flashing area of at least `min_cells` (in the worst field) makes in
    one half-open second, with the first window where that happens."""
    n, gh, gw = events.shape
    if n < 2 or min_cells > gw * gh or not events.any():
        return Peak()
    # Window counts are differences of a running count. uint8 arithmetic wraps, but no second holds
    # 256 frames (GIF frames last at least 20 ms, video runs far below 256 fps), so the difference
    # of two wrapped counts is still exact, in a quarter of the memory of int32.
    running = np.zeros((n + 1, gh, gw), np.uint8)
    for i in range(n):  # frame by frame: contiguous adds, far faster than cumsum along axis 0
        np.add(running[i], events[i], out=running[i + 1], casting="unsafe")
    ends = np.searchsorted(times_us, times_us + SECOND_US, side="left")
    most = max(int(_counts(running, ends, s).max()) for s in _chunks(n))
    best, low, high = None, 1, most
    while low <= high:  # the largest k whose area reaches min_cells (area shrinks as k grows)
        k = (low + high) // 2
        hit = _first_window(running, ends, k, min_cells, field)
        if hit is None:
            high = k - 1
        else:
            best, low = (k, *hit), k + 1
    if best is None:
        return Peak()
    k, start, mask, area = best
    ys, xs = np.nonzero(mask)
    box = (int(xs.min() * scale[0]), int(ys.min() * scale[1]),
           int((xs.max() + 1) * scale[0]) - 1, int((ys.max() + 1) * scale[1]) - 1)
    return Peak(k, int(times_us[start]), box, int(area * cell_px))


def _chunks(n: int):
    for first in range(0, n, _CHUNK):
        yield np.arange(first, min(n, first + _CHUNK))


def _counts(running: np.ndarray, ends: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return running[ends[starts]] - running[starts]


def _first_window(running, ends, k, min_cells, field):
    for starts in _chunks(len(ends)):
        mask = _counts(running, ends, starts) >= k
        big = np.flatnonzero(mask.sum(axis=(1, 2)) >= min_cells)  # a field never holds more than all
        if not big.size:
            continue
        area = _field_max(mask[big], *field)
        hit = np.flatnonzero(area >= min_cells)
        if hit.size:
            first = big[hit[0]]
            return int(starts[first]), mask[first], int(area[hit[0]])
    return None


def _field_max(mask: np.ndarray, fw: int, fh: int) -> np.ndarray:
    """For each (H, W) map in `mask`, the most True cells inside any fh x fw rectangle."""
    c, h, w = mask.shape
    if fw >= w and fh >= h:
        return mask.sum(axis=(1, 2))
    fw, fh = min(fw, w), min(fh, h)
    table = np.zeros((c, h + 1, w + 1), np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=table[:, 1:, 1:])
    np.cumsum(table[:, 1:, 1:], axis=2, out=table[:, 1:, 1:])
    boxes = table[:, fh:, fw:] - table[:, :-fh, fw:] - table[:, fh:, :-fw] + table[:, :-fh, :-fw]
    return boxes.reshape(c, -1).max(axis=1)
