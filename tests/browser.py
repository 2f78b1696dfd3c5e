"""Real headless Chromium (Debian's `chromium`) for the report tests: load a file, get the DOM as it
stands after load (and a second of timers), optionally with a screenshot."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import lxml.html
import pytest

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup)")


def chromium(tmp_path: Path, target: Path, *extra: str) -> lxml.html.HtmlElement:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / ('chromium-' + uuid.uuid4().hex)}", "--virtual-time-budget=1000",
           *extra, "--dump-dom", target.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return lxml.html.document_fromstring(done.stdout)
