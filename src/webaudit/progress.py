"""A one-line progress display for a terminal: rewritten in place, at most a few times a second.

Quiet when the stream is not a terminal or when running in CI (the CI variable is set), so logs and
pipes get only the end summary.
"""
from __future__ import annotations

import os
import shutil
import time
from typing import TextIO


def wanted(stream: TextIO) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, stream: TextIO, enabled: bool, interval: float = 0.25):
        self.stream = stream
        self.enabled = enabled
        self.interval = interval
        self._last = 0.0
        self._shown = False

    def show(self, text: str, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            width = shutil.get_terminal_size((80, 24)).columns - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._shown = False
