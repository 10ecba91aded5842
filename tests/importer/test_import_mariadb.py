"""`catalog import --from mysql://…` from a real MariaDB server holding a Hive 2.3 metastore that the Java
metastore created: every object reads back over Thrift exactly as the Java metastore answered, ids and
"SEQUENCE_TABLE" are consistent, a re-run copies nothing twice, an interrupted import resumes."""

from __future__ import annotations

import sys

import psycopg
import pytest
from click.testing import CliRunner

from catalog.cli import main
from catalog.db import normalize_url
from catalog.importer.run import SEQUENCES, ImportFailed, import_metastore
from catalog.importer.sources import SourceError, open_source
from tests.adopt import hive_catalog
from tests.adopt.test_adopt import _diff, _renamed_serde_key
from tests.conftest import start_service, thrift_client


def _pg(url: str) -> psycopg.Connection:
    return psycopg.connect(
        normalize_url(url).replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    )


def _serve_snapshot(url: str, wh) -> dict:
    rt = start_service(url, wh)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("admin", ["admins"])
            return hive_catalog.snapshot(c)
    finally:
        rt.stop()


def test_import_serves_every_object_as_the_java_metastore_did(hive_on_mariadb, database_url, tmp_path):
    result = CliRunner().invoke(
        main, ["import", "--from", hive_on_mariadb.url, "--database-url", database_url]
    )
    assert result.exit_code == 0, result.output
    assert "every count matches the source" in result.output
    assert "partitions                          609 in the source        609 here" in result.output
    expected = _renamed_serde_key(hive_on_mariadb.snapshot)  # Hive's 3.0 upgrade renames that serde key
    ours = _serve_snapshot(database_url, tmp_path / "wh")
    assert _diff(expected, ours) == []
    with _pg(database_url) as c:
        for cls, (table, col) in SEQUENCES.items():
            row = c.execute(
                f'SELECT "NEXT_VAL", (SELECT max("{col}") FROM "{table}") FROM "SEQUENCE_TABLE" '
                'WHERE "SEQUENCE_NAME" = %s',
                ("org.apache.hadoop.hive.metastore.model." + cls,),
            ).fetchone()
            if row is not None and row[1] is not None:
                assert row[0] > row[1], cls  # the next id handed out is free
        ids = c.execute('SELECT "DB_ID", "NAME" FROM "DBS" ORDER BY 1').fetchall()
    src = open_source(hive_on_mariadb.url)
    try:
        assert sorted(r for rows in src.stream('SELECT "DB_ID", "NAME" FROM "DBS"', 100) for r in rows) == ids
    finally:
        src.close()
    # a re-run finds everything there and writes nothing
    again = CliRunner().invoke(
        main, ["import", "--from", hive_on_mariadb.url, "--database-url", database_url]
    )
    assert again.exit_code == 0, again.output
    assert "rows written by this run: 0 in" in again.output


def test_interrupted_import_resumes(hive_on_mariadb, database_url, tmp_path):
    seen = []

    def stop_midway(n: int) -> None:
        seen.append(n)
        if sum(seen) > 1500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_metastore(hive_on_mariadb.url, database_url, batch=100, on_rows=stop_midway)
    with _pg(database_url) as c:
        partial = c.execute('SELECT count(*) FROM "PARTITIONS"').fetchone()[0]
    summary = import_metastore(hive_on_mariadb.url, database_url, batch=100)
    assert summary.mismatches == []
    assert summary.kinds["partitions"] == (609, 609) and partial < 609
    assert (
        _diff(_renamed_serde_key(hive_on_mariadb.snapshot), _serve_snapshot(database_url, tmp_path / "wh"))
        == []
    )


def test_refuses_a_target_with_a_catalog_of_its_own(hive_on_mariadb, database_url):
    with _pg(database_url) as c:
        c.execute(
            'INSERT INTO "DBS" ("DB_ID", "NAME", "DB_LOCATION_URI", "CTLG_NAME") '
            "VALUES (9999, 'mine', 'file:/x', 'hive')"
        )
    with pytest.raises(ImportFailed, match="already holds database 'mine'"):
        import_metastore(hive_on_mariadb.url, database_url)


def test_missing_driver_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "pymysql", None)
    with pytest.raises(SourceError, match=r"pip install 'hms-catalog\[mysql\]'"):
        open_source("mysql://root@127.0.0.1:1/x")
