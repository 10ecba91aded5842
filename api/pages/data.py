"""What the explorer's pages show, read from the guarded service as the signed-in caller (so under
--authorization=enforce a page holds exactly what the REST API would give that caller)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from api import convert as cv
from api import models as m
from api import paging
from api.errors import for_error
from catalog.auth.context import Caller, acting_as
from catalog.errors import CatalogError, PermissionDeniedError
from catalog.privileges import DATABASE, TABLE, USER, ObjectRef
from catalog.store import counts
from catalog.store.audit import AuditQuery

PARTITIONS_PER_PAGE = 50
AUDIT_ROWS = 25


def _enforced(svc, caller: Caller) -> bool:
    authz = getattr(svc, "authz", None)
    return bool(authz is not None and authz.applies_to(caller))


def database_counts(svc, caller: Caller, catalogs: list[str]) -> dict[str, int]:
    """Databases per catalog, as many as the caller may see."""
    if _enforced(svc, caller):
        with acting_as(caller):
            return {c: len(svc.get_databases(c)) for c in catalogs}
    with svc.db.read() as conn:
        return counts.databases_per_catalog(conn, catalogs)


def table_counts(svc, caller: Caller, catalog: str, dbs: list[str]) -> dict[str, int]:
    """Tables per database, as many as the caller may see."""
    if _enforced(svc, caller):
        with acting_as(caller):
            return {d: len(svc.get_tables(catalog, d)) for d in dbs}
    with svc.db.read() as conn:
        return counts.tables_per_database(conn, catalog, dbs)


@dataclass
class Section:
    """A part of a page that may be refused on its own (e.g. the audit log for a non-admin)."""

    rows: list = field(default_factory=list)
    note: str | None = None


@dataclass
class PartitionView:
    rows: list[m.PartitionOut] = field(default_factory=list)
    total: int | None = None
    filter: str = ""
    error: str | None = None
    next_token: str | None = None
    token: str | None = None


@dataclass
class TableView:
    table: m.TableOut
    partitions: PartitionView
    table_grants: Section
    database_grants: Section
    audit: Section
    extra: dict[str, Any] = field(default_factory=dict)


def _partitions(svc, caller, catalog, db, name, flt: str, token: str | None) -> PartitionView:
    view = PartitionView(filter=flt, token=token)
    scope = f"explorer-partitions:{catalog}.{db}.{name}:{flt}"
    try:
        with acting_as(caller):
            page = svc.get_partitions_page(
                catalog, db, name, flt or None, paging.decode(scope, token), PARTITIONS_PER_PAGE
            )
            view.total = svc.get_num_partitions_by_filter(catalog, db, name, flt) if flt else None
    except CatalogError as e:
        if for_error(e)[0] != 400:  # a bad filter or page token is shown on the page; the rest is not ours
            raise
        view.error = e.message
        return view
    view.rows = [cv.partition_out(n, p) for n, p in page.items]
    view.next_token = page.next and paging.encode(scope, page.next)
    return view


def _grants(svc, caller: Caller, obj: ObjectRef) -> Section:
    with acting_as(caller):
        try:
            return Section([cv.grant_out(g) for g in svc.list_privileges(None, None, obj)])
        except PermissionDeniedError:
            own = svc.list_privileges(caller.principal, USER, obj) if caller.principal else []
            return Section(
                [cv.grant_out(g) for g in own],
                "Only admins see every grant; these are the ones held by you as a user.",
            )


def _audit(svc, caller: Caller, object_name: str) -> Section:
    with acting_as(caller):
        try:
            page = svc.audit_records(AuditQuery(object_name=object_name), None, AUDIT_ROWS)
        except PermissionDeniedError:
            return Section([], "The audit log is open to admins only.")
    return Section([m.AuditRecordOut(**r.__dict__) for r in page.items])


def table_view(
    svc, caller: Caller, catalog: str, db: str, name: str, flt: str, token: str | None
) -> TableView:
    with acting_as(caller):
        t = svc.get_table(catalog, db, name)
        stats = svc.get_table_column_stats(catalog, db, name, None) if not t.is_view else None
    out = cv.table_out(t, stats)
    parts = (
        _partitions(svc, caller, catalog, out.database, out.name, flt, token)
        if out.partition_keys
        else PartitionView()
    )
    return TableView(
        table=out,
        partitions=parts,
        table_grants=_grants(svc, caller, ObjectRef(TABLE, catalog, out.database, out.name)),
        database_grants=_grants(svc, caller, ObjectRef(DATABASE, catalog, out.database)),
        audit=_audit(svc, caller, f"{catalog}.{out.database}.{out.name}"),
    )


__all__ = [
    "PARTITIONS_PER_PAGE",
    "PartitionView",
    "Section",
    "TableView",
    "database_counts",
    "table_counts",
    "table_view",
]
