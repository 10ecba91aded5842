"""SQL for column statistics ("TAB_COL_STATS", "PART_COL_STATS"), in Hive's column layout:
long and date values in LONG_*, double in DOUBLE_*, decimal as strings in BIG_DECIMAL_*."""

from __future__ import annotations

from sqlalchemy import Connection, text

from catalog.domain.model import ColumnStats
from catalog.store import schema as s
from catalog.store.ids import IdAllocator

SEQ_TAB_STATS = (s.MODEL + "MTableColumnStatistics", "TAB_COL_STATS", "CS_ID")
SEQ_PART_STATS = (s.MODEL + "MPartitionColumnStatistics", "PART_COL_STATS", "CS_ID")

_VALUE_COLS = (
    '"LONG_LOW_VALUE", "LONG_HIGH_VALUE", "DOUBLE_LOW_VALUE", "DOUBLE_HIGH_VALUE", '
    '"BIG_DECIMAL_LOW_VALUE", "BIG_DECIMAL_HIGH_VALUE", "NUM_NULLS", "NUM_DISTINCTS", "BIT_VECTOR", '
    '"AVG_COL_LEN", "MAX_COL_LEN", "NUM_TRUES", "NUM_FALSES", "LAST_ANALYZED"'
)


def _row_values(st: ColumnStats, last_analyzed: int) -> dict:
    v: dict[str, object] = {"ll": None, "lh": None, "dl": None, "dh": None, "bl": None, "bh": None}
    if st.kind in ("long", "date"):
        v["ll"], v["lh"] = st.low, st.high
    elif st.kind == "double":
        v["dl"], v["dh"] = st.low, st.high
    elif st.kind == "decimal":
        v["bl"], v["bh"] = st.low, st.high
    v.update(
        nn=st.num_nulls if st.num_nulls is not None else 0,
        nd=st.num_dvs,
        bv=st.bit_vectors,
        acl=st.avg_col_len,
        mcl=st.max_col_len,
        nt=st.num_trues,
        nf=st.num_falses,
        la=last_analyzed,
        col=st.column,
        ctype=st.type,
    )
    return v


def _from_row(r, kind_of) -> ColumnStats:
    (col, ctype, ll, lh, dl, dh, bl, bh, nn, nd, bv, acl, mcl, nt, nf, _la) = r[:16]
    kind = kind_of(ctype)
    low, high = {"long": (ll, lh), "date": (ll, lh), "double": (dl, dh), "decimal": (bl, bh)}.get(
        kind, (None, None)
    )
    return ColumnStats(
        column=col,
        type=ctype,
        kind=kind,
        num_nulls=nn,
        num_dvs=nd,
        low=low,
        high=high,
        avg_col_len=acl,
        max_col_len=mcl,
        num_trues=nt,
        num_falses=nf,
        bit_vectors=bytes(bv) if bv is not None else None,
    )


def upsert_table_stats(
    conn: Connection,
    ids: IdAllocator,
    catalog: str,
    db: str,
    table: str,
    tbl_id: int,
    stats: list[ColumnStats],
    last_analyzed: int,
) -> None:
    cols = [st.column for st in stats]
    conn.execute(
        text('DELETE FROM "TAB_COL_STATS" WHERE "TBL_ID" = :id AND "COLUMN_NAME" = ANY(:cols)'),
        {"id": tbl_id, "cols": cols},
    )
    cs_ids = ids.allocate(SEQ_TAB_STATS, len(stats))
    rows = [
        dict(_row_values(st, last_analyzed), cs=cs, cat=catalog, db=db, tbl=table, tid=tbl_id)
        for st, cs in zip(stats, cs_ids, strict=True)
    ]
    conn.execute(
        text(
            f'INSERT INTO "TAB_COL_STATS" ("CS_ID", "CAT_NAME", "DB_NAME", "TABLE_NAME", "COLUMN_NAME", '
            f'"COLUMN_TYPE", "TBL_ID", {_VALUE_COLS}) VALUES (:cs, :cat, :db, :tbl, :col, :ctype, :tid, '
            ":ll, :lh, :dl, :dh, :bl, :bh, :nn, :nd, :bv, :acl, :mcl, :nt, :nf, :la)"
        ),
        rows,
    )


def upsert_partition_stats(
    conn: Connection,
    ids: IdAllocator,
    catalog: str,
    db: str,
    table: str,
    part_id: int,
    part_name: str,
    stats: list[ColumnStats],
    last_analyzed: int,
) -> None:
    cols = [st.column for st in stats]
    conn.execute(
        text('DELETE FROM "PART_COL_STATS" WHERE "PART_ID" = :id AND "COLUMN_NAME" = ANY(:cols)'),
        {"id": part_id, "cols": cols},
    )
    cs_ids = ids.allocate(SEQ_PART_STATS, len(stats))
    rows = [
        dict(_row_values(st, last_analyzed), cs=cs, cat=catalog, db=db, tbl=table, pid=part_id, pn=part_name)
        for st, cs in zip(stats, cs_ids, strict=True)
    ]
    conn.execute(
        text(
            f'INSERT INTO "PART_COL_STATS" ("CS_ID", "CAT_NAME", "DB_NAME", "TABLE_NAME", "PARTITION_NAME", '
            f'"COLUMN_NAME", "COLUMN_TYPE", "PART_ID", {_VALUE_COLS}) VALUES (:cs, :cat, :db, :tbl, :pn, '
            ":col, :ctype, :pid, :ll, :lh, :dl, :dh, :bl, :bh, :nn, :nd, :bv, :acl, :mcl, :nt, :nf, :la)"
        ),
        rows,
    )


def table_stats(
    conn: Connection, tbl_id: int, cols: list[str] | None, kind_of
) -> tuple[list[ColumnStats], int]:
    sql = f'SELECT "COLUMN_NAME", "COLUMN_TYPE", {_VALUE_COLS} FROM "TAB_COL_STATS" WHERE "TBL_ID" = :id'
    if cols is not None:
        sql += ' AND "COLUMN_NAME" = ANY(:cols)'
    rows = conn.execute(text(sql + ' ORDER BY "COLUMN_NAME"'), {"id": tbl_id, "cols": cols}).all()
    return [_from_row(r, kind_of) for r in rows], max((r[15] for r in rows), default=0)


def partition_stats(
    conn: Connection, tbl_id: int, part_names: list[str], cols: list[str] | None, kind_of
) -> dict[str, tuple[list[ColumnStats], int]]:
    sql = (
        f'SELECT s."COLUMN_NAME", s."COLUMN_TYPE", {", ".join("s." + c.strip() for c in _VALUE_COLS.split(","))}, '
        'p."PART_NAME" FROM "PART_COL_STATS" s JOIN "PARTITIONS" p ON p."PART_ID" = s."PART_ID" '
        'WHERE p."TBL_ID" = :id AND p."PART_NAME" = ANY(:names)'
    )
    if cols is not None:
        sql += ' AND s."COLUMN_NAME" = ANY(:cols)'
    out: dict[str, tuple[list[ColumnStats], int]] = {}
    for r in conn.execute(
        text(sql + ' ORDER BY p."PART_NAME", s."COLUMN_NAME"'),
        {"id": tbl_id, "names": part_names, "cols": cols},
    ):
        lst, la = out.get(r[16], ([], 0))
        lst.append(_from_row(r, kind_of))
        out[r[16]] = (lst, max(la, r[15] or 0))
    return out


def delete_table_stats(conn: Connection, tbl_id: int, col: str | None) -> int:
    sql = 'DELETE FROM "TAB_COL_STATS" WHERE "TBL_ID" = :id'
    if col is not None:
        sql += ' AND "COLUMN_NAME" = :col'
    return conn.execute(text(sql), {"id": tbl_id, "col": col}).rowcount


def delete_partition_stats(conn: Connection, part_id: int, col: str | None) -> int:
    sql = 'DELETE FROM "PART_COL_STATS" WHERE "PART_ID" = :id'
    if col is not None:
        sql += ' AND "COLUMN_NAME" = :col'
    return conn.execute(text(sql), {"id": part_id, "col": col}).rowcount


def aggregate_partition_stats(
    conn: Connection, tbl_id: int, part_names: list[str], cols: list[str]
) -> tuple[list[tuple], int]:
    """Per column over the named partitions: (column, type, min long, max long, min double,
    max double, min decimal, max decimal, nulls, distinct, avg len, max len, trues, falses),
    and how many of those partitions have statistics for every one of `cols`."""
    params = {"id": tbl_id, "names": list(part_names), "cols": cols}
    rows = conn.execute(
        text(
            'SELECT s."COLUMN_NAME", max(s."COLUMN_TYPE"), '
            'min(s."LONG_LOW_VALUE"), max(s."LONG_HIGH_VALUE"), '
            'min(s."DOUBLE_LOW_VALUE"), max(s."DOUBLE_HIGH_VALUE"), '
            'min(CAST(s."BIG_DECIMAL_LOW_VALUE" AS numeric))::text, '
            'max(CAST(s."BIG_DECIMAL_HIGH_VALUE" AS numeric))::text, sum(s."NUM_NULLS"), '
            'max(s."NUM_DISTINCTS"), max(s."AVG_COL_LEN"), max(s."MAX_COL_LEN"), sum(s."NUM_TRUES"), '
            'sum(s."NUM_FALSES") FROM "PART_COL_STATS" s JOIN "PARTITIONS" p ON p."PART_ID" = s."PART_ID" '
            'WHERE p."TBL_ID" = :id AND p."PART_NAME" = ANY(:names) AND s."COLUMN_NAME" = ANY(:cols) '
            'GROUP BY s."COLUMN_NAME" ORDER BY s."COLUMN_NAME"'
        ),
        params,
    ).all()
    found = conn.execute(
        text(
            'SELECT count(*) FROM (SELECT s."PART_ID" FROM "PART_COL_STATS" s JOIN "PARTITIONS" p '
            'ON p."PART_ID" = s."PART_ID" WHERE p."TBL_ID" = :id AND p."PART_NAME" = ANY(:names) '
            'AND s."COLUMN_NAME" = ANY(:cols) GROUP BY s."PART_ID" '
            'HAVING count(DISTINCT s."COLUMN_NAME") = :n) x'
        ),
        dict(params, n=len(set(cols))),
    ).scalar()
    return [tuple(r) for r in rows], int(found or 0)


def rename_table(conn: Connection, tbl_id: int, db: str, table: str) -> None:
    """Hive's denormalised names in both statistics tables follow a renamed table."""
    p = {"db": db, "t": table, "id": tbl_id}
    conn.execute(
        text('UPDATE "TAB_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :t WHERE "TBL_ID" = :id'), p
    )
    conn.execute(
        text(
            'UPDATE "PART_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :t WHERE "PART_ID" IN '
            '(SELECT "PART_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :id)'
        ),
        p,
    )


def delete_table_stats_of(conn: Connection, tbl_id: int, cols: list[str]) -> None:
    conn.execute(
        text('DELETE FROM "TAB_COL_STATS" WHERE "TBL_ID" = :id AND "COLUMN_NAME" = ANY(:cols)'),
        {"id": tbl_id, "cols": cols},
    )


def rename_partition(conn: Connection, part_id: int, new_name: str) -> None:
    conn.execute(
        text('UPDATE "PART_COL_STATS" SET "PARTITION_NAME" = :n WHERE "PART_ID" = :id'),
        {"n": new_name, "id": part_id},
    )


def move_partitions(conn: Connection, part_ids: list[int], db: str, table: str) -> None:
    """The statistics of partitions moved to another table (exchange_partitions) carry its names."""
    conn.execute(
        text('UPDATE "PART_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :tn WHERE "PART_ID" = ANY(:ids)'),
        {"db": db, "tn": table, "ids": part_ids},
    )
