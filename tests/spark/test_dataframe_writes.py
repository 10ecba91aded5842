"""DataFrame writes through stock Spark: saveAsTable (create, append, overwrite, partitionBy),
insertInto, spark.table, and INSERT OVERWRITE ... PARTITION (dt) in static mode
(spark-hms-calls.md #88-#94)."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException

from tests.spark.support import data_files, drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_df"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def test_save_as_table_append_overwrite_insert_into(spark_env, db):
    env, spark = spark_env, spark_env.spark
    name = f"{db}.df_t"
    tdir = env.db_path(db) / "df_t"
    spark.createDataFrame([(1,), (2,)], "id INT").write.saveAsTable(name)
    assert env.rows(f"SELECT * FROM {name}") == [(1,), (2,)]
    assert data_files(tdir)
    with env.client() as c:
        t = c.get_table(db, "df_t")
    assert t.sd.location == f"file:{tdir}"
    assert t.parameters["spark.sql.sources.provider"] == "parquet"  # spark.sql.sources.default

    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_ALREADY_EXISTS|already exists"):
        spark.createDataFrame([(9,)], "id INT").write.saveAsTable(name)

    spark.createDataFrame([(3,)], "id INT").write.mode("append").saveAsTable(name)
    assert env.rows(f"SELECT * FROM {name}") == [(1,), (2,), (3,)]

    spark.createDataFrame([(10,), (20,)], "id INT").write.mode("overwrite").saveAsTable(name)
    assert env.rows(f"SELECT * FROM {name}") == [(10,), (20,)]
    assert tdir.is_dir()

    spark.createDataFrame([(30,)], "id INT").write.insertInto(name)
    assert env.rows(f"SELECT * FROM {name}") == [(10,), (20,), (30,)]
    spark.createDataFrame([(40,)], "id INT").write.insertInto(name, overwrite=True)
    assert env.rows(f"SELECT * FROM {name}") == [(40,)]
    spark.createDataFrame([(50,)], "id INT").write.mode("ignore").saveAsTable(name)
    assert spark.table(name).count() == 1


def test_save_as_table_partitioned_and_static_overwrite(spark_env, db):
    env, spark = spark_env, spark_env.spark
    name = f"{db}.df_p"
    tdir = env.db_path(db) / "df_p"
    df = spark.createDataFrame([(1, "a"), (2, "b"), (3, "b")], "id INT, dt STRING")
    df.write.partitionBy("dt").saveAsTable(name)
    assert spark.table(name).count() == 3
    assert sorted(r[0] for r in env.sql(f"SHOW PARTITIONS {name}")) == ["dt=a", "dt=b"]
    assert (tdir / "dt=a").is_dir() and (tdir / "dt=b").is_dir()
    with env.client() as c:
        t = c.get_table(db, "df_p")
        parts = sorted(p.values[0] for p in c.get_partitions(db, "df_p", -1))
    assert [k.name for k in t.partitionKeys] == ["dt"]
    assert t.parameters["spark.sql.partitionProvider"] == "catalog"
    assert parts == ["a", "b"]
    assert {c.name: c.isPartition for c in spark.catalog.listColumns(name)} == {"id": False, "dt": True}

    spark.createDataFrame([(4, "c")], "id INT, dt STRING").write.insertInto(name)
    assert env.rows(f"SELECT * FROM {name}") == [(1, "a"), (2, "b"), (3, "b"), (4, "c")]

    # static overwrite mode with a dynamic partition spec: every other partition is dropped
    env.sql(f"INSERT OVERWRITE TABLE {name} PARTITION (dt) SELECT 9, '9'")
    assert env.rows(f"SHOW PARTITIONS {name}") == [("dt=9",)]
    assert env.rows(f"SELECT * FROM {name}") == [(9, "9")]
    for gone in ("a", "b", "c"):
        assert not (tdir / f"dt={gone}").exists()
    with env.client() as c:
        assert c.get_partition_names(db, "df_p", -1) == ["dt=9"]
