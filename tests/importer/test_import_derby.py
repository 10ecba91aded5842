"""`catalog import --from derby:…` from the Derby database Apache Hive's Java metastore 2.3.10 creates
(DataNucleus, embedded Derby from the pyspark wheel's jars), filled through Thrift: every object reads
back over Thrift as the Java metastore answered."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bench.java_peer import JavaMetastore
from tests import factories as f
from tests.adopt import hive_catalog
from tests.adopt.test_adopt import _diff, _renamed_serde_key
from tests.conftest import start_service, thrift_client


class JavaMetastoreOnDerby(JavaMetastore):
    def __init__(self, path: Path, **kw):
        super().__init__("", 0, str(path), **kw)

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:derby:;databaseName={self.database};create=true"

    def _check_prerequisites(self) -> None:  # Derby's jars are in the wheel
        pass

    def _jdo_props(self) -> dict[str, str]:
        return {
            "javax.jdo.option.ConnectionURL": self.jdbc_url,
            "javax.jdo.option.ConnectionDriverName": "org.apache.derby.jdbc.EmbeddedDriver",
            "javax.jdo.option.ConnectionUserName": "APP",
            "javax.jdo.option.ConnectionPassword": "mine",
        }

    def ensure_schema(self) -> None:  # DataNucleus creates Derby's schema on first use
        pass


def test_import_from_a_java_metastores_derby_database(database_url, tmp_path):
    derby = tmp_path / "metastore_db"
    wh = f"file:{tmp_path / 'wh'}"
    peer = JavaMetastoreOnDerby(
        derby,
        warehouse=wh,
        work_dir=tmp_path / "java",
        heap="512m",
        extra_conf={"datanucleus.schema.autoCreateAll": "true"},
    )
    try:
        peer.start()
        with thrift_client(peer.port) as c:
            c.set_ugi("admin", ["admins"])
            c.create_database(f.database("sales", location=f"{wh}/sales.db"))
            t = f.table("sales", "orders", part_keys=[("ds", "string")], location=f"{wh}/sales.db/orders")
            c.create_table(t)
            t = c.get_table("sales", "orders")
            c.add_partitions([f.partition(t, [v]) for v in ("2024-01-01", "a/b", "x=y", "é")])
            c.create_role(hive_catalog.tt.Role(roleName="analysts", ownerName="admin"))
            snap = hive_catalog.snapshot(c)
    finally:
        peer.stop()
    # the CLI in a process of its own: JPype starts a JVM inside the importing process for good
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalog.cli",
            "import",
            "--from",
            f"derby:{derby}",
            "--database-url",
            database_url,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:] + out.stdout[-3000:]
    assert "every count matches the source" in out.stdout
    assert re.search(r"partitions\s+4 in the source\s+4 here", out.stdout)
    rt = start_service(database_url, tmp_path / "ours")
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("admin", ["admins"])
            ours = hive_catalog.snapshot(c)
    finally:
        rt.stop()
    assert _diff(_renamed_serde_key(snap), ours) == []
