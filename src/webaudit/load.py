"""Targets -> bytes. The only place `check` touches files, stdin and the network.

A target is a file, a folder (every .html/.htm/.pdf inside, recursively), an http(s) URL,
or "-" for stdin. Each yields Loaded(url, body, headers), or a LoadError saying why not.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from . import __version__

USER_AGENT = f"webaudit/{__version__} (+accessibility checker for school districts)"
MAX_BYTES = 64 * 1024 * 1024  # a page bigger than this is refused with a clear message
TIMEOUT = (10, 30)  # connect, read (seconds)
FOLDER_SUFFIXES = (".html", ".htm", ".pdf")


@dataclass(frozen=True)
class Loaded:
    url: str
    body: bytes
    headers: dict = field(default_factory=dict)
    target: str = ""  # what the user typed, for messages
    via: dict = field(default_factory=dict)  # for a followed resource: how the page referenced it


@dataclass(frozen=True)
class LoadError:
    target: str
    reason: str
    url: str = ""


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def expand(targets: list[str]) -> Iterator[str | LoadError]:
    """Folders become their documents (sorted, recursively); everything else passes through."""
    for t in targets:
        if t == "-" or "://" in t:
            yield t
            continue
        p = Path(t)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(FOLDER_SUFFIXES):
                        found = True
                        yield str(Path(root) / name)
            if not found:
                yield LoadError(t, "folder holds no .html, .htm or .pdf files")
        else:
            yield t


_session = None


def session():
    """One pooled keep-alive requests.Session per process (requests is loaded on first use)."""
    global _session
    if _session is None:
        import requests

        _session = requests.Session()
        _session.headers["User-Agent"] = USER_AGENT
        _session.max_redirects = 10
    return _session


def load(target: str, *, base_url: str | None = None, stdin: bytes | None = None) -> Loaded | LoadError:
    """Read one target: "-" (stdin), an http(s) URL, a file:// URL or a path."""
    if target == "-":
        data = stdin if stdin is not None else sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return LoadError("-", f"standard input is larger than {MAX_BYTES // 2**20} MB")
        return Loaded(base_url or "stdin:", data, {}, "-")
    scheme = urlsplit(target).scheme.lower()
    if scheme in ("http", "https"):
        return fetch(target)
    if scheme == "file":
        from urllib.request import url2pathname

        target_path = Path(url2pathname(urlsplit(target).path))
    elif "://" in target:
        return LoadError(target, f"unsupported URL scheme {scheme!r} (use http, https or a file path)")
    else:
        target_path = Path(target)
    try:
        size = target_path.stat().st_size
        if target_path.is_dir():
            return LoadError(target, "is a folder")
        if size > MAX_BYTES:
            return LoadError(target, f"is {size // 2**20} MB, larger than the {MAX_BYTES // 2**20} MB limit")
        return Loaded(file_url(target_path), target_path.read_bytes(), {}, target)
    except FileNotFoundError:
        return LoadError(target, "no such file")
    except PermissionError:
        return LoadError(target, "permission denied")
    except OSError as e:
        return LoadError(target, e.strerror or str(e))


def fetch(url: str) -> Loaded | LoadError:
    import requests

    try:
        with session().get(url, timeout=TIMEOUT, stream=True) as r:
            if r.status_code >= 400:
                return LoadError(url, f"HTTP {r.status_code} {r.reason}", url)
            declared = r.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                return LoadError(url, f"response is {int(declared) // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit", url)
            chunks, size = [], 0
            for chunk in r.iter_content(65536):
                size += len(chunk)
                if size > MAX_BYTES:
                    return LoadError(url, f"response is over the {MAX_BYTES // 2**20} MB limit", url)
                chunks.append(chunk)
            return Loaded(r.url, b"".join(chunks), dict(r.headers), url)
    except requests.exceptions.TooManyRedirects:
        return LoadError(url, "too many redirects (a redirect loop?)", url)
    except requests.exceptions.Timeout:
        return LoadError(url, f"timed out (connect {TIMEOUT[0]} s, read {TIMEOUT[1]} s)", url)
    except requests.exceptions.ConnectionError as e:
        return LoadError(url, f"cannot connect ({_short(e)})", url)
    except requests.exceptions.RequestException as e:
        return LoadError(url, _short(e), url)


def _short(e: Exception) -> str:
    s = str(e)
    if "Name or service not known" in s or "nodename nor servname" in s or "NameResolutionError" in s:
        return "host name not found"
    if "Connection refused" in s:
        return "connection refused"
    return s.split(": ", 1)[-1][:200]
