"""webaudit: accessibility and district-policy checks for school websites.

The stable Python API (for a CMS pre-publish hook, a script, or a test):

    import webaudit
    findings = webaudit.check_html("<html>...</html>", url="https://school.example.org/news/")
    findings = webaudit.check_file("handbook.pdf")
    findings = webaudit.check_url("https://school.example.org/")
    blocking = [f for f in findings if f.severity >= webaudit.Severity.ERROR]

Each returns the findings as a list of `Finding` (frozen dataclasses; `f.to_dict()` for JSON). A
document that cannot be read (binary junk, a missing file, an HTTP error) gives one ERROR finding
with rule "unreadable" rather than an exception. `config` defaults to the built-in settings; pass
`webaudit.config.load("webaudit.toml")` (or `Config(select=("img-alt",))`) for the district's own.
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path as _Path
from typing import Mapping as _Mapping

from .config import Config
from .model import Finding, Severity


def check_bytes(body: bytes, url: str = "about:blank", config: Config | None = None,
                headers: _Mapping[str, str] | None = None) -> list[Finding]:
    """Check a document given as bytes (HTML, PDF, media): its kind is sniffed from the content.

    `url` is where it is (or will be) published; `headers` are HTTP response headers, of which
    Content-Type (with its charset) is used."""
    from .load import Loaded
    from .run import check_loaded, selected_checks

    config = config or Config()
    loaded = Loaded(url, body, dict(headers or {}), url)
    return check_loaded(loaded, selected_checks(config), config, with_refs=False).findings


def check_html(html: str | bytes, url: str | None = None, config: Config | None = None) -> list[Finding]:
    """Check one HTML document; `url` is where it will be published (for relative links and scope).

    Bytes are decoded as a browser would (BOM, <meta charset>, detection); a str is taken as is."""
    body = html.encode("utf-8", "replace") if isinstance(html, str) else html
    headers = {"Content-Type": "text/html; charset=utf-8"} if isinstance(html, str) else {}
    return check_bytes(body, url or "about:blank", config, headers)


def check_file(path: str | _Path, config: Config | None = None) -> list[Finding]:
    """Check one local file (HTML, PDF or media); a missing or unreadable file gives an "unreadable" finding."""
    from .run import check_target, selected_checks

    config = config or Config()
    return check_target(str(path), selected_checks(config), config).findings


def check_url(url: str, config: Config | None = None) -> list[Finding]:
    """Fetch and check one http(s) URL (with timeouts and a size limit; redirects are followed).

    It fetches whatever it is given: pass only URLs you trust, never one a visitor typed (the HTTP
    service's URL checking guards against that; see webaudit.service.fetch)."""
    from .run import check_target, selected_checks

    config = config or Config()
    return check_target(url, selected_checks(config), config).findings


__all__ = ["check_html", "check_file", "check_url", "check_bytes", "Config", "Finding", "Severity", "__version__"]
