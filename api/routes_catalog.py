"""Read-only browsing of catalogs, databases, tables, partitions and functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from api import convert as cv
from api import models as m
from api import paging
from api.auth import require_caller
from api.errors import ERROR_RESPONSES
from catalog.auth.context import Caller, acting_as

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["catalog"])

CatalogName = Path(..., min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$")
DbName = Path(..., min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_]+$")
TableName = Path(..., min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$")


def _svc(request: Request):
    return request.app.state.ctx.service


def _page(
    caller: Caller, scope: str, page_token: str | None, page_size: int, read: Callable[..., Any], *args: Any
) -> tuple[list, Any]:
    """One page of a listing, `read(*args, after, page_size)` as the caller from where `page_token`
    left off: its items and the next page's token (None on the last page)."""
    with acting_as(caller):
        page = read(*args, paging.decode(scope, page_token), page_size)
    return page.items, page.next and paging.encode(scope, page.next)


@router.get("/catalogs", response_model=m.CatalogList, summary="List catalogs")
def list_catalogs(
    request: Request,
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    scope = "catalogs"
    items, next_token = _page(caller, scope, page_token, page_size, _svc(request).list_catalogs_page)
    return m.CatalogList(catalogs=[cv.catalog_out(c) for c in items], next_page_token=next_token)


@router.get("/catalogs/{catalog}/databases", response_model=m.DatabaseList, summary="List databases")
def list_databases(
    request: Request,
    catalog: str = CatalogName,
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    catalog = catalog.lower()
    scope = f"databases:{catalog}"
    items, next_token = _page(
        caller, scope, page_token, page_size, _svc(request).list_databases_page, catalog
    )
    return m.DatabaseList(databases=[cv.database_out(d) for d in items], next_page_token=next_token)


@router.get("/catalogs/{catalog}/databases/{db}", response_model=m.DatabaseOut, summary="Get a database")
def get_database(
    request: Request, catalog: str = CatalogName, db: str = DbName, caller: Caller = Depends(require_caller)
):
    with acting_as(caller):
        return cv.database_out(_svc(request).get_database(catalog.lower(), db))


@router.get("/catalogs/{catalog}/databases/{db}/tables", response_model=m.TableList, summary="List tables")
def list_tables(
    request: Request,
    catalog: str = CatalogName,
    db: str = DbName,
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    catalog, db = catalog.lower(), db.lower()
    scope = f"tables:{catalog}.{db}"
    items, next_token = _page(
        caller, scope, page_token, page_size, _svc(request).list_tables_page, catalog, db
    )
    return m.TableList(tables=[cv.table_summary_out(t) for t in items], next_page_token=next_token)


@router.get(
    "/catalogs/{catalog}/databases/{db}/tables/{table}",
    response_model=m.TableOut,
    summary="Get a table: columns, partition keys, properties, storage, owner, statistics, view text",
)
def get_table(
    request: Request,
    catalog: str = CatalogName,
    db: str = DbName,
    table: str = TableName,
    caller: Caller = Depends(require_caller),
):
    svc = _svc(request)
    with acting_as(caller):
        t = svc.get_table(catalog.lower(), db, table)
        stats = svc.get_table_column_stats(catalog.lower(), db, table, None) if not t.is_view else None
    return cv.table_out(t, stats)


@router.get(
    "/catalogs/{catalog}/databases/{db}/tables/{table}/partitions",
    response_model=m.PartitionList,
    summary="List a table's partitions, in name order, optionally filtered",
)
def list_partitions(
    request: Request,
    catalog: str = CatalogName,
    db: str = DbName,
    table: str = TableName,
    filter: str | None = Query(
        None,
        max_length=4000,
        description="A partition filter, as Thrift's get_partitions_by_filter "
        "takes it: `dt >= '2024-01-01' AND region = 'eu'`",
    ),
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    catalog, db, table = catalog.lower(), db.lower(), table.lower()
    scope = f"partitions:{catalog}.{db}.{table}:{filter or ''}"
    items, next_token = _page(
        caller, scope, page_token, page_size, _svc(request).get_partitions_page, catalog, db, table, filter
    )
    return m.PartitionList(partitions=[cv.partition_out(n, p) for n, p in items], next_page_token=next_token)


@router.get(
    "/catalogs/{catalog}/databases/{db}/functions", response_model=m.FunctionList, summary="List functions"
)
def list_functions(
    request: Request,
    catalog: str = CatalogName,
    db: str = DbName,
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    catalog, db = catalog.lower(), db.lower()
    scope = f"functions:{catalog}.{db}"
    items, next_token = _page(
        caller, scope, page_token, page_size, _svc(request).list_functions_page, catalog, db
    )
    return m.FunctionList(functions=[cv.function_out(f) for f in items], next_page_token=next_token)
