"""PyIceberg's HiveCatalog, unchanged, against `catalog serve` over real Thrift: namespaces, tables,
commits (each under a HIVE_LOCKS exclusive lock), concurrent writers, and locks held by others."""

from __future__ import annotations

import threading
import time

import pyarrow as pa
import pytest
from pyiceberg.catalog.hive import HiveCatalog
from pyiceberg.exceptions import (
    CommitFailedException,
    NamespaceNotEmptyError,
    NoSuchTableError,
    TableAlreadyExistsError,
)
from pyiceberg.expressions import EqualTo
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import IdentityTransform
from pyiceberg.types import LongType, NestedField, StringType

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client

SCHEMA = Schema(
    NestedField(1, "id", LongType(), required=False),
    NestedField(2, "region", StringType(), required=False),
)
ARROW = pa.schema([pa.field("id", pa.int64()), pa.field("region", pa.string())])


def rows(ids, region="eu"):
    return pa.Table.from_pylist([{"id": i, "region": region} for i in ids], schema=ARROW)


def catalog(port: int, **props) -> HiveCatalog:
    return HiveCatalog("hms", uri=f"thrift://127.0.0.1:{port}", **props)


def ids_of(table) -> list[int]:
    return sorted(table.scan().to_arrow().column("id").to_pylist())


def test_namespace_and_table_life_cycle(server, tmp_path):
    cat = catalog(server.port)
    cat.create_namespace("shop", {"comment": "the shop", "location": f"file:{tmp_path}/shop", "team": "a"})
    assert ("shop",) in cat.list_namespaces()
    props = cat.load_namespace_properties("shop")
    assert (props["comment"], props["team"]) == ("the shop", "a")
    cat.update_namespace_properties("shop", removals={"team"}, updates={"owner_team": "b"})
    props = cat.load_namespace_properties("shop")
    assert "team" not in props and props["owner_team"] == "b"

    spec = PartitionSpec(
        PartitionField(source_id=2, field_id=1000, transform=IdentityTransform(), name="region")
    )
    t = cat.create_table(
        "shop.orders", SCHEMA, partition_spec=spec, properties={"write.format.default": "parquet"}
    )
    with pytest.raises(TableAlreadyExistsError):
        cat.create_table("shop.orders", SCHEMA)
    assert cat.list_tables("shop") == [("shop", "orders")]
    with thrift_client(server.port) as c:
        ht = c.get_table("shop", "orders")
        assert ht.parameters["table_type"] == "ICEBERG" and ht.tableType == "EXTERNAL_TABLE"

    t.append(rows([1, 2], "eu"))
    t.append(rows([3], "us"))
    t = cat.load_table("shop.orders")
    assert ids_of(t) == [1, 2, 3]
    files = [task.file.file_path for task in t.scan().plan_files()]
    assert sorted(f.split("/")[-2] for f in files) == ["region=eu", "region=us"]  # partitioned data
    t.overwrite(rows([10, 11], "us"), overwrite_filter=EqualTo("region", "us"))
    assert ids_of(cat.load_table("shop.orders")) == [1, 2, 10, 11]
    t = cat.load_table("shop.orders")
    t.delete(EqualTo("id", 1))
    assert ids_of(cat.load_table("shop.orders")) == [2, 10, 11]

    with t.update_schema() as u:
        u.add_column("note", StringType())
    t = cat.load_table("shop.orders")
    assert [f.name for f in t.schema().fields] == ["id", "region", "note"]
    with thrift_client(server.port) as c:  # the Hive columns follow the Iceberg schema
        assert [f.name for f in c.get_table("shop", "orders").sd.cols] == ["id", "region", "note"]

    with t.transaction() as tx:
        tx.set_properties(owner_note="x", other="y")
    t = cat.load_table("shop.orders")
    with t.transaction() as tx:
        tx.remove_properties("other")
    t = cat.load_table("shop.orders")
    assert t.properties["owner_note"] == "x" and "other" not in t.properties
    with thrift_client(server.port) as c:
        params = c.get_table("shop", "orders").parameters
        assert params["owner_note"] == "x" and "other" not in params
        assert params["previous_metadata_location"] != params["metadata_location"]
        assert "DO_NOT_UPDATE_STATS" not in params
        assert c.show_locks(tt.ShowLocksRequest()).locks == []  # every commit unlocked

    cat.rename_table("shop.orders", "shop.orders_v2")
    with pytest.raises(NoSuchTableError):
        cat.load_table("shop.orders")
    assert ids_of(cat.load_table("shop.orders_v2")) == [2, 10, 11]
    with pytest.raises(NamespaceNotEmptyError):
        cat.drop_namespace("shop")
    cat.drop_table("shop.orders_v2")
    assert cat.list_tables("shop") == []
    cat.drop_namespace("shop")
    assert ("shop",) not in cat.list_namespaces()


def _append_with_retries(port: int, name: str, ids: list[int], failures: list) -> None:
    cat = catalog(port, **{"lock-check-min-wait-time": "0.02", "lock-check-retries": "12"})
    try:
        for i in ids:
            for _attempt in range(60):
                try:
                    cat.load_table(name).append(rows([i]))
                    break
                except CommitFailedException:
                    time.sleep(0.01)
            else:
                failures.append(f"id {i} never committed")
    except Exception as e:  # noqa: BLE001 - reported by the test
        failures.append(e)


def test_two_writers_lose_no_commit(server, tmp_path):
    cat = catalog(server.port)
    cat.create_namespace("w", {"location": f"file:{tmp_path}/w"})
    cat.create_table("w.events", SCHEMA)
    failures: list = []
    threads = [
        threading.Thread(target=_append_with_retries, args=(server.port, "w.events", list(r), failures))
        for r in (range(0, 8), range(100, 108))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert failures == []
    t = cat.load_table("w.events")
    assert ids_of(t) == list(range(0, 8)) + list(range(100, 108))  # each row exactly once
    assert len(t.snapshots()) == 16


def test_a_commit_waits_for_a_lock_held_elsewhere(server, tmp_path):
    cat = catalog(
        server.port,
        **{"lock-check-min-wait-time": "0.05", "lock-check-max-wait-time": "0.2", "lock-check-retries": "40"},
    )
    cat.create_namespace("l", {"location": f"file:{tmp_path}/l"})
    table = cat.create_table("l.t", SCHEMA)
    with thrift_client(server.port) as other:
        held = other.lock(
            tt.LockRequest(
                component=[
                    tt.LockComponent(
                        type=tt.LockType.EXCLUSIVE, level=tt.LockLevel.TABLE, dbname="l", tablename="t"
                    )
                ],
                user="spark",
                hostname="elsewhere",
                agentInfo="another writer",
            )
        )
        assert held.state == tt.LockState.ACQUIRED
        done: list = []
        writer = threading.Thread(target=lambda: done.append(table.append(rows([7])) or "ok"))
        writer.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # PyIceberg's lock is queued behind ours
            shown = other.show_locks(tt.ShowLocksRequest(dbname="l", tablename="t")).locks
            if len(shown) == 2:
                break
            time.sleep(0.05)
        assert [x.state for x in shown] == [tt.LockState.ACQUIRED, tt.LockState.WAITING]
        time.sleep(0.5)
        assert done == [] and ids_of(cat.load_table("l.t")) == []  # still waiting
        other.unlock(tt.UnlockRequest(lockid=held.lockid))
        writer.join(30)
    assert done == ["ok"]
    assert ids_of(cat.load_table("l.t")) == [7]


def test_a_lock_left_by_a_crashed_writer_expires(database_url, tmp_path):
    rt = start_service(database_url, tmp_path, lock_timeout=1.0)
    try:
        port = rt.thrift.port
        cat = catalog(
            port,
            **{
                "lock-check-min-wait-time": "0.1",
                "lock-check-max-wait-time": "0.5",
                "lock-check-retries": "20",
            },
        )
        cat.create_namespace("x", {"location": f"file:{tmp_path}/x"})
        table = cat.create_table("x.t", SCHEMA)
        with thrift_client(port) as crashed:  # takes the lock and goes away without unlock
            crashed.lock(
                tt.LockRequest(
                    component=[
                        tt.LockComponent(
                            type=tt.LockType.EXCLUSIVE, level=tt.LockLevel.TABLE, dbname="x", tablename="t"
                        )
                    ],
                    user="gone",
                    hostname="dead-host",
                )
            )
        started = time.monotonic()
        table.append(rows([1]))
        assert time.monotonic() - started >= 0.5  # it had to wait for the expiry
        assert ids_of(cat.load_table("x.t")) == [1]
        with thrift_client(port) as c:
            assert c.show_locks(tt.ShowLocksRequest(dbname="x")).locks == []
    finally:
        rt.stop()


def test_a_lock_taken_on_one_replica_holds_a_commit_on_another(database_url, tmp_path):
    one, two = start_service(database_url, tmp_path), start_service(database_url, tmp_path)
    try:
        cat = catalog(
            two.thrift.port,
            **{
                "lock-check-min-wait-time": "0.05",
                "lock-check-max-wait-time": "0.1",
                "lock-check-retries": "3",
            },
        )
        cat.create_namespace("r", {"location": f"file:{tmp_path}/r"})
        table = cat.create_table("r.t", SCHEMA)
        with thrift_client(one.thrift.port) as c:
            held = c.lock(
                tt.LockRequest(
                    component=[
                        tt.LockComponent(
                            type=tt.LockType.EXCLUSIVE, level=tt.LockLevel.TABLE, dbname="r", tablename="t"
                        )
                    ],
                    user="u",
                    hostname="h",
                )
            )
            with pytest.raises(CommitFailedException, match="Failed to acquire lock"):
                table.append(rows([1]))
            c.unlock(tt.UnlockRequest(lockid=held.lockid))
        cat.load_table("r.t").append(rows([2]))
        assert ids_of(cat.load_table("r.t")) == [2]
    finally:
        one.stop()
        two.stop()
