"""Spark reads the data of a table imported from a MariaDB-backed Hive metastore, through our service.

Spark runs in a process of its own: the suite's shared SparkSession (tests/spark) is bound to another
service, and a JVM holds one Hive client configuration."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from catalog.importer.run import import_metastore
from tests.conftest import start_service
from tests.importer.conftest import SPARK_ROWS

READ = """
import json, os, sys
from pyspark.sql import SparkSession
port, root = sys.argv[1], sys.argv[2]
spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.hadoop.hive.metastore.uris", f"thrift://127.0.0.1:{port}")
    .config("spark.sql.warehouse.dir", os.path.join(root, "spark-wh"))
    .config("spark.ui.enabled", "false")
    .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={root}")
    .enableHiveSupport()
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
rows = spark.sql("SELECT id, name FROM sales.spark_data ORDER BY id").collect()
parts = spark.sql("SHOW PARTITIONS sales.orders").count()
print(json.dumps({"rows": [list(r) for r in rows], "partitions": parts}))
spark.stop()
"""


@pytest.mark.spark
def test_spark_reads_an_imported_tables_data(hive_on_mariadb, database_url, tmp_path):
    summary = import_metastore(hive_on_mariadb.url, database_url)
    assert summary.mismatches == []
    rt = start_service(database_url, tmp_path / "wh")
    try:
        script = tmp_path / "read.py"
        script.write_text(READ)
        out = subprocess.run(
            [sys.executable, str(script), str(rt.thrift.port), str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
            check=False,
        )
    finally:
        rt.stop()
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"rows": [list(r) for r in SPARK_ROWS], "partitions": 600}
