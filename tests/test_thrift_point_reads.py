"""The point reads Spark and Trino make constantly (get_database, the database and table name
listings, get_table, get_partition_names): one SQL statement each, over real Thrift, with Hive's
answers for what does not exist, and pooled connections left as writers expect them."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy.engine import make_url

from catalog.db import count_statements
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.conftest import thrift_client


@pytest.fixture
def filled(client):
    client.create_database(f.database("d1"))
    client.create_database(f.database("d2"))
    client.create_table(f.table("d1", "a"))
    client.create_table(f.table("d1", "v", table_type="VIRTUAL_VIEW"))
    client.create_table(f.table("d1", "p", part_keys=[("dt", "string")]))
    t = client.get_table("d1", "p")
    client.add_partitions([f.partition(t, [f"2024-01-{d:02d}"]) for d in (3, 1, 2)])
    return client


def test_each_point_read_is_one_statement(filled, server):
    c = filled
    seen = count_statements(server.service.db.engine)
    calls = {
        "get_database": (lambda: c.get_database("d1").name, "d1"),
        "get_all_databases": (c.get_all_databases, ["d1", "d2", "default"]),
        "get_databases": (lambda: c.get_databases("d1|D2|x"), ["d1", "d2"]),
        "get_all_tables": (lambda: c.get_all_tables("d1"), ["a", "p", "v"]),
        "get_tables": (lambda: c.get_tables("d1", "a|p"), ["a", "p"]),
        "get_tables_by_type": (lambda: c.get_tables_by_type("d1", "*", "VIRTUAL_VIEW"), ["v"]),
        "get_all_tables of an unknown database": (lambda: c.get_all_tables("nope"), []),
        "get_table": (lambda: c.get_table("d1", "p").partitionKeys[0].name, "dt"),
        "get_partition_names": (
            lambda: c.get_partition_names("d1", "p", -1),
            ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"],
        ),
        "get_partition_names, at most 2": (
            lambda: c.get_partition_names("d1", "p", 2),
            ["dt=2024-01-01", "dt=2024-01-02"],
        ),
        "get_partition_names, none": (lambda: c.get_partition_names("d1", "a", -1), []),
    }
    for what, (call, expected) in calls.items():
        call()  # psycopg prepares a statement at its first use on a connection: not counted
        before = len(seen)
        assert call() == expected, what
        assert len(seen) - before == 1, (what, seen[before:])


def test_what_does_not_exist_answers_as_hive_does(filled):
    c = filled
    with pytest.raises(tt.NoSuchObjectException):
        c.get_database("nope")
    with pytest.raises(tt.NoSuchObjectException):
        c.get_table("d1", "nope")
    with pytest.raises(tt.NoSuchObjectException):
        c.get_table("nope", "a")
    with pytest.raises(tt.NoSuchObjectException):
        c.get_partition_names("d1", "nope", -1)
    assert c.get_tables("nope", "*") == []
    # names are case-insensitive, as in Hive
    assert c.get_table("D1", "P").tableName == "p"
    assert c.get_partition_names("D1", "P", 1) == ["dt=2024-01-01"]


def test_pooled_connections_stay_transactional_after_point_reads(filled, server):
    c = filled
    for _ in range(20):
        c.get_database("d1")
        c.get_table("d1", "p")
        c.get_partition_names("d1", "p", -1)
    engine = server.service.db.engine
    held = [engine.raw_connection() for _ in range(engine.pool.size())]
    try:
        assert not any(h.driver_connection.autocommit for h in held)
    finally:
        for h in held:
            h.close()
    # a write that fails half-way still leaves nothing (one transaction)
    t = c.get_table("d1", "p")
    with pytest.raises(tt.AlreadyExistsException):
        c.add_partitions([f.partition(t, ["2024-02-01"]), f.partition(t, ["2024-01-01"])])
    assert c.get_partition_names("d1", "p", -1) == ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"]


def test_point_reads_retry_on_a_dropped_connection(server):
    """A database restart kills every pooled connection: a point read retries once, on a fresh one."""
    with thrift_client(server.port) as c:
        c.create_database(f.database("d1"))
        c.create_table(f.table("d1", "p", part_keys=[("dt", "string")]))
        c.add_partitions([f.partition(c.get_table("d1", "p"), ["x"])])
        calls = {
            "get_database": lambda: c.get_database("d1").name,
            "get_all_databases": c.get_all_databases,
            "get_all_tables": lambda: c.get_all_tables("d1"),
            "get_table": lambda: c.get_table("d1", "p").tableName,
            "get_partition_names": lambda: c.get_partition_names("d1", "p", -1),
        }
        expected = {name: call() for name, call in calls.items()}
        engine = server.service.db.engine
        for name, call in calls.items():
            held = [engine.raw_connection() for _ in range(4)]  # several pooled connections, all to die
            for h in held:
                h.close()
            _kill_sessions(server.database_url)
            assert call() == expected[name], name


def _kill_sessions(database_url: str) -> None:
    """Terminate every session of the service's database: all its pooled connections are dead."""
    u = make_url(database_url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True) as a:
        sql = "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
        a.execute(f"SELECT pg_terminate_backend(pid) {sql}", (u.database,))
        deadline = time.monotonic() + 30
        while a.execute(f"SELECT count(*) {sql}", (u.database,)).fetchone()[0]:
            assert time.monotonic() < deadline, "sessions still alive 30 s after pg_terminate_backend"
            time.sleep(0.05)


def test_set_ugi_again_changes_the_caller_of_the_next_calls(client, server):
    """The connection's caller is kept between calls (not rebuilt per call): a new set_ugi on the
    same connection must still be who the next write is recorded as."""
    from catalog.store.audit import AuditQuery

    client.set_ugi("alice", ["analysts"])
    client.create_database(f.database("by_alice"))
    client.get_database("by_alice")
    client.set_ugi("bob", [])
    client.create_database(f.database("by_bob"))
    records = server.service.audit_records(AuditQuery(action="create_database"), None, 100).items
    who = {r.object_name: r.principal for r in records}
    assert (who.get("hive.by_alice"), who.get("hive.by_bob")) == ("alice", "bob"), records


def test_partition_names_of_a_very_large_table_are_read_row_by_row(filled, server, monkeypatch):
    """Over the array's bound (100,000 names in production) the names come row by row: the same
    answer, in the same order, with max_parts honoured."""
    from catalog.store import partition_names

    monkeypatch.setattr(partition_names, "ARRAY_MOST", 2)
    c = filled
    seen = count_statements(server.service.db.engine)
    everything = ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"]
    before = len(seen)
    assert c.get_partition_names("d1", "p", -1) == everything
    assert len(seen) - before > 1  # the capped array, then the rows
    assert c.get_partition_names("d1", "p", 3) == everything
    assert c.get_partition_names("d1", "p", 2) == everything[:2]
    with pytest.raises(tt.NoSuchObjectException):
        c.get_partition_names("d1", "nope", -1)
