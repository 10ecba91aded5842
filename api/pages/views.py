"""The explorer's browsing pages, at readable URLs that can be shared:

/                                             catalogs, with their database counts
/catalogs/{c}                                 databases, with their table counts
/catalogs/{c}/databases/{db}                  a database: properties, tables
/catalogs/{c}/databases/{db}/tables/{t}       a table: everything the catalog knows of it
/search?q=                                    the API's ranked search, grouped by kind
/sync, /sync/runs/{id}                        Unity Catalog mirror runs and their events
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from api import convert as cv
from api import models as m
from api import paging
from api.errors import for_error
from api.pages import data, snippets
from api.pages.render import page
from api.pages.session import page_caller
from api.routes_sync import SyncRunDetail, SyncRunOut
from catalog.auth.context import Caller, acting_as
from catalog.errors import CatalogError, PermissionDeniedError
from catalog.store.search import KINDS
from catalog.sync.runs import get_run, list_runs

router = APIRouter(include_in_schema=False)

LIST_PAGE = 100
SEARCH_PAGE = 50
RUNS_PAGE = 50


def _svc(request: Request):
    return request.app.state.ctx.service


def _guard(request: Request, caller: Caller, render: Callable[[], Response]) -> Response:
    """Render, or show a catalog error (no such object, permission denied, …) as a page. The time
    spent, checking the cookie's token included, goes in a Server-Timing header (tests/explorer's
    render benchmark reads it)."""
    t0 = getattr(request.state, "t0", None) or time.perf_counter()  # from sign-in check on
    try:
        resp = render()
    except CatalogError as e:
        status, code = for_error(e)
        resp = page(
            request,
            "error.html",
            status=status,
            caller=caller,
            title=code.replace("_", " "),
            message=e.message,
        )
    resp.headers["Server-Timing"] = f"render;dur={(time.perf_counter() - t0) * 1000:.1f}"
    return resp


def _thrift_uri(request: Request) -> str:
    port = getattr(request.app.state, "explorer_thrift_port", None) or 9083
    return f"thrift://{request.url.hostname or 'localhost'}:{port}"


@router.get("/")
def catalogs(request: Request, caller: Caller = Depends(page_caller)):
    svc = _svc(request)

    def render():
        with acting_as(caller):
            found = svc.list_catalogs_page(None, 1000).items
        n = data.database_counts(svc, caller, [c.name for c in found])
        return page(
            request,
            "catalogs.html",
            caller=caller,
            title="Catalogs",
            catalogs=[(cv.catalog_out(c), n.get(c.name, 0)) for c in found],
        )

    return _guard(request, caller, render)


@router.get("/catalogs/{catalog}")
def databases(
    request: Request,
    catalog: str,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(page_caller),
):
    svc = _svc(request)
    catalog = catalog.lower()

    def render():
        scope = f"explorer-databases:{catalog}"
        with acting_as(caller):
            found = svc.list_databases_page(catalog, paging.decode(scope, page_token), LIST_PAGE)
        n = data.table_counts(svc, caller, catalog, [d.name for d in found.items])
        return page(
            request,
            "databases.html",
            caller=caller,
            title=catalog,
            catalog=catalog,
            databases=[(cv.database_out(d), n.get(d.name, 0)) for d in found.items],
            next_token=found.next and paging.encode(scope, found.next),
        )

    return _guard(request, caller, render)


@router.get("/catalogs/{catalog}/databases/{db}")
def database(
    request: Request,
    catalog: str,
    db: str,
    page_token: str | None = paging.PageToken,
    page_size: int = Query(LIST_PAGE, ge=1, le=paging.MAX_PAGE_SIZE),
    caller: Caller = Depends(page_caller),
):
    svc = _svc(request)
    catalog, db = catalog.lower(), db.lower()

    def render():
        scope = f"explorer-tables:{catalog}.{db}"
        note = None
        with acting_as(caller):
            found = svc.list_tables_page(catalog, db, paging.decode(scope, page_token), page_size)
            try:
                d = cv.database_out(svc.get_database(catalog, db))
            except PermissionDeniedError:
                # Privileges on some of its tables make a database listed, not readable (as in the API).
                if not found.items and page_token is None:
                    raise
                d = m.DatabaseOut(catalog=catalog, name=db)
                note = (
                    "You may read some of its tables, not the database itself (owner, location, properties)."
                )
        total = data.table_counts(svc, caller, catalog, [db]).get(db, 0)
        return page(
            request,
            "database.html",
            caller=caller,
            title=f"{catalog}.{db}",
            catalog=catalog,
            db=d,
            note=note,
            tables=found.items,
            total=total,
            page_size=page_size,
            next_token=found.next and paging.encode(scope, found.next),
        )

    return _guard(request, caller, render)


@router.get("/catalogs/{catalog}/databases/{db}/tables/{table}")
def table(
    request: Request,
    catalog: str,
    db: str,
    table: str,
    filter: str = Query("", max_length=4000),
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(page_caller),
):
    svc = _svc(request)
    catalog, db, table = catalog.lower(), db.lower(), table.lower()

    def render():
        view = data.table_view(svc, caller, catalog, db, table, filter.strip(), page_token)
        first = view.partitions.rows[0].values if view.partitions.rows else None
        return page(
            request,
            "table.html",
            caller=caller,
            title=f"{catalog}.{db}.{table}",
            catalog=catalog,
            v=view,
            t=view.table,
            snippets=snippets.for_table(view.table, _thrift_uri(request), first),
        )

    return _guard(request, caller, render)


@router.get("/search")
def search(
    request: Request,
    q: str = Query("", max_length=200),
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(page_caller),
):
    svc = _svc(request)
    term = q.strip()

    def render():
        groups: dict[str, list] = {k: [] for k in KINDS}
        next_token, note = None, None
        if len(term) >= 2:
            scope = f"explorer-search:{term}"
            offset = paging.decode(scope, page_token, int) or 0
            with acting_as(caller):
                found = svc.search(term, kinds=KINDS, limit=SEARCH_PAGE, offset=max(0, min(offset, 10_000)))
            for h in found.items:
                groups.setdefault(h.kind, []).append(cv.hit_out(h))
            next_token = found.next is not None and paging.encode(scope, found.next) or None
        elif term:
            note = "Type at least two characters."
        return page(
            request,
            "search.html",
            caller=caller,
            title=f"Search: {term}" if term else "Search",
            q=term,
            groups=groups,
            count=sum(len(v) for v in groups.values()),
            next_token=next_token,
            note=note,
        )

    return _guard(request, caller, render)


@router.get("/sync")
def sync_runs(
    request: Request, page_token: str | None = paging.PageToken, caller: Caller = Depends(page_caller)
):
    svc = _svc(request)

    def render():
        before = paging.decode("explorer-sync-runs", page_token, int)
        found = list_runs(svc.db, limit=RUNS_PAGE + 1, before_id=before)
        more = len(found) > RUNS_PAGE
        found = found[:RUNS_PAGE]
        return page(
            request,
            "sync.html",
            caller=caller,
            title="Unity Catalog sync",
            runs=[SyncRunOut(**r) for r in found],
            next_token=paging.encode("explorer-sync-runs", found[-1]["id"]) if more and found else None,
        )

    return _guard(request, caller, render)


@router.get("/sync/runs/{run_id}")
def sync_run(request: Request, run_id: int, caller: Caller = Depends(page_caller)):
    svc = _svc(request)

    def render():
        found = get_run(svc.db, run_id) if 0 < run_id < 2**62 else None
        if found is None:
            return page(
                request,
                "error.html",
                status=404,
                caller=caller,
                title="not found",
                message=f"sync run {run_id} does not exist",
            )
        return page(
            request, "sync_run.html", caller=caller, title=f"Sync run {run_id}", run=SyncRunDetail(**found)
        )

    return _guard(request, caller, render)


__all__ = ["router"]
