"""The partition listings PostgreSQL renders in Thrift's binary encoding (catalog/thrift/partition_wire.py)
must decode to exactly what the object path (store rows -> domain -> convert.partition_to) gives."""

from __future__ import annotations

import random

import pytest
from thrift.protocol.TBinaryProtocol import TBinaryProtocol
from thrift.transport.TTransport import TMemoryBuffer

from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.thrift import convert as cv
from catalog.thrift import partition_wire
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, partition, table

VALUES = ["a", "b/c", "x=y", "100%", "é ü 中", "", "sp ace", "q'uote", "tab\there", "a" * 200]


def _decode(data: bytes, n: int) -> list[tt.Partition]:
    prot = TBinaryProtocol(TMemoryBuffer(data))
    out = []
    for _ in range(n):
        p = tt.Partition()
        p.read(prot)
        out.append(p)
    assert prot.trans.read(1) == b""  # nothing left over
    return out


def _varied(client, tmp_path) -> None:
    client.create_database(database("w"))
    t = table(
        "w",
        "t",
        cols=(("id", "int"), ("name", "string"), ("m", "map<string,int>")),
        part_keys=[("ds", "string"), ("n", "int")],
    )
    t.sd.cols[1].comment = "the name — ünïcode"
    client.create_table(t)
    rnd = random.Random(7)
    batch = []
    for i in range(150):
        p = partition(
            t,
            [rnd.choice(VALUES) + str(i), str(i % 7)],
            location=f"file:{tmp_path}/elsewhere/{i}" if i % 10 == 0 else None,
        )
        p.parameters = {f"k{j}": rnd.choice(VALUES) for j in range(i % 4)}
        p.createTime = 1_700_000_000 + i
        p.lastAccessTime = i
        if i % 5 == 0:
            p.sd.bucketCols = ["id", "name"]
            p.sd.numBuckets = 4
            p.sd.sortCols = [tt.Order(col="id", order=1), tt.Order(col="name", order=0)]
            p.sd.compressed = True
            p.sd.parameters = {"sd.k": "v é"}
            p.sd.serdeInfo.parameters = {"field.delim": ",", "serialization.format": "|"}
            p.sd.serdeInfo.name = "serde name"
        if i % 7 == 0:
            p.sd.cols = [tt.FieldSchema(name="other", type="bigint", comment=None)]
        batch.append(p)
    client.add_partitions(batch)


def test_encoded_pages_decode_to_the_object_path(client, server, tmp_path):
    _varied(client, tmp_path)
    s = server.service
    with s.db.read() as conn:
        row = tbls.get_table(conn, "hive", "w", "t")
        for sel in (
            parts.Selection(),
            parts.by_partial_values(["", "3"]),
            parts.by_names(["ds=a0/n=0", "nope"]),
        ):
            expected = cv.partitions_to([r.partition for r in parts.select_partitions(conn, row, sel)])
            page = partition_wire.read_page(conn, row, sel)
            assert page.count == len(expected)
            assert _decode(page.data, page.count) == expected
            if expected:
                assert page.last_name == parts.select_partitions(conn, row, sel)[-1].name
        # keyset pages concatenate to the whole listing
        first = partition_wire.read_page(conn, row, parts.Selection(), 40)
        rest = partition_wire.read_page(conn, row, parts.Selection(), None, after=first.last_name)
        whole = cv.partitions_to([r.partition for r in parts.select_partitions(conn, row, parts.Selection())])
        assert _decode(first.data + rest.data, first.count + rest.count) == whole
        empty = partition_wire.read_page(conn, row, parts.by_names(["nope"]))
        assert (empty.count, empty.data, empty.last_name) == (0, b"", None)


def test_listings_over_thrift_match_the_object_path(client, server, tmp_path):
    _varied(client, tmp_path)
    s = server.service
    expected = cv.partitions_to(s.get_partitions("hive", "w", "t"))
    assert client.get_partitions("w", "t", -1) == expected
    assert client.get_partitions("w", "t", 17) == expected[:17]
    assert client.get_partitions_ps("w", "t", ["", "2"], -1) == [p for p in expected if p.values[1] == "2"]
    assert client.get_partitions_by_filter("w", "t", "n = 3", -1) == [
        p for p in expected if p.values[1] == "3"
    ]
    got = client.get_partitions_by_filter("@hive#w", "t", 'ds like "é.*"', -1)
    assert got == [p for p in expected if p.values[0].startswith("é")] and got


def test_partitions_by_names_over_thrift(client, server, tmp_path):
    _varied(client, tmp_path)
    expected = cv.partitions_to(server.service.get_partitions("hive", "w", "t"))
    names = client.get_partition_names("w", "t", -1)
    pick = [names[5], names[0], "ds=nope/n=1", names[90]]
    got = client.get_partitions_by_names("w", "t", pick)
    assert names == sorted(names)  # names and listings are both in partition-name order
    assert got == [expected[0], expected[5], expected[90]]  # unknown names are ignored, as in Hive
    assert client.get_partitions_by_names("w", "t", []) == []


def test_a_database_not_in_utf8_gets_the_object_path(client, server, tmp_path, monkeypatch):
    _varied(client, tmp_path)
    s = server.service
    with s.db.read() as conn:
        assert partition_wire._server_encoding(conn) == "UTF8"
        row = tbls.get_table(conn, "hive", "w", "t")
        fast = partition_wire.read_page(conn, row, parts.Selection(), 50)
        monkeypatch.setattr(partition_wire, "_server_encoding", lambda conn: "LATIN1")
        slow = partition_wire.read_page(conn, row, parts.Selection(), 50)
    assert (slow.count, slow.last_name) == (fast.count, fast.last_name) == (50, fast.last_name)
    assert _decode(slow.data, 50) == _decode(fast.data, 50)


def test_listings_in_growing_pages_are_whole_and_in_order(client, server):
    """Streamed listings go out as a small first page, then larger ones (catalog/thrift/streaming.py):
    every partition once, in name order, with limits falling inside any page."""
    client.create_database(database("g"))
    t = table("g", "t", part_keys=[("ds", "string")])
    client.create_table(t)
    client.add_partitions([partition(t, [f"v{i:04d}"]) for i in range(1150)])
    want = [[f"v{i:04d}"] for i in range(1150)]
    assert [p.values for p in client.get_partitions("g", "t", -1)] == want
    for limit in (99, 100, 101, 399, 400, 1001):
        assert [p.values for p in client.get_partitions("g", "t", limit)] == want[:limit]
    got = client.get_partitions_by_filter("g", "t", "ds >= 'v0050'", -1)
    assert [p.values for p in got] == want[50:]
    names = [f"ds=v{i:04d}" for i in range(0, 1150, 2)]
    assert [p.values for p in client.get_partitions_by_names("g", "t", names)] == want[::2]
    expected = cv.partitions_to(server.service.get_partitions("hive", "g", "t"))
    assert client.get_partitions("g", "t", -1) == expected


def test_partitions_without_a_stored_encoding_are_encoded_by_the_listing(client, server, tmp_path):
    """Encodings deleted by hand (or not yet rebuilt by a migration): the streamed listing's own
    statement encodes those partitions, and the reply is the same."""
    from sqlalchemy import text

    _varied(client, tmp_path)
    before = client.get_partitions("w", "t", -1)
    with server.service.db.write() as conn:
        gone = conn.execute(text("DELETE FROM catalog.partition_wire WHERE part_id % 3 = 0")).rowcount
    assert gone >= 40
    assert client.get_partitions("w", "t", -1) == before
    assert client.get_partitions("w", "t", 20) == before[:20]
    assert client.get_partitions_by_filter("w", "t", 'n = "3"', -1) == [
        p for p in before if p.values[1] == "3"
    ]


def test_a_listing_after_the_table_changed_lists_the_table_as_it_now_is(client):
    """A listing builds its statement from the table row it last read and checks, in that statement's
    snapshot, that the row is still the table (id, names, partition keys): a table dropped and created
    again, renamed, or replaced by one with other partition keys is listed as it now is."""
    client.create_database(database("c"))
    t = table("c", "t", part_keys=[("ds", "string")])
    client.create_table(t)
    client.add_partitions([partition(t, [f"d{i}"]) for i in range(3)])
    assert [p.values for p in client.get_partitions("c", "t", -1)] == [["d0"], ["d1"], ["d2"]]
    assert len(client.get_partitions_by_filter("c", "t", "ds >= 'd1'", -1)) == 2

    client.drop_table("c", "t", True)  # the same name, another table, other partition keys
    t2 = table("c", "t", part_keys=[("n", "int")])
    client.create_table(t2)
    client.add_partitions([partition(t2, [str(i)]) for i in (5, 6)])
    got = client.get_partitions("c", "t", -1)
    assert [(p.tableName, p.values) for p in got] == [("t", ["5"]), ("t", ["6"])]
    assert [p.values for p in client.get_partitions_by_filter("c", "t", "n > 5", -1)] == [["6"]]
    with pytest.raises(tt.MetaException):
        client.get_partitions_by_filter("c", "t", "ds >= 'd1'", -1)  # no such key any more

    renamed = client.get_table("c", "t")  # renamed away; a new table takes the name
    renamed.tableName = "moved"
    client.alter_table("c", "t", renamed)
    with pytest.raises(tt.NoSuchObjectException):
        client.get_partitions("c", "t", -1)
    with pytest.raises(tt.NoSuchObjectException):
        client.get_partitions_by_names("c", "t", ["n=5"])
    moved = client.get_partitions("c", "moved", -1)
    assert [(p.tableName, p.values) for p in moved] == [("moved", ["5"]), ("moved", ["6"])]
    t3 = table("c", "t", part_keys=[("n", "int")])
    client.create_table(t3)
    client.add_partitions([partition(t3, ["7"])])
    assert [(p.tableName, p.values) for p in client.get_partitions("c", "t", -1)] == [("t", ["7"])]
    assert [p.values for p in client.get_partitions_by_names("c", "t", ["n=5", "n=7"])] == [["7"]]
