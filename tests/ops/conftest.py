"""Helpers for the operations tests: Prometheus text parsing, a service with REST, and free ports."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from tests.conftest import start_service


def scrape(url: str) -> dict[tuple, float]:
    """{(sample name, (sorted label items)): value} from a /metrics URL."""
    from prometheus_client.parser import text_string_to_metric_families

    r = httpx.get(url, timeout=30)
    assert r.status_code == 200, r.text
    out: dict[tuple, float] = {}
    for fam in text_string_to_metric_families(r.text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(samples: dict, name: str, **labels) -> float:
    """The sum of the samples called `name` whose labels include `labels`."""
    want = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and want <= set(ls))


@pytest.fixture
def rest_server(database_url, tmp_path):
    wh = tmp_path / "warehouse"
    wh.mkdir()
    rt = start_service(database_url, wh, http_port=0)
    try:
        yield rt
    finally:
        rt.stop()


def wait_for(pred, timeout: float = 30.0, interval: float = 0.05, what: str = "condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def wait_port(port: int, proc=None, timeout: float = 90.0) -> None:
    def up():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"process exited early: {proc.stderr.read().decode()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_for(up, timeout, 0.2, f"port {port}")


def start(database_url: str, warehouse, **overrides):
    """tests.conftest.start_service, but any setting (workers, pool_size, …) may be overridden."""
    from catalog.app import Runtime, Settings

    kw = dict(
        database_url=database_url,
        thrift_port=0,
        warehouse="file:" + str(warehouse),
        migrate=False,
        workers=64,
        pool_size=8,
    )
    kw.update(overrides)
    return Runtime(Settings(**kw)).start()
