"""The structure tree (the tags) of a PDF, walked once: every element with its standard role, tag path,
page, alternate text and children.

Custom tags are resolved through the /RoleMap to the standard type they stand for ("Image" ->
"Figure"). The tag path names an element the way a person finds it in Acrobat's Tags panel:
`Document/Sect[2]/Figure[1]` (the type as written; [n] counts siblings of that type).

The walk is iterative, never revisits an object (cycles), and stops at MAX_ELEMENTS elements,
MAX_DEPTH levels or the document's time bound, recording why in the document's problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .pdf import PdfDocument, resolve, safely, text

MAX_ELEMENTS = 200_000
MAX_DEPTH = 100
MAX_ROLE_CHAIN = 10

STANDARD_TYPES = frozenset("""
Document DocumentFragment Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private Aside Title
FENote Sub P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form Em Strong Artifact
""".split())
_NUMBERED_HEADING = re.compile(r"^H([1-9][0-9]*)$")


@dataclass(eq=False)
class StructElem:
    type: str  # the structure type as written (/S)
    role: str  # the standard type it maps to through /RoleMap (== type for standard types)
    path: str  # Document/Sect[2]/Figure[1]
    page: int | None  # 1-based page number of its content, when known
    alt: str | None  # /Alt
    actual_text: str | None  # /ActualText
    parent: "StructElem | None" = None
    children: list["StructElem"] = field(default_factory=list)
    content: int = 0  # marked-content and object references directly inside it

    @property
    def heading_level(self) -> int | None:
        """1-6 (or more, PDF 2.0) for H1.., 0 for a plain H; None for other elements."""
        if self.role == "H":
            return 0
        m = _NUMBERED_HEADING.match(self.role)
        return int(m.group(1)) if m else None

    @property
    def mapped(self) -> str:
        """"Figure" or, for a role-mapped tag, "Image (mapped to Figure)"."""
        return self.type if self.type == self.role else f"{self.type} (mapped to {self.role})"

    def descendants(self, into=lambda e: True) -> Iterator["StructElem"]:
        """Descendants in document order; `into(e)` False keeps the walk out of e's subtree."""
        stack = list(reversed(self.children))
        while stack:
            e = stack.pop()
            yield e
            if into(e):
                stack.extend(reversed(e.children))


@dataclass
class StructTree:
    roots: list[StructElem]
    elements: list[StructElem]  # every element, in document order
    content_refs: int  # marked-content and object references in the whole tree
    role_map: dict[str, str]

    def by_role(self, *roles: str) -> list[StructElem]:
        return [e for e in self.elements if e.role in roles]


def has_structure_tree(doc: PdfDocument) -> bool:
    return isinstance(resolve(doc.catalog.get("/StructTreeRoot")), DictionaryObject)


def structure(doc: PdfDocument) -> StructTree | None:
    """The document's structure tree (cached); None when it has no /StructTreeRoot. Of a damaged tree,
    what can be read is kept (the damage is noted in the document's problems)."""
    if "structure" not in doc.cache:
        tree = None
        if "/StructTreeRoot" in doc.catalog:
            tree = StructTree([], [], 0, {})
            safely(doc, "the structure tree", _walk, doc, tree)
            _settle_pages(tree)
        doc.cache["structure"] = tree
    return doc.cache["structure"]


def _walk(doc: PdfDocument, tree: StructTree) -> None:
    root = resolve(doc.catalog.get("/StructTreeRoot"))
    if not isinstance(root, DictionaryObject):
        doc.note("the structure tree is damaged (/StructTreeRoot is not a dictionary)")
        return
    tree.role_map = role_map = _role_map(root)
    kids = _kids(root.get("/K"))
    root_types = [_name(resolve(k).get("/S")) for k in kids if _is_elem(resolve(k))]
    seen: set[int] = {id(root)}
    stack: list[tuple] = [(k, None, 0) for k in reversed(kids)]  # (object, parent element, depth)
    counts: dict[int, dict[str, int]] = {}
    while stack:
        obj, parent, depth = stack.pop()
        key = obj.idnum if isinstance(obj, IndirectObject) else id(obj)
        obj = safely(doc, "the structure tree", resolve, obj)  # one damaged element: skip it, go on
        if isinstance(obj, int):  # a marked-content id on the parent's page
            _count(tree, parent)
            continue
        if not isinstance(obj, DictionaryObject) or key in seen:
            continue
        seen.add(key)
        if not _is_elem(obj):  # a marked-content (/MCR) or object (/OBJR) reference
            _count(tree, parent)
            if parent is not None and parent.page is None:
                parent.page = doc.page_number_of(obj.get("/Pg"))
            continue
        if len(tree.elements) >= MAX_ELEMENTS:
            doc.note(f"the structure tree has more than {MAX_ELEMENTS:,} elements; the rest were not checked")
            break
        if depth >= MAX_DEPTH:
            doc.note(f"the structure tree is nested deeper than {MAX_DEPTH} levels; deeper tags were not checked")
            continue
        if len(tree.elements) % 1000 == 999 and doc.out_of_time("reading the structure tree"):
            break
        elem = safely(doc, "the structure tree", _element, doc, obj, parent, role_map, counts, root_types)
        if elem is None:
            continue
        tree.elements.append(elem)
        (parent.children if parent is not None else tree.roots).append(elem)
        stack.extend((k, elem, depth + 1) for k in reversed(safely(doc, "the structure tree", _kids,
                                                                   obj.get("/K"), default=[])))


def _element(doc, obj, parent, role_map, counts, root_types) -> StructElem:
    stype = _name(obj.get("/S")) or "?"
    siblings = counts.setdefault(id(parent), {})
    siblings[stype] = n = siblings.get(stype, 0) + 1
    step = stype if parent is None and root_types.count(stype) == 1 else f"{stype}[{n}]"
    return StructElem(
        type=stype,
        role=_standard(stype, role_map),
        path=f"{parent.path}/{step}" if parent is not None else step,
        page=doc.page_number_of(obj.get("/Pg")),
        alt=text(obj.get("/Alt")),
        actual_text=text(obj.get("/ActualText")),
        parent=parent,
    )


def _count(tree: StructTree, parent: StructElem | None) -> None:
    tree.content_refs += 1
    if parent is not None:
        parent.content += 1


def _settle_pages(tree: StructTree) -> None:
    """An element without a page of its own takes its first child's, else its parent's."""
    for e in reversed(tree.elements):  # children before parents
        if e.page is None:
            e.page = next((c.page for c in e.children if c.page), None)
    for e in tree.elements:  # parents before children
        if e.page is None and e.parent is not None:
            e.page = e.parent.page


def _kids(k) -> list:
    k = resolve(k)
    if k is None:
        return []
    return list(k) if isinstance(k, ArrayObject) else [k]


def _is_elem(obj) -> bool:
    return isinstance(obj, DictionaryObject) and "/S" in obj


def _name(value) -> str:
    value = resolve(value)
    return str(value).lstrip("/") if value is not None else ""


def _role_map(root: DictionaryObject) -> dict[str, str]:
    rm = resolve(root.get("/RoleMap"))
    if not isinstance(rm, DictionaryObject):
        return {}
    return {str(k).lstrip("/"): _name(v) for k, v in rm.items()}


def _standard(stype: str, role_map: dict[str, str]) -> str:
    """Follow the role map until a standard type (or give up after a few steps, or in a loop)."""
    seen = []
    while stype not in STANDARD_TYPES and stype in role_map and len(seen) < MAX_ROLE_CHAIN:
        seen.append(stype)
        stype = role_map[stype]
        if stype in seen:
            break
    return stype
