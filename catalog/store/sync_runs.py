"""SQL of the Unity Catalog mirror's own records (catalog.sync_runs / catalog.sync_events, created
by migration 0003), its run lock, and the inventory of the objects it mirrored."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from catalog.store.provenance import SOURCE_KEY

RUN_COLUMNS = "id, source, started_at, finished_at, status, dry_run, counts, error"


def try_lock(conn: Connection, key: int) -> bool:
    """A session advisory lock: held until `unlock` or the session ends."""
    return bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())


def unlock(conn: Connection, key: int) -> None:
    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


def abandon_running(conn: Connection, running: str, abandoned: str) -> None:
    """Runs still marked running (and not dry runs) are dead ones: mark them abandoned."""
    conn.execute(
        text(
            "UPDATE catalog.sync_runs SET status = :ab, finished_at = now(), "
            "error = coalesce(error, 'the run ended without finishing (killed?)') "
            "WHERE status = :running AND NOT dry_run"
        ),
        {"ab": abandoned, "running": running},
    )


def insert_run(conn: Connection, source: str, status: str, dry_run: bool) -> int:
    return int(
        conn.execute(
            text("INSERT INTO catalog.sync_runs (source, status, dry_run) VALUES (:s, :st, :d) RETURNING id"),
            {"s": source, "st": status, "d": dry_run},
        ).scalar_one()
    )


def insert_events(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Rows with keys run, ot (object type), sid (source id), name, action, reason."""
    conn.execute(
        text(
            "INSERT INTO catalog.sync_events (run_id, object_type, source_id, object_name, "
            "action, reason) VALUES (:run, :ot, :sid, :name, :action, :reason)"
        ),
        rows,
    )


def set_counts(conn: Connection, run_id: int, counts: dict) -> None:
    conn.execute(
        text("UPDATE catalog.sync_runs SET counts = CAST(:c AS jsonb) WHERE id = :id"),
        {"c": json.dumps(counts), "id": run_id},
    )


def finish_run(conn: Connection, run_id: int, status: str, counts: dict, error: str | None) -> None:
    conn.execute(
        text(
            "UPDATE catalog.sync_runs SET status = :st, finished_at = now(), "
            "counts = CAST(:c AS jsonb), error = :e WHERE id = :id"
        ),
        {"st": status, "c": json.dumps(counts), "e": error, "id": run_id},
    )


def list_runs(conn: Connection, limit: int, before_id: int | None) -> list[tuple]:
    sql = f"SELECT {RUN_COLUMNS} FROM catalog.sync_runs"
    params: dict[str, Any] = {"lim": limit}
    if before_id is not None:
        sql += " WHERE id < :before"
        params["before"] = int(before_id)
    return [tuple(r) for r in conn.execute(text(sql + " ORDER BY id DESC LIMIT :lim"), params)]


def get_run(conn: Connection, run_id: int) -> tuple | None:
    r = conn.execute(
        text(f"SELECT {RUN_COLUMNS} FROM catalog.sync_runs WHERE id = :id"), {"id": run_id}
    ).first()
    return tuple(r) if r is not None else None


def run_events(conn: Connection, run_id: int, limit: int) -> list[tuple]:
    """(id, at, object_type, source_id, object_name, action, reason) in order."""
    return [
        tuple(r)
        for r in conn.execute(
            text(
                "SELECT id, at, object_type, source_id, object_name, action, reason "
                "FROM catalog.sync_events WHERE run_id = :id ORDER BY id LIMIT :lim"
            ),
            {"id": run_id, "lim": limit},
        )
    ]


def latest_runs(conn: Connection, timeout_ms: int) -> list[tuple]:
    """For the metrics: ('ts', source, status, last finish epoch, None) per source and status, and
    ('last', source, status, None, counts) of each source's latest finished run (dry runs aside);
    a scrape waits at most `timeout_ms` (on an autocommit connection)."""
    conn.execute(text(f"SET statement_timeout = {int(timeout_ms)}"))
    try:
        return _latest_runs(conn)
    finally:
        conn.execute(text("RESET statement_timeout"))


def _latest_runs(conn: Connection) -> list[tuple]:
    return [
        tuple(r)
        for r in conn.execute(
            text(
                """
        WITH last AS (
            SELECT DISTINCT ON (source) source, status, counts FROM catalog.sync_runs
            WHERE finished_at IS NOT NULL AND NOT dry_run ORDER BY source, id DESC)
        SELECT 'ts', source, status, extract(epoch FROM max(finished_at))::float8, NULL::jsonb
          FROM catalog.sync_runs WHERE finished_at IS NOT NULL AND NOT dry_run GROUP BY source, status
        UNION ALL
        SELECT 'last', source, status, NULL, counts FROM last"""
            )
        )
    ]


def mirrored_databases(conn: Connection, hive_catalog: str, source: str) -> list[tuple[str, dict | None]]:
    """(name, its catalog.mirror.* parameters) of the databases of `hive_catalog` mirrored from `source`."""
    rows = conn.execute(
        text(
            'SELECT d."NAME", (SELECT json_object_agg(p."PARAM_KEY", p."PARAM_VALUE") '
            '  FROM "DATABASE_PARAMS" p WHERE p."DB_ID" = d."DB_ID" '
            "  AND left(p.\"PARAM_KEY\", 15) = 'catalog.mirror.') "
            'FROM "DBS" d WHERE d."CTLG_NAME" = :cat AND EXISTS (SELECT 1 FROM "DATABASE_PARAMS" s '
            '  WHERE s."DB_ID" = d."DB_ID" AND s."PARAM_KEY" = :key AND s."PARAM_VALUE" = :src)'
        ),
        {"cat": hive_catalog, "key": SOURCE_KEY, "src": source},
    ).all()
    return [(r[0], r[1]) for r in rows]


def mirrored_tables(
    conn: Connection, hive_catalog: str, source: str
) -> list[tuple[str, str, dict | None, list | None]]:
    """(database, table, its catalog.mirror.* parameters, its partition key names) of the tables
    of `hive_catalog` mirrored from `source`."""
    rows = conn.execute(
        text(
            'SELECT d."NAME", t."TBL_NAME", '
            '  (SELECT json_object_agg(p."PARAM_KEY", p."PARAM_VALUE") FROM "TABLE_PARAMS" p '
            '   WHERE p."TBL_ID" = t."TBL_ID" AND left(p."PARAM_KEY", 15) = \'catalog.mirror.\'), '
            '  (SELECT json_agg(k."PKEY_NAME" ORDER BY k."INTEGER_IDX") FROM "PARTITION_KEYS" k '
            '   WHERE k."TBL_ID" = t."TBL_ID") '
            'FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" WHERE d."CTLG_NAME" = :cat AND EXISTS '
            '  (SELECT 1 FROM "TABLE_PARAMS" s WHERE s."TBL_ID" = t."TBL_ID" AND s."PARAM_KEY" = :key '
            '   AND s."PARAM_VALUE" = :src) ORDER BY d."NAME", t."TBL_NAME"'
        ),
        {"cat": hive_catalog, "key": SOURCE_KEY, "src": source},
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
