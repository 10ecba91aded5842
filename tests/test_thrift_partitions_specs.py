"""Partition specs over real Thrift: get_part_specs_by_filter and get_partitions_pspec, with Hive 3.1's
grouping (HiveMetaStore.get_partitionspecs_grouped_by_storage_descriptor)."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.factories import database, partition, table

GROUPING = {"hive.hcatalog.partition.spec.grouping.enabled": "true"}


def _make(client, name, params=None):
    client.create_table(
        table("d1", name, cols=[("id", "int")], part_keys=[("dt", "string"), ("hr", "int")], params=params)
    )
    t = client.get_table("d1", name)
    client.add_partitions([partition(t, [f"2024-01-0{d}", str(h)]) for d in (1, 2, 3) for h in (1, 2, 10)])
    return t


@pytest.fixture
def grouped(client):
    client.create_database(database("d1"))
    return _make(client, "g", params=GROUPING)


def _expand(specs):
    """Every partition of a list of specs as (values, location), as Hive's PartitionSpecProxy rebuilds them."""
    out = []
    for s in specs:
        if s.sharedSDPartitionSpec is not None:
            out += [
                (p.values, s.sharedSDPartitionSpec.sd.location + p.relativePath)
                for p in s.sharedSDPartitionSpec.partitions
            ]
        else:
            out += [(p.values, p.sd.location) for p in s.partitionList.partitions]
    return out


def test_filter_selects_partitions_in_one_shared_descriptor(client, server, grouped):
    specs = client.get_part_specs_by_filter("d1", "g", "dt = '2024-01-02' and hr < 10", -1)
    assert len(specs) == 1
    s = specs[0]
    root = f"file:{server.warehouse}/d1.db/g"
    assert (s.dbName, s.tableName, s.catName, s.rootPath) == ("d1", "g", "hive", root)
    assert s.partitionList is None
    shared = s.sharedSDPartitionSpec
    assert shared.sd.location == root
    assert [c.name for c in shared.sd.cols] == ["id"]
    assert shared.sd.serdeInfo.serializationLib == grouped.sd.serdeInfo.serializationLib
    assert [p.values for p in shared.partitions] == [["2024-01-02", "1"], ["2024-01-02", "2"]]
    assert [p.relativePath for p in shared.partitions] == ["/dt=2024-01-02/hr=1", "/dt=2024-01-02/hr=2"]
    full = client.get_partitions_by_filter("d1", "g", "dt = '2024-01-02' and hr < 10", -1)
    for p, q in zip(shared.partitions, full, strict=True):
        assert (p.createTime, p.lastAccessTime, p.parameters) == (
            q.createTime,
            q.lastAccessTime,
            q.parameters,
        )
        assert root + p.relativePath == q.sd.location
    # integral keys compare as numbers, as in get_partitions_by_filter
    assert [v for v, _ in _expand(client.get_part_specs_by_filter("d1", "g", "hr > 2", -1))] == [
        ["2024-01-01", "10"],
        ["2024-01-02", "10"],
        ["2024-01-03", "10"],
    ]
    assert client.get_part_specs_by_filter("d1", "g", "dt = 'nothing'", -1) == []


def test_grouping_by_descriptor_and_location(client, server, grouped):
    outside = f"file:{server.warehouse}/elsewhere/x"
    sibling = (
        f"file:{server.warehouse}/d1.db/g2/y"  # shares the table directory's prefix, but is not inside it
    )
    client.add_partitions(
        [
            partition(grouped, ["2024-02-01", "1"], location=outside),
            partition(grouped, ["2024-02-01", "2"], location=sibling),
        ]
    )
    other = partition(grouped, ["2024-02-01", "3"])
    other.sd.inputFormat = "org.apache.hadoop.mapred.TextInputFormat"
    client.add_partitions([other])

    specs = client.get_part_specs_by_filter("d1", "g", "dt >= '2024-01-03'", -1)
    root = f"file:{server.warehouse}/d1.db/g"
    assert len(specs) == 3
    a, b, c = specs
    assert [p.values for p in a.sharedSDPartitionSpec.partitions] == [
        ["2024-01-03", "1"],
        ["2024-01-03", "10"],
        ["2024-01-03", "2"],
    ]  # partition-name order
    assert b.sharedSDPartitionSpec.sd.inputFormat == "org.apache.hadoop.mapred.TextInputFormat"
    assert b.sharedSDPartitionSpec.sd.location == root == b.rootPath
    assert [(p.values, p.relativePath) for p in b.sharedSDPartitionSpec.partitions] == [
        (["2024-02-01", "3"], "/dt=2024-02-01/hr=3")
    ]
    assert c.sharedSDPartitionSpec is None and (c.dbName, c.tableName) == ("d1", "g")
    assert [(p.values, p.sd.location) for p in c.partitionList.partitions] == [
        (["2024-02-01", "1"], outside),
        (["2024-02-01", "2"], sibling),
    ]
    # the specs describe exactly what get_partitions_by_filter answers
    full = client.get_partitions_by_filter("d1", "g", "dt >= '2024-01-03'", -1)
    assert sorted(_expand(specs)) == sorted((p.values, p.sd.location) for p in full)


def test_without_grouping_one_partition_list(client, server):
    """Hive groups only for tables with hive.hcatalog.partition.spec.grouping.enabled=true."""
    client.create_database(database("d1"))
    _make(client, "u")
    specs = client.get_part_specs_by_filter("d1", "u", "hr = 1", -1)
    assert len(specs) == 1
    s = specs[0]
    assert s.sharedSDPartitionSpec is None
    assert (s.dbName, s.tableName, s.catName, s.rootPath) == (
        "d1",
        "u",
        "hive",
        f"file:{server.warehouse}/d1.db/u",
    )
    assert s.partitionList.partitions == client.get_partitions_by_filter("d1", "u", "hr = 1", -1)
    assert [p.values for p in s.partitionList.partitions] == [
        ["2024-01-01", "1"],
        ["2024-01-02", "1"],
        ["2024-01-03", "1"],
    ]
    assert client.get_partitions_pspec("d1", "u", -1)[0].partitionList.partitions == client.get_partitions(
        "d1", "u", -1
    )


def test_max_parts(client, grouped):
    specs = client.get_part_specs_by_filter("d1", "g", "hr >= 1", 4)
    assert [v for v, _ in _expand(specs)] == [
        ["2024-01-01", "1"],
        ["2024-01-01", "10"],
        ["2024-01-01", "2"],
        ["2024-01-02", "1"],
    ]
    assert client.get_part_specs_by_filter("d1", "g", "hr >= 1", 0) == []
    assert len(_expand(client.get_part_specs_by_filter("d1", "g", "hr >= 1", -1))) == 9
    assert len(_expand(client.get_partitions_pspec("d1", "g", 5))) == 5


def test_get_partitions_pspec_groups_every_partition(client, server, grouped):
    specs = client.get_partitions_pspec("d1", "g", -1)
    assert len(specs) == 1
    root = f"file:{server.warehouse}/d1.db/g"
    assert sorted(_expand(specs)) == sorted(
        (p.values, p.sd.location) for p in client.get_partitions("d1", "g", -1)
    )
    assert all(loc.startswith(root + "/dt=") for _, loc in _expand(specs))


@pytest.mark.parametrize("bad", ["nokey = 1", "dt = ", "dt = 'a' junk", "hr > 'abc'", "dt like '(unclosed'"])
def test_bad_filter_is_a_meta_exception(client, grouped, bad):
    with pytest.raises(tt.MetaException):
        client.get_part_specs_by_filter("d1", "g", bad, -1)
    assert client.get_database("d1").name == "d1"  # the connection is still in sync


def test_unknown_table_or_database(client, grouped):
    with pytest.raises(tt.NoSuchObjectException):
        client.get_part_specs_by_filter("d1", "nope", "hr = 1", -1)
    with pytest.raises(tt.NoSuchObjectException):
        client.get_part_specs_by_filter("nodb", "g", "hr = 1", -1)
    with pytest.raises(tt.NoSuchObjectException):
        client.get_partitions_pspec("d1", "nope", -1)


def test_catalog_qualified_database_name(client, grouped):
    specs = client.get_part_specs_by_filter("@hive#d1", "g", "hr = 2", -1)
    assert [v for v, _ in _expand(specs)] == [["2024-01-01", "2"], ["2024-01-02", "2"], ["2024-01-03", "2"]]


def test_partition_request_limit_applies(database_url, tmp_path):
    rt = start_service(database_url, tmp_path, max_partitions_per_request=2)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.create_database(database("d1"))
            c.create_table(table("d1", "p", part_keys=[("dt", "string")], params=GROUPING))
            t = c.get_table("d1", "p")
            c.add_partitions([partition(t, [v]) for v in "abc"])
            with pytest.raises(tt.MetaException, match="exceeds limit"):
                c.get_part_specs_by_filter("d1", "p", "dt >= 'a'", -1)
            with pytest.raises(tt.MetaException, match="exceeds limit"):
                c.get_partitions_pspec("d1", "p", -1)
            assert [v for v, _ in _expand(c.get_part_specs_by_filter("d1", "p", "dt >= 'b'", -1))] == [
                ["b"],
                ["c"],
            ]
    finally:
        rt.stop()


def test_ungrouped_specs_stream_in_batches_and_match_the_unstreamed_answer(database_url, tmp_path):
    """Without grouping the one spec's partition list is streamed from PostgreSQL page by page (a
    million partitions never sit in memory); it must equal what the handler builds in Python."""
    from catalog.thrift import convert as cv
    from catalog.thrift import streaming

    rt = start_service(database_url, tmp_path)
    try:
        streaming.install(rt.thrift.processor, rt.thrift.handler, batch=7)  # several pages
        with thrift_client(rt.thrift.port) as c:
            c.create_database(database("d1"))
            for name, params in (("u", None), ("g", GROUPING)):
                c.create_table(table("d1", name, part_keys=[("dt", "string"), ("hr", "int")], params=params))
                t = c.get_table("d1", name)
                c.add_partitions([partition(t, [f"d{i:02d}", str(h)]) for i in range(6) for h in range(5)])
            svc = rt.service

            def built_whole(name, found):  # the spec list as convert builds it from Partition objects
                return cv.partition_specs_to(svc.get_table("hive", "d1", name), found)

            for name in ("u", "g"):
                for args in (("hr >= 1", -1), ("hr >= 1", 11), ("dt = 'none'", -1)):
                    assert c.get_part_specs_by_filter("d1", name, *args) == built_whole(
                        name, svc.get_partitions_by_filter("hive", "d1", name, *args)
                    )
                for mp in (-1, 9, 0):
                    assert c.get_partitions_pspec("d1", name, mp) == built_whole(
                        name, svc.get_partitions("hive", "d1", name, mp)
                    )
            specs = c.get_partitions_pspec("d1", "u", -1)
            assert len(specs) == 1 and len(specs[0].partitionList.partitions) == 30
            assert specs[0].partitionList.partitions == c.get_partitions("d1", "u", -1)
            assert c.get_part_specs_by_filter("d1", "u", "dt = 'none'", -1)[0].partitionList.partitions == []
            with pytest.raises(tt.MetaException):
                c.get_part_specs_by_filter("d1", "u", "zz = 1", -1)
            with pytest.raises(tt.NoSuchObjectException):
                c.get_partitions_pspec("d1", "nope", -1)
            assert c.get_database("d1").name == "d1"  # connection still in sync
    finally:
        rt.stop()
