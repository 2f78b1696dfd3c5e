"""Deterministic PDFs for the PDF tests and the benchmark, built from pypdf's objects and Pillow.

    b = PdfBuilder(title="Field trip", lang="en-US")
    p = b.page(text_lines(["Hello"]))
    b.tag(S("Document", S("P", mcid(p, 0))))
    data = b.bytes()

Pages are US Letter (612 x 792 pt). Text uses the standard Helvetica font (/F1). Scans are Pillow
images of text (Pillow's bundled font, so they look the same everywhere) placed full-page.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject, BooleanObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject,
    NumberObject, TextStringObject,
)

W, H = 612, 792

LETTER = [
    "Dear Families,",
    "The spring field trip to the science museum is on",
    "Friday, May 9. Please return the permission slip",
    "signed by a parent or guardian by Monday.",
    "Lunch will be provided for every student.",
    "Thank you, Ms. Rivera, Grade 3",
]


# -- content helpers ------------------------------------------------------------------------------
def escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_lines(lines, *, x=72, y=720, size=12, leading=16, mode=0, font="F1", mcid=None, tag="P") -> str:
    """A text block (one BT/ET) in render mode `mode`; wrapped in marked content when `mcid` is given."""
    body = f"BT /{font} {size} Tf {leading} TL {x} {y} Td {mode} Tr " + " T* ".join(
        f"({escape(line)}) Tj" for line in lines) + " ET"
    return f"/{tag} <</MCID {mcid}>> BDC {body} EMC" if mcid is not None else body


def draw_image(name="Im0", box=(0, 0, W, H)) -> str:
    x0, y0, x1, y1 = box
    return f"q {x1 - x0} 0 0 {y1 - y0} {x0} {y0} cm /{name} Do Q"


def scan_image(lines=LETTER, size=(850, 1100), font_size=30, noise=False) -> Image.Image:
    """A greyscale 'scan' of typed text."""
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=font_size)
    y = int(size[1] * 0.08)
    for line in lines:
        d.text((int(size[0] * 0.08), y), line, fill=0, font=font)
        y += int(font_size * 1.7)
    if noise:  # speckles, like a photocopy
        for i in range(0, size[0] * size[1], 997):
            img.putpixel((i % size[0], (i // size[0]) % size[1]), 180)
    return img


def photo_image(size=(400, 520)) -> Image.Image:
    """A textless 'photo': smooth colour gradients and a few shapes."""
    img = Image.new("RGB", size)
    px = img.load()
    for x in range(size[0]):
        for y in range(size[1]):
            px[x, y] = (40 + x * 150 // size[0], 90 + y * 120 // size[1], 160)
    d = ImageDraw.Draw(img)
    d.ellipse((60, 80, 240, 260), fill=(230, 200, 60))
    d.rectangle((200, 300, 360, 480), fill=(30, 110, 50))
    return img


# -- structure tree spec --------------------------------------------------------------------------
@dataclass
class S:
    """A structure element for PdfBuilder.tag: S("Figure", mcid(page, 0), alt="...")."""

    type: str
    kids: tuple = ()
    alt: str | None = None
    actual_text: str | None = None
    page: int | None = None  # /Pg (0-based page index)

    def __init__(self, type, *kids, alt=None, actual_text=None, page=None):
        self.type, self.kids, self.alt, self.actual_text, self.page = type, kids, alt, actual_text, page


@dataclass(frozen=True)
class mcid:
    """A marked-content reference: content id `n` on page index `page`."""

    page: int
    n: int


@dataclass
class PdfBuilder:
    title: str | None = None
    lang: str | None = None
    display_title: bool = False
    writer: PdfWriter = field(default_factory=PdfWriter)

    def __post_init__(self):
        self.font = self._add(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
        self.pages = []
        self.fields = ArrayObject()
        if self.title is not None:
            self.writer.add_metadata({"/Title": self.title})
        if self.lang is not None:
            self.root[NameObject("/Lang")] = TextStringObject(self.lang)
        if self.display_title:
            self.root[NameObject("/ViewerPreferences")] = DictionaryObject(
                {NameObject("/DisplayDocTitle"): BooleanObject(True)})

    @property
    def root(self) -> DictionaryObject:
        return self.writer.root_object

    def _add(self, obj) -> IndirectObject:
        return self.writer._add_object(obj)

    # -- objects ----------------------------------------------------------------------------------
    def stream(self, data: bytes | str, extra: dict | None = None, compress=True) -> IndirectObject:
        s = DecodedStreamObject()
        s.set_data(data.encode("latin-1") if isinstance(data, str) else data)
        for k, v in (extra or {}).items():
            s[NameObject(k)] = v
        return self._add(s.flate_encode() if compress else s)

    def image(self, img: Image.Image) -> IndirectObject:
        """An image XObject (DeviceGray or DeviceRGB, 8 bits, Flate)."""
        img = img.convert("L") if img.mode in ("1", "L", "LA") else img.convert("RGB")
        return self.stream(img.tobytes(), {
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
            "/Width": NumberObject(img.width), "/Height": NumberObject(img.height),
            "/ColorSpace": NameObject("/DeviceGray" if img.mode == "L" else "/DeviceRGB"),
            "/BitsPerComponent": NumberObject(8),
        })

    def form(self, content: str, *, xobjects: dict | None = None, bbox=(0, 0, W, H)) -> IndirectObject:
        """A Form XObject with its own resources (the Helvetica font, and `xobjects`)."""
        return self.stream(content, {
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
            "/BBox": ArrayObject(FloatObject(v) for v in bbox),
            "/Resources": self._resources(xobjects),
        })

    def _resources(self, xobjects: dict | None) -> DictionaryObject:
        res = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): self.font})})
        if xobjects:
            res[NameObject("/XObject")] = DictionaryObject({NameObject("/" + k): v for k, v in xobjects.items()})
        return res

    def page(self, content: str, *, xobjects: dict | None = None, size=(W, H), fonts: dict | None = None) -> int:
        """Add a page; returns its 0-based index."""
        p = self.writer.add_blank_page(*size)
        p[NameObject("/Contents")] = self.stream(content)
        res = self._resources(xobjects)
        for name, base in (fonts or {}).items():
            res["/Font"][NameObject("/" + name)] = self._add(DictionaryObject({
                NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/" + base)}))
        p[NameObject("/Resources")] = res
        self.pages.append(p)
        return len(self.pages) - 1

    def page_ref(self, index: int) -> IndirectObject:
        return self.pages[index].indirect_reference

    # -- tags ---------------------------------------------------------------------------------------
    def tag(self, *roots: S, role_map: dict | None = None, marked=True) -> None:
        """Build /StructTreeRoot from specs, and /MarkInfo /Marked true (unless marked=False)."""
        tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        tree_ref = self._add(tree)
        tree[NameObject("/K")] = ArrayObject(self._elem(s, tree_ref) for s in roots)
        if role_map:
            tree[NameObject("/RoleMap")] = DictionaryObject(
                {NameObject("/" + k): NameObject("/" + v) for k, v in role_map.items()})
        self.root[NameObject("/StructTreeRoot")] = tree_ref
        if marked:
            self.root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})

    def _elem(self, spec: S, parent: IndirectObject) -> IndirectObject:
        d = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/" + spec.type),
                              NameObject("/P"): parent})
        ref = self._add(d)
        kids = ArrayObject()
        for k in spec.kids:
            if isinstance(k, S):
                kids.append(self._elem(k, ref))
            else:
                kids.append(NumberObject(k.n))
                d.setdefault(NameObject("/Pg"), self.page_ref(k.page))
        if spec.page is not None:
            d[NameObject("/Pg")] = self.page_ref(spec.page)
        if spec.alt is not None:
            d[NameObject("/Alt")] = TextStringObject(spec.alt)
        if spec.actual_text is not None:
            d[NameObject("/ActualText")] = TextStringObject(spec.actual_text)
        d[NameObject("/K")] = kids
        return ref

    # -- forms and metadata ---------------------------------------------------------------------------
    def text_field(self, page: int, name: str, rect, *, tooltip: str | None = None, kind="/Tx") -> None:
        f = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject(kind), NameObject("/T"): TextStringObject(name),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect), NameObject("/P"): self.page_ref(page),
            NameObject("/F"): NumberObject(4),
        })
        if tooltip is not None:
            f[NameObject("/TU")] = TextStringObject(tooltip)
        ref = self._add(f)
        p = self.pages[page]
        if "/Annots" not in p:
            p[NameObject("/Annots")] = ArrayObject()
        p["/Annots"].append(ref)
        self.fields.append(ref)
        self.root[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): self.fields})

    def xmp(self, packet: str) -> None:
        self.root[NameObject("/Metadata")] = self.stream(packet, {
            "/Type": NameObject("/Metadata"), "/Subtype": NameObject("/XML")}, compress=False)

    def encrypt(self, *, user_password="", owner_password="owner", permissions=None, algorithm="AES-128") -> None:
        kw = {} if permissions is None else {"permissions_flag": permissions}
        self.writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm, **kw)

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.writer.write(buf)
        return buf.getvalue()


def xmp_packet(title: str | None = None, *, pdfua: bool = False, lang: str | None = None, doctype: str = "") -> str:
    parts = []
    if title is not None:
        parts.append(f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>')
    if lang is not None:
        parts.append(f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>")
    if pdfua:
        parts.append("<pdfuaid:part>1</pdfuaid:part>")
    return (f'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>{doctype}'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">' + "".join(parts) +
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


# -- running checks on generated PDFs ---------------------------------------------------------------
URL = "https://school.example.org/docs/letter.pdf"


def findings(rule: str, data: bytes, config: dict | None = None, url: str = URL):
    """Findings of one check (by id) on PDF bytes."""
    from webaudit.testing import run_check

    return run_check(rule, data, url=url, config=config)[0]


def all_pdf_findings(data: bytes, config: dict | None = None, url: str = URL):
    """Findings of every pdf-* check on PDF bytes, sharing one parse (checks of other families that
    also read PDFs, such as link-broken, are left out)."""
    from webaudit.config import Config, from_mapping
    from webaudit.parse import make_resource
    from webaudit.registry import all_checks
    from webaudit.run import check_resource

    checks = [c for c in all_checks().values() if c.id.startswith("pdf-")]
    return check_resource(make_resource(url, data), checks, from_mapping(config) if config else Config())
