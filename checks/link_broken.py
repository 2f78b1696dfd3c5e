"""Links and embedded resources work.

## What it does
Flags references that lead nowhere. On every page it flags in-page links (`href="#id"`) whose
fragment names no `id` and no `<a name>` on the page. With `webaudit check --links` (on by default
for crawls) the engine also asks every `a[href]`, `area[href]`, `img[src]`/`srcset`, `iframe[src]`,
`source[src]`, `track[src]`, `video`/`audio[src]`, `embed[src]`, `object[data]` and stylesheet
`link[href]` of a page, and every web link of a PDF, whether it answers, each URL once per run:
- error: HTTP 404/410 and other 4xx answers, a host name that does not resolve, a refused
  connection, a timeout (after retries), a redirect loop, a missing local file, and a `#fragment`
  into another page of the run that has no such `id`;
- warning (a person must confirm): a 5xx or 429 answer that lasts through the retries, 401/403
  (the page may need a login or block robots), a chain of more than 5 redirects, a TLS problem.
http(s) links are asked with HEAD (GET where a server refuses HEAD); local files are looked up on
disk. mailto:, tel: and javascript: links are not checked.

## Why it matters
A broken link is a dead end for everyone, and hardest on visitors who use a screen reader or
switch access, for whom every wrong turn costs the most. The district policy requires that links
are not broken.

## Example
    <a href="/board/minutes-2019.pdf">Board minutes</a>     <!-- HTTP 404 Not Found -->
    <a href="#enrolment">Enrollment dates</a>              <!-- no id="enrolment" on the page -->
    <img src="images/logo.png" alt="Lincoln Elementary">  <!-- no such file -->

## Use instead
    <a href="/board/minutes/2019.pdf">Board minutes</a>
    <a href="#enrollment">Enrollment dates</a> ... <h2 id="enrollment">Enrollment dates</h2>
    <img src="images/lincoln-logo.png" alt="Lincoln Elementary">

An intranet link the checker cannot reach can be marked with a reason:
`<!-- webaudit-ignore link-broken: staff intranet, only reachable inside the district -->`.

## References
- District web policy: links must not be broken
- HTML Standard, "scroll to the fragment" (how #fragments, #top and a[name] are resolved)
"""
from __future__ import annotations

from urllib.parse import unquote, urldefrag

from webaudit.dom import accessible_name, xpath
from webaudit.links import anchors, extract, fragment_found

ID = "link-broken"
TITLE = "Links and embedded resources work"
WCAG = ()
LEVEL = ""
POLICY = "Links must not be broken"
APPLIES_TO = ("html", "pdf")  # PDF links: the engine stage only
SEVERITY = "error"
HELP = ("Correct the address or point it at the resource's new location, or remove the reference; "
        "for a #fragment, give the target element that id.")

_FRAGMENT_HREFS = xpath("//@href[contains(., '#')]")  # a same-page fragment link needs one of these


def check(resource, config):
    """Same-page fragments of HTML pages only: everything that needs the network or the disk is the
    engine's link stage (webaudit.links.link_findings), which leaves same-page fragments to this check."""
    if resource.tree is None or not _may_have_fragments(resource.text) or not _FRAGMENT_HREFS(resource.tree):
        return  # no href with a #fragment: nothing to look at (the common case, one scan of the hrefs)
    page = urldefrag(resource.url)[0]
    ids = None
    for link in extract(resource):
        if link.attr != "href" or link.target != page or not link.fragment:
            continue
        if ids is None:
            ids = anchors(resource)
        if fragment_found(link.fragment, ids):
            continue
        name = accessible_name(link.element)
        what = f'link "{name[:60]}"' if name else "link"
        wanted = unquote(link.fragment)
        yield resource.finding(
            link.element, f'{what} points to #{wanted}, but no element on this page has id or name "{wanted}"')


def _may_have_fragments(page: str | None) -> bool:
    """Can an attribute of the page hold a "#"? Not when its source has none, written out or as a character
    reference (&#35;, &#x23;), and no &num; (the one entity the parser turns into "#"): then the scan of
    every href (_FRAGMENT_HREFS) is skipped for two searches of the text (a search for "&num;" itself
    costs as much as the scan: each "&" is looked at instead, up to a few)."""
    if page is None or "#" in page:
        return True
    amp = page.find("&")
    for _ in range(16):
        if amp < 0:
            return False
        if page.startswith("num;", amp + 1):
            return True
        amp = page.find("&", amp + 1)
    return True  # many entities: let the scan tell
