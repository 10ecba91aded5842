"""Assembles the running service: database, id allocator, warehouse, catalog service, Thrift server."""

from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.auth.guarded import GuardedCatalogService
from catalog.db import Database, make_engine
from catalog.embedded_pg import EmbeddedPostgres
from catalog.events.config import hive_conf
from catalog.events.messages import Origin
from catalog.events.retention import EventCleaner
from catalog.locks import LockReaper, LockService
from catalog.service import CatalogService, ServiceLimits
from catalog.store import migrate
from catalog.store.ids import IdAllocator
from catalog.thrift.handler import MetastoreHandler
from catalog.thrift.server import ThriftServer
from catalog.warehouse import Warehouse

if TYPE_CHECKING:  # api imports FastAPI; the Thrift-only paths need not load it
    from api.server import HttpServer
    from catalog.grpc.server import GrpcServer

log = logging.getLogger(__name__)


@dataclass
class Settings:
    database_url: str | None = None
    data_dir: str = ".catalog"
    host: str = "127.0.0.1"
    thrift_port: int = 9083
    warehouse: str | None = None
    framed: bool = False
    workers: int = 256
    pool_size: int | None = None  # per process; None: sized to the server's free connections (capacity.py)
    pool_timeout: float = 10.0
    statement_timeout_ms: int = 60_000
    idle_timeout: float = 1800.0
    max_partitions_per_request: int = -1
    migrate: bool = True
    processes: int = 1
    extra_conf: dict = field(default_factory=dict)
    http_port: int | None = None  # REST API port (None: no REST API; 0: any free port)
    authorization: str = "off"  # off | enforce
    admin_users: tuple = ()  # users put in the admin role at start (hive.users.in.admin.role)
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_principal_claim: str = "sub"
    oidc_client_id: str | None = None  # the explorer's OIDC sign-in (default: the audience, else hms-catalog)
    oidc_client_secret: str | None = None
    metrics_port: int | None = None  # standalone /metrics (None: only on the REST port)
    slow_call_ms: float = 1000.0  # calls slower than this are logged (catalog.slow)
    access_log: bool = False  # one log line per call (catalog.access)
    shutdown_timeout: float = 30.0  # on SIGTERM, seconds in-flight Thrift calls get to finish
    lock_timeout: float = 300.0  # Hive's hive.txn.timeout: locks not heartbeated this long expire
    grpc_port: int | None = None  # gRPC door port (None or -1: no gRPC door; 0: any free port)
    grpc_workers: int = 32  # threads serving gRPC calls
    grpc_max_message_mb: int = 100  # largest gRPC request or response
    grpc_tls_cert: str | None = None  # PEM certificate (chain) file: serve gRPC over TLS
    grpc_tls_key: str | None = None  # its PEM private key
    events: bool = True  # write Hive's notification log (catalog.events)
    event_ttl: float = 86_400.0  # seconds events are kept (0: forever)
    event_clean_interval: float = 300.0  # seconds between retention rounds

    def thrift_conf(self) -> dict[str, str]:
        """What getMetaConf / get_config_value answer beyond the handler's defaults."""
        return {**hive_conf(self.events, self.event_ttl), **self.extra_conf}

    def warehouse_root(self) -> str:
        if self.warehouse:
            return self.warehouse
        return "file:" + str((Path(self.data_dir) / "warehouse").resolve())


def build_service(settings: Settings, database_url: str) -> tuple[CatalogService, Database]:
    pool = settings.pool_size or 16  # Runtime.start sizes it when unset; other callers get 16
    engine = make_engine(
        database_url,
        pool_size=pool,
        max_overflow=pool,
        pool_timeout=settings.pool_timeout,
        statement_timeout_ms=settings.statement_timeout_ms,
    )
    id_engine = make_engine(
        database_url,
        pool_size=2,
        max_overflow=2,
        pool_timeout=settings.pool_timeout,
        application_name="hms-catalog-ids",
        pre_ping=True,
    )  # used once per 50 ids: a connection left dead by a restart must not fail a write
    db = Database(engine)
    service = GuardedCatalogService(
        db,
        IdAllocator(id_engine),
        Warehouse(settings.warehouse_root()),
        ServiceLimits(settings.max_partitions_per_request),
        authorization=settings.authorization,
        admin_users=tuple(settings.admin_users),
    )
    service.locks = LockService(db, settings.lock_timeout)  # Hive's HIVE_LOCKS lock manager
    service.core.events.enabled = settings.events
    service.core.events.origin = Origin(server=f"thrift://{settings.host}:{settings.thrift_port}")
    return service, db


def _auto_pool_size(url: str, processes: int) -> int:
    """The default pool: at most 16 per process, and all processes within the connections the
    PostgreSQL server has free now (see catalog/capacity.py)."""
    from catalog.capacity import pool_size_for
    from catalog.store.server_limits import free_connections

    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as conn:
            free = free_connections(conn) + 1  # this probe's own connection closes now
    finally:
        engine.dispose()
    size = pool_size_for(free, processes)
    log.info(
        "PostgreSQL pool: %d connections (+%d overflow) per process, %d process(es); %d free on the server",
        size,
        size,
        processes,
        free,
    )
    return size


class Runtime:
    """Everything `catalog serve` runs, started and stopped in order."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.embedded: EmbeddedPostgres | None = None
        self.thrift: ThriftServer | None = None
        self.db: Database | None = None
        self.service: CatalogService | None = None
        self.http: HttpServer | None = None
        self.grpc: GrpcServer | None = None
        self.cleaner: EventCleaner | None = None
        self._stopped = threading.Event()

    def start(self) -> Runtime:
        s = self.settings
        url = s.database_url
        if not url:
            Path(s.data_dir).mkdir(parents=True, exist_ok=True)
            self.embedded = EmbeddedPostgres(Path(s.data_dir) / "postgres").start()
            url = self.embedded.url
            log.info("embedded PostgreSQL serving %s on port %d", self.embedded.pgdata, self.embedded.port)
        self.url = url
        if s.migrate:
            migrate.upgrade(url)
        from catalog.observability import calls as _calls
        from catalog.observability import metrics as _metrics

        _calls.configure(slow_call_ms=s.slow_call_ms, access_log=s.access_log)
        if s.processes > 1:  # the parent serves /metrics for every worker process
            _metrics.enable_multiprocess()  # before any pool exists: its first connection creates metrics
        if s.pool_size is None:
            s.pool_size = _auto_pool_size(url, s.processes)
        self.service, self.db = build_service(s, url)
        self.service.bootstrap()
        http = None
        if s.http_port is not None and s.http_port >= 0:  # built (imports, socket) before any thread or fork
            from api.wiring import build_http

            http = build_http(self.service, s)
        if s.processes > 1:
            self._start_children(url, self.service, self.db)
        else:
            self.thrift = ThriftServer(
                MetastoreHandler(self.service, s.thrift_conf()),
                s.host,
                s.thrift_port,
                workers=s.workers,
                framed=s.framed,
                idle_timeout=s.idle_timeout,
            ).start()
        # Every replica (and the parent of worker processes) expires abandoned locks.
        self.lock_reaper = LockReaper(self.service.locks).start()
        if http is not None:
            self.http = http.start()
        if (
            s.grpc_port is not None and s.grpc_port >= 0
        ):  # after any fork: grpcio's threads must not be forked
            from catalog.grpc.wiring import build_grpc

            self.grpc = build_grpc(self.service, s).start()
        if s.events:  # numbers queued events: after this process's commits, and every second
            self.service.core.events.sequencer.start()
        if s.event_ttl > 0:  # every replica runs one; an advisory lock lets one clean at a time
            self.cleaner = EventCleaner(self.db, s.event_ttl, s.event_clean_interval).start()
        if s.metrics_port is not None and s.metrics_port >= 0:
            self.metrics_server = _metrics.MetricsServer(
                s.host, s.metrics_port, [_metrics.SyncRunsCollector(self.db)]
            ).start()
        return self

    @property
    def thrift_port(self) -> int:
        return self.thrift.port if self.thrift else self.settings.thrift_port

    def _start_children(self, url: str, parent_service: CatalogService, parent_db: Database) -> None:
        """Fork worker processes that each serve the same port (SO_REUSEPORT): Python's GIL limits
        one process to one core, so this is how the service uses every core."""
        s = self.settings
        if not s.thrift_port:
            raise ValueError("--processes > 1 needs a fixed --thrift-port")
        parent_db.dispose()
        parent_service.ids.dispose()
        self.children: list[int] = []
        for i in range(s.processes):
            pid = os.fork()
            if pid == 0:  # child
                code = 0
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's early stop handler
                    service, db = build_service(s, url)
                    if s.events:
                        service.core.events.sequencer.start()
                    server = ThriftServer(
                        MetastoreHandler(service, s.thrift_conf()),
                        s.host,
                        s.thrift_port,
                        workers=s.workers,
                        framed=s.framed,
                        idle_timeout=s.idle_timeout,
                        reuse_port=True,
                    ).start()
                    done = threading.Event()
                    signal.signal(signal.SIGTERM, lambda *_, stop=done: stop.set())
                    while not done.wait(1.0):
                        if os.getppid() == 1:  # parent died
                            break
                    server.stop(s.shutdown_timeout)
                    db.dispose()
                except Exception:
                    log.exception("worker process %d failed", i)
                    code = 1
                finally:
                    os._exit(code)
            self.children.append(pid)
        log.info("serving with %d worker processes on port %d", s.processes, s.thrift_port)

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        if getattr(self, "metrics_server", None):
            self.metrics_server.stop()
        grpc_stopped = None
        if self.grpc:  # calls in flight finish while the other doors stop (one --shutdown-timeout)
            grpc_stopped = self.grpc.stop(self.settings.shutdown_timeout, wait=False)
        if self.cleaner:
            self.cleaner.stop()
        if self.http:
            broadcaster = self.http.app.state.ctx.broadcaster
            if broadcaster is not None:
                broadcaster.stop()  # ends the open event streams, so the HTTP server stops at once
            self.http.stop()
        if getattr(self, "lock_reaper", None):
            self.lock_reaper.stop()
        if self.thrift:
            self.thrift.stop(self.settings.shutdown_timeout)
        if grpc_stopped is not None:
            grpc_stopped.wait(self.settings.shutdown_timeout + 5)
        for pid in getattr(self, "children", []):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in getattr(self, "children", []):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            from catalog.observability.metrics import mark_process_dead

            mark_process_dead(pid)
        if getattr(self, "children", None):
            from catalog.observability.metrics import cleanup_multiprocess

            cleanup_multiprocess()
        if self.db:
            self.db.dispose()
        if self.service:  # the id allocator has an engine of its own
            self.service.ids.dispose()
        if self.embedded:
            self.embedded.stop()

    def install_signal_handlers(self) -> threading.Event:
        """SIGTERM/SIGINT request a stop from now on (call before start(): a signal that arrives while
        the servers start is then honoured by serve_forever instead of killing the process)."""
        done = self.__dict__.setdefault("_stop_requested", threading.Event())

        def _signal(signum, frame):
            log.info("received signal %d; stopping", signum)
            done.set()

        signal.signal(signal.SIGTERM, _signal)
        signal.signal(signal.SIGINT, _signal)
        return done

    def serve_forever(self) -> None:
        done = self.install_signal_handlers()
        try:
            while not done.wait(1.0):
                pass
        finally:
            self.stop()
