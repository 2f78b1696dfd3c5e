"""The executor interface (`map(fn, items)` / `close()`) on a Dask distributed cluster.

    webaudit crawl https://www.district.example/ --scheduler tcp://scheduler:8786

The crawl keeps everything that must happen in one place: the frontier, robots.txt and per-host
politeness (one HostGate for the whole cluster), conditional GETs and the store. It fetches as it
does locally and sends each fetched resource, a picklable `(url, body, headers, via)` tuple, to the
cluster to be checked; a TargetResult comes back. Checking (parsing, every check, OCR of scanned PDFs)
is the CPU cost that outgrows one machine; fetching a district politely is not.

A task is a pure function of its input, so a worker that dies mid-task loses nothing: the scheduler
runs the task again on another worker (a task that raises is retried `retries` times too), and the
crawl records each URL once, when its result is back.

Workers load the selected checks through the registry once per process: the executor registers a
WorkerPlugin that hands `initializer(*initargs)` (the crawl's `init_worker(check_ids, config)`) to
every worker, present and future (a restarted worker gets it too); the first task in a process runs
it. Workers need only `pip install webaudit[dask]` (plus any check plugins the crawl selects).
"""
from __future__ import annotations

import hashlib
import pickle
import threading
import time
from typing import Any, Callable, Iterable, Iterator

from distributed import Client, WorkerPlugin

RETRIES = 3  # a task that raises is run again up to this many times (a killed worker's tasks are rescheduled anyway)
MAX_CHUNK = 16  # resources per task at most: one task per resource when idle, a few per task under load


# -- in worker processes --------------------------------------------------------------------------------
_inits: dict[str, tuple[Callable, tuple]] = {}  # token -> (initializer, initargs), put there by the plugin
_active: str | None = None  # the token whose initializer ran last in this process
_lock = threading.Lock()


class _Init(WorkerPlugin):
    """Carries the crawl's initializer to each worker process; it runs on the first task there."""

    def __init__(self, token: str, initializer: Callable, initargs: tuple):
        self.token, self.initializer, self.initargs = token, initializer, initargs

    def setup(self, worker) -> None:
        _inits[self.token] = (self.initializer, self.initargs)


def _ensure(token: str | None) -> None:
    global _active
    if token is None or _active == token:
        return
    with _lock:
        if _active != token:
            if token not in _inits:
                raise RuntimeError("this Dask worker has not received webaudit's setup (plugin missing)")
            initializer, initargs = _inits[token]
            initializer(*initargs)
            _active = token


def _run_chunk(chunk: list, fn: Callable, token: str | None) -> list:
    _ensure(token)
    return [fn(item) for item in chunk]


# -- in the client ----------------------------------------------------------------------------------------
class DaskExecutor:
    """`map(fn, items)` as Dask tasks on the cluster at `address_or_cluster` (a scheduler address such
    as "tcp://host:8786", or a Cluster object such as a LocalCluster). `initializer(*initargs)` runs
    once in each worker process before its first task, like a process pool's initializer."""

    def __init__(self, address_or_cluster: Any, initializer: Callable | None = None, initargs: tuple = (), *,
                 retries: int = RETRIES, max_chunk: int = MAX_CHUNK, timeout: float = 30.0):
        self.client = Client(address_or_cluster, timeout=timeout, set_as_default=False)
        self.retries = retries
        self.max_chunk = max(1, max_chunk)
        self.token: str | None = None
        if initializer is not None:
            self.token = hashlib.sha256(pickle.dumps((initializer, initargs))).hexdigest()[:16]
            self.client.register_plugin(_Init(self.token, initializer, initargs), name=f"webaudit-{self.token}")
        self._threads, self._asked = 0, 0.0

    def nthreads(self) -> int:
        """Worker threads in the cluster now (asked of the scheduler at most once a second)."""
        if time.monotonic() - self._asked > 1.0:
            self._threads = sum(self.client.nthreads().values())
            self._asked = time.monotonic()
        return max(1, self._threads)

    def map(self, fn: Callable, items: Iterable) -> Iterator:
        """Results in the order of `items`; an item whose task failed raises its error when reached, and
        the following items still come."""
        items = list(items)
        if not items:
            return iter(())
        size = max(1, min(self.max_chunk, -(-len(items) // (2 * self.nthreads()))))
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        futures = self.client.map(_run_chunk, chunks, fn=fn, token=self.token, retries=self.retries, pure=False)
        return _Results(futures, [len(c) for c in chunks])

    def close(self) -> None:
        """Disconnect (a cluster object passed in is left running: its owner closes it)."""
        try:
            if self.token is not None:  # new workers need not get this crawl's setup any more
                self.client.unregister_worker_plugin(f"webaudit-{self.token}")
        except Exception:  # noqa: BLE001 - a scheduler that has gone away: nothing to tidy
            pass
        self.client.close()


class _Results:
    def __init__(self, futures: list, sizes: list[int]):
        self._pending = list(zip(futures, sizes))
        self._chunk: list = []
        self._error: BaseException | None = None
        self._left = 0

    def __iter__(self):
        return self

    def __next__(self):
        if not self._left:
            if not self._pending:
                raise StopIteration
            future, self._left = self._pending.pop(0)
            try:
                self._chunk, self._error = list(future.result()), None
            except Exception as e:  # noqa: BLE001 - every item of the chunk gets it
                self._chunk, self._error = [], e
            future.release()
        self._left -= 1
        if self._error is not None:
            raise self._error
        return self._chunk.pop(0)


def dask_executor(address_or_cluster: Any, checks, config) -> DaskExecutor:
    """The crawl's checking on a Dask cluster: workers resolve `checks` by id through the registry."""
    from .checking import init_worker

    return DaskExecutor(address_or_cluster, init_worker, (tuple(c.id for c in checks), config))
