"""Data-source (USING parquet) tables through stock Spark: create/insert/overwrite, CTAS, external
tables, CREATE TABLE LIKE, ALTER TABLE, ANALYZE, DESCRIBE, SHOW ..., TRUNCATE, DROP
(spark-hms-calls.md #11-#15, #50-#52, #60-#64, #66-#67, #70-#71, #73-#76, #78-#79, #107, #109, #113-#114)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.errors import AnalysisException

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import data_files, drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_ds"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def test_create_insert_select_overwrite(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.t1 (id INT, name STRING) USING parquet")
    t1_dir = env.db_path(db) / "t1"
    assert t1_dir.is_dir()  # the service created the managed table's directory
    with env.client() as c:
        t = c.get_table(db, "t1")
    # Spark sends sd.location=None for a data-source table; the service fills it in
    assert t.sd.location == f"file:{t1_dir}"
    assert t.sd.serdeInfo.parameters["path"] == f"file:{t1_dir}"
    assert t.tableType == "MANAGED_TABLE"
    assert t.parameters["spark.sql.sources.provider"] == "parquet"
    assert [(c.name, c.type) for c in t.sd.cols] == [("id", "int"), ("name", "string")]

    env.sql(f"INSERT INTO {db}.t1 VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    assert data_files(t1_dir)
    assert env.rows(f"SELECT * FROM {db}.t1") == [(1, "a"), (2, "b"), (3, "c")]
    env.sql(f"INSERT OVERWRITE TABLE {db}.t1 VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
    assert env.rows(f"SELECT * FROM {db}.t1") == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    assert env.rows(f"SELECT count(*) FROM {db}.t1") == [(4,)]

    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_ALREADY_EXISTS|already exists"):
        env.sql(f"CREATE TABLE {db}.t1 (id INT) USING parquet")
    env.sql(f"CREATE TABLE IF NOT EXISTS {db}.t1 (id INT) USING parquet")
    assert env.rows(f"SELECT count(*) FROM {db}.t1") == [(4,)]


def test_ctas_external_and_like(spark_env, db, tmp_path):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.src (id INT, name STRING) USING parquet")
    env.sql(f"INSERT INTO {db}.src VALUES (1, 'a'), (2, 'b')")

    env.sql(f"CREATE TABLE {db}.c1 USING parquet AS SELECT * FROM {db}.src")
    assert env.rows(f"SELECT * FROM {db}.c1") == [(1, "a"), (2, "b")]
    assert data_files(env.db_path(db) / "c1")
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.c1")
    assert (info["Type"], info["Provider"]) == ("MANAGED", "parquet")
    assert info["Location"] == f"file:{env.db_path(db) / 'c1'}"

    ext = tmp_path / "e1_data"
    env.sql(f"CREATE TABLE {db}.e1 (a INT) USING parquet LOCATION '{ext}'")
    env.sql(f"INSERT INTO {db}.e1 VALUES (7), (8)")
    assert env.rows(f"SELECT * FROM {db}.e1") == [(7,), (8,)]
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.e1")
    assert (info["Type"], info["Provider"]) == ("EXTERNAL", "parquet")
    assert info["Location"] == f"file:{ext}"
    with env.client() as c:
        t = c.get_table(db, "e1")
    assert t.tableType == "EXTERNAL_TABLE"
    assert t.parameters.get("EXTERNAL") == "TRUE"
    assert t.sd.location == f"file:{ext}"
    files = data_files(ext)
    assert files

    env.sql(f"DROP TABLE {db}.e1")
    assert not env.spark.catalog.tableExists(f"{db}.e1")
    assert data_files(ext) == files  # an external table's data survives DROP TABLE
    env.sql(f"CREATE TABLE {db}.e1_again (a INT) USING parquet LOCATION '{ext}'")
    assert env.rows(f"SELECT * FROM {db}.e1_again") == [(7,), (8,)]

    env.sql(f"CREATE TABLE {db}.src_like LIKE {db}.src")
    assert env.rows(f"SELECT * FROM {db}.src_like") == []
    cols, info = env.describe(f"DESCRIBE EXTENDED {db}.src_like")
    assert [c[:2] for c in cols] == [("id", "int"), ("name", "string")]
    assert (info["Type"], info["Provider"]) == ("MANAGED", "parquet")
    assert info["Location"] == f"file:{env.db_path(db) / 'src_like'}"
    assert (env.db_path(db) / "src_like").is_dir()


def test_alter_table_columns_rename_and_properties(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.ta1 (id INT, name STRING) USING parquet")
    env.sql(f"INSERT INTO {db}.ta1 VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    env.sql(f"ALTER TABLE {db}.ta1 ADD COLUMNS (extra STRING)")
    env.sql(f"ALTER TABLE {db}.ta1 ALTER COLUMN name COMMENT 'the name'")
    cols, _ = env.describe(f"DESCRIBE EXTENDED {db}.ta1")
    assert cols == [("id", "int", None), ("name", "string", "the name"), ("extra", "string", None)]
    assert env.rows(f"SELECT * FROM {db}.ta1 WHERE id = 1") == [(1, "a", None)]

    old_dir, new_dir = env.db_path(db) / "ta1", env.db_path(db) / "ta2"
    files = {p.name for p in data_files(old_dir)}
    env.sql(f"ALTER TABLE {db}.ta1 RENAME TO {db}.ta2")
    assert not old_dir.exists()  # the managed table's directory moved with the rename
    assert {p.name for p in data_files(new_dir)} == files
    assert not env.spark.catalog.tableExists(f"{db}.ta1")
    assert env.rows(f"SELECT id, name FROM {db}.ta2") == [(1, "a"), (2, "b"), (3, "c")]
    with env.client() as c:
        t = c.get_table(db, "ta2")
        with pytest.raises(tt.NoSuchObjectException):
            c.get_table(db, "ta1")
    assert t.sd.location == f"file:{new_dir}"
    assert t.sd.serdeInfo.parameters["path"] == f"file:{new_dir}"
    assert [(c.name, c.comment) for c in t.sd.cols] == [("id", None), ("name", "the name"), ("extra", None)]
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.ta2")
    assert info["Location"] == f"file:{new_dir}"

    env.sql(f"ALTER TABLE {db}.ta2 SET TBLPROPERTIES ('k'='v', 'k2'='v2')")
    props = dict(env.rows(f"SHOW TBLPROPERTIES {db}.ta2"))
    assert (props["k"], props["k2"]) == ("v", "v2")
    env.sql(f"ALTER TABLE {db}.ta2 UNSET TBLPROPERTIES ('k2')")
    props = dict(env.rows(f"SHOW TBLPROPERTIES {db}.ta2"))
    assert props["k"] == "v" and "k2" not in props
    assert env.rows(f"SHOW TBLPROPERTIES {db}.ta2 ('k')") == [("k", "v")]
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.ta2")
    assert "k=v" in info["Table Properties"] and "k2" not in info["Table Properties"]
    with env.client() as c:
        params = c.get_table(db, "ta2").parameters
    assert params["k"] == "v" and "k2" not in params
    assert params["spark.sql.sources.provider"] == "parquet"


def test_analyze_and_describe(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.st (id INT, name STRING) USING parquet")
    env.sql(f"INSERT INTO {db}.st VALUES (1, 'a'), (2, 'bb'), (3, NULL)")
    env.sql(f"ANALYZE TABLE {db}.st COMPUTE STATISTICS")
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.st")
    assert info["Statistics"].endswith("3 rows")
    with env.client() as c:
        params = c.get_table(db, "st").parameters
    assert params["spark.sql.statistics.numRows"] == "3"
    assert int(params["spark.sql.statistics.totalSize"]) > 0

    env.sql(f"ANALYZE TABLE {db}.st COMPUTE STATISTICS FOR COLUMNS id, name")
    col = dict(env.rows(f"DESCRIBE TABLE EXTENDED {db}.st id"))
    assert (col["col_name"], col["data_type"], col["min"], col["max"], col["num_nulls"]) == (
        "id",
        "int",
        "1",
        "3",
        "0",
    )
    col = dict(env.rows(f"DESCRIBE TABLE EXTENDED {db}.st name"))
    assert (col["num_nulls"], col["max_col_len"]) == ("1", "2")
    with env.client() as c:
        params = c.get_table(db, "st").parameters
    assert params["spark.sql.statistics.colStats.id.min"] == "1"
    assert params["spark.sql.statistics.colStats.id.max"] == "3"

    _, info = env.describe(f"DESCRIBE FORMATTED {db}.st")
    assert info["Table"] == "st" and info["Database"] == db
    assert info["Type"] == "MANAGED" and info["Provider"] == "parquet"
    assert info["Location"] == f"file:{env.db_path(db) / 'st'}"
    assert info["Serde Library"] == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"


def test_show_tables_extended_create_columns(spark_env, db):
    env = spark_env
    env.sql(
        f"CREATE TABLE {db}.tshow (id INT COMMENT 'the id', name STRING) USING parquet "
        f"COMMENT 'a table' TBLPROPERTIES ('k'='v')"
    )
    env.sql(f"CREATE TABLE {db}.other (x INT) USING parquet")
    env.sql(f"USE {db}")
    tables = env.rows("SHOW TABLES")
    assert (db, "tshow", False) in tables and (db, "other", False) in tables
    assert env.rows(f"SHOW TABLES IN {db} LIKE 'ts*'") == [(db, "tshow", False)]
    assert env.rows(f"SHOW TABLES IN {db} LIKE 'nomatch*'") == []

    ext = env.spark.sql("SHOW TABLE EXTENDED LIKE 'tshow'").collect()
    assert [(r.namespace, r.tableName, r.isTemporary) for r in ext] == [(db, "tshow", False)]
    text = ext[0].information
    assert f"Location: file:{env.db_path(db) / 'tshow'}" in text
    assert "Provider: parquet" in text and "Type: MANAGED" in text

    ddl = env.rows(f"SHOW CREATE TABLE {db}.tshow")[0][0]
    assert f"CREATE TABLE spark_catalog.{db}.tshow" in ddl
    assert "USING parquet" in ddl and "COMMENT 'a table'" in ddl
    assert "id INT COMMENT 'the id'" in ddl
    assert "'k' = 'v'" in ddl

    assert env.rows(f"SHOW COLUMNS IN {db}.tshow") == [("id",), ("name",)]
    assert env.rows(f"SHOW COLUMNS IN tshow IN {db}") == [("id",), ("name",)]


def test_catalog_api_on_tables(spark_env, db, tmp_path):
    env, spark = spark_env, spark_env.spark
    env.sql(f"CREATE TABLE {db}.cat_t (id INT COMMENT 'the id', name STRING) USING parquet")
    env.sql(f"INSERT INTO {db}.cat_t VALUES (1, 'a')")
    env.sql(f"CREATE TABLE {db}.cat_p (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")

    listed = {t.name: t for t in spark.catalog.listTables(db)}
    assert {"cat_t", "cat_p"} <= set(listed)
    assert listed["cat_t"].tableType == "MANAGED" and not listed["cat_t"].isTemporary

    cols = spark.catalog.listColumns(f"{db}.cat_t")
    assert [(c.name, c.dataType, c.description, c.isPartition) for c in cols] == [
        ("id", "int", "the id", False),
        ("name", "string", None, False),
    ]
    cols = spark.catalog.listColumns(f"{db}.cat_p")
    assert [(c.name, c.isPartition) for c in cols] == [("id", False), ("dt", True)]

    assert spark.catalog.tableExists(f"{db}.cat_t")
    assert not spark.catalog.tableExists(f"{db}.nope")

    t = spark.catalog.getTable(f"{db}.cat_p")
    assert (t.name, t.namespace, t.tableType, t.isTemporary) == ("cat_p", [db], "MANAGED", False)

    # a file written behind Spark's back is seen after refreshTable
    assert env.rows(f"SELECT * FROM {db}.cat_t") == [(1, "a")]
    pq.write_table(
        pa.table({"id": pa.array([2], pa.int32()), "name": ["b"]}),
        env.db_path(db) / "cat_t" / "part-extra.parquet",
    )
    spark.catalog.refreshTable(f"{db}.cat_t")
    assert env.rows(f"SELECT * FROM {db}.cat_t") == [(1, "a"), (2, "b")]


def test_truncate_and_drop(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.tr (id INT) USING parquet")
    env.sql(f"INSERT INTO {db}.tr VALUES (1), (2)")
    tr_dir = env.db_path(db) / "tr"
    env.sql(f"TRUNCATE TABLE {db}.tr")
    assert env.rows(f"SELECT * FROM {db}.tr") == []
    assert tr_dir.is_dir() and data_files(tr_dir) == []
    env.sql(f"INSERT INTO {db}.tr VALUES (3)")
    assert env.rows(f"SELECT * FROM {db}.tr") == [(3,)]

    env.sql(f"DROP TABLE IF EXISTS {db}.nope")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        env.sql(f"DROP TABLE {db}.nope")

    env.sql(f"DROP TABLE {db}.tr")
    assert not tr_dir.exists()  # a managed table's data is deleted with it
    assert not env.spark.catalog.tableExists(f"{db}.tr")
    with env.client() as c, pytest.raises(tt.NoSuchObjectException):
        c.get_table(db, "tr")
    # the name is free again, and the new table starts empty
    env.sql(f"CREATE TABLE {db}.tr (id INT) USING parquet")
    assert env.rows(f"SELECT * FROM {db}.tr") == []
