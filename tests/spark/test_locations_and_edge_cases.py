"""Beyond the captured workload: where data lives after renames and SET LOCATION, external Hive tables
and partitions at custom locations, mixed-case and typed partition columns, NULL partition values,
complex column types, wide schemas, bucketing (all through stock Spark, checked on disk and over
Thrift)."""

from __future__ import annotations

import pytest

from tests.spark.support import data_files, drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_edge"
DB_CUSTOM = "sp_edge_custom"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def test_rename_partitioned_managed_table_relocates_partitions(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.rp (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(f"INSERT INTO {db}.rp VALUES (1, 'a'), (2, 'b')")
    env.sql(f"ALTER TABLE {db}.rp RENAME TO {db}.rp2")
    old, new = env.db_path(db) / "rp", env.db_path(db) / "rp2"
    assert not old.exists() and data_files(new / "dt=a") and data_files(new / "dt=b")
    with env.client() as c:
        locs = sorted(p.sd.location for p in c.get_partitions(db, "rp2", -1))
    assert locs == [f"file:{new}/dt=a", f"file:{new}/dt=b"]
    # Spark reads each partition from its own location
    assert env.rows(f"SELECT * FROM {db}.rp2") == [(1, "a"), (2, "b")]
    env.sql(f"INSERT INTO {db}.rp2 VALUES (3, 'c')")
    assert env.rows(f"SELECT id FROM {db}.rp2 WHERE dt = 'c'") == [(3,)]


def test_rename_hive_table_and_external_table(spark_env, db, tmp_path):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.hr (a INT) STORED AS PARQUET")
    env.sql(f"INSERT INTO {db}.hr VALUES (1)")
    env.sql(f"ALTER TABLE {db}.hr RENAME TO {db}.hr2")
    assert not (env.db_path(db) / "hr").exists() and data_files(env.db_path(db) / "hr2")
    assert env.rows(f"SELECT * FROM {db}.hr2") == [(1,)]
    with env.client() as c:
        assert c.get_table(db, "hr2").sd.location == f"file:{env.db_path(db) / 'hr2'}"

    ext = tmp_path / "ext_rename"
    env.sql(f"CREATE TABLE {db}.er (a INT) USING parquet LOCATION '{ext}'")
    env.sql(f"INSERT INTO {db}.er VALUES (5)")
    env.sql(f"ALTER TABLE {db}.er RENAME TO {db}.er2")
    assert data_files(ext)  # an external table's data stays where it is
    assert not (env.db_path(db) / "er2").exists()
    with env.client() as c:
        assert c.get_table(db, "er2").sd.location == f"file:{ext}"
    assert env.rows(f"SELECT * FROM {db}.er2") == [(5,)]


def test_database_with_custom_location_places_tables_there(spark_env, tmp_path):
    env = spark_env
    loc = tmp_path / "custom_db_root"
    env.sql(f"DROP DATABASE IF EXISTS {DB_CUSTOM} CASCADE")
    env.sql(f"CREATE DATABASE {DB_CUSTOM} LOCATION '{loc}'")
    try:
        env.sql(f"CREATE TABLE {DB_CUSTOM}.t (id INT) USING parquet")
        env.sql(f"CREATE TABLE {DB_CUSTOM}.h (id INT) STORED AS PARQUET")
        env.sql(f"INSERT INTO {DB_CUSTOM}.t VALUES (1)")
        assert data_files(loc / "t") and (loc / "h").is_dir()
        with env.client() as c:
            assert c.get_table(DB_CUSTOM, "t").sd.location == f"file:{loc}/t"
        env.sql(f"ALTER TABLE {DB_CUSTOM}.t RENAME TO {DB_CUSTOM}.t2")
        assert data_files(loc / "t2") and not (loc / "t").exists()
        assert env.rows(f"SELECT * FROM {DB_CUSTOM}.t2") == [(1,)]
        env.sql(f"DROP DATABASE {DB_CUSTOM} CASCADE")
        assert not loc.exists()
    finally:
        env.sql(f"DROP DATABASE IF EXISTS {DB_CUSTOM} CASCADE")


def test_set_location_for_table_and_partition(spark_env, db, tmp_path):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.sl (id INT) USING parquet")
    env.sql(f"INSERT INTO {db}.sl VALUES (1)")
    elsewhere = tmp_path / "sl_elsewhere"
    env.sql(f"CREATE TABLE {db}.sl_src (id INT) USING parquet LOCATION '{elsewhere}'")
    env.sql(f"INSERT INTO {db}.sl_src VALUES (7), (8)")
    env.sql(f"ALTER TABLE {db}.sl SET LOCATION '{elsewhere}'")
    assert env.rows(f"SELECT * FROM {db}.sl") == [(7,), (8,)]
    with env.client() as c:
        t = c.get_table(db, "sl")
    assert t.sd.location == f"file:{elsewhere}"
    assert t.sd.serdeInfo.parameters["path"] == f"file:{elsewhere}"

    env.sql(f"CREATE TABLE {db}.psl (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(f"INSERT INTO {db}.psl VALUES (1, 'a')")
    pdir = tmp_path / "psl_b"
    env.sql(f"CREATE TABLE {db}.psl_src (id INT) USING parquet LOCATION '{pdir}'")
    env.sql(f"INSERT INTO {db}.psl_src VALUES (42)")
    env.sql(f"ALTER TABLE {db}.psl ADD PARTITION (dt='b')")
    env.sql(f"ALTER TABLE {db}.psl PARTITION (dt='b') SET LOCATION '{pdir}'")
    with env.client() as c:
        assert c.get_partition(db, "psl", ["b"]).sd.location == f"file:{pdir}"
    assert env.rows(f"SELECT * FROM {db}.psl") == [(1, "a"), (42, "b")]


def test_external_hive_table_partitions_at_custom_locations(spark_env, db, tmp_path):
    env = spark_env
    root, outside = tmp_path / "ext_hive", tmp_path / "outside_part"
    env.sql(
        f"CREATE EXTERNAL TABLE {db}.eh (a INT) PARTITIONED BY (dt STRING) STORED AS PARQUET "
        f"LOCATION '{root}'"
    )
    env.sql(f"INSERT INTO {db}.eh PARTITION (dt='x') VALUES (1)")
    env.sql(f"ALTER TABLE {db}.eh ADD PARTITION (dt='y') LOCATION '{outside}'")
    env.sql(f"INSERT INTO {db}.eh PARTITION (dt='y') VALUES (2)")
    assert data_files(outside)
    _, info = env.describe(f"DESCRIBE FORMATTED {db}.eh")
    assert info["Type"] == "EXTERNAL"
    assert env.rows(f"SELECT * FROM {db}.eh") == [(1, "x"), (2, "y")]
    with env.client() as c:
        assert c.get_partition(db, "eh", ["y"]).sd.location == f"file:{outside}"
        assert c.get_table(db, "eh").tableType == "EXTERNAL_TABLE"

    env.sql(f"ALTER TABLE {db}.eh DROP PARTITION (dt='y')")
    assert data_files(outside)  # an external table's partition data is kept
    env.sql(f"DROP TABLE {db}.eh")
    assert data_files(root / "dt=x")


def test_mixed_case_names_and_null_partition_values(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.MixedCase (Id INT, Name STRING, Dt STRING) USING parquet PARTITIONED BY (Dt)")
    env.sql(f"INSERT INTO {db}.mixedcase VALUES (1, 'a', 'X'), (2, 'b', NULL)")
    cols = [(c.name, c.isPartition) for c in env.spark.catalog.listColumns(f"{db}.mixedcase")]
    assert cols == [("Id", False), ("Name", False), ("Dt", True)]  # case kept via Spark's schema
    assert sorted(r[0] for r in env.sql(f"SHOW PARTITIONS {db}.MIXEDCASE")) == [
        "Dt=X",
        "Dt=__HIVE_DEFAULT_PARTITION__",
    ]
    rows = env.spark.sql(f"SELECT Id, Name, Dt FROM {db}.mixedcase").collect()
    assert sorted((r.Id, r.Name, r.Dt) for r in rows) == [(1, "a", "X"), (2, "b", None)]
    assert env.rows(f"SELECT Id FROM {db}.mixedcase WHERE Dt = 'X'") == [(1,)]
    assert env.rows(f"SELECT Id FROM {db}.mixedcase WHERE Dt IS NULL") == [(2,)]
    with env.client() as c:
        t = c.get_table(db, "mixedcase")
        assert t.tableName == "mixedcase"
        assert [k.name for k in t.partitionKeys] == ["dt"]
        assert sorted(c.get_partition_names(db, "mixedcase", -1)) == ["dt=X", "dt=__HIVE_DEFAULT_PARTITION__"]

    env.sql(f"ALTER TABLE {db}.mixedcase PARTITION (Dt='X') RENAME TO PARTITION (Dt='Y')")
    assert env.rows(f"SELECT Id, Dt FROM {db}.mixedcase WHERE Dt = 'Y'") == [(1, "Y")]
    assert not (env.db_path(db) / "mixedcase" / "Dt=X").exists()


def test_typed_partition_columns_and_filters(spark_env, db):
    env = spark_env
    t = f"{db}.typed"
    env.sql(f"CREATE TABLE {t} (v STRING, d DATE, n BIGINT) USING parquet PARTITIONED BY (d, n)")
    env.sql(
        f"INSERT INTO {t} VALUES ('a', DATE'2024-01-01', 1), ('b', DATE'2024-01-02', 10), "
        f"('c', DATE'2024-02-01', 100), ('d', DATE'2024-02-01', 5)"
    )
    assert env.rows(f"SELECT v FROM {t} WHERE d = DATE'2024-02-01'") == [("c",), ("d",)]
    assert env.rows(f"SELECT v FROM {t} WHERE d < DATE'2024-02-01' AND n >= 5") == [("b",)]
    assert env.rows(f"SELECT v FROM {t} WHERE n IN (1, 100)") == [("a",), ("c",)]
    assert env.rows(f"SELECT v FROM {t} WHERE n > 9") == [("b",), ("c",)]  # numeric, not string, order
    assert env.rows(f"SELECT v FROM {t} WHERE n <> 5 AND d > DATE'2024-01-01'") == [("b",), ("c",)]
    with env.client() as c:
        assert sorted(p.values for p in c.get_partitions_by_filter(db, "typed", "n > 9", -1)) == [
            ["2024-01-02", "10"],
            ["2024-02-01", "100"],
        ]


def test_string_partition_like_and_in_filters(spark_env, db):
    env = spark_env
    t = f"{db}.sf"
    env.sql(f"CREATE TABLE {t} (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(
        f"INSERT INTO {t} VALUES (1, '2024-01-01'), (2, '2024-01-31'), (3, '2024-02-01'), (4, '2023-12-31')"
    )
    assert env.rows(f"SELECT id FROM {t} WHERE dt LIKE '2024-01%'") == [(1,), (2,)]
    assert env.rows(f"SELECT id FROM {t} WHERE dt IN ('2024-01-01', '2023-12-31')") == [(1,), (4,)]
    assert env.rows(f"SELECT id FROM {t} WHERE dt BETWEEN '2024-01-15' AND '2024-02-01'") == [(2,), (3,)]
    assert env.rows(f"SELECT id FROM {t} WHERE dt != '2024-01-01'") == [(2,), (3,), (4,)]


def test_complex_types_wide_schema_and_bucketing(spark_env, db):
    env = spark_env
    env.sql(
        f"CREATE TABLE {db}.cx (a DECIMAL(10,2), s STRUCT<x: INT, y: STRING>, m MAP<STRING, INT>, "
        f"arr ARRAY<BIGINT>, ts TIMESTAMP) USING parquet"
    )
    env.sql(
        f"INSERT INTO {db}.cx SELECT 1.25, named_struct('x', 1, 'y', 'q'), map('k', 2), array(3, 4), "
        f"TIMESTAMP'2024-01-01 00:00:00'"
    )
    row = env.spark.sql(f"SELECT a, s.y, m['k'], arr[1] FROM {db}.cx").collect()[0]
    assert (str(row[0]), row[1], row[2], row[3]) == ("1.25", "q", 2, 4)
    with env.client() as c:
        types = [(f.name, f.type) for f in c.get_table(db, "cx").sd.cols]
    assert types == [
        ("a", "decimal(10,2)"),
        ("s", "struct<x:int,y:string>"),
        ("m", "map<string,int>"),
        ("arr", "array<bigint>"),
        ("ts", "timestamp"),
    ]

    # a schema long enough for Spark to split it over several table parameters
    ncols = 200
    cols = ", ".join(f"column_with_a_rather_long_name_{i:03d} STRING" for i in range(ncols))
    env.sql(f"CREATE TABLE {db}.wide ({cols}) USING parquet")
    with env.client() as c:
        params = c.get_table(db, "wide").parameters
    assert int(params["spark.sql.sources.schema.numParts"]) > 1
    listed = env.spark.catalog.listColumns(f"{db}.wide")
    assert [c.name for c in listed] == [f"column_with_a_rather_long_name_{i:03d}" for i in range(ncols)]

    env.sql(
        f"CREATE TABLE {db}.bk (id INT, v STRING) USING parquet CLUSTERED BY (id) SORTED BY (id) INTO 4 BUCKETS"
    )
    env.sql(f"INSERT INTO {db}.bk VALUES (1, 'a'), (2, 'b')")
    _, info = env.describe(f"DESCRIBE EXTENDED {db}.bk")
    assert (info["Num Buckets"], info["Bucket Columns"], info["Sort Columns"]) == ("4", "[`id`]", "[`id`]")
    assert env.rows(f"SELECT * FROM {db}.bk") == [(1, "a"), (2, "b")]

    env.sql(
        f"CREATE TABLE {db}.hbk (a INT, b STRING) CLUSTERED BY (a) SORTED BY (a ASC) INTO 2 BUCKETS "
        f"STORED AS ORC"
    )
    with env.client() as c:
        sd = c.get_table(db, "hbk").sd
    assert (sd.numBuckets, sd.bucketCols, [(o.col, o.order) for o in sd.sortCols]) == (2, ["a"], [("a", 1)])
    _, info = env.describe(f"DESCRIBE FORMATTED {db}.hbk")
    assert (info["Num Buckets"], info["Bucket Columns"]) == ("2", "[`a`]")


def test_partitioned_ctas_and_show_table_extended_partition(spark_env, db):
    env = spark_env
    env.sql(
        f"CREATE TABLE {db}.pctas USING parquet PARTITIONED BY (dt) AS "
        f"SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, dt)"
    )
    assert sorted(r[0] for r in env.sql(f"SHOW PARTITIONS {db}.pctas")) == ["dt=a", "dt=b"]
    assert env.rows(f"SELECT * FROM {db}.pctas WHERE dt = 'b'") == [(2, "b")]
    rows = env.spark.sql(f"SHOW TABLE EXTENDED IN {db} LIKE 'pctas' PARTITION (dt='a')").collect()
    assert len(rows) == 1
    assert f"Location: file:{env.db_path(db) / 'pctas'}/dt=a" in rows[0].information
    assert "Partition Values: [dt=a]" in rows[0].information
