"""A fake Unity Catalog REST server for the sync tests: real HTTP on 127.0.0.1.

Written from the OSS OpenAPI spec (shared/reference/unity-catalog/all.yaml: GET /catalogs,
/catalogs/{name}, /schemas, /schemas/{full_name}, /tables, /tables/{full_name},
/permissions/{securable_type}/{full_name}) and the differences between the servers recorded in
shared/reference/unity-catalog-notes.md:

dialect "oss"         page = min(max_results or 100, 100), ascending names, keyset token = last
                      name, a token whenever the page is full (so a last empty page); catalogs
                      carry `id`; privileges spelled with spaces; permissions never paged.
dialect "databricks"  opaque offset tokens, no ordering guarantee (reverse order here), tables
                      capped at 50 per page, an empty page carrying a token before the real next
                      page, a `system` catalog (SYSTEM_CATALOG) and an `information_schema` in each
                      catalog, extra fields (full_name, metastore_id, catalog_type, …), privileges
                      with underscores, permissions paged two principals at a time; OAuth M2M at
                      /oidc/v1/token.

Fault injection (`fail(...)`): an HTTP status (429 with Retry-After, 503, ...), a slow answer
(a timeout for the client), or a page token repeated forever.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

API = "/api/2.1/unity-catalog"

_TYPE_NAMES = {
    "boolean": "BOOLEAN",
    "byte": "BYTE",
    "short": "SHORT",
    "integer": "INT",
    "long": "LONG",
    "float": "FLOAT",
    "double": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "timestamp_ntz": "TIMESTAMP_NTZ",
    "string": "STRING",
    "binary": "BINARY",
    "void": "NULL",
    "variant": "VARIANT",
}


def column(
    name: str,
    type_text: str,
    spark_type: Any = None,
    *,
    position: int = 0,
    partition_index: int | None = None,
    comment: str | None = None,
    nullable: bool = True,
    type_name: str | None = None,
    with_json: bool = True,
) -> dict:
    """A ColumnInfo as the OSS server writes it: type_text (catalogString) and type_json (a Spark
    StructField). `spark_type` is the Spark JSON type; None means "same as type_text"."""
    st = spark_type if spark_type is not None else type_text
    if type_name is None:
        if isinstance(st, dict):
            type_name = {"array": "ARRAY", "map": "MAP", "struct": "STRUCT", "udt": "USER_DEFINED_TYPE"}.get(
                st.get("type"), "USER_DEFINED_TYPE"
            )
        elif st.startswith("decimal"):
            type_name = "DECIMAL"
        elif st.startswith("interval"):
            type_name = "INTERVAL"
        elif st.startswith(("char", "varchar")):
            type_name = "CHAR" if st.startswith("char") else "STRING"
        else:
            type_name = _TYPE_NAMES.get(st, st.upper())
    c: dict = {
        "name": name,
        "type_text": type_text,
        "type_name": type_name,
        "position": position,
        "nullable": nullable,
    }
    if with_json:
        meta = {"comment": comment} if comment else {}
        c["type_json"] = json.dumps({"name": name, "type": st, "nullable": nullable, "metadata": meta})
    if comment:
        c["comment"] = comment
    if partition_index is not None:
        c["partition_index"] = partition_index
    if isinstance(st, str) and st.startswith("decimal("):
        p, s = st[8:-1].split(",")
        c["type_precision"], c["type_scale"] = int(p), int(s)
    return c


@dataclass
class Fault:
    match: Callable[[str, dict], bool]
    times: int  # how many requests it hits; -1 = forever
    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    repeat_token: bool = False
    hits: int = 0


@dataclass
class FakeUnity:
    dialect: str = "oss"
    token: str | None = None
    oauth: tuple[str, str] | None = None  # (client_id, client_secret)
    catalogs: dict = field(default_factory=dict)
    schemas: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    grants: dict = field(default_factory=dict)
    faults: list = field(default_factory=list)
    log: list = field(default_factory=list)

    def __post_init__(self):
        self.lock = threading.RLock()
        self._clock = 1_700_000_000_000
        self._issued: set[str] = set()
        self.token_requests = 0
        if self.dialect == "databricks":
            self.add_catalog("system", catalog_type="SYSTEM_CATALOG", owner="System user")
            self.add_schema("system", "information_schema")

    # -- server ----------------------------------------------------------------------------------
    def start(self) -> FakeUnity:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                fake._handle(self, "GET")

            def do_POST(self):
                fake._handle(self, "POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        """The URL a user gives: OSS base URL with the API path, Databricks workspace root."""
        root = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        return root if self.dialect == "databricks" else root + API

    def requests_to(self, prefix: str) -> list:
        return [r for r in self.log if r[1].startswith(prefix)]

    # -- model -----------------------------------------------------------------------------------
    def tick(self) -> int:
        with self.lock:
            self._clock += 1000
            return self._clock

    def add_catalog(self, name: str, **kw) -> dict:
        now = self.tick()
        c = {
            "name": name,
            "comment": kw.pop("comment", None),
            "properties": kw.pop("properties", {}),
            "owner": kw.pop("owner", "admin"),
            "created_at": now,
            "created_by": "admin",
            "updated_at": now,
            "updated_by": "admin",
        }
        if self.dialect == "oss":
            c["id"] = str(uuid.uuid4())
        else:
            c.update(
                {
                    "full_name": name,
                    "metastore_id": "ms-1",
                    "catalog_type": kw.pop("catalog_type", "MANAGED_CATALOG"),
                    "isolation_mode": "OPEN",
                    "securable_type": "CATALOG",
                    "browse_only": False,
                }
            )
        c.update(kw)
        self.catalogs[name] = {k: v for k, v in c.items() if v is not None}
        if self.dialect == "databricks" and name != "system":
            self.add_schema(name, "information_schema", owner="System user")
        return c

    def add_schema(self, catalog: str, name: str, **kw) -> dict:
        now = self.tick()
        s = {
            "name": name,
            "catalog_name": catalog,
            "full_name": f"{catalog}.{name}",
            "comment": kw.pop("comment", None),
            "properties": kw.pop("properties", {}),
            "owner": kw.pop("owner", "admin"),
            "created_at": now,
            "created_by": "admin",
            "updated_at": now,
            "updated_by": "admin",
            "schema_id": str(uuid.uuid4()),
        }
        if self.dialect == "databricks":
            s.update({"metastore_id": "ms-1", "securable_type": "SCHEMA", "browse_only": False})
        s.update(kw)
        self.schemas[(catalog, name)] = {k: v for k, v in s.items() if v is not None}
        return s

    def add_table(
        self,
        catalog: str,
        schema: str,
        name: str,
        columns: list[dict] | None = None,
        *,
        table_type: str = "EXTERNAL",
        fmt: str | None = "PARQUET",
        location: str | None = None,
        **kw,
    ) -> dict:
        now = self.tick()
        cols = []
        for i, c in enumerate(columns or []):
            c = dict(c)
            c["position"] = i
            cols.append(c)
        t = {
            "name": name,
            "catalog_name": catalog,
            "schema_name": schema,
            "table_type": table_type,
            "data_source_format": fmt,
            "columns": cols,
            "storage_location": location
            if location is not None
            else f"file:///tmp/uc/{catalog}/{schema}/{name}",
            "comment": kw.pop("comment", None),
            "properties": kw.pop("properties", {}),
            "owner": kw.pop("owner", "admin"),
            "created_at": now,
            "created_by": "admin",
            "updated_at": now,
            "updated_by": "admin",
            "table_id": str(uuid.uuid4()),
        }
        if table_type == "VIEW":
            t.pop("storage_location")
            t.pop("data_source_format")
        if self.dialect == "databricks":
            t.update(
                {
                    "full_name": f"{catalog}.{schema}.{name}",
                    "metastore_id": "ms-1",
                    "securable_kind_manifest": {"securable_kind": "TABLE_" + table_type},
                    "browse_only": False,
                    "delta_runtime_properties_kvpairs": {},
                }
            )
        t.update(kw)
        self.tables[(catalog, schema, name)] = {k: v for k, v in t.items() if v is not None}
        return t

    def table(self, full: str) -> dict:
        return self.tables[tuple(full.split("."))]

    def alter_table(self, full: str, **changes) -> dict:
        t = self.table(full)
        t.update(changes)
        t["updated_at"] = self.tick()
        return t

    def rename_table(self, full: str, new_name: str) -> dict:
        key = tuple(full.split("."))
        t = self.tables.pop(key)
        t["name"] = new_name
        if "full_name" in t:
            t["full_name"] = f"{key[0]}.{key[1]}.{new_name}"
        t["updated_at"] = self.tick()
        self.tables[(key[0], key[1], new_name)] = t
        return t

    def drop_table(self, full: str) -> None:
        del self.tables[tuple(full.split("."))]

    def drop_schema(self, catalog: str, name: str) -> None:
        del self.schemas[(catalog, name)]
        for k in [k for k in self.tables if k[:2] == (catalog, name)]:
            del self.tables[k]

    def grant(self, securable: str, full: str, principal: str, *privileges: str) -> None:
        """Privileges in the OSS spelling ("USE CATALOG"); served in the dialect's spelling."""
        g = self.grants.setdefault((securable, full), {})
        g.setdefault(principal, set()).update(privileges)

    def revoke(self, securable: str, full: str, principal: str, *privileges: str) -> None:
        g = self.grants.get((securable, full), {})
        g.get(principal, set()).difference_update(privileges)
        if principal in g and not g[principal]:
            del g[principal]

    def fail(
        self,
        path: str,
        *,
        times: int = 1,
        status: int | None = None,
        retry_after: str | None = None,
        delay: float = 0.0,
        repeat_token: bool = False,
        when: Callable[[dict], bool] | None = None,
    ) -> Fault:
        f = Fault(
            lambda p, q: p.startswith(path) and (when is None or when(q)),
            times,
            status,
            retry_after,
            delay,
            repeat_token,
        )
        self.faults.append(f)
        return f

    # -- HTTP ------------------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(h.path)
        q = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        path = parts.path
        with self.lock:
            self.log.append((method, path[len(API) :] if path.startswith(API) else path, q))
        try:
            if method == "POST" and path == "/oidc/v1/token":
                return self._token_endpoint(h)
            if not path.startswith(API):
                return _send(
                    h, 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"No API found for {path}"}
                )
            if not self._authorized(h):
                return _send(h, 401, {"error_code": "UNAUTHENTICATED", "message": "missing or invalid token"})
            rel = path[len(API) :]
            with self.lock:
                fault = next((f for f in self.faults if f.times != 0 and f.match(rel, q)), None)
                if fault is not None and fault.times > 0:
                    fault.times -= 1
                if fault is not None:
                    fault.hits += 1
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status:
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                    return _send(
                        h,
                        fault.status,
                        {
                            "error_code": "TEMPORARILY_UNAVAILABLE"
                            if fault.status != 429
                            else "REQUEST_LIMIT_EXCEEDED",
                            "message": "injected",
                        },
                        headers,
                    )
            with self.lock:
                status, body = self._route(rel, q)
            if fault is not None and fault.repeat_token and status == 200:
                body["next_page_token"] = q.get("page_token") or "stuck"
            _send(h, status, body)
        except BrokenPipeError:
            pass

    def _authorized(self, h) -> bool:
        auth = h.headers.get("Authorization") or ""
        got = auth[7:] if auth.startswith("Bearer ") else None
        if self.oauth is not None:
            return got in self._issued
        if self.token is not None:
            return got == self.token
        return True

    def _token_endpoint(self, h) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        form = parse_qs(h.rfile.read(length).decode())
        auth = h.headers.get("Authorization") or ""
        self.token_requests += 1
        ok = False
        if self.oauth and auth.startswith("Basic "):
            cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            ok = (cid, secret) == self.oauth
        if not ok or form.get("grant_type") != ["client_credentials"] or form.get("scope") != ["all-apis"]:
            return _send(h, 401, {"error": "invalid_client"})
        tok = "oauth-" + uuid.uuid4().hex
        self._issued.add(tok)
        _send(h, 200, {"access_token": tok, "token_type": "Bearer", "expires_in": 3600, "scope": "all-apis"})

    def _route(self, rel: str, q: dict) -> tuple[int, dict]:
        seg = [unquote(s) for s in rel.strip("/").split("/")]
        if seg == ["catalogs"]:
            return self._page(list(self.catalogs.values()), "catalogs", q, 1000)
        if len(seg) == 2 and seg[0] == "catalogs":
            c = self.catalogs.get(seg[1])
            return (200, c) if c else _nf(f"Catalog not found: {seg[1]}")
        if seg == ["schemas"]:
            cat = q.get("catalog_name")
            if cat not in self.catalogs:
                return _nf(f"Catalog not found: {cat}")
            return self._page([s for (c, _), s in self.schemas.items() if c == cat], "schemas", q, 1000)
        if len(seg) == 2 and seg[0] == "schemas":
            s = self.schemas.get(tuple(seg[1].split(".", 1)))
            return (200, s) if s else _nf(f"Schema not found: {seg[1]}")
        if seg == ["tables"]:
            key = (q.get("catalog_name"), q.get("schema_name"))
            if key not in self.schemas:
                return _nf(f"Schema not found: {key[0]}.{key[1]}")
            return self._page([t for k, t in self.tables.items() if k[:2] == key], "tables", q, 50)
        if len(seg) == 2 and seg[0] == "tables":
            t = self.tables.get(tuple(seg[1].split(".")))
            return (200, t) if t else _nf(f"Table not found: {seg[1]}")
        if len(seg) == 3 and seg[0] == "permissions":
            return self._permissions(seg[1], seg[2], q)
        return 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"no route {rel}"}

    def _page(self, items: list[dict], key: str, q: dict, databricks_cap: int) -> tuple[int, dict]:
        try:
            n = int(q.get("max_results", "0") or 0)
        except ValueError:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "max_results"}
        if n < 0:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "max_results must be >= 0"}
        token = q.get("page_token") or None
        if self.dialect == "oss":
            size = min(n, 100) if n > 0 else 100
            rows = sorted(items, key=lambda r: r["name"])
            if token:
                rows = [r for r in rows if r["name"] > token]
            page = rows[:size]
            body: dict = {key: page}
            if len(page) == size:  # keyset: a token whenever the page is full
                body["next_page_token"] = page[-1]["name"]
            return 200, body
        # databricks: opaque offsets, reverse-name order, an empty page before each real next page
        size = min(n, databricks_cap) if n > 0 else databricks_cap
        rows = sorted(items, key=lambda r: r["name"], reverse=True)
        offset, empty_done = 0, False
        if token:
            st = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
            offset, empty_done = st["o"], st["e"]
        if offset and not empty_done:
            nxt = base64.urlsafe_b64encode(json.dumps({"o": offset, "e": True}).encode()).decode()
            return 200, {key: [], "next_page_token": nxt}
        page = rows[offset : offset + size]
        body = {key: page}
        if offset + size < len(rows):
            body["next_page_token"] = base64.urlsafe_b64encode(
                json.dumps({"o": offset + size, "e": False}).encode()
            ).decode()
        return 200, body

    def _permissions(self, securable: str, full: str, q: dict) -> tuple[int, dict]:
        if securable != securable.lower() or securable not in (
            "catalog",
            "schema",
            "table",
            "function",
            "volume",
            "metastore",
            "registered_model",
            "external_location",
            "credential",
        ):
            return 400, {
                "error_code": "INVALID_PARAMETER_VALUE",
                "message": f"{securable} is not a valid securable type",
            }
        exists = {
            "catalog": lambda: full in self.catalogs,
            "schema": lambda: tuple(full.split(".", 1)) in self.schemas,
            "table": lambda: tuple(full.split(".")) in self.tables,
        }.get(securable, lambda: True)()
        if not exists:
            return _nf(f"{securable} not found: {full}")
        g = self.grants.get((securable, full), {})
        spell = (lambda p: p) if self.dialect == "oss" else (lambda p: p.replace(" ", "_"))
        assignments = [
            {"principal": p, "privileges": sorted(spell(x) for x in privs)}
            for p, privs in sorted(g.items())
            if privs
        ]
        if self.dialect == "oss":
            return 200, {"privilege_assignments": assignments}
        offset = int(q.get("page_token") or 0)
        body: dict = {"privilege_assignments": assignments[offset : offset + 2]}
        if offset + 2 < len(assignments):
            body["next_page_token"] = str(offset + 2)
        return 200, body


def _nf(message: str) -> tuple[int, dict]:
    return 404, {"error_code": "NOT_FOUND", "message": message}


def _send(h: BaseHTTPRequestHandler, status: int, body: dict, headers: dict | None = None) -> None:
    data = json.dumps(body).encode()
    h.send_response(status)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(data)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(data)
