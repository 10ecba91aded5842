"""Databases through stock Spark: SHOW/CREATE/DESCRIBE/ALTER/USE/DROP DATABASE and the catalog API
(spark-hms-calls.md #1-#10, #95, #100, #105-#108, #119-#120)."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import data_files

pytestmark = pytest.mark.spark

D0, D1, D2 = "sp_dbs_d0", "sp_dbs_d1", "sp_dbs_d2"


@pytest.fixture(autouse=True, scope="module")
def _cleanup(spark_env):
    yield
    spark_env.spark.sql("USE default")
    for name in (D0, D1, D2):
        spark_env.spark.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")


def test_first_catalog_access_and_show_databases(spark_env):
    ext = spark_env.spark._jsparkSession.sharedState().externalCatalog()
    assert ext.databaseExists("default")
    assert ("default",) in spark_env.rows("SHOW DATABASES")
    default = spark_env.spark.catalog.getDatabase("default")
    assert default.locationUri.rstrip("/") == f"file:{spark_env.warehouse}"


def test_create_describe_alter_drop_database(spark_env, tmp_path):
    env = spark_env
    env.sql(f"CREATE DATABASE {D0}")
    assert env.db_path(D0).is_dir()
    env.sql(f"CREATE DATABASE IF NOT EXISTS {D0}")  # no error, no change
    with pytest.raises(AnalysisException, match="SCHEMA_ALREADY_EXISTS|already exists"):
        env.sql(f"CREATE DATABASE {D0}")

    custom = tmp_path / "d1_custom.db"
    env.sql(
        f"CREATE DATABASE {D1} COMMENT 'test db d1' LOCATION '{custom}' WITH DBPROPERTIES ('owner_team'='x')"
    )
    assert custom.is_dir()
    info = dict(env.rows(f"DESCRIBE DATABASE EXTENDED {D1}"))
    assert info["Namespace Name"] == D1
    assert info["Comment"] == "test db d1"
    assert info["Location"] == f"file:{custom}"
    assert "(owner_team,x)" in info["Properties"]

    env.sql(f"ALTER DATABASE {D1} SET DBPROPERTIES ('k1'='v1')")
    info = dict(env.rows(f"DESCRIBE DATABASE EXTENDED {D1}"))
    assert "(k1,v1)" in info["Properties"] and "(owner_team,x)" in info["Properties"]
    with env.client() as c:
        db = c.get_database(D1)
    assert db.description == "test db d1"
    assert db.locationUri == f"file:{custom}"
    assert db.parameters == {"owner_team": "x", "k1": "v1"}

    names = {r[0] for r in env.rows("SHOW DATABASES")}
    assert {D0, D1, "default"} <= names
    assert {r[0] for r in env.rows(f"SHOW DATABASES LIKE '{D1}'")} == {D1}

    env.sql(f"DROP DATABASE {D0}")
    assert D0 not in {r[0] for r in env.rows("SHOW DATABASES")}
    assert not env.db_path(D0).exists()
    with env.client() as c, pytest.raises(tt.NoSuchObjectException):
        c.get_database(D0)


def test_use_show_tables_and_catalog_api(spark_env, tmp_path):
    env, spark = spark_env, spark_env.spark
    env.sql(f"CREATE DATABASE IF NOT EXISTS {D1} LOCATION '{tmp_path / 'd1b.db'}'")
    env.sql(f"USE {D1}")
    assert spark.catalog.currentDatabase() == D1
    assert env.rows("SHOW TABLES") == []
    env.sql("CREATE TABLE t2 (id INT, name STRING) USING parquet")
    env.sql("INSERT INTO t2 VALUES (1, 'a'), (2, 'b')")

    dbs = {d.name: d for d in spark.catalog.listDatabases()}
    assert {"default", D1} <= set(dbs)
    assert dbs[D1].locationUri.startswith("file:")
    assert spark.catalog.databaseExists(D1)
    assert not spark.catalog.databaseExists("sp_dbs_nope")

    spark.catalog.setCurrentDatabase("default")
    assert spark.catalog.currentDatabase() == "default"
    assert env.rows(f"SELECT * FROM {D1}.t2 WHERE id = 1") == [(1, "a")]
    env.sql(f"USE {D1}")
    assert spark.catalog.currentDatabase() == D1
    assert env.rows("SELECT * FROM t2") == [(1, "a"), (2, "b")]
    with pytest.raises(AnalysisException):
        env.sql("USE sp_dbs_nope")


def test_drop_database_cascade_removes_tables_and_directories(spark_env):
    env = spark_env
    env.sql(f"CREATE DATABASE {D2}")
    env.sql(f"CREATE TABLE {D2}.a (id INT) USING parquet")
    env.sql(f"INSERT INTO {D2}.a VALUES (1)")
    env.sql(f"CREATE TABLE {D2}.p (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(f"INSERT INTO {D2}.p VALUES (1, 'x'), (2, 'y')")
    env.sql(f"CREATE TABLE {D2}.h (a INT) STORED AS PARQUET")
    env.sql(f"CREATE VIEW {D2}.v AS SELECT id FROM {D2}.a")
    env.sql(f"CREATE FUNCTION {D2}.f AS 'org.apache.hadoop.hive.ql.udf.generic.GenericUDFUpper'")
    assert data_files(env.db_path(D2) / "a")
    assert {r[1] for r in env.rows(f"SHOW TABLES IN {D2}")} == {"a", "p", "h", "v"}

    with pytest.raises(AnalysisException, match="SCHEMA_NOT_EMPTY|not empty"):
        env.sql(f"DROP DATABASE {D2}")
    assert env.spark.catalog.databaseExists(D2)

    env.sql(f"DROP DATABASE {D2} CASCADE")
    assert D2 not in {r[0] for r in env.rows("SHOW DATABASES")}
    assert not env.db_path(D2).exists()
    assert not env.spark.catalog.databaseExists(D2)
    with env.client() as c:
        with pytest.raises(tt.NoSuchObjectException):
            c.get_database(D2)
        with pytest.raises(tt.NoSuchObjectException):
            c.get_table(D2, "a")
        # nothing of the database survives: a re-created database starts empty
        env.sql(f"CREATE DATABASE {D2}")
        assert c.get_all_tables(D2) == []
        assert c.get_functions(D2, "*") == []
    env.sql(f"DROP DATABASE {D2}")
