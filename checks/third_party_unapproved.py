"""Third-party services on a page are approved vendors.

## What it does
Flags scripts, iframes, embeds, tracking pixels and forms whose host is outside the district (not the
page's own host, not a `district_domains` domain or subdomain) and not on the `approved_vendors`
list (hosts the district has a data-privacy agreement with): a warning that names the host, the
service when it is a known analytics or advertising host, and what it loads. Inline scripts that
load a known tracker (the usual Google Analytics or Meta Pixel snippet) count too. A form that
sends personal fields (name, e-mail, phone, address, birth date) to such a host is an error.

## Why it matters
Every third-party script, frame and pixel learns who visits the page, and many profile visitors for
advertising. Districts may share student data only with vendors under a data-privacy agreement
(FERPA, COPPA and state student-privacy laws); a sign-up form that posts a family's names and
e-mail addresses to an unvetted service hands over exactly that data.

## Example
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
    <img src="https://px.ads.example.net/p.gif?id=42" width="1" height="1" alt="">
    <form action="https://forms.example.com/submit" method="post">
      <input name="parent_email" type="email"> ...

## Use instead
Use the district's own analytics and forms, or a vendor that has signed the district's
data-privacy agreement, and list its host in the configuration:
    [tool.webaudit]
    district_domains = ["example.k12.us"]
    approved_vendors = ["forms.vendor.example"]

## References
- District web policy: third-party services need a data-privacy agreement
- FERPA (34 CFR 99.31) school officials exception; COPPA (16 CFR 312)
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from webaudit.dom import elements, is_hidden, tag, xpath
from webaudit.links import base_url
from webaudit.privacy import mask_emails
from webaudit.trackers import lookup

ID = "third-party-unapproved"
TITLE = "Third-party services are approved vendors"
WCAG = ()
LEVEL = ""
POLICY = "Third-party services on district pages need a data-privacy agreement"
APPLIES_TO = ("html",)
SEVERITY = "warning"
HELP = ("Remove the third-party service, or confirm that the district has a data-privacy agreement with it and "
        "add its host to approved_vendors.")
OPTIONS = {"approved_vendors": ()}  # hosts with a data-privacy agreement; a domain covers its subdomains

_ABSOLUTE = "starts-with({0}, 'http') or starts-with({0}, '//') or starts-with({0}, 'HTTP')"
# Elements that load from another host: only absolute URLs can (relative ones resolve to the page's
# own host), unless a <base> element points elsewhere, when every URL is looked at (_ALL_LOADERS).
_LOADERS = xpath(" | ".join((
    "//script", f"//iframe[{_ABSOLUTE.format('@src')}]", f"//frame[{_ABSOLUTE.format('@src')}]",
    f"//embed[{_ABSOLUTE.format('@src')}]", f"//object[{_ABSOLUTE.format('@data')}]",
    f"//img[{_ABSOLUTE.format('@src')}]", f"//form[{_ABSOLUTE.format('@action')}]")))
_ALL_LOADERS = xpath("//script | //iframe[@src] | //frame[@src] | //embed[@src] | //object[@data] | //img[@src] | //form")
_URL_ATTR = {"iframe": "src", "frame": "src", "embed": "src", "object": "data", "img": "src", "form": "action"}
_URL_IN_SCRIPT = re.compile(r"(?:https?:)?//([a-z0-9-]+(?:\.[a-z0-9-]+)+)(/[\w./-]*)?", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|(?:width|height)\s*:\s*[01]px", re.I)
_FIELDS = (  # personal fields a form may send, by input type, autocomplete token, or name/id
    ("e-mail", re.compile(r"e-?mail", re.I)),
    ("phone", re.compile(r"phone|mobile|\bcell\b|(?:^|[^a-z])tel(?:$|[^a-z])", re.I)),
    ("name", re.compile(r"(?:^|[^a-z])(?:first|last|full|given|family|sur|student|child|parent)?[-_ ]?name(?:$|[^a-z])"
                        r"|(?:^|[^a-z])[fl]name(?:$|[^a-z])", re.I)),
    ("address", re.compile(r"(?<!mail)(?<!mail )(?<!mail[-_])address|street|(?:^|[^a-z])zip(?:$|[^a-z])|postal", re.I)),
    ("birth date", re.compile(r"birth|(?:^|[^a-z])dob(?:$|[^a-z])|bday", re.I)),
)
_OUTSIDE = "which is outside the district and not on approved_vendors"
_WHAT = {"script": "script", "iframe": "iframe", "frame": "frame", "embed": "embedded content",
         "object": "embedded object", "img": "tracking pixel"}
_FIELD_ELEMENTS = ("input", "select", "textarea")
_NOT_PERSONAL_INPUTS = frozenset({"hidden", "submit", "button", "reset", "image", "checkbox", "radio", "file"})


def _loaders(tree, every: bool):
    """_LOADERS (or with `every`, _ALL_LOADERS) in one pass over those tags only."""
    for el in elements(tree, "script", "iframe", "frame", "embed", "object", "img", "form"):
        t = el.tag
        if t == "script":
            yield el
            continue
        url = el.get(_URL_ATTR[t])
        if every:
            if url is not None or t == "form":
                yield el
        elif url is not None and url.startswith(("http", "//", "HTTP")):
            yield el


def check(resource, config):
    vendors = _hosts(config.get("approved_vendors"))
    page_host = (urlsplit(resource.url).hostname or "").lower()
    base = base_url(resource)
    every = urlsplit(base)[:2] != urlsplit(resource.url)[:2]
    for el in _loaders(resource.tree, every):
        t = tag(el)
        if t == "script" and not el.get("src"):
            yield from _inline_script(resource, el, config, page_host, vendors)
            continue
        raw = ((el.get("action") if t == "form" else el.get("src") or el.get("data")) or "").strip()
        if not raw:
            continue  # a form without action posts to its own page
        try:
            url = urlsplit(urljoin(base, raw))
        except ValueError:
            continue
        host = (url.hostname or "").lower()
        if url.scheme not in ("http", "https") or not host or config.is_internal(host, page_host) \
                or _approved(host, vendors):
            continue
        known = lookup(host, url.path)
        if t == "img" and not (known or _is_pixel(el)):
            continue  # an ordinary image from another host is not a tracker
        service = f" ({known[0]}, {known[1]})" if known else ""
        snippet = _snippet(el, url)
        fields = _personal_fields(el) if t == "form" else []
        if fields:
            yield resource.finding(
                el, f"form sends personal fields ({', '.join(fields)}) to {host}{service}, which is outside the "
                    "district and not an approved vendor", severity="error", snippet=snippet)
        elif t == "form":
            yield resource.finding(el, f"form sends its data to {host}{service}, {_OUTSIDE}", snippet=snippet)
        else:
            yield resource.finding(el, f"{_WHAT[t]} {_path(url.path)} from {host}{service}, {_OUTSIDE}", snippet=snippet)


def _inline_script(resource, el, config, page_host, vendors):
    """An inline snippet that loads a known tracker (the Google Analytics or Meta Pixel snippet)."""
    body = el.text or ""
    if "//" not in body:
        return
    for m in _URL_IN_SCRIPT.finditer(body):
        host, path = m[1].lower(), m[2] or ""
        known = lookup(host, path)
        if known and not config.is_internal(host, page_host) and not _approved(host, vendors):
            yield resource.finding(el, f"inline script loads {known[0]} ({known[1]}) from {host}, {_OUTSIDE}",
                                   snippet=f"<script> … {host}{_path(path)} …")
            return


def _hosts(value) -> tuple[str, ...]:
    """Configured vendors as bare host names ("https://forms.vendor.example/x" -> "forms.vendor.example")."""
    if isinstance(value, str):
        value = (value,)
    out = []
    for v in value or ():
        v = v.strip().lower()
        host = urlsplit(v).hostname if "//" in v else v.split("/", 1)[0]
        if host:
            out.append(host.lstrip("*.").rstrip("."))
    return tuple(out)


def _approved(host: str, vendors: tuple[str, ...]) -> bool:
    return any(host == v or host.endswith("." + v) for v in vendors)


def _is_pixel(img) -> bool:
    """A tracking pixel: 0-2 px wide or high, or hidden (the noscript fallback of most trackers)."""
    for dim in ("width", "height"):
        px = (img.get(dim) or "").strip().removesuffix("px")
        if px.isdigit() and int(px) <= 2:
            return True
    style = img.get("style") or ""
    return bool(style and _HIDDEN_STYLE.search(style)) or is_hidden(img)


def _snippet(el, url) -> str:
    """The start tag with only the URL that matters, without its query (which may carry personal data)."""
    attr = {"form": "action", "object": "data"}.get(tag(el), "src")
    return mask_emails(f'<{tag(el)} {attr}="{url.scheme}://{url.hostname}{url.path}">')


def _path(path: str) -> str:
    """What a URL loads, by its path alone (the query may carry personal data)."""
    return path[:57] + "…" if len(path) > 60 else path


def _personal_fields(form) -> list[str]:
    found = []
    for field in form.iter(*_FIELD_ELEMENTS):
        typ = (field.get("type") or "text").lower() if tag(field) == "input" else ""
        if typ in _NOT_PERSONAL_INPUTS:
            continue
        label = " ".join(filter(None, (typ, field.get("name"), field.get("id"), field.get("autocomplete"),
                                       field.get("placeholder"), field.get("aria-label"))))
        for kind, pattern in _FIELDS:
            if kind not in found and pattern.search(label):
                found.append(kind)
    return found
