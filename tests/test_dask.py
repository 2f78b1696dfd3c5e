"""The crawl on a real Dask cluster (a LocalCluster of two worker processes on 127.0.0.1) finds what the
local executor finds, and still does when a worker process dies in the middle of a task."""
from __future__ import annotations

import functools
import os
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from crawlsite import Page, Server, Site, district_site, html_page  # noqa: E402
from webaudit.checking import local_executor  # noqa: E402
from webaudit.config import from_mapping  # noqa: E402
from webaudit.crawl import Crawler  # noqa: E402
from webaudit.dask_executor import DaskExecutor, dask_executor  # noqa: E402
from webaudit.politeness import Settings  # noqa: E402
from webaudit.run import selected_checks  # noqa: E402
from webaudit.store import Store  # noqa: E402

# the functions below travel to the workers by value (the workers do not import this test module)
cloudpickle.register_pickle_by_value(sys.modules[__name__])

CRAWL = {"max_per_pattern": 20, "timeout": 0.5, "retries": 1, "backoff": 0.05, "max_bytes": 2**20, "threads": 8}


@pytest.fixture(scope="module")
def config():
    return from_mapping({"crawl": CRAWL})


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def district():
    external = Site()
    external.pages["/ok"] = Page(html_page("Partner", "<p>Partner.</p>"))
    with Server(external) as ext, Server(district_site(ext.base)) as server:
        yield server


def crawl(base: str, db: Path, config, executor) -> tuple[int, Counter, dict]:
    """One crawl into db: its run id, its findings (path, rule, fingerprint) and resources (path -> outcome)."""
    store = Store(db)
    try:
        outcome = Crawler([base + "/"], config, Settings.from_config(config), store, executor=executor).run()
        found = Counter((r.url[len(base):], f.rule, f.fingerprint) for r, f in store.findings(outcome.run_id))
        rows = [(r.url[len(base):], r.outcome, r.kind, r.status) for r in store.resources(outcome.run_id)]
    finally:
        store.close()
    paths = [p for p, *_ in rows]
    assert len(paths) == len(set(paths)), "a URL was recorded twice"
    return outcome.run_id, found, {p: rest for p, *rest in rows}


@pytest.fixture(scope="module")
def local(district, config, tmp_path_factory):
    ex = local_executor(selected_checks(config), config, jobs=2)
    try:
        return crawl(district.base, tmp_path_factory.mktemp("local") / "r.sqlite", config, ex)
    finally:
        ex.close()


def test_dask_cluster_finds_what_the_local_executor_finds(local, district, cluster, config, tmp_path):
    _, found, rows = local
    assert sum(found.values()) > 30 and len(rows) > 100  # a real crawl, not an empty one
    ex = dask_executor(cluster, selected_checks(config), config)
    try:
        _, dfound, drows = crawl(district.base, tmp_path / "d.sqlite", config, ex)
        tokens = ex.client.run(_active_token)
    finally:
        ex.close()
    assert drows == rows
    assert dfound == found
    assert ex.token in tokens.values()  # the checks did run on the workers, set up by the plugin


def _active_token():
    from webaudit import dask_executor
    return dask_executor._active


def _die_once(marker_dir: str, after: int, fn, item):
    """fn(item), but the worker process running the `after`-th task exits, once, in the middle of it."""
    Path(marker_dir, uuid.uuid4().hex).touch()
    if sum(1 for _ in Path(marker_dir).iterdir()) >= after:
        try:
            fd = os.open(os.path.join(marker_dir, "..", "died"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.close(fd)
            os._exit(1)
    return fn(item)


class Dying:
    """A DaskExecutor whose tasks kill their worker process once, after `after` resources."""

    def __init__(self, inner: DaskExecutor, marker_dir: Path, after: int):
        self.inner, self.marker_dir, self.after = inner, marker_dir, after

    def map(self, fn, items):
        return self.inner.map(functools.partial(_die_once, str(self.marker_dir), self.after, fn), items)

    def close(self):
        self.inner.close()


def test_a_worker_killed_mid_crawl_loses_nothing(local, district, cluster, config, tmp_path):
    _, found, rows = local
    (tmp_path / "calls").mkdir()
    ex = Dying(dask_executor(cluster, selected_checks(config), config), tmp_path / "calls", after=40)
    try:
        before = set(ex.inner.client.nthreads())
        _, dfound, drows = crawl(district.base, tmp_path / "d.sqlite", config, ex)
    finally:
        ex.close()
    assert (tmp_path / "died").exists()  # a worker did die mid-crawl, with a task in hand
    assert len(before) == 2
    assert drows == rows
    assert dfound == found


def test_map_keeps_order_and_raises_per_item(cluster):
    ex = DaskExecutor(cluster, max_chunk=3)
    try:
        assert list(ex.map(abs, range(-20, 0))) == list(range(20, 0, -1))
        results = ex.map(_inverse, [1, 0, 2, 4])
        assert next(results) == 1.0
        with pytest.raises(ZeroDivisionError):
            next(results)
        assert list(results) == [0.5, 0.25]
    finally:
        ex.close()


def _inverse(x):
    return 1 / x


def test_cli_crawls_with_scheduler(local, district, cluster, tmp_path):
    from click.testing import CliRunner
    from webaudit.cli import main

    db = tmp_path / "cli.sqlite"
    config = tmp_path / "webaudit.toml"
    config.write_text("[crawl]\n" + "".join(f"{k} = {v!r}\n" for k, v in CRAWL.items()))
    result = CliRunner().invoke(main, ["crawl", district.base + "/", "--db", str(db), "--config", str(config),
                                       "--scheduler", cluster.scheduler_address, "--no-progress"])
    assert result.exit_code in (0, 1), result.output
    assert "Crawled run" in result.output
    store = Store(db)
    try:
        found = Counter((r.url[len(district.base):], f.rule, f.fingerprint) for r, f in store.findings(1))
    finally:
        store.close()
    assert found == local[1]
