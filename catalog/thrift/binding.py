"""How a Thrift call reaches the handler, shared by every method (handler.py's `BoundHandler`) and
by the streamed partition listings (streaming.py): the caller of the connection, one retry of a
read that met a dead pooled connection, and domain errors translated to the exceptions the IDL
declares for the method.

Also the small argument rules every translator uses (Hive 3's `@catalog#db` names, max_parts)."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from catalog import errors
from catalog.auth.context import with_thrift_caller
from catalog.domain.model import DEFAULT_CATALOG
from catalog.thrift.errors import to_thrift
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore as svc
from catalog.thrift_gen.hive_metastore import ttypes as tt

log = logging.getLogger(__name__)

T = TypeVar("T")

# Calls that only read: retried once on a fresh connection when the pooled one was dead.
_READ_PREFIXES = ("get_", "getMetaConf", "partition_name_")


def split_db_name(name: str | None) -> tuple[str, str | None]:
    """Hive 3 clients send `@<catalog>#<db>` in database-name arguments; older clients a bare name."""
    if name and name.startswith("@") and "#" in name:
        cat, _, db = name[1:].partition("#")
        return cat.lower() or DEFAULT_CATALOG, (db or None)
    return DEFAULT_CATALOG, name


def catalog_and_db(name: str | None) -> tuple[str, str]:
    """`split_db_name` with an absent database as "" (the service treats both alike)."""
    cat, db = split_db_name(name)
    return cat, db or ""


def max_parts(v: int | None) -> int:
    """Thrift's optional max_parts: absent means no limit (-1)."""
    return -1 if v is None else int(v)


def declared_exceptions(method: str) -> tuple[type, ...]:
    """The exception types the IDL declares for `method` (what its result struct can carry)."""
    result_cls = getattr(svc, f"{method}_result", None)
    spec = getattr(result_cls, "thrift_spec", None) or ()
    out = []
    for field in spec:
        if field and field[1] == 12 and field[2] != "success":  # TType.STRUCT exception fields
            cls = field[3][0] if isinstance(field[3], (list, tuple)) else None
            if isinstance(cls, type) and issubclass(cls, Exception):
                out.append(cls)
    return tuple(out)


def is_read(method: str) -> bool:
    return method.startswith(_READ_PREFIXES)


def retried_if_read(method: str, fn: Callable[[], T]) -> T:
    """Run `fn`; a read that met a dead pooled connection (database restarted) runs once more on a
    fresh one. Writes are never retried here (the client decides)."""
    try:
        return fn()
    except errors.StorageError as e:
        if not (is_read(method) and e.retryable):
            raise
        return fn()


def thrift_exception(method: str, e: Exception, declared: tuple[type, ...]) -> Exception:
    """The exception a call answers for `e`: a domain error as its Hive exception; anything else
    is a bug, answered as a MetaException (never a dropped connection)."""
    if isinstance(e, errors.CatalogError):
        return to_thrift(e, declared)
    log.error("internal error in %s", method, exc_info=e)
    return to_thrift(errors.StorageError(f"internal error in {method}: {type(e).__name__}: {e}"), declared)


def translated(method: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` as the generated Processor calls it: retried if a read, errors translated."""
    declared = declared_exceptions(method)

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return retried_if_read(method, lambda: fn(*args, **kwargs))
        except tt.MetaException:
            raise
        except Exception as e:
            raise thrift_exception(method, e, declared) from e

    return call


# Hive ACID's transaction calls: named as such, so a Trino/Hive user sees why at once.
_ACID_METHODS = frozenset(
    "open_txns commit_txn abort_txn abort_txns get_open_txns get_open_txns_info allocate_table_write_ids "
    "get_valid_write_ids add_dynamic_partitions repl_tbl_writeid_state compact compact2 show_compact "
    "get_lock_materialization_rebuild heartbeat_lock_materialization_rebuild".split()
)


def unimplemented(method: str) -> Callable[..., Any]:
    declared = declared_exceptions(method)
    why = f"{method} is not implemented by this metastore"
    if method in _ACID_METHODS:
        why += (
            ": Hive ACID transactions are not supported (locks without a transaction are: "
            "lock, check_lock, unlock, heartbeat; see docs/clients.md)"
        )

    def call(*args: Any, **kwargs: Any) -> Any:
        raise to_thrift(errors.UnsupportedError(why), declared)

    call.__name__ = method
    return call


class Handler(Protocol):
    """A Thrift handler: the per-connection state set_ugi fills (handler.ConnectionState)."""

    @property
    def state(self) -> Any: ...


class BoundHandler:
    """The object the generated Processor calls: every Iface method of `handler`, run as the
    connection's caller (set_ugi), translated; methods the handler lacks answer a MetaException
    that names them."""

    def __init__(self, handler: Handler):
        self.handler = handler
        for name, _ in inspect.getmembers(svc.Iface, predicate=inspect.isfunction):
            impl = getattr(handler, name, None)
            call = translated(name, impl) if impl is not None else unimplemented(name)
            setattr(self, name, with_thrift_caller(handler.state, call))
