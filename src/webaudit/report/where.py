"""Where a checked target is, for formats read by tools (SARIF, JUnit, GitHub annotations, CSV).

A local file is named by the path it was checked as (relative when given relative, so that code
scanning can place it in the repository); anything else by its URL.
"""
from __future__ import annotations

from pathlib import PurePath


def is_local(result) -> bool:
    t = result.target
    return bool(t) and t != "-" and "://" not in t


def location(result) -> str:
    return PurePath(result.target).as_posix() if is_local(result) else result.url
