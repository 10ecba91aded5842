"""Views through stock Spark: CREATE VIEW, CREATE OR REPLACE, ALTER VIEW AS, temporary views, SHOW
VIEWS, DESCRIBE, DROP VIEW (spark-hms-calls.md #53-#59, #116)."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_views"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(
        spark_env,
        DB,
        f"CREATE TABLE {DB}.t1 (id INT, name STRING) USING parquet",
        f"INSERT INTO {DB}.t1 VALUES (1, 'a'), (2, 'b'), (3, 'c')",
    )
    drop_database(spark_env, DB)


def test_create_replace_alter_and_drop_view(spark_env, db):
    env = spark_env
    env.sql(f"CREATE VIEW {db}.v1 AS SELECT id, name FROM {db}.t1 WHERE id > 1")
    assert env.rows(f"SELECT * FROM {db}.v1") == [(2, "b"), (3, "c")]
    assert not (env.db_path(db) / "v1").exists()  # a view has no directory
    cols, info = env.describe(f"DESCRIBE EXTENDED {db}.v1")
    assert [c[:2] for c in cols] == [("id", "int"), ("name", "string")]
    assert info["Type"] == "VIEW"
    assert info["View Text"] == f"SELECT id, name FROM {db}.t1 WHERE id > 1"
    assert info["View Query Output Columns"] == "[`id`, `name`]"
    with env.client() as c:
        t = c.get_table(db, "v1")
    assert t.tableType == "VIRTUAL_VIEW"
    assert t.viewOriginalText == f"SELECT id, name FROM {db}.t1 WHERE id > 1"
    assert t.viewExpandedText == t.viewOriginalText
    assert [(f.name, f.type) for f in t.sd.cols] == [("id", "int"), ("name", "string")]

    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_ALREADY_EXISTS|already exists"):
        env.sql(f"CREATE VIEW {db}.v1 AS SELECT id FROM {db}.t1")
    env.sql(f"CREATE VIEW IF NOT EXISTS {db}.v1 AS SELECT id FROM {db}.t1")
    assert env.rows(f"SELECT * FROM {db}.v1") == [(2, "b"), (3, "c")]

    env.sql(f"CREATE OR REPLACE VIEW {db}.v1 AS SELECT id FROM {db}.t1")
    assert env.rows(f"SELECT * FROM {db}.v1") == [(1,), (2,), (3,)]
    with env.client() as c:
        assert c.get_table(db, "v1").viewOriginalText == f"SELECT id FROM {db}.t1"

    env.sql(f"ALTER VIEW {db}.v1 AS SELECT id, name FROM {db}.t1")
    assert env.rows(f"SELECT * FROM {db}.v1") == [(1, "a"), (2, "b"), (3, "c")]
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.v1")
    assert info["View Text"] == f"SELECT id, name FROM {db}.t1"
    with env.client() as c:
        t = c.get_table(db, "v1")
    assert t.tableType == "VIRTUAL_VIEW"
    assert [f.name for f in t.sd.cols] == ["id", "name"]

    env.sql(f"ALTER VIEW {db}.v1 SET TBLPROPERTIES ('vk'='vv')")
    assert ("vk", "vv") in env.rows(f"SHOW TBLPROPERTIES {db}.v1")

    with pytest.raises(AnalysisException):
        env.sql(f"DROP VIEW {db}.t1")  # a table is not dropped by DROP VIEW
    assert env.spark.catalog.tableExists(f"{db}.t1")

    env.sql(f"DROP VIEW {db}.v1")
    assert not env.spark.catalog.tableExists(f"{db}.v1")
    with env.client() as c, pytest.raises(tt.NoSuchObjectException):
        c.get_table(db, "v1")
    env.sql(f"DROP VIEW IF EXISTS {db}.v1")
    assert env.rows(f"SELECT count(*) FROM {db}.t1") == [(3,)]  # the base table is untouched


def test_temporary_view_and_show_views(spark_env, db):
    env = spark_env
    env.sql(f"CREATE VIEW {db}.pv AS SELECT id FROM {db}.t1 WHERE id = 2")
    env.sql(f"CREATE TEMPORARY VIEW tv AS SELECT * FROM {db}.t1")
    assert env.rows("SELECT * FROM tv") == [(1, "a"), (2, "b"), (3, "c")]
    env.sql(f"USE {db}")
    views = env.rows("SHOW VIEWS")
    assert (db, "pv", False) in views
    assert ("", "tv", True) in views
    assert (db, "t1", False) not in views  # tables are not views
    assert env.rows(f"SHOW VIEWS IN {db} LIKE 'p*'") == [(db, "pv", False)]
    with env.client() as c:
        metastore_views = c.get_tables_by_type(db, "*", "VIRTUAL_VIEW")
        assert "pv" in metastore_views and "t1" not in metastore_views
        assert "tv" not in c.get_all_tables(db)  # temporary views never reach the metastore
    env.sql(f"DROP VIEW {db}.pv")
    assert (db, "pv", False) not in env.rows(f"SHOW VIEWS IN {db}")
    assert ("", "tv", True) in env.rows(f"SHOW VIEWS IN {db}")
