"""Rendering explorer pages: one Jinja2 environment (autoescape on for every template, so names,
comments and properties, all user-controlled, are always text), and the security headers every
page response carries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# No script at all; styles and images only from this process; forms only post here.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _when(epoch: int | float | None) -> str:
    if not epoch:
        return ""
    return dt.datetime.fromtimestamp(float(epoch), dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _when_dt(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _unity_time(value: str | None) -> str:
    """Unity Catalog's times are epoch milliseconds; anything else is shown as it is."""
    if value and value.isdigit():
        return _when(int(value) / 1000)
    return value or ""


def _counts(counts: dict | None, prefix: str = "") -> list[tuple[str, str]]:
    """A sync run's counts as (label, value) pairs, nested ones flattened, zeros and empties left out."""
    out: list[tuple[str, str]] = []
    for k, v in sorted((counts or {}).items()):
        if isinstance(v, dict):
            out += _counts(v, f"{prefix}{k} ")
        elif v not in (0, None, False, "", [], 0.0):
            out.append((f"{prefix}{k}", str(v)))
    return out


def _size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(n)


env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # every template, whatever its name
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["when"] = _when
env.filters["when_dt"] = _when_dt
env.filters["size"] = _size
env.filters["unity_time"] = _unity_time
env.filters["counts"] = _counts


def secure(response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("caller", None)
    values.setdefault("csrf", getattr(request.state, "csrf", ""))
    values.setdefault("q", "")
    values.setdefault("title", "")
    html = env.get_template(template).render(request=request, **values)
    resp = HTMLResponse(html, status_code=status)
    secure(resp)
    return resp


def redirect(url: str, status: int = 303) -> RedirectResponse:
    resp = RedirectResponse(url, status_code=status)
    secure(resp)
    return resp


__all__ = ["CSP", "SECURITY_HEADERS", "STATIC", "env", "page", "redirect", "secure"]
