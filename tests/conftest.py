"""Shared fixtures: a real PostgreSQL (embedded, or CATALOG_TEST_DATABASE_URL), a migrated template
database cloned per test, and the real service serving Thrift on a socket."""

from __future__ import annotations

import contextlib
import itertools
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
# `catalog serve` started by a test binds the gRPC door only when the test asks for it (a port on
# the command line); the default port, fixed, would collide between concurrent test runs.
os.environ.setdefault("CATALOG_GRPC_PORT", "-1")

from catalog.app import Runtime, Settings  # noqa: E402
from catalog.embedded_pg import EmbeddedPostgres  # noqa: E402
from catalog.store import migrate  # noqa: E402
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore  # noqa: E402

_counter = itertools.count()
TEMPLATE = f"catalog_template_{os.getpid()}"


class ExternalPostgres:
    """A PostgreSQL server given by URL; test databases are created beside the given one."""

    def __init__(self, url: str):
        self.base = make_url(url).set(drivername="postgresql+psycopg")

    def url_for(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create_database(self, name: str, template: str | None = None) -> str:
        u = self.base
        with psycopg.connect(
            host=u.host,
            port=u.port or 5432,
            user=u.username,
            password=u.password,
            dbname=u.database or "postgres",
            autocommit=True,
        ) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                if template:
                    stmt = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(template)
                    )
                conn.execute(stmt)
        return self.url_for(name)

    def stop(self) -> None:
        pass


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    url = os.environ.get("CATALOG_TEST_DATABASE_URL")
    server = (
        ExternalPostgres(url)
        if url
        else EmbeddedPostgres(
            # One server for the whole session: ~660 tests start services whose pools and background
            # threads connect; 300 ran out near the end of a full run.
            tmp_path_factory.mktemp("pg"),
            durable=False,
            max_connections=1000,
        ).start()
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def template_db(pg_server) -> str:
    """A database migrated to head once; tests clone it (CREATE DATABASE … TEMPLATE), ~50 ms each."""
    url = pg_server.create_database(TEMPLATE)
    migrate.upgrade(url)
    return TEMPLATE


@pytest.fixture
def database_url(pg_server, template_db) -> str:
    return pg_server.create_database(f"t_{os.getpid()}_{next(_counter)}", template=template_db)


@dataclass
class RunningService:
    runtime: Runtime
    database_url: str
    warehouse: Path

    @property
    def port(self) -> int:
        return self.runtime.thrift.port

    @property
    def service(self):
        return self.runtime.service


def start_service(database_url: str, warehouse: Path, **overrides) -> Runtime:
    settings = Settings(
        database_url=database_url,
        thrift_port=0,
        warehouse="file:" + str(warehouse),
        migrate=False,
        workers=64,
        pool_size=8,
        **overrides,
    )
    return Runtime(settings).start()


@pytest.fixture
def server(database_url, tmp_path) -> RunningService:
    wh = tmp_path / "warehouse"
    wh.mkdir()
    rt = start_service(database_url, wh)
    try:
        yield RunningService(rt, database_url, wh)
    finally:
        rt.stop()


@contextlib.contextmanager
def thrift_client(port: int, host: str = "127.0.0.1", framed: bool = False):
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
    from thrift.transport import TSocket, TTransport

    sock = TSocket.TSocket(host, port)
    sock.setTimeout(60_000)
    trans = TTransport.TFramedTransport(sock) if framed else TTransport.TBufferedTransport(sock)
    client = ThriftHiveMetastore.Client(TBinaryProtocolAccelerated(trans))
    trans.open()
    try:
        yield client
    finally:
        trans.close()


@pytest.fixture
def client(server):
    with thrift_client(server.port) as c:
        c.set_ugi("tester", ["testers"])
        yield c


# Tests that start another system beside the service: `make test` runs them, `make test-fast` not.
PEER_TESTS = (
    "tests/adopt/",
    "tests/importer/",
    "tests/explorer/test_browser.py",
    "tests/explorer/test_oidc_signin.py",
    "tests/explorer/test_render_time.py",
    "tests/test_partition_wire_java_peer.py",
    "tests/test_bench_smoke.py",
)


def pytest_collection_modifyitems(config, items):
    root = Path(str(config.rootpath))
    for item in items:
        rel = Path(str(item.path)).relative_to(root).as_posix()
        if rel.startswith(PEER_TESTS):
            item.add_marker(pytest.mark.peers)
