"""The encoded partitions PostgreSQL keeps (catalog/store/partition_wire.py) follow changes made by
Apache Hive's own metastore (2.3.10, from the pyspark wheel) sharing the database: its triggers
re-encode what any writer changes, in the writer's transaction, so our next listing shows it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import thrift_client
from tests.factories import database, partition, table

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `bench` is a top-level folder of the repository
    sys.path.insert(0, str(REPO))


def _java_peer(database_url: str, tmp_path: Path):
    from bench.java_peer import DEFAULT_PG_JAR, JavaMetastore, JavaPeerError, pyspark_jars_dir

    try:
        pyspark_jars_dir()
    except JavaPeerError as e:
        pytest.skip(str(e))
    if not shutil.which("java") or not Path(DEFAULT_PG_JAR).exists():
        pytest.skip("no java or no PostgreSQL JDBC driver")
    u = urlsplit(database_url.replace("postgresql+psycopg://", "postgresql://"))
    return JavaMetastore(
        u.hostname or "127.0.0.1",
        u.port or 5432,
        u.path.lstrip("/"),
        pg_user=u.username or "postgres",
        pg_password=u.password or "",
        warehouse=f"file:{tmp_path}/java-wh",
        heap="512m",
        work_dir=tmp_path / "java",
    )


def test_a_change_through_a_java_metastore_is_in_our_next_listing(server, client, tmp_path):
    client.create_database(database("shared"))
    t = table("shared", "t", part_keys=[("ds", "string")])
    client.create_table(t)
    client.add_partitions([partition(t, [f"d{i}"]) for i in range(5)])
    before = client.get_partitions("shared", "t", -1)
    assert [p.values for p in before] == [[f"d{i}"] for i in range(5)]

    peer = _java_peer(server.database_url, tmp_path)
    with peer, thrift_client(peer.port) as java:
        p = java.get_partition("shared", "t", ["d2"])
        p.parameters = dict(p.parameters or {}, changed_by="java")
        p.sd.location = p.sd.location + "_moved"
        p.sd.serdeInfo.parameters = dict(p.sd.serdeInfo.parameters or {}, **{"field.delim": "|"})
        java.alter_partition("shared", "t", p)
        java.add_partition(partition(t, ["d9"]))
        java.drop_partition("shared", "t", ["d0"], False)

    after = {tuple(p.values): p for p in client.get_partitions("shared", "t", -1)}
    assert sorted(after) == [("d1",), ("d2",), ("d3",), ("d4",), ("d9",)]
    d2 = after[("d2",)]
    assert d2.parameters["changed_by"] == "java"
    assert d2.sd.location.endswith("_moved")
    assert d2.sd.serdeInfo.parameters["field.delim"] == "|"
    # every listing reads the same encodings
    assert client.get_partitions_by_names("shared", "t", ["ds=d2"]) == [d2]
    assert client.get_partitions_by_filter("shared", "t", "ds = 'd9'", -1) == [after[("d9",)]]
    # and they decode to what the object path builds from Hive's rows
    from catalog.thrift import convert as cv

    assert sorted(client.get_partitions("shared", "t", -1), key=lambda p: p.values) == sorted(
        cv.partitions_to(server.service.get_partitions("hive", "shared", "t")), key=lambda p: p.values
    )
