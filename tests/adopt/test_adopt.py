"""`catalog db adopt` on a Hive 2.3 metastore database that Apache Hive's Java metastore created and
filled (tests/adopt/conftest.py): the dry run changes nothing; the upgrade gives Hive 3.1.0's schema
plus ours in one transaction; our service then answers every object exactly as the Java metastore
did; and a Java metastore 2.3 still reads the database afterwards."""

from __future__ import annotations

import re

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, pool, text

from catalog.adopt.introspect import describe
from catalog.adopt.run import AdoptError, adopt
from catalog.cli import main
from catalog.db import normalize_url
from catalog.store import migrate
from tests.adopt import hive_catalog
from tests.adopt.conftest import java_metastore
from tests.conftest import start_service, thrift_client


def _schema(url: str):
    engine = create_engine(normalize_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn, conn.begin():
            return describe(conn, "public"), conn.execute(
                text("SELECT count(*) FROM pg_namespace WHERE nspname = 'catalog'")
            ).scalar()
    finally:
        engine.dispose()


def _sql(url: str, sql: str):
    u = normalize_url(url).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(u, autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else None


def _diff(expected: dict, got: dict) -> list[str]:
    out = []
    for k in sorted(set(expected) | set(got)):
        if expected.get(k) != got.get(k):
            out.append(f"{k}:\n  java: {str(expected.get(k))[:1500]}\n  ours: {str(got.get(k))[:1500]}")
    return out


def test_dry_run_reports_and_changes_nothing(hive23_database):
    _, url = hive23_database.copy()
    before = _schema(url)
    result = CliRunner().invoke(main, ["db", "adopt", "--database-url", url, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Hive metastore schema 2.3.0" in result.output
    assert re.search(r"partitions\s+609\n", result.output)  # 600 + 9 of odd_db_2024.events
    assert re.search(r"databases\s+5\n", result.output) and re.search(r"views\s+2\n", result.output)
    assert "dry run: nothing was changed" in result.output
    assert "add column DBS.CTLG_NAME" in result.output
    assert _schema(url) == before  # not even the reference schema is left behind
    assert migrate.current(url) is None


def test_adopt_serves_every_object_as_the_java_metastore_did(hive23_database, tmp_path):
    name, url = hive23_database.copy()
    result = CliRunner().invoke(main, ["db", "adopt", "--database-url", url, "--yes"])
    assert result.exit_code == 0, result.output
    assert f"hms-catalog revision {migrate.head()}" in result.output
    assert migrate.current(url) == migrate.head()
    assert _sql(url, 'SELECT "SCHEMA_VERSION" FROM "VERSION"') == [("3.1.0",)]
    assert _sql(url, 'SELECT DISTINCT "CTLG_NAME" FROM "DBS"') == [("hive",)]
    # the misspelt serde key was renamed, as Hive's upgrade script does
    assert _sql(url, 'SELECT count(*) FROM "SERDE_PARAMS" WHERE "PARAM_KEY" = \'collection.delim\'') == [(1,)]
    # running it again finds the database already adopted
    again = CliRunner().invoke(main, ["db", "adopt", "--database-url", url, "--yes"])
    assert again.exit_code == 0 and "already managed by hms-catalog" in again.output

    rt = start_service(url, tmp_path / "wh")
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("admin", ["admins"])
            ours = hive_catalog.snapshot(c)
    finally:
        rt.stop()
    expected = dict(hive23_database.snapshot)
    # the serde parameter renamed by the upgrade
    assert _diff(_renamed_serde_key(expected), ours) == []

    # a Java metastore 2.3 still reads the adopted database
    with java_metastore(
        pg_server_of(hive23_database), name, hive23_database.warehouse, tmp_path / "java"
    ) as peer:
        with thrift_client(peer.port) as c:
            c.set_ugi("admin", ["admins"])
            java_after = hive_catalog.snapshot(c)
    assert _diff(_renamed_serde_key(expected), java_after) == []


def pg_server_of(h):
    return h.pg_server


def _renamed_serde_key(obj):
    """`obj` with Hive's misspelt serde key renamed, as Hive's 3.0 upgrade script renames it."""
    if isinstance(obj, dict):
        return {
            ("collection.delim" if k == "colelction.delim" else k): _renamed_serde_key(v)
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [_renamed_serde_key(x) for x in obj]
    return obj


def test_refuses_what_is_not_a_hive_metastore(pg_server, hive23_database):
    url = pg_server.create_database("not_hive_at_all")
    _sql(url, "CREATE TABLE IF NOT EXISTS orders (id int)")
    with pytest.raises(AdoptError, match='not a Hive metastore schema: public has no "DBS"'):
        adopt(url, apply=True)
    _, newer = hive23_database.copy()
    _sql(newer, "INSERT INTO \"VERSION\" VALUES (1, '4.0.0', 'Hive release version 4.0.0')")
    result = CliRunner().invoke(main, ["db", "adopt", "--database-url", newer, "--yes"])
    assert result.exit_code != 0 and "schema version 4.0.0 is newer than 3.1.0" in result.output
    assert migrate.current(newer) is None
