"""Answers kept from page to page. A check asks the same questions of page after page (a site's footer
links, its link texts), so each answer is worked out once and then looked up: a dict look-up, cheaper
than a call through functools.lru_cache on a hot path. The answers must depend on the key alone."""
from __future__ import annotations

from typing import Any, Callable


class Memo(dict):
    """`memo[key]` is `answer(key)`, worked out the first time it is asked; emptied at `bound` entries."""

    def __init__(self, answer: Callable[[Any], Any], bound: int = 4096):
        super().__init__()
        self.answer = answer
        self.bound = bound

    def __missing__(self, key):
        if len(self) >= self.bound:
            self.clear()
        value = self[key] = self.answer(key)
        return value
