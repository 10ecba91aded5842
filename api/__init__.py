"""The REST API (`/api/v1`): a thin translator over the catalog service, like the Thrift door.

Public surface: `create_app(ctx)` (the FastAPI application), `ApiContext`, `HttpServer` (uvicorn
in a thread, started and stopped by catalog.app.Runtime)."""

from api.app import ApiContext, create_app
from api.server import HttpServer

__all__ = ["ApiContext", "HttpServer", "create_app"]
