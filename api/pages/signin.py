"""Sign-in and sign-out pages: paste a bearer token once, or (with --oidc-issuer) the issuer's
login flow. Only POSTs change anything, each with a CSRF token; every cookie is HttpOnly."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.pages import session as s
from api.pages.oidc_login import (
    CALLBACK_PATH,
    FLOW_COOKIE,
    FLOW_MAX_AGE,
    FLOW_PATH,
    OidcLogin,
    OidcLoginError,
    first_accepted,
)
from api.pages.render import page, redirect
from catalog.errors import AuthenticationError

router = APIRouter(include_in_schema=False)
MAX_FORM = 16 * 1024


def _oidc(request: Request) -> OidcLogin | None:
    return getattr(request.app.state, "explorer_oidc", None)


async def _form(request: Request) -> dict[str, str]:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return {}
    try:
        parsed = parse_qs(body.decode("utf-8"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {k: v[0] for k, v in parsed.items() if v}


def _same_origin(request: Request) -> bool:
    """A form post must come from our own pages: an Origin header, when sent, names this host."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.rstrip("/") == f"{request.url.scheme}://{request.url.netloc}"


def _signin_page(request: Request, next_url: str, error: str | None = None, status: int = 200) -> Response:
    csrf = request.cookies.get(s.SIGNIN_CSRF_COOKIE) or s.new_csrf()
    login = _oidc(request)
    resp = page(
        request,
        "signin.html",
        status=status,
        title="Sign in",
        signin_csrf=csrf,
        next_url=next_url,
        error=error,
        oidc_issuer=login.settings.issuer if login is not None else None,
    )
    s.set_cookie(request, resp, s.SIGNIN_CSRF_COOKIE, csrf, max_age=3600, path="/signin")
    return resp


@router.get("/signin")
def signin_form(request: Request, next: str | None = None, error: str | None = None):
    return _signin_page(request, s.safe_next(next), error=None if error is None else error[:300])


@router.post("/signin")
async def signin(request: Request):
    form = await _form(request)
    next_url = s.safe_next(form.get("next"))
    if not _same_origin(request) or not s.check_csrf(
        request.cookies.get(s.SIGNIN_CSRF_COOKIE), form.get("csrf")
    ):
        return _signin_page(request, next_url, "the sign-in form expired; try again", status=403)
    token = (form.get("token") or "").strip()
    if token.lower().startswith("bearer "):
        token = token[7:].strip()
    if not token:
        return _signin_page(request, next_url, "paste a token", status=400)
    remote = request.client.host if request.client else None
    authenticator = request.app.state.ctx.authenticator
    try:
        await run_in_threadpool(authenticator.authenticate, token, remote)
    except AuthenticationError as e:
        return _signin_page(request, next_url, e.message, status=401)
    resp = redirect(next_url)
    s.set_cookie(request, resp, s.SESSION_COOKIE, token, max_age=s.TOKEN_MAX_AGE)
    s.clear_cookie(request, resp, s.SIGNIN_CSRF_COOKIE, path="/signin")
    return resp


@router.post("/signout")
async def signout(request: Request):
    form = await _form(request)
    token = request.cookies.get(s.SESSION_COOKIE)
    if token and (not _same_origin(request) or not s.check_csrf(s.csrf_for(token), form.get("csrf"))):
        return page(
            request,
            "error.html",
            status=403,
            title="Sign-out refused",
            message="The sign-out form was not sent from this page; sign out from the explorer itself.",
        )
    resp = redirect("/signin")
    s.clear_cookie(request, resp, s.SESSION_COOKIE)
    return resp


# -- OIDC -------------------------------------------------------------------------------------------
def _callback_uri(request: Request) -> str:
    return str(request.base_url).rstrip("/") + CALLBACK_PATH


@router.get(FLOW_PATH + "/login")
def oidc_start(request: Request, next: str | None = None):
    login = _oidc(request)
    if login is None:
        return _signin_page(request, s.safe_next(next), "OIDC sign-in is not configured", status=404)
    try:
        url, flow = login.start(_callback_uri(request), s.safe_next(next))
    except OidcLoginError as e:
        return _signin_page(request, s.safe_next(next), str(e), status=502)
    resp = redirect(url, status=302)
    s.set_cookie(request, resp, FLOW_COOKIE, flow, max_age=FLOW_MAX_AGE, path=FLOW_PATH, samesite="lax")
    return resp


@router.get(CALLBACK_PATH)
def oidc_callback(request: Request):
    login = _oidc(request)
    if login is None:
        return _signin_page(request, "/", "OIDC sign-in is not configured", status=404)
    params = {k: v for k, v in request.query_params.items()}
    remote = request.client.host if request.client else None
    try:
        tokens, next_url = login.finish(request.cookies.get(FLOW_COOKIE), params, _callback_uri(request))
        token, _caller = first_accepted(request.app.state.ctx.authenticator.authenticate, tokens, remote)
    except OidcLoginError as e:
        resp = _signin_page(request, "/", str(e), status=401)
        s.clear_cookie(request, resp, FLOW_COOKIE, path=FLOW_PATH)
        return resp
    # A page, not a redirect: this request came from the issuer's site, and a browser keeps a
    # SameSite=Strict cookie off every request of a cross-site navigation's redirect chain. The
    # refresh below is a navigation from our own page, which does carry it.
    next_url = s.safe_next(next_url)
    resp = page(request, "signed_in.html", title="Signed in", next_url=next_url)
    s.set_cookie(request, resp, s.SESSION_COOKIE, token, max_age=s.TOKEN_MAX_AGE)
    s.clear_cookie(request, resp, FLOW_COOKIE, path=FLOW_PATH)
    return resp


__all__ = ["router"]
