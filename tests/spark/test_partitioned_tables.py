"""Partitioned data-source tables through stock Spark: static and dynamic inserts, INSERT OVERWRITE in
static and dynamic modes, SHOW PARTITIONS, pushed-down and not-pushed filters, ADD/DROP/RENAME
PARTITION, MSCK REPAIR / RECOVER PARTITIONS, partition stats and DESCRIBE, TRUNCATE PARTITION, DROP
(spark-hms-calls.md #16-#37, #68, #72, #101, #104, #110, #115)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.errors import AnalysisException

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import data_files, drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_part"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def _partitioned(env, db: str, name: str) -> str:
    """p(id INT, v STRING, dt STRING) partitioned by dt, with 2024-01-01..03 holding one row each."""
    env.sql(f"CREATE TABLE {db}.{name} (id INT, v STRING, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(f"INSERT INTO {db}.{name} PARTITION (dt='2024-01-01') VALUES (1, 'a')")
    env.sql(f"INSERT INTO {db}.{name} VALUES (2, 'b', '2024-01-02'), (3, 'c', '2024-01-03')")
    return f"{db}.{name}"


def _write_parquet(path, rows: list[tuple[int, str]]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    ids, vs = zip(*rows, strict=True)
    pq.write_table(
        pa.table({"id": pa.array(ids, pa.int32()), "v": pa.array(vs, pa.string())}),
        path / "part-00000-direct.parquet",
    )


def _partitions(env, table: str) -> list[str]:
    return sorted(r[0] for r in env.spark.sql(f"SHOW PARTITIONS {table}").collect())


def test_inserts_overwrites_show_partitions_and_filters(spark_env, db):
    env = spark_env
    p1 = _partitioned(env, db, "p1")
    tdir = env.db_path(db) / "p1"
    assert _partitions(env, p1) == ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"]
    assert env.rows(f"SELECT * FROM {p1}") == [
        (1, "a", "2024-01-01"),
        (2, "b", "2024-01-02"),
        (3, "c", "2024-01-03"),
    ]
    with env.client() as c:
        parts = {tuple(p.values): p for p in c.get_partitions(db, "p1", -1)}
        t = c.get_table(db, "p1")
    assert set(parts) == {("2024-01-01",), ("2024-01-02",), ("2024-01-03",)}
    assert parts[("2024-01-02",)].sd.location == f"file:{tdir}/dt=2024-01-02"
    assert [(k.name, k.type) for k in t.partitionKeys] == [("dt", "string")]
    assert [c.name for c in t.sd.cols] == ["id", "v"]
    assert t.parameters.get("spark.sql.partitionProvider") == "catalog"

    # static overwrite of one partition leaves the others alone
    env.sql(f"INSERT OVERWRITE TABLE {p1} PARTITION (dt='2024-01-01') VALUES (11, 'aa')")
    assert env.rows(f"SELECT * FROM {p1} WHERE dt = '2024-01-01'") == [(11, "aa", "2024-01-01")]
    assert env.rows(f"SELECT count(*) FROM {p1}") == [(3,)]

    # dynamic overwrite mode: only the partitions written to are replaced
    env.spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    env.sql(f"INSERT OVERWRITE TABLE {p1} PARTITION (dt) VALUES (4, 'd', '2024-01-04')")
    env.sql(f"INSERT OVERWRITE TABLE {p1} PARTITION (dt) VALUES (22, 'bb', '2024-01-02')")
    env.spark.conf.set("spark.sql.sources.partitionOverwriteMode", "static")
    assert env.rows(f"SELECT * FROM {p1}") == [
        (3, "c", "2024-01-03"),
        (4, "d", "2024-01-04"),
        (11, "aa", "2024-01-01"),
        (22, "bb", "2024-01-02"),
    ]

    assert _partitions(env, p1) == ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03", "dt=2024-01-04"]
    assert env.rows(f"SHOW PARTITIONS {p1} PARTITION (dt='2024-01-02')") == [("dt=2024-01-02",)]
    assert env.rows(f"SHOW PARTITIONS {p1} PARTITION (dt='2099-01-01')") == []

    # pushed down to the metastore as `dt = "..."` / `dt > "..."` (get_partitions_by_filter)
    assert env.rows(f"SELECT * FROM {p1} WHERE dt = '2024-01-02'") == [(22, "bb", "2024-01-02")]
    assert env.rows(f"SELECT * FROM {p1} WHERE dt > '2024-01-02'") == [
        (3, "c", "2024-01-03"),
        (4, "d", "2024-01-04"),
    ]
    # not pushed (get_partitions, Spark filters)
    assert env.rows(f"SELECT id FROM {p1} WHERE substr(dt, 1, 4) = '2024'") == [(3,), (4,), (11,), (22,)]
    assert env.rows(f"SELECT count(*) FROM {p1}") == [(4,)]
    # Spark prunes again what the metastore returns, so check the service's filtering itself too
    with env.client() as c:
        assert [p.values for p in c.get_partitions_by_filter(db, "p1", 'dt = "2024-01-02"', -1)] == [
            ["2024-01-02"]
        ]
        assert sorted(p.values[0] for p in c.get_partitions_by_filter(db, "p1", 'dt > "2024-01-02"', -1)) == [
            "2024-01-03",
            "2024-01-04",
        ]
        assert c.get_partition_names_ps(db, "p1", ["2024-01-02"], -1) == ["dt=2024-01-02"]


def test_add_drop_rename_partition(spark_env, db):
    env = spark_env
    p = _partitioned(env, db, "p_ddl")
    tdir = env.db_path(db) / "p_ddl"

    env.sql(f"ALTER TABLE {p} ADD PARTITION (dt='2024-02-01')")
    assert (tdir / "dt=2024-02-01").is_dir()
    env.sql(f"ALTER TABLE {p} ADD IF NOT EXISTS PARTITION (dt='2024-02-02') PARTITION (dt='2024-02-03')")
    env.sql(f"ALTER TABLE {p} ADD IF NOT EXISTS PARTITION (dt='2024-02-02')")  # no error
    with pytest.raises(AnalysisException, match="PARTITIONS_ALREADY_EXIST|already exist"):
        env.sql(f"ALTER TABLE {p} ADD PARTITION (dt='2024-02-01')")
    assert _partitions(env, p) == [
        "dt=2024-01-01",
        "dt=2024-01-02",
        "dt=2024-01-03",
        "dt=2024-02-01",
        "dt=2024-02-02",
        "dt=2024-02-03",
    ]
    assert env.rows(f"SELECT * FROM {p} WHERE dt >= '2024-02-01'") == []

    env.sql(f"ALTER TABLE {p} DROP PARTITION (dt='2024-02-01')")
    assert "dt=2024-02-01" not in _partitions(env, p)
    assert not (tdir / "dt=2024-02-01").exists()
    env.sql(f"ALTER TABLE {p} DROP IF EXISTS PARTITION (dt='2024-02-01')")
    with pytest.raises(AnalysisException, match="PARTITIONS_NOT_FOUND|not found"):
        env.sql(f"ALTER TABLE {p} DROP PARTITION (dt='2024-02-01')")
    env.sql(f"ALTER TABLE {p} DROP PARTITION (dt='2024-01-03')")
    assert not (tdir / "dt=2024-01-03").exists()
    assert env.rows(f"SELECT id FROM {p}") == [(1,), (2,)]

    env.sql(f"INSERT INTO {p} PARTITION (dt='2024-02-02') VALUES (5, 'e')")
    env.sql(f"ALTER TABLE {p} PARTITION (dt='2024-02-02') RENAME TO PARTITION (dt='2024-02-12')")
    assert _partitions(env, p) == ["dt=2024-01-01", "dt=2024-01-02", "dt=2024-02-03", "dt=2024-02-12"]
    assert not (tdir / "dt=2024-02-02").exists()
    assert data_files(tdir / "dt=2024-02-12")  # the data moved with the partition
    with env.client() as c:
        part = c.get_partition(db, "p_ddl", ["2024-02-12"])
        with pytest.raises(tt.NoSuchObjectException):
            c.get_partition(db, "p_ddl", ["2024-02-02"])
    assert part.sd.location == f"file:{tdir}/dt=2024-02-12"
    env.spark.catalog.refreshTable(p)
    assert env.rows(f"SELECT * FROM {p} WHERE dt = '2024-02-12'") == [(5, "e", "2024-02-12")]


def test_msck_repair_and_recover_partitions(spark_env, db):
    env = spark_env
    p = _partitioned(env, db, "p_msck")
    tdir = env.db_path(db) / "p_msck"
    _write_parquet(tdir / "dt=2024-03-01", [(31, "x")])
    _write_parquet(tdir / "dt=2024-03-02", [(32, "y"), (33, "z")])
    assert "dt=2024-03-01" not in _partitions(env, p)  # the metastore knows nothing of them yet

    env.sql(f"MSCK REPAIR TABLE {p}")
    assert _partitions(env, p) == [
        "dt=2024-01-01",
        "dt=2024-01-02",
        "dt=2024-01-03",
        "dt=2024-03-01",
        "dt=2024-03-02",
    ]
    assert env.rows(f"SELECT * FROM {p} WHERE dt >= '2024-03-01'") == [
        (31, "x", "2024-03-01"),
        (32, "y", "2024-03-02"),
        (33, "z", "2024-03-02"),
    ]

    _write_parquet(tdir / "dt=2024-03-03", [(34, "w")])
    env.sql(f"ALTER TABLE {p} RECOVER PARTITIONS")
    assert "dt=2024-03-03" in _partitions(env, p)
    assert env.rows(f"SELECT id FROM {p} WHERE dt = '2024-03-03'") == [(34,)]

    _write_parquet(tdir / "dt=2024-03-04", [(35, "q")])
    env.spark.catalog.recoverPartitions(p)
    assert _partitions(env, p)[-2:] == ["dt=2024-03-03", "dt=2024-03-04"]
    assert env.rows(f"SELECT count(*) FROM {p}") == [(8,)]
    with env.client() as c:
        params = c.get_table(db, "p_msck").parameters
        part = c.get_partition(db, "p_msck", ["2024-03-04"])
    assert params["spark.sql.partitionProvider"] == "catalog"
    assert part.sd.location == f"file:{tdir}/dt=2024-03-04"


def test_partition_stats_describe_truncate_and_get_table(spark_env, db):
    env = spark_env
    p = _partitioned(env, db, "p_st")
    tdir = env.db_path(db) / "p_st"

    t = env.spark.catalog.getTable(p)
    assert (t.name, t.namespace, t.tableType, t.isTemporary) == ("p_st", [db], "MANAGED", False)

    env.sql(f"ANALYZE TABLE {p} PARTITION (dt='2024-01-02') COMPUTE STATISTICS")
    with env.client() as c:
        part = c.get_partition(db, "p_st", ["2024-01-02"])
        other = c.get_partition(db, "p_st", ["2024-01-01"])
    assert part.parameters["spark.sql.statistics.numRows"] == "1"
    assert int(part.parameters["spark.sql.statistics.totalSize"]) > 0
    assert "spark.sql.statistics.numRows" not in (other.parameters or {})

    _, info = env.describe(f"DESCRIBE FORMATTED {p} PARTITION (dt='2024-01-02')")
    assert info["Database"] == db and info["Table"] == "p_st"
    assert info["Partition Values"] == "[dt=2024-01-02]"
    assert info["Location"] == f"file:{tdir}/dt=2024-01-02"
    assert info["Partition Statistics"].endswith("1 rows")
    with pytest.raises(AnalysisException, match="PARTITIONS_NOT_FOUND|not found"):
        env.sql(f"DESCRIBE FORMATTED {p} PARTITION (dt='2099-01-01')")

    env.sql(f"TRUNCATE TABLE {p} PARTITION (dt='2024-01-03')")
    assert env.rows(f"SELECT * FROM {p} WHERE dt = '2024-01-03'") == []
    assert "dt=2024-01-03" in _partitions(env, p)  # the partition stays, empty
    assert data_files(tdir / "dt=2024-01-03") == []
    assert env.rows(f"SELECT id FROM {p}") == [(1,), (2,)]


def test_drop_partitioned_table(spark_env, db):
    env = spark_env
    p = _partitioned(env, db, "p_drop")
    tdir = env.db_path(db) / "p_drop"
    assert (tdir / "dt=2024-01-01").is_dir()
    env.sql(f"DROP TABLE {p}")
    assert not tdir.exists()
    assert not env.spark.catalog.tableExists(p)
    # a new table of the same name does not see the old partitions
    env.sql(f"CREATE TABLE {p} (id INT, v STRING, dt STRING) USING parquet PARTITIONED BY (dt)")
    assert _partitions(env, p) == []
    assert env.rows(f"SELECT * FROM {p}") == []


def test_partition_value_needing_escapes_round_trips(spark_env, db):
    env = spark_env
    env.sql(f"CREATE TABLE {db}.p_esc (id INT, dt STRING) USING parquet PARTITIONED BY (dt)")
    env.sql(f"INSERT INTO {db}.p_esc PARTITION (dt='a/b:c') VALUES (1)")
    env.sql(f"INSERT INTO {db}.p_esc VALUES (2, 'x=y%z'), (3, 'plain')")
    tdir = env.db_path(db) / "p_esc"
    assert (tdir / "dt=a%2Fb%3Ac").is_dir()
    assert _partitions(env, f"{db}.p_esc") == ["dt=a%2Fb%3Ac", "dt=plain", "dt=x%3Dy%25z"]
    assert env.rows(f"SELECT * FROM {db}.p_esc") == [(1, "a/b:c"), (2, "x=y%z"), (3, "plain")]
    assert env.rows(f"SELECT id FROM {db}.p_esc WHERE dt = 'a/b:c'") == [(1,)]
    assert env.rows(f"SHOW PARTITIONS {db}.p_esc PARTITION (dt='a/b:c')") == [("dt=a%2Fb%3Ac",)]
    with env.client() as c:
        assert sorted(c.get_partition_names(db, "p_esc", -1)) == ["dt=a%2Fb%3Ac", "dt=plain", "dt=x%3Dy%25z"]
        part = c.get_partition(db, "p_esc", ["a/b:c"])
        assert part.values == ["a/b:c"]
        assert part.sd.location == f"file:{tdir}/dt=a%2Fb%3Ac"
        assert c.get_partition_by_name(db, "p_esc", "dt=x%3Dy%25z").values == ["x=y%z"]
    env.sql(f"ALTER TABLE {db}.p_esc DROP PARTITION (dt='a/b:c')")
    assert _partitions(env, f"{db}.p_esc") == ["dt=plain", "dt=x%3Dy%25z"]
    assert not (tdir / "dt=a%2Fb%3Ac").exists()


def test_two_keys_and_integer_partition_filter(spark_env, db):
    env = spark_env
    t = f"{db}.p_ym"
    env.sql(f"CREATE TABLE {t} (v STRING, y INT, m STRING) USING parquet PARTITIONED BY (y, m)")
    env.sql(
        f"INSERT INTO {t} VALUES ('a', 2023, '12'), ('b', 2024, '01'), ('c', 2024, '02'), ('d', 2025, '01')"
    )
    assert _partitions(env, t) == ["y=2023/m=12", "y=2024/m=01", "y=2024/m=02", "y=2025/m=01"]
    assert env.rows(f"SHOW PARTITIONS {t} PARTITION (y=2024)") == [("y=2024/m=01",), ("y=2024/m=02",)]
    assert env.rows(f"SELECT v FROM {t} WHERE y > 2023 AND m = '01'") == [("b",), ("d",)]
    assert env.rows(f"SELECT v FROM {t} WHERE y = 2024") == [("b",), ("c",)]
    assert env.rows(f"SELECT v FROM {t} WHERE y >= 2024 OR m = '12'") == [("a",), ("b",), ("c",), ("d",)]
    with env.client() as c:
        got = sorted(p.values for p in c.get_partitions_by_filter(db, "p_ym", 'y > 2023 and m = "01"', -1))
        assert got == [["2024", "01"], ["2025", "01"]]
        assert sorted(c.get_partition_names_ps(db, "p_ym", ["2024", ""], -1)) == [
            "y=2024/m=01",
            "y=2024/m=02",
        ]
        assert len(c.get_partitions_ps_with_auth(db, "p_ym", [""], -1, "u", [])) == 4
    env.sql(f"ALTER TABLE {t} DROP PARTITION (y=2024)")  # a partial spec drops both months
    assert _partitions(env, t) == ["y=2023/m=12", "y=2025/m=01"]
