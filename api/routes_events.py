"""The change feed: the catalog's change events (Hive's notification log), paged or streamed.

`GET /api/v1/events` pages through events after an id; `GET /api/v1/events/stream` is a
Server-Sent Events stream of the events that commit from then on (or from `since` /
`Last-Event-ID`, after catching up). Both read the same log Hive clients read with
get_next_notification; the stream is fed by the process's one LISTEN connection
(`catalog.events.broadcast`), never by a per-client polling loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api import paging
from api.auth import require_caller
from api.errors import ERROR_RESPONSES
from catalog.auth.context import Caller, acting_as
from catalog.errors import InvalidInputError, UnsupportedError
from catalog.store.notifications import EventFilter, EventRow

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["events"])

KEEPALIVE_SECONDS = 15.0
MAX_QUEUED = 10_000  # events waiting for a slow stream client; past this it is disconnected

NAME = r"^[A-Za-z0-9_]+$"
EVENT_TYPE = r"^[A-Z_]+$"


class EventOut(BaseModel):
    id: int
    time: dt.datetime
    type: str
    catalog: str | None = None
    database: str | None = None
    table: str | None = None
    message_format: str | None = None
    message: str | None = None  # Hive's JSON message (with_message=true)


class EventList(BaseModel):
    events: list[EventOut]
    last_event_id: int  # the id to continue after (`since`), also when the page is empty
    next_page_token: str | None = None


def event_out(r: EventRow) -> EventOut:
    return EventOut(
        id=r.event_id,
        time=dt.datetime.fromtimestamp(r.event_time, dt.UTC),
        type=r.event_type,
        catalog=r.catalog or "hive",
        database=r.db,
        table=r.table,
        message_format=r.message_format,
        message=r.message,
    )


def _filter(catalog, database, table, type_) -> EventFilter:
    if table is not None and database is None:
        raise InvalidInputError("table needs database")
    return EventFilter(
        types=tuple(t for t in (type_ or "").split(",") if t),
        catalog=catalog.lower() if catalog else None,
        db=database.lower() if database else None,
        table=table.lower() if table else None,
    )


def _svc(request: Request):
    return request.app.state.ctx.service


@router.get(
    "/events",
    response_model=EventList,
    summary="Change events after an id, oldest first (admins only when authorization is enforced)",
    description="The catalog's change events (Hive's NOTIFICATION_LOG), in commit order with dense ids. "
    "Start at `since=0` (or the `last_event_id` of an earlier answer) and follow `next_page_token`. "
    "Example: `curl -H 'Authorization: Bearer $TOKEN' "
    "'http://localhost:8080/api/v1/events?since=0&database=sales&type=ADD_PARTITION'`.",
)
def list_events(
    request: Request,
    since: int = Query(0, ge=0, description="Only events with a larger id"),
    catalog: str | None = Query(None, min_length=1, max_length=256, pattern=NAME),
    database: str | None = Query(None, min_length=1, max_length=128, pattern=NAME),
    table: str | None = Query(None, min_length=1, max_length=256, pattern=NAME, description="Needs database"),
    type: str | None = Query(
        None,
        min_length=1,
        max_length=512,
        pattern=r"^[A-Z_]+(,[A-Z_]+)*$",
        description="Event types, comma-separated",
    ),
    with_message: bool = Query(False, description="Include Hive's JSON message of each event"),
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    f = _filter(catalog, database, table, type)
    scope = f"events:{f}:{with_message}"
    after = paging.decode(scope, page_token, int)
    after = since if after is None else max(after, since)
    with acting_as(caller):
        rows = _svc(request).events_page(after, page_size, f, with_message)
    last = rows[-1].event_id if rows else after
    return EventList(
        events=[event_out(r) for r in rows],
        last_event_id=last,
        next_page_token=paging.encode(scope, last) if len(rows) == page_size else None,
    )


@router.get(
    "/events/stream",
    summary="Server-Sent Events: change events as they commit (admins only when authorization is enforced)",
    description="One `event:` per change, named after its type, with the event's id as the SSE `id` and "
    "the same JSON as `GET /api/v1/events` as `data`. Without `since` it starts at the events committed "
    "from now on; with `since` (or a `Last-Event-ID` header, as browsers send on reconnecting) it "
    "first sends what it missed. A comment line is sent every 15 s to keep proxies from closing "
    "the connection. Example: `curl -N -H 'Authorization: Bearer $TOKEN' "
    "http://localhost:8080/api/v1/events/stream?database=sales`.",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}, "description": "The stream"}
    },
)
async def stream_events(
    request: Request,
    since: int | None = Query(None, ge=0, description="Send the events after this id first"),
    catalog: str | None = Query(None, min_length=1, max_length=256, pattern=NAME),
    database: str | None = Query(None, min_length=1, max_length=128, pattern=NAME),
    table: str | None = Query(None, min_length=1, max_length=256, pattern=NAME, description="Needs database"),
    type: str | None = Query(
        None,
        min_length=1,
        max_length=512,
        pattern=r"^[A-Z_]+(,[A-Z_]+)*$",
        description="Event types, comma-separated",
    ),
    with_message: bool = Query(False, description="Include Hive's JSON message of each event"),
    last_event_id: str | None = Header(None, alias="Last-Event-ID", max_length=20),
    caller: Caller = Depends(require_caller),
):
    f = _filter(catalog, database, table, type)
    svc = _svc(request)
    if last_event_id is not None:
        if not last_event_id.isdigit():
            raise InvalidInputError("Last-Event-ID must be an event id")
        since = int(last_event_id)
    with acting_as(caller):  # authorization is decided before anything is streamed
        await run_in_threadpool(svc.current_notification_event_id)
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[list[EventRow] | None] = asyncio.Queue()
    queued = [0]

    def deliver(rows: list[EventRow] | None) -> None:  # the listener thread; None: the server stops
        def put() -> None:
            queued[0] += len(rows or ())
            queue.put_nowait(rows if rows is not None and queued[0] <= MAX_QUEUED else None)

        loop.call_soon_threadsafe(put)

    broadcaster = request.app.state.ctx.broadcaster
    if broadcaster is None:
        raise UnsupportedError("this server streams no events")
    unsubscribe = await run_in_threadpool(broadcaster.subscribe, deliver, with_message)
    # read "now" after subscribing: whatever commits later reaches the queue
    with acting_as(caller):
        start = await run_in_threadpool(svc.current_notification_event_id)

    async def body() -> AsyncIterator[str]:
        sent = start if since is None else since
        try:
            yield ": hms-catalog change events\n\n"
            if since is not None:  # catch up from the log, page by page
                while True:
                    with acting_as(caller):
                        rows = await run_in_threadpool(
                            svc.events_page, sent, paging.MAX_PAGE_SIZE, f, with_message
                        )
                    for r in rows:
                        yield _sse(r)
                        sent = r.event_id
                    if len(rows) < paging.MAX_PAGE_SIZE:
                        break
            while True:
                try:
                    rows_or_none = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if rows_or_none is None:
                    return  # too far behind, or the server stops: the client reconnects with Last-Event-ID
                queued[0] -= len(rows_or_none)
                for r in rows_or_none:
                    if r.event_id > sent and _matches(f, r):
                        yield _sse(r)
                        sent = r.event_id
        finally:
            unsubscribe()

    return StreamingResponse(
        body(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _matches(f: EventFilter, r: EventRow) -> bool:
    return (
        (not f.types or r.event_type in f.types)
        and (f.catalog is None or (r.catalog or "hive") == f.catalog)
        and (f.db is None or r.db == f.db)
        and (f.table is None or r.table == f.table)
    )


def _sse(r: EventRow) -> str:
    data = json.dumps(event_out(r).model_dump(mode="json"), separators=(",", ":"))
    return f"id: {r.event_id}\nevent: {r.event_type}\ndata: {data}\n\n"


__all__ = ["EventList", "EventOut", "router"]
