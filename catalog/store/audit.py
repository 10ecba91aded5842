"""SQL for the audit log (catalog.audit_log): one row per change, newest first when read."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.store import raw


@dataclass
class AuditRecord:
    id: int
    at: dt.datetime
    principal: str | None
    door: str
    action: str
    object_type: str | None
    object_name: str | None
    outcome: str
    detail: dict | None


_INSERT = (
    "INSERT INTO catalog.audit_log (principal, door, action, object_type, object_name, outcome, "
    "detail) VALUES (:p, :door, :a, :ot, :on, :o, CAST(:d AS jsonb))"
)


def insert(
    conn: Connection,
    *,
    principal: str | None,
    door: str,
    action: str,
    object_type: str | None,
    object_name: str | None,
    outcome: str,
    detail: dict | None = None,
) -> None:
    """Send the record on `conn`'s pipeline (a `Database.at_commit` hook: it travels with the
    COMMIT)."""
    raw.send(
        conn,
        _INSERT,
        {
            "p": (principal or None) and principal[:256],
            "door": door[:16],
            "a": action[:128],
            "ot": object_type and object_type[:32],
            "on": object_name and object_name[:1024],
            "o": outcome[:16],
            "d": json.dumps(detail) if detail else None,
        },
    )


@dataclass
class AuditQuery:
    principal: str | None = None
    object_name: str | None = None  # exact
    object_prefix: str | None = None  # e.g. 'hive.sales.' for everything in a database
    action: str | None = None
    door: str | None = None
    outcome: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def query(conn: Connection, q: AuditQuery, before_id: int | None, limit: int) -> list[AuditRecord]:
    """Records matching `q` with id < before_id (keyset paging, newest first)."""
    conds: list[str] = []
    params: dict[str, object] = {"limit": limit}
    for col, val in (
        ("principal", q.principal),
        ("object_name", q.object_name),
        ("action", q.action),
        ("door", q.door),
        ("outcome", q.outcome),
    ):
        if val is not None:
            conds.append(f"{col} = :{col}")
            params[col] = val
    if q.object_prefix is not None:
        conds.append("left(object_name, length(:prefix)) = :prefix")
        params["prefix"] = q.object_prefix
    if q.since is not None:
        conds.append("at >= :since")
        params["since"] = q.since
    if q.until is not None:
        conds.append("at < :until")
        params["until"] = q.until
    if before_id is not None:
        conds.append("id < :before")
        params["before"] = before_id
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    rows = conn.execute(
        text(
            "SELECT id, at, principal, door, action, object_type, object_name, outcome, detail "
            f"FROM catalog.audit_log{where} ORDER BY id DESC LIMIT :limit"
        ),
        params,
    )
    return [AuditRecord(*r) for r in rows]


__all__ = ["AuditQuery", "AuditRecord", "insert", "query"]
