"""The service's checker pool, in process: parallel jobs, a job that raises, a worker that dies, a job
that overruns. Jobs are tiny chores (sleep, exit, raise) so nothing depends on the checks' speed."""
from __future__ import annotations

import asyncio
import os
import time

import pytest

from webaudit.service.pool import JobFailed, Pool, WorkerLost


def chore(job: tuple[str, object]) -> object:
    kind, value = job
    if kind == "sleep":
        time.sleep(value)
    elif kind == "exit":
        os._exit(value)  # a worker that dies, as on a segfault
    elif kind == "raise":
        raise ValueError(value)
    return os.getpid()


async def call(pool: Pool, job) -> object:
    async with pool.worker() as worker:
        return await worker.call(job)


async def until_idle(pool: Pool, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while (pool.alive < pool.size or pool._idle.qsize() < pool.size) and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert pool.alive == pool.size


def run(test):
    async def main():
        pool = Pool(2, chore, preload=[__name__])  # the fork server imports this module once
        await pool.start()
        try:
            await test(pool)
        finally:
            await pool.close()
        assert pool.alive == 0

    asyncio.run(main())


def test_jobs_run_in_parallel_on_separate_processes():
    async def test(pool):
        started = time.monotonic()
        pids = await asyncio.gather(call(pool, ("sleep", 0.4)), call(pool, ("sleep", 0.4)))
        assert len(set(pids)) == 2 and os.getpid() not in pids
        assert time.monotonic() - started < 0.75  # two at once, not one after the other

    run(test)


def test_a_job_that_raises_keeps_its_worker():
    async def test(pool):
        pids = {await call(pool, ("ok", None)) for _ in range(4)}
        with pytest.raises(JobFailed, match="ValueError: bad page"):
            await call(pool, ("raise", "bad page"))
        assert {await call(pool, ("ok", None)) for _ in range(4)} == pids

    run(test)


def test_a_worker_that_dies_is_replaced():
    async def test(pool):
        before = {await call(pool, ("ok", None)) for _ in range(4)}
        with pytest.raises(WorkerLost):
            await call(pool, ("exit", 3))
        await until_idle(pool)
        after = {await call(pool, ("ok", None)) for _ in range(4)}
        assert len(after) == 2 and len(after & before) == 1

    run(test)


def test_an_overrunning_job_is_killed_and_replaced():
    async def test(pool):
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.2):
                await call(pool, ("sleep", 30))
        assert time.monotonic() - started < 2
        await until_idle(pool)
        assert len({await call(pool, ("ok", None)) for _ in range(4)}) == 2

    run(test)
