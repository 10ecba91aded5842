"""Bulk writes with PostgreSQL's row-by-row checks off (a superuser session, the embedded default)
and on (a role that may not set session_replication_role): add_partitions writes rows that satisfy
every foreign key and the encodings the triggers would have written; drop_table of a partitioned
table leaves no row behind in any of Hive's tables; a drop that fails rolls back whole."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from catalog.store import partition_drop
from catalog.store import partitions as store_partitions
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.factories import database, partition, table

# Tables that grow with any change (the notification log and its counter, id sequences, audit).
_LOGS = {"NOTIFICATION_LOG", "NOTIFICATION_SEQUENCE", "SEQUENCE_TABLE", "audit_log"}
N = 60


def _pg(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database, autocommit=True
    )


def _counts(url: str) -> dict[str, int]:
    with _pg(url) as c:
        tables = c.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN ('public', 'catalog') AND table_type = 'BASE TABLE'"
        ).fetchall()
        return {
            t: c.execute(
                sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(s), sql.Identifier(t))
            ).fetchone()[0]
            for s, t in tables
            if t not in _LOGS
        }


def _rich_table(client, url: str, name: str) -> tt.Table:
    """A partitioned table whose partitions have everything a partition can own: parameters,
    descriptor and serde parameters, bucketing, sort and skew rows, column statistics and privileges."""
    client.create_table(
        table("d1", name, cols=[("id", "int"), ("s", "string")], part_keys=[("dt", "string")])
    )
    t = client.get_table("d1", name)
    parts = []
    for i in range(N):
        p = partition(t, [f"2024-01-{i:03d}"])
        p.parameters = {"numFiles": "1", "k": str(i)}
        p.sd.parameters = {"sdk": "v"}
        p.sd.bucketCols = ["id"]
        p.sd.numBuckets = 4
        p.sd.sortCols = [tt.Order(col="id", order=1)]
        p.sd.serdeInfo.parameters = {"serialization.format": "1", "x": "y"}
        p.sd.skewedInfo = tt.SkewedInfo(
            skewedColNames=["s"],
            skewedColValues=[["a"], ["b"]],
            skewedColValueLocationMaps={("a",): "file:/tmp/skew-a"},
        )
        parts.append(p)
    assert client.add_partitions(parts) == N
    for i in (0, 1, N - 1):
        desc = tt.ColumnStatisticsDesc(
            isTblLevel=False, dbName="d1", tableName=name, partName=f"dt=2024-01-{i:03d}"
        )
        data = tt.ColumnStatisticsData(longStats=tt.LongColumnStatsData(1, 9, 0, 3))
        client.update_partition_column_statistics(
            tt.ColumnStatistics(desc, [tt.ColumnStatisticsObj("id", "int", data)])
        )
    with _pg(url) as c:  # partition privileges, as Hive's grant on a partition stores them
        c.execute(
            'INSERT INTO "PART_PRIVS" ("PART_GRANT_ID", "CREATE_TIME", "GRANT_OPTION", "PART_ID", "PRINCIPAL_NAME", '
            '"PRINCIPAL_TYPE", "PART_PRIV") SELECT 900000 + p."PART_ID", 0, 0, p."PART_ID", \'bob\', \'USER\', '
            '\'SELECT\' FROM "PARTITIONS" p JOIN "TBLS" t ON t."TBL_ID" = p."TBL_ID" WHERE t."TBL_NAME" = %s',
            (name,),
        )
        c.execute(
            'INSERT INTO "PART_COL_PRIVS" ("PART_COLUMN_GRANT_ID", "COLUMN_NAME", "CREATE_TIME", "GRANT_OPTION", '
            '"PART_ID", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "PART_COL_PRIV") SELECT 900000 + p."PART_ID", \'id\', '
            "0, 0, p.\"PART_ID\", 'bob', 'USER', 'SELECT' FROM \"PARTITIONS\" p JOIN \"TBLS\" t "
            'ON t."TBL_ID" = p."TBL_ID" WHERE t."TBL_NAME" = %s',
            (name,),
        )
    return t


def _orphans(url: str) -> list[tuple[str, str, int]]:
    """Every foreign key of the schema checked in one statement each: rows whose parent is missing."""
    out = []
    with _pg(url) as c:
        fks = c.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text, a.attname, b.attname "
            "FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
            "JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = k.confkey[1] WHERE k.contype = 'f'"
        ).fetchall()
        for child, parent, col, pcol in fks:
            n = c.execute(
                sql.SQL(
                    "SELECT count(*) FROM {} c WHERE c.{} IS NOT NULL AND NOT EXISTS "
                    "(SELECT 1 FROM {} p WHERE p.{} = c.{})"
                ).format(
                    sql.SQL(child),
                    sql.Identifier(col),
                    sql.SQL(parent),
                    sql.Identifier(pcol),
                    sql.Identifier(col),
                )
            ).fetchone()[0]
            if n:
                out.append((child, col, n))
    return out


def _stale_encodings(url: str) -> int:
    """Partitions whose kept encoding is missing or differs from a fresh one."""
    with _pg(url) as c:
        return c.execute(
            'SELECT count(*) FROM "PARTITIONS" p LEFT JOIN catalog.partition_wire w ON w.part_id = p."PART_ID" '
            'LEFT JOIN catalog.partition_wire_encode(ARRAY(SELECT "PART_ID" FROM "PARTITIONS")) e '
            'ON e.part_id = p."PART_ID" WHERE w.enc IS DISTINCT FROM e.enc'
        ).fetchone()[0]


def _assert_rich(before: dict[str, int], after: dict[str, int]) -> None:
    grown = {t: after[t] - before[t] for t in before if after[t] != before[t]}
    for t in (
        "PARTITIONS",
        "PARTITION_KEY_VALS",
        "PARTITION_PARAMS",
        "SD_PARAMS",
        "SERDE_PARAMS",
        "BUCKETING_COLS",
        "SORT_COLS",
        "SKEWED_COL_NAMES",
        "SKEWED_VALUES",
        "SKEWED_STRING_LIST",
        "SKEWED_STRING_LIST_VALUES",
        "SKEWED_COL_VALUE_LOC_MAP",
        "PART_COL_STATS",
        "PART_PRIVS",
        "PART_COL_PRIVS",
        "partition_wire",
    ):
        assert grown.get(t, 0) >= N if t not in ("PART_COL_STATS",) else grown.get(t, 0) == 3, (t, grown)


def _drop_leaves_nothing(client, url: str) -> None:
    client.create_database(database("d1"))
    before = _counts(url)
    _rich_table(client, url, "t")
    _assert_rich(before, _counts(url))
    assert _orphans(url) == []
    assert _stale_encodings(url) == 0
    client.drop_table("d1", "t", True)
    assert _orphans(url) == []
    after = _counts(url)
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
    with pytest.raises(tt.NoSuchObjectException):
        client.get_table("d1", "t")


def _skips_checks(url: str) -> bool:
    from sqlalchemy import create_engine

    eng = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with eng.connect() as conn:
            return partition_drop.may_skip_checks(conn)
    finally:
        eng.dispose()


def test_drop_table_set_based_leaves_no_row(server, client, monkeypatch):
    assert _skips_checks(server.database_url)  # the embedded default: a superuser session
    monkeypatch.setattr(partition_drop, "BATCH", 7)  # several rounds in the one transaction
    monkeypatch.setattr(store_partitions, "SET_BASED_FROM", 1)  # set-based for a small table too
    monkeypatch.setattr(store_partitions, "UNCHECKED_FROM", 10)  # the add skips the checks too
    _drop_leaves_nothing(client, server.database_url)


def test_drop_table_row_by_row_leaves_no_row(database_url, tmp_path):
    """A role without the right to set session_replication_role gets the row-by-row path."""
    u = make_url(database_url)
    role = f"limited_{u.database}"
    with _pg(database_url) as c:
        c.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        for schema in ("public", "catalog"):
            for stmt in (
                "GRANT USAGE ON SCHEMA {s} TO {r}",
                "GRANT ALL ON ALL TABLES IN SCHEMA {s} TO {r}",
                "GRANT ALL ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}",
            ):
                c.execute(sql.SQL(stmt).format(s=sql.Identifier(schema), r=sql.Identifier(role)))
    limited = u.set(username=role, password=None).render_as_string(hide_password=False)
    try:
        assert not _skips_checks(limited)
        wh = tmp_path / "warehouse"
        wh.mkdir()
        rt = start_service(limited, wh)
        try:
            with thrift_client(rt.thrift.port) as client:
                client.set_ugi("tester", ["testers"])
                _drop_leaves_nothing(client, database_url)
        finally:
            rt.stop()
    finally:
        with _pg(database_url) as c:
            c.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            c.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_failed_drop_rolls_back_everything(server, client, monkeypatch):
    """A row the drop may not delete (an index descriptor of Hive 2 that uses a partition's
    descriptor) fails the set-based drop after it deleted the partitions: nothing is lost."""
    url = server.database_url
    monkeypatch.setattr(store_partitions, "UNCHECKED_FROM", 10)
    monkeypatch.setattr(store_partitions, "SET_BASED_FROM", 1)
    client.create_database(database("d1"))
    _rich_table(client, url, "t")
    with _pg(url) as c:
        c.execute(
            'INSERT INTO "IDXS" ("INDEX_ID", "CREATE_TIME", "DEFERRED_REBUILD", "LAST_ACCESS_TIME", "SD_ID") '
            'SELECT 777, 0, false, 0, max(p."SD_ID") FROM "PARTITIONS" p'
        )
    before = _counts(url)
    listed = client.get_partitions("d1", "t", -1)
    monkeypatch.setattr(partition_drop, "BATCH", 25)  # in rounds: one of them fails
    with pytest.raises(tt.MetaException):
        client.drop_table("d1", "t", True)
    assert _counts(url) == before
    assert client.get_partitions("d1", "t", -1) == listed
    assert client.get_partition_names("d1", "t", -1) == [f"dt=2024-01-{i:03d}" for i in range(N)]
    with _pg(url) as c:
        c.execute('DELETE FROM "IDXS" WHERE "INDEX_ID" = 777')
    client.drop_table("d1", "t", True)
    assert _counts(url)["PARTITIONS"] == 0


def _plain_table(client, n: int) -> None:
    client.create_database(database("d1"))
    client.create_table(table("d1", "t", part_keys=[("dt", "string")]))
    t = client.get_table("d1", "t")
    client.add_partitions([partition(t, [f"v{i:03d}"]) for i in range(n)])


def _part_id(url: str, name: str) -> int:
    with _pg(url) as c:
        return c.execute('SELECT "PART_ID" FROM "PARTITIONS" WHERE "PART_NAME" = %s', (name,)).fetchone()[0]


def test_a_writer_racing_the_set_based_drop_fails_its_own_check(server, client, monkeypatch):
    """A Java metastore adding a parameter to a partition while the drop's transaction is open
    waits for it and then fails its foreign-key check: no orphan, as with the checks on."""
    import threading

    monkeypatch.setattr(store_partitions, "SET_BASED_FROM", 1)  # set-based for 30 partitions
    url = server.database_url
    _plain_table(client, 30)
    pid = _part_id(url, "dt=v007")
    core = server.service.core
    row_tbl = None
    outcome: dict = {}
    with core.db.write() as conn:
        from catalog.store import tables as tbls

        row = tbls.get_table(conn, "hive", "d1", "t")
        row_tbl = row.tbl_id
        tbls.lock_table(conn, row.db_id, "t")
        assert store_partitions.delete_all_partitions(conn, row_tbl) == 30

        def writer():
            try:
                with _pg(url) as c:
                    c.execute(
                        'INSERT INTO "PARTITION_PARAMS" ("PART_ID", "PARAM_KEY", "PARAM_VALUE") VALUES (%s, %s, %s)',
                        (pid, "k", "v"),
                    )
                outcome["error"] = None
            except psycopg.Error as e:
                outcome["error"] = e

        th = threading.Thread(target=writer)
        th.start()
        th.join(1.0)
        assert th.is_alive()  # waiting for the drop's row lock
    th.join(10)
    assert isinstance(outcome["error"], psycopg.errors.ForeignKeyViolation)
    assert _orphans(url) == []


def test_a_writer_ahead_of_the_set_based_drop_has_its_rows_dropped_too(server, client, monkeypatch):
    """A Java metastore's uncommitted parameter row on a partition: the drop waits for it, then
    deletes it with the partition (each child delete sees what committed before it)."""
    import threading
    import time

    monkeypatch.setattr(store_partitions, "SET_BASED_FROM", 1)  # set-based for 30 partitions
    url = server.database_url
    _plain_table(client, 30)
    pid = _part_id(url, "dt=v011")
    with _pg(url) as c:
        c.autocommit = False
        c.execute(
            'INSERT INTO "PARTITION_PARAMS" ("PART_ID", "PARAM_KEY", "PARAM_VALUE") VALUES (%s, %s, %s)',
            (pid, "late", "v"),
        )
        done: dict = {}

        def drop():
            with thrift_client(server.port) as other:
                other.drop_table("d1", "t", False)
            done["at"] = time.monotonic()

        th = threading.Thread(target=drop)
        th.start()
        th.join(1.0)
        assert th.is_alive()  # the drop waits for the writer
        committed = time.monotonic()
        c.commit()
    th.join(30)
    assert done["at"] >= committed
    assert _orphans(url) == []
    assert _counts(url)["PARTITION_PARAMS"] == 0
