"""The mirror's Hive 3 catalogs: every UC catalog is also a Hive catalog of the same name holding
its schemas under their own names (`@main#sales`), beside the Spark-visible `main__sales` in `hive`."""

from __future__ import annotations

import time

import pytest

from catalog.sync import mapping as mp
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client
from tests.factories import database as db_factory
from tests.sync.conftest import sync
from tests.sync.fake_uc import FakeUnity, column
from tests.sync.test_mirror import events, mirrored, populate


def in_catalog(server, catalog: str) -> dict:
    """{db.table: Table} and {<db>: Database} of one Hive catalog."""
    s = server.service
    out = {}
    for db in s.get_databases(catalog):
        out[f"<{db}>"] = s.get_database(catalog, db)
        for name in s.get_tables(catalog, db):
            out[f"{db}.{name}"] = s.get_table(catalog, db, name)
    return out


def test_each_uc_catalog_is_a_hive3_catalog_with_its_schemas_under_their_names(server, any_fake):
    populate(any_fake)
    any_fake.add_schema("main", "default", comment="UC's own default schema")
    r = sync(server.service, any_fake)
    assert r.status == "succeeded", r.summary()
    assert r.counts["created"] == 8  # the Spark-visible mirror: 4 schemas + 4 tables
    assert r.counts["hive3"]["created"] == 2 + 8  # two catalogs, then the same objects again
    assert "Hive 3 catalogs: " in r.summary()
    with thrift_client(server.port) as cl:
        assert cl.get_catalogs().names == ["hive", "main", "other"]
        cat = cl.get_catalog(tt.GetCatalogRequest("main")).catalog
        assert cat.description == "Unity Catalog catalog main: the main catalog"
        # no Hive-made `default` database: UC's own schemas only
        assert cl.get_databases("@main#*") == ["default", "hr", "sales"]
        assert cl.get_database("@main#default").description == "UC's own default schema"
        assert cl.get_databases("@other#*") == ["misc"]
        db = cl.get_database("@main#sales")
        assert (db.catalogName, db.description, db.parameters["team"]) == ("main", "sales data", "finance")
        assert db.parameters[mp.UNITY_ID] == cl.get_database("main__sales").parameters[mp.UNITY_ID]
        assert sorted(cl.get_all_tables("@main#sales")) == ["events", "orders", "orders_v"]
        t3 = cl.get_table("@main#sales", "orders")
        t2 = cl.get_table("main__sales", "orders")
        assert (t3.catName, t3.dbName, t3.tableName) == ("main", "sales", "orders")
        assert t3.sd.location == t2.sd.location == "s3://bucket/sales/orders"
        assert [c.name for c in t3.sd.cols] == [c.name for c in t2.sd.cols]
        assert [k.name for k in t3.partitionKeys] == ["dt"]
        assert t3.parameters[mp.UNITY_ID] == t2.parameters[mp.UNITY_ID]
        view = cl.get_table("@main#sales", "orders_v")
        assert view.tableType == "VIRTUAL_VIEW"
        # Spark's built-in (Hive 2.3) client still sees only the `hive` catalog
        assert "sales" not in cl.get_all_databases() and "main__sales" in cl.get_all_databases()


def test_resync_is_a_noop_in_every_catalog(server, fake):
    populate(fake)
    sync(server.service, fake)
    before = {c: in_catalog(server, c) for c in ("main", "other")}
    time.sleep(1.1)
    r = sync(server.service, fake)
    assert r.status == "succeeded"
    assert all(v == 0 for k, v in r.counts["hive3"].items() if k != "unchanged"), r.counts["hive3"]
    assert r.counts["hive3"]["unchanged"] == 7
    assert events(server, r.run_id) == []
    assert {c: in_catalog(server, c) for c in ("main", "other")} == before


def test_rename_drop_and_new_table_reach_the_hive3_catalog(server, fake):
    populate(fake)
    sync(server.service, fake)
    uid = fake.table("main.sales.orders")["table_id"]
    fake.rename_table("main.sales.orders", "orders_2024")
    fake.drop_table("main.sales.events")
    fake.add_table(
        "main", "sales", "fresh", [column("id", "bigint", "long")], fmt="PARQUET", location="s3://b/fresh"
    )
    r = sync(server.service, fake, grace_period_hours=0)
    assert r.status == "succeeded", r.summary()
    assert r.counts["hive3"]["renamed"] == 1 and r.counts["hive3"]["created"] == 1
    assert r.counts["hive3"]["marked_missing"] == 1
    m = in_catalog(server, "main")
    assert "sales.orders" not in m and m["sales.orders_2024"].parameters[mp.UNITY_ID] == uid
    assert "sales.fresh" in m
    assert mp.MISSING_SINCE in m["sales.events"].parameters
    assert ("hive3 table", "main.sales.orders_2024", "renamed") in events(server, r.run_id)
    r = sync(server.service, fake, grace_period_hours=0)
    assert r.counts["hive3"]["purged"] == 1
    assert "sales.events" not in in_catalog(server, "main")


def test_a_catalog_dropped_in_uc_is_purged_after_its_databases(server, fake):
    populate(fake)
    sync(server.service, fake)
    del fake.catalogs["other"]
    del fake.schemas[("other", "misc")]
    r = sync(server.service, fake, grace_period_hours=24)
    assert r.counts["hive3"]["marked_missing"] == 1  # the database other.misc
    assert "other" in server.service.get_catalogs()
    later = time.time() + 25 * 3600
    r = sync(server.service, fake, grace_period_hours=24, clock=lambda: later)
    assert r.status == "succeeded", r.summary()
    assert r.counts["hive3"]["purged"] == 2  # the database, then the catalog
    assert server.service.get_catalogs() == ["hive", "main"]
    assert ("hive3 catalog", "other", "purged") in events(server, r.run_id)


def test_mirrored_catalogs_are_read_only(server, fake):
    populate(fake)
    sync(server.service, fake)
    with thrift_client(server.port) as cl:
        with pytest.raises(tt.InvalidOperationException, match="mirrored from Unity Catalog"):
            cl.drop_catalog(tt.DropCatalogRequest("other"))
        with pytest.raises(tt.InvalidOperationException, match="mirrored from Unity Catalog"):
            cl.alter_catalog(
                tt.AlterCatalogRequest(
                    "main", tt.Catalog(name="main", description="x", locationUri="file:/tmp/x")
                )
            )
        db = db_factory("mine")
        db.catalogName = "main"
        with pytest.raises(tt.MetaException, match="mirrored from Unity Catalog"):
            cl.create_database(db)
        t = cl.get_table("@main#sales", "orders")
        t.parameters["x"] = "y"
        with pytest.raises(tt.InvalidOperationException, match="mirrored from Unity Catalog"):
            cl.alter_table("@main#sales", "orders", t)
        with pytest.raises(tt.MetaException, match="mirrored from Unity Catalog"):
            cl.drop_table("@main#sales", "orders", False)
        assert cl.get_catalogs().names == ["hive", "main", "other"]


def test_a_hive_catalog_of_the_same_name_not_ours_is_left_alone(server, fake, tmp_path):
    populate(fake)
    with thrift_client(server.port) as cl:
        cl.create_catalog(tt.CreateCatalogRequest(tt.Catalog(name="other", locationUri=f"file:{tmp_path}/o")))
    r = sync(server.service, fake)
    assert r.status == "succeeded"
    assert r.counts["hive3"]["skipped"] == 1
    reasons = [
        k
        for k in r.counts["skipped_reasons"]
        if k.startswith("Hive catalog other exists and is not mirrored")
    ]
    assert len(reasons) == 1, r.counts["skipped_reasons"]
    assert server.service.get_databases("other") == ["default"]  # Hive's own default, untouched
    assert "<other__misc>" in mirrored(server)  # the Spark-visible mirror is unaffected
    assert server.service.get_databases("main") == ["hr", "sales"]


def test_uc_catalog_named_like_the_spark_catalog_is_skipped(server):
    fake = FakeUnity(dialect="oss").start()
    try:
        fake.add_catalog("hive")
        fake.add_schema("hive", "s")
        r = sync(server.service, fake)
        assert r.status == "succeeded"
        assert "<hive__s>" in mirrored(server)
        assert r.counts["hive3"]["skipped"] == 1
        assert server.service.get_databases("hive") == ["default", "hive__s"]
    finally:
        fake.stop()


def test_no_hive3_catalogs_option(server, fake):
    populate(fake)
    r = sync(server.service, fake, hive3_catalogs=False)
    assert r.status == "succeeded" and r.counts["created"] == 7
    assert server.service.get_catalogs() == ["hive"]


def test_dry_run_creates_no_catalog(server, fake):
    populate(fake)
    r = sync(server.service, fake, dry_run=True)
    assert r.status == "succeeded"
    assert "create catalog main (from main)" in r.plan
    assert "create database sales (from main.sales) [catalog main]" in r.plan
    assert server.service.get_catalogs() == ["hive"]


def test_a_failed_schema_listing_never_drops_the_catalog(server, fake):
    populate(fake)
    sync(server.service, fake)
    # other.misc is purged in UC, the catalog stays; then its schema listing fails
    fake.drop_schema("other", "misc")
    later = time.time() + 25 * 3600
    sync(server.service, fake, grace_period_hours=0)
    r = sync(server.service, fake, grace_period_hours=0, clock=lambda: later)
    assert server.service.get_databases("other") == []
    assert "other" in server.service.get_catalogs()  # UC still lists the catalog: kept, though empty
    fake.fail("/schemas", times=100, status=503, when=lambda q: q.get("catalog_name") == "other")
    r = sync(server.service, fake, grace_period_hours=0, clock=lambda: later)
    assert r.status == "partial"
    assert "other" in server.service.get_catalogs()
