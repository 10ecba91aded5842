"""Copy a Hive metastore's tables from a source database into ours, table by table.

* Ids are kept: rows are copied with their own `DB_ID`, `TBL_ID`, `PART_ID`, … so every reference
  between them stays valid and nothing is renumbered.
* Tables go parents first (the order follows our schema's foreign keys).
* Each table is streamed from the source ordered by its primary key and written in batches: a batch
  is COPYed into a temporary table and inserted with ON CONFLICT DO NOTHING, and the table's
  progress (rows, last key) is recorded in `catalog.import_progress` in the same transaction. Memory
  holds one batch; an interrupted import resumes where its last committed batch ended, and a re-run
  of a finished one copies nothing twice.
* Columns are matched by name (case-insensitively, whatever the source's case); columns Hive added in
  later versions get the values Hive's upgrade scripts give them (catalog 'hive', …); values are
  converted to our column types (MySQL's BIT(1) and Derby's 'Y'/'N' to booleans, …).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import sql

from catalog.adopt.introspect import SchemaInfo
from catalog.importer.sources import Source, q

log = logging.getLogger(__name__)

# Transaction and lock state, meaningless once the source metastore is stopped; not copied.
TRANSIENT = {
    "VERSION",
    "NUCLEUS_TABLES",
    "txns",
    "txn_components",
    "completed_txn_components",
    "hive_locks",
    "compaction_queue",
    "write_set",
    "min_history_level",
    "materialization_rebuild_locks",
    "aux_table",
    "repl_txn_map",
    "runtime_stats",
}
# Counters merged rather than copied: ours keeps the larger value.
COUNTERS = {
    "next_txn_id": "ntxn_next",
    "next_lock_id": "nl_next",
    "next_compaction_queue_id": "ncq_next",
}
# Values for columns a source of an older Hive version lacks (as Hive's upgrade scripts fill them).
FILLS: dict[tuple[str, str], Callable[[dict], Any]] = {
    ("DBS", "CTLG_NAME"): lambda row: "hive",
    ("TAB_COL_STATS", "CAT_NAME"): lambda row: "hive",
    ("PART_COL_STATS", "CAT_NAME"): lambda row: "hive",
    ("NOTIFICATION_LOG", "CAT_NAME"): lambda row: "hive" if row.get("DB_NAME") is not None else None,
    ("PARTITION_EVENTS", "CAT_NAME"): lambda row: "hive" if row.get("DB_NAME") is not None else None,
    ("TBLS", "IS_REWRITE_ENABLED"): lambda row: False,
    ("MV_CREATION_METADATA", "MATERIALIZATION_TIME"): lambda row: 0,
}


def table_order(target: SchemaInfo) -> list[str]:
    """Our tables, each after the tables its foreign keys point to (cycles, if any, last)."""
    deps: dict[str, set[str]] = {t: set() for t in target.tables}
    for fk in target.foreign_keys.values():
        ref = fk.definition.split("REFERENCES ", 1)[1].split("(", 1)[0].strip().strip('"')
        if ref != fk.table and ref in deps:
            deps[fk.table].add(ref)
    out: list[str] = []
    ready = sorted(t for t, d in deps.items() if not d)
    while ready:
        t = ready.pop(0)
        out.append(t)
        for other, d in sorted(deps.items()):
            if t in d:
                d.discard(t)
                if not d and other not in out and other not in ready:
                    ready.append(other)
    return out + sorted(t for t in deps if t not in out)


def _to_bool(v: Any) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, (bytes, bytearray)):
        return any(v)
    if isinstance(v, (int, Decimal)):
        return v != 0
    return str(v).strip().upper() in ("Y", "YES", "T", "TRUE", "1")


def _to_int(v: Any) -> int | None:
    if v is None or isinstance(v, int):
        return v
    if isinstance(v, (bytes, bytearray)):
        return int.from_bytes(v, "big")
    return int(v)


def _to_str(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", errors="replace")
    return str(v)


def _to_bytes(v: Any) -> bytes | None:
    if v is None or isinstance(v, bytes):
        return v
    if isinstance(v, str):
        return v.encode("utf-8")
    return bytes(v)


def _to_float(v: Any) -> float | None:
    return None if v is None else float(v)


def converter(pg_type: str) -> Callable[[Any], Any]:
    if pg_type == "boolean":
        return _to_bool
    if pg_type in ("bigint", "integer", "smallint"):
        return _to_int
    if pg_type == "bytea":
        return _to_bytes
    if pg_type in ("double precision", "real") or pg_type.startswith("numeric"):
        return _to_float
    return _to_str


@dataclass
class TableResult:
    table: str
    source_rows: int
    copied: int  # rows written by this run (a resumed run counts only what it added)


class TableCopier:
    def __init__(self, src: Source, target: psycopg.Connection, source_id: str, batch: int = 5000):
        self.src, self.target, self.source_id, self.batch = src, target, source_id, batch

    def copy(
        self, table: str, src_table: str, info: SchemaInfo, pk: list[str], on_rows: Callable[[int], None]
    ) -> TableResult:
        tcols = info.columns[table]
        scols = {c.lower(): c for c in self.src.columns(src_table)}
        shared = [c for c in tcols if c.lower() in scols]
        fills = [c for c in tcols if c.lower() not in scols and (table, c) in FILLS]
        convs = [converter(tcols[c].type) for c in shared]
        total = self.src.scalar(f"SELECT count(*) FROM {q(src_table)}") or 0
        done, last = self._progress(table)
        if done:
            on_rows(total)
            return TableResult(table, total, 0)
        order_cols = [scols[c.lower()] for c in pk if c.lower() in scols] or [scols[shared[0].lower()]]
        where = ""
        int_key = bool(pk) and tcols[pk[0]].type in ("bigint", "integer", "smallint")
        if last is not None and int_key:
            # resume at the last committed batch's last key (>=: a composite key may continue there)
            where = f" WHERE {q(order_cols[0])} >= {int(last)}"
        select = ", ".join(q(scols[c.lower()]) for c in shared)
        stmt = f"SELECT {select} FROM {q(src_table)}{where} ORDER BY " + ", ".join(q(c) for c in order_cols)
        copied = 0
        names = shared + fills
        for rows in self.src.stream(stmt, self.batch):
            out = []
            for r in rows:
                vals = [conv(v) for conv, v in zip(convs, r, strict=True)]
                if fills:
                    as_dict = dict(zip(shared, vals, strict=True))
                    vals += [FILLS[(table, c)](as_dict) for c in fills]
                out.append(vals)
            key = out[-1][shared.index(pk[0])] if pk and pk[0] in shared else None
            copied += self._write(table, names, out, key)
            on_rows(len(rows))
        self._finish(table)
        return TableResult(table, total, copied)

    def _write(self, table: str, names: list[str], rows: list[list], last_key: Any) -> int:
        ident = sql.Identifier(table)
        cols = sql.SQL(", ").join(sql.Identifier(c) for c in names)
        with self.target.transaction(), self.target.cursor() as cur:
            cur.execute(sql.SQL("CREATE TEMP TABLE hms_import_batch (LIKE {} ) ON COMMIT DROP").format(ident))
            with cur.copy(sql.SQL("COPY hms_import_batch ({}) FROM STDIN").format(cols)) as cp:
                for r in rows:
                    cp.write_row(r)
            cur.execute(
                sql.SQL("INSERT INTO {} ({}) SELECT {} FROM hms_import_batch ON CONFLICT DO NOTHING").format(
                    ident, cols, cols
                )
            )
            n = cur.rowcount
            cur.execute(
                "INSERT INTO catalog.import_progress (source, tbl, rows_copied, last_key) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (source, tbl) DO UPDATE "
                "SET rows_copied = import_progress.rows_copied + EXCLUDED.rows_copied, last_key = EXCLUDED.last_key",
                (self.source_id, table, n, None if last_key is None else str(last_key)),
            )
        return n

    def _progress(self, table: str) -> tuple[bool, str | None]:
        row = self.target.execute(
            "SELECT done, last_key FROM catalog.import_progress WHERE source = %s AND tbl = %s",
            (self.source_id, table),
        ).fetchone()
        return (bool(row[0]), row[1]) if row else (False, None)

    def _finish(self, table: str) -> None:
        with self.target.transaction():
            self.target.execute(
                "INSERT INTO catalog.import_progress (source, tbl, rows_copied, done) VALUES (%s, %s, 0, true) "
                "ON CONFLICT (source, tbl) DO UPDATE SET done = true",
                (self.source_id, table),
            )
