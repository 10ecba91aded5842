"""`catalog serve` serves the REST API beside Thrift (port from CATALOG_HTTP_PORT here), and
`catalog token create` on the same data directory makes a token it accepts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from catalog.embedded_pg import free_port
from tests.conftest import thrift_client
from tests.test_cli import _wait_port

CATALOG = [sys.executable, "-m", "catalog.cli"]


def test_serve_starts_and_stops_the_rest_api(tmp_path):
    thrift_port, http_port = free_port(), free_port()
    data_dir = tmp_path / "data"
    env = dict(os.environ, CATALOG_HTTP_PORT=str(http_port))
    proc = subprocess.Popen(
        [*CATALOG, "serve", "--data-dir", str(data_dir), "--thrift-port", str(thrift_port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    try:
        _wait_port(thrift_port, proc)
        _wait_port(http_port, proc)
        base = f"http://127.0.0.1:{http_port}"
        assert httpx.get(f"{base}/readyz").json() == {"status": "ready"}
        assert httpx.get(f"{base}/api/v1/catalogs").status_code == 401
        token = subprocess.run(
            [*CATALOG, "token", "create", "--principal", "ops", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
            timeout=120,
        ).stdout.strip()
        with thrift_client(thrift_port) as c:
            from tests.factories import database

            c.create_database(database("from_thrift"))
        r = httpx.get(f"{base}/api/v1/catalogs/hive/databases", headers={"Authorization": f"Bearer {token}"})
        assert [d["name"] for d in r.json()["databases"]] == ["default", "from_thrift"]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        err = proc.stderr.read().decode()
        assert f"REST API http://127.0.0.1:{http_port}/api/v1" in err and token not in err
        time.sleep(0.2)
        try:
            httpx.get(f"{base}/healthz", timeout=2)
            raise AssertionError("the REST API still answers after the service stopped")
        except httpx.TransportError:
            pass
    finally:
        if proc.poll() is None:
            proc.kill()
