"""The overview (index.html): where the district stands, how it got there, and where to look next."""
from __future__ import annotations

from .changes import ChangeList
from .charts import Series, legend, line_chart
from .history import Point
from .markup import Markup, esc, html, join
from .owners import Owner
from .tally import Counts, Group, Tally
from .templates import COUNT_HEADS, Frame, check_title, counts_cells, criterion, page, site_link

TOP_OWNERS = 10


def _cards(items: list[tuple[str, int | str]]) -> Markup:
    return Markup('<ul class="cards">') + join(html("<li><strong>{}</strong> {}</li>",
                                                    f"{n:,}" if isinstance(n, int) else n, label)
                                               for label, n in items) + Markup("</ul>")


def _trend(points: list[Point]) -> Markup:
    labels = [(p.date, f"run {p.run_id}") for p in points]
    found = [Series("Errors", [p.errors for p in points], "error", "circle"),
             Series("Needs review", [p.warnings for p in points], "warning", "square"),
             Series("Notices", [p.notices for p in points], "notice", "triangle")]
    read = [Series("Pages", [p.pages for p in points], "pages", "circle"),
            Series("Documents", [p.documents for p in points], "documents", "square")]
    rows = join(html('<tr><th scope="row">{}</th><td>{}</td><td class="num">{}</td><td class="num">{}</td>'
                     '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
                     p.run_id, p.date, f"{p.errors:,}", f"{p.warnings:,}", f"{p.notices:,}", f"{p.pages:,}",
                     f"{p.documents:,}") for p in reversed(points))
    note = "" if len(points) > 1 else Markup('<p class="note">The trend starts with this run: the charts grow '
                                             'with every run of this crawl.</p>')
    return html('<h2>Trend over the last {n} run{s}</h2>{note}<div class="charts">'
                '<figure><figcaption>Findings per run</figcaption>{c1}{l1}</figure>'
                '<figure><figcaption>Pages and documents checked per run</figcaption>{c2}{l2}</figure></div>'
                '<table><caption>The trend as numbers, latest run first</caption><thead><tr>'
                '<th scope="col">Run</th><th scope="col">Date</th><th scope="col" class="num">Errors</th>'
                '<th scope="col" class="num">Needs review</th><th scope="col" class="num">Notices</th>'
                '<th scope="col" class="num">Pages</th><th scope="col" class="num">Documents</th></tr></thead>'
                '<tbody>{rows}</tbody></table>',
                n=len(points), s="s" * (len(points) != 1), note=note,
                c1=line_chart("trend-findings", "Findings per run, by severity", labels, found), l1=legend(found),
                c2=line_chart("trend-pages", "Pages and documents checked per run", labels, read), l2=legend(read),
                rows=rows)


def _table(caption: str, first: str, rows: list[tuple[Markup, Counts]]) -> Markup:
    body = join(html('<tr><th scope="row">{}</th>{}</tr>', name, counts_cells(c)) for name, c in rows)
    return html('<table><caption>{}</caption><thead><tr><th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody>'
                '</table>', caption, first, COUNT_HEADS, body)


def _wcag_order(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def render(frame: Frame, tally: Tally, points: list[Point], new: ChangeList, fixed: ChangeList,
           gone: tuple[int, int], site_files: dict[str, str], owner_files: dict[Owner, str]) -> str:
    c = tally.counts
    cards = _cards([("pages checked", tally.html_pages), ("documents checked", tally.documents),
                    ("images, media and other files", tally.media), ("errors", c.errors),
                    ("need review", c.warnings), ("notices", c.notices)])
    if new.compared:
        since = html('<ul><li><a href="new.html">{} new finding{}</a> since the last run</li>'
                     '<li><a href="fixed.html">{} finding{} fixed</a> since the last run</li>{}</ul>',
                     f"{new.findings:,}", "s" * (new.findings != 1), f"{fixed.findings:,}",
                     "s" * (fixed.findings != 1),
                     html("<li>{} finding{} on {} page{} no longer found</li>", f"{gone[1]:,}", "s" * (gone[1] != 1),
                          f"{gone[0]:,}", "s" * (gone[0] != 1)) if gone[1] else "")
    else:
        since = Markup("<p>This is the first finished run of this crawl: the next run shows what is new and "
                       "what was fixed.</p>")
    sites = sorted(tally.sites.values(), key=Group.sort_key)
    site_rows = [(site_link(site_files[g.name], g.name), g.counts) for g in sites]
    rules = sorted(tally.rules.items(), key=lambda kv: (*kv[1].worst_first(), kv[0]))
    rule_rows = [(html("{} <code>{}</code>", check_title(r), r), n) for r, n in rules]
    crit_rows = [(esc(criterion(k)), n) for k, n in sorted(tally.criteria.items(), key=lambda kv: _wcag_order(kv[0]))]
    owners = sorted(tally.owners.items(), key=lambda kv: kv[1].sort_key())[:TOP_OWNERS]
    owner_rows = [(html('<a href="{}">{}</a>', owner_files[o], o.name), g.counts) for o, g in owners]
    body = html(
        '<h1>Overview</h1><p class="meta">{run}</p>{cards}{trend}<h2>Since the last run</h2>{since}'
        '<h2>By site</h2>{sites}<h2>By check</h2>{rules}<h2>By WCAG success criterion</h2>{crit}'
        '<h2>By owner</h2>{owners}<p><a href="owners.html">All {n_owners} owners</a></p>',
        run=frame.run_line, cards=cards, trend=_trend(points), since=since,
        sites=_table("Findings by site, worst first", "Site", site_rows),
        rules=_table("Findings by check, worst first", "Check", rule_rows),
        crit=_table("Findings by WCAG 2 success criterion", "Success criterion", crit_rows),
        owners=_table(f"The {len(owner_rows)} owners with the most to fix", "Owner", owner_rows),
        n_owners=len(tally.owners))
    return page(frame, "Overview", body, current="index.html")

