"""A thin, lenient Unity Catalog REST client on httpx, for the OSS server and for Databricks.

Both serve the same read API under `/api/2.1/unity-catalog` (see
shared/reference/unity-catalog-notes.md §1-2). What this client adds on top of plain GETs:

* auth: a static bearer token (OSS token or Databricks PAT) or Databricks OAuth M2M
  (client credentials at `<workspace>/oidc/v1/token`, scope `all-apis`, refreshed before expiry
  and once more on a 401);
* timeouts, and bounded retries on 429/5xx and transport errors honouring `Retry-After`;
* the paging rules of both servers: `max_results` is always sent, empty pages that carry a token
  are followed, a missing *or empty* token ends the listing, a repeated token fails loudly;
* leniency: objects stay plain dicts, so enum values the code does not know (Databricks'
  FOREIGN, GEOMETRY, ...) are kept as strings and unknown fields are kept too; privilege
  spellings of both servers ("USE CATALOG" / "USE_CATALOG") are normalised to underscores.
"""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import httpx

log = logging.getLogger(__name__)

API_PATH = "/api/2.1/unity-catalog"
TOKEN_PATH = "/oidc/v1/token"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# Page sizes: every server accepts these (OSS caps pages at 100; Databricks documents tables <= 50).
PAGE_CATALOGS = 100
PAGE_SCHEMAS = 100
PAGE_TABLES = 50


class UnityError(Exception):
    """A Unity Catalog request failed for good (after retries, or with a non-retryable status)."""

    def __init__(self, message: str, status: int | None = None, error_code: str | None = None):
        super().__init__(message)
        self.status = status
        self.error_code = error_code

    @property
    def not_found(self) -> bool:
        return self.status == 404


class PagingError(UnityError):
    """The server answered a page token it had already answered: following it would never end."""


def normalize_privilege(p: str) -> str:
    """OSS spells privileges with spaces ("USE CATALOG"), Databricks with underscores."""
    return "_".join(str(p).strip().upper().replace("-", "_").split())


def split_url(url: str) -> tuple[str, str]:
    """(workspace root, API base) for a server URL given with or without the API path."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"Unity Catalog URL must start with http:// or https://: {url!r}")
    if url.endswith(API_PATH):
        return url[: -len(API_PATH)], url
    return url, url + API_PATH


class _OAuthM2M:
    """Databricks OAuth machine-to-machine: client credentials exchanged for a bearer token."""

    def __init__(self, token_url: str, client_id: str, client_secret: str, scope: str = "all-apis"):
        self.token_url, self.client_id, self.client_secret, self.scope = (
            token_url,
            client_id,
            client_secret,
            scope,
        )
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def token(self, http: httpx.Client, force: bool = False) -> str:
        with self._lock:
            if force or self._token is None or time.monotonic() > self._expires - 60:
                r = http.post(
                    self.token_url,
                    data={"grant_type": "client_credentials", "scope": self.scope},
                    auth=(self.client_id, self.client_secret),
                    headers={"Accept": "application/json"},
                )
                if r.status_code != 200:
                    raise UnityError(
                        f"OAuth token request to {self.token_url} failed: HTTP {r.status_code} "
                        f"{_brief(r.text)}",
                        r.status_code,
                    )
                body = r.json()
                if not body.get("access_token"):
                    raise UnityError(f"OAuth token response from {self.token_url} has no access_token")
                self._token = body["access_token"]
                self._expires = time.monotonic() + float(body.get("expires_in") or 3600)
            return self._token


class UnityClient:
    """Read-only access to one Unity Catalog server."""

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        timeout: float = 30.0,
        retries: int = 5,
        max_retry_wait: float = 60.0,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ):
        self.host, self.api = split_url(url)
        if client_id or client_secret:
            if not (client_id and client_secret):
                raise ValueError("OAuth M2M needs both --client-id and --client-secret")
            self._oauth: _OAuthM2M | None = _OAuthM2M(self.host + TOKEN_PATH, client_id, client_secret)
        else:
            self._oauth = None
        self._token = token
        self.retries = max(0, int(retries))
        self.max_retry_wait = float(max_retry_wait)
        self.backoff = float(backoff)
        self._sleep = sleep
        self.requests = 0  # GETs sent, retries included (for logs and tests)
        self.retried = 0
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": "hms-catalog-sync/0.1"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> UnityClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests --------------------------------------------------------------------------------
    def _auth_headers(self, force_refresh: bool = False) -> dict[str, str]:
        if self._oauth is not None:
            return {"Authorization": f"Bearer {self._oauth.token(self._http, force_refresh)}"}
        if self._token:
            return {"Authorization": f"Bearer {self._token}"}
        return {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict:
        """GET `<api>/<path>` and return the JSON body, retrying what is worth retrying."""
        url = self.api + path
        attempt = 0
        refreshed = False
        while True:
            self.requests += 1
            try:
                r = self._http.get(url, params=params, headers=self._auth_headers())
            except httpx.TransportError as e:  # timeouts, refused or reset connections
                if attempt >= self.retries:
                    raise UnityError(
                        f"GET {url} failed after {attempt + 1} attempts: {type(e).__name__}: {e}"
                    ) from e
                delay = self._delay(attempt, None)
                log.warning(
                    "GET %s: %s; retrying in %.1fs (%d/%d)",
                    path,
                    type(e).__name__,
                    delay,
                    attempt + 1,
                    self.retries,
                )
            else:
                if r.status_code == 200:
                    try:
                        body = r.json()
                    except ValueError as e:
                        raise UnityError(f"GET {url}: the answer is not JSON: {_brief(r.text)}", 200) from e
                    if not isinstance(body, dict):
                        raise UnityError(f"GET {url}: expected a JSON object, got {type(body).__name__}", 200)
                    return body
                if r.status_code == 401 and self._oauth is not None and not refreshed:
                    refreshed = True
                    self._auth_headers(force_refresh=True)
                    continue
                if r.status_code not in RETRY_STATUSES or attempt >= self.retries:
                    raise _error(url, r, attempt)
                delay = self._delay(attempt, r.headers.get("Retry-After"))
                log.warning(
                    "GET %s: HTTP %d; retrying in %.1fs (%d/%d)",
                    path,
                    r.status_code,
                    delay,
                    attempt + 1,
                    self.retries,
                )
            self.retried += 1
            attempt += 1
            self._sleep(delay)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        wait = _parse_retry_after(retry_after)
        if wait is None:
            wait = self.backoff * (2**attempt) * (0.5 + random.random())
        return max(0.0, min(wait, self.max_retry_wait))

    def paged(self, path: str, key: str, params: dict[str, Any], page_size: int) -> Iterator[dict]:
        """Every item of a paged listing (see the module docstring for the rules)."""
        token: str | None = None
        seen: set[str] = set()
        pages = 0
        while True:
            q = dict(params)
            q["max_results"] = page_size
            if token:
                q["page_token"] = token
            body = self.get(path, q)
            pages += 1
            items = body.get(key) or []
            if not isinstance(items, list):
                raise UnityError(f"GET {self.api + path}: '{key}' is not a list")
            yield from items
            token = body.get("next_page_token")
            if not token:  # absent, null or "" (old OSS servers ended with "")
                return
            if token in seen:
                raise PagingError(
                    f"GET {self.api + path} {params}: the server repeated page token {token!r} "
                    f"after {pages} pages; refusing to loop"
                )
            seen.add(token)

    # -- objects ---------------------------------------------------------------------------------
    def list_catalogs(self) -> Iterator[dict]:
        return self.paged("/catalogs", "catalogs", {}, PAGE_CATALOGS)

    def get_catalog(self, name: str) -> dict:
        return self.get(f"/catalogs/{_seg(name)}")

    def list_schemas(self, catalog: str) -> Iterator[dict]:
        return self.paged("/schemas", "schemas", {"catalog_name": catalog}, PAGE_SCHEMAS)

    def list_tables(self, catalog: str, schema: str) -> Iterator[dict]:
        return self.paged("/tables", "tables", {"catalog_name": catalog, "schema_name": schema}, PAGE_TABLES)

    def get_table(self, full_name: str) -> dict:
        return self.get(f"/tables/{_seg(full_name)}")

    def get_permissions(self, securable_type: str, full_name: str) -> dict[str, list[str]]:
        """{principal: sorted normalised privileges} of one securable (direct grants only).
        Databricks may page this answer; OSS never does."""
        path = f"/permissions/{securable_type.lower()}/{_seg(full_name)}"
        out: dict[str, set[str]] = {}
        token: str | None = None
        seen: set[str] = set()
        while True:
            body = self.get(path, {"page_token": token} if token else None)
            for a in body.get("privilege_assignments") or []:
                principal = a.get("principal")
                if principal is None:
                    continue
                out.setdefault(principal, set()).update(
                    normalize_privilege(p) for p in a.get("privileges") or [] if p is not None
                )
            token = body.get("next_page_token")
            if not token:
                break
            if token in seen:
                raise PagingError(f"GET {self.api + path}: the server repeated page token {token!r}")
            seen.add(token)
        return {p: sorted(v) for p, v in sorted(out.items()) if v}


def _seg(name: str) -> str:
    return quote(name, safe="")


def _brief(text: str, n: int = 300) -> str:
    text = (text or "").strip().replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _error(url: str, r: httpx.Response, attempt: int) -> UnityError:
    code = message = None
    try:
        body = r.json()
        if isinstance(body, dict):
            code = body.get("error_code") or body.get("errorCode")
            message = body.get("message")
    except ValueError:
        pass
    tries = f" after {attempt + 1} attempts" if attempt else ""
    detail = f"{code}: {message}" if code or message else _brief(r.text)
    return UnityError(f"GET {url} failed{tries}: HTTP {r.status_code} {detail}", r.status_code, code)


def _parse_retry_after(value: str | None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
