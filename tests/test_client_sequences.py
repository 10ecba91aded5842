"""Trino's and Iceberg Java's metastore call sequences (shared/reference client-calls.md sections 2
and 3), replayed call by call over real Thrift, with the fields those clients set and the answers
they read."""

from __future__ import annotations

import threading
import uuid

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client
from tests.factories import database, table

DO_NOT_UPDATE_STATS = {"DO_NOT_UPDATE_STATS": "true"}


def exclusive(db: str, tbl: str) -> list[tt.LockComponent]:
    return [tt.LockComponent(type=tt.LockType.EXCLUSIVE, level=tt.LockLevel.TABLE, dbname=db, tablename=tbl)]


def iceberg_table(db: str, name: str, location: str, metadata: str) -> tt.Table:
    t = table(db, name, location=location, table_type="EXTERNAL_TABLE")
    t.parameters = {"EXTERNAL": "TRUE", "table_type": "ICEBERG", "metadata_location": metadata}
    return t


def test_trino_hive_connector_reads(client, tmp_path):
    client.create_database(database("sales", location=f"file:{tmp_path}/sales"))
    client.create_table(table("sales", "orders", part_keys=[("dt", "string")]))
    view = table("sales", "v_orders", table_type="VIRTUAL_VIEW")
    view.parameters = {"presto_view": "true", "comment": "Presto View"}
    view.viewOriginalText = "/* Presto View: e30= */"
    view.sd.location = None
    client.create_table(view)

    assert "sales" in client.get_all_databases()
    assert client.get_database("sales").locationUri == f"file:{tmp_path}/sales"
    caps = tt.ClientCapabilities(values=[tt.ClientCapability.INSERT_ONLY_TABLES])
    t = client.get_table_req(tt.GetTableRequest(dbName="sales", tblName="orders", capabilities=caps)).table
    assert [k.name for k in t.partitionKeys] == ["dt"]
    with pytest.raises(tt.NoSuchObjectException):  # Trino maps this to TableNotFound (no fallback)
        client.get_table_req(tt.GetTableRequest(dbName="sales", tblName="nope", capabilities=caps))

    metas = client.get_table_meta("sales", "*", [])
    assert sorted((m.tableName, m.tableType) for m in metas) == [
        ("orders", "MANAGED_TABLE"),
        ("v_orders", "VIRTUAL_VIEW"),
    ]
    assert client.get_tables_by_type("sales", ".*", "VIRTUAL_VIEW") == ["v_orders"]
    # the fallback Trino uses when get_tables_by_type is unknown, and its parameter lookups
    assert client.get_table_names_by_filter(
        "sales", 'hive_filter_field_params__presto_view = "true"', -1
    ) == ["v_orders"]
    assert [f.name for f in client.get_fields("sales", "orders")] == ["id", "name"]
    assert client.get_partition_names("sales", "orders", -1) == []


def test_trino_iceberg_commit_with_lock_and_without(server, client, tmp_path):
    client.create_database(database("ice", location=f"file:{tmp_path}/ice"))
    client.create_table(iceberg_table("ice", "t", f"file:{tmp_path}/ice/t", "m0"))
    query_id = "20260101_000000_00001_abcde"

    # lock-enabled commit: lock (no txnid), check while WAITING, get_table_req, alter, unlock
    with thrift_client(server.port) as other:
        held = other.lock(tt.LockRequest(component=exclusive("ice", "t"), user="spark", hostname="h"))
        r = client.lock(
            tt.LockRequest(
                component=exclusive("ice", "t"), user="trino", hostname="coord", agentInfo=query_id
            )
        )
        assert r.state == tt.LockState.WAITING
        assert client.check_lock(tt.CheckLockRequest(lockid=r.lockid)).state == tt.LockState.WAITING
        other.unlock(tt.UnlockRequest(lockid=held.lockid))
    assert client.check_lock(tt.CheckLockRequest(lockid=r.lockid)).state == tt.LockState.ACQUIRED
    t = client.get_table_req(tt.GetTableRequest(dbName="ice", tblName="t")).table
    assert t.parameters["metadata_location"] == "m0"
    t.parameters.update(metadata_location="m1", previous_metadata_location="m0")
    client.alter_table_with_environment_context("ice", "t", t, tt.EnvironmentContext(DO_NOT_UPDATE_STATS))
    client.unlock(tt.UnlockRequest(lockid=r.lockid))

    # lock-free commit (iceberg.hive-catalog.lock-enabled=false): compare-and-swap on metadata_location
    t = client.get_table_req(tt.GetTableRequest(dbName="ice", tblName="t")).table
    t.parameters.update(metadata_location="m2", previous_metadata_location="m1")
    ctx = dict(DO_NOT_UPDATE_STATS, expected_parameter_key="metadata_location", expected_parameter_value="m1")
    client.alter_table_with_environment_context("ice", "t", t, tt.EnvironmentContext(ctx))
    with pytest.raises(tt.MetaException) as e:  # a second writer from the same base loses
        client.alter_table_with_environment_context("ice", "t", t, tt.EnvironmentContext(ctx))
    assert e.value.message.startswith(
        "The table has been modified. The parameter value for key 'metadata_location' is"
    )
    # Trino then re-reads to decide the commit failed
    assert (
        client.get_table_req(tt.GetTableRequest(dbName="ice", tblName="t")).table.parameters[
            "metadata_location"
        ]
        == "m2"
    )


def test_iceberg_java_on_a_hive_3_1_client(server, client, tmp_path):
    """HiveMetaStoreClient 3.1 sends '@hive#db' names and the _req forms."""
    client.create_database(database("lake", location=f"file:{tmp_path}/lake"))
    assert "lake" in client.get_databases("@hive#")
    assert client.get_database("@hive#lake").name == "lake"
    with pytest.raises(tt.NoSuchObjectException):  # refresh of a table not created yet
        client.get_table_req(tt.GetTableRequest(dbName="lake", tblName="events", catName="hive"))

    agent = f"Iceberg-{uuid.uuid4()}"
    lock = client.lock(
        tt.LockRequest(component=exclusive("lake", "events"), user="u", hostname="h", agentInfo=agent)
    )
    # Iceberg recovers a lock whose creation answer was lost through show_locks + agentInfo
    shown = client.show_locks(tt.ShowLocksRequest(dbname="lake", tablename="events")).locks
    assert [(x.lockid, x.state) for x in shown if x.agentInfo == agent] == [
        (lock.lockid, tt.LockState.ACQUIRED)
    ]
    client.heartbeat(tt.HeartbeatRequest(lockid=lock.lockid, txnid=0))  # the heartbeat thread
    client.create_table_with_environment_context(
        iceberg_table("lake", "events", f"file:{tmp_path}/lake/events", "m0"), None
    )
    client.unlock(tt.UnlockRequest(lockid=lock.lockid))

    lock = client.lock(
        tt.LockRequest(component=exclusive("lake", "events"), user="u", hostname="h", agentInfo=agent)
    )
    t = client.get_table_req(tt.GetTableRequest(dbName="lake", tblName="events", catName="hive")).table
    t.parameters.update(metadata_location="m1", previous_metadata_location="m0", DO_NOT_UPDATE_STATS="true")
    client.alter_table_with_environment_context(
        "@hive#lake", "events", t, tt.EnvironmentContext(DO_NOT_UPDATE_STATS)
    )
    client.unlock(tt.UnlockRequest(lockid=lock.lockid))

    assert client.get_all_tables("@hive#lake") == ["events"]
    objs = client.get_table_objects_by_name_req(
        tt.GetTablesRequest(dbName="lake", tblNames=["events"], catName="hive")
    )
    assert objs.tables[0].parameters["metadata_location"] == "m1"
    # rename onto an existing name: the message Iceberg parses into AlreadyExists
    client.create_table(iceberg_table("lake", "other", f"file:{tmp_path}/lake/other", "o0"))
    t = client.get_table("lake", "events")
    t.tableName = "other"
    with pytest.raises(tt.InvalidOperationException, match="new table lake.other already exists"):
        client.alter_table_with_environment_context(
            "@hive#lake", "events", t, tt.EnvironmentContext(DO_NOT_UPDATE_STATS)
        )


def test_iceberg_java_on_a_hive_2_3_client_commits_concurrently(server, client, tmp_path):
    """Spark's built-in Hive 2.3 client: get_table / create_table_with_environment_context /
    alter_table_with_environment_context; two JVMs committing under HIVE_LOCKS lose nothing."""
    client.create_database(database("w", location=f"file:{tmp_path}/w"))
    client.create_table_with_environment_context(iceberg_table("w", "t", f"file:{tmp_path}/w/t", "m0"), None)
    history: list[tuple[str, str]] = []
    failures: list = []

    def writer(name: str) -> None:
        with thrift_client(server.port) as c:
            for i in range(5):
                try:
                    r = c.lock(
                        tt.LockRequest(
                            component=exclusive("w", "t"),
                            user=name,
                            hostname=name,
                            agentInfo=f"Iceberg-{name}",
                        )
                    )
                    while r.state != tt.LockState.ACQUIRED:
                        r = c.check_lock(tt.CheckLockRequest(lockid=r.lockid))
                    t = c.get_table("w", "t")
                    base = t.parameters["metadata_location"]
                    t.parameters.update(metadata_location=f"{name}-{i}", previous_metadata_location=base)
                    c.alter_table_with_environment_context(
                        "w", "t", t, tt.EnvironmentContext(DO_NOT_UPDATE_STATS)
                    )
                    history.append((base, f"{name}-{i}"))
                    c.unlock(tt.UnlockRequest(lockid=r.lockid))
                except Exception as e:  # noqa: BLE001 - reported by the test
                    failures.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("jvm1", "jvm2")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert failures == []
    bases = [b for b, _ in history]
    assert len(history) == 10 and len(set(bases)) == 10  # no two commits from one base: none lost
    assert client.get_table_objects_by_name("w", ["t"])[0].parameters["metadata_location"] == history[-1][1]
