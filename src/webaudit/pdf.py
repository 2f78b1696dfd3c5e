"""Reading a PDF once for every PDF check: open it under bounds, or say in one sentence why not.

`document(resource, config)` opens the PDF in `resource.body` with pypdf (once: the result is kept in
`resource.cache`) and returns a `PdfDocument`, or None when it cannot be opened; `open_pdf()` returns
the `CannotOpen` reason instead of None (the pdf-unreadable check reports it). The analyses that
several checks share live beside this module and keep their results on the document:

- pdf_metadata: title, language, XMP (parsed without resolving entities);
- pdf_structure: the structure tree (tags), with /RoleMap resolved and tag paths;
- pdf_content: what each page draws (images and where, visible and invisible text);
- pdf_forms: AcroForm fields and pages that look like paper forms;
- pdf_ocr: rasterising a page and running Tesseract on it.

Bounds (config options, declared by pdf-unreadable): `pdf_time_limit` seconds of work per document,
OCR included; `pdf_max_pages` pages inspected; `pdf_max_image_pixels` pixels decoded or rendered for
one page (what bounds memory). Work stops at a bound, the reason is recorded in
`PdfDocument.problems`, and pdf-unreadable reports it as "could not fully check".
"""
from __future__ import annotations

import io
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from .pdf_structure import StructTree

# pypdf is imported where it is used (this module is imported with the checks; most runs read no PDF)
IndirectObject: Any = None  # pypdf.generic.IndirectObject, once _indirect_object() has loaded it

TIME_LIMIT = 30.0  # seconds of work per document, OCR included
MAX_PAGES = 500  # pages inspected per document
MAX_IMAGE_PIXELS = 40_000_000  # pixels decoded or rendered for one page (bounds memory)

_CACHE_KEY = "pdf"
_PYPDF_LOG = logging.getLogger("pypdf")
# pypdf logs what it repairs in damaged files; we report it our way, so keep it off stderr.
_PYPDF_LOG.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Bounds:
    time_limit: float = TIME_LIMIT
    max_pages: int = MAX_PAGES
    max_image_pixels: int = MAX_IMAGE_PIXELS

    @classmethod
    def from_config(cls, config) -> "Bounds":
        return cls(
            time_limit=float(config.get("pdf_time_limit", TIME_LIMIT)),
            max_pages=int(config.get("pdf_max_pages", MAX_PAGES)),
            max_image_pixels=int(config.get("pdf_max_image_pixels", MAX_IMAGE_PIXELS)),
        )


@dataclass(frozen=True)
class CannotOpen:
    """Why a PDF cannot be opened at all, said for a person."""

    reason: str
    needs_password: bool = False


@dataclass
class PdfDocument:
    """An opened PDF: the pypdf reader, its bounds, and what the shared analyses found out."""

    reader: PdfReader
    url: str
    body: bytes
    bounds: Bounds
    page_count: int
    encryption: dict | None = None  # {"revision": R, "permissions": P} of an encrypted document
    problems: list[str] = field(default_factory=list)  # why it could not be fully checked
    cache: dict = field(default_factory=dict)  # results of the analyses in the pdf_* modules
    started: float = field(default_factory=time.monotonic)

    @property
    def catalog(self):
        return self.reader.root_object

    @property
    def pages_to_check(self) -> range:
        """1-based numbers of the pages within the bound."""
        return range(1, min(self.page_count, self.bounds.max_pages) + 1)

    def page(self, number: int):
        return self.reader.pages[number - 1]

    def page_url(self, number: int | None) -> str:
        return f"{self.url}#page={number}" if number else self.url

    @cached_property
    def page_numbers(self) -> dict[int, int]:
        """Object number of each page -> its 1-based page number (for /Pg and /P references)."""
        out = {}
        for i, page in enumerate(self.reader.pages, 1):
            ref = page.indirect_reference
            if ref is not None:
                out[ref.idnum] = i
        return out

    def page_number_of(self, ref: Any) -> int | None:
        return self.page_numbers.get(ref.idnum) if isinstance(ref, IndirectObject or _indirect_object()) else None

    # -- bounds ----------------------------------------------------------------------------------
    def seconds_left(self) -> float:
        return self.bounds.time_limit - (time.monotonic() - self.started)

    def out_of_time(self, doing: str) -> bool:
        """True once the time bound is spent; records the first thing it stopped."""
        if self.seconds_left() > 0:
            return False
        said = f"the time limit of {self.bounds.time_limit:g} s (pdf_time_limit) was reached"
        if not any(p.startswith(said) for p in self.problems):
            self.note(f"{said} while {doing}")
        return True

    def note(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    @property
    def blocks_accessibility(self) -> bool:
        """Do the encryption permissions forbid extracting content for assistive technology?"""
        if not self.encryption:
            return False
        from pypdf.constants import UserAccessPermissions as Perm

        p, r = self.encryption["permissions"], self.encryption["revision"]
        needed = Perm.EXTRACT_TEXT_AND_GRAPHICS if r >= 3 else Perm.EXTRACT
        return not p & needed


def document(resource, config) -> PdfDocument | None:
    """The shared, opened PDF, or None when it cannot be opened (pdf-unreadable says why)."""
    doc = open_pdf(resource, config)
    return doc if isinstance(doc, PdfDocument) else None


def tagged(resource, config) -> tuple[PdfDocument, StructTree] | None:
    """The opened PDF and its structure tree, or None when it cannot be opened or has no tags
    (pdf-unreadable and pdf-tagged say so): where every check of the tags starts."""
    doc = document(resource, config)
    if doc is None:
        return None
    from .pdf_structure import structure  # (pypdf: loaded when a PDF is checked)

    tree = structure(doc)
    return None if tree is None else (doc, tree)


def open_pdf(resource, config) -> PdfDocument | CannotOpen:
    """Open the resource's PDF once; later calls (from other checks) get the same object."""
    doc = resource.cache.get(_CACHE_KEY)
    if doc is None:
        doc = resource.cache[_CACHE_KEY] = _open(resource.body, resource.url, Bounds.from_config(config))
    return doc


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def pypdf_warnings() -> Iterator[list[str]]:
    """Collect what pypdf repairs or skips while reading (it logs it rather than raising)."""
    log = _Collect()
    _PYPDF_LOG.addHandler(log)
    try:
        yield log.messages
    finally:
        _PYPDF_LOG.removeHandler(log)


def _open(body: bytes, url: str, bounds: Bounds) -> PdfDocument | CannotOpen:
    if not body:
        return CannotOpen("the file is empty (0 bytes)")
    if b"%PDF-" not in body[:1024]:
        return CannotOpen("the file is not a PDF (no %PDF- header)")
    with pypdf_warnings() as warned:
        return _read(body, url, bounds, warned)


def _read(body: bytes, url: str, bounds: Bounds, warned: list[str]) -> PdfDocument | CannotOpen:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        encryption = None
        if reader.is_encrypted:
            if not reader.decrypt(""):  # PasswordType.NOT_DECRYPTED is 0
                return CannotOpen("it is encrypted and needs a password to open, so it could not be checked",
                                  needs_password=True)
            enc = reader.trailer["/Encrypt"]
            encryption = {"revision": int(enc.get("/R", 2)), "permissions": int(enc.get("/P", -1))}
        count = len(reader.pages)
        reader.root_object  # noqa: B018 - fail here, not in a check, when the catalog is broken
    except DependencyError as e:
        return CannotOpen(f"it is encrypted in a way this installation cannot decrypt ({e})")
    except NotImplementedError as e:  # pypdf opens only the password (/Standard) security handler
        if "encryption" not in str(e).lower():
            return CannotOpen(_damage(e, warned))
        return CannotOpen("it is encrypted for named recipients (certificate security, such as Adobe.PubSec: "
                          "only the holders of the certificates it was made for can open it), so it could not "
                          "be checked", needs_password=True)
    except RecursionError:
        return CannotOpen("its objects are nested too deeply to read (a damaged or hostile file)")
    except MemoryError:
        return CannotOpen("reading it needs more memory than allowed")
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        return CannotOpen(_damage(e, warned))
    if count == 0:
        return CannotOpen("it has no pages (damaged page tree)")
    doc = PdfDocument(reader, url, body, bounds, count, encryption)
    if count > bounds.max_pages:
        doc.note(f"only the first {bounds.max_pages} of its {count} pages were checked (pdf_max_pages)")
    return doc


def _damage(e: Exception, log: list[str]) -> str:
    from pypdf.errors import PdfReadError

    said = " ".join(log).lower()
    if "eof marker" in said or "stream has ended unexpectedly" in str(e).lower():
        return "it is truncated or damaged (no end-of-file marker; it may not have finished uploading)"
    if isinstance(e, PdfReadError):
        return f"it is damaged and cannot be read ({e})"
    return f"it is damaged and cannot be read ({type(e).__name__}: {e})"


def safely(doc: PdfDocument, what: str, fn, *args, default=None):
    """fn(*args), or `default` when the file is too damaged for it: pypdf parses objects lazily, so a
    damaged object raises only when a check reaches it. The reason goes to doc.problems."""
    try:
        return fn(*args)
    except RecursionError:
        doc.note(f"{what} is nested too deeply to read")
    except Exception as e:  # noqa: BLE001 - any pypdf error on a damaged object
        doc.note(f"{what} is damaged and could not be read ({type(e).__name__}: {str(e)[:100]})")
    return default


def integer(value: Any, default: int = 0) -> int:
    """A PDF number as int; `default` for anything else (null, a name, a damaged value)."""
    try:
        return int(resolve(value))
    except (TypeError, ValueError):
        return default


def text(value: Any) -> str | None:
    """A PDF text string (or name) as str; None when absent or not text."""
    if value is None:
        return None
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if isinstance(value, str) else None


def resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject or _indirect_object()) else value


def _indirect_object() -> type:
    global IndirectObject
    from pypdf.generic import IndirectObject

    return IndirectObject


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    out, run = [], []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def pages_phrase(numbers: list[int]) -> str:
    """"page 3" or "pages 1-3, 5"."""
    return ("page " if len(set(numbers)) == 1 else "pages ") + page_ranges(numbers)
