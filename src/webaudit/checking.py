"""How the crawl hands fetched resources to the checks: through the executor, a batch at a time.

Work items are plain picklable tuples `(url, body, headers, via)` and come back as TargetResults, so
any executor with `map(fn, items)` can stand behind it (the local process pool today; Dask later).

`Batcher.check(item)` is called by the crawl's fetch threads, each waiting for its own result. A
dispatcher thread sends what is waiting as one `executor.map` call whenever one of `slots` batch
slots is free: under load the batches grow, when idle a page goes alone and at once. The pool's cost
per call (pickling, its bookkeeping threads) is then paid per batch rather than per page.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Callable, Iterator

from .config import Config
from .executor import Executor, ProcessExecutor, SerialExecutor, cores
from .load import Loaded
from .registry import Check
from .run import FOLLOWABLE, TargetResult, check_loaded, init_worker, worker

FOLLOW = frozenset(FOLLOWABLE)  # a crawled page reports the documents and media it uses, with how it uses them

# -- in worker processes (set up by run.init_worker) ----------------------------------------------------
def check_item(item: tuple[str, bytes, dict, dict]) -> TargetResult:
    url, body, headers, via = item
    checks, config = worker()
    return check_loaded(Loaded(url, body, headers, url, via), checks, config, FOLLOW)


def local_executor(checks: list[Check], config: Config, jobs: int | None = None) -> Executor:
    """Worker processes on every core, started when the first resource needs checking (a re-crawl
    where nothing changed starts none); with jobs=1, checks in this process's threads."""
    ids = tuple(c.id for c in checks)
    jobs = jobs or cores()
    if jobs <= 1:
        init_worker(ids, config)
        return SerialExecutor()
    return OnDemand(lambda: ProcessExecutor(jobs, initializer=init_worker, initargs=(ids, config, True)))


class OnDemand:
    """An executor made on first use."""

    def __init__(self, make: Callable[[], Executor]):
        self._make = make
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    def map(self, fn, items):
        with self._lock:
            if self._executor is None:
                self._executor = self._make()
        return self._executor.map(fn, items)

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.close()


# -- in the crawling process ------------------------------------------------------------------------------
class Batcher:
    def __init__(self, executor: Executor, slots: int):
        self.executor = executor
        self.slots = max(1, slots)  # batches in flight at most (about twice the worker processes)
        self._cond = threading.Condition()
        self._waiting: list[tuple[tuple, Future]] = []
        self._in_flight = 0
        self._closed = False
        threading.Thread(target=self._dispatch, name="webaudit-batches", daemon=True).start()

    def check(self, item: tuple[str, bytes, dict, dict]) -> TargetResult:
        """Check one fetched resource; blocks until its result is back (raises what the check raised)."""
        future: Future = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError("the checks have stopped")
            self._waiting.append((item, future))
            self._cond.notify_all()
        return future.result()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            for _, future in self._waiting:
                future.set_exception(RuntimeError("the checks have stopped"))
            self._waiting.clear()
            self._cond.notify_all()

    def _dispatch(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._waiting or self._in_flight >= self.slots):
                    self._cond.wait()
                if self._closed:
                    return
                batch, self._waiting = self._waiting, []
                self._in_flight += 1
            try:
                results = iter(self.executor.map(check_item, [item for item, _ in batch]))
            except Exception as e:  # noqa: BLE001 - an executor that cannot take work fails this batch only
                self._deliver(iter(()), [f for _, f in batch], e)
                continue
            threading.Thread(target=self._deliver, args=(results, [f for _, f in batch]), daemon=True).start()

    def _deliver(self, results: Iterator[TargetResult], futures: list[Future], error: Exception | None = None) -> None:
        for future in futures:
            try:
                if error is not None:
                    raise error
                future.set_result(next(results))
            except Exception as e:  # noqa: BLE001 - handed to the waiting thread, which records it
                if not future.done():
                    future.set_exception(e)
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()
