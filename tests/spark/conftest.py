"""Fixtures for the PySpark end-to-end suite: one catalog service and ONE SparkSession for the whole
test session.

Spark runs in-process (py4j) in `local[1]` with its built-in Hive 2.3.10 client pointed at the service
over Thrift (`hive.metastore.uris`). Its JVM is launched from a temporary directory with Derby's home
and Spark's warehouse, local and scratch dirs there too, so nothing lands in the repository.

Every test module uses its own database names, so modules are independent of each other and of
their order.
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest

from tests.conftest import start_service
from tests.spark.support import SparkEnv


@pytest.fixture(scope="session")
def spark_env(pg_server, template_db, tmp_path_factory):
    """Start the service on a fresh migrated database and a free port, then one SparkSession for the whole
    session; stop both at the end."""
    # Never skip: a Spark suite that silently does not run is a failure (.ci/run installs Java 17).
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):  # pragma: no cover - environment
        pytest.fail("the PySpark end-to-end tests need a Java runtime (Java 17): install it, then rerun")
    from pyspark.sql import SparkSession

    root = tmp_path_factory.mktemp("spark")
    warehouse = root / "warehouse"
    warehouse.mkdir()
    scratch = root / "scratch"
    scratch.mkdir()
    derby = root / "derby"
    derby.mkdir()
    local_dir = root / "local"
    local_dir.mkdir()

    database_url = pg_server.create_database(
        f"spark_{os.getpid()}_{uuid.uuid4().hex[:8]}", template=template_db
    )
    runtime = start_service(database_url, warehouse)
    spark = None
    old_cwd = os.getcwd()
    try:
        java_opts = f"-Dderby.system.home={derby} -Djava.io.tmpdir={local_dir} -Dlog4j2.level=warn"
        builder = (
            SparkSession.builder.master("local[1]")
            .appName("hms-catalog-spark-e2e")
            .config("spark.hadoop.hive.metastore.uris", f"thrift://127.0.0.1:{runtime.thrift.port}")
            .config("spark.sql.warehouse.dir", str(warehouse))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "1")
            .config("spark.driver.memory", "1g")
            .config("spark.driver.extraJavaOptions", java_opts)
            .config("spark.local.dir", str(local_dir))
            .config("spark.hadoop.hive.exec.scratchdir", str(scratch / "hive"))
            .config("spark.hadoop.hive.exec.local.scratchdir", str(scratch / "local"))
            .config("spark.hadoop.hive.downloaded.resources.dir", str(scratch / "resources"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .enableHiveSupport()
        )
        # The JVM inherits the working directory: launch it from the temporary root so that stray
        # files (derby.log, metastore_db, spark-warehouse) cannot land in the repository.
        os.chdir(root)
        try:
            spark = builder.getOrCreate()
        finally:
            os.chdir(old_cwd)
        spark.sparkContext.setLogLevel("ERROR")
        yield SparkEnv(spark, runtime, warehouse, database_url)
    finally:
        if spark is not None:
            spark.stop()
        runtime.stop()


@pytest.fixture(scope="session")
def spark(spark_env):
    return spark_env.spark


@pytest.fixture(autouse=True)
def _reset_spark_state(request):
    """Each test starts in `default`, with the static overwrite mode; temp views are dropped after."""
    if "spark_env" not in request.fixturenames:
        yield
        return
    env = request.getfixturevalue("spark_env")
    env.spark.sql("USE default")
    env.spark.conf.set("spark.sql.sources.partitionOverwriteMode", "static")
    yield
    env.spark.sql("USE default")
    env.spark.conf.set("spark.sql.sources.partitionOverwriteMode", "static")
    for v in env.spark.catalog.listTables():
        if v.isTemporary:
            env.spark.catalog.dropTempView(v.name)
