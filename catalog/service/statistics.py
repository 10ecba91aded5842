"""Column statistics of tables and partitions.

Hive's semantics: statistics belong to a table's (or partition's) existing columns; writing a
column's statistics replaces them (or merges them with `merge=True`, as `set_aggr_stats_for` with
needMerge does); aggregates over partitions are computed in PostgreSQL.
"""

from __future__ import annotations

import time
from decimal import Decimal, InvalidOperation

from sqlalchemy import Connection

from catalog.domain import names as nm
from catalog.domain.model import ColumnStats, TableColumnStats
from catalog.errors import InvalidInputError, NotFoundError
from catalog.service.core import ServiceCore
from catalog.store import column_stats as cs
from catalog.store import partitions as parts
from catalog.store.tables import TableRow

_INTEGRAL = {"tinyint", "smallint", "int", "integer", "bigint"}


def stats_kind(col_type: str | None) -> str | None:
    """Which statistics a column of this Hive type has (None: no statistics for this type)."""
    t = (col_type or "").strip().lower()
    base = t.split("(", 1)[0].strip()
    if base == "boolean":
        return "boolean"
    if base in _INTEGRAL:
        return "long"
    if base in ("float", "double", "double precision"):
        return "double"
    if base in ("string", "varchar", "char"):
        return "string"
    if base == "binary":
        return "binary"
    if base == "decimal" or base == "numeric":
        return "decimal"
    if base == "date":
        return "date"
    return None


class StatisticsOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def _check_stats(self, row: TableRow, stats: list[ColumnStats]) -> list[ColumnStats]:
        cols = {c.name.lower(): c for c in row.table.sd.cols}
        out = []
        seen = set()
        for st in stats:
            name = (st.column or "").lower()
            if name not in cols:
                raise InvalidInputError(
                    f"Column {st.column} doesn't exist in table {row.table.table_name} "
                    f"in database {row.table.db_name}"
                )
            if name in seen:
                raise InvalidInputError(f"Column {st.column} appears twice in one statistics update")
            seen.add(name)
            kind = stats_kind(st.type)
            if kind is None:
                raise InvalidInputError(
                    f"Column statistics are not supported for type {st.type} (column {st.column})"
                )
            if kind != st.kind:
                raise InvalidInputError(
                    f"Column {st.column} of type {st.type} needs {kind} statistics, not {st.kind}"
                )
            if st.kind == "decimal":
                for v in (st.low, st.high):
                    if v is not None:
                        try:
                            Decimal(v)
                        except InvalidOperation:
                            raise InvalidInputError(f"'{v}' is not a decimal value") from None
            out.append(ColumnStats(**{**st.__dict__, "column": name}))
        return out

    def update_column_stats(
        self, items: TableColumnStats | list[TableColumnStats], merge: bool = False
    ) -> None:
        """Write statistics of a table or its partitions; several items are one transaction."""
        items = [items] if isinstance(items, TableColumnStats) else list(items)
        with self.core.db.write() as conn:
            for s in items:
                self._write_stats(conn, s, merge)

    def _write_stats(self, conn: Connection, s: TableColumnStats, merge: bool) -> None:
        catalog = s.catalog_name
        db, table = nm.normalize(s.db_name or ""), nm.normalize(s.table_name or "")
        last = s.last_analyzed or int(time.time())
        row = self.core.table_row(conn, catalog, db, table)
        stats = self._check_stats(row, s.stats)
        if not stats:
            return
        if s.partition_name is None:
            if merge:
                old, _ = cs.table_stats(conn, row.tbl_id, [x.column for x in stats], stats_kind)
                stats = _merge_all(old, stats)
            cs.upsert_table_stats(conn, self.core.ids, catalog, db, table, row.tbl_id, stats, last)
            written = TableColumnStats(row.table.db_name, row.table.table_name, stats, None, last, catalog)
            self.core.events.on(conn).update_column_stats(row.table, written, None)
            return
        keys = [k.name for k in row.table.partition_keys]
        pname = nm.make_part_name(keys, nm.values_from_part_name(keys, s.partition_name))
        found = parts.select_ids(conn, row.tbl_id, parts.by_names([pname]))
        if not found:
            raise NotFoundError(f"Partition {s.partition_name} of table {db}.{table} does not exist")
        if merge:
            before = cs.partition_stats(conn, row.tbl_id, [pname], [x.column for x in stats], stats_kind)
            stats = _merge_all(before.get(pname, ([], 0))[0], stats)
        cs.upsert_partition_stats(conn, self.core.ids, catalog, db, table, found[0][0], pname, stats, last)
        written = TableColumnStats(row.table.db_name, row.table.table_name, stats, pname, last, catalog)
        self.core.events.on(conn).update_column_stats(
            row.table, written, nm.values_from_part_name(keys, pname)
        )

    def get_table_column_stats(
        self, catalog: str, db: str, table: str, cols: list[str] | None
    ) -> TableColumnStats:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, table)
            want = [c.lower() for c in cols] if cols is not None else None
            stats, last = cs.table_stats(conn, row.tbl_id, want, stats_kind)
        return TableColumnStats(row.table.db_name, row.table.table_name, stats, None, last, catalog)

    def get_partition_column_stats(
        self, catalog: str, db: str, table: str, part_names: list[str], cols: list[str] | None
    ) -> dict[str, TableColumnStats]:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, table)
            want = [c.lower() for c in cols] if cols is not None else None
            found = cs.partition_stats(conn, row.tbl_id, list(part_names), want, stats_kind)
        return {
            name: TableColumnStats(row.table.db_name, row.table.table_name, lst, name, last, catalog)
            for name, (lst, last) in found.items()
        }

    def aggregate_partition_stats(
        self, catalog: str, db: str, table: str, part_names: list[str], cols: list[str]
    ) -> tuple[list[ColumnStats], int]:
        """Statistics of the columns over the named partitions, and how many of those partitions
        have statistics for every requested column."""
        want = [c.lower() for c in cols]
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, table)
            rows, found = cs.aggregate_partition_stats(conn, row.tbl_id, list(part_names), want)
        out = []
        for col, ctype, ll, lh, dl, dh, bl, bh, nn, nd, acl, mcl, nt, nf in rows:
            kind = stats_kind(ctype) or ""  # stored statistics were written with a kind
            low, high = {"long": (ll, lh), "date": (ll, lh), "double": (dl, dh), "decimal": (bl, bh)}.get(
                kind, (None, None)
            )
            out.append(
                ColumnStats(
                    column=col,
                    type=ctype,
                    kind=kind,
                    num_nulls=_int(nn),
                    num_dvs=_int(nd),
                    low=low,
                    high=high,
                    avg_col_len=acl,
                    max_col_len=_int(mcl),
                    num_trues=_int(nt),
                    num_falses=_int(nf),
                )
            )
        return out, found

    def delete_column_stats(
        self, catalog: str, db: str, table: str, partition_name: str | None, col: str | None
    ) -> bool:
        with self.core.db.write() as conn:
            row = self.core.table_row(conn, catalog, nm.normalize(db or ""), nm.normalize(table or ""))
            col = col.lower() if col else None
            if partition_name is None:
                n = cs.delete_table_stats(conn, row.tbl_id, col)
                if n:
                    self.core.events.on(conn).delete_column_stats(row.table, col, None, None)
            else:
                vals = nm.values_from_part_name([k.name for k in row.table.partition_keys], partition_name)
                pname = nm.make_part_name([k.name for k in row.table.partition_keys], vals)
                found = parts.select_ids(conn, row.tbl_id, parts.by_names([pname]))
                if not found:
                    raise NotFoundError(f"Partition {partition_name} of table {db}.{table} does not exist")
                n = cs.delete_partition_stats(conn, found[0][0], col)
                if n:
                    self.core.events.on(conn).delete_column_stats(row.table, col, pname, vals)
        if n == 0:
            raise NotFoundError(
                f"no column statistics for {db}.{table}"
                + (f" partition {partition_name}" if partition_name else "")
                + (f" column {col}" if col else "")
            )
        return True


def _int(v):
    return int(v) if v is not None else None


def _merge_all(old: list[ColumnStats], new: list[ColumnStats]) -> list[ColumnStats]:
    by_col = {o.column: o for o in old}
    return [
        _merge(by_col[n.column], n) if n.column in by_col and by_col[n.column].kind == n.kind else n
        for n in new
    ]


def _merge(a: ColumnStats, b: ColumnStats) -> ColumnStats:
    """Hive's ColumnStatsMerger: ranges widen, nulls and booleans add up, distinct counts take the max."""

    def lo(x, y):
        if x is None or y is None:
            return y if x is None else x
        return str(min(Decimal(x), Decimal(y))) if a.kind == "decimal" else min(x, y)

    def hi(x, y):
        if x is None or y is None:
            return y if x is None else x
        return str(max(Decimal(x), Decimal(y))) if a.kind == "decimal" else max(x, y)

    def add(x, y):
        return None if x is None and y is None else (x or 0) + (y or 0)

    def mx(x, y):
        return y if x is None else x if y is None else max(x, y)

    return ColumnStats(
        column=b.column,
        type=b.type,
        kind=b.kind,
        num_nulls=add(a.num_nulls, b.num_nulls),
        num_dvs=mx(a.num_dvs, b.num_dvs),
        low=lo(a.low, b.low),
        high=hi(a.high, b.high),
        avg_col_len=mx(a.avg_col_len, b.avg_col_len),
        max_col_len=mx(a.max_col_len, b.max_col_len),
        num_trues=add(a.num_trues, b.num_trues),
        num_falses=add(a.num_falses, b.num_falses),
        bit_vectors=b.bit_vectors,
    )
