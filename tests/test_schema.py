"""The Alembic migrations build Apache Hive Metastore 3.1.0's PostgreSQL schema exactly.

``tests/data/hive_3_1_0_schema.json`` holds the facts of Hive's ``hive-schema-3.1.0.postgres.sql``
(apache/hive, standalone-metastore/src/main/sql/postgres/): table name as Postgres stores it -> list of
[column name as stored, information_schema data_type (+ "(n)" character length), is_nullable], in
column order. Nullability is the effective one (PRIMARY KEY and SERIAL columns are NOT NULL).

``pg_server`` (tests/conftest.py) is one real PostgreSQL for the session; each test that needs a
clean slate gets its own database.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from catalog.store import migrate

REPO_ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((Path(__file__).parent / "data" / "hive_3_1_0_schema.json").read_text())
ACID_TABLES = {
    "txns",
    "txn_components",
    "completed_txn_components",
    "next_txn_id",
    "hive_locks",
    "next_lock_id",
    "compaction_queue",
    "next_compaction_queue_id",
    "completed_compactions",
    "aux_table",
    "write_set",
    "txn_to_write_id",
    "next_write_id",
    "min_history_level",
    "materialization_rebuild_locks",
    "repl_txn_map",
    "runtime_stats",
}
OUR_INDEXES = {
    "CATALOG_PARTITIONS_TBL_ID_PART_NAME",
    "CATALOG_PARTITION_KEY_VALS_IDX_VAL_PART",
    "CATALOG_TBLS_DB_ID_TBL_NAME",
    "CATALOG_COLUMNS_V2_CD_ID_INTEGER_IDX",
    "CATALOG_SDS_CD_ID",
    "CATALOG_NOTIFICATION_LOG_EVENT_ID",
    "CATALOG_KEY_CONSTRAINTS_CHILD_TBL_ID",
    # 0004: search (pg_trgm)
    "CATALOG_DBS_NAME_TRGM",
    "CATALOG_DBS_DESC_TRGM",
    "CATALOG_TBLS_NAME_TRGM",
    "CATALOG_COLUMNS_V2_NAME_TRGM",
    "CATALOG_COLUMNS_V2_COMMENT_TRGM",
    "CATALOG_PARTITION_KEYS_NAME_TRGM",
    "CATALOG_TABLE_PARAMS_COMMENT_TRGM",
    "CATALOG_TABLE_PARAMS_PROPERTY_TRGM",
}
_db_counter = itertools.count()


# --------------------------------------------------------------------------------------- fixtures
@pytest.fixture
def fresh_db(pg_server) -> str:
    """URL of a brand-new, empty database."""
    return pg_server.create_database(f"schema_test_{os.getpid()}_{next(_db_counter)}")


@pytest.fixture(scope="module")
def migrated_db(pg_server) -> str:
    """URL of a database upgraded to head once, shared by the read-only assertions."""
    url = pg_server.create_database(f"schema_head_{os.getpid()}")
    migrate.upgrade(url)
    return url


def _query(url: str, sql: str, **params) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def _public_tables(url: str) -> set[str]:
    return {
        r[0]
        for r in _query(
            url,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
    }


def _columns(url: str) -> dict[str, list[list[str]]]:
    rows = _query(
        url,
        """
        SELECT table_name, column_name, data_type, character_maximum_length, is_nullable
          FROM information_schema.columns
         WHERE table_schema = 'public'
         ORDER BY table_name, ordinal_position""",
    )
    out: dict[str, list[list[str]]] = {}
    for table, column, data_type, char_len, nullable in rows:
        typ = f"{data_type}({char_len})" if char_len is not None else data_type
        out.setdefault(table, []).append([column, typ, nullable])
    return out


def _schema_snapshot(url: str) -> tuple:
    idx = _query(
        url, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2"
    )
    cons = _query(
        url,
        """
        SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2""",
    )
    return _columns(url), idx, cons


# ------------------------------------------------------------------------------ expected data
def test_expected_facts_file_counts():
    assert len(EXPECTED) == 74
    assert sum(len(cols) for cols in EXPECTED.values()) == 444
    assert {t for t in EXPECTED if t.islower()} == ACID_TABLES
    assert sum(1 for t in EXPECTED if t.isupper() or not t.islower()) == 57


# ------------------------------------------------------------------------------ schema shape
def test_every_hive_table_exists_under_its_exact_identifier(migrated_db):
    assert _public_tables(migrated_db) == set(EXPECTED)
    # Case matters: quoted upper-case tables are not reachable unquoted, and vice versa.
    rows = _query(
        migrated_db,
        """
        SELECT to_regclass('public."DBS"'), to_regclass('public.dbs'),
               to_regclass('public.txns'), to_regclass('public."TXNS"'),
               to_regclass('public."I_SCHEMA"'), to_regclass('public."SCHEMA_VERSION"')""",
    )
    dbs_quoted, dbs_folded, txns_folded, txns_quoted, i_schema, schema_version = rows[0]
    assert dbs_quoted is not None and dbs_folded is None
    assert txns_folded is not None and txns_quoted is None
    assert i_schema is not None and schema_version is not None


def test_every_column_has_hive_type_nullability_and_order(migrated_db):
    actual = _columns(migrated_db)
    assert sum(len(c) for c in actual.values()) == 444
    mismatches = {
        t: {"expected": cols, "actual": actual.get(t)}
        for t, cols in EXPECTED.items()
        if actual.get(t) != cols
    }
    assert not mismatches, json.dumps(mismatches, indent=1)[:4000]


def test_hive_keys_constraints_and_indexes(migrated_db):
    cons = {
        (r[0], r[1]): (r[2], r[3])
        for r in _query(
            migrated_db,
            """
        SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
          FROM pg_constraint
         WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u')""",
        )
    }
    by_type: dict[str, int] = {}
    for contype, _ in cons.values():
        by_type[contype] = by_type.get(contype, 0) + 1
    # Hive 3.1.0: every table but MV_TABLES_USED and 8 ACID tables has a primary key (65); 52 foreign
    # keys; 16 unique constraints (Hive's UNIQUE INDEXes are counted with the indexes below).
    assert by_type == {"p": 65, "f": 52, "u": 16}
    assert cons[('"DBS"', "UNIQUE_DATABASE")] == ("u", 'UNIQUE ("NAME", "CTLG_NAME")')
    assert cons[('"DBS"', "DBS_FK1")] == ("f", 'FOREIGN KEY ("CTLG_NAME") REFERENCES "CTLGS"("NAME")')
    assert cons[('"PARTITIONS"', "UNIQUEPARTITION")] == ("u", 'UNIQUE ("PART_NAME", "TBL_ID")')
    assert cons[('"TBLS"', "UNIQUETABLE")] == ("u", 'UNIQUE ("TBL_NAME", "DB_ID")')
    assert cons[('"PARTITION_KEY_VALS"', "PARTITION_KEY_VALS_pkey")] == (
        "p",
        'PRIMARY KEY ("PART_ID", "INTEGER_IDX")',
    )
    assert cons[('"TBLS"', "TBLS_DB_ID_fkey")] == (
        "f",
        'FOREIGN KEY ("DB_ID") REFERENCES "DBS"("DB_ID") DEFERRABLE',
    )
    assert cons[('"METASTORE_DB_PROPERTIES"', "PROPERTY_KEY_PK")][0] == "p"
    assert cons[("txn_components", "txn_components_tc_txnid_fkey")] == (
        "f",
        "FOREIGN KEY (tc_txnid) REFERENCES txns(txn_id)",
    )
    assert cons[("hive_locks", "hive_locks_pkey")] == ("p", "PRIMARY KEY (hl_lock_ext_id, hl_lock_int_id)")

    idx = {
        r[1]: r[2]
        for r in _query(
            migrated_db, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
        )
    }
    hive_plain = {n for n in idx if n not in OUR_INDEXES} - {n for (_, n) in cons}
    # Hive's script creates 48 indexes outside constraints: 40 on quoted tables, 8 on ACID tables.
    assert {
        "UNIQUEFUNCTION",
        "TBLS_N49",
        "PARTITIONS_N49",
        "PCS_STATS_IDX",
        "TAB_COL_STATS_IDX",
        "MV_UNIQUE_TABLE",
        "tc_txnid_index",
        "hl_txnid_index",
        "tbl_to_txn_id_idx",
        "tbl_to_write_id_idx",
        "next_write_id_idx",
        "min_history_level_idx",
        "completed_txn_components_index",
        "idx_runtime_stats_create_time",
    } <= hive_plain
    assert "USING hash (tc_txnid)" in idx["tc_txnid_index"]
    assert "CREATE UNIQUE INDEX" in idx["UNIQUEFUNCTION"]
    assert len(hive_plain) == 48
    assert OUR_INDEXES <= set(idx)
    assert '("TBL_ID", "PART_NAME")' in idx["CATALOG_PARTITIONS_TBL_ID_PART_NAME"]
    # Meaningful defaults survive.
    defaults = dict(
        _query(
            migrated_db,
            """
        SELECT table_name || '.' || column_name, column_default FROM information_schema.columns
         WHERE table_schema = 'public' AND column_default IS NOT NULL""",
        )
    )
    assert defaults["DBS.CTLG_NAME"] == "'hive'::character varying"
    assert defaults["TBLS.IS_REWRITE_ENABLED"] == "false"
    assert defaults["WM_TRIGGER.IS_IN_UNMANAGED"] == "0"
    assert defaults["completed_txn_components.ctc_timestamp"] == "CURRENT_TIMESTAMP"
    assert defaults["MASTER_KEYS.KEY_ID"].startswith("nextval(")


def test_seed_rows(migrated_db):
    assert _query(migrated_db, 'SELECT * FROM "VERSION"') == [(1, "3.1.0", "Hive release version 3.1.0")]
    assert _query(migrated_db, 'SELECT * FROM "CTLGS"') == [(1, "hive", "Default catalog for Hive", "TBD")]
    assert _query(migrated_db, 'SELECT * FROM "SEQUENCE_TABLE"') == [
        ("org.apache.hadoop.hive.metastore.model.MNotificationLog", 1)
    ]
    assert _query(migrated_db, 'SELECT * FROM "NOTIFICATION_SEQUENCE"') == [(1, 1)]
    assert _query(migrated_db, "SELECT * FROM next_txn_id") == [(1,)]
    assert _query(migrated_db, "SELECT * FROM next_lock_id") == [(1,)]
    assert _query(migrated_db, "SELECT * FROM next_compaction_queue_id") == [(1,)]
    assert _query(migrated_db, 'SELECT count(*) FROM "DBS"') == [(0,)]  # HMS creates `default` itself


# ------------------------------------------------------------------------------ revisions
def test_current_is_head_and_version_table_is_ours(migrated_db):
    assert migrate.current(migrated_db) == migrate.head()
    assert _query(
        migrated_db, "SELECT to_regclass('catalog.alembic_version'), to_regclass('public.alembic_version')"
    ) == [("catalog.alembic_version", None)]


def test_current_of_unmigrated_database_is_none(fresh_db):
    assert migrate.current(fresh_db) is None


def test_upgrade_again_is_a_noop(migrated_db):
    before = _schema_snapshot(migrated_db)
    migrate.upgrade(migrated_db)
    migrate.upgrade(migrated_db, "head")
    assert _schema_snapshot(migrated_db) == before
    assert migrate.current(migrated_db) == migrate.head()
    assert _query(migrated_db, 'SELECT count(*) FROM "VERSION"') == [(1,)]


def test_concurrent_upgrades_in_threads(fresh_db):
    errors: list[BaseException] = []

    def run():
        try:
            migrate.upgrade(fresh_db)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert migrate.current(fresh_db) == migrate.head()
    assert _query(fresh_db, 'SELECT count(*) FROM "VERSION"') == [(1,)]


def test_concurrent_upgrades_in_processes(fresh_db):
    """Separate processes (replicas / Jobs) are serialised by the advisory lock alone."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    )
    code = "import sys; from catalog.store.migrate import upgrade; upgrade(sys.argv[1])"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, fresh_db],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert all(rc == 0 for _, _, rc in results), [err[-2000:] for _, err, _ in results]
    assert migrate.current(fresh_db) == migrate.head()
    assert _query(fresh_db, 'SELECT count(*) FROM "VERSION"') == [(1,)]


def test_upgrade_waits_for_the_advisory_lock(fresh_db):
    # Read the constant from env.py's source (importing env.py would run it).
    src = (REPO_ROOT / "migrations" / "env.py").read_text()
    literal = re.search(r"^MIGRATION_LOCK_KEY = (\S+)", src, re.M).group(1)
    key = int(literal, 0)

    engine = sa.create_engine(fresh_db, poolclass=sa.pool.NullPool)
    done = threading.Event()
    errors: list[BaseException] = []
    try:
        with engine.connect() as holder:
            holder.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
            holder.commit()

            def run():
                try:
                    migrate.upgrade(fresh_db)
                except BaseException as e:  # noqa: BLE001
                    errors.append(e)
                finally:
                    done.set()

            t = threading.Thread(target=run)
            t.start()
            time.sleep(1.5)
            assert not done.is_set(), "upgrade ran while another session held the migration lock"
            assert migrate.current(fresh_db) is None
            holder.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            holder.commit()
            t.join(timeout=300)
    finally:
        engine.dispose()
    assert done.is_set() and not errors, errors
    assert migrate.current(fresh_db) == migrate.head()


def test_failed_migration_leaves_previous_schema_intact(fresh_db):
    # A pre-existing `txns` makes 0001 fail half-way through; nothing of it may remain.
    _query_exec(fresh_db, "CREATE TABLE public.txns (x int)")
    with pytest.raises(sa.exc.ProgrammingError, match="txns"):
        migrate.upgrade(fresh_db)
    assert _public_tables(fresh_db) == {"txns"}
    assert migrate.current(fresh_db) is None


def test_downgrade_to_base_removes_hive_tables(fresh_db):
    migrate.upgrade(fresh_db)
    migrate.downgrade(fresh_db, "0001_hive_3_1_0_schema")
    assert migrate.current(fresh_db) == "0001_hive_3_1_0_schema"
    names = {r[0] for r in _query(fresh_db, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert not names & OUR_INDEXES
    migrate.downgrade(fresh_db, "base")
    assert migrate.current(fresh_db) is None
    assert _public_tables(fresh_db) == set()
    leftovers = _query(fresh_db, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace")
    assert leftovers == []  # no orphaned indexes or sequences either
    # and the round trip works
    migrate.upgrade(fresh_db)
    assert migrate.current(fresh_db) == migrate.head()
    assert _public_tables(fresh_db) == set(EXPECTED)


def _query_exec(url: str, sql: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql))
    finally:
        engine.dispose()
