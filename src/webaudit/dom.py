"""Shared HTML helpers, so that two checks never disagree about what an element's name is.

The accessible name here is the static part of the W3C accname computation: what can be decided from
the markup alone (aria-labelledby, aria-label, native labels such as alt and <label>, title, and name
from content). Styles from stylesheets are not applied; inline `display:none`/`visibility:hidden`,
the `hidden` attribute and `aria-hidden="true"` are.
"""
from __future__ import annotations

import re

from lxml import etree

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
    "textarea": lambda e: "textbox", "iframe": lambda e: None,
    "summary": lambda e: "button" if is_details_summary(e) else None,
    "nav": lambda e: "navigation", "main": lambda e: "main", "ul": lambda e: "list", "ol": lambda e: "list",
    "li": lambda e: "listitem", "svg": lambda e: "graphics-document",
}
_INPUT_ROLES = {
    "button": "button", "submit": "button", "reset": "button", "image": "button", "checkbox": "checkbox",
    "radio": "radio", "range": "slider", "number": "spinbutton", "search": "searchbox", "hidden": None,
}


def norm(s: str | None) -> str:
    """Collapse whitespace (including &nbsp;) and strip."""
    if not s:
        return ""  # (most attributes asked about are absent)
    return " ".join(s.split())  # (\xa0 is whitespace to str.split, as every character \s matches is)


def tag(el) -> str:
    t = el.tag  # (lxml makes a new string on each read)
    return t.lower() if isinstance(t, str) else ""


def role(el) -> str | None:
    """The element's role: the first explicit role token, else the implicit HTML role. Role
    presentation/none on a focusable element or one with a global ARIA attribute is ignored (ARIA's
    presentational roles conflict resolution): `<a href role="none">` is still a link."""
    explicit = el.get("role")
    if explicit:  # (most elements have none)
        explicit = explicit.strip().lower().split()
        if explicit and not (explicit[0] in _LAYOUT_ROLES and _conflicts_with_presentation(el)):
            return explicit[0]
    t = tag(el)
    if t == "input":
        return _INPUT_ROLES.get((el.get("type") or "text").lower(), "textbox")
    f = _IMPLICIT.get(t)
    return f(el) if f else None


def is_presentational(el) -> bool:
    """Role presentation/none that browsers honour (see role())."""
    return ((el.get("role") or "").strip().lower().split()[:1] in (["presentation"], ["none"])
            and not _conflicts_with_presentation(el))


def is_hidden(el) -> bool:
    """Hidden from everyone by markup alone: hidden, aria-hidden="true", or inline display:none,
    on the element or an ancestor. Visually hidden text (sr-only) is *not* hidden."""
    # hot: checks ask about most elements. Each answer is kept for the document, so a walk up stops at
    # the first ancestor already answered for (siblings share their ancestors' answers).
    known = _known(el, "hidden")
    hidden = known.get(el)
    if hidden is not None:
        return hidden  # asked before (checks ask again and again about the same elements)
    walked = []
    while True:
        walked.append(el)
        if _hides(el):
            hidden = True
            break
        el = el.getparent()
        if el is None:
            hidden = False
            break
        hidden = known.get(el)
        if hidden is not None:
            break
    for node in walked:
        known[node] = hidden
    return hidden


def _hides(el) -> bool:
    """Hidden by its own markup, or never rendered (is_hidden asks this of it and each ancestor)."""
    t = el.tag
    if not isinstance(t, str):
        return False
    if _self_hidden(el):
        return True
    if t in _NEVER_RENDERED:  # template; noscript is not rendered with scripts on
        return True
    return t == "input" and (el.get("type") or "").lower() == "hidden"


_NEVER_RENDERED = frozenset({"template", "noscript", "TEMPLATE", "NOSCRIPT"})


def _ids(el) -> dict:
    """id -> first element with it, for the document of `el` (cached on the root)."""
    return _id_table(el)[0]


def id_counts(el) -> dict[str, int]:
    """id -> how many elements of the document of `el` carry it."""
    return _id_table(el)[1]


def _id_table(el) -> tuple[dict, dict]:
    root = el.getroottree().getroot()
    table = _ID_CACHE.get(root)
    if table is None:
        first: dict = {}
        counts: dict = {}
        for value in _ID_ATTRS(root):
            value_s = str(value)
            if value_s in counts:
                counts[value_s] += 1
            else:
                counts[value_s] = 1
                first[value_s] = value.getparent()
        table = _ID_CACHE[root] = (first, counts)
    return table


class _PerDocument:
    """A cache keyed by a document's root element. Plain lxml elements take no weak references, so it
    holds the last few roots (which keeps their id() from being reused) and forgets the oldest. Checks
    work on one document at a time: two entries keep a big page's tree alive no longer than needed."""

    def __init__(self, size: int = 2):
        self._size = size
        self._entries: dict[int, tuple] = {}  # id(root) -> (root, value), oldest first

    def get(self, root):
        entry = self._entries.get(id(root))
        return entry[1] if entry is not None and entry[0] is root else None

    def __setitem__(self, root, value) -> None:
        self._entries.pop(id(root), None)
        self._entries[id(root)] = (root, value)
        while len(self._entries) > self._size:
            del self._entries[next(iter(self._entries))]


_ID_ATTRS = etree.XPath("/descendant::*/@id")  # //@id without visiting text nodes; faster than //*[@id]
_ID_CACHE = _PerDocument()
_LABEL_CACHE = _PerDocument()


def by_id(el, ident: str):
    return _ids(el).get(ident)


def referenced(el, attr: str) -> list:
    """Elements named by an IDREFS attribute such as aria-labelledby or aria-describedby."""
    value = el.get(attr)
    if not value:
        return []  # (most elements have none: no need for the id table)
    ids = _ids(el)
    return [ids[i] for i in value.split() if i in ids]


def _computed_text(el, *, in_labelledby: bool = False) -> str:
    """Text a person or a screen reader gets from the subtree (accname's name from content): text, the
    names of embedded images, descendants' aria-label(ledby), the chosen option of an embedded select.
    Skips hidden, script and style content, and icon-font ligatures ("home" in a Material Icons span is
    an icon, not a name). Visually hidden (sr-only) text counts. `in_labelledby` is set while following
    aria-labelledby, which then is not followed further (accname step 2B)."""
    if len(el) == 0 and isinstance(el.tag, str):  # a leaf (most links, cells, headings): its own text
        return "" if tag(el) in _NOT_RENDERED else norm(el.text)
    t = tag(el)
    if not t or t in _NOT_RENDERED:
        return ""
    out: list[str] = []
    stack = _content(el, t)
    stack.reverse()
    while stack:  # iterative: pages nest thousands deep
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        t = tag(node)
        if not t or t in _NOT_RENDERED:
            continue  # comments and PIs are skipped; their tails were pushed by the parent
        # hot: the attribute names, read once, tell which of the questions below can be skipped (a
        # question about an absent attribute answers no): most nodes here have no or few attributes
        names = node.keys()
        if names and _self_hidden(node, names):
            continue
        if (t in ("img", "area", "svg") or (t == "input" and (node.get("type") or "").lower() == "image")
                or ("role" in names and node.get("role").strip().lower() == "img")):
            out.append(" " + _embedded_image_name(node, in_labelledby) + " ")
            continue
        if "aria-labelledby" in names or "aria-label" in names:
            label = _aria_name(node, in_labelledby)
            if label:
                out.append(" " + label + " ")
                continue
        if t == "select":
            out.append(" " + _chosen_options(node) + " ")
            continue
        if "class" in names and "material-" in node.get("class") and icon_font(node) == "Material Icons":
            continue  # the ligature ("home") draws an icon; screen readers read the word by accident
        if "title" in names and len(node) == 0 and node.get("title") and not (node.text or "").strip():
            out.append(" " + node.get("title") + " ")  # an empty element's tooltip (accname 2I)
            continue
        items = _content(node, t)
        items.reverse()
        stack += items
    return norm("".join(out))


def _content(node, t: str) -> list:
    """What text() reads inside `node` (tag `t`), in order: its text, each child and its tail; a block
    element is set off with spaces."""
    items: list = [" "] if t in _BLOCK else []
    if node.text:
        items.append(node.text)
    for child in node:
        items.append(child)
        if child.tail:
            items.append(child.tail)
    if t in _BLOCK:
        items.append(" ")
    return items


_BLOCK = frozenset({"p", "div", "li", "td", "th", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                    "article", "header", "footer", "ul", "ol", "table", "dt", "dd", "figcaption", "blockquote"})


def _embedded_image_name(node, in_labelledby: bool) -> str:
    """What an image inside a link, button or label adds to its name: nothing when it is decorative
    (alt="" or role presentation/none that browsers honour, ACT ffd0e9), else its own name."""
    if tag(node) == "img" and (is_presentational(node)
                               or (node.get("alt") == "" and not _conflicts_with_presentation(node))):
        return ""
    return accessible_name(node, in_labelledby=in_labelledby)


def _chosen_options(select) -> str:
    """An embedded select contributes its chosen option's text, not every option (accname step 2E)."""
    options = list(select.iter("option"))
    chosen = [o for o in options if o.get("selected") is not None]
    if not chosen and select.get("multiple") is None:
        chosen = options[:1]
    return " ".join(text(o) for o in chosen)


def hides_itself(el) -> bool:
    """Hidden by its own markup (hidden, aria-hidden="true", inline display:none or visibility:hidden),
    whatever its ancestors say. With is_hidden() of an ancestor known, checking the few elements
    below it with this is much cheaper than is_hidden() on each."""
    return _self_hidden(el)


def hidden_below(el, ancestor) -> bool:
    """Hidden by itself or by an element between it and `ancestor` (whose own state is known, e.g. a
    visible table): a short walk instead of is_hidden's walk to the root."""
    if _self_hidden(el):
        return True
    for p in el.iterancestors():
        if p is ancestor:
            return False
        if _self_hidden(p):
            return True
    return False


def _self_hidden(el, names=None) -> bool:
    """hidden, aria-hidden="true", or inline display:none or visibility:hidden on the element itself
    (`names`: its attribute names, when the caller has them)."""
    if names is None:
        names = el.keys()  # hot (is_hidden asks it of each ancestor): one call, where most elements have
    if not names:          # none of the three attributes; three get()s cost twice as much
        return False
    if "hidden" in names:
        return True
    if "aria-hidden" in names and el.get("aria-hidden").strip().lower() == "true":
        return True
    return "style" in names and bool(_HIDDEN_STYLE.search(el.get("style")))


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
    ident = el.get("id")
    # label[for] names the first element with that id only (a duplicate id gets no label)
    out = list(by_for.get(ident, ())) if ident and by_id(el, ident) is el else []
    p = el.getparent()
    while p is not None:
        if tag(p) == "label":
            # a wrapping label without for= labels its first labelable descendant only
            if not p.get("for") and p not in out and _first_labelable(p) is el:
                out.append(p)
            break
        p = p.getparent()
    return out


_LABELABLE = ("input", "select", "textarea", "button", "meter", "output", "progress")


def _first_labelable(label):
    for e in label.iter(*_LABELABLE):
        if not (tag(e) == "input" and (e.get("type") or "").strip().lower() == "hidden"):
            return e
    return None


def _computed_name(el, *, in_labelledby: bool = False) -> str:
    """The static accessible name of `el` (empty string when it has none). `in_labelledby`: see text()."""
    if el in _NAMING:  # its own label holds it (<label><button role="img">): each node is read once
        return ""
    _NAMING.add(el)
    try:
        return _name(el, in_labelledby)
    finally:
        _NAMING.discard(el)


_NAMING: set = set()  # the elements whose names are being worked out, inside one another


def _name(el, in_labelledby: bool) -> str:
    # 1. aria-labelledby (hidden referenced elements still count, per accname); 2. aria-label
    name = _aria_name(el, in_labelledby)
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
        elif typ in ("submit", "reset", "button"):  # a value="" shows an empty button: no default label
            value = el.get("value")
            name = norm(value) if value is not None else {"submit": "Submit", "reset": "Reset"}.get(typ, "")
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
    # 4. name from content (the tag first: a link needs no role())
    if t in _CONTENT_NAMED or role(el) in NAME_FROM_CONTENT:
        name = text(el)  # (a leaf, as most links and cells are, is read without the memo: see text())
        if name:
            return name
    # 5. tooltip (and placeholder for text fields, as browsers do)
    name = norm(el.get("title"))
    if not name and t in ("input", "textarea"):
        name = norm(el.get("placeholder"))
    return name


_CONTENT_NAMED = frozenset({"a", "button", "summary", "th", "td", "caption", "legend", "label"})


def _aria_name(el, in_labelledby: bool) -> str:
    """accname steps 2B and 2C: aria-labelledby (unless already following one), then aria-label."""
    if not in_labelledby and el.get("aria-labelledby"):
        name = norm(" ".join(_ref_text(r) for r in referenced(el, "aria-labelledby")))
        if name:
            return name
    return norm(el.get("aria-label"))


def _ref_text(el) -> str:
    return (norm(el.get("aria-label")) or text(el, in_labelledby=True)
            or (norm(el.get("alt")) if tag(el) == "img" else ""))


# -- icons ------------------------------------------------------------------------------------------------

_FA_STYLES = frozenset({"fa", "fas", "far", "fab", "fal", "fad", "fat", "fak", "fa-solid", "fa-regular",
                        "fa-brands", "fa-light", "fa-thin", "fa-duotone", "fa-sharp"})
_PRIVATE_USE = re.compile("^[\ue000-\uf8ff\U000f0000-\U0010ffff\\s]+$")


def icon_font(el) -> str | None:
    """The icon font an element draws with, judged by its classes: "Font Awesome", "Material Icons",
    "Glyphicons", "Bootstrap Icons" or "Dashicons"; None for anything else."""
    for c in (el.get("class") or "").lower().split():
        if c in _FA_STYLES or c.startswith("fa-"):
            return "Font Awesome"
        if c.startswith(("material-icons", "material-symbols")):
            return "Material Icons"
        if c == "glyphicon" or c.startswith("glyphicon-"):
            return "Glyphicons"
        if c == "bi" or c.startswith("bi-"):
            return "Bootstrap Icons"
        if c == "dashicons" or c.startswith("dashicons-"):
            return "Dashicons"
    return None


def only_private_use(s: str) -> bool:
    """Is the text only icon-font glyphs (Unicode private use characters) that screen readers cannot read?"""
    return bool(s) and bool(_PRIVATE_USE.match(s))


def has_own_text(el) -> bool:
    """A quick, sure sign of a name from content: readable text directly inside the element (not only
    icon-font glyphs, not in a Material Icons element). False proves nothing: then compute the name."""
    if "material-" in (el.get("class") or ""):
        return False
    s = el.text
    # (a first character neither a space nor an icon glyph, as in most links, tells without the regex)
    if s and (s[0] < "\ue000" and not s[0].isspace() or not s.isspace() and not _PRIVATE_USE.match(s)):
        return True
    for child in el:
        s = child.tail
        if s and not s.isspace() and not _PRIVATE_USE.match(s):
            return True
    return False


def unnamed_content(el) -> str:
    """What a control with no accessible name shows instead of text, for messages: "a Font Awesome icon",
    "an image with no alt text", 'an image marked decorative (alt="")', "an SVG graphic with no name";
    "" when it shows nothing of the kind."""
    for node in el.iter():
        t = tag(node)
        font = icon_font(node) if t else None
        if font:
            return f"a {font} icon"
        if t == "img":
            if node.get("alt") == "":
                return 'an image marked decorative (alt="")'
            if is_presentational(node):
                return f'an image marked decorative (role="{node.get("role").strip()}")'
            return "an image with no alt text"
        if t == "svg":
            return "an SVG graphic with no name"
    return ""


# -- tables -----------------------------------------------------------------------------------------------

_LAYOUT_ROLES = ("presentation", "none")


def table_rows(table) -> list:
    """Rows of this table (not of nested tables)."""
    rows = list(table.iter("tr"))
    if next(table.iterdescendants("table"), None) is None:
        return rows  # no nested table: every row is this table's (the common case, no walks up)
    return [r for r in rows if owner_table(r) is table]


def owner_table(el):
    """The nearest <table> ancestor of `el` (None outside tables)."""
    return next(el.iterancestors("table"), None)  # lxml filters by tag in C: fast on deep pages


_HEADER_SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})


def is_header_cell(el) -> bool:
    """A table header cell: a th (unless its role says otherwise), role columnheader/rowheader,
    or a td with a scope (obsolete, but browsers and authors treat it as a header)."""
    r = el.get("role")
    if r:  # (most cells have none: no string work)
        r = r.strip().lower().split()[:1]
        if r:
            return r[0] in ("columnheader", "rowheader")
    t = tag(el)
    return t == "th" or (t == "td" and (el.get("scope") or "").strip().lower() in _HEADER_SCOPES)


# compiled once (an XPath string passed to .xpath() is compiled on every call); attribute scans are fast
_DATA_MARKUP = etree.XPath("descendant-or-self::*/@scope | descendant-or-self::*/@headers | descendant-or-self::*/@abbr"
                           " | descendant-or-self::*/@axis | colgroup | col")  # (= .//@scope | … | ./col, faster)
_CELL_COUNT = etree.XPath("count(td | th)")  # counts without making a Python object per cell


def is_data_table(table) -> bool:
    """Decide like browsers' layout-table heuristics (and axe): markup intent first, then shape."""
    if is_presentational(table):
        return False
    data_role = (table.get("role") or "").lower() in ("table", "grid", "treegrid")
    if not data_role and ((table.get("datatable") or "").strip() == "0"  # the author says layout (Firefox)
                          or next(table.iterdescendants("table"), None) is not None):  # holds tables: layout
        return False  # (decided before is_hidden, which walks every ancestor: nested tables stay linear)
    if is_hidden(table):
        return False
    if data_role:
        return True
    rows = table_rows(table)
    if len(rows) < 2:
        return False
    if not any(_CELL_COUNT(row) >= 2 for row in rows):  # 2 columns or more (the first such row tells)
        return False
    # explicit data-table markup
    if (next(table.iterchildren("caption", "thead", "tfoot"), None) is not None  # (= find(), without ElementPath)
            or next(table.iterdescendants("th"), None) is not None or table.get("summary")
            or _DATA_MARKUP(table)):
        return True
    # layout signals: form controls, embedded content, nested block layout
    if next(table.iterdescendants("iframe", "form", "nav", "object", "embed"), None) is not None:
        return False
    return True  # (2 rows or more, 2 columns or more)


def heading_level(el) -> int | None:
    """The level a screen reader announces for `el` (1-9), or None when it is not a heading.

    h1-h6 take their number and role="heading" level 2, unless a valid aria-level says otherwise (as
    browsers expose it). An h1-h6 whose explicit role is another one is no heading, except role
    presentation/none with a global ARIA attribute or tabindex (presentational roles conflict resolution).
    """
    t = tag(el)
    native = len(t) == 2 and t[0] == "h" and t[1] in "123456"
    role_attr = el.get("role")
    if native and not role_attr and el.get("aria-level") is None:
        return int(t[1])  # a plain h1-h6 (most headings): its tag tells
    explicit = (role_attr or "").strip().lower().split()[:1]
    if explicit and explicit[0] != "heading":
        if not (native and explicit[0] in _LAYOUT_ROLES and _conflicts_with_presentation(el)):
            return None
    elif not native and not explicit:
        return None
    lvl = (el.get("aria-level") or "").strip()
    if lvl.isdigit() and 0 < int(lvl) < 10:
        return int(lvl)
    return int(t[1]) if native else 2


_GLOBAL_ARIA = frozenset({
    "aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-describedby", "aria-details",
    "aria-dropeffect", "aria-flowto", "aria-grabbed", "aria-haspopup", "aria-invalid", "aria-keyshortcuts",
    "aria-label", "aria-labelledby", "aria-live", "aria-owns", "aria-relevant", "aria-roledescription",
})


def _conflicts_with_presentation(el) -> bool:
    """A global ARIA attribute, tabindex or native focusability makes browsers ignore role presentation/none."""
    return (el.get("tabindex") is not None or is_natively_focusable(el)
            or any(a in _GLOBAL_ARIA for a in el.attrib))


def is_details_summary(el) -> bool:
    """A <summary> that toggles its <details> (its parent's first summary child); any other summary is
    plain text to browsers: no button, not focusable."""
    parent = el.getparent()
    return parent is not None and tag(parent) == "details" and next(parent.iterchildren("summary"), None) is el


def is_natively_focusable(el) -> bool:
    """Focusable without tabindex: links, enabled form controls, summary, contenteditable."""
    t = tag(el)
    if t in ("a", "area"):
        return el.get("href") is not None
    if t in ("button", "select", "textarea"):
        return el.get("disabled") is None
    if t == "input":
        return el.get("disabled") is None and (el.get("type") or "").strip().lower() != "hidden"
    if t == "summary":
        return is_details_summary(el)
    return (el.get("contenteditable") or "false").strip().lower() != "false"


_H_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HEADINGS = etree.XPath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[contains(@role, 'heading')]")


def headings(root) -> list[tuple]:
    """(element, level) of every heading screen readers list, in document order (hidden ones left out).
    Computed once per document (several checks ask)."""
    index = _index(root)
    if "headings" not in index:
        found = _HEADINGS(root) if with_role(root, "heading") else _tables_and_h_tags(root)[1]
        index["headings"] = [(el, level) for el in found
                             if (level := heading_level(el)) is not None and not is_hidden(el)]
    return list(index["headings"])


# -- per-document indexes: found in one pass, shared by every check that asks -------------------------
# (lxml walks a tree fast in C, about 60 µs for a 50 KB page, but every pass costs that again; a predicate
# on every element, //*[@role='x'], is several times slower than scanning attributes, //@role)

_ROLE_ATTRS = etree.XPath("/descendant::*/@role")  # (what //@role finds, without visiting text nodes)
_INDEXES = _PerDocument()


def _index(root) -> dict:
    """The index of the document of `root`: what has been found in it so far."""
    index = _INDEXES.get(root)
    if index is None:
        index = {}
        _INDEXES[root] = index
    return index


def with_role(root, name: str) -> list:
    """Elements whose (first) explicit role is `name`, in document order (one scan of the document's
    role attributes serves every check that asks)."""
    return _role_index(root)[0].get(name, [])


_XML_SPACE = str.maketrans("\t\n\r", "   ")


def with_role_token(root, token: str) -> list:
    """Elements whose role attribute lists `token` (any word of it, case as written), in document order:
    what `//*[contains(concat(' ', normalize-space(@role), ' '), ' token ')]` finds, from one scan of
    the document's role attributes shared by every check that asks. Most pages have no role="img" or
    role="link": then a check takes its native elements alone (`elements(root, "img")`), with no scan
    of every element."""
    return _role_index(root)[1].get(token, [])


def _role_index(root) -> tuple[dict, dict]:
    """(first role in lower case -> elements, role token as written -> elements), from one scan."""
    index = _index(root)
    found = index.get("roles")
    if found is None:
        roles: dict[str, list] = {}
        tokens: dict[str, list] = {}
        for attr in _ROLE_ATTRS(root):
            el = attr.getparent()
            first = attr.strip().lower().split()[:1]
            if first:
                roles.setdefault(first[0], []).append(el)
            for word in dict.fromkeys(attr.translate(_XML_SPACE).split(" ")):
                if word:
                    tokens.setdefault(word, []).append(el)
        found = index["roles"] = (roles, tokens)
    return found


def tags_and_roles(root, tags: tuple[str, ...], roles) -> list:
    """Candidates of a check about a widget that is native (`<button>`) or ARIA (`role="button"`): the
    elements of the document with one of `tags` or whose explicit role is one of `roles`; each once, in
    source order. Filter them with role(): `<a href role="button">` is no link."""
    found = list(root.iter(*tags))
    by_role = _role_index(root)[0]  # (= with_role(root, name) for each name, with one index lookup)
    if by_role:  # most pages have no role attribute at all
        for name in roles:
            if name in by_role:
                found.extend(e for e in by_role[name] if e.tag not in tags)
    if len(found) > 1:
        found.sort(key=_source_line)
    return found


def _source_line(el) -> int:
    return el.sourceline or 0


def tables(root) -> list:
    """Every <table> element, in document order."""
    return _tables_and_h_tags(root)[0]


def _tables_and_h_tags(root) -> tuple[list, list]:
    """(every <table>, every h1-h6), in document order, from one walk kept for tables() and headings():
    one pass over the page, not two."""
    index = _index(root)
    found = index.get("tables, h1-h6")
    if found is None:
        found = index["tables, h1-h6"] = (tables_found, h_tags) = ([], [])
        for el in root.iter("table", *_H_TAGS):
            (tables_found if el.tag == "table" else h_tags).append(el)
    return found


def visible_tables(root) -> list:
    """The <table> elements that are not hidden (see is_hidden), in document order."""
    index = _index(root)
    if "visible tables" not in index:
        visible: dict = {}  # table -> shown; an outer table comes first in document order
        for t in tables(root):
            outer = owner_table(t)
            if outer is None:
                visible[t] = not is_hidden(t)
            else:  # a short walk up to the outer table, not to the root: nested tables stay linear
                visible[t] = visible.get(outer, False) and not hidden_below(t, outer)
        index["visible tables"] = [t for t, shown in visible.items() if shown]
    return index["visible tables"]


def xpath(expr: str) -> etree.XPath:
    """Compile an XPath once (module level in a check), so walking a tree is cheap."""
    return etree.XPath(expr)


def elements(root, *tags: str):
    """The elements of the document of `root` with one of these tag names, in document order: what
    `//a | //area` finds, from one pass over those tags only (lxml skips the walk entirely when the
    page has none of them). Unlike root.iter(), it includes what libxml2 puts beside the root element:
    content after </html> lands in a second <html> there."""
    if root.getprevious() is None and root.getnext() is None:  # (the usual single tree)
        return root.iter(*tags)
    return _elements_of_all(root, tags)


def _elements_of_all(root, tags):
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        if isinstance(top.tag, str):
            yield from top.iter(*tags)


# -- answers worked out once per element: checks ask again and again about the same elements (a link's
# name: link-name, link-purpose, link-external-warning, the link stage; whether it is hidden: most checks).
# The functions are pure (the tree is never changed), so each document keeps what was found about it.

def _known(el, what: str) -> dict:
    """What has been found out about the elements of `el`'s document (`what`: "hidden", "text", ...)."""
    root = el.getroottree().getroot()
    if root is _LAST_INDEX[0]:
        index = _LAST_INDEX[1]
    else:
        index = _index(root)
        _LAST_INDEX[:] = root, index
    known = index.get(what)
    if known is None:
        known = index[what] = {}
    return known


_LAST_INDEX: list = [None, None]  # the document asked about last, and its index (one of _INDEXES)


def _per_element(fn, what: str):
    def once(el, *args, **kw):
        if args or (kw and any(kw.values())):  # only the plain question is kept (not text(..., in_labelledby=True))
            return fn(el, *args, **kw)
        known = _known(el, what)
        if el in known:
            return known[el]
        value = known[el] = fn(el)
        return value

    once.__wrapped__ = fn
    once.__name__, once.__qualname__, once.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
    return once


_remembered_name = _per_element(_computed_name, "accessible name")
_remembered_text = _per_element(_computed_text, "text")


def accessible_name(el, *, in_labelledby: bool = False) -> str:
    """The static accessible name of `el` (empty string when it has none). `in_labelledby`: see text()."""
    # hot: most links are an <a> with only text inside, most images an <img> with no ARIA. With no
    # aria-label(ledby), their name is the link's text (step 4: an <a> is named from content, whatever its
    # role) or the image's alt (step 3; with no role, an img is not named from content), else the title
    # (step 5): worked out faster than the memo answers.
    t = el.tag
    if t == "a" and len(el) == 0 or t == "img":
        names = el.keys()
        if "aria-label" not in names and "aria-labelledby" not in names and (t == "a" or "role" not in names):
            return norm(el.text if t == "a" else el.get("alt")) or norm(el.get("title"))
    return _remembered_name(el, in_labelledby=True) if in_labelledby else _remembered_name(el)


def text(el, *, in_labelledby: bool = False) -> str:  # (its docstring is _computed_text's, set below)
    if len(el) == 0:  # a leaf: its own text, cheaper than the memo (and the same with in_labelledby)
        return _computed_text(el)
    return _remembered_text(el, in_labelledby=True) if in_labelledby else _remembered_text(el)


accessible_name.__wrapped__ = _computed_name  # the plain computations, for the tests
text.__wrapped__ = _computed_text
text.__doc__ = _computed_text.__doc__


# -- lower case, fast: str.lower() is several times slower on a page with one non-ASCII character
# (a © in the footer) than on plain ASCII; a Latin-1 text is lowered byte by byte instead.
_LATIN1_LOWER = bytes(ord(chr(c).lower()) for c in range(256))  # every Latin-1 letter lowers within Latin-1


def lower(s: str) -> str:
    """s.lower(), faster on long texts."""
    if s.isascii():
        return s.lower()
    try:
        b = s.encode("latin-1")
    except UnicodeEncodeError:
        return s.lower()
    return b.translate(_LATIN1_LOWER).decode("latin-1")
