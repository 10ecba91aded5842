"""Tables over real Thrift: create/get/alter/rename/drop with Hive's semantics and warehouse effects."""

from __future__ import annotations

import json

import pytest

from catalog.db import count_statements
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, partition, table


@pytest.fixture
def d1(client):
    client.create_database(database("d1"))
    return "d1"


def test_datasource_table_without_location_gets_one_and_a_directory(client, server, d1):
    # Spark sends managed data-source tables with sd.location = None and the path in the serde params.
    t = table(d1, "T1")
    t.sd.serdeInfo.parameters["path"] = f"file:{server.warehouse}/d1.db/t1"
    long_schema = json.dumps(
        {"type": "struct", "fields": [{"name": f"c{i}", "type": "string"} for i in range(300)]}
    )
    t.parameters.update({"spark.sql.sources.provider": "parquet", "spark.sql.sources.schema": long_schema})
    client.create_table_with_environment_context(t, tt.EnvironmentContext(properties={}))
    got = client.get_table("d1", "t1")
    assert got.tableName == "t1" and got.dbName == "d1"
    assert got.sd.location == f"file:{server.warehouse}/d1.db/t1"
    assert (server.warehouse / "d1.db" / "t1").is_dir()
    assert got.parameters["spark.sql.sources.schema"] == long_schema  # long values round-trip verbatim
    assert got.parameters["spark.sql.sources.provider"] == "parquet"
    assert "transient_lastDdlTime" in got.parameters
    assert got.createTime > 0
    assert [(c.name, c.type) for c in got.sd.cols] == [("id", "int"), ("name", "string")]
    assert got.sd.serdeInfo.parameters["path"] == f"file:{server.warehouse}/d1.db/t1"
    assert got.tableType == "MANAGED_TABLE"
    assert got.sd.skewedInfo is not None and got.sd.skewedInfo.skewedColNames == []


def test_get_table_round_trips_every_field(client, d1, tmp_path):
    t = table(
        d1,
        "full",
        cols=[("a", "decimal(10,2)"), ("b", "struct<x:int,y:array<string>>")],
        part_keys=[("dt", "string"), ("hr", "int")],
        location=str(tmp_path / "ext"),
        table_type="EXTERNAL_TABLE",
        params={"EXTERNAL": "TRUE", "comment": "hello"},
    )
    t.sd.cols[0].comment = "money"
    t.sd.numBuckets = 4
    t.sd.bucketCols = ["a"]
    t.sd.sortCols = [tt.Order(col="a", order=1)]
    t.sd.parameters = {"sdk": "sdv"}
    t.sd.compressed = True
    client.create_table(t)
    got = client.get_table("d1", "full")
    assert got.tableType == "EXTERNAL_TABLE"
    assert got.sd.location == f"file:{tmp_path}/ext"
    assert [(c.name, c.type, c.comment) for c in got.sd.cols] == [
        ("a", "decimal(10,2)", "money"),
        ("b", "struct<x:int,y:array<string>>", None),
    ]
    assert [(k.name, k.type) for k in got.partitionKeys] == [("dt", "string"), ("hr", "int")]
    assert (got.sd.numBuckets, got.sd.bucketCols, got.sd.sortCols) == (4, ["a"], [tt.Order(col="a", order=1)])
    assert got.sd.parameters == {"sdk": "sdv"} and got.sd.compressed is True
    assert got.parameters["comment"] == "hello" and got.owner == "tester"


def test_view_has_text_and_no_location(client, d1):
    v = table(d1, "v1", table_type="VIRTUAL_VIEW")
    v.viewOriginalText = "SELECT id FROM t1"
    v.viewExpandedText = "SELECT `t1`.`id` FROM `d1`.`t1`"
    client.create_table(v)
    got = client.get_table("d1", "v1")
    assert got.tableType == "VIRTUAL_VIEW"
    assert (got.viewOriginalText, got.viewExpandedText) == (v.viewOriginalText, v.viewExpandedText)
    assert got.sd.location is None
    assert client.get_tables_by_type("d1", "*", "VIRTUAL_VIEW") == ["v1"]


def test_missing_table_and_database(client, d1):
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("d1", "nope")
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("nodb", "t")
    with pytest.raises(tt.NoSuchObjectException):
        client.create_table(table("nodb", "t"))


def test_duplicate_table_is_already_exists(client, d1):
    client.create_table(table(d1, "t1"))
    with pytest.raises(tt.AlreadyExistsException):
        client.create_table(table(d1, "T1"))


@pytest.mark.parametrize(
    "bad",
    [
        table("d1", "bad-name"),
        table("d1", "t" * 257),
        table("d1", "clash", cols=[("id", "int"), ("dt", "string")], part_keys=[("dt", "string")]),
        table("d1", "dupcols", cols=[("id", "int"), ("ID", "string")]),
        table("d1", "notype", cols=[("id", "")]),
        table("d1", "badtype", table_type="INDEX_TABLE"),
    ],
)
def test_invalid_tables_are_rejected_and_nothing_written(client, d1, server, bad):
    with pytest.raises(tt.InvalidObjectException):
        client.create_table(bad)
    assert client.get_all_tables("d1") == []
    assert list((server.warehouse / "d1.db").iterdir()) == []


def test_list_tables_patterns_and_objects(client, d1):
    for n in ("t1", "t2", "other"):
        client.create_table(table(d1, n))
    assert client.get_tables("d1", "*") == ["other", "t1", "t2"]
    assert client.get_tables("d1", "t*") == ["t1", "t2"]
    assert client.get_all_tables("d1") == ["other", "t1", "t2"]
    objs = client.get_table_objects_by_name_req(tt.GetTablesRequest(dbName="d1", tblNames=["t2", "T1", "zz"]))
    assert sorted(t.tableName for t in objs.tables) == ["t1", "t2"]
    assert client.get_table_req(tt.GetTableRequest(dbName="d1", tblName="t1")).table.tableName == "t1"
    metas = client.get_table_meta("d1", "t*", [])
    assert [(m.dbName, m.tableName, m.tableType) for m in metas] == [
        ("d1", "t1", "MANAGED_TABLE"),
        ("d1", "t2", "MANAGED_TABLE"),
    ]


def test_alter_table_add_columns_and_properties(client, d1):
    client.create_table(table(d1, "t1"))
    t = client.get_table("d1", "t1")
    t.sd.cols.append(tt.FieldSchema(name="extra", type="string", comment="new"))
    t.parameters["k"] = "v"
    client.alter_table_with_environment_context("d1", "t1", t, tt.EnvironmentContext(properties={}))
    got = client.get_table("d1", "t1")
    assert [c.name for c in got.sd.cols] == ["id", "name", "extra"]
    assert got.parameters["k"] == "v"
    del got.parameters["k"]
    client.alter_table("d1", "t1", got)
    assert "k" not in client.get_table("d1", "t1").parameters


def test_rename_managed_table_moves_directory_and_partitions(client, server, d1):
    t = table(d1, "p1", part_keys=[("dt", "string")])
    client.create_table(t)
    t = client.get_table("d1", "p1")
    client.add_partitions([partition(t, ["2024-01-01"]), partition(t, ["2024-01-02"])])
    (server.warehouse / "d1.db" / "p1" / "dt=2024-01-01" / "f.parquet").write_text("x")
    t.tableName = "p2"  # Spark keeps the old sd.location in the new object
    client.alter_table("d1", "p1", t)
    got = client.get_table("d1", "p2")
    assert got.sd.location == f"file:{server.warehouse}/d1.db/p2"
    assert not (server.warehouse / "d1.db" / "p1").exists()
    assert (server.warehouse / "d1.db" / "p2" / "dt=2024-01-01" / "f.parquet").read_text() == "x"
    locs = [p.sd.location for p in client.get_partitions("d1", "p2", -1)]
    assert locs == [
        f"file:{server.warehouse}/d1.db/p2/dt=2024-01-01",
        f"file:{server.warehouse}/d1.db/p2/dt=2024-01-02",
    ]
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("d1", "p1")


def test_rename_onto_existing_table_fails_and_changes_nothing(client, d1):
    client.create_table(table(d1, "a"))
    client.create_table(table(d1, "b"))
    t = client.get_table("d1", "a")
    t.tableName = "b"
    with pytest.raises(tt.InvalidOperationException):
        client.alter_table("d1", "a", t)
    assert client.get_tables("d1", "*") == ["a", "b"]


def test_alter_missing_table_is_invalid_operation(client, d1):
    with pytest.raises(tt.InvalidOperationException):
        client.alter_table("d1", "nope", table(d1, "nope"))


def test_external_table_data_survives_drop(client, d1, tmp_path):
    loc = tmp_path / "ext"
    loc.mkdir()
    (loc / "data.csv").write_text("1,a")
    client.create_table(
        table(d1, "e1", location=str(loc), table_type="EXTERNAL_TABLE", params={"EXTERNAL": "TRUE"})
    )
    client.drop_table("d1", "e1", True)
    assert (loc / "data.csv").read_text() == "1,a"
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("d1", "e1")


def test_drop_managed_table_deletes_data_only_when_asked(client, server, d1):
    client.create_table(table(d1, "keep"))
    client.create_table(table(d1, "gone"))
    client.drop_table("d1", "keep", False)
    client.drop_table("d1", "gone", True)
    assert (server.warehouse / "d1.db" / "keep").is_dir()
    assert not (server.warehouse / "d1.db" / "gone").exists()
    with pytest.raises(tt.NoSuchObjectException):
        client.drop_table("d1", "gone", True)


def test_drop_table_leaves_no_orphan_rows(client, server, d1):
    from sqlalchemy import create_engine, text

    t = table(d1, "p", part_keys=[("dt", "string")])
    client.create_table(t)
    client.add_partitions([partition(client.get_table("d1", "p"), [f"d{i}"]) for i in range(20)])
    client.drop_table("d1", "p", True)
    eng = create_engine(server.database_url)
    with eng.connect() as c:
        for tbl in (
            "TBLS",
            "PARTITIONS",
            "PARTITION_KEY_VALS",
            "PARTITION_PARAMS",
            "SDS",
            "SERDES",
            "CDS",
            "COLUMNS_V2",
            "SERDE_PARAMS",
            "TABLE_PARAMS",
        ):
            assert c.execute(text(f'SELECT count(*) FROM "{tbl}"')).scalar() == 0, tbl
    eng.dispose()


def test_get_table_costs_one_round_trip_whatever_the_width(server):
    svc = server.service
    from catalog.domain.model import Database
    from catalog.thrift.convert import table_from

    svc.create_database(Database(name="w"))
    svc.create_table(table_from(table("w", "narrow")))
    wide = table("w", "wide", cols=[(f"c{i}", "string") for i in range(500)], part_keys=[("dt", "string")])
    wide.parameters.update({f"p{i}": "v" for i in range(100)})
    svc.create_table(table_from(wide))
    seen = count_statements(svc.db.engine)
    for name in ("narrow", "wide"):
        before = len(seen)
        t = svc.get_table("hive", "w", name)
        assert len(seen) - before == 1, seen[before:]
    assert len(t.sd.cols) == 500 and len(t.parameters) >= 100
    before = len(seen)
    svc.get_database("hive", "w")
    assert len(seen) - before == 1


def test_truncate_table_empties_the_directory(client, server, d1):
    client.create_table(table(d1, "t"))
    f = server.warehouse / "d1.db" / "t" / "part-0.parquet"
    f.write_text("data")
    client.truncate_table("d1", "t", None)
    assert (server.warehouse / "d1.db" / "t").is_dir() and not f.exists()


def test_fast_stats_follow_hive(client, server, d1, tmp_path):
    # An existing directory is measured at create (external table) and on every alter.
    loc = tmp_path / "ext2"
    loc.mkdir()
    (loc / "a.parquet").write_bytes(b"x" * 10)
    (loc / "_SUCCESS").write_bytes(b"")
    (loc / ".hidden").write_bytes(b"yyyy")
    client.create_table(
        table(d1, "e", location=str(loc), table_type="EXTERNAL_TABLE", params={"EXTERNAL": "TRUE"})
    )
    t = client.get_table("d1", "e")
    assert (t.parameters["numFiles"], t.parameters["totalSize"]) == ("1", "10")
    (loc / "sub").mkdir()
    (loc / "sub" / "b.parquet").write_bytes(b"z" * 5)
    client.alter_table_with_environment_context("d1", "e", t, tt.EnvironmentContext(properties=None))
    t = client.get_table("d1", "e")
    assert (t.parameters["numFiles"], t.parameters["totalSize"]) == ("2", "15")
    # DO_NOT_UPDATE_STATS leaves the stats as sent
    t.parameters["totalSize"] = "999"
    client.alter_table_with_environment_context(
        "d1", "e", t, tt.EnvironmentContext(properties={"DO_NOT_UPDATE_STATS": "true"})
    )
    assert client.get_table("d1", "e").parameters["totalSize"] == "999"
    # a managed table whose directory we create has no stats yet
    client.create_table(table(d1, "m"))
    assert "numFiles" not in client.get_table("d1", "m").parameters


def test_failed_rename_moves_the_directory_back(client, server, d1):
    client.create_table(table(d1, "a"))
    (server.warehouse / "d1.db" / "a" / "f").write_text("x")
    t = client.get_table("d1", "a")
    t.tableName = "b"

    def fail_at_commit(conn):
        raise RuntimeError("simulated failure at commit")

    server.service.db.before_commit.append(fail_at_commit)
    try:
        with pytest.raises(tt.MetaException):
            client.alter_table("d1", "a", t)
    finally:
        server.service.db.before_commit.remove(fail_at_commit)
    assert (server.warehouse / "d1.db" / "a" / "f").read_text() == "x"
    assert not (server.warehouse / "d1.db" / "b").exists()
    assert client.get_table("d1", "a").sd.location == f"file:{server.warehouse}/d1.db/a"
    client.alter_table("d1", "a", t)  # and the rename works once the fault is gone
    assert (server.warehouse / "d1.db" / "b" / "f").read_text() == "x"
