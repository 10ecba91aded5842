"""A MariaDB server of the tests' own, holding a Hive 2.3 metastore that Apache Hive's Java metastore
2.3.10 created (DataNucleus) and filled through Thrift; its answers are snapshotted while it runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests import factories as f
from tests.adopt import hive_catalog
from tests.conftest import thrift_client
from tests.importer.mariadb import JavaMetastoreOnMariaDB, MariaDBServer

SPARK_ROWS = [(1, "one"), (2, "two é"), (3, "three")]


@dataclass
class HiveOnMariaDB:
    server: MariaDBServer
    database: str
    warehouse: Path
    snapshot: dict

    @property
    def url(self) -> str:
        return self.server.url(self.database)


def add_spark_table(c, warehouse: Path) -> None:
    """A parquet table with a data file, for Spark to read after the import."""
    loc = warehouse / "sales.db" / "spark_data"
    loc.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.table(
            {"id": pa.array([r[0] for r in SPARK_ROWS], pa.int32()), "name": [r[1] for r in SPARK_ROWS]}
        ),
        loc / "part-00000.parquet",
    )
    c.create_table(
        f.table(
            "sales",
            "spark_data",
            location=f"file:{loc}",
            params={"EXTERNAL": "TRUE"},
            table_type="EXTERNAL_TABLE",
        )
    )


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory):
    # Never skipped: without a MariaDB server the import from MySQL/MariaDB is unproven (.ci/run installs it).
    server = MariaDBServer(tmp_path_factory.mktemp("mariadb")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def hive_on_mariadb(mariadb, tmp_path_factory) -> HiveOnMariaDB:
    mariadb.create_database("hive23")
    wh = tmp_path_factory.mktemp("mariadb_wh")
    peer = JavaMetastoreOnMariaDB(
        mariadb,
        "hive23",
        warehouse=f"file:{wh}",
        work_dir=tmp_path_factory.mktemp("java_mariadb"),
        heap="512m",
    )
    try:
        peer.start()
        with thrift_client(peer.port) as c:
            c.set_ugi("admin", ["admins"])
            hive_catalog.fill(c, f"file:{wh}")
            add_spark_table(c, wh)
            snap = hive_catalog.snapshot(c)
    finally:
        peer.stop()
    return HiveOnMariaDB(mariadb, "hive23", wh, snap)
