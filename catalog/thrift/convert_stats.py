"""Column statistics: Thrift's ColumnStatisticsObj / ColumnStatistics <-> the domain's ColumnStats /
TableColumnStats (decimals as Hive's unscaled bytes and scale <-> decimal strings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

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


def _same(v):
    return v


def _date_to_days(d: tt.Date | None) -> int | None:
    return d.daysSinceEpoch if d is not None else None


def _days_to_date(days: int | None) -> tt.Date | None:
    return tt.Date(daysSinceEpoch=days) if days is not None else None


@dataclass(frozen=True)
class _StatsKind:
    """One member of Thrift's ColumnStatisticsData union and how its fields map to ColumnStats."""

    kind: str  # ColumnStats.kind
    field: str  # the union's member
    struct: type
    # "bool": numbers of trues and falses; "range": low and high values; "length": max/avg length
    shape: Literal["bool", "range", "length"]
    dvs: bool = True  # has numDVs
    value_from: Callable[[Any], Any] = _same  # Thrift low/high -> ColumnStats.low/high
    value_to: Callable[[Any], Any] = _same


# In the order column_stats_from looks for a set member.
_KINDS = (
    _StatsKind("boolean", "booleanStats", tt.BooleanColumnStatsData, "bool", dvs=False),
    _StatsKind("long", "longStats", tt.LongColumnStatsData, "range"),
    _StatsKind("double", "doubleStats", tt.DoubleColumnStatsData, "range"),
    _StatsKind("string", "stringStats", tt.StringColumnStatsData, "length"),
    _StatsKind("binary", "binaryStats", tt.BinaryColumnStatsData, "length", dvs=False),
    _StatsKind(
        "decimal",
        "decimalStats",
        tt.DecimalColumnStatsData,
        "range",
        value_from=_decimal_to_str,
        value_to=_decimal_from_str,
    ),
    _StatsKind(
        "date", "dateStats", tt.DateColumnStatsData, "range", value_from=_date_to_days, value_to=_days_to_date
    ),
)
_BY_KIND = {k.kind: k for k in _KINDS}


def column_stats_from(o: tt.ColumnStatisticsObj) -> m.ColumnStats:
    d = o.statsData
    if d is None:
        raise ValueError("statistics object without data")
    for spec in _KINDS:
        x = getattr(d, spec.field)
        if x is None:
            continue
        fields: dict[str, Any] = {"num_nulls": x.numNulls, "bit_vectors": x.bitVectors}
        if spec.dvs:
            fields["num_dvs"] = x.numDVs
        if spec.shape == "bool":
            fields.update(num_trues=x.numTrues, num_falses=x.numFalses)
        elif spec.shape == "range":
            fields.update(low=spec.value_from(x.lowValue), high=spec.value_from(x.highValue))
        else:
            fields.update(max_col_len=x.maxColLen, avg_col_len=x.avgColLen)
        return m.ColumnStats(column=o.colName, type=o.colType, kind=spec.kind, **fields)
    raise ValueError(f"statistics of column {o.colName} carry no known type")


def column_stats_to(st: m.ColumnStats) -> tt.ColumnStatisticsObj:
    spec = _BY_KIND.get(st.kind, _BY_KIND["date"])  # date is what is left
    fields: dict[str, Any] = {
        "numNulls": st.num_nulls if st.num_nulls is not None else 0,
        "bitVectors": st.bit_vectors,
    }
    if spec.dvs:
        fields["numDVs"] = st.num_dvs or 0
    if spec.shape == "bool":
        fields.update(numTrues=st.num_trues or 0, numFalses=st.num_falses or 0)
    elif spec.shape == "range":
        fields.update(lowValue=spec.value_to(st.low), highValue=spec.value_to(st.high))
    else:
        fields.update(maxColLen=st.max_col_len or 0, avgColLen=st.avg_col_len or 0.0)
    data = tt.ColumnStatisticsData(**{spec.field: spec.struct(**fields)})
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
