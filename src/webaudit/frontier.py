"""The crawl's queue: breadth-first, one queue per host taken in turn, persisted in the store.

Five methods, like a Scrapy scheduler: `push` a URL (once per run), `pop` the next one from a host
that may be asked now, `requeue` one to try again later, mark one `done`, and `len()` for what is
left. Pushes and `done` write through the store, so call them inside `store.transaction()` together
with the result that produced them: a URL is then either recorded with everything it led to, or
still queued. That is what makes a resumed crawl lose nothing and check nothing twice.
"""
from __future__ import annotations

from collections import OrderedDict, deque
from typing import Callable

from .store import FrontierEntry, Store
from .urls import host_of


class Frontier:
    def __init__(self, store: Store, run_id: int):
        self.store = store
        self.run_id = run_id
        self._queues: OrderedDict[str, deque[FrontierEntry]] = OrderedDict()
        self._queued = 0
        queued, done = store.frontier(run_id)
        self.seen: set[str] = set(done)
        for entry in queued:
            self.seen.add(entry.url)
            self._append(entry)
        self.done_count = len(done)

    def push(self, entry: FrontierEntry) -> bool:
        """Queue a URL not seen in this run yet; False when it was."""
        if entry.url in self.seen:
            return False
        self.seen.add(entry.url)
        self.store.frontier_add(self.run_id, [entry])
        self._append(entry)
        return True

    def pop(self, ready: Callable[[str], bool]) -> FrontierEntry | None:
        """The next URL of the first host (in turn) for which `ready(host)` says yes, or None."""
        for host in list(self._queues):
            queue = self._queues[host]
            if ready(host):
                entry = queue.popleft()
                self._queued -= 1
                del self._queues[host]
                if queue:  # the host goes to the back of the line
                    self._queues[host] = queue
                return entry
        return None

    def requeue(self, entry: FrontierEntry) -> None:
        """Back in the queue (a retry): still queued in the store, so nothing is written."""
        self._append(entry)

    def done(self, url: str) -> None:
        self.store.frontier_done(self.run_id, url)
        self.done_count += 1

    def __len__(self) -> int:
        return self._queued

    def _append(self, entry: FrontierEntry) -> None:
        self._queues.setdefault(host_of(entry.url), deque()).append(entry)
        self._queued += 1
