"""Hive serde tables (STORED AS ...) through stock Spark: parquet and delimited text, partitioned with
static/dynamic inserts, Hive CTAS, SET SERDEPROPERTIES, ANALYZE, SHOW CREATE TABLE, TRUNCATE, DROP
[PURGE] (spark-hms-calls.md #38-#49, #65, #69, #77, #111-#112, #117)."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import data_files, drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_hive"
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
LAZY_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def test_parquet_serde_table_insert_select_truncate(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.h1 (a INT) STORED AS PARQUET")
    hdir = env.db_path(db) / "h1"
    assert hdir.is_dir()
    env.sql(f"INSERT INTO {db}.h1 VALUES (1), (2)")
    assert env.rows(f"SELECT * FROM {db}.h1") == [(1,), (2,)]
    _, info = env.describe(f"DESCRIBE FORMATTED {db}.h1")
    assert (info["Type"], info["Provider"]) == ("MANAGED", "hive")
    assert info["Serde Library"] == PARQUET_SERDE
    assert info["InputFormat"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    assert info["Location"] == f"file:{hdir}"
    with env.client() as c:
        t = c.get_table(db, "h1")
    assert t.sd.location == f"file:{hdir}"
    assert t.sd.serdeInfo.serializationLib == PARQUET_SERDE
    assert t.parameters.get("spark.sql.sources.provider") in (None, "hive")

    env.sql(f"TRUNCATE TABLE {db}.h1")
    assert env.rows(f"SELECT * FROM {db}.h1") == []
    assert hdir.is_dir() and data_files(hdir) == []
    env.sql(f"INSERT INTO {db}.h1 VALUES (3)")
    assert env.rows(f"SELECT * FROM {db}.h1") == [(3,)]


def test_delimited_text_table_serde_properties_show_create_and_drop(spark_env, db):
    env = spark_env
    env.sql(
        f"CREATE TABLE {db}.h2 (a INT, b STRING) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
        f"STORED AS TEXTFILE"
    )
    hdir = env.db_path(db) / "h2"
    env.sql(f"INSERT INTO {db}.h2 VALUES (1, 'x')")
    assert env.rows(f"SELECT * FROM {db}.h2") == [(1, "x")]
    assert [f.read_text() for f in data_files(hdir)] == ["1,x\n"]
    with env.client() as c:
        t = c.get_table(db, "h2")
    assert t.sd.serdeInfo.serializationLib == LAZY_SERDE
    assert t.sd.serdeInfo.parameters["field.delim"] == ","
    assert t.sd.inputFormat == "org.apache.hadoop.mapred.TextInputFormat"

    env.sql(f"ALTER TABLE {db}.h2 SET SERDEPROPERTIES ('field.delim'=',', 'my.prop'='yes')")
    with env.client() as c:
        t = c.get_table(db, "h2")
    assert t.sd.serdeInfo.parameters["field.delim"] == ","
    assert t.sd.serdeInfo.parameters["my.prop"] == "yes"
    _, info = env.describe(f"DESCRIBE FORMATTED {db}.h2")
    assert "my.prop=yes" in info["Storage Properties"]
    assert env.rows(f"SELECT * FROM {db}.h2") == [(1, "x")]

    ddl = env.rows(f"SHOW CREATE TABLE {db}.h2")[0][0]
    assert f"CREATE TABLE {db}.h2 (" in ddl
    assert "a INT" in ddl and "b STRING" in ddl
    assert "USING text" in ddl  # Spark renders a plain delimited text table as a data-source one
    serde_ddl = env.rows(f"SHOW CREATE TABLE {db}.h2 AS SERDE")[0][0]
    assert "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'" in serde_ddl
    assert "'field.delim' = ','" in serde_ddl

    env.sql(f"DROP TABLE {db}.h2")
    assert not hdir.exists()
    with env.client() as c, pytest.raises(tt.NoSuchObjectException):
        c.get_table(db, "h2")


def test_partitioned_hive_table_inserts_filter_analyze_and_purge(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.hp (a INT) PARTITIONED BY (dt STRING) STORED AS PARQUET")
    hdir = env.db_path(db) / "hp"
    env.sql(f"INSERT INTO {db}.hp PARTITION (dt='2024-01-01') VALUES (1)")
    env.sql(f"INSERT INTO {db}.hp PARTITION (dt) VALUES (2, '2024-01-02'), (3, '2024-01-03')")
    assert sorted(r[0] for r in env.sql(f"SHOW PARTITIONS {db}.hp")) == [
        "dt=2024-01-01",
        "dt=2024-01-02",
        "dt=2024-01-03",
    ]
    assert (hdir / "dt=2024-01-02").is_dir()
    env.sql(f"INSERT OVERWRITE TABLE {db}.hp PARTITION (dt='2024-01-01') VALUES (10)")
    assert env.rows(f"SELECT * FROM {db}.hp") == [(2, "2024-01-02"), (3, "2024-01-03"), (10, "2024-01-01")]
    assert env.rows(f"SELECT * FROM {db}.hp WHERE dt = '2024-01-02'") == [(2, "2024-01-02")]
    assert env.rows(f"SELECT a FROM {db}.hp WHERE dt < '2024-01-03'") == [(2,), (10,)]
    with env.client() as c:
        t = c.get_table(db, "hp")
        part = c.get_partition(db, "hp", ["2024-01-02"])
    assert [(k.name, k.type) for k in t.partitionKeys] == [("dt", "string")]
    assert part.sd.location == f"file:{hdir}/dt=2024-01-02"
    assert part.sd.serdeInfo.serializationLib == PARQUET_SERDE

    env.sql(f"ANALYZE TABLE {db}.hp COMPUTE STATISTICS")
    with env.client() as c:
        params = c.get_table(db, "hp").parameters
    assert params["spark.sql.statistics.numRows"] == "3"
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.hp")
    assert info["Statistics"].endswith("3 rows")

    env.sql(f"DROP TABLE {db}.hp PURGE")
    assert not hdir.exists()
    assert not env.spark.catalog.tableExists(f"{db}.hp")


def test_hive_ctas(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.src (id INT, name STRING) USING parquet")
    env.sql(f"INSERT INTO {db}.src VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    env.sql(f"CREATE TABLE {db}.hc STORED AS PARQUET AS SELECT * FROM {db}.src")
    assert env.rows(f"SELECT * FROM {db}.hc") == [(1, "a"), (2, "b"), (3, "c")]
    hdir = env.db_path(db) / "hc"
    assert data_files(hdir)
    cols, info = env.describe(f"DESCRIBE FORMATTED {db}.hc")
    assert [c[:2] for c in cols] == [("id", "int"), ("name", "string")]
    assert (info["Type"], info["Provider"]) == ("MANAGED", "hive")
    assert info["Serde Library"] == PARQUET_SERDE
    assert info["Location"] == f"file:{hdir}"
