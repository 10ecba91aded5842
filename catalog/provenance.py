"""Provenance: which objects the Unity Catalog mirror owns, and the write guard that keeps them
read-only for every caller but the mirror.

The mirror marks what it writes: a catalog it creates is listed in `catalog.mirrored_catalogs`;
its databases and tables carry `catalog.mirror.*` parameters (`catalog.mirror.source` names the
UC server). Only the mirror may set those keys: it runs its writes inside `mirror_writes()` (a
context variable of the sync worker's own thread, which no Thrift or REST caller can set), and the
guard refuses `catalog.mirror.*` keys from everyone else, so no caller can forge a marker.

`WriteGuard.check` is consulted by every writing operation of the service (catalog.auth.guarded
declares, next to each operation's authorization rule, what the operation changes): it refuses a
change to a mirrored catalog, database or table, a forged marker, and a privilege claimed in the
mirror's name. This module is part of the core: the service and the mirror both import it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from catalog.db import Database as Db
from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG
from catalog.errors import InvalidObjectError, InvalidOperationError
from catalog.store import provenance as store

MIRROR_PREFIX = "catalog.mirror."  # parameter keys only the mirror may set
SOURCE = MIRROR_PREFIX + "source"
MIRROR_GRANTOR = "unity-catalog"  # GRANTOR of the privileges the mirror maps from UC grants

_mirror: contextvars.ContextVar[bool] = contextvars.ContextVar("catalog_mirror_writes", default=False)


@contextlib.contextmanager
def mirror_writes() -> Iterator[None]:
    """Let the calls made inside this block change mirrored objects and set their markers (the
    sync worker only)."""
    token = _mirror.set(True)
    try:
        yield
    finally:
        _mirror.reset(token)


def is_mirror() -> bool:
    """True inside `mirror_writes()`."""
    return _mirror.get()


@dataclass(frozen=True)
class Ref:
    """A catalog (db None), a database (table None) or a table, by name."""

    catalog: str
    db: str | None = None
    table: str | None = None

    @property
    def kind(self) -> str:
        return "catalog" if self.db is None else "database" if self.table is None else "table"

    def __str__(self) -> str:
        return ".".join(x for x in (self.catalog, self.db, self.table) if x is not None)


def catalog_ref(catalog: str | None) -> Ref:
    return Ref(nm.normalize(catalog or DEFAULT_CATALOG))


def database_ref(catalog: str | None, db: str | None) -> Ref:
    return Ref(nm.normalize(catalog or DEFAULT_CATALOG), nm.normalize(db or ""))


def table_ref(catalog: str | None, db: str | None, table: str | None) -> Ref:
    return Ref(nm.normalize(catalog or DEFAULT_CATALOG), nm.normalize(db or ""), nm.normalize(table or ""))


@dataclass(frozen=True)
class Changes:
    """What one call would change: the existing objects it writes to (or into), the parameter maps
    it sends, the grantors it names, and whether it claims the mirror's provenance outright."""

    objects: tuple[Ref, ...] = ()
    parameters: tuple[Mapping[str, str] | None, ...] = ()
    grantors: tuple[str | None, ...] = ()
    claims_mirror: bool = False


NOTHING_MIRRORED = Changes()  # a write no mirrored object is concerned by (roles)


def changes(
    objects: Iterable[Ref] = (),
    parameters: Iterable[Mapping[str, str] | None] = (),
    grantors: Iterable[str | None] = (),
    claims_mirror: bool = False,
) -> Changes:
    return Changes(tuple(objects), tuple(parameters), tuple(grantors), claims_mirror)


@dataclass
class WriteGuard:
    """The one check every writing operation passes before it runs (see the module docstring)."""

    db: Db

    def check(self, c: Changes) -> None:
        if is_mirror():
            return
        # a mirrored object first: "change it there" is the answer that helps most
        self._refuse_mirrored(c.objects)
        if c.claims_mirror:
            raise InvalidObjectError("only the Unity Catalog mirror can create mirrored objects")
        for params in c.parameters:
            forged = sorted(k for k in (params or {}) if isinstance(k, str) and k.startswith(MIRROR_PREFIX))
            if forged:
                raise InvalidObjectError(
                    f"parameter {forged[0]} is reserved: keys starting with '{MIRROR_PREFIX}' mark objects "
                    f"mirrored from Unity Catalog and only the mirror sets them"
                )
        if MIRROR_GRANTOR in c.grantors:
            raise InvalidObjectError(
                f"grantor '{MIRROR_GRANTOR}' is reserved for the privileges mirrored from Unity Catalog"
            )

    def _refuse_mirrored(self, refs: tuple[Ref, ...]) -> None:
        """One round trip for all the objects (none for Hive's own catalog alone)."""
        objects = [
            r for r in dict.fromkeys(refs) if not (r.kind == "catalog" and r.catalog == DEFAULT_CATALOG)
        ]
        if not objects:
            return
        with self.db.read() as conn:
            mirrored = store.mirror_sources(
                conn,
                [r.catalog for r in objects if r.kind == "catalog"],
                [(r.catalog, r.db or "") for r in objects if r.kind == "database"],
                [(r.catalog, r.db or "", r.table or "") for r in objects if r.kind == "table"],
            )
        for r in objects:
            source = mirrored.get((r.catalog, r.db, r.table))
            if source:
                raise InvalidOperationError(
                    f"{r.kind} {r} is mirrored from Unity Catalog (source {source}); change it there"
                )


def check_revocable(grantors: Iterable[str | None]) -> None:
    """Refuse revoking a privilege the mirror granted: UC owns it (revoke it there)."""
    if MIRROR_GRANTOR in grantors and not is_mirror():
        raise InvalidOperationError(
            f"this privilege is mirrored from Unity Catalog (grantor '{MIRROR_GRANTOR}'); revoke it there"
        )
