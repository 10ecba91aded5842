"""Skewed (list-bucketed) tables and partitions over real Thrift: stored in Hive's SKEWED_* tables,
served back whole on get_table / partition listings, replaced on alter, removed on drop."""

from __future__ import annotations

from sqlalchemy import text

from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.thrift import convert as cv
from catalog.thrift import partition_wire
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, partition, table
from tests.test_thrift_partition_wire import _decode

SKEW_TABLES = (
    "SKEWED_COL_NAMES",
    "SKEWED_VALUES",
    "SKEWED_COL_VALUE_LOC_MAP",
    "SKEWED_STRING_LIST",
    "SKEWED_STRING_LIST_VALUES",
)


def _skew(loc: str) -> tt.SkewedInfo:
    return tt.SkewedInfo(
        skewedColNames=["id", "name"],
        skewedColValues=[["1", "a"], ["2", "b/c é"], ["3", ""]],
        skewedColValueLocationMaps={
            ("1", "a"): f"{loc}/id=1/name=a",
            ("2", "b/c é"): f"{loc}/id=2/name=b%2Fc é",
        },
    )


def _counts(server) -> dict[str, int]:
    with server.service.db.read() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in SKEW_TABLES}


def _skewed_table(client, tmp_path, name="sk") -> tt.Table:
    t = table("s", name, part_keys=[("ds", "string")])
    t.sd.skewedInfo = _skew(f"file:{tmp_path}/{name}")
    t.sd.storedAsSubDirectories = True
    client.create_table(t)
    return t


def test_create_and_get_table_keep_skew_info(client, server, tmp_path):
    client.create_database(database("s"))
    _skewed_table(client, tmp_path)
    got = client.get_table("s", "sk")
    assert got.sd.skewedInfo == _skew(f"file:{tmp_path}/sk")
    assert got.sd.storedAsSubDirectories is True
    assert client.get_table_objects_by_name("s", ["sk"])[0].sd.skewedInfo == _skew(f"file:{tmp_path}/sk")
    # Hive's rows: 2 names, 3 value lists, 2 location maps, 5 string lists with 10 values
    assert _counts(server) == {
        "SKEWED_COL_NAMES": 2,
        "SKEWED_VALUES": 3,
        "SKEWED_COL_VALUE_LOC_MAP": 2,
        "SKEWED_STRING_LIST": 5,
        "SKEWED_STRING_LIST_VALUES": 10,
    }
    with server.service.db.read() as conn:
        nxt = conn.execute(
            text(
                'SELECT "NEXT_VAL" FROM "SEQUENCE_TABLE" '
                "WHERE \"SEQUENCE_NAME\" = 'org.apache.hadoop.hive.metastore.model.MStringList'"
            )
        ).scalar()
        top = conn.execute(text('SELECT max("STRING_LIST_ID") FROM "SKEWED_STRING_LIST"')).scalar()
    assert nxt is not None and nxt > top  # ids came from SEQUENCE_TABLE, as DataNucleus allocates them


def test_alter_table_replaces_skew_info_and_drop_removes_it(client, server, tmp_path):
    client.create_database(database("s"))
    t = _skewed_table(client, tmp_path)
    t.sd.skewedInfo = tt.SkewedInfo(
        skewedColNames=["name"], skewedColValues=[["z"]], skewedColValueLocationMaps={("z",): "file:/z"}
    )
    client.alter_table("s", "sk", t)
    assert client.get_table("s", "sk").sd.skewedInfo == t.sd.skewedInfo
    assert _counts(server)["SKEWED_STRING_LIST"] == 2  # the old lists went with the old descriptor
    t.sd.skewedInfo = tt.SkewedInfo(skewedColNames=[], skewedColValues=[], skewedColValueLocationMaps={})
    client.alter_table("s", "sk", t)
    assert client.get_table("s", "sk").sd.skewedInfo == t.sd.skewedInfo
    assert set(_counts(server).values()) == {0}
    _skewed_table(client, tmp_path, "sk2")
    client.drop_table("s", "sk2", True)
    assert set(_counts(server).values()) == {0}


def test_partition_skew_info_on_every_listing(client, server, tmp_path):
    client.create_database(database("s"))
    t = _skewed_table(client, tmp_path)
    batch = []
    for i in range(12):
        p = partition(t, [f"d{i:02}"])
        if i % 3 == 0:
            p.sd.skewedInfo = _skew(f"file:{tmp_path}/sk/ds=d{i:02}")
        if i % 3 == 1:  # location maps only, as Hive writes them after list bucketing an insert
            p.sd.skewedInfo = tt.SkewedInfo([], [], {(str(i),): f"file:/x/{i}", (): "file:/default"})
        batch.append(p)
    client.add_partitions(batch)
    got = client.get_partitions("s", "sk", -1)
    assert [p.sd.skewedInfo for p in got] == [b.sd.skewedInfo or tt.SkewedInfo([], [], {}) for b in batch]
    # the encoding PostgreSQL keeps decodes to the object path's (the fields naming the table come
    # last in it: a rename rewrites no encoding)
    with server.service.db.read() as conn:
        row = tbls.get_table(conn, "hive", "s", "sk")
        expected = cv.partitions_to(
            [r.partition for r in parts.select_partitions(conn, row, parts.Selection())]
        )
        page = partition_wire.read_page(conn, row, parts.Selection())
        assert _decode(page.data, page.count) == expected == got
        slow = partition_wire.object_page(conn, row, parts.Selection())
        assert _decode(slow.data, slow.count) == _decode(page.data, page.count)
    assert client.get_partition("s", "sk", ["d03"]).sd.skewedInfo == _skew(f"file:{tmp_path}/sk/ds=d03")
    assert client.get_partitions_by_names("s", "sk", ["ds=d04"])[0].sd.skewedInfo == batch[4].sd.skewedInfo
    # alter a partition's skew info; dropping partitions leaves no skew rows behind
    p = client.get_partition("s", "sk", ["d00"])
    p.sd.skewedInfo = tt.SkewedInfo(["id"], [["9"]], {("9",): "file:/nine"})
    client.alter_partition("s", "sk", p)
    assert client.get_partition("s", "sk", ["d00"]).sd.skewedInfo == p.sd.skewedInfo
    client.drop_table("s", "sk", True)
    assert set(_counts(server).values()) == {0}
