"""Shared HTML helpers, so that two checks never disagree about what an element's name is.

The accessible name here is the static part of the W3C accname computation: what can be decided from
the markup alone (aria-labelledby, aria-label, native labels such as alt and <label>, title, and name
from content). Styles from stylesheets are not applied; inline `display:none`/`visibility:hidden`,
the `hidden` attribute and `aria-hidden="true"` are.
"""
from __future__ import annotations

import re

from lxml import etree

_WS = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_NOT_RENDERED = frozenset({"script", "style", "template", "noscript", "head", "title", "meta", "link"})

# roles whose name may come from their content (accname "name from content")
NAME_FROM_CONTENT = frozenset({
    "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "link", "menuitem",
    "menuitemcheckbox", "menuitemradio", "option", "radio", "row", "rowheader", "switch", "tab",
    "tooltip", "treeitem",
})

_IMPLICIT = {
    "a": lambda e: "link" if e.get("href") is not None else None,
    "area": lambda e: "link" if e.get("href") is not None else None,
    "button": lambda e: "button",
    "img": lambda e: ("presentation" if e.get("alt") == "" else "img"),
    "h1": lambda e: "heading", "h2": lambda e: "heading", "h3": lambda e: "heading",
    "h4": lambda e: "heading", "h5": lambda e: "heading", "h6": lambda e: "heading",
    "table": lambda e: "table", "th": lambda e: "columnheader", "td": lambda e: "cell",
    "select": lambda e: "combobox" if not e.get("multiple") and (e.get("size") or "1") in ("", "0", "1") else "listbox",
    "textarea": lambda e: "textbox", "iframe": lambda e: None, "summary": lambda e: "button",
    "nav": lambda e: "navigation", "main": lambda e: "main", "ul": lambda e: "list", "ol": lambda e: "list",
    "li": lambda e: "listitem", "svg": lambda e: "graphics-document",
}
_INPUT_ROLES = {
    "button": "button", "submit": "button", "reset": "button", "image": "button", "checkbox": "checkbox",
    "radio": "radio", "range": "slider", "number": "spinbutton", "search": "searchbox", "hidden": None,
}


def norm(s: str | None) -> str:
    """Collapse whitespace (including &nbsp;) and strip."""
    return _WS.sub(" ", (s or "").replace("\xa0", " ")).strip()


def tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def role(el) -> str | None:
    """The element's role: the first explicit role token, else the implicit HTML role."""
    explicit = (el.get("role") or "").strip().lower().split()
    if explicit:
        return explicit[0]
    t = tag(el)
    if t == "input":
        return _INPUT_ROLES.get((el.get("type") or "text").lower(), "textbox")
    f = _IMPLICIT.get(t)
    return f(el) if f else None


def is_presentational(el) -> bool:
    return (el.get("role") or "").strip().lower().split()[:1] in (["presentation"], ["none"])


def is_hidden(el) -> bool:
    """Hidden from everyone by markup alone: hidden, aria-hidden="true", or inline display:none,
    on the element or an ancestor. Visually hidden text (sr-only) is *not* hidden."""
    while el is not None:
        if isinstance(el.tag, str):
            if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
                return True
            style = el.get("style")
            if style and _HIDDEN_STYLE.search(style):
                return True
            if tag(el) == "input" and (el.get("type") or "").lower() == "hidden":
                return True
        el = el.getparent()
    return False


def _ids(el) -> dict:
    """id -> first element with it, for the document of `el` (cached on the root)."""
    root = el.getroottree().getroot()
    cache = _ID_CACHE.get(root)
    if cache is None:
        cache = {}
        for e in root.iter():
            i = e.get("id") if isinstance(e.tag, str) else None
            if i is not None and i not in cache:
                cache[i] = e
        _ID_CACHE[root] = cache
    return cache


# keyed weakly by the root element, so caches die with their trees
import weakref  # noqa: E402

_ID_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_LABEL_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def by_id(el, ident: str):
    return _ids(el).get(ident)


def referenced(el, attr: str) -> list:
    """Elements named by an IDREFS attribute such as aria-labelledby or aria-describedby."""
    ids = _ids(el)
    return [ids[i] for i in (el.get(attr) or "").split() if i in ids]


def text(el) -> str:
    """Text a person or a screen reader gets from the subtree: text, img alt, nested names;
    skips hidden, script and style content. Visually hidden (sr-only) text counts."""
    out: list[str] = []
    stack = [(el, True)]
    while stack:  # iterative: pages nest thousands deep
        node, is_root = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        t = tag(node)
        if not t or t in _NOT_RENDERED or (not is_root and _self_hidden(node)):
            continue  # comments and PIs are skipped; their tails were pushed by the parent
        if not is_root:
            if t in ("img", "area") or (t == "input" and (node.get("type") or "").lower() == "image"):
                out.append(" " + (node.get("aria-label") or node.get("alt") or "") + " ")
                continue
            if t == "svg" or (node.get("role") or "").strip().lower() == "img":
                out.append(" " + accessible_name(node) + " ")
                continue
        items: list = [" "] if t in _BLOCK else []
        if node.text:
            items.append(node.text)
        for child in node:
            items.append(child)
            if child.tail:
                items.append(child.tail)
        if t in _BLOCK:
            items.append(" ")
        stack.extend((x, False) for x in reversed(items))
    return norm("".join(out))


_BLOCK = frozenset({"p", "div", "li", "td", "th", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                    "article", "header", "footer", "ul", "ol", "table", "dt", "dd", "figcaption", "blockquote"})


def _self_hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def labels_for(el) -> list:
    """<label> elements labelling a form control: label[for=id] and a wrapping <label>."""
    root = el.getroottree().getroot()
    by_for = _LABEL_CACHE.get(root)
    if by_for is None:
        by_for = {}
        for lab in root.iter("label"):
            f = lab.get("for")
            if f:
                by_for.setdefault(f, []).append(lab)
        _LABEL_CACHE[root] = by_for
    out = list(by_for.get(el.get("id"), ())) if el.get("id") else []
    p = el.getparent()
    while p is not None:
        if tag(p) == "label" and p not in out and not p.get("for"):
            out.append(p)
            break
        p = p.getparent()
    return out


def accessible_name(el) -> str:
    """The static accessible name of `el` (empty string when it has none)."""
    # 1. aria-labelledby (hidden referenced elements still count, per accname)
    refs = referenced(el, "aria-labelledby")
    if refs:
        name = norm(" ".join(_ref_text(r) for r in refs))
        if name:
            return name
    # 2. aria-label
    name = norm(el.get("aria-label"))
    if name:
        return name
    t = tag(el)
    # 3. native label
    if t in ("img", "area"):
        if el.get("alt") is not None:
            name = norm(el.get("alt"))
            if name or t == "img":
                return name or norm(el.get("title"))
    elif t == "input":
        typ = (el.get("type") or "text").lower()
        if typ == "image":
            name = norm(el.get("alt")) or norm(el.get("value"))
        elif typ in ("submit", "reset", "button"):
            name = norm(el.get("value")) or {"submit": "Submit", "reset": "Reset"}.get(typ, "")
        else:
            name = norm(" ".join(text(lab) for lab in labels_for(el)))
        if name:
            return name
    elif t in ("select", "textarea", "meter", "progress", "output"):
        name = norm(" ".join(text(lab) for lab in labels_for(el)))
        if name:
            return name
    elif t == "button":
        name = norm(" ".join(text(lab) for lab in labels_for(el))) or text(el)
        if name:
            return name
    elif t in ("fieldset",):
        legend = el.find("legend")
        if legend is not None and text(legend):
            return text(legend)
    elif t == "figure":
        cap = el.find("figcaption")
        if cap is not None and text(cap):
            return text(cap)
    elif t == "table":
        cap = el.find("caption")
        if cap is not None and text(cap):
            return text(cap)
    elif t == "svg":
        for child in el:
            if tag(child) == "title" and norm(child.text):
                return norm(child.text)
    # 4. name from content
    r = role(el)
    if r in NAME_FROM_CONTENT or t in ("a", "button", "summary", "th", "td", "caption", "legend", "label"):
        name = text(el)
        if name:
            return name
    # 5. tooltip (and placeholder for text fields, as browsers do)
    name = norm(el.get("title"))
    if not name and t in ("input", "textarea"):
        name = norm(el.get("placeholder"))
    return name


def _ref_text(el) -> str:
    return norm(el.get("aria-label")) or text(el) or (norm(el.get("alt")) if tag(el) == "img" else "")


# -- tables -----------------------------------------------------------------------------------------------

_LAYOUT_ROLES = ("presentation", "none")


def table_rows(table) -> list:
    """Rows of this table (not of nested tables)."""
    return [r for r in table.iter("tr") if _owner_table(r) is table]


def _owner_table(el):
    p = el.getparent()
    while p is not None and tag(p) != "table":
        p = p.getparent()
    return p


def is_data_table(table) -> bool:
    """Decide like browsers' layout-table heuristics (and axe): markup intent first, then shape."""
    if is_presentational(table) or is_hidden(table):
        return False
    r = (table.get("role") or "").lower()
    if r in ("table", "grid", "treegrid"):
        return True
    if table.find(".//table") is not None:  # a table holding tables is layout
        return False
    rows = table_rows(table)
    if len(rows) < 2:
        return False
    cols = max((len([c for c in row if tag(c) in ("td", "th")]) for row in rows), default=0)
    if cols < 2:
        return False
    # explicit data-table markup
    if (table.find("caption") is not None or table.find("thead") is not None or table.find(".//th") is not None
            or table.get("summary") or table.xpath(".//*[@scope or @headers or @abbr]")):
        return True
    # layout signals: form controls, nested block layout, single long cells
    if table.xpath(".//iframe|.//form|.//nav"):
        return False
    return len(rows) >= 2 and cols >= 2


def heading_level(el) -> int | None:
    t = tag(el)
    if len(t) == 2 and t[0] == "h" and t[1] in "123456":
        return int(t[1])
    if (el.get("role") or "").strip().lower() == "heading":
        lvl = el.get("aria-level") or "2"
        return int(lvl) if lvl.isdigit() and 0 < int(lvl) < 10 else 2
    return None


def xpath(expr: str) -> etree.XPath:
    """Compile an XPath once (module level in a check), so walking a tree is cheap."""
    return etree.XPath(expr)
