"""SIGTERM: `catalog serve` stops accepting, lets in-flight calls finish within --shutdown-timeout,
closes idle connections and its connection pool, and exits 0; a call past the deadline is cut off
and its transaction rolled back."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from thrift.transport.TTransport import TTransportException

from catalog.embedded_pg import free_port
from tests import factories as f
from tests.conftest import thrift_client
from tests.ops.conftest import wait_for, wait_port
from tests.ops.integrity import connect, problems, scalar


def _serve(database_url: str, tmp_path, *extra: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "catalog.cli",
            "serve",
            "--database-url",
            database_url,
            "--no-migrate",
            "--thrift-port",
            str(port),
            "--http-port",
            "-1",
            "--warehouse",
            f"file:{tmp_path}/wh",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    wait_port(port, proc)
    return proc, port


def _backends(database_url: str, waiting: bool = False) -> int:
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hms-catalog%%' "
        "AND datname = current_database()"
    )
    if waiting:
        sql += " AND wait_event_type = 'Lock'"
    with connect(database_url) as c:
        return c.execute(sql).fetchone()[0]


def _blocked_create(port: int, name: str, result: dict) -> threading.Thread:
    def run():
        try:
            with thrift_client(port) as c:
                c.create_table(f.table("default", name))
                result["outcome"] = "ok"
        except Exception as e:  # noqa: BLE001
            result["outcome"] = type(e).__name__

    t = threading.Thread(target=run)
    t.start()
    return t


def _refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return False
    except OSError:
        return True


@pytest.mark.timeout(180)
def test_sigterm_finishes_in_flight_calls_then_closes_the_pool(database_url, tmp_path):
    proc, port = _serve(database_url, tmp_path, "--shutdown-timeout", "20")
    blocker = connect(database_url)
    blocker.autocommit = False
    try:
        blocker.execute('SELECT 1 FROM "DBS" WHERE "NAME" = %s FOR UPDATE', ("default",))
        result: dict = {}
        caller = _blocked_create(port, "in_flight", result)
        wait_for(lambda: _backends(database_url, waiting=True) == 1, 30, what="the call to be in flight")
        idle = thrift_client(port)
        idle_client = idle.__enter__()  # connected, between calls
        idle_client.get_database("default")

        proc.send_signal(signal.SIGTERM)
        wait_for(lambda: _refused(port), 10, what="the listener to close")
        with pytest.raises((TTransportException, OSError)):  # the idle connection was closed at once
            idle_client.get_database("default")
        time.sleep(1.0)
        assert proc.poll() is None and caller.is_alive()  # still finishing the call in flight
        blocker.rollback()  # let the call finish
        caller.join(30)
        assert result == {"outcome": "ok"}
        assert proc.wait(30) == 0
    finally:
        blocker.close()
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read().decode()
    assert "received signal" in err and "thrift server stopped" in err, err[-3000:]
    assert _backends(database_url) == 0  # the pool's connections are closed
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" = %s', ("in_flight",)) == 1


@pytest.mark.timeout(180)
def test_a_call_past_the_deadline_is_cut_off_and_rolled_back(database_url, tmp_path):
    proc, port = _serve(database_url, tmp_path, "--shutdown-timeout", "2")
    blocker = connect(database_url)
    blocker.autocommit = False
    try:
        blocker.execute('SELECT 1 FROM "DBS" WHERE "NAME" = %s FOR UPDATE', ("default",))
        result: dict = {}
        caller = _blocked_create(port, "too_slow", result)
        wait_for(lambda: _backends(database_url, waiting=True) == 1, 30, what="the call to be in flight")
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        took = time.monotonic() - t0
        caller.join(30)
        assert code == 0 and 1.5 <= took < 15, took
        assert result["outcome"] != "ok"  # the client saw its connection closed
        # PostgreSQL notices the vanished client once the lock wait ends; the transaction rolls back
        blocker.rollback()
        wait_for(lambda: _backends(database_url) == 0, 30, what="the server's sessions to end")
    finally:
        blocker.close()
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read().decode()
    assert "still running after the 2 s shutdown deadline" in err, err[-3000:]
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" = %s', ("too_slow",)) == 0
    assert problems(database_url) == {}


@pytest.mark.timeout(180)
def test_sigterm_with_worker_processes(database_url, tmp_path):
    proc, port = _serve(database_url, tmp_path, "--processes", "2", "--shutdown-timeout", "20")
    try:
        with thrift_client(port) as c:
            c.get_database("default")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    wait_for(lambda: _backends(database_url) == 0, 30, what="every process's sessions to end")
