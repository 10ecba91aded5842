"""Shared fixtures: a real PostgreSQL (embedded, or CATALOG_TEST_DATABASE_URL), a migrated template
database cloned per test, and the real service serving Thrift on a socket."""

from __future__ import annotations

import contextlib
import itertools
import os
import time
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
        with admin_connection(self) as conn:
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


def admin_connection(server) -> psycopg.Connection:
    """An autocommit connection to the server's own database (none of the tests' databases)."""
    base = getattr(server, "base", None)
    u = base if base is not None else make_url(server.url)
    return psycopg.connect(
        host=u.host,
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=u.database or "postgres",
        autocommit=True,
    )


_servers: list = []  # the session's PostgreSQL server, once a test has asked for it


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    url = os.environ.get("CATALOG_TEST_DATABASE_URL")
    server = (
        ExternalPostgres(url)
        if url
        else EmbeddedPostgres(
            # One server for the whole session; each test module must close every connection it
            # opens (no_connections_left_behind), so the peak is what one module uses at once.
            tmp_path_factory.mktemp("pg"),
            durable=False,
            max_connections=300,
        ).start()
    )
    _servers.append(server)
    try:
        yield server
    finally:
        _servers.clear()
        server.stop()


# The connections to this session's databases: every database a test creates has the pytest
# process id in its name (t_<pid>_<n>, explorer_<pid>, authz_<pid>_<n>, ...). A Java metastore a
# session fixture runs beside the service keeps its own pool for the whole session: not counted.
_OPEN_CONNECTIONS_SQL = """
SELECT datname, coalesce(application_name, ''), state, left(query, 120) FROM pg_stat_activity
 WHERE datname ~ %s AND pid <> pg_backend_pid() AND coalesce(application_name, '') <> 'PostgreSQL JDBC Driver'
 ORDER BY datname"""


def _open_connections(server) -> list[tuple]:
    with admin_connection(server) as conn:
        return conn.execute(_OPEN_CONNECTIONS_SQL, (f"_{os.getpid()}(_|$)",)).fetchall()


@pytest.fixture(scope="module", autouse=True)
def no_connections_left_behind(request):
    """Fails a test module that leaves PostgreSQL connections open (a service not stopped, an
    engine not disposed): the session's one server would run out of connections. Not the Spark
    suite, whose one service and Spark session last the whole session (tests/spark/conftest.py)."""
    if Path(str(request.path)).parent.name == "spark":
        yield
        return
    before = len(_open_connections(_servers[0])) if _servers else 0
    yield
    if not _servers:
        return
    deadline = time.monotonic() + 10  # a closed connection's backend exits a moment later
    while len(left := _open_connections(_servers[0])) > before and time.monotonic() < deadline:
        time.sleep(0.1)
    if len(left) > before:
        pytest.fail(
            f"the module left {len(left) - before} PostgreSQL connection(s) open "
            f"({before} were open before it): " + "; ".join(" ".join(map(str, c)) for c in left),
            pytrace=False,
        )


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
