"""Prometheus metrics of the catalog service (prometheus_client).

Every metric is created on first use (`get()`), so that `enable_multiprocess()` can still switch the
process to prometheus_client's multiprocess mode (`catalog serve --processes N`: the worker processes
write their values to files in PROMETHEUS_MULTIPROC_DIR and the parent, which serves /metrics, adds
them up). `render()` produces the exposition text for /metrics and for `--metrics-port`.

What is measured, and where:
- Thrift calls (count, errors by Hive exception type, latency): `catalog.observability.calls`,
  around the processor's dispatch in `catalog/thrift/server.py`; open connections there too.
- REST requests (count by status, latency per route template): `catalog.observability.http`.
- gRPC calls (count by method and status code, latency, in flight): `catalog/grpc/server.py`.
- The SQLAlchemy pools (checked out, overflow, waiters, wait time, timeouts): the QueuePool
  subclass returned by `instrumented_pool_class`, used by `catalog.db.make_engine`.
- Unity Catalog sync runs: counters from `catalog/sync/runs.py` (in the process that runs the sync),
  and `SyncRunsCollector`, which reads `catalog.sync_runs` at scrape time, so that the serving
  replicas report runs made by the CronJob's short-lived processes.
"""

from __future__ import annotations

import glob
import logging
import os
import threading
import time
from functools import cache

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client import values as _values
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)

CONTENT_TYPE = prometheus_client.CONTENT_TYPE_LATEST

LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
)
WAIT_BUCKETS = (0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class CatalogMetrics:
    def __init__(self, registry=prometheus_client.REGISTRY):
        r = registry
        # -- Thrift ------------------------------------------------------------------------------
        self.thrift_calls = Counter(
            "catalog_thrift_calls", "Thrift calls served, by method", ["method"], registry=r
        )
        self.thrift_errors = Counter(
            "catalog_thrift_call_errors",
            "Thrift calls that answered an exception, by method and Hive exception type "
            "(NoSuchObjectException is often control flow: Spark probes for tables that do not exist)",
            ["method", "exception"],
            registry=r,
        )
        self.thrift_latency = Histogram(
            "catalog_thrift_call_duration_seconds",
            "Thrift call latency (decode, service, encode), by method",
            ["method"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.thrift_in_flight = Gauge(
            "catalog_thrift_calls_in_flight",
            "Thrift calls being served",
            multiprocess_mode="livesum",
            registry=r,
        )
        self.thrift_connections = Gauge(
            "catalog_thrift_connections", "Open Thrift connections", multiprocess_mode="livesum", registry=r
        )
        self.thrift_accepted = Counter(
            "catalog_thrift_connections_accepted", "Thrift connections accepted", registry=r
        )
        self.thrift_closed = Counter(
            "catalog_thrift_connections_closed",
            "Thrift connections closed, by reason (eof: the client closed; idle: --idle-timeout; "
            "malformed: a protocol error or a hostile message; error: a socket or unexpected error; "
            "shutdown; rejected: over --workers)",
            ["reason"],
            registry=r,
        )
        # -- REST --------------------------------------------------------------------------------
        self.http_requests = Counter(
            "catalog_http_requests",
            "REST requests, by method, route template and status",
            ["method", "route", "status"],
            registry=r,
        )
        self.http_latency = Histogram(
            "catalog_http_request_duration_seconds",
            "REST request latency by route",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.http_in_flight = Gauge(
            "catalog_http_requests_in_flight",
            "REST requests being served",
            multiprocess_mode="livesum",
            registry=r,
        )
        # -- gRPC --------------------------------------------------------------------------------
        self.grpc_calls = Counter(
            "catalog_grpc_calls",
            "gRPC calls served, by method and status code (NOT_FOUND is often control flow)",
            ["method", "code"],
            registry=r,
        )
        self.grpc_latency = Histogram(
            "catalog_grpc_call_duration_seconds",
            "gRPC call latency (authentication, service, translation), by method",
            ["method"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.grpc_in_flight = Gauge(
            "catalog_grpc_calls_in_flight", "gRPC calls being served", multiprocess_mode="livesum", registry=r
        )
        self.slow_calls = Counter(
            "catalog_slow_calls", "Calls slower than --slow-call-ms, by door", ["door"], registry=r
        )
        # -- database pool -----------------------------------------------------------------------
        self.pool_size = Gauge(
            "catalog_db_pool_size",
            "Configured pool size (connections kept open)",
            ["pool"],
            multiprocess_mode="livesum",
            registry=r,
        )
        self.pool_checked_out = Gauge(
            "catalog_db_pool_checked_out",
            "Pooled connections in use",
            ["pool"],
            multiprocess_mode="livesum",
            registry=r,
        )
        self.pool_overflow = Gauge(
            "catalog_db_pool_overflow",
            "Connections open beyond the pool size",
            ["pool"],
            multiprocess_mode="livesum",
            registry=r,
        )
        self.pool_waiting = Gauge(
            "catalog_db_pool_waiting",
            "Calls waiting for a pooled connection",
            ["pool"],
            multiprocess_mode="livesum",
            registry=r,
        )
        self.pool_wait = Histogram(
            "catalog_db_pool_wait_seconds",
            "Time to get a pooled connection (includes opening a new one)",
            ["pool"],
            buckets=WAIT_BUCKETS,
            registry=r,
        )
        self.pool_timeouts = Counter(
            "catalog_db_pool_timeouts",
            "Calls that gave up waiting --pool-timeout for a connection",
            ["pool"],
            registry=r,
        )
        # -- sync --------------------------------------------------------------------------------
        self.sync_runs = Counter(
            "catalog_sync_runs",
            "Unity Catalog sync runs finished in this process, by status",
            ["status"],
            registry=r,
        )
        self.sync_objects = Counter(
            "catalog_sync_objects",
            "Objects a sync run in this process handled, by type and action",
            ["object_type", "action"],
            registry=r,
        )

        self._thrift_children: dict[str, tuple] = {}

    def thrift_children(self, method: str) -> tuple:
        """(calls counter, latency histogram) of one method, cached: labels() takes a lock."""
        c = self._thrift_children.get(method)
        if c is None:
            c = (self.thrift_calls.labels(method), self.thrift_latency.labels(method))
            self._thrift_children[method] = c
        return c


_lock = threading.Lock()
_metrics: CatalogMetrics | None = None
_multiproc_dir: str | None = None


def get() -> CatalogMetrics:
    global _metrics
    m = _metrics
    if m is None:
        with _lock:
            if _metrics is None:
                _metrics = CatalogMetrics()
            m = _metrics
    return m


def enable_multiprocess(directory: str | None = None) -> str | None:
    """Put this process (and the processes it forks) in prometheus_client's multiprocess mode, keeping
    values in `directory` (default: $PROMETHEUS_MULTIPROC_DIR, else a new temporary directory).
    Returns the directory, or None when metrics were already created in single-process mode (then
    each worker process only counts its own calls and the parent's /metrics shows the parent's)."""
    global _multiproc_dir
    with _lock:
        if _multiproc_dir:
            return _multiproc_dir
        if _metrics is not None:
            log.warning("metrics already in use: multiprocess metrics not enabled; scrape each process")
            return None
        directory = directory or os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if not directory:
            import tempfile

            directory = tempfile.mkdtemp(prefix="catalog-metrics-")
            _created.append(directory)
        os.makedirs(directory, exist_ok=True)
        for f in glob.glob(os.path.join(directory, "*.db")):  # values of an earlier run
            os.remove(f)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
        _values.ValueClass = _values.MultiProcessValue()
        _multiproc_dir = directory
        return directory


def multiprocess_dir() -> str | None:
    return _multiproc_dir


_created: list[str] = []


def cleanup_multiprocess() -> None:
    """Remove the temporary directory enable_multiprocess() made (the serving process, at exit)."""
    import shutil

    while _created:
        shutil.rmtree(_created.pop(), ignore_errors=True)


def mark_process_dead(pid: int) -> None:
    if _multiproc_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid, _multiproc_dir)


def render(extra_collectors=()) -> bytes:
    """The exposition text of every metric (all worker processes' in multiprocess mode)."""
    get()
    if _multiproc_dir:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=_multiproc_dir)
        out = prometheus_client.generate_latest(registry)
    else:
        out = prometheus_client.generate_latest(prometheus_client.REGISTRY)
    if extra_collectors:
        registry = CollectorRegistry(auto_describe=False)
        for c in extra_collectors:
            registry.register(c)
        out += prometheus_client.generate_latest(registry)
    return out


class MetricsServer:
    """`--metrics-port`: /metrics on its own port (for when the REST API is off), no authentication."""

    def __init__(self, host: str, port: int, extra_collectors=()):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        collectors = extra_collectors

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.split("?")[0] not in ("/metrics", "/"):
                    self.send_error(404)
                    return
                body = render(collectors)
                self.send_response(200)
                self.send_header("Content-Type", CONTENT_TYPE)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # quiet
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            address_family = __import__("socket").AF_INET6 if ":" in host else __import__("socket").AF_INET

        self._httpd = Server((host, port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="catalog-metrics", daemon=True)

    def start(self) -> MetricsServer:
        self._thread.start()
        log.info("metrics on http://%s:%d/metrics", self._httpd.server_address[0], self.port)
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


# -- the database pool ------------------------------------------------------------------------------
@cache
def instrumented_pool_class(label: str) -> type[QueuePool]:
    """A QueuePool that reports under pool=`label`: connections checked out, overflow, callers waiting,
    the wait and the timeouts. (A class per label: `engine.dispose()` recreates the pool from its class.)"""

    class InstrumentedQueuePool(QueuePool):
        metrics_label = label

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._seen_overflow = 0
            self._stat_lock = threading.Lock()
            self._known: tuple | None = None
            get().pool_size.labels(label).set(self.size())

        def _children(self) -> tuple:
            """This pool's metric children (labels() takes a lock: looked up once per registry)."""
            m = get()
            known = self._known
            if known is None or known[0] is not m:
                known = self._known = (
                    m,
                    m.pool_waiting.labels(label),
                    m.pool_wait.labels(label),
                    m.pool_checked_out.labels(label),
                )
            return known

        def _do_get(self):
            m, waiting, wait, checked_out = self._children()
            waiting.inc()
            t0 = time.perf_counter()
            try:
                conn = super()._do_get()
            except sa_exc.TimeoutError:
                m.pool_timeouts.labels(label).inc()
                raise
            finally:
                waiting.dec()
                wait.observe(time.perf_counter() - t0)
            checked_out.inc()
            self._track_overflow(m)
            return conn

        def _do_return_conn(self, record):
            try:
                super()._do_return_conn(record)
            finally:
                m, _, _, checked_out = self._children()
                checked_out.dec()
                self._track_overflow(m)

        def _track_overflow(self, m: CatalogMetrics) -> None:
            if max(0, self.overflow()) == self._seen_overflow:  # the usual case: no lock taken
                return
            with self._stat_lock:
                now = max(0, self.overflow())
                delta, self._seen_overflow = now - self._seen_overflow, now
            if delta:
                m.pool_overflow.labels(label).inc(delta)

        def dispose(self):
            super().dispose()
            with self._stat_lock:
                delta, self._seen_overflow = -self._seen_overflow, 0
            if delta:
                get().pool_overflow.labels(label).inc(delta)

    InstrumentedQueuePool.__name__ = f"InstrumentedQueuePool[{label}]"
    return InstrumentedQueuePool


# -- sync -------------------------------------------------------------------------------------------
def sync_run_finished(status: str, counts: dict | None) -> None:
    """Hook called by catalog/sync/runs.py when a run's record is closed."""
    try:
        m = get()
        m.sync_runs.labels(status).inc()
        for kind, actions in ((counts or {}).get("by_type") or {}).items():
            for action, n in (actions or {}).items():
                if n:
                    m.sync_objects.labels(kind, action).inc(n)
    except Exception:
        log.debug("sync metrics failed", exc_info=True)


class SyncRunsCollector:
    """Scrape-time view of `catalog.sync_runs`: when each source last finished a run of each status,
    and what the latest finished run of each source did. Reads one small query per scrape."""

    def __init__(self, db):
        self.db = db

    def describe(self):
        return []

    def collect(self):
        from catalog.store import sync_runs

        ts = GaugeMetricFamily(
            "catalog_sync_last_finished_timestamp_seconds",
            "When each sync source last finished a run with each status (from catalog.sync_runs)",
            labels=["source", "status"],
        )
        objs = GaugeMetricFamily(
            "catalog_sync_last_run_objects",
            "Objects the latest finished run of each source handled, by action",
            labels=["source", "status", "action"],
        )
        up = GaugeMetricFamily("catalog_sync_runs_readable", "1 when catalog.sync_runs could be read")
        try:
            with self.db.read() as conn:
                rows = sync_runs.latest_runs(conn, timeout_ms=2000)
        except Exception:  # noqa: BLE001 - the database being down shows in other metrics
            up.add_metric([], 0)
            return [up]
        for kind, source, status, when, counts in rows:
            if kind == "ts":
                ts.add_metric([source, status], when)
            else:
                for action in (
                    "seen",
                    "unchanged",
                    "created",
                    "updated",
                    "renamed",
                    "restored",
                    "marked_missing",
                    "purged",
                    "skipped",
                    "failed",
                ):
                    v = (counts or {}).get(action)
                    if isinstance(v, (int, float)):
                        objs.add_metric([source, status, action], v)
        up.add_metric([], 1)
        return [ts, objs, up]


__all__ = [
    "CONTENT_TYPE",
    "CatalogMetrics",
    "MetricsServer",
    "SyncRunsCollector",
    "enable_multiprocess",
    "get",
    "instrumented_pool_class",
    "mark_process_dead",
    "multiprocess_dir",
    "render",
    "sync_run_finished",
]
