"""Reporters: one module per output format, each consuming the stream of per-target results.

A reporter is a class taking (out, color) with three methods: `start()`, `target(result)` for each
checked target as it completes, and `end(summary)`. Nothing is held beyond one target's findings.
"""
from __future__ import annotations

import importlib

# format name -> module in this package; the module defines `Reporter`
FORMATS = {
    "text": "text",
    "json": "json",
    "csv": "csv",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
}


def reporter(fmt: str, out, color: bool = False):
    try:
        mod = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return mod.Reporter(out, color=color)
