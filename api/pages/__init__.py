"""The catalog explorer: HTML pages served on the REST port at `/`, rendered on the server from the
same guarded service as the REST API (no build step, no script, no asset from outside the process).

`install(app, ...)` adds its routes to the REST API's FastAPI app (called by api/wiring.py)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import Response

from api.pages import session, signin, views
from api.pages.oidc_login import OidcLogin, OidcLoginSettings
from api.pages.render import STATIC, redirect, secure

_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


def _static_files() -> dict[str, tuple[bytes, str]]:
    return {
        p.name: (p.read_bytes(), _STATIC_TYPES[p.suffix])
        for p in STATIC.iterdir()
        if p.is_file() and p.suffix in _STATIC_TYPES
    }


def install(app: FastAPI, *, oidc: OidcLoginSettings | None = None, thrift_port: int | None = None) -> None:
    app.state.explorer_oidc = OidcLogin(oidc) if oidc is not None else None
    app.state.explorer_thrift_port = thrift_port
    files = _static_files()

    @app.exception_handler(session.SignInRequired)
    async def _sign_in(request: Request, err: session.SignInRequired):
        resp = redirect(session.signin_url(request))
        if err.message:  # a cookie that no longer signs in: drop it
            session.clear_cookie(request, resp, session.SESSION_COOKIE)
        return resp

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        found = files.get(name)
        if found is None:
            return secure(Response("not found", status_code=404, media_type="text/plain"))
        body, media_type = found
        resp = secure(Response(body, media_type=media_type))
        resp.headers["Cache-Control"] = "public, max-age=3600"
        return resp

    app.include_router(signin.router)
    app.include_router(views.router)


__all__ = ["OidcLoginSettings", "install"]
