"""The connection pool is bounded: a call that finds it exhausted waits --pool-timeout, then gets a
MetaException that says so; a statement that runs past --statement-timeout-ms is cancelled."""

from __future__ import annotations

import threading
import time

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.conftest import thrift_client
from tests.ops.conftest import scrape, start, value, wait_for
from tests.ops.integrity import connect, problems


def _lock_default_database(database_url: str):
    """An outside session holding the `default` database row: creates in it wait for the lock."""
    blocker = connect(database_url)
    blocker.autocommit = False
    blocker.execute('SELECT 1 FROM "DBS" WHERE "NAME" = %s FOR UPDATE', ("default",))
    return blocker


def _waiting_backends(database_url: str) -> int:
    with connect(database_url) as c:
        return c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hms-catalog' "
            "AND wait_event_type = 'Lock' AND datname = current_database()"
        ).fetchone()[0]


def test_exhausted_pool_waits_pool_timeout_then_answers_metaexception(database_url, tmp_path):
    rt = start(database_url, tmp_path, pool_size=1, pool_timeout=1.0, http_port=0)  # 1 + 1 overflow
    blocker = _lock_default_database(database_url)
    results: dict[str, object] = {}

    def create(name: str) -> None:
        with thrift_client(rt.thrift.port) as c:
            try:
                c.create_table(f.table("default", name))
                results[name] = "ok"
            except Exception as e:  # noqa: BLE001
                results[name] = e

    try:
        before = scrape(rt.http.url + "/metrics")
        threads = [threading.Thread(target=create, args=(n,)) for n in ("held_a", "held_b")]
        for t in threads:
            t.start()
        wait_for(lambda: _waiting_backends(database_url) == 2, 30, what="both pooled connections busy")
        with thrift_client(rt.thrift.port) as c:
            t0 = time.monotonic()
            with pytest.raises(tt.MetaException, match="connection pool is exhausted"):
                c.get_database("default")
            waited = time.monotonic() - t0
        assert 0.9 <= waited < 5.0, waited
        after = scrape(rt.http.url + "/metrics")
        assert (
            value(after, "catalog_db_pool_timeouts_total", pool="hms-catalog")
            - value(before, "catalog_db_pool_timeouts_total", pool="hms-catalog")
            >= 1
        )
        assert value(after, "catalog_db_pool_checked_out", pool="hms-catalog") >= 2
        assert value(after, "catalog_db_pool_overflow", pool="hms-catalog") >= 1
    finally:
        blocker.rollback()
        blocker.close()
        for t in threads:
            t.join(30)
        rt.stop()
    assert results == {"held_a": "ok", "held_b": "ok"}  # the calls holding the pool finished normally
    assert problems(database_url) == {}


def test_statement_timeout_cancels_slow_statements(database_url, tmp_path):
    rt = start(database_url, tmp_path, statement_timeout_ms=500)
    blocker = _lock_default_database(database_url)
    try:
        with thrift_client(rt.thrift.port) as c:
            t0 = time.monotonic()
            with pytest.raises(tt.MetaException, match="statement timeout"):
                c.create_table(f.table("default", "slow"))
            took = time.monotonic() - t0
            assert 0.4 <= took < 5.0, took
            blocker.rollback()
            c.create_table(f.table("default", "slow"))  # the same connection works on
            assert c.get_table("default", "slow").tableName == "slow"
    finally:
        blocker.close()
        rt.stop()
    assert problems(database_url) == {}
