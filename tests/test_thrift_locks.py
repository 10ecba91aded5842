"""Hive's lock manager over real Thrift and PostgreSQL: lock / check_lock / unlock / show_locks /
heartbeat / heartbeat_txn_range with Hive 3.1 TxnHandler semantics, in Hive's HIVE_LOCKS table,
shared by replicas and surviving restarts; expiry of locks that are not heartbeated."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy.engine import make_url

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client

E, SR, SW = tt.LockType.EXCLUSIVE, tt.LockType.SHARED_READ, tt.LockType.SHARED_WRITE
ACQUIRED, WAITING = tt.LockState.ACQUIRED, tt.LockState.WAITING


def comp(type_, db="db1", table="t1", part=None):
    level = tt.LockLevel.PARTITION if part else (tt.LockLevel.TABLE if table else tt.LockLevel.DB)
    return tt.LockComponent(type=type_, level=level, dbname=db, tablename=table, partitionname=part)


def lock(client, *components, txnid=None, agent="test-agent"):
    return client.lock(
        tt.LockRequest(
            component=list(components), txnid=txnid, user="alice", hostname="host-a", agentInfo=agent
        )
    )


def check(client, lockid):
    return client.check_lock(tt.CheckLockRequest(lockid=lockid)).state


def sql(database_url: str, statement: str, params=()):
    u = make_url(database_url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database, autocommit=True
    ) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else None


def test_exclusive_table_lock_waits_then_is_acquired_after_unlock(server):
    with thrift_client(server.port) as a, thrift_client(server.port) as b:
        first = lock(a, comp(E), agent="Iceberg-1")
        assert first.state == ACQUIRED and first.lockid > 0
        second = lock(b, comp(E), agent="Iceberg-2")
        assert (second.state, second.lockid) == (WAITING, first.lockid + 1)
        assert check(b, second.lockid) == WAITING

        shown = a.show_locks(tt.ShowLocksRequest(dbname="db1", tablename="t1")).locks
        assert [(x.lockid, x.state, x.type, x.agentInfo, x.user, x.hostname) for x in shown] == [
            (first.lockid, ACQUIRED, E, "Iceberg-1", "alice", "host-a"),
            (second.lockid, WAITING, E, "Iceberg-2", "alice", "host-a"),
        ]
        assert shown[1].blockedByExtId == first.lockid and shown[1].blockedByIntId == 1
        assert shown[0].acquiredat > 0 and shown[0].lastheartbeat > 0 and shown[0].txnid == 0

        a.unlock(tt.UnlockRequest(lockid=first.lockid))
        assert check(b, second.lockid) == ACQUIRED
        b.unlock(tt.UnlockRequest(lockid=second.lockid))
        assert a.show_locks(tt.ShowLocksRequest()).locks == []


def test_locks_are_in_hive_tables_with_hive_encodings(server):
    with thrift_client(server.port) as c:
        r = lock(c, comp(SW, db="DB1", table="T1", part="P=1"), comp(SR, table=None))
        rows = sql(
            server.database_url,
            "SELECT hl_lock_int_id, hl_db, hl_table, hl_partition, hl_lock_state, hl_lock_type, hl_agent_info"
            " FROM hive_locks WHERE hl_lock_ext_id = %s ORDER BY hl_lock_int_id",
            (r.lockid,),
        )
        assert rows == [
            (1, "db1", "t1", "p=1", "a", "w", "test-agent"),
            (2, "db1", None, None, "a", "r", "test-agent"),
        ]
        assert sql(server.database_url, "SELECT nl_next FROM next_lock_id") == [(r.lockid + 1,)]


@pytest.mark.parametrize(
    ("held", "wanted", "expected"),
    [
        (SR, SR, ACQUIRED),
        (SR, SW, ACQUIRED),
        (SW, SR, ACQUIRED),
        (SW, SW, WAITING),  # Hive 3.1: one shared write cannot pass another
        (SR, E, WAITING),
        (SW, E, WAITING),
        (E, SR, WAITING),
        (E, SW, WAITING),
        (E, E, WAITING),
    ],
)
def test_compatibility_matrix(server, held, wanted, expected):
    with thrift_client(server.port) as a, thrift_client(server.port) as b:
        assert lock(a, comp(held)).state == ACQUIRED
        assert lock(b, comp(wanted)).state == expected


@pytest.mark.parametrize(
    ("held", "wanted", "expected"),
    [
        (comp(E, table="t1"), comp(E, table="t2"), ACQUIRED),  # other table
        (comp(E, db="db1"), comp(E, db="db2"), ACQUIRED),  # other database
        (comp(E, part="p=1"), comp(E, part="p=2"), ACQUIRED),  # other partition
        (comp(E, part="p=1"), comp(E), WAITING),  # the table covers its partitions
        (comp(E), comp(SR, part="p=1"), WAITING),
        (comp(E, table=None), comp(SR, table="t9"), WAITING),  # the database covers its tables
        (comp(SR, table=None), comp(E), ACQUIRED),  # Hive's ignoreConflict: db read vs table exclusive
        (comp(E), comp(SR, table=None), ACQUIRED),
        (comp(E, part="p=1"), comp(SR, table=None), ACQUIRED),
        (comp(SW, table=None), comp(E), WAITING),
    ],
)
def test_levels(server, held, wanted, expected):
    with thrift_client(server.port) as a, thrift_client(server.port) as b:
        assert lock(a, held).state == ACQUIRED
        assert lock(b, wanted).state == expected


def test_waiting_locks_are_granted_in_arrival_order(server):
    with thrift_client(server.port) as c:
        holder = lock(c, comp(E))
        writer = lock(c, comp(E))  # waits for holder
        reader = lock(c, comp(SR))  # waits too: a waiting exclusive lock queued first blocks it
        assert (writer.state, reader.state) == (WAITING, WAITING)
        c.unlock(tt.UnlockRequest(lockid=holder.lockid))
        assert check(c, reader.lockid) == WAITING  # the earlier writer goes first
        assert check(c, writer.lockid) == ACQUIRED
        c.unlock(tt.UnlockRequest(lockid=writer.lockid))
        assert check(c, reader.lockid) == ACQUIRED


def test_a_request_is_granted_whole_or_not_at_all(server):
    with thrift_client(server.port) as c:
        busy = lock(c, comp(E, table="t2"))
        both = lock(c, comp(E, table="t1"), comp(E, table="t2"))
        assert both.state == WAITING
        states = {
            x.tablename: x.state
            for x in c.show_locks(tt.ShowLocksRequest(dbname="db1")).locks
            if x.lockid == both.lockid
        }
        assert states == {"t1": WAITING, "t2": WAITING}
        # a later request for t1 queues behind the waiting one (arrival order)
        later = lock(c, comp(E, table="t1"))
        assert later.state == WAITING
        c.unlock(tt.UnlockRequest(lockid=busy.lockid))
        assert check(c, later.lockid) == WAITING
        assert check(c, both.lockid) == ACQUIRED


def test_unlock_of_a_waiting_lock_lets_later_locks_through(server):
    with thrift_client(server.port) as c:
        holder = lock(c, comp(SR))
        writer = lock(c, comp(E))
        assert writer.state == WAITING
        c.unlock(tt.UnlockRequest(lockid=writer.lockid))  # PyIceberg gives up: unlock while WAITING
        assert lock(c, comp(SR)).state == ACQUIRED
        assert [
            x.lockid for x in c.show_locks(tt.ShowLocksRequest()).locks if x.lockid == writer.lockid
        ] == []
        c.unlock(tt.UnlockRequest(lockid=holder.lockid))


def test_unknown_lock_ids_are_answered_as_hive_does(server):
    with thrift_client(server.port) as c:
        with pytest.raises(tt.NoSuchLockException) as e:
            c.check_lock(tt.CheckLockRequest(lockid=4242))
        assert e.value.message == "No such lock lockid:4242"
        c.unlock(tt.UnlockRequest(lockid=4242))  # idempotent in Hive 3.1
        with pytest.raises(tt.NoSuchLockException) as e:
            c.heartbeat(tt.HeartbeatRequest(lockid=4242, txnid=0))
        assert e.value.message == "No such lock: lockid:4242"
        # the connection is still usable
        assert lock(c, comp(E)).state == ACQUIRED


def test_a_table_that_does_not_exist_yet_can_be_locked(client):
    # PyIceberg locks before create_table in a create-table transaction
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("default", "not_yet")
    assert lock(client, comp(E, db="default", table="not_yet")).state == ACQUIRED


def test_show_locks_filters(server):
    with thrift_client(server.port) as c:
        lock(c, comp(E, db="db1", table="a"))
        lock(c, comp(E, db="db1", table="b", part="p=1"))
        lock(c, comp(E, db="db2", table="a"))

        def shown(**kw):
            return [
                (x.dbname, x.tablename, x.partname) for x in c.show_locks(tt.ShowLocksRequest(**kw)).locks
            ]

        assert shown() == [("db1", "a", None), ("db1", "b", "p=1"), ("db2", "a", None)]
        assert shown(dbname="db1") == [("db1", "a", None), ("db1", "b", "p=1")]
        assert shown(dbname="db2", tablename="a") == [("db2", "a", None)]
        assert shown(dbname="db1", tablename="b", partname="p=1") == [("db1", "b", "p=1")]
        assert shown(dbname="db3") == []


def test_locks_with_a_transaction(server):
    url = server.database_url
    with thrift_client(server.port) as c:
        with pytest.raises(tt.NoSuchTxnException) as e:
            lock(c, comp(SW), txnid=77)
        assert e.value.message == "No such transaction txnid:77"
        # transactions opened by a Java metastore sharing the database
        for txn, state in ((77, "o"), (78, "a")):
            sql(
                url,
                "INSERT INTO txns (txn_id, txn_state, txn_started, txn_last_heartbeat, txn_user, txn_host)"
                " VALUES (%s, %s, 0, 0, 'bob', 'h')",
                (txn, state),
            )
        with pytest.raises(tt.TxnAbortedException) as e:
            lock(c, comp(SW), txnid=78)
        assert e.value.message == "Transaction txnid:78 already aborted"
        r = lock(c, comp(SW, table="t1"), comp(SW, table="t2"), txnid=77)
        assert r.state == ACQUIRED  # a transaction's own locks never conflict
        assert sql(url, "SELECT DISTINCT hl_txnid, hl_last_heartbeat FROM hive_locks") == [(77, 0)]
        assert lock(c, comp(SW, table="t1"), txnid=77).state == ACQUIRED
        with pytest.raises(
            tt.TxnOpenException, match="Unlocking locks associated with transaction not permitted"
        ):
            c.unlock(tt.UnlockRequest(lockid=r.lockid))
        c.heartbeat(tt.HeartbeatRequest(lockid=0, txnid=77))
        assert sql(url, "SELECT txn_last_heartbeat > 0 FROM txns WHERE txn_id = 77") == [(True,)]
        with pytest.raises(tt.TxnAbortedException):
            c.heartbeat(tt.HeartbeatRequest(txnid=78))
        rng = c.heartbeat_txn_range(tt.HeartbeatTxnRangeRequest(min=76, max=78))
        assert (rng.aborted, rng.nosuch) == ({78}, {76})


def test_locks_not_heartbeated_expire(database_url, tmp_path):
    rt = start_service(database_url, tmp_path, lock_timeout=1.5)
    try:
        with thrift_client(rt.thrift.port) as c:
            kept = lock(c, comp(E, table="kept"))
            dropped = lock(c, comp(E, table="dropped"))
            deadline = time.monotonic() + 4
            while time.monotonic() < deadline:  # Iceberg Java's heartbeat thread, much faster
                c.heartbeat(tt.HeartbeatRequest(lockid=kept.lockid, txnid=0))
                time.sleep(0.3)
            ids = [x.lockid for x in c.show_locks(tt.ShowLocksRequest()).locks]
            assert ids == [kept.lockid]  # the reaper removed the abandoned one
            with pytest.raises(tt.NoSuchLockException):
                c.check_lock(tt.CheckLockRequest(lockid=dropped.lockid))
            assert lock(c, comp(E, table="dropped")).state == ACQUIRED
    finally:
        rt.stop()


def test_an_expired_holder_never_blocks_a_check(database_url, tmp_path):
    # reaper far away: the check itself ignores (removes) the expired holder
    rt = start_service(database_url, tmp_path, lock_timeout=1.0)
    rt.lock_reaper.stop()
    try:
        with thrift_client(rt.thrift.port) as a, thrift_client(rt.thrift.port) as b:
            lock(a, comp(E))
            waiter = lock(b, comp(E))
            assert waiter.state == WAITING
            time.sleep(1.3)
            assert check(b, waiter.lockid) == ACQUIRED
    finally:
        rt.stop()


def test_locks_survive_a_restart_and_are_shared_by_replicas(database_url, tmp_path):
    one = start_service(database_url, tmp_path)
    two = start_service(database_url, tmp_path)
    try:
        with thrift_client(one.thrift.port) as a:
            held = lock(a, comp(E))
        with thrift_client(two.thrift.port) as b:
            other = lock(b, comp(E))
            assert other.state == WAITING
            assert [x.lockid for x in b.show_locks(tt.ShowLocksRequest()).locks] == [
                held.lockid,
                other.lockid,
            ]
        one.stop()
        one = start_service(database_url, tmp_path)  # restart: the locks are in PostgreSQL
        with thrift_client(one.thrift.port) as a:
            assert check(a, other.lockid) == WAITING
            a.unlock(tt.UnlockRequest(lockid=held.lockid))
        with thrift_client(two.thrift.port) as b:
            assert check(b, other.lockid) == ACQUIRED
    finally:
        one.stop()
        two.stop()


def test_mutual_exclusion_across_replicas_and_connections(database_url, tmp_path):
    """8 writers on two replicas take the same exclusive lock 5 times each, polling check_lock; the
    time spans in which each believed it held the lock must never overlap."""
    replicas = [start_service(database_url, tmp_path), start_service(database_url, tmp_path)]
    spans: list[tuple[float, float]] = []
    errors: list[BaseException] = []

    def writer(port: int) -> None:
        try:
            with thrift_client(port) as c:
                for _ in range(5):
                    r = lock(c, comp(E, table="hot"))
                    state = r.state
                    while state != ACQUIRED:
                        time.sleep(0.005)
                        state = check(c, r.lockid)
                    start = time.monotonic()
                    time.sleep(0.01)
                    spans.append((start, time.monotonic()))
                    c.unlock(tt.UnlockRequest(lockid=r.lockid))
        except Exception as e:  # noqa: BLE001 - reported by the test
            errors.append(e)

    try:
        threads = [threading.Thread(target=writer, args=(replicas[i % 2].thrift.port,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert errors == []
        assert len(spans) == 40
        spans.sort()
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, "two writers held the exclusive lock at once"
    finally:
        for r in replicas:
            r.stop()


def test_acid_transaction_calls_say_they_are_not_supported(client):
    from thrift.Thrift import TApplicationException

    with pytest.raises(TApplicationException, match="open_txns is not implemented.*Hive ACID transactions"):
        client.open_txns(tt.OpenTxnRequest(num_txns=1, user="trino", hostname="h"))
    with pytest.raises(tt.NoSuchTxnException) as e:  # commit_txn declares no MetaException
        client.commit_txn(tt.CommitTxnRequest(txnid=1))
    assert "commit_txn is not implemented" in e.value.message and "ACID" in e.value.message
