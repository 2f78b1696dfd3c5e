"""The report's one stylesheet, inlined in every page (its hash is allowed by the pages' CSP)."""

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --panel: #f4f5f7; --link: #0b4f9c;
  --error: #a4161a; --warning: #7a4d00; --notice: #1f4e8c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
a:focus, summary:focus { outline: 3px solid #f0b400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header { background: #14213d; color: #fff; padding: .75rem 1.5rem; }
header .brand { margin: 0 0 .25rem; font-weight: 700; font-size: 1.1rem; }
header a { color: #fff; }
header ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
header [aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
main { padding: 1rem 1.5rem 2rem; max-width: 75rem; }
footer { padding: 1rem 1.5rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .9rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3, h4 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0 0 1rem; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.cards li { background: var(--panel); border-radius: 6px; padding: .75rem 1rem; min-width: 10rem; }
.cards strong { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
thead th { background: var(--panel); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .85rem; font-weight: 700;
  color: #fff; margin-right: .4rem; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.notice { background: var(--notice); }
ol.findings { list-style: none; padding: 0; margin: 0; }
.finding { border-left: 6px solid var(--line); background: var(--panel); margin: .75rem 0; padding: .5rem 1rem; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.notice { border-left-color: var(--notice); }
.finding p { margin: .35rem 0; overflow-wrap: anywhere; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .35rem 0; }
.finding dt { font-weight: 700; }
.finding dd { margin: 0; overflow-wrap: anywhere; }
pre { background: #fff; border: 1px solid var(--line); padding: .5rem; overflow-x: auto; white-space: pre-wrap;
  overflow-wrap: anywhere; margin: .35rem 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.charts figure { margin: 0; max-width: 100%; }
.charts figcaption { font-weight: 700; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
.grid { stroke: #d6d6d6; stroke-width: 1; }
.tick { fill: var(--muted); }
.series polyline { fill: none; stroke-width: 2.5; }
.series.error { stroke: var(--error); fill: var(--error); }
.series.warning { stroke: var(--warning); fill: var(--warning); }
.series.warning polyline { stroke-dasharray: 8 4; }
.series.notice { stroke: var(--notice); fill: var(--notice); }
.series.notice polyline { stroke-dasharray: 2 3; }
.series.pages { stroke: #14213d; fill: #14213d; }
.series.documents { stroke: #5b3a8c; fill: #5b3a8c; }
.series.documents polyline { stroke-dasharray: 8 4; }
.legend { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; margin: .25rem 0; }
.note { background: #fff8e1; border: 1px solid #e6c35c; padding: .5rem 1rem; }
"""
