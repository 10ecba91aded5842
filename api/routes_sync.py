"""Unity Catalog mirror runs: what each `catalog sync unity` run saw and did."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel

from api import paging
from api.auth import require_caller
from api.errors import ERROR_RESPONSES
from catalog.auth.context import Caller
from catalog.errors import NotFoundError
from catalog.sync.runs import get_run, list_runs

router = APIRouter(prefix="/api/v1/sync", responses=ERROR_RESPONSES, tags=["sync"])


class SyncRunOut(BaseModel):
    id: int
    source: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    status: str
    dry_run: bool
    counts: dict
    error: str | None = None


class SyncEventOut(BaseModel):
    id: int
    at: dt.datetime
    object_type: str
    source_id: str | None = None
    object_name: str
    action: str
    reason: str | None = None


class SyncRunList(BaseModel):
    runs: list[SyncRunOut]
    next_page_token: str | None = None


class SyncRunDetail(SyncRunOut):
    events: list[SyncEventOut]


@router.get("/runs", response_model=SyncRunList, summary="Mirror runs, newest first")
def runs(
    request: Request,
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    before = paging.decode("sync-runs", page_token, int)
    found = list_runs(request.app.state.ctx.service.db, limit=page_size + 1, before_id=before)
    more = len(found) > page_size
    found = found[:page_size]
    return SyncRunList(
        runs=[SyncRunOut(**r) for r in found],
        next_page_token=paging.encode("sync-runs", found[-1]["id"]) if more and found else None,
    )


@router.get("/runs/{run_id}", response_model=SyncRunDetail, summary="One mirror run with its events")
def run(request: Request, run_id: int = Path(..., ge=1, le=2**62), caller: Caller = Depends(require_caller)):
    found = get_run(request.app.state.ctx.service.db, run_id)
    if found is None:
        raise NotFoundError(f"sync run {run_id} does not exist")
    return SyncRunDetail(**found)
