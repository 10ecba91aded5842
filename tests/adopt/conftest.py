"""A Hive 2.3 metastore database on PostgreSQL made the way users have one: Apache Hive's Java
metastore 2.3.10 (from the pyspark wheel) creates its schema with DataNucleus and is filled through
Thrift; its answers are snapshotted while it runs. Tests get copies of that database."""

from __future__ import annotations

import contextlib
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bench.java_peer import JavaMetastore
from tests.adopt import hive_catalog
from tests.conftest import thrift_client

_copies = itertools.count()


@dataclass
class HiveDatabase:
    name: str
    warehouse: str
    snapshot: dict
    pg_server: object

    def copy(self) -> tuple[str, str]:
        """A fresh copy of the filled database: (its name, its URL)."""
        name = f"{self.name}_copy{next(_copies)}"
        return name, self.pg_server.create_database(name, template=self.name)


def pg_address(pg_server) -> tuple[str, int]:
    u = make_url(pg_server.url_for("postgres"))
    return u.host or "127.0.0.1", u.port or 5432


@contextlib.contextmanager
def java_metastore(pg_server, database: str, warehouse: str, work_dir: Path):
    host, port = pg_address(pg_server)
    peer = JavaMetastore(host, port, database, warehouse=warehouse, work_dir=work_dir, heap="512m")
    try:
        peer.start()
        yield peer
    finally:
        peer.stop()


@pytest.fixture(scope="session")
def hive23_database(pg_server, tmp_path_factory) -> HiveDatabase:
    name = f"hive23_{os.getpid()}"
    pg_server.create_database(name)
    wh_dir = tmp_path_factory.mktemp("hive23_wh")
    warehouse = f"file:{wh_dir}"
    with java_metastore(pg_server, name, warehouse, tmp_path_factory.mktemp("hive23_java")) as peer:
        with thrift_client(peer.port) as c:
            c.set_ugi("admin", ["admins"])
            hive_catalog.fill(c, warehouse)
            snap = hive_catalog.snapshot(c)
    return HiveDatabase(name, warehouse, snap, pg_server)
