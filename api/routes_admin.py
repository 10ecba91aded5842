"""Search, the audit log, roles and grants."""

from __future__ import annotations

import datetime as dt
import time
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api import convert as cv
from api import models as m
from api import paging
from api.auth import require_caller
from api.errors import ERROR_RESPONSES
from catalog.auth.context import Caller, acting_as
from catalog.errors import InvalidInputError
from catalog.privileges import Grant, ObjectRef, Role
from catalog.store.audit import AuditQuery
from catalog.store.search import KINDS

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

RoleName = Path(..., min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@\-]+$")
PrincipalName = Path(..., min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@\-]+$")
MAX_SEARCH_OFFSET = 10_000
RFC3339 = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)


def _svc(request: Request):
    return request.app.state.ctx.service


# ------------------------------------------------------------------------------------------ search
@router.get(
    "/search",
    response_model=m.SearchResults,
    tags=["search"],
    summary="Ranked search over database, table and column names, comments and table properties",
)
def search(
    request: Request,
    q: str = Query(..., min_length=2, max_length=200, description="Text to look for"),
    kind: Literal["database", "table", "column"] | None = Query(None, description="Only this kind"),
    catalog: str | None = Query(None, min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$"),
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    scope = f"search:{q}:{kind}:{catalog}"
    offset = paging.decode(scope, page_token, int) or 0
    if offset < 0 or offset > MAX_SEARCH_OFFSET:
        offset = 0
    with acting_as(caller):
        page = _svc(request).search(
            q.strip() or q,
            kinds=(kind,) if kind else KINDS,
            catalog=catalog.lower() if catalog else None,
            limit=page_size,
            offset=offset,
        )
    more = page.next is not None and page.next <= MAX_SEARCH_OFFSET
    return m.SearchResults(
        results=[cv.hit_out(h) for h in page.items],
        next_page_token=paging.encode(scope, page.next) if more else None,
    )


# ------------------------------------------------------------------------------------------- audit
@router.get(
    "/audit",
    response_model=m.AuditList,
    tags=["audit"],
    summary="The audit log, newest first (admins only when authorization is enforced)",
)
def audit(
    request: Request,
    principal: str | None = Query(None, min_length=1, max_length=256),
    object: str | None = Query(
        None, min_length=1, max_length=1024, description="Exact object name, e.g. hive.sales.orders"
    ),
    object_prefix: str | None = Query(
        None, min_length=1, max_length=1024, description="Object names starting with this, e.g. hive.sales."
    ),
    action: str | None = Query(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_]+$"),
    door: Literal["thrift", "rest", "grpc", "internal"] | None = None,
    outcome: Literal["success", "failure", "denied"] | None = None,
    since: str | None = Query(None, pattern=RFC3339, description="RFC 3339 time, inclusive"),
    until: str | None = Query(None, pattern=RFC3339, description="RFC 3339 time, exclusive"),
    page_size: int = paging.PageSize,
    page_token: str | None = paging.PageToken,
    caller: Caller = Depends(require_caller),
):
    q = AuditQuery(
        principal=principal,
        object_name=object,
        object_prefix=object_prefix,
        action=action,
        door=door,
        outcome=outcome,
        since=_aware(since),
        until=_aware(until),
    )
    scope = "audit:" + repr(sorted((k, str(v)) for k, v in q.__dict__.items()))
    with acting_as(caller):
        page = _svc(request).audit_records(q, paging.decode(scope, page_token, int), page_size)
    return m.AuditList(
        records=[m.AuditRecordOut(**r.__dict__) for r in page.items],
        next_page_token=page.next and paging.encode(scope, page.next),
    )


def _aware(t: str | None) -> dt.datetime | None:
    if t is None:
        return None
    try:
        return dt.datetime.fromisoformat(t.replace("z", "Z").replace("t", "T"))
    except ValueError:
        raise InvalidInputError(f"'{t}' is not an RFC 3339 time") from None


# ------------------------------------------------------------------------------------------- roles
@router.get("/roles", response_model=m.RoleList, tags=["roles"], summary="List roles")
def list_roles(request: Request, caller: Caller = Depends(require_caller)):
    with acting_as(caller):
        return m.RoleList(roles=[cv.role_out(r) for r in _svc(request).get_roles()])


@router.post("/roles", response_model=m.RoleOut, status_code=201, tags=["roles"], summary="Create a role")
def create_role(request: Request, body: m.RoleIn, caller: Caller = Depends(require_caller)):
    with acting_as(caller):
        role = Role(body.name, int(time.time()), caller.name)
        _svc(request).create_role(role)
    return cv.role_out(role)


@router.delete(
    "/roles/{role}", status_code=204, tags=["roles"], summary="Drop a role", response_class=Response
)
def drop_role(request: Request, role: str = RoleName, caller: Caller = Depends(require_caller)):
    with acting_as(caller):
        _svc(request).drop_role(role)
    return Response(status_code=204)


@router.get(
    "/roles/{role}/members",
    response_model=m.RoleMemberList,
    tags=["roles"],
    summary="Principals granted the role",
)
def role_members(request: Request, role: str = RoleName, caller: Caller = Depends(require_caller)):
    with acting_as(caller):
        return m.RoleMemberList(
            members=[cv.member_out(g) for g in _svc(request).get_principals_in_role(role)]
        )


@router.post(
    "/roles/{role}/members",
    response_model=m.RoleMemberOut,
    status_code=201,
    tags=["roles"],
    summary="Grant the role to a principal",
)
def grant_role(
    request: Request, body: m.RoleMemberIn, role: str = RoleName, caller: Caller = Depends(require_caller)
):
    with acting_as(caller):
        _svc(request).grant_role(
            role, body.principal_name, body.principal_type, caller.name, "USER", body.grant_option
        )
    return m.RoleMemberOut(
        role=role,
        principal_name=body.principal_name,
        principal_type=body.principal_type,
        grant_option=body.grant_option,
        grantor=caller.name,
        grantor_type="USER",
    )


@router.delete(
    "/roles/{role}/members/{principal_type}/{principal_name}",
    status_code=204,
    tags=["roles"],
    summary="Revoke the role from a principal",
    response_class=Response,
)
def revoke_role(
    request: Request,
    role: str = RoleName,
    principal_type: m.PrincipalType = Path(...),
    principal_name: str = PrincipalName,
    caller: Caller = Depends(require_caller),
):
    with acting_as(caller):
        _svc(request).revoke_role(role, principal_name, principal_type)
    return Response(status_code=204)


# ------------------------------------------------------------------------------------------ grants
def _object(o: m.GrantObject) -> ObjectRef:
    return ObjectRef(
        o.type,
        (o.catalog or "hive").lower(),
        o.database and o.database.lower(),
        o.table and o.table.lower(),
        tuple(o.partition_values) if o.partition_values else None,
        o.column and o.column.lower(),
    )


@router.get(
    "/grants",
    response_model=m.GrantList,
    tags=["grants"],
    summary="Privileges granted, as Thrift's list_privileges shows them",
)
def list_grants(
    request: Request,
    principal_name: str | None = Query(None, min_length=1, max_length=128),
    principal_type: m.PrincipalType | None = None,
    object_type: m.ObjectType | None = None,
    catalog: str = Query("hive", min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$"),
    database: str | None = Query(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_]+$"),
    table: str | None = Query(None, min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$"),
    column: str | None = Query(None, min_length=1, max_length=767),
    caller: Caller = Depends(require_caller),
):
    obj = None
    if object_type is not None:
        obj = _object(
            m.GrantObject(type=object_type, catalog=catalog, database=database, table=table, column=column)
        )
    with acting_as(caller):
        grants = _svc(request).list_privileges(principal_name, principal_type, obj)
    return m.GrantList(grants=[cv.grant_out(g) for g in grants])


@router.post(
    "/grants", response_model=m.GrantOut, status_code=201, tags=["grants"], summary="Grant a privilege"
)
def grant(request: Request, body: m.GrantIn, caller: Caller = Depends(require_caller)):
    g = Grant(
        _object(body.object),
        body.principal_name,
        body.principal_type,
        body.privilege,
        caller.name,
        "USER",
        body.grant_option,
    )
    with acting_as(caller):
        _svc(request).grant_privileges([g])
    return cv.grant_out(g)


@router.delete(
    "/grants", status_code=204, tags=["grants"], summary="Revoke a privilege", response_class=Response
)
def revoke(
    request: Request,
    principal_name: str = Query(..., min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@\-]+$"),
    principal_type: m.PrincipalType = Query(...),
    privilege: m.Privilege = Query(...),
    object_type: m.ObjectType = Query(...),
    catalog: str = Query("hive", min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$"),
    database: str | None = Query(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_]+$"),
    table: str | None = Query(None, min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$"),
    column: str | None = Query(None, min_length=1, max_length=767),
    grant_option_only: bool = Query(False, description="Keep the privilege, take the grant option away"),
    caller: Caller = Depends(require_caller),
):
    obj = _object(
        m.GrantObject(type=object_type, catalog=catalog, database=database, table=table, column=column)
    )
    with acting_as(caller):
        _svc(request).revoke_privileges(
            [Grant(obj, principal_name, principal_type, privilege)], grant_option_only
        )
    return Response(status_code=204)
