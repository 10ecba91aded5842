"""Explorer sign-in state: the bearer token (an API token, or the OIDC issuer's access token) kept in
one HttpOnly, SameSite=Strict cookie, verified on every page exactly as the API verifies its
Authorization header; CSRF tokens for the two forms that change anything (sign-in, sign-out)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import Response

from catalog.auth.context import Caller
from catalog.errors import AuthenticationError

SESSION_COOKIE = "catalog_session"
SIGNIN_CSRF_COOKIE = "catalog_signin_csrf"
TOKEN_MAX_AGE = 7 * 24 * 3600  # an API token stays valid until revoked; the cookie is re-checked per page


class SignInRequired(Exception):
    """Raised by page_caller: the response is a redirect to the sign-in page."""

    def __init__(self, message: str | None = None):
        super().__init__(message or "")
        self.message = message


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(
    request: Request,
    response: Response,
    name: str,
    value: str,
    max_age: int | None,
    path: str = "/",
    samesite: str = "strict",
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        httponly=True,
        samesite=samesite,  # type: ignore[arg-type]
        secure=is_https(request),
    )


def clear_cookie(request: Request, response: Response, name: str, path: str = "/") -> None:
    response.delete_cookie(name, path=path, httponly=True, samesite="strict", secure=is_https(request))


def csrf_for(token: str) -> str:
    """The sign-out form's CSRF token: derived from the session's bearer token, which a forging site
    cannot read (the cookie is HttpOnly and never sent cross-site)."""
    return hashlib.sha256(b"hms-catalog explorer csrf\0" + token.encode()).hexdigest()[:32]


def check_csrf(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def page_caller(request: Request) -> Caller:
    """The signed-in caller of a page (FastAPI dependency); SignInRequired without a valid cookie."""
    request.state.t0 = time.perf_counter()
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInRequired()
    remote = request.client.host if request.client else None
    try:
        caller = request.app.state.ctx.authenticator.authenticate(token, remote)
    except AuthenticationError as e:
        raise SignInRequired(f"your sign-in is no longer valid ({e.message}); sign in again") from None
    request.state.csrf = csrf_for(token)
    request.state.caller = caller
    return caller


def safe_next(target: str | None) -> str:
    """A local path to return to after sign-in (never another site: no scheme, host or '//')."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def signin_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/signin" if here == "/" else "/signin?next=" + quote(here, safe="")


__all__ = [
    "SESSION_COOKIE",
    "SIGNIN_CSRF_COOKIE",
    "TOKEN_MAX_AGE",
    "SignInRequired",
    "check_csrf",
    "clear_cookie",
    "csrf_for",
    "new_csrf",
    "page_caller",
    "safe_next",
    "set_cookie",
    "signin_url",
]
