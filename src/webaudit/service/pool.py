"""Checker processes for the service: CPU-bound work off the event loop, each worker killable.

A worker is a process that runs one job at a time. The event loop hands it a pickled job over a
socket pair and awaits the pickled answer, so the loop stays free while documents are checked.
A job that overruns its deadline, or a worker that dies under it, costs that worker its life: it is
killed and a fresh one takes its place, so one pathological document can never wedge the pool.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing as mp
import pickle
import signal
import socket
import struct
from typing import Any, AsyncIterator, Callable

log = logging.getLogger("webaudit.service")
_FRAME = struct.Struct("!Q")  # every message: its length, then the pickle
_RESPAWN_DELAY = 1.0  # seconds between attempts when a replacement worker fails to start


class WorkerLost(Exception):
    """The worker died while it ran the job (a crash, or killed for memory)."""


class JobFailed(Exception):
    """The job raised in the worker; the message names the exception."""


class _Worker:
    def __init__(self, process, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.process, self.reader, self.writer = process, reader, writer

    async def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.writelines((_FRAME.pack(len(data)), data))
        await self.writer.drain()

    async def receive(self) -> Any:
        size, = _FRAME.unpack(await self.reader.readexactly(_FRAME.size))
        return pickle.loads(await self.reader.readexactly(size))

    async def call(self, job: Any) -> Any:
        """The job's result; JobFailed if it raised in the worker."""
        await self.send(job)
        status, value = await self.receive()
        if status != "ok":
            raise JobFailed(value)
        return value

    def kill(self) -> None:
        self.writer.close()
        if self.process.is_alive():
            self.process.kill()


class Pool:
    """`size` worker processes that run `func(job)`; `initializer(*initargs)` runs once in each.

    `preload` names modules the fork server imports once, so a replacement worker starts in
    milliseconds instead of re-importing the engine.
    """

    def __init__(self, size: int, func: Callable, initializer: Callable | None = None, initargs: tuple = (),
                 preload: list[str] | None = None):
        self.size = size
        self._func, self._initializer, self._initargs = func, initializer, initargs
        self._ctx = mp.get_context("forkserver")
        if preload:
            self._ctx.set_forkserver_preload(preload)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self._closed = False

    @property
    def alive(self) -> int:
        return sum(1 for w in self._workers if w.process.is_alive())

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    @contextlib.asynccontextmanager
    async def worker(self) -> AsyncIterator[_Worker]:
        """An idle worker, for one `call`; the caller bounds the wait (e.g. with asyncio.timeout).

        A worker that dies under its job becomes WorkerLost; one whose job is abandoned (timed out,
        cancelled) is killed, since its answer would otherwise reach the next caller.
        """
        worker = await self._idle.get()
        try:
            yield worker
        except JobFailed:
            self._idle.put_nowait(worker)
            raise
        except (asyncio.IncompleteReadError, ConnectionError) as e:
            self._replace(worker)
            raise WorkerLost(f"the checker process died ({type(e).__name__})") from None
        except BaseException:
            self._replace(worker)
            raise
        else:
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        self._closed = True
        for t in self._tasks:
            t.cancel()
        workers, self._workers = list(self._workers), set()
        for w in workers:
            w.writer.close()  # the worker sees end-of-file and exits
        await asyncio.gather(*(asyncio.to_thread(_reap, w) for w in workers))

    # -- spawning and replacing --------------------------------------------------------------------
    async def _spawn(self) -> None:
        ours, theirs = socket.socketpair()
        process = self._ctx.Process(target=_work_loop, name="webaudit-checker", daemon=True,
                                    args=(theirs, self._func, self._initializer, self._initargs))
        try:
            await asyncio.to_thread(process.start)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        worker = _Worker(process, reader, writer)
        try:
            await worker.receive()  # "ready", once the initializer has run
        except (asyncio.IncompleteReadError, ConnectionError):
            worker.kill()
            await asyncio.to_thread(_reap, worker)
            raise RuntimeError(f"a checker process failed to start (exit code {process.exitcode})") from None
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._workers.discard(worker)
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._respawn(worker))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _respawn(self, dead: _Worker) -> None:
        await asyncio.to_thread(_reap, dead)
        while not self._closed:
            try:
                await self._spawn()
                return
            except Exception:  # noqa: BLE001 - keep trying: the pool must not shrink for good
                log.exception("webaudit: could not start a replacement checker process; retrying")
                await asyncio.sleep(_RESPAWN_DELAY)


def _reap(worker: _Worker) -> None:
    worker.process.join(2)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()


def _work_loop(sock: socket.socket, func: Callable, initializer: Callable | None, initargs: tuple) -> None:
    """A worker's life: initialize, say ready, then answer jobs until the service closes the socket."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the service's to handle; it closes us
    if initializer is not None:
        initializer(*initargs)
    stream = sock.makefile("rwb")

    def send(message: Any) -> None:
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # noqa: BLE001 - an unpicklable result becomes an error, not a hang
            data = pickle.dumps(("error", f"result cannot be sent back: {type(e).__name__}: {e}"))
        stream.write(_FRAME.pack(len(data)) + data)
        stream.flush()

    send(("ready", None))
    while True:
        head = stream.read(_FRAME.size)
        if len(head) < _FRAME.size:
            return  # end of file: the service closed the pool
        job = pickle.loads(stream.read(_FRAME.unpack(head)[0]))
        try:
            reply = ("ok", func(job))
        except Exception as e:  # noqa: BLE001 - the job's failure is the caller's to report
            reply = ("error", f"{type(e).__name__}: {e}")
        send(reply)
