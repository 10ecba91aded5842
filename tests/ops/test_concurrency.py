"""100 clients racing for the same name: exactly one wins, every other gets Hive's exception, and
PostgreSQL holds exactly one of everything."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest

from tests import factories as f
from tests.conftest import thrift_client
from tests.ops.conftest import start
from tests.ops.integrity import problems, scalar

N = 100


@pytest.fixture
def racing(database_url, tmp_path):
    rt = start(database_url, tmp_path, workers=N + 8, pool_size=8)
    try:
        yield rt
    finally:
        rt.stop()


def race(port: int, call) -> Counter:
    """Run call(client, i) on N connections released at the same instant; count the outcomes."""
    ready = threading.Barrier(N)
    outcomes: list[str] = [""] * N

    def run(i: int) -> None:
        with thrift_client(port) as c:
            c.set_ugi(f"racer{i}", [])
            ready.wait(60)
            try:
                call(c, i)
                outcomes[i] = "ok"
            except Exception as e:  # noqa: BLE001
                outcomes[i] = type(e).__name__

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return Counter(outcomes)


def test_create_the_same_table(racing, database_url):
    got = race(racing.thrift.port, lambda c, i: c.create_table(f.table("default", "contested")))
    assert got == Counter({"ok": 1, "AlreadyExistsException": N - 1})
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" = %s', ("contested",)) == 1
    assert problems(database_url) == {}


def test_add_the_same_partition(racing, database_url):
    t = f.table("default", "events", part_keys=[("dt", "string")])
    with thrift_client(racing.thrift.port) as c:
        c.create_table(t)
    got = race(racing.thrift.port, lambda c, i: c.add_partition(f.partition(t, ["2024-01-01"])))
    assert got == Counter({"ok": 1, "AlreadyExistsException": N - 1})
    assert (
        scalar(database_url, 'SELECT count(*) FROM "PARTITIONS" WHERE "PART_NAME" = %s', ("dt=2024-01-01",))
        == 1
    )
    assert scalar(database_url, 'SELECT count(*) FROM "PARTITION_KEY_VALS"') == 1
    assert problems(database_url) == {}


def test_add_partitions_overlapping_batches(racing, database_url):
    """Each client adds a batch of 5 partitions overlapping its neighbours': batches are all or nothing."""
    t = f.table("default", "batches", part_keys=[("dt", "string")])
    with thrift_client(racing.thrift.port) as c:
        c.create_table(t)
    got = race(
        racing.thrift.port,
        lambda c, i: c.add_partitions([f.partition(t, [f"d{(i + k) % 20:02d}"]) for k in range(5)]),
    )
    assert got["ok"] >= 1 and got["ok"] + got["AlreadyExistsException"] == N, got
    names = scalar(database_url, 'SELECT count(*) FROM "PARTITIONS"')
    assert names == 5 * got["ok"]  # winners' batches are disjoint and whole; losers wrote nothing
    assert problems(database_url) == {}


def test_rename_onto_the_same_name(racing, database_url):
    with thrift_client(racing.thrift.port) as c:
        for i in range(N):
            c.create_table(f.table("default", f"src{i}"))
            loc = c.get_table("default", f"src{i}").sd.location.removeprefix("file:")
            with open(os.path.join(loc, "marker"), "w") as fh:  # each table's data: one file
                fh.write(str(i))

    def rename(c, i):
        t = c.get_table("default", f"src{i}")
        t.tableName = "renamed"
        c.alter_table("default", f"src{i}", t)

    got = race(racing.thrift.port, rename)
    assert got == Counter({"ok": 1, "InvalidOperationException": N - 1})
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" = %s', ("renamed",)) == 1
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" LIKE %s', ("src%",)) == N - 1
    assert problems(database_url) == {}
    with thrift_client(racing.thrift.port) as c:  # the winner's directory moved, the others' stayed
        renamed = c.get_table("default", "renamed")
        assert renamed.sd.location.endswith("/renamed")
        missing = [
            t
            for t in c.get_table_objects_by_name("default", [f"src{i}" for i in range(N)])
            if not os.path.isdir(t.sd.location.removeprefix("file:"))
        ]
        assert not missing, f"{len(missing)} losers' directories were moved away: {missing[0].sd.location}"
        assert os.listdir(renamed.sd.location.removeprefix("file:")) == ["marker"]


def test_create_the_same_database(racing, database_url):
    got = race(racing.thrift.port, lambda c, i: c.create_database(f.database("contested_db")))
    assert got == Counter({"ok": 1, "AlreadyExistsException": N - 1})
    assert scalar(database_url, 'SELECT count(*) FROM "DBS" WHERE "NAME" = %s', ("contested_db",)) == 1
