"""SQL for Hive's lock tables: HIVE_LOCKS, NEXT_LOCK_ID, the AUX_TABLE mutex row, TXNS.

Identifiers and encodings are exactly Hive 3.1's TxnHandler's on PostgreSQL (the ACID tables are
unquoted, hence lower case), so a Java metastore sharing the database sees and honours the same
locks: state 'a' acquired / 'w' waiting; type 'e' exclusive, 'r' shared read, 'w' shared write;
times in milliseconds of the database's clock (`getDbEpochString`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text

# What TxnHandler writes for "now" on PostgreSQL: every replica uses the database's clock.
NOW_MS = "round(extract(epoch from current_timestamp) * 1000)::bigint"

# TxnHandler's MutexAPI key for checkLock (MUTEX_KEY.CheckLock): a row of AUX_TABLE held FOR UPDATE.
CHECK_LOCK_MUTEX = "CheckLock"


@dataclass(frozen=True)
class LockRow:
    ext_id: int
    int_id: int
    txnid: int
    db: str
    table: str | None
    partition: str | None
    state: str  # 'a' | 'w'
    type: str  # 'e' | 'r' | 'w'
    last_heartbeat: int = 0
    acquired_at: int | None = None
    user: str | None = None
    host: str | None = None
    heartbeat_count: int | None = None
    agent_info: str | None = None
    blocked_by_ext_id: int | None = None
    blocked_by_int_id: int | None = None


_COLS = (
    "hl_lock_ext_id, hl_lock_int_id, coalesce(hl_txnid, 0), hl_db, hl_table, hl_partition, hl_lock_state,"
    " hl_lock_type, hl_last_heartbeat, hl_acquired_at, hl_user, hl_host, hl_heartbeat_count,"
    " hl_agent_info, hl_blockedby_ext_id, hl_blockedby_int_id"
)


def _rows(result) -> list[LockRow]:
    return [LockRow(*r) for r in result]


def now_ms(conn: Connection) -> int:
    return int(conn.execute(text(f"SELECT {NOW_MS}")).scalar_one())


def take_check_lock_mutex(conn: Connection) -> None:
    """Hold TxnHandler's CheckLock mutex until the transaction ends: lock decisions of every replica
    and of a Java metastore on the same database are serialised."""
    q = text("SELECT mt_comment FROM aux_table WHERE mt_key1 = :k AND mt_key2 = 0 FOR UPDATE")
    if conn.execute(q, {"k": CHECK_LOCK_MUTEX}).first() is None:
        conn.execute(
            text("INSERT INTO aux_table (mt_key1, mt_key2) VALUES (:k, 0) ON CONFLICT DO NOTHING"),
            {"k": CHECK_LOCK_MUTEX},
        )
        conn.execute(q, {"k": CHECK_LOCK_MUTEX}).first()


def next_lock_id(conn: Connection) -> int | None:
    """The next external lock id, taken under SELECT ... FOR UPDATE of NEXT_LOCK_ID as Hive does."""
    row = conn.execute(text("SELECT nl_next FROM next_lock_id FOR UPDATE")).first()
    if row is None:
        return None
    conn.execute(text("UPDATE next_lock_id SET nl_next = :n"), {"n": int(row[0]) + 1})
    return int(row[0])


def insert_locks(
    conn: Connection,
    ext_id: int,
    txnid: int,
    components: Iterable[tuple[str, str | None, str | None, str]],
    user: str | None,
    host: str | None,
    agent_info: str | None,
) -> None:
    """One WAITING row per component (db, table, partition, type char); internal ids from 1."""
    params = [
        {
            "ext": ext_id,
            "int": i,
            "txn": txnid,
            "db": db,
            "tbl": tbl,
            "part": part,
            "type": typ,
            "user": user,
            "host": host,
            "agent": agent_info,
        }
        for i, (db, tbl, part, typ) in enumerate(components, start=1)
    ]
    # Locks of a transaction are heartbeated through TXNS (hl_last_heartbeat 0), as in Hive.
    hb = "0" if txnid else NOW_MS
    conn.execute(
        text(
            "INSERT INTO hive_locks (hl_lock_ext_id, hl_lock_int_id, hl_txnid, hl_db, hl_table,"
            " hl_partition, hl_lock_state, hl_lock_type, hl_last_heartbeat, hl_user, hl_host, hl_agent_info)"
            f" VALUES (:ext, :int, :txn, :db, :tbl, :part, 'w', :type, {hb}, :user, :host, :agent)"
        ),
        params,
    )


def locks_of(conn: Connection, ext_id: int) -> list[LockRow]:
    return _rows(
        conn.execute(
            text(f"SELECT {_COLS} FROM hive_locks WHERE hl_lock_ext_id = :e ORDER BY hl_lock_int_id"),
            {"e": ext_id},
        )
    )


def earlier_locks(conn: Connection, ext_id: int, dbs: list[str]) -> list[LockRow]:
    """Every lock queued before `ext_id` in the given databases, in arrival order."""
    return _rows(
        conn.execute(
            text(
                f"SELECT {_COLS} FROM hive_locks WHERE hl_db IN :dbs AND hl_lock_ext_id < :e"
                " ORDER BY hl_lock_ext_id, hl_lock_int_id"
            ).bindparams(bindparam("dbs", expanding=True)),
            {"dbs": dbs, "e": ext_id},
        )
    )


def mark_blocked(conn: Connection, lock: LockRow, by: LockRow) -> None:
    conn.execute(
        text(
            "UPDATE hive_locks SET hl_blockedby_ext_id = :be, hl_blockedby_int_id = :bi"
            " WHERE hl_lock_ext_id = :e AND hl_lock_int_id = :i"
        ),
        {"be": by.ext_id, "bi": by.int_id, "e": lock.ext_id, "i": lock.int_id},
    )


def acquire(conn: Connection, ext_id: int, txnid: int) -> int:
    hb = "0" if txnid else NOW_MS
    return conn.execute(
        text(
            f"UPDATE hive_locks SET hl_lock_state = 'a', hl_last_heartbeat = {hb}, hl_acquired_at = {NOW_MS},"
            " hl_blockedby_ext_id = NULL, hl_blockedby_int_id = NULL WHERE hl_lock_ext_id = :e"
        ),
        {"e": ext_id},
    ).rowcount


def heartbeat_lock(conn: Connection, ext_id: int) -> int:
    return conn.execute(
        text(f"UPDATE hive_locks SET hl_last_heartbeat = {NOW_MS} WHERE hl_lock_ext_id = :e"), {"e": ext_id}
    ).rowcount


def delete_unlockable(conn: Connection, ext_id: int) -> int:
    """Hive's unlock: locks outside a transaction, or a transaction's locks still waiting."""
    return conn.execute(
        text(
            "DELETE FROM hive_locks WHERE hl_lock_ext_id = :e"
            " AND (hl_txnid = 0 OR (hl_txnid <> 0 AND hl_lock_state = 'w'))"
        ),
        {"e": ext_id},
    ).rowcount


def delete_expired(conn: Connection, timeout_ms: int, dbs: list[str] | None = None) -> list[int]:
    """Remove locks outside transactions not heartbeated for `timeout_ms` (Hive's timeOutLocks: a
    transaction's locks go with the transaction). Idempotent: safe in every replica at once."""
    where = f"hl_txnid = 0 AND hl_last_heartbeat < {NOW_MS} - :t"
    params: dict = {"t": int(timeout_ms)}
    stmt = f"DELETE FROM hive_locks WHERE {where}"
    if dbs is not None:
        stmt += " AND hl_db IN :dbs"
        params["dbs"] = dbs
    q = text(stmt + " RETURNING hl_lock_ext_id")
    if dbs is not None:
        q = q.bindparams(bindparam("dbs", expanding=True))
    return sorted({int(r[0]) for r in conn.execute(q, params)})


def show(
    conn: Connection, db: str | None, table: str | None, partition: str | None, txnid: int | None = None
) -> list[LockRow]:
    where: list[str] = []
    params: dict[str, object] = {}
    for col, key, val in (
        ("hl_db", "db", db),
        ("hl_table", "tbl", table),
        ("hl_partition", "part", partition),
    ):
        if val:
            where.append(f"{col} = :{key}")
            params[key] = val
    if txnid:
        where.append("hl_txnid = :txn")
        params["txn"] = txnid
    sql = f"SELECT {_COLS} FROM hive_locks"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return _rows(conn.execute(text(sql + " ORDER BY hl_lock_ext_id, hl_lock_int_id"), params))


# -- TXNS: only what locks need (transactions themselves are not served by this metastore)
def lock_open_txn(conn: Connection, txnid: int) -> bool:
    q = text("SELECT 1 FROM txns WHERE txn_id = :t AND txn_state = 'o' FOR UPDATE")
    return conn.execute(q, {"t": txnid}).first() is not None


def txn_state(conn: Connection, txnid: int) -> str:
    """'o' open, 'a' aborted, 'c' committed (known from COMPLETED_TXN_COMPONENTS), '' unknown."""
    row = conn.execute(text("SELECT txn_state FROM txns WHERE txn_id = :t"), {"t": txnid}).first()
    if row is not None:
        return str(row[0])
    done = conn.execute(
        text("SELECT 1 FROM completed_txn_components WHERE ctc_txnid = :t LIMIT 1"), {"t": txnid}
    ).first()
    return "c" if done else ""


def heartbeat_txns(conn: Connection, lo: int, hi: int) -> int:
    return conn.execute(
        text(
            f"UPDATE txns SET txn_last_heartbeat = {NOW_MS}"
            " WHERE txn_state = 'o' AND txn_id BETWEEN :lo AND :hi"
        ),
        {"lo": lo, "hi": hi},
    ).rowcount
