"""Partitions over real Thrift: add/list/filter/rename/alter/drop, escaping, limits."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.factories import database, partition, table


@pytest.fixture
def p1(client):
    client.create_database(database("d1"))
    client.create_table(table("d1", "p1", cols=[("id", "int")], part_keys=[("dt", "string"), ("hr", "int")]))
    return client.get_table("d1", "p1")


def _add(client, t, *value_lists, if_not_exists=False, need_result=True):
    req = tt.AddPartitionsRequest(
        dbName=t.dbName,
        tblName=t.tableName,
        parts=[partition(t, v) for v in value_lists],
        ifNotExists=if_not_exists,
        needResult=need_result,
    )
    return client.add_partitions_req(req)


def test_add_and_list(client, server, p1):
    res = _add(client, p1, ["2024-01-01", "1"], ["2024-01-01", "2"], ["2024-01-02", "1"])
    assert [p.values for p in res.partitions] == [
        ["2024-01-01", "1"],
        ["2024-01-01", "2"],
        ["2024-01-02", "1"],
    ]
    assert client.get_partition_names("d1", "p1", -1) == [
        "dt=2024-01-01/hr=1",
        "dt=2024-01-01/hr=2",
        "dt=2024-01-02/hr=1",
    ]
    assert client.get_partition_names("d1", "p1", 2) == ["dt=2024-01-01/hr=1", "dt=2024-01-01/hr=2"]
    parts = client.get_partitions("d1", "p1", -1)
    assert parts[0].sd.location == f"file:{server.warehouse}/d1.db/p1/dt=2024-01-01/hr=1"
    assert (server.warehouse / "d1.db" / "p1" / "dt=2024-01-01" / "hr=1").is_dir()
    assert [c.name for c in parts[0].sd.cols] == ["id"]
    assert "transient_lastDdlTime" in parts[0].parameters and parts[0].createTime > 0
    got = client.get_partition("d1", "p1", ["2024-01-02", "1"])
    assert got.values == ["2024-01-02", "1"] and got.tableName == "p1"
    assert client.get_partition_by_name("d1", "p1", "dt=2024-01-02/hr=1").values == ["2024-01-02", "1"]
    assert client.get_partition_with_auth("d1", "p1", ["2024-01-02", "1"], "u", []).values == [
        "2024-01-02",
        "1",
    ]


def test_partial_specs_and_wildcards(client, p1):
    _add(client, p1, ["a", "1"], ["a", "2"], ["b", "1"])
    assert [p.values for p in client.get_partitions_ps_with_auth("d1", "p1", [""], -1, "u", [])] == [
        ["a", "1"],
        ["a", "2"],
        ["b", "1"],
    ]
    assert [p.values for p in client.get_partitions_ps("d1", "p1", ["a"], -1)] == [["a", "1"], ["a", "2"]]
    assert [p.values for p in client.get_partitions_ps("d1", "p1", ["", "1"], -1)] == [["a", "1"], ["b", "1"]]
    assert client.get_partition_names_ps("d1", "p1", ["b"], -1) == ["dt=b/hr=1"]
    # '.' is not a wildcard (Hive's metastore gets this wrong)
    assert client.get_partition_names_ps("d1", "p1", ["."], -1) == []
    with pytest.raises(tt.MetaException):
        client.get_partitions_ps("d1", "p1", ["a", "1", "x"], -1)


def test_filters(client, p1):
    _add(client, p1, ["2024-01-01", "1"], ["2024-01-02", "2"], ["2024-01-03", "10"], ["2024-01-04", "9"])

    def names(f):
        return client.get_partition_names_ps("d1", "p1", [], -1) and [
            f"{p.values[0]}/{p.values[1]}" for p in client.get_partitions_by_filter("d1", "p1", f, -1)
        ]

    assert names('dt = "2024-01-02"') == ["2024-01-02/2"]
    assert names('dt > "2024-01-02"') == ["2024-01-03/10", "2024-01-04/9"]
    assert names("hr > 2") == ["2024-01-03/10", "2024-01-04/9"]  # integral keys compare as numbers
    assert names("hr < '10'") == ["2024-01-01/1", "2024-01-02/2", "2024-01-04/9"]
    assert names('dt <> "2024-01-01" and (hr = 2 or hr >= 10)') == ["2024-01-02/2", "2024-01-03/10"]
    assert names("hr between 2 and 9") == ["2024-01-02/2", "2024-01-04/9"]
    assert names("hr in (1, 10)") == ["2024-01-01/1", "2024-01-03/10"]
    assert names("not hr in (1, 10)") == ["2024-01-02/2", "2024-01-04/9"]
    # LIKE is Hive's regular expression over the whole value (what Spark sends for LIKE '2024-01-0%')
    assert names("dt like '2024-01-0.*' and `HR` != 1") == ["2024-01-02/2", "2024-01-03/10", "2024-01-04/9"]
    assert names("dt like '2024-01-0.'") == ["2024-01-01/1", "2024-01-02/2", "2024-01-03/10", "2024-01-04/9"]
    assert names("dt like '2024-01-0%'") == []  # '%' is literal in Hive's LIKE
    assert names("dt not like '.*1'") == ["2024-01-02/2", "2024-01-03/10", "2024-01-04/9"]
    assert client.get_num_partitions_by_filter("d1", "p1", "hr >= 9") == 2
    for bad in ("nokey = 1", "dt = ", "dt = 'a' junk", "hr > 'abc'", "dt like '(unclosed'"):
        with pytest.raises(tt.MetaException):
            client.get_partitions_by_filter("d1", "p1", bad, -1)


def test_unquoted_date_literals_on_a_date_key(client):
    """Hive's Filter.g reads `d = 2024-01-15` (DateLiteral: an optional DATE and an unquoted
    yyyy-mm-dd) and compares dates as dates."""
    client.create_database(database("d1"))
    client.create_table(table("d1", "ev", cols=[("id", "int")], part_keys=[("d", "date")]))
    t = client.get_table("d1", "ev")
    _add(client, t, ["2024-01-09"], ["2024-01-15"], ["2024-02-01"])

    def values(f):
        return [p.values[0] for p in client.get_partitions_by_filter("d1", "ev", f, -1)]

    assert values("d = 2024-01-15") == ["2024-01-15"]
    assert values("d = DATE 2024-01-15") == values("d = DATE '2024-01-15'") == ["2024-01-15"]
    assert values("d >= 2024-01-10 and d < 2024-02-01") == ["2024-01-15"]
    assert values("2024-01-15 <= d") == ["2024-01-15", "2024-02-01"]
    assert values("d between 2024-01-01 and 2024-01-31") == ["2024-01-09", "2024-01-15"]
    assert values("d in (2024-01-09, 2024-02-01)") == ["2024-01-09", "2024-02-01"]
    assert client.get_num_partitions_by_filter("d1", "ev", "d != 2024-01-15") == 2
    for bad in ("d = 2024-13-45", "d = 2024-01-15x"):
        with pytest.raises(tt.MetaException, match="parsing partition filter"):
            client.get_partitions_by_filter("d1", "ev", bad, -1)


def test_escaped_values_round_trip(client, server, p1):
    odd = ["a/b:c=d%e", "1"]
    _add(client, p1, odd, ["é ü", "2"])
    names = client.get_partition_names("d1", "p1", -1)
    assert names == ["dt=a%2Fb%3Ac%3Dd%25e/hr=1", "dt=é ü/hr=2"]
    assert client.get_partition_by_name("d1", "p1", names[0]).values == odd
    assert client.partition_name_to_vals(names[0]) == odd
    assert client.get_partitions_by_names("d1", "p1", names)[0].values == odd
    assert (server.warehouse / "d1.db" / "p1" / "dt=a%2Fb%3Ac%3Dd%25e" / "hr=1").is_dir()


def test_duplicates_and_if_not_exists(client, p1):
    _add(client, p1, ["a", "1"])
    with pytest.raises(tt.AlreadyExistsException):
        _add(client, p1, ["b", "1"], ["a", "1"])
    assert client.get_partition_names("d1", "p1", -1) == ["dt=a/hr=1"]  # all or nothing
    res = _add(client, p1, ["b", "1"], ["a", "1"], if_not_exists=True)
    assert [p.values for p in res.partitions] == [["b", "1"]]
    assert client.get_partition_names("d1", "p1", -1) == ["dt=a/hr=1", "dt=b/hr=1"]


@pytest.mark.parametrize("values", [["a"], ["a", "1", "x"], ["", "1"]])
def test_values_not_matching_keys_are_rejected(client, p1, values):
    with pytest.raises((tt.InvalidObjectException, tt.MetaException)):
        _add(client, p1, values)
    assert client.get_partition_names("d1", "p1", -1) == []


def test_missing_partition(client, p1):
    with pytest.raises(tt.NoSuchObjectException):
        client.get_partition_with_auth("d1", "p1", ["x", "1"], "u", [])
    with pytest.raises(tt.NoSuchObjectException):
        client.drop_partition("d1", "p1", ["x", "1"], True)


def test_rename_partition_moves_directory(client, server, p1):
    _add(client, p1, ["2024-02-02", "1"])
    old = client.get_partition("d1", "p1", ["2024-02-02", "1"])
    (server.warehouse / "d1.db" / "p1" / "dt=2024-02-02" / "hr=1" / "f").write_text("x")
    new = old.__class__(**old.__dict__)
    new.values = ["2024-02-12", "1"]
    client.rename_partition("d1", "p1", ["2024-02-02", "1"], new)
    assert client.get_partition_names("d1", "p1", -1) == ["dt=2024-02-12/hr=1"]
    got = client.get_partition("d1", "p1", ["2024-02-12", "1"])
    assert got.sd.location == f"file:{server.warehouse}/d1.db/p1/dt=2024-02-12/hr=1"
    assert (server.warehouse / "d1.db" / "p1" / "dt=2024-02-12" / "hr=1" / "f").read_text() == "x"


def test_alter_partitions_updates_parameters(client, p1):
    _add(client, p1, ["a", "1"], ["b", "1"])
    parts = client.get_partitions("d1", "p1", -1)
    for p in parts:
        p.parameters["spark.sql.statistics.numRows"] = "42"
    client.alter_partitions("d1", "p1", parts)
    assert all(
        p.parameters["spark.sql.statistics.numRows"] == "42" for p in client.get_partitions("d1", "p1", -1)
    )
    ghost = partition(p1, ["zz", "9"])
    with pytest.raises(tt.InvalidOperationException):
        client.alter_partitions("d1", "p1", [ghost])


def test_drop_partitions(client, server, p1):
    _add(client, p1, ["a", "1"], ["b", "1"], ["c", "1"])
    assert client.drop_partition_with_environment_context("d1", "p1", ["a", "1"], True, None) is True
    assert not (server.warehouse / "d1.db" / "p1" / "dt=a").joinpath("hr=1").exists()
    assert client.drop_partition_by_name("d1", "p1", "dt=b/hr=1", False)
    assert (server.warehouse / "d1.db" / "p1" / "dt=b" / "hr=1").is_dir()
    res = client.drop_partitions_req(
        tt.DropPartitionsRequest(
            dbName="d1",
            tblName="p1",
            parts=tt.RequestPartsSpec(names=["dt=c/hr=1", "dt=zz/hr=1"]),
            deleteData=True,
            ifExists=True,
            needResult=True,
        )
    )
    assert [p.values for p in res.partitions] == [["c", "1"]]
    assert client.get_partition_names("d1", "p1", -1) == []


def test_partition_request_limit(database_url, tmp_path):
    rt = start_service(database_url, tmp_path, max_partitions_per_request=2)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.create_database(database("d1"))
            c.create_table(table("d1", "p", part_keys=[("dt", "string")]))
            t = c.get_table("d1", "p")
            c.add_partitions([partition(t, [v]) for v in "abc"])
            with pytest.raises(tt.MetaException, match="exceeds limit"):
                c.get_partitions("d1", "p", -1)
            assert len(c.get_partitions("d1", "p", 2)) == 2
            assert [p.values for p in c.get_partitions_by_filter("d1", "p", "dt = 'a'", -1)] == [["a"]]
            assert c.getMetaConf("hive.metastore.limit.partition.request") == "2"
    finally:
        rt.stop()


def test_exchange_partitions_moves_rows_and_data(client, server, p1):
    _add(client, p1, ["a", "1"], ["a", "2"], ["b", "1"])
    (server.warehouse / "d1.db" / "p1" / "dt=a" / "hr=1" / "f").write_text("x")
    client.create_table(table("d1", "p2", cols=[("id", "int")], part_keys=[("dt", "string"), ("hr", "int")]))
    moved = client.exchange_partitions({"dt": "a"}, "d1", "p1", "d1", "p2")
    assert sorted(p.values for p in moved) == [["a", "1"], ["a", "2"]]
    assert client.get_partition_names("d1", "p1", -1) == ["dt=b/hr=1"]
    assert client.get_partition_names("d1", "p2", -1) == ["dt=a/hr=1", "dt=a/hr=2"]
    got = client.get_partition("d1", "p2", ["a", "1"])
    assert got.sd.location == f"file:{server.warehouse}/d1.db/p2/dt=a/hr=1"
    assert (server.warehouse / "d1.db" / "p2" / "dt=a" / "hr=1" / "f").read_text() == "x"
    with pytest.raises(tt.MetaException):  # different schemas
        client.create_table(
            table("d1", "p3", cols=[("x", "string")], part_keys=[("dt", "string"), ("hr", "int")])
        )
        client.exchange_partition({"dt": "b"}, "d1", "p1", "d1", "p3")
    assert client.get_partition_names("d1", "p1", -1) == ["dt=b/hr=1"]


def test_large_listings_stream_in_batches_and_match_unbatched(database_url, tmp_path):
    from catalog.thrift import streaming

    rt = start_service(database_url, tmp_path)
    try:
        # small batches force several pages through the streaming path
        streaming.install(rt.thrift.processor, rt.thrift.handler, batch=7)
        with thrift_client(rt.thrift.port) as c:
            c.create_database(database("d1"))
            c.create_table(table("d1", "p", part_keys=[("dt", "string"), ("hr", "int")]))
            t = c.get_table("d1", "p")
            c.add_partitions([partition(t, [f"d{i:02d}", str(h)]) for i in range(10) for h in range(5)])
            all_parts = c.get_partitions("d1", "p", -1)
            assert [p.values for p in all_parts] == [
                [f"d{i:02d}", str(h)] for i in range(10) for h in range(5)
            ]
            assert len(c.get_partitions("d1", "p", 23)) == 23
            assert len(c.get_partitions("d1", "p", 0)) == 0
            assert [p.values for p in c.get_partitions_ps_with_auth("d1", "p", ["", "3"], -1, "u", [])] == [
                [f"d{i:02d}", "3"] for i in range(10)
            ]
            assert len(c.get_partitions_by_filter("d1", "p", "hr >= 1", -1)) == 40
            with pytest.raises(tt.NoSuchObjectException):
                c.get_partitions("d1", "nope", -1)
            with pytest.raises(tt.MetaException):
                c.get_partitions_by_filter("d1", "p", "zz = 1", -1)
            assert c.get_database("d1").name == "d1"  # connection still in sync
            # every partition object matches the unstreamed read of the same partition
            names = c.get_partition_names("d1", "p", -1)
            assert c.get_partitions_by_names("d1", "p", names) == all_parts
    finally:
        rt.stop()


def test_unframed_replies_reach_the_socket_while_they_are_written():
    """A streamed listing must not collect in the transport's write buffer until flush (a million
    partitions would sit in memory whole): past `wbuf_size` the bytes go out, in order."""
    from catalog.thrift.wire_guard import GuardedBufferedTransport

    class Sink:
        def __init__(self):
            self.writes, self.flushes = [], 0

        def write(self, b):
            self.writes.append(bytes(b))

        def flush(self):
            self.flushes += 1

    sink = Sink()
    trans = GuardedBufferedTransport(sink, 4096, wbuf_size=100)
    pieces = [b"a" * 40, b"b" * 40, b"c" * 40, b"d" * 500, b"e" * 10]
    trans.write(pieces[0])
    trans.write(pieces[1])
    assert sink.writes == []  # small writes are buffered
    trans.write(pieces[2])
    assert sink.writes == [pieces[0] + pieces[1] + pieces[2]]  # 120 bytes >= 100: sent
    trans.write(pieces[3])
    assert sink.writes[-1] == pieces[3]  # a large piece goes out as it is
    trans.write(pieces[4])
    assert len(sink.writes) == 2 and sink.flushes == 0
    trans.flush()
    assert b"".join(sink.writes) == b"".join(pieces) and sink.flushes == 1
