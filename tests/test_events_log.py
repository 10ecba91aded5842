"""The notification log's mechanism on a real PostgreSQL: events are queued with the change and
numbered with dense ids in commit order (by the readers, and by the background sequencer without
any reader), nothing for a rolled-back change, and retention keeps the newest."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from catalog.db import Database, make_engine
from catalog.domain import model as m
from catalog.errors import StorageError
from catalog.events.log import EventLog
from catalog.events.retention import EventCleaner
from catalog.store import notifications as store


@pytest.fixture
def db(database_url):
    d = Database(make_engine(database_url, pool_size=20, max_overflow=4))
    try:
        yield d
    finally:
        d.dispose()


def _ids(db) -> list[int]:
    """What a consumer reading NOTIFICATION_LOG itself (a Java metastore's client) sees."""
    with db.read() as conn:
        return [r.event_id for r in store.events_after(conn, 0, None)]


def _queue(db, events, at: int) -> None:
    """What a write transaction leaves: committed events, not yet numbered."""
    with db.write() as conn:
        store.enqueue(conn, events, at)


def _event(db_name: str) -> store.NewEvent:
    return store.NewEvent("CREATE_DATABASE", "hive", db_name, None, "{}", "json-0.2")


def test_events_are_written_with_the_change_and_dropped_with_a_rollback(db):
    log = EventLog(db)
    with db.write() as conn:
        log.on(conn).create_database(m.Database("a"))
        log.on(conn).create_database(m.Database("b"))
    with pytest.raises(RuntimeError), db.write() as conn:
        log.on(conn).create_database(m.Database("never"))
        raise RuntimeError("the change fails")
    with db.write() as conn:
        log.on(conn).create_database(m.Database("c"))
    log.number_queued()  # what every reader of the service does first
    with db.read() as conn:
        rows = store.events_after(conn, 0, None)
        assert store.current_event_id(conn) == 3
    assert [(r.event_id, r.db, r.event_type) for r in rows] == [
        (1, "a", "CREATE_DATABASE"),
        (2, "b", "CREATE_DATABASE"),
        (3, "c", "CREATE_DATABASE"),
    ]


@pytest.mark.parametrize(
    "missing",
    [
        'DELETE FROM "NOTIFICATION_SEQUENCE"',
        f'DELETE FROM "SEQUENCE_TABLE" WHERE "SEQUENCE_NAME" = \'{store.NL_SEQUENCE}\'',
    ],
)
def test_a_schema_without_a_sequence_row_fails_the_change_and_loses_no_event(db, missing):
    """The events' statement travels with the COMMIT; if it cannot number (a seed row of Hive's
    schema is gone), the COMMIT fails: neither the change nor the queued events it took are lost."""
    log = EventLog(db)
    _queue(db, [_event("waiting")], 1)  # committed, not yet numbered: the writer numbers it first
    with db.write() as conn:
        conn.execute(text(missing))
    with pytest.raises(StorageError, match="NOTIFICATION_LOG"), db.write() as conn:
        conn.execute(text("CREATE TABLE public.change_marker (i int)"))
        log.on(conn).create_database(m.Database("a"))
    with db.read() as conn:
        assert conn.execute(text("SELECT to_regclass('public.change_marker')")).scalar() is None
        assert store.has_queued(conn)
        assert store.events_after(conn, 0, None) == []


def test_a_transaction_without_events_does_not_touch_the_sequence(db):
    EventLog(db)
    with db.write() as conn:
        conn.execute(text("SELECT 1"))
    with db.read() as conn:
        assert store.current_event_id(conn) == 0
        assert not store.has_queued(conn)


def test_events_off_writes_nothing(db):
    log = EventLog(db, enabled=False)
    with db.write() as conn:
        assert log.on(conn).create_database(m.Database("a")) is None
    assert log.number_queued() == 0
    assert _ids(db) == []


def test_a_lone_writer_numbers_its_events_in_its_own_transaction(db):
    log = EventLog(db)
    with db.write() as conn:
        log.on(conn).create_database(m.Database("a"))
    assert _ids(db) == [1]  # no reader, no sequencer run: in the log at COMMIT
    with db.read() as conn:
        assert not store.has_queued(conn)


def test_a_writer_never_waits_for_a_busy_sequencer_and_the_background_one_numbers_its_events(db):
    log = EventLog(db)
    with db.own_transaction() as busy:  # another process's sequencer holds the lock
        store.lock_sequencer(busy)
        t0 = time.monotonic()
        with db.write() as conn:
            log.on(conn).create_database(m.Database("a"))
        assert time.monotonic() - t0 < 0.5
        with db.read() as conn:
            assert store.has_queued(conn) and store.current_event_id(conn) == 0
        time.sleep(0.1)
    # the lock is free: the thread the commit woke numbers the event, without any reader
    deadline = time.monotonic() + 1.0
    while _ids(db) != [1] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _ids(db) == [1]
    with db.read() as conn:
        assert store.current_event_id(conn) == 1 and not store.has_queued(conn)


def test_events_a_crashed_process_committed_are_numbered_by_another(db):
    """A process queued events, committed and died before numbering them: the next process's
    sequencer, woken by nothing of its own, numbers them at its periodic tick."""
    _queue(db, [_event("orphan1"), _event("orphan2")], 1_700_000_000)
    log = EventLog(db)
    log.sequencer.tick = 0.2
    log.sequencer.start()
    deadline = time.monotonic() + 2.0
    while _ids(db) != [1, 2] and time.monotonic() < deadline:
        time.sleep(0.01)
    with db.read() as conn:
        rows = store.events_after(conn, 0, None)
    assert [(r.event_id, r.db, r.event_time) for r in rows] == [
        (1, "orphan1", 1_700_000_000),
        (2, "orphan2", 1_700_000_000),
    ]


def test_numbering_in_batches_keeps_a_transactions_events_together(db):
    _queue(db, [_event(f"a{i}") for i in range(3)], 1)
    _queue(db, [_event(f"b{i}") for i in range(3)], 1)
    with db.own_transaction() as conn:
        store.lock_sequencer(conn)
        assert store.number_queued(conn, 2) == (3, 3)  # all of the first transaction
    with db.own_transaction() as conn:
        store.lock_sequencer(conn)
        assert store.number_queued(conn, 2) == (3, 6)
        assert store.number_queued(conn, 2) == (0, 0)
    with db.read() as conn:
        assert [r.db for r in store.events_after(conn, 0, None)] == ["a0", "a1", "a2", "b0", "b1", "b2"]


def test_sixteen_concurrent_writers_never_show_a_consumer_a_gap(db, monkeypatch):
    """Ids are dense and follow commit order: at every moment, what a reader sees is 1..max; each
    writer's events come in the order it committed them; a transaction that began after another
    committed is numbered after it. Both ways of numbering take part: in the writer's transaction,
    and by the sequencer after it."""
    log = EventLog(db)
    left_queued = [0]
    write_events = store.write_events

    def counting(conn, events, at, batch):
        numbered_directly = write_events(conn, events, at, batch)

        def read() -> bool:
            done = numbered_directly()
            left_queued[0] += not done
            return done

        return read

    monkeypatch.setattr(store, "write_events", counting)
    writers, per_writer = 16, 15
    stop = threading.Event()
    seen_gaps: list[tuple[int, list[int]]] = []
    reads = [0]
    # per transaction: (writer, i, began, committed) on one clock
    spans: list[tuple[int, int, float, float]] = []

    def reader():
        while not stop.is_set():
            ids = _ids(db)
            reads[0] += 1
            if ids != list(range(1, len(ids) + 1)):
                seen_gaps.append((len(ids), ids[-5:]))

    def writer(w: int):
        for i in range(per_writer):
            began = time.monotonic()
            with db.write() as conn:
                # some work inside the transaction, so commits interleave
                conn.execute(text("SELECT pg_sleep(0.001)"))
                log.on(conn).create_database(m.Database(f"w{w}_{i}"))
                if i % 3 == 0:
                    log.on(conn).drop_database(m.Database(f"w{w}_{i}"))
            spans.append((w, i, began, time.monotonic()))

    r = threading.Thread(target=reader)
    r.start()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    r.join()
    log.number_queued()  # what every reader of the service does first
    expected = writers * (per_writer + (per_writer + 2) // 3)
    assert _ids(db) == list(range(1, expected + 1))
    assert reads[0] > 5 and seen_gaps == []
    assert 0 < left_queued[0] < writers * per_writer
    with db.read() as conn:
        rows = store.events_after(conn, 0, None)
        assert not store.has_queued(conn)
    # a transaction's events are consecutive (a drop right after its own create)
    for a, b in zip(rows, rows[1:], strict=False):
        if b.event_type == "DROP_DATABASE":
            assert (a.event_type, a.db) == ("CREATE_DATABASE", b.db)
    first_id = {r.db: r.event_id for r in reversed(rows)}  # a transaction's first event
    for w in range(writers):  # each writer's transactions in its commit order
        ids = [first_id[f"w{w}_{i}"] for i in range(per_writer)]
        assert ids == sorted(ids), w
    # causality across writers: began after the other's commit returned => numbered after it
    by_end = sorted(spans, key=lambda s: s[3])
    checked = 0
    for w, i, began, _ in spans:
        for w2, i2, _, committed in by_end:
            if committed >= began:
                break
            assert first_id[f"w{w}_{i}"] > first_id[f"w{w2}_{i2}"], (w, i, w2, i2)
            checked += 1
    assert checked > writers * per_writer  # the check compared many pairs


def test_retention_deletes_old_events_keeps_the_newest_and_never_reuses_ids(db):
    now = int(time.time())
    log = EventLog(db)
    for age_days in (5, 4, 3, 2):  # ids 1..4, old
        _queue(db, [_event(f"d{age_days}")], now - age_days * 86_400)
    _queue(db, [_event("new")], now - 60)
    log.number_queued()
    cleaner = EventCleaner(db, ttl=86_400, batch=3)
    assert cleaner.clean_once() == 4
    assert _ids(db) == [5]
    assert cleaner.clean_once() == 0
    with db.write() as conn:
        log.on(conn).create_database(m.Database("after"))
    log.number_queued()
    assert _ids(db) == [5, 6]


def test_only_one_replica_cleans_at_a_time(db):
    log = EventLog(db)
    _queue(db, [_event("old")], 1)
    log.number_queued()
    other = EventCleaner(db, ttl=60)
    with db.write() as conn:
        assert store.try_cleaner_lock(conn)  # another replica is cleaning
        assert other.clean_once() == 0  # skips the round instead of waiting
    assert other.clean_once() == 1


def test_a_transaction_of_more_events_than_a_statement_takes_keeps_them_together_in_order(db):
    """12,000 events in one transaction (a database dropped with as many tables): more than one
    statement's parameters hold, still one transaction's consecutive ids, in its order."""
    log = EventLog(db)
    with db.write() as conn:
        log.on(conn).create_database(m.Database("before"))
    with db.write() as conn:
        for i in range(12_000):
            log.on(conn).create_database(m.Database(f"d{i}"))
    with db.write() as conn:
        log.on(conn).create_database(m.Database("after"))
    log.number_queued()
    with db.read() as conn:
        rows = store.events_after(conn, 0, None, with_message=False)
        assert not store.has_queued(conn)
    assert [r.db for r in rows] == ["before", *(f"d{i}" for i in range(12_000)), "after"]
    assert [r.event_id for r in rows] == list(range(1, 12_003))
