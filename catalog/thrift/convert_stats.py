"""Column statistics: Thrift's ColumnStatisticsObj / ColumnStatistics <-> the domain's ColumnStats /
TableColumnStats (decimals as Hive's unscaled bytes and scale <-> decimal strings)."""

from __future__ import annotations

from catalog.domain import model as m
from catalog.thrift_gen.hive_metastore import ttypes as tt


def _decimal_to_str(d: tt.Decimal | None) -> str | None:
    if d is None or d.unscaled is None:
        return None
    from decimal import Decimal as D

    unscaled = int.from_bytes(d.unscaled, "big", signed=True) if d.unscaled else 0
    return str(D(unscaled).scaleb(-(d.scale or 0)))


def _decimal_from_str(v: str | int | float | None) -> tt.Decimal | None:
    if v is None:
        return None
    v = str(v)
    from decimal import Decimal as D

    dec = D(v)
    sign, digits, exp = dec.as_tuple()
    if not isinstance(exp, int):  # NaN or infinity: no decimal statistic can hold it
        raise ValueError(f"not a finite decimal: {v}")
    unscaled = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    scale = -exp if exp < 0 else 0
    if exp > 0:
        unscaled *= 10**exp
    length = max(1, (unscaled.bit_length() + 8) // 8)
    return tt.Decimal(scale=scale, unscaled=unscaled.to_bytes(length, "big", signed=True))


def column_stats_from(o: tt.ColumnStatisticsObj) -> m.ColumnStats:
    d = o.statsData
    base = dict(column=o.colName, type=o.colType)
    if d is None:
        raise ValueError("statistics object without data")
    if d.booleanStats is not None:
        x = d.booleanStats
        return m.ColumnStats(
            **base,
            kind="boolean",
            num_trues=x.numTrues,
            num_falses=x.numFalses,
            num_nulls=x.numNulls,
            bit_vectors=x.bitVectors,
        )
    if d.longStats is not None:
        x = d.longStats
        return m.ColumnStats(
            **base,
            kind="long",
            low=x.lowValue,
            high=x.highValue,
            num_nulls=x.numNulls,
            num_dvs=x.numDVs,
            bit_vectors=x.bitVectors,
        )
    if d.doubleStats is not None:
        x = d.doubleStats
        return m.ColumnStats(
            **base,
            kind="double",
            low=x.lowValue,
            high=x.highValue,
            num_nulls=x.numNulls,
            num_dvs=x.numDVs,
            bit_vectors=x.bitVectors,
        )
    if d.stringStats is not None:
        x = d.stringStats
        return m.ColumnStats(
            **base,
            kind="string",
            max_col_len=x.maxColLen,
            avg_col_len=x.avgColLen,
            num_nulls=x.numNulls,
            num_dvs=x.numDVs,
            bit_vectors=x.bitVectors,
        )
    if d.binaryStats is not None:
        x = d.binaryStats
        return m.ColumnStats(
            **base,
            kind="binary",
            max_col_len=x.maxColLen,
            avg_col_len=x.avgColLen,
            num_nulls=x.numNulls,
            bit_vectors=x.bitVectors,
        )
    if d.decimalStats is not None:
        x = d.decimalStats
        return m.ColumnStats(
            **base,
            kind="decimal",
            low=_decimal_to_str(x.lowValue),
            high=_decimal_to_str(x.highValue),
            num_nulls=x.numNulls,
            num_dvs=x.numDVs,
            bit_vectors=x.bitVectors,
        )
    if d.dateStats is not None:
        x = d.dateStats
        return m.ColumnStats(
            **base,
            kind="date",
            low=x.lowValue.daysSinceEpoch if x.lowValue is not None else None,
            high=x.highValue.daysSinceEpoch if x.highValue is not None else None,
            num_nulls=x.numNulls,
            num_dvs=x.numDVs,
            bit_vectors=x.bitVectors,
        )
    raise ValueError(f"statistics of column {o.colName} carry no known type")


def column_stats_to(st: m.ColumnStats) -> tt.ColumnStatisticsObj:
    k = st.kind
    nn = st.num_nulls if st.num_nulls is not None else 0
    if k == "boolean":
        data = tt.ColumnStatisticsData(
            booleanStats=tt.BooleanColumnStatsData(
                numTrues=st.num_trues or 0,
                numFalses=st.num_falses or 0,
                numNulls=nn,
                bitVectors=st.bit_vectors,
            )
        )
    elif k == "long":
        data = tt.ColumnStatisticsData(
            longStats=tt.LongColumnStatsData(
                lowValue=st.low,
                highValue=st.high,
                numNulls=nn,
                numDVs=st.num_dvs or 0,
                bitVectors=st.bit_vectors,
            )
        )
    elif k == "double":
        data = tt.ColumnStatisticsData(
            doubleStats=tt.DoubleColumnStatsData(
                lowValue=st.low,
                highValue=st.high,
                numNulls=nn,
                numDVs=st.num_dvs or 0,
                bitVectors=st.bit_vectors,
            )
        )
    elif k == "string":
        data = tt.ColumnStatisticsData(
            stringStats=tt.StringColumnStatsData(
                maxColLen=st.max_col_len or 0,
                avgColLen=st.avg_col_len or 0.0,
                numNulls=nn,
                numDVs=st.num_dvs or 0,
                bitVectors=st.bit_vectors,
            )
        )
    elif k == "binary":
        data = tt.ColumnStatisticsData(
            binaryStats=tt.BinaryColumnStatsData(
                maxColLen=st.max_col_len or 0,
                avgColLen=st.avg_col_len or 0.0,
                numNulls=nn,
                bitVectors=st.bit_vectors,
            )
        )
    elif k == "decimal":
        data = tt.ColumnStatisticsData(
            decimalStats=tt.DecimalColumnStatsData(
                lowValue=_decimal_from_str(st.low),
                highValue=_decimal_from_str(st.high),
                numNulls=nn,
                numDVs=st.num_dvs or 0,
                bitVectors=st.bit_vectors,
            )
        )
    else:  # date
        data = tt.ColumnStatisticsData(
            dateStats=tt.DateColumnStatsData(
                lowValue=tt.Date(daysSinceEpoch=st.low) if st.low is not None else None,
                highValue=tt.Date(daysSinceEpoch=st.high) if st.high is not None else None,
                numNulls=nn,
                numDVs=st.num_dvs or 0,
                bitVectors=st.bit_vectors,
            )
        )
    return tt.ColumnStatisticsObj(colName=st.column, colType=st.type, statsData=data)


def table_column_stats_from(c: tt.ColumnStatistics, catalog: str | None = None) -> m.TableColumnStats:
    d = c.statsDesc
    return m.TableColumnStats(
        db_name=d.dbName,
        table_name=d.tableName,
        stats=[column_stats_from(o) for o in (c.statsObj or [])],
        partition_name=None if d.isTblLevel else d.partName,
        last_analyzed=d.lastAnalyzed or 0,
        catalog_name=(catalog or d.catName or m.DEFAULT_CATALOG).lower(),
    )


def table_column_stats_to(s: m.TableColumnStats) -> tt.ColumnStatistics:
    return tt.ColumnStatistics(
        statsDesc=tt.ColumnStatisticsDesc(
            isTblLevel=s.partition_name is None,
            dbName=s.db_name,
            tableName=s.table_name,
            partName=s.partition_name,
            lastAnalyzed=s.last_analyzed,
            catName=s.catalog_name,
        ),
        statsObj=[column_stats_to(x) for x in s.stats],
    )
