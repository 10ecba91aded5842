"""The one table that maps catalog errors to HTTP statuses, and the one error shape:
`{"error": {"code": "...", "message": "..."}}` for every failure, validation errors included."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from catalog import errors as e

log = logging.getLogger(__name__)

ERROR_TO_HTTP: dict[type, tuple[int, str]] = {
    e.NotFoundError: (404, "not_found"),
    e.AlreadyExistsError: (409, "already_exists"),
    e.InvalidObjectError: (400, "invalid_object"),
    e.InvalidOperationError: (409, "invalid_operation"),
    e.InvalidInputError: (400, "invalid_argument"),
    e.UnsupportedError: (400, "unsupported"),
    e.StorageError: (503, "unavailable"),
    e.AuthenticationError: (401, "unauthenticated"),
    e.PermissionDeniedError: (403, "permission_denied"),
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    503: "unavailable",
}

WWW_AUTHENTICATE = 'Bearer realm="catalog"'


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


def _doc(description: str) -> dict:
    return {"model": ErrorResponse, "description": description}


# Declared on every route, so the OpenAPI document lists each status a route can answer.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("Bad request (an invalid argument, filter or page token)"),
    401: _doc("Missing, invalid, revoked or expired bearer token"),
    403: _doc("The caller lacks a privilege"),
    404: _doc("No such object"),
    409: _doc("Conflict with the catalog's state"),
    422: _doc("The request does not match the schema (identifiers, sizes, types)"),
    503: _doc("The metastore database is unavailable"),
}


def error_json(
    status: int, code: str, message: str, headers: dict | None = None, token_given: bool = False
) -> JSONResponse:
    if status == 401:  # RFC 6750: error="invalid_token" only when a token was presented
        headers = {
            "WWW-Authenticate": WWW_AUTHENTICATE + (', error="invalid_token"' if token_given else ""),
            **(headers or {}),
        }
    return JSONResponse(
        status_code=status, content={"error": {"code": code, "message": message}}, headers=headers
    )


def for_error(err: e.CatalogError) -> tuple[int, str]:
    for cls in type(err).__mro__:
        if cls in ERROR_TO_HTTP:
            return ERROR_TO_HTTP[cls]
    return 500, "internal"


def install(app: FastAPI) -> None:
    @app.exception_handler(e.CatalogError)
    async def _catalog_error(request: Request, err: e.CatalogError):
        status, code = for_error(err)
        return error_json(status, code, err.message, token_given=bool(request.headers.get("authorization")))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        parts = []
        for d in err.errors()[:5]:
            loc = ".".join(str(x) for x in d.get("loc", ()) if x != "body") or "request"
            parts.append(f"{loc}: {d.get('msg', 'invalid')}")
        return error_json(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        code = _HTTP_CODES.get(err.status_code, "error")
        return error_json(err.status_code, code, str(err.detail), getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(request: Request, err: Exception):
        log.exception("internal error serving %s %s", request.method, request.url.path)
        return error_json(500, "internal", f"internal error: {type(err).__name__}")


__all__ = [
    "ERROR_RESPONSES",
    "ERROR_TO_HTTP",
    "WWW_AUTHENTICATE",
    "ErrorResponse",
    "error_json",
    "for_error",
    "install",
]
