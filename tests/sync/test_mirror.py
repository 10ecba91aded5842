"""Scenario tests of `catalog sync unity` against the fake UC server and the real service.

Each test drives one or more runs and checks what Thrift clients then see, and what the run
recorded in catalog.sync_runs / catalog.sync_events."""

from __future__ import annotations

import json
import threading
import time

import pytest

from catalog.errors import NotFoundError
from catalog.sync import mapping as mp
from catalog.sync.runs import RunLock, RunLockBusy, get_run, list_runs
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client
from tests.factories import database as db_factory
from tests.factories import table as table_factory
from tests.sync.conftest import client_for, sync
from tests.sync.fake_uc import FakeUnity, column


def populate(fake: FakeUnity) -> None:
    fake.add_catalog("main", comment="the main catalog")
    fake.add_schema("main", "sales", comment="sales data", properties={"team": "finance"})
    fake.add_table(
        "main",
        "sales",
        "orders",
        [
            column("id", "bigint", "long", nullable=False, comment="order id"),
            column("amount", "decimal(10,2)"),
            column("dt", "string", partition_index=0),
        ],
        fmt="PARQUET",
        location="s3://bucket/sales/orders",
        comment="all orders",
        properties={"quality": "gold"},
        owner="alice",
    )
    fake.add_table(
        "main",
        "sales",
        "events",
        [column("id", "int", "integer"), column("payload", "string")],
        table_type="MANAGED",
        fmt="DELTA",
        location="s3://bucket/managed/events",
    )
    fake.add_table(
        "main",
        "sales",
        "orders_v",
        [column("id", "bigint", "long")],
        table_type="VIEW",
        view_definition="SELECT id FROM main.sales.orders",
    )
    fake.add_schema("main", "hr")
    fake.add_table(
        "main",
        "hr",
        "people",
        [column("name", "string")],
        fmt="CSV",
        location="s3://bucket/hr/people",
        properties={"header": "true", "delimiter": ";"},
    )
    fake.add_catalog("other")
    fake.add_schema("other", "misc")
    fake.grant("catalog", "main", "analysts", "USE CATALOG")
    fake.grant("schema", "main.sales", "analysts", "USE SCHEMA")
    fake.grant("table", "main.sales.orders", "analysts", "SELECT")
    fake.grant("table", "main.sales.orders", "etl", "SELECT", "MODIFY")


def mirrored(server) -> dict:
    """{db.table: Table} of every table (through the service), plus the databases under '<db>'."""
    s = server.service
    out = {}
    for db in s.get_databases("hive"):
        d = s.get_database("hive", db)
        if mp.PREFIX + "source" not in d.parameters:
            continue
        out[f"<{db}>"] = d
        for name in s.get_tables("hive", db):
            out[f"{db}.{name}"] = s.get_table("hive", db, name)
    return out


def events(server, run_id: int) -> list[tuple]:
    return [
        (e["object_type"], e["object_name"], e["action"])
        for e in get_run(server.service.db, run_id)["events"]
    ]


# ------------------------------------------------------------------------------------------------
def test_first_sync_mirrors_databases_tables_views_and_grants(server, any_fake):
    populate(any_fake)
    r = sync(server.service, any_fake)
    assert r.status == "succeeded", r.summary()
    c = r.counts
    assert c["by_type"]["schema"]["created"] == 3 and c["by_type"]["table"]["created"] == 4
    assert c["failed"] == 0 and c["skipped"] == 0
    m = mirrored(server)
    assert sorted(m) == [
        "<main__hr>",
        "<main__sales>",
        "<other__misc>",
        "main__hr.people",
        "main__sales.events",
        "main__sales.orders",
        "main__sales.orders_v",
    ]
    with thrift_client(server.port) as cl:
        db = cl.get_database("main__sales")
        assert db.description == "sales data" and db.ownerName == "admin"
        assert db.parameters["team"] == "finance"
        assert db.parameters["catalog.mirror.uc_catalog"] == "main"
        assert json.loads(db.parameters["catalog.mirror.grants"]) == {"analysts": ["USE_SCHEMA"]}
        assert json.loads(db.parameters["catalog.mirror.catalog_grants"]) == {"analysts": ["USE_CATALOG"]}

        t = cl.get_table("main__sales", "orders")
        assert t.tableType == "EXTERNAL_TABLE" and t.parameters["EXTERNAL"] == "TRUE"
        assert t.owner == "alice"
        assert t.parameters["comment"] == "all orders" and t.parameters["quality"] == "gold"
        assert t.parameters["spark.sql.sources.provider"] == "parquet"
        assert t.parameters["catalog.mirror.source"] == any_fake.url.rstrip("/") + (
            "/api/2.1/unity-catalog" if any_fake.dialect == "databricks" else ""
        )
        assert t.parameters["catalog.mirror.unity_id"] == any_fake.table("main.sales.orders")["table_id"]
        assert t.parameters["catalog.mirror.layout"] == "hive"
        assert [(c.name, c.type, c.comment) for c in t.sd.cols] == [
            ("id", "bigint", "order id"),
            ("amount", "decimal(10,2)", None),
        ]
        assert [(k.name, k.type) for k in t.partitionKeys] == [("dt", "string")]
        assert t.sd.location == "s3://bucket/sales/orders"
        assert t.sd.serdeInfo.parameters["path"] == "s3://bucket/sales/orders"
        assert t.sd.serdeInfo.serializationLib.endswith("ParquetHiveSerDe")
        assert t.parameters["spark.sql.sources.schema.numPartCols"] == "1"
        assert t.parameters["spark.sql.sources.schema.partCol.0"] == "dt"
        assert "spark.sql.partitionProvider" not in t.parameters
        schema = json.loads(t.parameters["spark.sql.sources.schema"])
        assert [(f["name"], f["type"], f["nullable"]) for f in schema["fields"]] == [
            ("id", "long", False),
            ("amount", "decimal(10,2)", True),
            ("dt", "string", True),
        ]
        assert schema["fields"][0]["metadata"] == {"comment": "order id"}
        assert json.loads(t.parameters["catalog.mirror.grants"]) == {
            "analysts": ["SELECT"],
            "etl": ["MODIFY", "SELECT"],
        }

        d = cl.get_table("main__sales", "events")
        assert d.tableType == "EXTERNAL_TABLE" and d.parameters["spark.sql.sources.provider"] == "delta"
        assert d.parameters["catalog.mirror.table_type"] == "MANAGED"
        assert [(c.name, c.type, c.comment) for c in d.sd.cols] == [
            ("col", "array<string>", "from deserializer")
        ]
        assert d.partitionKeys == []
        assert d.sd.serdeInfo.parameters["path"] == "s3://bucket/managed/events"

        v = cl.get_table("main__sales", "orders_v")
        assert v.tableType == "VIRTUAL_VIEW"
        assert v.viewOriginalText == v.viewExpandedText == "SELECT id FROM main.sales.orders"
        assert [(c.name, c.type) for c in v.sd.cols] == [("id", "bigint")]

        p = cl.get_table("main__hr", "people")
        assert p.parameters["spark.sql.sources.provider"] == "csv"
        assert p.sd.serdeInfo.parameters["header"] == "true" and p.sd.serdeInfo.parameters["delimiter"] == ";"
        assert p.sd.cols[0].type == "array<string>"
    assert ("table", "main.sales.orders", "created") in events(server, r.run_id)
    run = list_runs(server.service.db, 5)[0]
    assert run["id"] == r.run_id and run["status"] == "succeeded" and run["counts"]["created"] == 7
    if any_fake.dialect == "databricks":  # system catalog and information_schema are not mirrored
        assert not any(k.startswith("<system") or "information_schema" in k for k in m)


def test_noop_resync_writes_nothing(server, any_fake):
    populate(any_fake)
    assert sync(server.service, any_fake).status == "succeeded"
    before = mirrored(server)
    time.sleep(1.1)  # a rewrite would change transient_lastDdlTime (seconds)
    r = sync(server.service, any_fake)
    assert r.status == "succeeded"
    assert r.counts["unchanged"] == 7 and r.counts["seen"] == 7
    for k in ("created", "updated", "renamed", "marked_missing", "purged", "skipped", "failed"):
        assert r.counts[k] == 0, k
    assert events(server, r.run_id) == []
    after = mirrored(server)
    assert after == before
    for k, v in after.items():
        if not k.startswith("<"):
            assert v.parameters["transient_lastDdlTime"] == before[k].parameters["transient_lastDdlTime"]


def test_rename_in_uc_is_a_rename_here(server, fake):
    populate(fake)
    sync(server.service, fake)
    uid = fake.table("main.sales.orders")["table_id"]
    fake.rename_table("main.sales.orders", "orders_2024")
    r = sync(server.service, fake)
    assert r.status == "succeeded" and r.counts["renamed"] == 1 and r.counts["created"] == 0
    assert r.counts["marked_missing"] == 0
    m = mirrored(server)
    assert "main__sales.orders" not in m
    assert m["main__sales.orders_2024"].parameters["catalog.mirror.unity_id"] == uid
    assert ("table", "main.sales.orders_2024", "renamed") in events(server, r.run_id)


def test_drop_is_marked_missing_then_purged_after_the_grace_period(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.drop_table("main.sales.events")
    r = sync(server.service, fake, grace_period_hours=24)
    assert r.counts["marked_missing"] == 1 and r.counts["purged"] == 0
    t = server.service.get_table("hive", "main__sales", "events")
    assert float(t.parameters["catalog.mirror.missing_since"]) > 0
    # within the grace period: kept
    r = sync(server.service, fake, grace_period_hours=24)
    assert r.counts["purged"] == 0 and r.counts["marked_missing"] == 0
    assert "main__sales.events" in mirrored(server)
    # after it (a clock 25 h later)
    later = time.time() + 25 * 3600
    r = sync(server.service, fake, grace_period_hours=24, clock=lambda: later)
    assert r.counts["purged"] == 1
    assert "main__sales.events" not in mirrored(server)
    assert ("table", "main.sales.events", "purged") in events(server, r.run_id)


def test_a_table_that_comes_back_is_restored(server, fake):
    populate(fake)
    sync(server.service, fake)
    saved = fake.table("main.sales.events")
    fake.drop_table("main.sales.events")
    sync(server.service, fake)
    fake.tables[("main", "sales", "events")] = saved
    r = sync(server.service, fake)
    assert r.counts["restored"] == 1
    assert (
        "catalog.mirror.missing_since"
        not in server.service.get_table("hive", "main__sales", "events").parameters
    )


def test_dropped_schema_and_catalog(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.drop_schema("main", "hr")
    del fake.catalogs["other"]
    del fake.schemas[("other", "misc")]
    r = sync(server.service, fake)
    assert r.counts["by_type"]["schema"]["marked_missing"] == 2
    assert r.counts["by_type"]["table"]["marked_missing"] == 1
    r = sync(server.service, fake, grace_period_hours=0)
    assert r.counts["by_type"]["schema"]["purged"] == 2 and r.counts["by_type"]["table"]["purged"] == 1
    assert sorted(k for k in mirrored(server) if k.startswith("<")) == ["<main__sales>"]


def test_failed_listing_deletes_nothing(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.drop_table("main.sales.events")
    fake.fail("/tables", status=500, times=-1, when=lambda q: q.get("schema_name") == "sales")
    r = sync(server.service, fake, grace_period_hours=0)
    assert r.status == "partial" and r.exit_code == 1
    assert r.counts["marked_missing"] == 0 and r.counts["purged"] == 0
    assert "main__sales.events" in mirrored(server)
    assert "listing the tables of schema main.sales failed" in r.error


def test_added_column_and_new_table(server, fake):
    populate(fake)
    sync(server.service, fake)
    t = fake.table("main.sales.orders")
    cols = t["columns"][:2] + [column("note", "string", position=2)] + t["columns"][2:]
    fake.alter_table("main.sales.orders", columns=cols)
    fake.add_table(
        "main", "sales", "returns", [column("id", "bigint", "long")], fmt="ORC", location="s3://b/r"
    )
    r = sync(server.service, fake)
    assert r.counts["updated"] == 1 and r.counts["created"] == 1 and r.counts["unchanged"] == 6
    o = server.service.get_table("hive", "main__sales", "orders")
    assert [c.name for c in o.sd.cols] == ["id", "amount", "note"]
    assert [f["name"] for f in json.loads(o.parameters["spark.sql.sources.schema"])["fields"]] == [
        "id",
        "amount",
        "note",
        "dt",
    ]
    ret = server.service.get_table("hive", "main__sales", "returns")
    assert ret.sd.serde.serialization_lib == "org.apache.hadoop.hive.ql.io.orc.OrcSerde"


def test_revoked_grant_updates_the_table(server, any_fake):
    populate(any_fake)
    sync(server.service, any_fake)
    any_fake.revoke("table", "main.sales.orders", "etl", "MODIFY")
    r = sync(server.service, any_fake)  # grants carry no updated_at: the content hash sees the change
    assert r.counts["updated"] == 1
    t = server.service.get_table("hive", "main__sales", "orders")
    assert json.loads(t.parameters["catalog.mirror.grants"]) == {"analysts": ["SELECT"], "etl": ["SELECT"]}


def test_no_grants_option_makes_no_permission_calls(server, fake):
    populate(fake)
    r = sync(server.service, fake, grants=False)
    assert r.status == "succeeded"
    assert fake.requests_to("/permissions") == []
    assert "catalog.mirror.grants" not in server.service.get_table("hive", "main__sales", "orders").parameters


def test_type_edge_cases(server, fake):
    fake.add_catalog("c")
    fake.add_schema("c", "s")
    nested = {
        "type": "struct",
        "fields": [
            {"name": "a", "type": "integer", "nullable": True, "metadata": {}},
            {
                "name": "tags",
                "type": {"type": "array", "elementType": "string", "containsNull": True},
                "nullable": True,
                "metadata": {},
            },
        ],
    }
    fake.add_table(
        "c",
        "s",
        "hive_ok",
        [
            column("b", "tinyint", "byte"),
            column("sh", "smallint", "short"),
            column("d", "decimal(38,18)"),
            column("ch", "char(10)"),
            column("vc", "varchar(20)"),
            column("ts", "timestamp"),
            column("dt", "date"),
            column("bin", "binary"),
            column("st", "struct<a:int,tags:array<string>>", nested),
            column(
                "m",
                "map<string,bigint>",
                {"type": "map", "keyType": "string", "valueType": "long", "valueContainsNull": True},
            ),
            column("legacy", "array<struct<x:double>>", with_json=False),
        ],
    )
    fake.add_table(
        "c",
        "s",
        "spark_only",
        [
            column("id", "bigint", "long"),
            column("ntz", "timestamp_ntz"),
            column("iv", "interval day to second"),
            column("v", "variant"),
        ],
    )
    fake.add_table(
        "c",
        "s",
        "geo",
        [
            column("id", "bigint", "long"),
            column("g", "geometry(4326)", "geometry(4326)", type_name="GEOMETRY"),
        ],
    )
    fake.add_table("c", "s", "broken", [column("a", "array", type_name="ARRAY", with_json=False)])
    fake.add_table(
        "c", "s", "foreign", [column("id", "int", "integer")], table_type="FOREIGN", fmt="MYSQL_FORMAT"
    )
    fake.add_table("c", "s", "ice", [column("id", "int", "integer")], fmt="ICEBERG")
    fake.add_table(
        "c", "s", "wide", [column(f"c{i:03d}_" + "x" * 40, "string") for i in range(120)], fmt="PARQUET"
    )
    r = sync(server.service, fake)
    assert r.status == "succeeded", r.summary()
    assert r.counts["created"] == 3 + 1  # 3 tables + the database
    assert r.counts["skipped"] == 4
    reasons = {
        e["object_name"]: e["reason"]
        for e in get_run(server.service.db, r.run_id)["events"]
        if e["action"] == "skipped"
    }
    assert "geometry" in reasons["c.s.geo"].lower()
    assert "incomplete array" in reasons["c.s.broken"] or "cannot parse" in reasons["c.s.broken"]
    assert "FOREIGN" in reasons["c.s.foreign"] and "ICEBERG" in reasons["c.s.ice"]
    for name in ("geo", "broken", "foreign", "ice"):
        with pytest.raises(NotFoundError):
            server.service.get_table("hive", "c__s", name)

    ok = server.service.get_table("hive", "c__s", "hive_ok")
    assert ok.parameters["catalog.mirror.layout"] == "hive"
    assert [(c.name, c.type) for c in ok.sd.cols] == [
        ("b", "tinyint"),
        ("sh", "smallint"),
        ("d", "decimal(38,18)"),
        ("ch", "char(10)"),
        ("vc", "varchar(20)"),
        ("ts", "timestamp"),
        ("dt", "date"),
        ("bin", "binary"),
        ("st", "struct<a:int,tags:array<string>>"),
        ("m", "map<string,bigint>"),
        ("legacy", "array<struct<x:double>>"),
    ]
    fields = {f["name"]: f for f in json.loads(ok.parameters["spark.sql.sources.schema"])["fields"]}
    assert (
        fields["vc"]["type"] == "string"
        and fields["vc"]["metadata"]["__CHAR_VARCHAR_TYPE_STRING"] == "varchar(20)"
    )
    assert fields["legacy"]["type"] == {
        "type": "array",
        "elementType": {
            "type": "struct",
            "fields": [{"name": "x", "type": "double", "nullable": True, "metadata": {}}],
        },
        "containsNull": True,
    }

    so = server.service.get_table("hive", "c__s", "spark_only")
    assert so.parameters["catalog.mirror.layout"] == "spark"
    assert [(c.name, c.type, c.comment) for c in so.sd.cols] == [
        ("col", "array<string>", "from deserializer")
    ]
    assert [f["type"] for f in json.loads(so.parameters["spark.sql.sources.schema"])["fields"]] == [
        "long",
        "timestamp_ntz",
        "interval day to second",
        "variant",
    ]

    wide = server.service.get_table("hive", "c__s", "wide")
    assert "spark.sql.sources.schema" not in wide.parameters
    n = int(wide.parameters["spark.sql.sources.schema.numParts"])
    assert n > 1 and all(len(wide.parameters[f"spark.sql.sources.schema.part.{i}"]) <= 4000 for i in range(n))
    assert len(json.loads(mp.read_split(wide.parameters, "spark.sql.sources.schema"))["fields"]) == 120


def test_name_conflicts_are_skipped_never_overwritten(server, fake, client):
    populate(fake)
    client.create_database(db_factory("main__hr"))
    r = sync(server.service, fake)
    assert r.status == "succeeded"
    reasons = {
        e["object_name"]: e["reason"]
        for e in get_run(server.service.db, r.run_id)["events"]
        if e["action"] == "skipped"
    }
    assert "not mirrored" in reasons["main.hr"]
    assert "catalog.mirror.source" not in client.get_database("main__hr").parameters
    # a table of our own name in a mirrored database cannot exist (the guard), so try one in a
    # database the sync creates later: make a plain table first, then mirror a UC table onto it
    client.create_database(db_factory("other__later"))
    fake.add_schema("other", "later")
    r = sync(server.service, fake)
    assert any(
        e["reason"] and "not mirrored" in e["reason"] for e in get_run(server.service.db, r.run_id)["events"]
    )


def test_table_name_conflict_is_skipped(server, fake, client):
    fake.add_catalog("c")
    fake.add_schema("c", "s")
    sync(server.service, fake)
    # a plain table appears under a name UC is about to use (made beside the guard, as an admin might)
    from catalog.provenance import mirror_writes

    with mirror_writes():
        server.service.create_table(_plain_table("c__s", "t"))
    fake.add_table("c", "s", "t", [column("id", "int", "integer")])
    r = sync(server.service, fake)
    assert r.counts["skipped"] == 1 and r.counts["created"] == 0
    assert "catalog.mirror.source" not in server.service.get_table("hive", "c__s", "t").parameters


def _plain_table(db: str, name: str):
    from catalog.domain.model import FieldSchema, StorageDescriptor, Table

    return Table(
        db_name=db,
        table_name=name,
        sd=StorageDescriptor(cols=[FieldSchema("x", "int")], location="file:/tmp/x"),
        table_type="EXTERNAL_TABLE",
        parameters={"EXTERNAL": "TRUE"},
    )


def test_drop_and_recreate_under_the_same_name_replaces(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.drop_table("main.sales.orders")
    new = fake.add_table(
        "main",
        "sales",
        "orders",
        [column("id", "bigint", "long")],
        fmt="PARQUET",
        location="s3://bucket/sales/orders2",
    )
    r = sync(server.service, fake)
    assert r.status == "succeeded", r.summary()
    t = server.service.get_table("hive", "main__sales", "orders")
    assert t.parameters["catalog.mirror.unity_id"] == new["table_id"]
    assert t.sd.location == "s3://bucket/sales/orders2" and t.partition_keys == []


def test_changed_partition_keys_replace_the_table_in_one_transaction(server, fake):
    """Hive cannot alter partition keys: the mirror drops and re-creates the table, in one
    transaction, so a failure leaves the old table (never no table at all)."""
    from sqlalchemy import text

    from catalog.errors import StorageError

    populate(fake)
    sync(server.service, fake)
    t = fake.table("main.sales.orders")
    unpartitioned = [{k: v for k, v in c.items() if k != "partition_index"} for c in t["columns"]]
    fake.alter_table("main.sales.orders", columns=unpartitioned)
    fired = []

    def boom(conn):  # fails the transaction that writes the unpartitioned `orders`, once
        n = conn.execute(
            text(
                'SELECT count(*) FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" '
                "WHERE d.\"NAME\" = 'main__sales' AND t.\"TBL_NAME\" = 'orders' AND NOT EXISTS "
                '(SELECT 1 FROM "PARTITION_KEYS" k WHERE k."TBL_ID" = t."TBL_ID")'
            )
        ).scalar()
        if n and not fired:
            fired.append(1)
            raise StorageError("commit-time failure")

    server.service.db.before_commit.append(boom)
    try:
        r = sync(server.service, fake)
    finally:
        server.service.db.before_commit.remove(boom)
    assert fired and r.status == "partial", r.summary()
    old = server.service.get_table("hive", "main__sales", "orders")
    assert [k.name for k in old.partition_keys] == ["dt"]  # the old table, whole
    r = sync(server.service, fake)
    assert r.status == "succeeded" and r.counts["updated"] == 1, r.summary()
    new = server.service.get_table("hive", "main__sales", "orders")
    assert new.partition_keys == [] and [c.name for c in new.sd.cols] == ["id", "amount", "dt"]


def test_progress_seconds_count_from_the_start_of_the_run(server, fake, monkeypatch):
    from catalog.sync.runs import RunStore

    populate(fake)  # two catalogs: each schema done records the progress so far
    seconds: list[float] = []
    record = RunStore.progress

    def spy(self, counts):
        seconds.append(counts["seconds"])
        record(self, counts)

    monkeypatch.setattr(RunStore, "progress", spy)
    r = sync(server.service, fake, hive3_catalogs=False)
    assert r.status == "succeeded" and len(seconds) == 3  # main.sales, main.hr, other.misc
    assert seconds == sorted(seconds) and seconds[-1] <= r.counts["seconds"]


def test_dry_run_prints_the_plan_and_writes_nothing(server, fake):
    populate(fake)
    lines: list[str] = []
    from catalog.sync.mirror import SyncOptions, run_sync

    with client_for(fake) as c:
        r = run_sync(server.service, c, SyncOptions(dry_run=True), progress=lines.append)
    assert r.status == "succeeded" and r.counts["created"] == 7
    assert mirrored(server) == {}
    assert any("would create table main__sales.orders" in line for line in lines)
    assert list_runs(server.service.db, 1)[0]["dry_run"] is True


def test_catalog_option_limits_the_run(server, fake):
    populate(fake)
    r = sync(server.service, fake, catalogs=["other"])
    assert sorted(mirrored(server)) == ["<other__misc>"]
    assert fake.requests_to("/catalogs") and all(p != "/catalogs" for _, p, _ in fake.log)
    # mirroring only `other` later must not mark `main` missing
    sync(server.service, fake)
    r = sync(server.service, fake, catalogs=["other"])
    assert r.counts["marked_missing"] == 0


def test_name_template(server, fake):
    populate(fake)
    r = sync(server.service, fake, name_template="uc_{schema}", catalogs=["main"])
    assert r.status == "succeeded"
    assert sorted(k for k in mirrored(server) if k.startswith("<")) == ["<uc_hr>", "<uc_sales>"]


def test_concurrent_runs_second_exits(server, fake):
    populate(fake)
    with RunLock(server.service.db):
        with pytest.raises(RunLockBusy):
            sync(server.service, fake)
    assert sync(server.service, fake).status == "succeeded"  # released


def test_two_runs_at_once_against_a_slow_server(server, fake):
    populate(fake)
    fake.fail("/tables", delay=1.0, times=2)
    out: dict = {}
    t = threading.Thread(target=lambda: out.setdefault("r", sync(server.service, fake)))
    t.start()
    time.sleep(0.5)
    with pytest.raises(RunLockBusy):
        sync(server.service, fake)
    t.join(30)
    assert out["r"].status == "succeeded"


def test_readonly_guard_over_thrift(server, fake, client):
    populate(fake)
    sync(server.service, fake)
    t = client.get_table("main__sales", "orders")
    t.parameters["x"] = "y"
    with pytest.raises(tt.InvalidOperationException) as e:
        client.alter_table("main__sales", "orders", t)
    assert "mirrored from Unity Catalog" in e.value.message and "change it there" in e.value.message
    # Hive's IDL declares InvalidOperationException only on some calls; the others answer a
    # MetaException with the same message
    refused(lambda: client.drop_table("main__sales", "orders", False))
    refused(lambda: client.create_table(table_factory("main__sales", "sneaky")))
    d = client.get_database("main__sales")
    d.parameters["x"] = "y"
    refused(lambda: client.alter_database("main__sales", d))
    refused(lambda: client.drop_database("main__sales", False, True))
    part = tt.Partition(
        values=["2024-01-01"], dbName="main__sales", tableName="orders", sd=t.sd, parameters={}
    )
    refused(lambda: client.add_partition(part))
    # the objects are untouched, and ordinary objects are still writable
    assert "x" not in client.get_table("main__sales", "orders").parameters
    client.create_database(db_factory("plain"))
    client.create_table(table_factory("plain", "t"))
    client.drop_table("plain", "t", True)


def refused(call) -> None:
    with pytest.raises((tt.InvalidOperationException, tt.MetaException)) as e:
        call()
    assert "is mirrored from Unity Catalog (source http://127.0.0.1:" in e.value.message
    assert e.value.message.endswith("change it there")


def test_kill_midway_then_rerun_equals_one_clean_run(server, fake, pg_server, template_db, tmp_path):
    populate(fake)
    for i in range(6):
        fake.add_table(
            "main",
            "sales",
            f"extra{i}",
            [column("id", "bigint", "long")],
            fmt="PARQUET",
            location=f"s3://b/extra{i}",
        )
    # the process "dies" after 5 writes: every write before it is committed, nothing after
    s = server.service
    real_create = s.create_table
    calls = {"n": 0}

    def dying_create(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt("killed")
        return real_create(*a, **kw)

    s.create_table = dying_create
    with pytest.raises(KeyboardInterrupt):
        sync(s, fake)
    s.create_table = real_create
    killed = list_runs(s.db, 1)[0]
    assert killed["status"] == "failed" and "killed" in killed["error"]
    partial = mirrored(server)
    assert 0 < len([k for k in partial if not k.startswith("<")]) < 10
    r = sync(s, fake)
    assert r.status == "succeeded"
    # a clean run into a fresh metastore gives the same objects
    from tests.conftest import start_service

    url = pg_server.create_database(f"clean_{time.monotonic_ns()}", template=template_db)
    wh = tmp_path / "wh2"
    wh.mkdir()
    rt = start_service(url, wh)
    try:

        class S:
            service = rt.service

        assert sync(rt.service, fake).status == "succeeded"
        assert _comparable(mirrored(S)) == _comparable(mirrored(server))
        from tests.sync.test_mirror_catalogs import in_catalog

        assert rt.service.get_catalogs() == server.service.get_catalogs() == ["hive", "main", "other"]
        for c in ("main", "other"):
            assert _comparable(in_catalog(S, c)) == _comparable(in_catalog(server, c))
    finally:
        rt.stop()


def _comparable(objs: dict) -> dict:
    out = {}
    for k, v in objs.items():
        d = v.__dict__.copy()
        d["parameters"] = {
            p: x for p, x in v.parameters.items() if p not in ("transient_lastDdlTime", mp.SYNCED_AT)
        }
        d.pop("location_uri", None)
        out[k] = repr(sorted(d.items(), key=lambda kv: kv[0]))
    return out


def test_run_records_and_paging_of_list_runs(server, fake):
    populate(fake)
    ids = [sync(server.service, fake).run_id for _ in range(3)]
    runs = list_runs(server.service.db, 2)
    assert [r["id"] for r in runs] == ids[::-1][:2]
    assert [r["id"] for r in list_runs(server.service.db, 10, before_id=ids[1])] == [ids[0]]
    assert runs[0]["finished_at"] and runs[0]["counts"]["seen"] == 7
