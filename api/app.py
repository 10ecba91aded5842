"""The FastAPI application: routes under /api/v1, health checks, one error shape."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api import errors, models, routes_admin, routes_catalog, routes_events, routes_sync
from api.auth import Authenticator
from catalog.events.broadcast import EventBroadcaster

VERSION = "1.0.0"


@dataclass
class ApiContext:
    service: object  # catalog.auth.guarded.GuardedCatalogService
    authenticator: Authenticator
    broadcaster: EventBroadcaster | None = None  # the change feed's stream (one LISTEN per process)


def create_app(ctx: ApiContext) -> FastAPI:
    app = FastAPI(
        title="hms-catalog REST API",
        version=VERSION,
        description="Read the Hive-metastore-compatible catalog over HTTP: catalogs, databases, tables, "
        "partitions, functions, search, the audit log, roles and grants, and the change feed (events). "
        "Every route under "
        '/api/v1 needs `Authorization: Bearer <token>`; errors are `{"error": {"code", "message"}}`.',
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.ctx = ctx
    errors.install(app)

    @app.middleware("http")
    async def one_value_per_query_parameter(request: Request, call_next):
        # Every query parameter of this API is a single value: a repeated one is refused, not
        # silently resolved to one of its values.
        keys = [k for k, _ in request.query_params.multi_items()]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            return errors.error_json(
                422, "invalid_request", f"query parameter given more than once: {repeated[0]}"
            )
        return await call_next(request)

    app.include_router(routes_catalog.router)
    app.include_router(routes_admin.router)
    app.include_router(routes_sync.router)
    app.include_router(routes_events.router)

    @app.get("/healthz", response_model=models.Health, tags=["health"], summary="The process is up")
    def healthz():
        return models.Health(status="ok")

    @app.get(
        "/readyz",
        response_model=models.Health,
        tags=["health"],
        summary="The metastore database answers",
        responses={503: {"model": errors.ErrorResponse, "description": "The database is unreachable"}},
    )
    def readyz(request: Request):
        try:
            request.app.state.ctx.service.ping()
        except Exception as e:  # noqa: BLE001 - any failure means not ready
            return JSONResponse(
                status_code=503,
                content={
                    "error": {"code": "unavailable", "message": f"database unreachable: {type(e).__name__}"}
                },
            )
        return models.Health(status="ready")

    return app


__all__ = ["VERSION", "ApiContext", "create_app"]
