"""`catalog import --from URL`: copy a Hive metastore (schema 1.2 .. 3.1, on MySQL/MariaDB, PostgreSQL,
Derby or SQL Server) into our PostgreSQL database, then check every kind of object against the source.

The target is migrated to our head revision first; it must hold no catalog of its own (an empty
`default` database, as `catalog serve` creates, is replaced by the source's). Id sequences are made
consistent afterwards: every "SEQUENCE_TABLE" row is at least the source's and above the largest id
in use, and "NOTIFICATION_SEQUENCE" above the last event, so a Java metastore or our service
allocating ids later never collides with an imported row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import make_url

from catalog.adopt.detect import CORE_TABLES, COUNTS, VERSIONS, infer_version
from catalog.adopt.introspect import SchemaInfo, describe
from catalog.adopt.plan import Plan, data_steps
from catalog.db import normalize_url
from catalog.importer.copy import COUNTERS, TRANSIENT, TableCopier, TableResult, table_order
from catalog.importer.sources import Source, SourceError, open_source, q
from catalog.store import migrate

log = logging.getLogger(__name__)

MODEL = "org.apache.hadoop.hive.metastore.model."
# DataNucleus id sequences and the id column each one allocates.
SEQUENCES = {
    "MDatabase": ("DBS", "DB_ID"),
    "MTable": ("TBLS", "TBL_ID"),
    "MPartition": ("PARTITIONS", "PART_ID"),
    "MStorageDescriptor": ("SDS", "SD_ID"),
    "MSerDeInfo": ("SERDES", "SERDE_ID"),
    "MColumnDescriptor": ("CDS", "CD_ID"),
    "MStringList": ("SKEWED_STRING_LIST", "STRING_LIST_ID"),
    "MFunction": ("FUNCS", "FUNC_ID"),
    "MRole": ("ROLES", "ROLE_ID"),
    "MRoleMap": ("ROLE_MAP", "ROLE_GRANT_ID"),
    "MGlobalPrivilege": ("GLOBAL_PRIVS", "USER_GRANT_ID"),
    "MDBPrivilege": ("DB_PRIVS", "DB_GRANT_ID"),
    "MTablePrivilege": ("TBL_PRIVS", "TBL_GRANT_ID"),
    "MPartitionPrivilege": ("PART_PRIVS", "PART_GRANT_ID"),
    "MTableColumnPrivilege": ("TBL_COL_PRIVS", "TBL_COLUMN_GRANT_ID"),
    "MPartitionColumnPrivilege": ("PART_COL_PRIVS", "PART_COLUMN_GRANT_ID"),
    "MTableColumnStatistics": ("TAB_COL_STATS", "CS_ID"),
    "MPartitionColumnStatistics": ("PART_COL_STATS", "CS_ID"),
    "MNotificationLog": ("NOTIFICATION_LOG", "NL_ID"),
    "MPartitionEvent": ("PARTITION_EVENTS", "PART_NAME_ID"),
    "MIndex": ("IDXS", "INDEX_ID"),
    "MType": ("TYPES", "TYPES_ID"),
    "MCatalog": ("CTLGS", "CTLG_ID"),
    "MVersionTable": ("VERSION", "VER_ID"),
}


class ImportFailed(RuntimeError):
    """The import cannot run or did not check out (the message says why)."""


@dataclass
class Summary:
    source: str
    version: str | None
    tables: list[TableResult] = field(default_factory=list)
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (source, ours)
    mismatches: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _pk(info: SchemaInfo, table: str) -> list[str]:
    for ix in info.indexes.values():
        if ix.table == table and ix.constraint == "p" and ix.constraint_def:
            inner = ix.constraint_def.split("(", 1)[1].rsplit(")", 1)[0]
            return [c.strip().strip('"') for c in inner.split(",")]
    return []


def _source_version(src: Source, tables: dict[str, str]) -> str | None:
    if "version" in tables:
        try:
            return src.scalar(f"SELECT {q('SCHEMA_VERSION')} FROM {q(tables['version'])}")
        except Exception:  # noqa: BLE001 - a VERSION table of another shape: report no version
            return None
    return None


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - derby: and other non-SQLAlchemy URLs carry no password
        return url


def import_metastore(
    source_url: str,
    target_url: str,
    batch: int = 5000,
    on_total: Callable[[int], None] | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> Summary:
    src = open_source(source_url)
    try:
        return _import(
            src, source_url, target_url, batch, on_total or (lambda n: None), on_rows or (lambda n: None)
        )
    finally:
        src.close()


def _import(
    src: Source, source_url: str, target_url: str, batch: int, on_total: Callable, on_rows: Callable
) -> Summary:
    tables = src.tables()
    missing = [t for t in CORE_TABLES if t.lower() not in tables]
    if missing:
        raise ImportFailed(f"{src.describe()} is not a Hive metastore: it has no table {', '.join(missing)}")
    summary = Summary(_safe(source_url), _source_version(src, tables))
    if (
        summary.version
        and summary.version.split(".")[0].isdigit()
        and int(summary.version.split(".")[0]) >= 4
    ):
        raise ImportFailed(f"schema version {summary.version} is newer than 3.1.0")
    migrate.upgrade(target_url)
    engine = create_engine(normalize_url(target_url), poolclass=pool.NullPool)
    try:
        with engine.connect() as c, c.begin():
            info = describe(c, "public")
    finally:
        engine.dispose()
    pg_url = normalize_url(target_url).replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(pg_url, autocommit=True) as target:
        _check_target(src, tables, target)
        order = [
            t
            for t in table_order(info)
            if t.lower() in tables
            and t not in TRANSIENT
            and t not in COUNTERS
            and t not in ("SEQUENCE_TABLE", "NOTIFICATION_SEQUENCE")
        ]
        summary.skipped = sorted(t for t in info.tables if t.lower() in tables and t not in order)
        counts = {t: src.scalar(f"SELECT count(*) FROM {q(tables[t.lower()])}") or 0 for t in order}
        on_total(sum(counts.values()))
        copier = TableCopier(src, target, summary.source, batch)
        for t in order:
            summary.tables.append(copier.copy(t, tables[t.lower()], info, _pk(info, t), on_rows))
        _merge_sequences(src, tables, target)
        _hive_data_changes(src, tables, summary, target, info)
        for t in ("PARTITIONS", "PARTITION_KEY_VALS", "PARTITION_PARAMS", "SDS", "TBLS", "COLUMNS_V2"):
            target.execute(f"ANALYZE {q(t)}")
        for t in order:
            ours = _count(target, f"SELECT count(*) FROM {q(t)}")
            if ours < counts[t]:
                summary.mismatches.append(f"{t}: {counts[t]} rows in the source, {ours} here")
        for kind, stmt in COUNTS.items():
            needed = set(_tables_in(stmt))
            if all(n.lower() in tables for n in needed):
                theirs = src.scalar(_source_sql(stmt, tables)) or 0
                ours = _count(target, stmt)
                summary.kinds[kind] = (theirs, ours)
                if theirs != ours and kind != "catalogs":
                    summary.mismatches.append(f"{kind}: {theirs} in the source, {ours} here")
    return summary


def _hive_data_changes(
    src: Source, tables: dict[str, str], summary: Summary, target: psycopg.Connection, info: SchemaInfo
) -> None:
    """What Hive's upgrade scripts change in the data of a metastore older than 3.0 (the misspelt
    serde key, s3n:// locations), applied to the copy, as `catalog db adopt` applies them in place."""
    version = summary.version if summary.version in VERSIONS else None
    if version is None:
        shape = SchemaInfo("source")
        by_lower = {t.lower(): t for t in info.tables}
        for low, actual in tables.items():
            if low in by_lower and low in ("global_privs", "tbls"):
                shape.columns[by_lower[low]] = {c.upper(): None for c in src.columns(actual)}  # type: ignore[misc]
            elif low in by_lower:
                shape.columns[by_lower[low]] = {}
        version = infer_version(shape) or "1.2.0"
        summary.version = summary.version or f"{version} (inferred)"
    plan = Plan()
    data_steps(plan, version, info)
    with target.transaction():
        for step in plan.steps:
            target.execute(step.sql)


def _count(conn: psycopg.Connection, stmt: str, params: tuple = ()) -> int:
    row = conn.execute(stmt, params).fetchone()
    return int(row[0]) if row else 0


def _tables_in(stmt: str) -> list[str]:
    import re

    return re.findall(r'FROM "([A-Za-z_0-9]+)"', stmt)


def _source_sql(stmt: str, tables: dict[str, str]) -> str:
    for t in _tables_in(stmt):
        stmt = stmt.replace(f'"{t}"', q(tables[t.lower()]))
    return stmt


def _check_target(src: Source, tables: dict[str, str], target: psycopg.Connection) -> None:
    """Ours must hold nothing but what an earlier run of this import copied (or an empty 'default')."""
    source_dbs = {
        (r[0], r[1])
        for rows in src.stream(f"SELECT {q('DB_ID')}, {q('NAME')} FROM {q(tables['dbs'])}", 10000)
        for r in rows
    }
    for db_id, name in target.execute('SELECT "DB_ID", "NAME" FROM "DBS"').fetchall():
        if (db_id, name) in source_dbs:
            continue
        used = _count(
            target,
            'SELECT (SELECT count(*) FROM "TBLS" WHERE "DB_ID" = %s) + (SELECT count(*) FROM "FUNCS" '
            'WHERE "DB_ID" = %s)',
            (db_id, db_id),
        )
        if name == "default" and not used:
            with target.transaction():  # the empty 'default' `catalog serve` made: the source has its own
                for t in ("DATABASE_PARAMS", "DB_PRIVS"):
                    target.execute(f'DELETE FROM "{t}" WHERE "DB_ID" = %s', (db_id,))
                target.execute('DELETE FROM "DBS" WHERE "DB_ID" = %s', (db_id,))
            continue
        raise ImportFailed(
            f"the target already holds database {name!r} (id {db_id}), which the source does not: "
            "import into an empty catalog database"
        )


def _merge_sequences(src: Source, tables: dict[str, str], target: psycopg.Connection) -> None:
    with target.transaction():
        if "sequence_table" in tables:
            for rows in src.stream(
                f"SELECT {q('SEQUENCE_NAME')}, {q('NEXT_VAL')} FROM {q(tables['sequence_table'])}", 1000
            ):
                for name, nxt in rows:
                    target.execute(
                        'INSERT INTO "SEQUENCE_TABLE" ("SEQUENCE_NAME", "NEXT_VAL") VALUES (%s, %s) '
                        'ON CONFLICT ("SEQUENCE_NAME") DO UPDATE SET "NEXT_VAL" = '
                        'greatest("SEQUENCE_TABLE"."NEXT_VAL", EXCLUDED."NEXT_VAL")',
                        (name, int(nxt)),
                    )
        for cls, (table, col) in SEQUENCES.items():
            # never below the largest id in use (DataNucleus hands out NEXT_VAL onwards)
            target.execute(
                f'UPDATE "SEQUENCE_TABLE" SET "NEXT_VAL" = (SELECT max({q(col)}) + 1 FROM {q(table)}) '
                f'WHERE "SEQUENCE_NAME" = %s AND "NEXT_VAL" <= (SELECT max({q(col)}) FROM {q(table)})',
                (MODEL + cls,),
            )
        theirs = 0
        if "notification_sequence" in tables:
            theirs = (
                src.scalar(f"SELECT max({q('NEXT_EVENT_ID')}) FROM {q(tables['notification_sequence'])}") or 0
            )
        target.execute(
            'UPDATE "NOTIFICATION_SEQUENCE" SET "NEXT_EVENT_ID" = greatest("NEXT_EVENT_ID", %s, '
            '(SELECT coalesce(max("EVENT_ID"), 0) + 1 FROM "NOTIFICATION_LOG"))',
            (int(theirs),),
        )
        for table, col in COUNTERS.items():
            if table in tables:
                v = src.scalar(
                    f"SELECT max({q(col.upper() if src.kind != 'postgresql' else col)}) FROM {q(tables[table])}"
                )
                if v is not None:
                    target.execute(f"UPDATE {table} SET {col} = greatest({col}, %s)", (int(v),))


__all__ = ["ImportFailed", "SourceError", "Summary", "import_metastore"]
