"""The pages below the overview: one per crawled page, per site and per owner, and their indexes."""
from __future__ import annotations

from typing import Callable

from .markup import Markup, html, join
from .owners import Owner
from .tally import Group, PageRow
from .templates import COUNT_HEADS, KIND_NAMES, Frame, at_level, counts_cells, page, page_label, pages_table, \
    site_link, visit_link

OWNER_LIMIT = 5000  # findings an owner's page lists in full; the rest are a click away


def owner_contact(owner: Owner) -> Markup:
    if owner.email:
        return html('<a href="mailto:{0}">{0}</a>', owner.email)
    if owner.source == "author":
        return Markup("from the page's author tag (no e-mail configured)")
    return Markup("no owner configured for these pages")


def _new_row(new: int | None) -> Markup:
    if new is None:  # the first run of this crawl: nothing to compare with
        return Markup("")
    return html('<tr><th scope="row">New since the last run</th><td>{}</td></tr>', new)


def resource_page(frame: Frame, row: PageRow, block: str, site_file: str, owner_file: str) -> str:
    """A page or document: what it is, whose it is, and its findings (`block`: templates.findings_block)."""
    facts = html('<table><caption>About this page</caption><tbody>'
                 '<tr><th scope="row">Address</th><td>{visit}</td></tr>'
                 '<tr><th scope="row">Site</th><td>{site}</td></tr>'
                 '<tr><th scope="row">Owner</th><td><a href="../{owner_file}">{owner}</a> ({contact})</td></tr>'
                 '<tr><th scope="row">Kind</th><td>{kind}</td></tr>{new}'
                 '</tbody></table>',
                 visit=visit_link(row.url), site=site_link("../" + site_file, row.host), owner_file=owner_file,
                 owner=row.owner.name, contact=owner_contact(row.owner),
                 kind=KIND_NAMES.get(row.kind or "", row.outcome), new=_new_row(row.new))
    body = html("<h1>{}</h1>{}{}", page_label(row), facts, at_level(block, 2))
    return page(frame, page_label(row), body, depth=1)


def site_page(frame: Frame, site: Group) -> str:
    rows = sorted(site.pages, key=PageRow.sort_key)
    checked = sum(r.checked for r in rows)
    body = html('<h1>{}</h1><p class="meta">{} resources checked; {} with errors.</p>{}', site.name, f"{checked:,}",
                f"{site.with_errors:,}", pages_table(rows, f"Every page of {site.name}, worst first"))
    return page(frame, site.name, body, depth=1, current="sites.html")


def owner_page(frame: Frame, owner: Owner, group: Group, block_of: Callable[[PageRow], str]) -> str:
    """The owner's pages worst first, then every finding on them, page by page in the same order."""
    rows = sorted(group.pages, key=PageRow.sort_key)
    sections, listed = [], 0
    for row in rows:
        if listed >= OWNER_LIMIT:
            break
        listed += row.counts.total
        sections.append(html('<h2><a href="../{}">{}</a></h2><p class="meta">{}</p>{}', row.file, page_label(row),
                             row.url, at_level(block_of(row), 3)))
    more = ""
    if len(sections) < len(rows):
        more = html('<p class="note">The findings of the first {} pages are listed below; the table links to the '
                    'others.</p>', len(sections))
    body = html('<h1>{}</h1><p class="meta">{}</p>{}{}{}', owner.name, owner_contact(owner),
                pages_table(rows, f"Pages of {owner.name} with findings, worst first"), more, join(sections))
    return page(frame, owner.name, body, depth=1, current="owners.html")


def index_page(frame: Frame, name: str, title: str, first: str, groups: list[tuple[Markup, Group, Markup]]) -> str:
    """A table of sites or owners, worst first: (link, group, extra cell) each."""
    body = join(html('<tr><th scope="row">{}</th><td>{}</td><td class="num">{}</td>{}</tr>',
                     link, extra, f"{len(g.pages):,}", counts_cells(g.counts)) for link, g, extra in groups)
    table = html('<table><caption>{}, worst first</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
                 '<th scope="col" class="num">Pages</th>{}</tr></thead><tbody>{}</tbody></table>', title, first,
                 "Contact" if name == "owners.html" else "Pages with errors", COUNT_HEADS, body)
    return page(frame, title, html("<h1>{}</h1>{}", title, table), current=name)
