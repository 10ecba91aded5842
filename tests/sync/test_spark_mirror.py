"""Stock PySpark reads a table mirrored from (fake) Unity Catalog through our Hive metastore.

One SparkSession for this module (local[1], Hive support, `hive.metastore.uris` at a service
started with start_service). A session already running in this process (tests/spark's) points at
another metastore, so it is stopped first; tests/spark creates its own again if it runs later."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import start_service
from tests.sync.conftest import sync
from tests.sync.fake_uc import FakeUnity, column

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark_mirror(pg_server, template_db, tmp_path_factory):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):  # pragma: no cover
        pytest.skip("PySpark needs a Java runtime")
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    root = tmp_path_factory.mktemp("spark_mirror")
    for d in ("warehouse", "derby", "local", "scratch"):
        (root / d).mkdir()
    url = pg_server.create_database(f"spark_mirror_{os.getpid()}", template=template_db)
    runtime = start_service(url, root / "warehouse")
    if SparkContext._active_spark_context is not None:
        SparkContext._active_spark_context.stop()
    old = os.getcwd()
    spark = None
    try:
        os.chdir(root)
        spark = (
            SparkSession.builder.master("local[1]")
            .appName("uc-mirror")
            .config("spark.hadoop.hive.metastore.uris", f"thrift://127.0.0.1:{runtime.thrift.port}")
            .config("spark.sql.warehouse.dir", str(root / "warehouse"))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config(
                "spark.driver.extraJavaOptions",
                f"-Dderby.system.home={root / 'derby'} -Djava.io.tmpdir={root / 'local'}",
            )
            .config("spark.local.dir", str(root / "local"))
            .config("spark.hadoop.hive.exec.scratchdir", str(root / "scratch" / "hive"))
            .config("spark.sql.session.timeZone", "UTC")
            .enableHiveSupport()
            .getOrCreate()
        )
        os.chdir(old)
        spark.sparkContext.setLogLevel("ERROR")
        yield spark, runtime, root
    finally:
        os.chdir(old)
        if spark is not None:
            spark.stop()
        runtime.stop()


def test_spark_reads_a_mirrored_uc_external_table(spark_mirror):
    import pyarrow as pa
    import pyarrow.parquet as pq

    spark, runtime, root = spark_mirror
    data = root / "uc_data" / "orders"
    table = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int64()),
            "amount": pa.array([9.5, 3.25, 7.0]),
            "dt": ["2024-01-01", "2024-01-01", "2024-01-02"],
        }
    )
    pq.write_to_dataset(table, str(data), partition_cols=["dt"])

    fake = FakeUnity(dialect="oss").start()
    try:
        fake.add_catalog("lake")
        fake.add_schema("lake", "sales")
        fake.add_table(
            "lake",
            "sales",
            "orders",
            [
                column("id", "bigint", "long"),
                column("amount", "double"),
                column("dt", "string", partition_index=0),
            ],
            fmt="PARQUET",
            table_type="EXTERNAL",
            location=f"file://{data}",
        )
        fake.add_table(
            "lake",
            "sales",
            "orders_v",
            [column("id", "bigint", "long")],
            table_type="VIEW",
            view_definition="SELECT id FROM lake__sales.orders WHERE amount > 5",
        )
        r = sync(runtime.service, fake)
        assert r.status == "succeeded", r.summary()
    finally:
        fake.stop()

    rows = sorted(tuple(x) for x in spark.table("lake__sales.orders").collect())
    assert rows == [(1, 9.5, "2024-01-01"), (2, 3.25, "2024-01-01"), (3, 7.0, "2024-01-02")]
    assert [f.name for f in spark.table("lake__sales.orders").schema.fields] == ["id", "amount", "dt"]
    assert spark.sql("SELECT count(*) FROM lake__sales.orders WHERE dt = '2024-01-02'").collect()[0][0] == 1
    assert sorted(r[0] for r in spark.sql("SELECT * FROM lake__sales.orders_v").collect()) == [1, 3]
    # read-only for Spark too
    with pytest.raises(Exception, match="mirrored from Unity Catalog"):
        spark.sql("ALTER TABLE lake__sales.orders SET TBLPROPERTIES ('x' = 'y')")
