"""webaudit: accessibility and district-policy checks for school websites.

The stable Python API (for a CMS pre-publish hook, a script, or a test):

    import webaudit
    findings = webaudit.check_html("<html>...</html>", url="https://school.example.org/news/")
    findings = webaudit.check_file("handbook.pdf")
    findings = webaudit.check_url("https://school.example.org/")
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path as _Path

from .config import Config
from .model import Finding, Severity


def check_bytes(body: bytes, url: str = "about:blank", config: Config | None = None,
                headers: dict | None = None) -> list[Finding]:
    """Check a document given as bytes (HTML, PDF, media): its kind is sniffed from the content."""
    from .load import Loaded
    from .run import check_loaded, selected_checks

    config = config or Config()
    return check_loaded(Loaded(url, body, headers or {}, url), selected_checks(config), config).findings


def check_html(html: str | bytes, url: str | None = None, config: Config | None = None) -> list[Finding]:
    """Check one HTML document; `url` is where it will be published (for relative links and scope)."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    headers = {"Content-Type": "text/html; charset=utf-8"} if isinstance(html, str) else {}
    return check_bytes(body, url or "about:blank", config, headers)


def check_file(path: str | _Path, config: Config | None = None) -> list[Finding]:
    """Check one local file (HTML, PDF or media)."""
    from .run import check_target, selected_checks

    config = config or Config()
    return check_target(str(path), selected_checks(config), config).findings


def check_url(url: str, config: Config | None = None) -> list[Finding]:
    """Fetch and check one http(s) URL."""
    from .run import check_target, selected_checks

    config = config or Config()
    return check_target(url, selected_checks(config), config).findings


__all__ = ["check_html", "check_file", "check_url", "check_bytes", "Config", "Finding", "Severity", "__version__"]
