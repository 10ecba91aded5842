"""Column statistics over real Thrift: every statistics type written by one client reads back
identically from another; partition aggregates; deletes; renames keep statistics."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client
from tests.factories import database, partition, table

COLS = [
    ("b", "boolean"),
    ("l", "bigint"),
    ("d", "double"),
    ("s", "string"),
    ("bin", "binary"),
    ("dec", "decimal(10,2)"),
    ("dt", "date"),
]


def _objs():
    D = tt.ColumnStatisticsData
    return [
        tt.ColumnStatisticsObj("b", "boolean", D(booleanStats=tt.BooleanColumnStatsData(3, 4, 1, None))),
        tt.ColumnStatisticsObj(
            "l", "bigint", D(longStats=tt.LongColumnStatsData(-5, 2**40, 2, 7, b"\x01\x02"))
        ),
        tt.ColumnStatisticsObj("d", "double", D(doubleStats=tt.DoubleColumnStatsData(-1.5, 2.25, 0, 9))),
        tt.ColumnStatisticsObj("s", "string", D(stringStats=tt.StringColumnStatsData(12, 4.5, 1, 6))),
        tt.ColumnStatisticsObj("bin", "binary", D(binaryStats=tt.BinaryColumnStatsData(100, 50.0, 3))),
        tt.ColumnStatisticsObj(
            "dec",
            "decimal(10,2)",
            D(
                decimalStats=tt.DecimalColumnStatsData(
                    tt.Decimal(scale=2, unscaled=(-12345).to_bytes(2, "big", signed=True)),
                    tt.Decimal(scale=2, unscaled=(99999).to_bytes(3, "big", signed=True)),
                    0,
                    5,
                )
            ),
        ),
        tt.ColumnStatisticsObj(
            "dt", "date", D(dateStats=tt.DateColumnStatsData(tt.Date(19000), tt.Date(19500), 2, 30))
        ),
    ]


def _dec(d):
    from decimal import Decimal

    return Decimal(int.from_bytes(d.unscaled, "big", signed=True)).scaleb(-d.scale)


@pytest.fixture
def st(client):
    client.create_database(database("d1"))
    client.create_table(table("d1", "t", cols=COLS, part_keys=[("p", "string")]))
    t = client.get_table("d1", "t")
    client.add_partitions([partition(t, ["a"]), partition(t, ["b"])])
    return t


def test_table_stats_round_trip_every_type(server, st):
    with thrift_client(server.port) as writer:
        desc = tt.ColumnStatisticsDesc(isTblLevel=True, dbName="d1", tableName="t", lastAnalyzed=1700000000)
        assert writer.update_table_column_statistics(tt.ColumnStatistics(desc, _objs())) is True
    with thrift_client(server.port) as reader:
        res = reader.get_table_statistics_req(
            tt.TableStatsRequest(dbName="d1", tblName="t", colNames=[c for c, _ in COLS])
        )
        got = {o.colName: o for o in res.tableStats}
        sent = {o.colName: o for o in _objs()}
        for name in ("b", "l", "d", "s", "bin", "dt"):
            assert got[name] == sent[name], name
        assert _dec(got["dec"].statsData.decimalStats.lowValue) == _dec(
            sent["dec"].statsData.decimalStats.lowValue
        )
        assert _dec(got["dec"].statsData.decimalStats.highValue) == _dec(
            sent["dec"].statsData.decimalStats.highValue
        )
        one = reader.get_table_column_statistics("d1", "t", "l")
        assert one.statsDesc.isTblLevel and one.statsDesc.lastAnalyzed == 1700000000
        assert one.statsObj == [sent["l"]]


def test_partition_stats_aggregate_and_delete(client, st):
    D = tt.ColumnStatisticsData
    for part, (lo, hi, nulls, ndv) in (("p=a", (1, 10, 1, 5)), ("p=b", (-3, 7, 2, 8))):
        desc = tt.ColumnStatisticsDesc(isTblLevel=False, dbName="d1", tableName="t", partName=part)
        client.update_partition_column_statistics(
            tt.ColumnStatistics(
                desc,
                [
                    tt.ColumnStatisticsObj(
                        "l", "bigint", D(longStats=tt.LongColumnStatsData(lo, hi, nulls, ndv))
                    )
                ],
            )
        )
    res = client.get_partitions_statistics_req(
        tt.PartitionsStatsRequest(dbName="d1", tblName="t", colNames=["l"], partNames=["p=a", "p=b"])
    )
    assert res.partStats["p=a"][0].statsData.longStats.highValue == 10
    aggr = client.get_aggr_stats_for(
        tt.PartitionsStatsRequest(dbName="d1", tblName="t", colNames=["l"], partNames=["p=a", "p=b"])
    )
    assert aggr.partsFound == 2
    ls = aggr.colStats[0].statsData.longStats
    assert (ls.lowValue, ls.highValue, ls.numNulls, ls.numDVs) == (-3, 10, 3, 8)
    assert client.delete_partition_column_statistics("d1", "t", "p=a", "l") is True
    with pytest.raises(tt.NoSuchObjectException):
        client.get_partition_column_statistics("d1", "t", "p=a", "l")
    assert client.get_partition_column_statistics("d1", "t", "p=b", "l").statsObj[0].colName == "l"


def test_set_aggr_stats_merge(client, st):
    D = tt.ColumnStatisticsData

    def req(lo, hi, merge):
        desc = tt.ColumnStatisticsDesc(isTblLevel=True, dbName="d1", tableName="t")
        return tt.SetPartitionsStatsRequest(
            colStats=[
                tt.ColumnStatistics(
                    desc,
                    [
                        tt.ColumnStatisticsObj(
                            "l", "bigint", D(longStats=tt.LongColumnStatsData(lo, hi, 1, 4))
                        )
                    ],
                )
            ],
            needMerge=merge,
        )

    client.set_aggr_stats_for(req(0, 5, False))
    client.set_aggr_stats_for(req(-2, 3, True))
    ls = client.get_table_column_statistics("d1", "t", "l").statsObj[0].statsData.longStats
    assert (ls.lowValue, ls.highValue, ls.numNulls) == (-2, 5, 2)


def test_bad_stats_are_rejected_and_nothing_written(client, st):
    D = tt.ColumnStatisticsData
    desc = tt.ColumnStatisticsDesc(isTblLevel=True, dbName="d1", tableName="t")
    good = tt.ColumnStatisticsObj("l", "bigint", D(longStats=tt.LongColumnStatsData(1, 2, 0, 1)))
    for bad in (
        tt.ColumnStatisticsObj("nope", "bigint", D(longStats=tt.LongColumnStatsData(1, 2, 0, 1))),
        tt.ColumnStatisticsObj("s", "string", D(longStats=tt.LongColumnStatsData(1, 2, 0, 1))),
    ):
        with pytest.raises(tt.MetaException):
            client.update_table_column_statistics(tt.ColumnStatistics(desc, [good, bad]))
    assert (
        client.get_table_statistics_req(
            tt.TableStatsRequest(dbName="d1", tblName="t", colNames=["l"])
        ).tableStats
        == []
    )
    with pytest.raises(tt.NoSuchObjectException):
        client.update_table_column_statistics(
            tt.ColumnStatistics(
                tt.ColumnStatisticsDesc(isTblLevel=True, dbName="d1", tableName="missing"), [good]
            )
        )


def test_stats_follow_rename_and_drop_with_table(client, st):
    D = tt.ColumnStatisticsData
    desc = tt.ColumnStatisticsDesc(isTblLevel=True, dbName="d1", tableName="t")
    client.update_table_column_statistics(
        tt.ColumnStatistics(
            desc, [tt.ColumnStatisticsObj("l", "bigint", D(longStats=tt.LongColumnStatsData(1, 2, 0, 1)))]
        )
    )
    t = client.get_table("d1", "t")
    t.tableName = "t2"
    client.alter_table("d1", "t", t)
    got = client.get_table_column_statistics("d1", "t2", "l")
    assert got.statsDesc.tableName == "t2"
    assert client.delete_table_column_statistics("d1", "t2", None) is True
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table_column_statistics("d1", "t2", "l")
