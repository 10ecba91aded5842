"""Hive's lock manager (Hive 3.1 TxnHandler semantics) over HIVE_LOCKS, for Iceberg, Trino and Hive
clients that take a table lock around a commit.

- `lock` enqueues one WAITING row per component under a new external id (NEXT_LOCK_ID, taken
  FOR UPDATE), then checks it at once: the answer is ACQUIRED or WAITING, never a blocked call.
- A check looks only at locks queued earlier (fair, arrival order) in the same databases, with
  Hive's jump table (`_ACTION`) and its exceptions (`_ignore_conflict`); all of a request's
  components are acquired together or none is. Checks run under TxnHandler's own CheckLock mutex
  (a row of AUX_TABLE held FOR UPDATE), so replicas of this service and a Java metastore on the
  same database decide one at a time: PostgreSQL does the mutual exclusion, not process memory.
- Locks outside a transaction that are not heartbeated (`heartbeat`, or `check_lock`, which
  heartbeats as in Hive) for `timeout_s` (Hive's hive.txn.timeout) are removed by `reap_expired`,
  which `LockReaper` runs in every replica (an idempotent DELETE), and before every check.
- Transactions are not served here: a lock may name an open transaction of TXNS (created by a Java
  metastore sharing the database), and is then heartbeated through it, as in Hive.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from catalog.db import Database
from catalog.errors import (
    InvalidInputError,
    NoSuchLockError,
    NoSuchTxnError,
    StorageError,
    TxnAbortedError,
    TxnOpenError,
)
from catalog.store import locks as sql
from catalog.store.locks import LockRow

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 300.0  # hive.txn.timeout

EXCLUSIVE, SHARED_READ, SHARED_WRITE = "EXCLUSIVE", "SHARED_READ", "SHARED_WRITE"
ACQUIRED, WAITING = "ACQUIRED", "WAITING"
TYPE_CHAR = {EXCLUSIVE: "e", SHARED_READ: "r", SHARED_WRITE: "w"}
CHAR_TYPE = {v: k for k, v in TYPE_CHAR.items()}
STATE_NAME = {"a": ACQUIRED, "w": WAITING}

WAIT, ACQUIRE, KEEP_LOOKING = "wait", "acquire", "keep looking"
# TxnHandler.buildJumpTable: (type wanted, type of the earlier lock) -> action by the earlier
# lock's state (acquired, waiting).
_ACTION = {
    ("r", "r"): (ACQUIRE, KEEP_LOOKING),
    ("r", "w"): (ACQUIRE, KEEP_LOOKING),
    ("r", "e"): (WAIT, WAIT),
    ("w", "r"): (KEEP_LOOKING, KEEP_LOOKING),
    ("w", "w"): (WAIT, WAIT),
    ("w", "e"): (WAIT, WAIT),
    ("e", "r"): (WAIT, WAIT),
    ("e", "w"): (WAIT, WAIT),
    ("e", "e"): (WAIT, WAIT),
}


@dataclass(frozen=True)
class LockComponent:
    type: str  # EXCLUSIVE | SHARED_READ | SHARED_WRITE
    db: str
    table: str | None = None
    partition: str | None = None


@dataclass(frozen=True)
class LockOutcome:
    lockid: int
    state: str  # ACQUIRED | WAITING


def _lock_id(ext_id: int) -> str:
    return f"lockid:{ext_id}"  # JavaUtils.lockIdToString


def _txn_id(txnid: int) -> str:
    return f"txnid:{txnid}"  # JavaUtils.txnIdToString


def describe(lock: LockRow) -> str:
    """LockInfo.toString, for the messages Hive builds from it."""
    return (
        f"{_lock_id(lock.ext_id)} intLockId:{lock.int_id} {_txn_id(lock.txnid)} db:{lock.db}"
        f" table:{lock.table} partition:{lock.partition} state:{STATE_NAME.get(lock.state, 'null')}"
        f" type:{CHAR_TYPE.get(lock.type, 'null')}"
    )


def _level(lock: LockRow) -> str:
    if lock.table is None and lock.partition is None:
        return "db"
    return "table" if lock.partition is None else "partition"


def _ignore_conflict(want: LockRow, other: LockRow) -> bool:
    """TxnHandler.ignoreConflict: a shared read on a database never conflicts with an exclusive
    lock on one of its tables or partitions (either way round); nor do locks of one transaction,
    nor the components of one request."""
    lw, lo = _level(want), _level(other)
    if (lw == "db" and want.type == "r" and lo in ("table", "partition") and other.type == "e") or (
        lo == "db" and other.type == "r" and lw in ("table", "partition") and want.type == "e"
    ):
        return True
    if want.txnid != 0 and want.txnid == other.txnid:
        return True
    return want.txnid == 0 and want.ext_id == other.ext_id


def _overlaps(a: LockRow, b: LockRow) -> bool:
    if a.db != b.db:
        return False
    if a.table is not None and b.table is not None and a.table != b.table:
        return False
    return not (a.partition is not None and b.partition is not None and a.partition != b.partition)


def blocker(wanted: list[LockRow], earlier: list[LockRow]) -> tuple[LockRow, LockRow] | None:
    """The first (wanted component, earlier lock) pair that makes the request wait, else None.
    Each waiting component looks at the earlier locks nearest first, as TxnHandler.checkLock."""
    for want in wanted:
        if want.state == "a":
            continue
        for other in reversed(earlier):
            if not _overlaps(want, other):
                continue
            on_acquired, on_waiting = _ACTION[(want.type, other.type)]
            action = on_acquired if other.state == "a" else on_waiting
            if action == KEEP_LOOKING:
                continue
            if action == WAIT and not _ignore_conflict(want, other):
                return want, other
            break  # ACQUIRE (or an ignored conflict, which falls through to it in Hive)
    return None


class LockService:
    def __init__(self, db: Database, timeout_s: float = DEFAULT_TIMEOUT_S):
        self.db = db
        self.timeout_ms = int(timeout_s * 1000)

    # -- lock / check_lock / unlock ---------------------------------------------------------------
    def lock(
        self,
        components: list[LockComponent],
        *,
        txnid: int = 0,
        user: str,
        host: str,
        agent_info: str | None = None,
    ) -> LockOutcome:
        if not components:
            raise InvalidInputError("a lock request needs at least one component")
        rows = []
        for c in components:
            if c.type not in TYPE_CHAR:
                raise InvalidInputError(f"unknown lock type {c.type}")
            if not c.db:
                raise InvalidInputError("a lock component needs a database name")
            # TxnHandler.normalizeCase: names are stored in lower case
            rows.append(
                (
                    c.db.lower(),
                    c.table.lower() if c.table else None,
                    c.partition.lower() if c.partition else None,
                    TYPE_CHAR[c.type],
                )
            )
        with self.db.write() as conn:
            if txnid and not sql.lock_open_txn(conn, txnid):
                self._raise_invalid_txn(conn, txnid)
            ext_id = sql.next_lock_id(conn)
            if ext_id is None:
                raise StorageError(
                    "Transaction tables not properly initialized, no record found in next_lock_id"
                )
            sql.insert_locks(conn, ext_id, txnid or 0, rows, user, host, agent_info)
        return self._check(ext_id)

    def check_lock(self, ext_id: int) -> LockOutcome:
        with self.db.write() as conn:
            mine = sql.locks_of(conn, ext_id)
            if not mine:
                raise NoSuchLockError(f"No such lock {_lock_id(ext_id)}")
            # check_lock heartbeats first, as Hive does (its locks, or its transaction)
            if mine[0].txnid:
                self._heartbeat_txn(conn, mine[0].txnid)
            else:
                sql.heartbeat_lock(conn, ext_id)
        return self._check(ext_id)

    def _check(self, ext_id: int) -> LockOutcome:
        with self.db.write() as conn:
            sql.take_check_lock_mutex(conn)
            mine = sql.locks_of(conn, ext_id)
            if not mine:
                raise NoSuchLockError(f"No such lock {_lock_id(ext_id)}")
            if all(m.state == "a" for m in mine):
                return LockOutcome(ext_id, ACQUIRED)
            dbs = sorted({m.db for m in mine})
            sql.delete_expired(conn, self.timeout_ms, dbs)  # a crashed writer never blocks past its timeout
            found = blocker(mine, sql.earlier_locks(conn, ext_id, dbs))
            if found is not None:
                want, other = found
                sql.mark_blocked(conn, want, other)
                return LockOutcome(ext_id, WAITING)
            sql.acquire(conn, ext_id, mine[0].txnid)
            return LockOutcome(ext_id, ACQUIRED)

    def unlock(self, ext_id: int) -> None:
        with self.db.write() as conn:
            if sql.delete_unlockable(conn, ext_id):
                return
            mine = sql.locks_of(conn, ext_id)
        if not mine:
            return  # Hive: idempotent, an unknown or already released lock is not an error
        if mine[0].txnid != 0:
            raise TxnOpenError(
                f"Unlocking locks associated with transaction not permitted.  {describe(mine[0])}"
            )
        raise StorageError(f"Found lock in unexpected state {describe(mine[0])}")

    # -- reading ----------------------------------------------------------------------------------
    def show_locks(
        self,
        db: str | None = None,
        table: str | None = None,
        partition: str | None = None,
        txnid: int | None = None,
    ) -> list[LockRow]:
        with self.db.read() as conn:
            return sql.show(conn, db, table, partition, txnid)

    # -- heartbeats and expiry --------------------------------------------------------------------
    def heartbeat(self, lockid: int = 0, txnid: int = 0) -> None:
        with self.db.write() as conn:
            if lockid and not sql.heartbeat_lock(conn, lockid):
                raise NoSuchLockError(f"No such lock: {_lock_id(lockid)}")
            if txnid:
                self._heartbeat_txn(conn, txnid)

    def heartbeat_txn_range(self, lo: int, hi: int) -> tuple[set[int], set[int]]:
        """(aborted, nosuch) among transactions lo..hi; the open ones are heartbeated."""
        if hi < lo:
            return set(), set()
        if hi - lo >= 100_000:
            raise InvalidInputError("heartbeat_txn_range: at most 100000 transactions at once")
        aborted: set[int] = set()
        nosuch: set[int] = set()
        with self.db.write() as conn:
            if sql.heartbeat_txns(conn, lo, hi) == hi - lo + 1:
                return aborted, nosuch
            for t in range(lo, hi + 1):
                state = sql.txn_state(conn, t)
                if state == "a":
                    aborted.add(t)
                elif state != "o":
                    nosuch.add(t)
        return aborted, nosuch

    def reap_expired(self) -> list[int]:
        with self.db.write() as conn:
            gone = sql.delete_expired(conn, self.timeout_ms)
        if gone:
            log.info("expired %d lock(s) not heartbeated for %d ms: %s", len(gone), self.timeout_ms, gone)
        return gone

    def _heartbeat_txn(self, conn, txnid: int) -> None:
        if not sql.heartbeat_txns(conn, txnid, txnid):
            self._raise_invalid_txn(conn, txnid)

    @staticmethod
    def _raise_invalid_txn(conn, txnid: int) -> None:
        """TxnHandler.ensureValidTxn's answers."""
        state = sql.txn_state(conn, txnid)
        if state == "a":
            raise TxnAbortedError(f"Transaction {_txn_id(txnid)} already aborted")
        if state == "c":
            raise NoSuchTxnError(f"Transaction {_txn_id(txnid)} is already committed.")
        raise NoSuchTxnError(f"No such transaction {_txn_id(txnid)}")


class LockReaper:
    """Removes expired locks every `interval_s` (a quarter of the timeout, 1 s to 60 s). Every replica
    runs one: the DELETE is idempotent, so concurrent reapers only repeat each other's work."""

    def __init__(self, locks: LockService, interval_s: float | None = None):
        self.locks = locks
        timeout_s = locks.timeout_ms / 1000
        self.interval_s = interval_s if interval_s is not None else min(60.0, max(1.0, timeout_s / 4))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> LockReaper:
        self._thread = threading.Thread(target=self._run, name="lock-reaper", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.locks.reap_expired()
            except Exception:  # the database may be briefly away: try again next round
                log.warning("lock reaper: could not expire locks", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
