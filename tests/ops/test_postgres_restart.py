"""PostgreSQL restarted under load: calls in flight fail with MetaException (the connection stays
up), nothing is half-written, /readyz reports the outage, and the service recovers by itself."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from thrift.transport.TTransport import TTransportException

from catalog.embedded_pg import EmbeddedPostgres
from catalog.store import migrate
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.conftest import thrift_client
from tests.ops.conftest import scrape, start, value, wait_for
from tests.ops.integrity import problems, scalar


class Load:
    """Clients looping over a read/write mix, each on its own connection, recording outcomes."""

    def __init__(self, port: int, clients: int = 4):
        self.port = port
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.outcomes: list[tuple[float, str, str]] = []  # (time, call, outcome)
        self.created: set[str] = set()
        self.fatal: list[BaseException] = []
        self.messages: list[tuple[float, str, str]] = []
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)]

    def start(self) -> Load:
        for t in self.threads:
            t.start()
        return self

    def _run(self, i: int) -> None:
        n = 0
        try:
            with thrift_client(self.port) as c:
                c.set_ugi(f"load{i}", [])
                while not self.stop.is_set():
                    n += 1
                    name = f"t_{i}_{n}"
                    for call, fn in (
                        ("get_database", lambda: c.get_database("default")),
                        ("create_table", lambda n=name: c.create_table(f.table("default", n))),
                        ("get_table", lambda n=name: c.get_table("default", n)),
                    ):
                        try:
                            fn()
                            outcome = "ok"
                            if call == "create_table":
                                with self.lock:
                                    self.created.add(name)
                        except tt.MetaException as e:
                            outcome = "MetaException"
                            with self.lock:
                                self.messages.append((time.monotonic(), call, e.message))
                        except tt.NoSuchObjectException:
                            outcome = "NoSuchObjectException"  # its create failed in the outage
                        with self.lock:
                            self.outcomes.append((time.monotonic(), call, outcome))
                    time.sleep(0.01)
        except (TTransportException, OSError, EOFError) as e:  # the connection was dropped: a failure
            self.fatal.append(e)

    def join(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(60)

    def creates_since(self, t0: float) -> int:
        with self.lock:
            return sum(
                1 for (t, call, o) in self.outcomes if t >= t0 and call == "create_table" and o == "ok"
            )

    def since(self, t0: float) -> list[str]:
        with self.lock:
            return [o for (t, _, o) in self.outcomes if t >= t0]


@pytest.mark.timeout(300)
def test_postgres_restart_under_load(tmp_path):
    pg = EmbeddedPostgres(tmp_path / "pg", durable=False).start()
    try:
        url = pg.url
        migrate.upgrade(url)
        wh = tmp_path / "wh"
        wh.mkdir()
        rt = start(url, wh, http_port=0, pool_size=4, pool_timeout=5.0)
        try:
            _restart_under_load(pg, rt, url)
        finally:
            rt.stop()
    finally:
        pg.stop()


def _restart_under_load(pg: EmbeddedPostgres, rt, url: str) -> None:
    http = httpx.Client(base_url=rt.http.url, timeout=30)
    assert http.get("/readyz").status_code == 200
    load = Load(rt.thrift.port).start()
    t_start = time.monotonic()
    wait_for(lambda: load.since(t_start).count("ok") >= 30, 30, what="load warm-up")

    pg.stop()  # pg_ctl stop -m fast: every session is terminated, including ones mid-transaction
    t_down = time.monotonic()
    wait_for(lambda: "MetaException" in load.since(t_down), 30, what="calls failing with MetaException")
    r = http.get("/readyz")
    assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"
    assert http.get("/healthz").status_code == 200  # the process is alive: no restart wanted
    time.sleep(1.0)
    down = load.since(t_down)

    pg.start()  # same data directory and port
    t_up = time.monotonic()
    # recovers without a restart of the service: within a few seconds every call succeeds again
    wait_for(lambda: load.since(t_up)[-30:].count("ok") == 30, 60, what="recovery")
    assert http.get("/readyz").status_code == 200
    t_ok = time.monotonic()
    # long enough for every pooled connection and the id allocator (blocks of 50 ids) to be used again
    wait_for(lambda: load.creates_since(t_ok) >= 120, 60, what="steady state")
    load.join()

    assert not load.fatal, f"connections dropped: {load.fatal[:3]}"
    assert set(down) <= {"MetaException", "NoSuchObjectException", "ok"}
    assert down.count("MetaException") >= 3
    assert set(load.since(t_ok)) == {"ok"}, [m for m in load.messages if m[0] >= t_ok][:3]
    # nothing half-written, and every acknowledged create is there
    assert problems(url) == {}
    with thrift_client(rt.thrift.port) as c:
        names = set(c.get_all_tables("default"))
    assert load.created <= names
    assert scalar(url, 'SELECT count(*) FROM "TBLS"') == len(names)
    samples = scrape(rt.http.url + "/metrics")
    assert value(samples, "catalog_thrift_call_errors_total", exception="MetaException") >= 3


def _terminate_sessions(database_url: str) -> None:
    """Kill every session of the service's database (its pooled connections all die)."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(database_url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (u.database,),
        )
        # termination is asynchronous: wait until those sessions are gone (no half-dead connection)
        deadline = time.monotonic() + 30
        while admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (u.database,),
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "sessions still alive 30 s after pg_terminate_backend"
            time.sleep(0.05)


def test_streamed_partition_listings_retry_on_a_dropped_connection(server):
    """The streamed listings (catalog/thrift/streaming.py) are reads like the others: a dead pooled
    connection found before the reply starts costs one retry on a fresh one, not an error."""
    with thrift_client(server.port) as c:
        c.create_database(f.database("d1"))
        c.create_table(f.table("d1", "p", part_keys=[("dt", "string"), ("hr", "int")]))
        t = c.get_table("d1", "p")
        c.add_partitions([f.partition(t, [f"2024-01-0{d}", str(h)]) for d in range(1, 4) for h in range(3)])
        calls = {
            "get_partitions": lambda: c.get_partitions("d1", "p", -1),
            "get_partitions_with_auth": lambda: c.get_partitions_with_auth("d1", "p", -1, "u", []),
            "get_partitions_ps": lambda: c.get_partitions_ps("d1", "p", ["2024-01-02"], -1),
            "get_partitions_ps_with_auth": lambda: c.get_partitions_ps_with_auth(
                "d1", "p", ["2024-01-02"], 2, "u", []
            ),
            "get_partitions_by_filter": lambda: c.get_partitions_by_filter("d1", "p", "hr >= 1", -1),
            "get_partitions_by_names": lambda: c.get_partitions_by_names("d1", "p", ["dt=2024-01-03/hr=2"]),
            "get_partitions_pspec": lambda: c.get_partitions_pspec("d1", "p", -1),
            "get_part_specs_by_filter": lambda: c.get_part_specs_by_filter("d1", "p", "hr = 0", -1),
        }
        expected = {name: call() for name, call in calls.items()}
        assert len(expected["get_partitions"]) == 9 and len(expected["get_partitions_by_filter"]) == 6
        for name, call in calls.items():
            _terminate_sessions(server.database_url)
            assert call() == expected[name], name
        assert c.get_database("d1").name == "d1"  # the connection stayed in sync
