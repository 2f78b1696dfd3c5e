"""The HTTP service for a CMS pre-publish check (`webaudit serve`; needs the `server` extra).

    settings.py  the [tool.webaudit.serve] table, checked
    app.py       the Starlette app and its routes; serve() runs it on uvicorn
    inputs.py    what POST /v1/check accepts, and the JSON errors for what it does not
    pool.py      the checker processes (CPU-bound work off the event loop, killable on overrun)
    job.py       what a checker process does with one document
    fetch.py     SSRF-safe fetching, for {"url": ...} when configured
    openapi.py   the OpenAPI 3.1 document, as data
"""
from __future__ import annotations

from .app import create_app, serve
from .settings import DEFAULTS, Settings

__all__ = ["create_app", "serve", "Settings", "DEFAULTS"]
