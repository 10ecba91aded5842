"""SQL for Hive's notification log: `"NOTIFICATION_LOG"`, the `"NOTIFICATION_SEQUENCE"` counter, and
our queue of events waiting for their ids (`catalog.event_queue`).

Event ids are dense and strictly increasing, across connections, processes, replicas and a Java
metastore sharing the database, yet a writer of ours never waits for another's COMMIT:
`write_events` (the transaction's last statement) numbers its events into the log when no
sequencer runs, else inserts them into the queue under one key per transaction, taken from a
sequence (`enqueue` queues only). `number_queued` (the sequencer, one at a time: a
transaction-level advisory lock, which `write_events` tries too) takes `NOTIFICATION_SEQUENCE`
(then `SEQUENCE_TABLE`'s MNotificationLog row for NL_ID, in DbNotificationListener's order) and
moves the committed queue rows, in key
order, into the log with the next ids. Ids are thus only given to committed events, by one
numbering transaction after another: a reader never sees a gap, nor an id appear below one it
has seen, and a transaction that began after another's commit returned gets the larger ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.store import raw

CHANNEL = "hms_catalog_events"  # NOTIFY channel: payload is the last event id of the commit
NL_SEQUENCE = "org.apache.hadoop.hive.metastore.model.MNotificationLog"
CLEANER_LOCK = 0x686D735F6576  # pg advisory lock key ("hms_ev"): one replica cleans at a time
SEQUENCER_LOCK = 0x686D735F7371  # ("hms_sq"): one sequencer numbers queued events at a time


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


# A transaction's events as rows of the queue: its key (the CTE is evaluated once), then its
# events in order. One VALUES row per event, each value its own parameter: a statement's generic
# plan then knows its row count and PostgreSQL keeps it (planned once per connection, as psycopg
# prepares the statement) instead of planning it afresh at every commit (~0.6 ms); and no text[]
# literal of large escaped JSON strings, which PostgreSQL parses very slowly (1.4 s for 1 MB).
_KEY = "k AS (SELECT nextval('catalog.event_queue_txn') AS txn)"
_SAME_KEY = "k AS (SELECT currval('catalog.event_queue_txn') AS txn)"  # the key this session took last
_QUEUE_COLS = "txn, pos, event_time, event_type, cat_name, db_name, tbl_name, message, message_format"
_EVENT_ROWS = """SELECT k.txn, CAST(e.i + :base AS integer) AS pos, CAST(:at AS integer) AS event_time, e.typ, e.cat,
        e.db, e.tbl, e.msg, e.fmt
    FROM k, (VALUES {rows}) AS e(i, typ, cat, db, tbl, msg, fmt)"""


def _statement(cache: dict[int, str], template: str, n: int) -> str:
    """`template` for `n` events (its `{rows}`: the VALUES rows), built once per `n` up to 32
    (as `_prepare` prepares them)."""
    stmt = cache.get(n)
    if stmt is None:
        rows = ", ".join(
            f"({i + 1}, CAST(:t{i} AS varchar), CAST(:c{i} AS varchar), CAST(:d{i} AS varchar), "
            f"CAST(:b{i} AS varchar), CAST(:m{i} AS text), CAST(:f{i} AS varchar))"
            for i in range(n)
        )
        stmt = template.replace("{rows}", rows)
        if n <= 32:
            cache[n] = stmt
    return stmt


def _prepare(n: int) -> bool | None:
    """Statements for up to 32 events are prepared at their first use (they recur); larger ones
    only as psycopg would (after a few uses), not one server-side statement per batch size."""
    return True if n <= 32 else None


def _event_params(events: Sequence[NewEvent], at: int, base: int = 0) -> dict[str, object]:
    params: dict[str, object] = {"at": at, "base": base}
    for i, e in enumerate(events):
        params.update(
            {
                f"t{i}": e.event_type,
                f"c{i}": e.catalog,
                f"d{i}": e.db,
                f"b{i}": e.table,
                f"m{i}": e.message,
                f"f{i}": e.message_format,
            }
        )
    return params


# One round trip per EVENTS_PER_STATEMENT events, no lock. Taken by the transaction's last
# statements, the key orders transactions by commit, except those committing concurrently (which
# no reader can order either); all of a transaction's events share its key.
_ENQUEUE_SQL = f"WITH {_KEY} INSERT INTO catalog.event_queue ({_QUEUE_COLS}) {_EVENT_ROWS}"
_ENQUEUE_MORE_SQL = f"WITH {_SAME_KEY} INSERT INTO catalog.event_queue ({_QUEUE_COLS}) {_EVENT_ROWS}"
_enqueue_statements: dict[int, str] = {}
_enqueue_more_statements: dict[int, str] = {}
# Six parameters an event: PostgreSQL takes at most 65,535 a statement.
EVENTS_PER_STATEMENT = 1000


def enqueue(conn: Connection, events: Sequence[NewEvent], at: int) -> None:
    """Queue `events` (in order) in `conn`'s transaction, for the sequencer (what `write_events`
    does when a sequencer runs); call it last in the transaction. Sent on the connection's
    pipeline when it has one (`write_events`), else run."""
    for base in range(0, len(events), EVENTS_PER_STATEMENT):
        part = events[base : base + EVENTS_PER_STATEMENT]
        cache, sql = (
            (_enqueue_statements, _ENQUEUE_SQL)
            if base == 0
            else (_enqueue_more_statements, _ENQUEUE_MORE_SQL)
        )
        raw.send(conn, _statement(cache, sql, len(part)), _event_params(part, at, base), _prepare(len(part)))


def has_queued(conn: Connection) -> bool:
    """Whether committed events wait for their ids (one look at the queue's key index)."""
    return bool(
        conn.execute(
            text("SELECT EXISTS (SELECT 1 FROM catalog.event_queue ORDER BY txn, pos LIMIT 1)")
        ).scalar()
    )


def lock_sequencer(conn: Connection) -> None:
    """One sequencer at a time, across processes and replicas (until the transaction ends). Taken
    before `number_queued`'s statement, so that statement's snapshot sees every queue row the
    previous sequencer left."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SEQUENCER_LOCK})


# Numbers the rows of the CTE `{src}` (queue rows) in `{order}`: the event sequence is advanced
# first, then the NL_ID one (`nl`'s WHERE reads `seq`: DbNotificationListener's lock order, no
# deadlock with a Java metastore), and they are inserted into the log. A schema without either
# sequence row fails the statement (NULL ids break the log's NOT NULL), so no event is lost with
# the queue rows the statement deleted. NOTIFY (delivered at COMMIT, in commit order) carries the
# last id for the change feed. The statement answers (numbered, first event id, first NL_ID,
# inserted, notified, then `{extra}`).
_NUMBERING = """, n AS (
    SELECT count(*) AS n FROM {src}
), seq AS (
    UPDATE "NOTIFICATION_SEQUENCE" SET "NEXT_EVENT_ID" = "NEXT_EVENT_ID" + n.n FROM n WHERE n.n > 0
    RETURNING "NEXT_EVENT_ID" - n.n AS first
), nl AS (
    UPDATE "SEQUENCE_TABLE" SET "NEXT_VAL" = "NEXT_VAL" + n.n FROM n
    WHERE "SEQUENCE_NAME" = :nl_name AND (SELECT first FROM seq) IS NOT NULL
    RETURNING "NEXT_VAL" - n.n AS first
), ins AS (
    INSERT INTO "NOTIFICATION_LOG" ("NL_ID", "EVENT_ID", "EVENT_TIME", "EVENT_TYPE", "CAT_NAME",
        "DB_NAME", "TBL_NAME", "MESSAGE", "MESSAGE_FORMAT")
    SELECT (SELECT first FROM nl) + e.r - 1, (SELECT first FROM seq) + e.r - 1, e.event_time,
        e.event_type, e.cat_name, e.db_name, e.tbl_name, e.message, e.message_format
    FROM (SELECT {src}.*, row_number() OVER (ORDER BY {order}) AS r FROM {src}) e
    RETURNING "EVENT_ID"
)
SELECT (SELECT n FROM n), (SELECT first FROM seq), (SELECT first FROM nl), (SELECT count(*) FROM ins),
       (SELECT pg_notify(:channel, CAST(max("EVENT_ID") AS text)) FROM ins HAVING count(*) > 0)
       {extra}
"""

# The sequencer's statement: the oldest queued transactions, whole (at least `batch` events unless
# fewer wait, plus the rest of the transaction the batch ends in, so a transaction's events stay
# consecutive), deleted from the queue and numbered in key order.
_NUMBER = text(
    """
WITH last_txn AS (
    SELECT txn FROM catalog.event_queue ORDER BY txn, pos OFFSET :skip LIMIT 1
), q AS (
    DELETE FROM catalog.event_queue
    WHERE txn <= COALESCE((SELECT txn FROM last_txn), 9223372036854775807)
    RETURNING *
)"""
    + _NUMBERING.format(src="q", order="txn, pos", extra="")
)

# A writer's events in one statement at its commit. The sequencer's lock is tried (never waited
# for); with it, the committed queued events (as the sequencer's statement takes them) are
# numbered, then, if no more wait, this transaction's own events after them, straight into the
# log ("direct"); without it, or behind a longer queue, its events are queued for the sequencer.
# Its own events order after every committed queued one: their keys were taken before they
# committed, so before this statement. The statement's snapshot may predate the commit of a
# sequencer that held the lock: the queue rows it deleted are then skipped (READ COMMITTED
# re-checks a row deleted by a committed transaction) and the sequence rows are re-read, so
# nothing is numbered twice and no id is skipped.
_WRITE_SQL = f"""
WITH lock AS (SELECT pg_try_advisory_xact_lock(:k) AS got), {_KEY},
mine AS (
    {_EVENT_ROWS}
), last_txn AS (
    SELECT txn FROM catalog.event_queue WHERE (SELECT got FROM lock) ORDER BY txn, pos OFFSET :skip LIMIT 1
), direct AS (
    SELECT (SELECT got FROM lock) AND NOT EXISTS (SELECT 1 FROM last_txn) AS yes
), queued AS (
    INSERT INTO catalog.event_queue ({_QUEUE_COLS})
    SELECT * FROM mine WHERE NOT (SELECT yes FROM direct)
), q AS (
    DELETE FROM catalog.event_queue
    WHERE (SELECT got FROM lock) AND txn <= COALESCE((SELECT txn FROM last_txn), 9223372036854775807)
    RETURNING {_QUEUE_COLS}
), todo AS (
    SELECT 0 AS grp, q.* FROM q
    UNION ALL
    SELECT 1, mine.* FROM mine WHERE (SELECT yes FROM direct)
)""" + _NUMBERING.format(src="todo", order="grp, txn, pos", extra=", (SELECT yes FROM direct)")
_write_statements: dict[int, str] = {}


def write_events(conn: Connection, events: Sequence[NewEvent], at: int, batch: int) -> Callable[[], bool]:
    """Send a write transaction's events (in order) as its last statement, on its pipeline
    (`Database.at_commit`): numbered into the log if no sequencer runs and no longer queue waits
    (the locks are then held until its COMMIT), else queued for the sequencer. Never waits for
    another transaction. Returns what answers, once committed, whether they were numbered (else
    the sequencer has them). A transaction of more than EVENTS_PER_STATEMENT events (a database
    dropped with thousands of tables) queues them, in several statements."""
    if len(events) > EVENTS_PER_STATEMENT:
        enqueue(conn, events, at)
        return _queued
    params = {**_event_params(events, at), **_number_params(batch), "k": SEQUENCER_LOCK}
    cur = raw.send(
        conn, _statement(_write_statements, _WRITE_SQL, len(events)), params, _prepare(len(events))
    )

    def numbered_directly() -> bool:
        row = cur.fetchone()
        return bool(row and row[5])

    return numbered_directly


def _queued() -> bool:
    return False


def number_queued(conn: Connection, batch: int) -> tuple[int, int]:
    """Give the oldest committed queued events (about `batch`) the next ids; returns (events
    numbered, last id; (0, 0) when none waited). Call after `lock_sequencer`, in the same
    transaction, and commit soon: the sequence row stays locked until then."""
    return _numbered(conn.execute(_NUMBER, _number_params(batch)).one())


def _number_params(batch: int) -> dict:
    return {"skip": max(batch - 1, 0), "nl_name": NL_SEQUENCE, "channel": CHANNEL}


def _numbered(row) -> tuple[int, int]:
    n, first = int(row[0] or 0), row[1]
    return (n, first + n - 1) if n else (0, 0)


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
    "count_after",
    "current_event_id",
    "delete_older_than",
    "enqueue",
    "events_after",
    "has_queued",
    "listen_statement",
    "lock_sequencer",
    "number_queued",
    "try_cleaner_lock",
    "write_events",
]
