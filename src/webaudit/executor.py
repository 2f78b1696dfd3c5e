"""Where CPU-bound work runs. The interface is one method: `map(fn, items)` yields results in order.

The local executor runs in this process or in a process pool using every core; a distributed
engine can stand behind the same interface (see the scale-out issue).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...
    def close(self) -> None: ...


class SerialExecutor:
    def map(self, fn, items):
        return map(fn, items)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A pool of worker processes; `initializer(*initargs)` runs once in each worker."""

    def __init__(self, jobs: int | None = None, initializer=None, initargs=()):
        self.jobs = jobs or os.cpu_count() or 1
        ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
        self._pool = ctx.Pool(self.jobs, initializer=initializer, initargs=initargs)

    def map(self, fn, items):
        return self._pool.imap(fn, items, chunksize=4)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1
