"""Prometheus metrics: Thrift calls (count, errors by exception type, latency), connections, the
database pool, REST routes, sync runs; /metrics without a token, --metrics-port, multiprocess mode."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from thrift.Thrift import TApplicationException

from catalog.auth.tokens import TokenManager
from catalog.embedded_pg import free_port
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.ops.conftest import scrape, value, wait_port


def test_thrift_calls_errors_latency_and_connections(rest_server):
    url = rest_server.http.url + "/metrics"
    before = scrape(url)
    with thrift_client(rest_server.thrift.port) as c:
        c.set_ugi("alice", ["analysts"])
        for _ in range(3):
            c.get_database("default")
        with pytest.raises(tt.NoSuchObjectException):
            c.get_table("default", "missing")
        with pytest.raises(tt.NoSuchObjectException):  # a streamed method: its own reply path
            c.get_partitions_by_filter("default", "missing", "dt = '1'", -1)
        with pytest.raises(TApplicationException):  # not implemented here; declares no exception
            c.get_open_txns()
        during = scrape(url)
    after = scrape(url)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("catalog_thrift_calls_total", method="get_database") == 3
    assert delta("catalog_thrift_calls_total", method="get_table") == 1
    assert (
        delta("catalog_thrift_call_errors_total", method="get_table", exception="NoSuchObjectException") == 1
    )
    assert (
        delta(
            "catalog_thrift_call_errors_total",
            method="get_partitions_by_filter",
            exception="NoSuchObjectException",
        )
        == 1
    )
    assert (
        delta("catalog_thrift_call_errors_total", method="get_open_txns", exception="TApplicationException")
        == 1
    )
    assert delta("catalog_thrift_call_errors_total", method="get_database") == 0
    assert delta("catalog_thrift_call_duration_seconds_count", method="get_database") == 3
    assert delta("catalog_thrift_call_duration_seconds_sum", method="get_database") > 0
    assert value(during, "catalog_thrift_connections") - value(before, "catalog_thrift_connections") == 1
    assert value(after, "catalog_thrift_connections") == value(before, "catalog_thrift_connections")
    assert delta("catalog_thrift_connections_accepted_total") == 1
    assert delta("catalog_thrift_connections_closed_total", reason="eof") == 1
    assert value(after, "catalog_thrift_calls_in_flight") == value(before, "catalog_thrift_calls_in_flight")


def test_pool_metrics(rest_server):
    url = rest_server.http.url + "/metrics"
    before = scrape(url)
    with thrift_client(rest_server.thrift.port) as c:
        for _ in range(5):
            c.get_all_databases()
    after = scrape(url)
    assert value(after, "catalog_db_pool_size", pool="hms-catalog") >= 8
    assert (
        value(after, "catalog_db_pool_wait_seconds_count", pool="hms-catalog")
        - value(before, "catalog_db_pool_wait_seconds_count", pool="hms-catalog")
        >= 5
    )
    # every connection went back (the scrape itself may hold one: the sync-runs collector reads)
    assert value(after, "catalog_db_pool_checked_out", pool="hms-catalog") <= value(
        before, "catalog_db_pool_checked_out", pool="hms-catalog"
    )
    assert value(after, "catalog_db_pool_waiting", pool="hms-catalog") == 0


def test_rest_routes_request_ids_and_metrics_needs_no_token(rest_server):
    base = rest_server.http.url
    token, _ = TokenManager(rest_server.service.db).create("bob")
    before = scrape(base + "/metrics")
    with httpx.Client(base_url=base, timeout=30) as h:
        r = h.get(
            "/api/v1/catalogs/hive/databases/default",
            headers={"Authorization": f"Bearer {token}", "X-Request-ID": "trace-123"},
        )
        assert r.status_code == 200
        assert r.headers["x-request-id"] == "trace-123"
        r = h.get("/api/v1/catalogs")  # no token
        assert r.status_code == 401
        assert len(r.headers["x-request-id"]) == 16
        assert h.get("/no/such/route").status_code == 404
        m = h.get("/metrics")
        assert m.status_code == 200 and m.headers["content-type"].startswith("text/plain")
        assert "/metrics" not in h.get("/openapi.json").json()["paths"]
    after = scrape(base + "/metrics")

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    route = "/api/v1/catalogs/{catalog}/databases/{db}"
    assert delta("catalog_http_requests_total", method="GET", route=route, status="200") == 1, [
        k for k in after if k[0] == "catalog_http_requests_total"
    ]
    assert delta("catalog_http_requests_total", method="GET", route="/api/v1/catalogs", status="401") == 1
    assert delta("catalog_http_requests_total", method="GET", route="<unmatched>", status="404") == 1
    assert delta("catalog_http_request_duration_seconds_count", method="GET", route=route) == 1


def test_standalone_metrics_port_when_rest_is_off(database_url, tmp_path):
    rt = start_service(database_url, tmp_path, http_port=-1, metrics_port=0)
    try:
        assert rt.http is None
        with thrift_client(rt.thrift.port) as c:
            c.get_database("default")
        samples = scrape(f"http://127.0.0.1:{rt.metrics_server.port}/metrics")
        assert value(samples, "catalog_thrift_calls_total", method="get_database") >= 1
        assert httpx.get(f"http://127.0.0.1:{rt.metrics_server.port}/other").status_code == 404
    finally:
        rt.stop()


def test_sync_runs_are_counted_and_read_back_from_the_database(rest_server):
    from catalog.sync.runs import RunStore

    url = rest_server.http.url + "/metrics"
    before = scrape(url)
    store = RunStore(rest_server.service.db)
    store.start("https://uc.example/api/2.1/unity-catalog", dry_run=False)
    counts = {
        "created": 3,
        "failed": 1,
        "by_type": {"table": {"created": 2, "failed": 1}, "schema": {"created": 1}},
    }
    store.finish("partial", counts, "one table failed")
    after = scrape(url)
    assert (
        value(after, "catalog_sync_runs_total", status="partial")
        - value(before, "catalog_sync_runs_total", status="partial")
        == 1
    )
    assert (
        value(after, "catalog_sync_objects_total", object_type="table", action="created")
        - value(before, "catalog_sync_objects_total", object_type="table", action="created")
        == 2
    )
    src = "https://uc.example/api/2.1/unity-catalog"
    assert value(after, "catalog_sync_last_finished_timestamp_seconds", source=src, status="partial") > 1.7e9
    assert value(after, "catalog_sync_last_run_objects", source=src, action="created") == 3
    assert value(after, "catalog_sync_last_run_objects", source=src, action="failed") == 1
    assert value(after, "catalog_sync_runs_readable") == 1


def test_worker_processes_are_added_up(database_url, tmp_path):
    """--processes 2: the parent's /metrics shows the calls every worker process served."""
    thrift_port, http_port = free_port(), free_port()
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
            str(thrift_port),
            "--http-port",
            str(http_port),
            "--processes",
            "2",
            "--warehouse",
            f"file:{tmp_path}/wh",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        wait_port(thrift_port, proc)
        wait_port(http_port, proc)
        n = 0
        for _ in range(12):  # new connections: the kernel spreads them over both processes
            with thrift_client(thrift_port) as c:
                c.get_database("default")
                n += 1
        samples = scrape(f"http://127.0.0.1:{http_port}/metrics")
        assert value(samples, "catalog_thrift_calls_total", method="get_database") == n
        assert value(samples, "catalog_thrift_connections_accepted_total") >= n  # (+ wait_port's probe)
        assert value(samples, "catalog_db_pool_size", pool="hms-catalog") >= 3 * 16  # parent + 2 workers
    finally:
        proc.terminate()
        proc.wait(60)
