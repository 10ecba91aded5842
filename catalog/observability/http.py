"""REST instrumentation: an ASGI middleware (count, latency and status per route template, request
ids, access and slow-call logs) and the unauthenticated `GET /metrics` route.

`install(app, db)` is called once by api/wiring.py on the FastAPI app before it serves.
"""

from __future__ import annotations

import re
import time

from catalog.observability import calls, metrics

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")
UNMATCHED = "<unmatched>"


class ObservabilityMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = None
        for k, v in scope.get("headers") or ():
            if k == b"x-request-id":
                v = v.decode("latin-1")
                rid = v if _REQUEST_ID.match(v) else None
                break
        client = scope.get("client")
        ctx = calls.CallContext(
            "rest",
            method=f"{scope.get('method', '')} {scope.get('path', '')}",
            remote=client[0] if client else None,
            request_id=rid,
        )
        status = {"code": 500}
        rid_header = (b"x-request-id", ctx.request_id.encode())

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message = dict(message)
                message["headers"] = [*message.get("headers", []), rid_header]
            await send(message)

        m = metrics.get()
        token = calls.enter(ctx)
        m.http_in_flight.inc()
        t0 = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except BaseException as e:
            ctx.error = type(e).__name__
            raise
        finally:
            dt = time.perf_counter() - t0
            m.http_in_flight.dec()
            calls.leave(token)
            route = scope.get("route")
            template = getattr(route, "path", None) or UNMATCHED
            method = scope.get("method", "")
            ctx.method = f"{method} {template}"
            code = status["code"]
            m.http_requests.labels(method, template, str(code)).inc()
            m.http_latency.labels(method, template).observe(dt)
            calls.finish(ctx, dt, outcome=ctx.error or str(code))


def install(app, db=None) -> None:
    """Instrument `app` and add `GET /metrics` (no authentication, not in the OpenAPI document)."""
    from starlette.responses import Response

    extra = [metrics.SyncRunsCollector(db)] if db is not None else []

    def metrics_endpoint(request):  # sync: runs in the threadpool (a scrape may read the database)
        return Response(metrics.render(extra), media_type=metrics.CONTENT_TYPE)

    app.add_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    app.add_middleware(ObservabilityMiddleware)
    _note_rest_callers(app)


def _note_rest_callers(app) -> None:
    """The access log names the authenticated principal: wrap the app's authenticator so that the
    caller it returns is noted on the request's context."""
    ctx = getattr(app.state, "ctx", None)
    auth = getattr(ctx, "authenticator", None)
    if auth is None or getattr(auth.authenticate, "_catalog_noted", False):
        return
    inner = auth.authenticate

    def authenticate(*args, **kwargs):
        caller = inner(*args, **kwargs)
        call = calls.current_call()
        if call is not None:
            call.caller = getattr(caller, "principal", None)
        return caller

    authenticate._catalog_noted = True  # type: ignore[attr-defined]
    auth.authenticate = authenticate


__all__ = ["ObservabilityMiddleware", "install"]
