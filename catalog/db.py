"""The SQLAlchemy engine (psycopg 3 driver) and the error translation for store calls.

Reads run in autocommit: one round trip per statement, no BEGIN/COMMIT. Every call that writes
runs in one transaction: all or nothing. The hot point reads (get_database, get_table, the name
listings) take a pooled connection without SQLAlchemy's Connection around it (`point_read`).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
from collections.abc import Iterator
from typing import Any

import psycopg
import sqlalchemy.exc as sa_exc
from psycopg.types.json import set_json_loads
from sqlalchemy import Connection, Engine, create_engine, event

from catalog.errors import AlreadyExistsError, InvalidInputError, InvalidObjectError, StorageError
from catalog.store import raw

log = logging.getLogger(__name__)

try:  # orjson parses the JSON documents our reads build ~3x faster
    import orjson

    set_json_loads(orjson.loads)
except ImportError:  # pragma: no cover
    set_json_loads(json.loads)


def normalize_url(url: str) -> str:
    """Accept postgres://, postgresql:// or postgresql+psycopg:// and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    pool_timeout: float = 10.0,
    statement_timeout_ms: int = 0,
    application_name: str = "hms-catalog",
    pre_ping: bool = False,
) -> Engine:
    options = f"-c statement_timeout={int(statement_timeout_ms)}" if statement_timeout_ms else None
    connect_args: dict = {"application_name": application_name, "connect_timeout": 10}
    if options:
        connect_args["options"] = options
    from catalog.observability.metrics import instrumented_pool_class  # pool metrics, labelled by application

    engine = create_engine(
        normalize_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        pool_recycle=3600,
        connect_args=connect_args,
        hide_parameters=True,
        poolclass=instrumented_pool_class(application_name),
        pool_pre_ping=pre_ping,
        # The most recently returned connection first: a client's calls keep finding the backend
        # that has their statements prepared and planned (psycopg prepares per connection) and
        # PostgreSQL's catalog caches warm; FIFO would cycle every call through all of them.
        pool_use_lifo=True,
    )
    return engine


# Extra statements the current context adds to each write transaction it opens (see
# `Database.also_in_each_write`).
_context_hooks: contextvars.ContextVar[tuple] = contextvars.ContextVar("catalog_write_hooks", default=())


class Database:
    """Hands out connections for reads and transactions, translating driver errors."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        self.before_commit: list = []  # callables(conn) run inside every write transaction, last
        # callables(conn) run after every other hook: the transaction's final statements, sent
        # with its COMMIT in one round trip (pipeline mode). They only send (`raw.send`), never
        # wait for a result; each may return a callable that reads its results once the COMMIT
        # succeeded (it must not raise). A failing one fails the COMMIT: nothing is written.
        # (The audit record and the change events are written there.)
        self.at_commit: list = []
        self.on_dispose: list = []  # callables() run by dispose(), before the pool closes

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with _translated():
            with self._autocommit.connect() as conn:
                yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        with _translated():
            with self.engine.begin() as conn:
                yield conn
                for hook in (*self.before_commit, *_context_hooks.get()):
                    hook(conn)
                self._commit_with_final_statements(conn)

    def _commit_with_final_statements(self, conn: Connection) -> None:
        """The at_commit hooks' statements and the COMMIT, in one round trip: the pipeline's one
        sync raises the first error (the COMMIT is then skipped and SQLAlchemy rolls back). Once
        committed, SQLAlchemy's own commit finds the connection idle and sends nothing."""
        driver = conn.connection.driver_connection
        assert driver is not None
        with driver.pipeline():
            readers = [hook(conn) for hook in self.at_commit]
            driver.execute("COMMIT")
        for read in readers:
            if read is not None:
                read()

    @contextlib.contextmanager
    def own_transaction(self) -> Iterator[Connection]:
        """A transaction for the service's own bookkeeping (numbering events): none of the write
        hooks (audit record, events, a context's extra statements) run in it."""
        with _translated():
            with self.engine.begin() as conn:
                yield conn

    @staticmethod
    @contextlib.contextmanager
    def also_in_each_write(hook) -> Iterator[None]:
        """Run `hook(conn)` at the end of every write transaction this context opens inside the
        block, so that it commits or rolls back with it (the sync worker writes an object's
        privileges in the transaction that writes the object). A context variable: it never
        reaches other threads' calls."""
        token = _context_hooks.set((*_context_hooks.get(), hook))
        try:
            yield
        finally:
            _context_hooks.reset(token)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read-only REPEATABLE READ transaction: several statements see one consistent state."""
        with _translated():
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                    yield conn

    @contextlib.contextmanager
    def listing_read(self) -> Iterator[Connection]:
        """An autocommit connection for the hot partition listings: one statement, or a read-only
        REPEATABLE READ snapshot its first statement begins in the same round trip
        (raw.begin_snapshot_fetchall), ended here. A connection found dead invalidates its pool
        generation, as point_read() does (the call's read retry then runs on a fresh one)."""
        with _translated():
            with self._autocommit.connect() as conn:
                try:
                    yield conn
                except psycopg.Error as e:
                    driver = conn.connection.driver_connection
                    if driver is not None and (driver.closed or driver.broken):
                        self.engine.pool._invalidate(conn.connection, e)
                    raise
                finally:
                    raw.end_transaction(conn)

    @contextlib.contextmanager
    def point_read(self) -> Iterator[PointReader]:
        """A pooled connection for a read of one statement, run by psycopg directly: no
        SQLAlchemy Connection, so no isolation level set and reset around each checkout, and no
        result processing. Autocommit: the statement is the one round trip. Errors are translated
        as `read()`'s are; a connection found dead invalidates its pool generation (the call's
        read retry then runs on a fresh one)."""
        with _translated():
            fairy = self.engine.raw_connection()
            driver: psycopg.Connection = fairy.driver_connection  # type: ignore[assignment]
            try:
                driver.autocommit = True
                try:
                    yield PointReader(driver, self.engine)
                finally:
                    driver.autocommit = False  # as the pool hands it to writers (SQLAlchemy's default)
            except psycopg.Error as e:
                if driver.closed or driver.broken:
                    # as SQLAlchemy does on a disconnect: every connection of this one's generation
                    # is replaced at its next checkout (the database restarted: they are all dead)
                    self.engine.pool._invalidate(fairy, e)
                raise
            finally:
                fairy.close()

    def dispose(self) -> None:
        for hook in self.on_dispose:
            hook()
        self.engine.dispose()


class PointReader:
    """Runs the statements of one point read on its pooled psycopg connection. Statements use
    psycopg's `%(name)s` parameters (catalog.store.raw.pyformat) and are prepared on each
    connection at their first use. SQLAlchemy's `before_cursor_execute` listeners of the engine
    see each statement, as they see the other reads' (count_statements)."""

    __slots__ = ("_conn", "_engine")

    def __init__(self, conn: psycopg.Connection, engine: Engine):
        self._conn = conn
        self._engine = engine

    def rows(self, sql: str, params: dict[str, Any]) -> list[tuple]:
        with self._conn.cursor() as cur:
            listeners = self._engine.dispatch.before_cursor_execute
            if listeners:
                listeners(None, cur, sql, params, None, False)
            cur.execute(sql, params, prepare=True)
            return cur.fetchall()

    def row(self, sql: str, params: dict[str, Any]) -> tuple | None:
        found = self.rows(sql, params)
        return found[0] if found else None


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sa_exc.IntegrityError as e:
        orig = e.orig
        if isinstance(orig, psycopg.errors.UniqueViolation):
            raise AlreadyExistsError(f"the object already exists ({_constraint(orig)})") from e
        raise InvalidObjectError(f"the change violates an integrity rule: {_diag(orig)}") from e
    except sa_exc.DataError as e:
        raise InvalidInputError(f"invalid value: {_diag(e.orig)}") from e
    except sa_exc.TimeoutError as e:
        raise StorageError(
            "the metastore database connection pool is exhausted; try again later", unavailable=True
        ) from e
    except sa_exc.DBAPIError as e:
        if isinstance(e.orig, psycopg.errors.QueryCanceled):
            raise StorageError("the metastore database query was cancelled by the statement timeout") from e
        if e.connection_invalidated or isinstance(e.orig, psycopg.OperationalError):
            raise StorageError(
                f"the metastore database is unavailable: {_diag(e.orig)}",
                retryable=bool(e.connection_invalidated),
                unavailable=True,
            ) from e
        raise StorageError(f"metastore database error: {_diag(e.orig)}") from e
    except psycopg.Error as e:  # statements run on the driver directly (catalog.store.raw)
        if isinstance(e, psycopg.errors.QueryCanceled):
            raise StorageError("the metastore database query was cancelled by the statement timeout") from e
        if isinstance(e, psycopg.DataError):
            raise InvalidInputError(f"invalid value: {_diag(e)}") from e
        if isinstance(e, psycopg.OperationalError):
            # a dead pooled connection: the pool discards it when it comes back; a read runs again
            raise StorageError(
                f"the metastore database is unavailable: {_diag(e)}", retryable=True, unavailable=True
            ) from e
        raise StorageError(f"metastore database error: {_diag(e)}") from e


def _constraint(orig) -> str:
    d = getattr(orig, "diag", None)
    return (d and d.constraint_name) or "unique constraint"


def _diag(orig) -> str:
    d = getattr(orig, "diag", None)
    if d is not None and d.message_primary:
        return d.message_primary
    return str(orig).splitlines()[0] if orig else "unknown error"


def count_statements(engine: Engine) -> list[str]:
    """Record every SQL statement sent through `engine` (for round-trip tests)."""
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    return seen
