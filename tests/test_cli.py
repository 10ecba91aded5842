"""The `catalog` command: serve on the embedded default, stop cleanly on SIGTERM, db upgrade/current."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog.embedded_pg import free_port
from tests.conftest import thrift_client

CATALOG = [sys.executable, "-m", "catalog.cli"]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    import socket

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("serve did not listen in time")


def _postgres_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().splitlines()[0])
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.mark.parametrize("processes", [1, 2])
def test_serve_embedded_default_and_sigterm(tmp_path, processes):
    port = free_port()
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [
            *CATALOG,
            "serve",
            "--data-dir",
            str(data_dir),
            "--thrift-port",
            str(port),
            "--http-port",
            "0",
            "--processes",
            str(processes),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        _wait_port(port, proc)
        with thrift_client(port) as c:
            db = c.get_database("default")
            assert db.locationUri == f"file:{data_dir.resolve()}/warehouse"
            from tests.factories import database

            c.create_database(database("kept"))
        assert _postgres_running(data_dir / "postgres" / "pgdata")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        assert not _postgres_running(data_dir / "postgres" / "pgdata")
    finally:
        if proc.poll() is None:
            proc.kill()
    if processes > 1:
        return
    # the data survives a restart
    proc = subprocess.Popen(
        [*CATALOG, "serve", "--data-dir", str(data_dir), "--thrift-port", str(port), "--http-port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        _wait_port(port, proc)
        with thrift_client(port) as c:
            assert c.get_all_databases() == ["default", "kept"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_db_upgrade_and_current(pg_server):
    url = pg_server.create_database(f"cli_{os.getpid()}")
    env = dict(os.environ, CATALOG_DATABASE_URL=url)
    out = subprocess.run(
        [*CATALOG, "db", "current"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "current: (none)" in out
    subprocess.run([*CATALOG, "db", "upgrade"], env=env, capture_output=True, text=True, check=True)
    out = subprocess.run(
        [*CATALOG, "db", "current"], env=env, capture_output=True, text=True, check=True
    ).stdout
    lines = dict(line.split(":", 1) for line in out.strip().splitlines())
    assert lines["current"].strip() == lines["head"].strip() != "(none)"
