"""Schema migrations in place: upgrading a database written at an older revision loses nothing, and
a migration that fails leaves the schema (and the data) as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

import migrations
from catalog.store import migrate
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.conftest import thrift_client
from tests.ops.conftest import start
from tests.ops.integrity import connect, problems

OLD = "0002_catalog_indexes"


def hive_tables(database_url: str) -> list[str]:
    with connect(database_url) as c:
        return [
            r[0]
            for r in c.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]


def dump(database_url: str) -> dict[str, list]:
    """Every row of every Hive table (public schema), sorted: what 'nothing lost' compares."""
    out = {}
    with connect(database_url) as c:
        for t in hive_tables(database_url):
            rows = c.execute(f'SELECT * FROM "{t}"').fetchall()
            out[t] = sorted(rows, key=repr)
    return out


def catalog_tables(database_url: str) -> set[str]:
    with connect(database_url) as c:
        return {
            r[0]
            for r in c.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'catalog'"
            )
        }


def write_as_an_older_version(database_url: str, tmp_path: Path) -> None:
    """Data written through Thrift while the schema is at 0002 (the service's audit log, which needs
    0003's catalog.audit_log, and its change events, which need 0008's catalog.event_queue, are
    off: an older version of the service had neither)."""
    from catalog.auth.audit import AuditLog

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(AuditLog, "_at_commit", lambda self, conn: None)
        mp.setattr(AuditLog, "_record_alone", lambda self, *a: None)
        _write_old(database_url, tmp_path)


def _write_old(database_url: str, tmp_path: Path) -> None:
    rt = start(database_url, tmp_path, http_port=-1, events=False)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("old_version", [])
            c.create_database(f.database("sales", description="orders and customers", params={"owner": "bi"}))
            t = f.table(
                "sales",
                "orders",
                cols=[("id", "bigint"), ("amount", "double"), ("note", "string")],
                part_keys=[("dt", "string")],
                params={"comment": "every order", "team": "finance"},
            )
            c.create_table(t)
            c.add_partitions([f.partition(t, [f"2024-01-{d:02d}"]) for d in range(1, 11)])
            c.create_table(f.table("sales", "customers", params={"comment": "people who buy"}))
            stats = tt.ColumnStatistics(
                statsDesc=tt.ColumnStatisticsDesc(isTblLevel=True, dbName="sales", tableName="customers"),
                statsObj=[
                    tt.ColumnStatisticsObj(
                        colName="id",
                        colType="int",
                        statsData=tt.ColumnStatisticsData(
                            longStats=tt.LongColumnStatsData(lowValue=1, highValue=99, numNulls=0, numDVs=99)
                        ),
                    )
                ],
            )
            c.update_table_column_statistics(stats)
            c.create_function(
                tt.Function(
                    functionName="normalize",
                    dbName="sales",
                    className="com.example.Norm",
                    ownerName="old_version",
                    ownerType=tt.PrincipalType.USER,
                    createTime=0,
                    functionType=tt.FunctionType.JAVA,
                    resourceUris=[],
                )
            )
    finally:
        rt.stop()


def test_upgrade_in_place_loses_nothing(database_url, tmp_path):
    migrate.downgrade(database_url, OLD)
    assert migrate.current(database_url) == OLD
    assert "audit_log" not in catalog_tables(database_url)
    write_as_an_older_version(database_url, tmp_path)
    before = dump(database_url)
    assert len(before["PARTITIONS"]) == 10

    migrate.upgrade(database_url)
    assert migrate.current(database_url) == migrate.head()
    assert dump(database_url) == before  # every Hive row, unchanged
    assert problems(database_url) == {}

    # and the new version serves it, search indexes (0004) included
    rt = start(database_url, tmp_path / "new", http_port=0)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("admin", [])
            orders = c.get_table("sales", "orders")
            assert [k.name for k in orders.partitionKeys] == ["dt"]
            assert len(c.get_partitions("sales", "orders", -1)) == 10
            assert c.get_function("sales", "normalize").className == "com.example.Norm"
            col = c.get_table_column_statistics("sales", "customers", "id")
            assert col.statsObj[0].statsData.longStats.highValue == 99
            c.create_table(f.table("sales", "after_upgrade"))  # audited from now on
        from catalog.auth.tokens import TokenManager

        token, _ = TokenManager(rt.service.db).create("reader", is_admin=True)
        r = httpx.get(
            rt.http.url + "/api/v1/search",
            params={"q": "order"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        assert "orders" in r.text
    finally:
        rt.stop()


def test_a_failed_migration_leaves_the_old_schema_and_data(database_url, tmp_path):
    migrate.downgrade(database_url, OLD)
    write_as_an_older_version(database_url, tmp_path)
    before = dump(database_url)
    with connect(database_url) as c:  # an object in the way of 0003: its CREATE TABLE fails midway
        c.execute("CREATE TABLE catalog.sync_runs (x int)")
    with pytest.raises(Exception, match="sync_runs"):
        migrate.upgrade(database_url)
    assert migrate.current(database_url) == OLD
    assert catalog_tables(database_url) == {
        "sync_runs",
        "alembic_version",
    }  # 0003's first tables: rolled back
    assert dump(database_url) == before
    with connect(database_url) as c:
        c.execute("DROP TABLE catalog.sync_runs")
    migrate.upgrade(database_url)  # fixed: the retry goes through
    assert migrate.current(database_url) == migrate.head()
    assert dump(database_url) == before


def test_a_failing_revision_is_rolled_back_whole(database_url, tmp_path, monkeypatch):
    """A (future) revision that changes Hive's tables and then fails: none of its changes stay, and
    the revisions before it are kept."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrations.__file__).parent, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head()
    (scripts / "versions" / "0099_broken.py").write_text(f'''
from alembic import op

revision = "0099_broken"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute('ALTER TABLE "TBLS" ADD COLUMN "BROKEN" integer')
    op.execute("CREATE TABLE catalog.broken (x int)")
    op.execute(\"\"\"UPDATE "DBS" SET "DESC" = 'overwritten'\"\"\")
    op.execute("SELECT 1/0")


def downgrade():
    pass
''')
    migrate.downgrade(database_url, OLD)
    before = dump(database_url)
    monkeypatch.setattr(migrate, "_script_location", lambda: str(scripts))
    with pytest.raises(Exception, match="division by zero"):
        migrate.upgrade(database_url)
    assert migrate.current(database_url) == head  # 0003 and 0004 applied, 0099 not
    with connect(database_url) as c:
        cols = [
            r[0]
            for r in c.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'TBLS'")
        ]
    assert "BROKEN" not in cols
    assert "broken" not in catalog_tables(database_url)
    assert dump(database_url) == before


def test_cli_db_downgrade_needs_confirmation(database_url):
    from click.testing import CliRunner

    from catalog.cli import main

    runner = CliRunner()
    r = runner.invoke(main, ["db", "downgrade", "--database-url", database_url, "--revision", OLD])
    assert r.exit_code != 0 and "--yes" in r.output
    assert migrate.current(database_url) == migrate.head()
    r = runner.invoke(main, ["db", "downgrade", "--database-url", database_url, "--revision", OLD, "--yes"])
    assert r.exit_code == 0, r.output
    assert migrate.current(database_url) == OLD
    r = runner.invoke(main, ["db", "upgrade", "--database-url", database_url])
    assert r.exit_code == 0 and migrate.current(database_url) == migrate.head()
