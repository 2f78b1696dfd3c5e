"""Trend charts as inline SVG: no script, no external file, readable without colour.

Each series has a colour, a dash pattern and a marker shape of its own (WCAG 1.4.1: colour is never
the only difference), the chart is one image with a text alternative, and the page shows the same
numbers in a table beside it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .markup import Markup, html, join

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 44
MAX_LABELS = 8


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    style: str  # a CSS class: colour and dash pattern
    marker: str  # "circle", "square" or "triangle"


def _axis_top(n: int) -> int:
    """The top of the y axis: four gridline steps of 1, 2 or 5 times a power of ten, at or above n."""
    need = max(1, -(-n // 4))
    power = 1
    while True:
        for m in (1, 2, 5):
            if m * power >= need:
                return 4 * m * power
        power *= 10


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'


def line_chart(chart_id: str, title: str, labels: list[tuple[str, str]], series: list[Series]) -> Markup:
    """A line chart of `series` over `labels` (one per run, oldest first: two lines of text each)."""
    top = _axis_top(max((v for s in series for v in s.values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(labels)

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y(v: int) -> float:
        return TOP + plot_h - v * plot_h / top

    grid = []
    for k in range(5):
        v = top // 4 * k
        grid.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
                    f'<text class="tick" x="{LEFT - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,}</text>')
    every = max(1, -(-n // MAX_LABELS))
    anchor = ["middle"] * n
    if n > 1:
        anchor[0], anchor[-1] = "start", "end"
    xlabels = [html('<text class="tick" x="{x}" y="{y}" text-anchor="{a}">{date}<tspan x="{x}" dy="14">{run}</tspan>'
                    '</text>', x=f"{x(i):.1f}", y=HEIGHT - BOTTOM + 16, a=anchor[i], date=date, run=run)
               for i, (date, run) in enumerate(labels) if (n - 1 - i) % every == 0]  # always the latest
    lines = []
    for s in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        marks = "".join(_marker(s.marker, x(i), y(v)) for i, v in enumerate(s.values))
        lines.append(html('<g class="series {}"><polyline points="{}"/>', s.style, points) + Markup(marks + "</g>"))
    desc = "; ".join(f"{s.name}: {s.values[-1]:,} in the latest run" for s in series if s.values)
    return html('<svg class="chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} {h}" '
                'width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
                '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>',
                id=chart_id, w=WIDTH, h=HEIGHT, title=title, desc=desc) \
        + Markup("".join(grid)) + join(xlabels) + join(lines) + Markup("</svg>")


def legend(series: list[Series]) -> Markup:
    """The key, drawn with the same line and marker as the chart (hidden from screen readers, which
    get the table)."""
    items = [html('<li><svg width="36" height="12" aria-hidden="true" focusable="false"><g class="series {}">'
                  '<polyline points="2,6 34,6"/>', s.style) + Markup(_marker(s.marker, 18, 6)) +
             html("</g></svg> {}</li>", s.name) for s in series]
    return Markup('<ul class="legend">') + join(items) + Markup("</ul>")
