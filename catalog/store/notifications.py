"""SQL for Hive's notification log: `"NOTIFICATION_LOG"` rows and the `"NOTIFICATION_SEQUENCE"` counter.

Event ids are dense and strictly increasing in commit order, across connections, processes,
replicas and a Java metastore sharing the database: `append` takes the one-row sequence (a row
lock, as Hive's DbNotificationListener does with SELECT ... FOR UPDATE) as the last statement of
the write transaction, so the lock is held only until the COMMIT that follows, and a later
transaction can read the sequence only after this one committed. NL_ID comes from
`"SEQUENCE_TABLE"`'s MNotificationLog row, as DbNotificationListener allocates it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, TextClause, text

CHANNEL = "hms_catalog_events"  # NOTIFY channel: payload is the last event id of the commit
NL_SEQUENCE = "org.apache.hadoop.hive.metastore.model.MNotificationLog"
CLEANER_LOCK = 0x686D735F6576  # pg advisory lock key ("hms_ev"): one replica cleans at a time


@dataclass(frozen=True)
class NewEvent:
    event_type: str
    catalog: str | None
    db: str | None
    table: str | None
    message: str
    message_format: str


@dataclass(frozen=True)
class EventRow:
    event_id: int
    event_time: int
    event_type: str
    catalog: str | None
    db: str | None
    table: str | None
    message: str | None
    message_format: str | None


# One round trip: advance the event sequence (row lock held to COMMIT), then the NL_ID sequence
# (the `seq` CTE is an InitPlan of `nl`'s WHERE, so the locks are taken in DbNotificationListener's
# order, NOTIFICATION_SEQUENCE first: no deadlock with a Java metastore), insert the rows in order,
# and NOTIFY (delivered at COMMIT, in commit order) the last id for the change feed.
_APPEND_SQL = """
WITH seq AS (
    UPDATE "NOTIFICATION_SEQUENCE" SET "NEXT_EVENT_ID" = "NEXT_EVENT_ID" + :n
    RETURNING "NEXT_EVENT_ID" - :n AS first
), nl AS (
    UPDATE "SEQUENCE_TABLE" SET "NEXT_VAL" = "NEXT_VAL" + :n
    WHERE "SEQUENCE_NAME" = :nl_name AND (SELECT first FROM seq) IS NOT NULL
    RETURNING "NEXT_VAL" - :n AS first
), ins AS (
    INSERT INTO "NOTIFICATION_LOG" ("NL_ID", "EVENT_ID", "EVENT_TIME", "EVENT_TYPE", "CAT_NAME",
        "DB_NAME", "TBL_NAME", "MESSAGE", "MESSAGE_FORMAT")
    SELECT nl.first + e.i - 1, seq.first + e.i - 1, :at, e.typ, e.cat, e.db, e.tbl, e.msg, e.fmt
    FROM seq, nl,
        unnest(CAST(:types AS varchar[]), CAST(:cats AS varchar[]), CAST(:dbs AS varchar[]),
               CAST(:tbls AS varchar[]), ARRAY[{msgs}], CAST(:fmts AS varchar[]))
            WITH ORDINALITY AS e(typ, cat, db, tbl, msg, fmt, i)
    RETURNING "EVENT_ID"
)
SELECT (SELECT first FROM seq), (SELECT first FROM nl), (SELECT count(*) FROM ins),
       pg_notify(:channel, CAST((SELECT max("EVENT_ID") FROM ins) AS text))
"""
_append_statements: dict[int, TextClause] = {}


def _append_statement(n: int) -> TextClause:
    """Messages are bound one parameter each, in an ARRAY[...] constructor: PostgreSQL parses a
    text[] literal of large escaped JSON strings very slowly (1.4 s for one 1 MB message)."""
    stmt = _append_statements.get(n)
    if stmt is None:
        stmt = text(_APPEND_SQL.format(msgs=", ".join(f"CAST(:m{i} AS text)" for i in range(n))))
        if n <= 32:
            _append_statements[n] = stmt
    return stmt


class SequenceMissingError(RuntimeError):
    pass


def append(conn: Connection, events: Sequence[NewEvent], at: int) -> tuple[int, int]:
    """Write `events` with the next ids; returns (first id, last id). Call it last in the transaction."""
    n = len(events)
    row = conn.execute(
        _append_statement(n),
        {
            **{f"m{i}": e.message for i, e in enumerate(events)},
            "n": n,
            "nl_name": NL_SEQUENCE,
            "at": at,
            "types": [e.event_type for e in events],
            "cats": [e.catalog for e in events],
            "dbs": [e.db for e in events],
            "tbls": [e.table for e in events],
            "fmts": [e.message_format for e in events],
            "channel": CHANNEL,
        },
    ).one()
    first, nl_first, written = row[0], row[1], row[2]
    if first is None:  # Hive's words for a schema without the seed row
        raise SequenceMissingError("Transaction database not properly configured, can't find next event id.")
    if nl_first is None or written != n:
        raise SequenceMissingError("failed to get next NEXT_VAL from SEQUENCE_TABLE")
    return first, first + n - 1


def current_event_id(conn: Connection) -> int:
    """The id of the last event committed (0 before the first), as Hive's getCurrentNotificationEventId."""
    v = conn.execute(text('SELECT "NEXT_EVENT_ID" FROM "NOTIFICATION_SEQUENCE"')).scalar()
    return int(v) - 1 if v is not None else 0


_COLS = (
    '"EVENT_ID", "EVENT_TIME", "EVENT_TYPE", "CAT_NAME", "DB_NAME", "TBL_NAME", {message}, "MESSAGE_FORMAT"'
)


@dataclass
class EventFilter:
    skip_types: Sequence[str] = ()
    types: Sequence[str] = ()
    catalog: str | None = None
    db: str | None = None
    table: str | None = None


def _where(after: int, f: EventFilter, params: dict) -> str:
    conds = ['"EVENT_ID" > :after']
    params["after"] = after
    if f.skip_types:
        conds.append('"EVENT_TYPE" <> ALL(CAST(:skip AS varchar[]))')
        params["skip"] = list(f.skip_types)
    if f.types:
        conds.append('"EVENT_TYPE" = ANY(CAST(:types AS varchar[]))')
        params["types"] = list(f.types)
    for col, key, val in (
        ("CAT_NAME", "cat", f.catalog),
        ("DB_NAME", "db", f.db),
        ("TBL_NAME", "tbl", f.table),
    ):
        if val is not None:
            # names are stored lower-case, as Hive does; a NULL catalog is a Hive 2 row (`hive`)
            if col == "CAT_NAME":
                conds.append("COALESCE(\"CAT_NAME\", 'hive') = :cat")
            else:
                conds.append(f'"{col}" = :{key}')
            params[key] = val.lower()
    return " AND ".join(conds)


def events_after(
    conn: Connection, after: int, limit: int | None, f: EventFilter | None = None, with_message: bool = True
) -> list[EventRow]:
    """Events with id > `after`, oldest first, at most `limit` (None: all), matching `f`."""
    params: dict = {}
    where = _where(after, f or EventFilter(), params)
    cols = _COLS.format(message='"MESSAGE"' if with_message else "NULL")
    sql = f'SELECT {cols} FROM "NOTIFICATION_LOG" WHERE {where} ORDER BY "EVENT_ID"'
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [EventRow(*r) for r in conn.execute(text(sql), params)]


def count_after(conn: Connection, after: int, db: str | None, catalog: str | None) -> int:
    """Hive's get_notification_events_count: events past `after` on database `db`."""
    params: dict = {}
    where = _where(after, EventFilter(catalog=catalog, db=db), params)
    return int(
        conn.execute(text(f'SELECT count(*) FROM "NOTIFICATION_LOG" WHERE {where}'), params).scalar() or 0
    )


def try_cleaner_lock(conn: Connection) -> bool:
    """One replica at a time cleans; the others skip this round instead of waiting."""
    return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": CLEANER_LOCK}).scalar())


def delete_older_than(conn: Connection, cutoff: int, batch: int) -> int:
    """Delete up to `batch` events older than `cutoff` (epoch seconds), oldest ids first. Reads at
    most `batch` rows through the EVENT_ID index whatever the log holds."""
    return (
        conn.execute(
            text(
                'DELETE FROM "NOTIFICATION_LOG" WHERE "NL_ID" IN ('
                ' SELECT "NL_ID" FROM (SELECT "NL_ID", "EVENT_TIME" FROM "NOTIFICATION_LOG"'
                ' ORDER BY "EVENT_ID" LIMIT :batch) oldest WHERE "EVENT_TIME" < :cutoff)'
            ),
            {"batch": batch, "cutoff": cutoff},
        ).rowcount
        or 0
    )


def listen_statement() -> str:
    """What the change feed's one listening connection per process runs."""
    return f"LISTEN {CHANNEL}"


__all__ = [
    "CHANNEL",
    "EventFilter",
    "EventRow",
    "NewEvent",
    "SequenceMissingError",
    "append",
    "count_after",
    "current_event_id",
    "delete_older_than",
    "events_after",
    "listen_statement",
    "try_cleaner_lock",
]
