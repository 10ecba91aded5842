"""The sync's own SQL: run records (catalog.sync_runs / catalog.sync_events, created by migration
0003), the one-run-at-a-time lock, and the read-only inventory of mirrored objects.

`list_runs(db, limit, before_id)` and `get_run(db, run_id)` are plain functions for the REST API
(`GET /api/v1/sync/runs`); they return JSON-ready dicts.

Catalog objects themselves are only ever written through CatalogService; this module writes only
the run records.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text

from catalog.db import Database as Db
from catalog.provenance import SOURCE

log = logging.getLogger(__name__)

# pg_try_advisory_lock key of `catalog sync unity` (any source): 'hmsync' as a number.
LOCK_KEY = 0x686D73796E63
RUNNING, SUCCEEDED, PARTIAL, FAILED, ABANDONED = "running", "succeeded", "partial", "failed", "abandoned"


class RunLockBusy(Exception):
    """Another sync run holds the lock."""


class RunLock:
    """A PostgreSQL session advisory lock held on a dedicated connection for the whole run; it is
    released when the run ends or its process dies (the session ends)."""

    def __init__(self, db: Db, key: int = LOCK_KEY):
        self.db, self.key = db, key
        self._conn = None

    def __enter__(self) -> RunLock:
        conn = self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
        except Exception:
            conn.close()
            raise
        if not got:
            conn.close()
            raise RunLockBusy(
                "another `catalog sync unity` run is in progress (PostgreSQL advisory lock "
                f"{self.key} is held); this run exits without changes"
            )
        self._conn = conn
        return self

    def __exit__(self, *exc) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            finally:
                self._conn.close()
                self._conn = None


class RunStore:
    """Writes one run's record and its events (events are buffered and flushed in batches)."""

    def __init__(self, db: Db, flush_every: int = 50):
        self.db = db
        self.flush_every = flush_every
        self._pending: list[dict] = []
        self.run_id: int | None = None

    def start(self, source: str, dry_run: bool) -> int:
        with self.db.write() as conn:
            # We hold the run lock (or this is a dry run): a 'running' row of a real run is a dead one.
            if not dry_run:
                conn.execute(
                    text(
                        "UPDATE catalog.sync_runs SET status = :ab, finished_at = now(), "
                        "error = coalesce(error, 'the run ended without finishing (killed?)') "
                        "WHERE status = :running AND NOT dry_run"
                    ),
                    {"ab": ABANDONED, "running": RUNNING},
                )
            self.run_id = conn.execute(
                text(
                    "INSERT INTO catalog.sync_runs (source, status, dry_run) VALUES (:s, :st, :d) RETURNING id"
                ),
                {"s": source[:1024], "st": RUNNING, "d": dry_run},
            ).scalar()
        return self.run_id

    def event(
        self,
        object_type: str,
        object_name: str,
        action: str,
        source_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        self._pending.append(
            {
                "run": self.run_id,
                "ot": object_type[:32],
                "sid": (source_id or None) and source_id[:256],
                "name": object_name[:1024],
                "action": action[:32],
                "reason": reason,
            }
        )
        if len(self._pending) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._pending or self.run_id is None:
            return
        rows, self._pending = self._pending, []
        with self.db.write() as conn:
            conn.execute(
                text(
                    "INSERT INTO catalog.sync_events (run_id, object_type, source_id, object_name, "
                    "action, reason) VALUES (:run, :ot, :sid, :name, :action, :reason)"
                ),
                rows,
            )

    def progress(self, counts: dict) -> None:
        """Record the counts so far (a killed run still shows how far it got)."""
        self.flush()
        with self.db.write() as conn:
            conn.execute(
                text("UPDATE catalog.sync_runs SET counts = CAST(:c AS jsonb) WHERE id = :id"),
                {"c": json.dumps(counts), "id": self.run_id},
            )

    def finish(self, status: str, counts: dict, error: str | None = None) -> None:
        try:
            self.flush()
        finally:
            with self.db.write() as conn:
                conn.execute(
                    text(
                        "UPDATE catalog.sync_runs SET status = :st, finished_at = now(), "
                        "counts = CAST(:c AS jsonb), error = :e WHERE id = :id"
                    ),
                    {"st": status, "c": json.dumps(counts), "e": error, "id": self.run_id},
                )
            from catalog.observability.metrics import sync_run_finished

            sync_run_finished(status, counts)


def _run_dict(r) -> dict:
    return {
        "id": r[0],
        "source": r[1],
        "started_at": _iso(r[2]),
        "finished_at": _iso(r[3]),
        "status": r[4],
        "dry_run": r[5],
        "counts": r[6] or {},
        "error": r[7],
    }


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


_RUN_COLS = "id, source, started_at, finished_at, status, dry_run, counts, error"


def list_runs(db: Db, limit: int = 20, before_id: int | None = None) -> list[dict]:
    """The most recent runs first; `before_id` pages backwards (keyset on id)."""
    limit = max(1, min(int(limit or 20), 1000))
    sql = f"SELECT {_RUN_COLS} FROM catalog.sync_runs"
    params: dict[str, Any] = {"lim": limit}
    if before_id is not None:
        sql += " WHERE id < :before"
        params["before"] = int(before_id)
    with db.read() as conn:
        rows = conn.execute(text(sql + " ORDER BY id DESC LIMIT :lim"), params).all()
    return [_run_dict(r) for r in rows]


def get_run(db: Db, run_id: int, events: bool = True, event_limit: int = 10_000) -> dict | None:
    with db.read() as conn:
        r = conn.execute(
            text(f"SELECT {_RUN_COLS} FROM catalog.sync_runs WHERE id = :id"), {"id": run_id}
        ).first()
        if r is None:
            return None
        out = _run_dict(r)
        if events:
            rows = conn.execute(
                text(
                    "SELECT id, at, object_type, source_id, object_name, action, reason "
                    "FROM catalog.sync_events WHERE run_id = :id ORDER BY id LIMIT :lim"
                ),
                {"id": run_id, "lim": event_limit},
            ).all()
            out["events"] = [
                {
                    "id": e[0],
                    "at": _iso(e[1]),
                    "object_type": e[2],
                    "source_id": e[3],
                    "object_name": e[4],
                    "action": e[5],
                    "reason": e[6],
                }
                for e in rows
            ]
    return out


# -- inventory (read-only) ---------------------------------------------------------------------------
@dataclass
class MirroredTable:
    db: str
    name: str
    params: dict[str, str]
    partition_keys: list[str] = field(default_factory=list)


@dataclass
class MirroredDatabase:
    name: str
    params: dict[str, str]


def load_inventory(
    db: Db, hive_catalog: str, source: str
) -> tuple[dict[str, MirroredDatabase], list[MirroredTable]]:
    """Every database and table of `hive_catalog` mirrored from `source`, with its markers."""
    with db.read() as conn:
        drows = conn.execute(
            text(
                'SELECT d."NAME", (SELECT json_object_agg(p."PARAM_KEY", p."PARAM_VALUE") FROM "DATABASE_PARAMS" p '
                '                  WHERE p."DB_ID" = d."DB_ID" AND left(p."PARAM_KEY", 15) = \'catalog.mirror.\') '
                'FROM "DBS" d WHERE d."CTLG_NAME" = :cat AND EXISTS (SELECT 1 FROM "DATABASE_PARAMS" s '
                '  WHERE s."DB_ID" = d."DB_ID" AND s."PARAM_KEY" = :key AND s."PARAM_VALUE" = :src)'
            ),
            {"cat": hive_catalog, "key": SOURCE, "src": source},
        ).all()
        trows = conn.execute(
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
            {"cat": hive_catalog, "key": SOURCE, "src": source},
        ).all()
    dbs = {r[0]: MirroredDatabase(r[0], dict(r[1] or {})) for r in drows}
    tables = [MirroredTable(r[0], r[1], dict(r[2] or {}), [k.lower() for k in (r[3] or [])]) for r in trows]
    return dbs, tables


def mirrored_catalogs(db: Db, source: str) -> dict[str, str]:
    """{Hive catalog: UC catalog} of the Hive 3 catalogs the mirror created for `source`."""
    with db.read() as conn:
        rows = conn.execute(
            text("SELECT name, uc_catalog FROM catalog.mirrored_catalogs WHERE source = :s"), {"s": source}
        ).all()
    return {r[0]: r[1] for r in rows}
