"""Roles and privileges: create and drop roles, grant and revoke roles and privileges, read them.

Hive's rules (see catalog.privileges): `admin` and `public` exist from start-up and cannot be
dropped; `public` cannot be granted; role grants form no cycles; granting twice or revoking what
was never granted is refused.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection

from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG
from catalog.errors import (
    AlreadyExistsError,
    InvalidInputError,
    InvalidObjectError,
    InvalidOperationError,
    NotFoundError,
)
from catalog.privileges import (
    ADMIN_ROLE,
    COLUMN,
    GROUP,
    PUBLIC_ROLE,
    RESERVED_ROLES,
    ROLE,
    USER,
    Grant,
    ObjectRef,
    PrivilegeSet,
    Role,
    RoleGrant,
    check_principal_name,
    check_principal_type,
    check_privilege,
    grant_kind,
)
from catalog.provenance import check_revocable
from catalog.service.core import ServiceCore
from catalog.store import maintenance
from catalog.store import privileges as ps
from catalog.store import roles as role_store
from catalog.store import tables as tbls


def _grant_from_row(r: ps.GrantRow) -> Grant:
    kind = r.kind
    otype = {"TABLE_COLUMN": COLUMN, "PARTITION_COLUMN": COLUMN}.get(kind, kind)
    values = tuple(v for _, v in nm.parse_part_name(r.part_name)) if r.part_name else None
    obj = ObjectRef(otype, r.catalog or DEFAULT_CATALOG, r.db, r.table, values, r.column)
    return Grant(
        obj,
        r.principal_name,
        r.principal_type,
        r.privilege,
        r.grantor,
        r.grantor_type,
        r.grant_option,
        r.create_time or 0,
        r.authorizer,
    )


def _role_grant(r: role_store.RoleMapRow) -> RoleGrant:
    return RoleGrant(
        r.role, r.principal_name, r.principal_type, r.grant_option, r.add_time or 0, r.grantor, r.grantor_type
    )


def _now() -> int:
    return int(time.time())


class PrivilegeOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    # -- start-up ---------------------------------------------------------------------------------
    def bootstrap_privileges(self, admin_users: tuple[str, ...] | list[str] = ()) -> None:
        """Hive's createDefaultRoles and createDefaultUsers (`hive.users.in.admin.role`)."""
        now = _now()
        with self.core.db.write() as conn:
            maintenance.lock_for_bootstrap(conn, "bootstrap-roles")
            for name in RESERVED_ROLES:
                if role_store.get_role(conn, name) is None:
                    role_store.insert_role(conn, self.core.ids, name, name, now)
            if not ps.select_grants(conn, ["GLOBAL"], principal=(ADMIN_ROLE, ROLE), privilege="ALL"):
                ps.insert_grant(
                    conn,
                    self.core.ids,
                    "GLOBAL",
                    {},
                    ADMIN_ROLE,
                    ROLE,
                    "All",
                    ADMIN_ROLE,
                    ROLE,
                    True,
                    "SQL",
                    now,
                )
            admin = role_store.get_role(conn, ADMIN_ROLE)
            assert admin is not None  # created above if it was missing
            for user in admin_users:
                if user and not role_store.find_role_map(conn, admin.role_id, user, USER):
                    role_store.insert_role_map(
                        conn, self.core.ids, admin.role_id, user, USER, ADMIN_ROLE, ROLE, True, now
                    )

    # -- roles ------------------------------------------------------------------------------------
    def create_role(self, role: Role) -> None:
        name = check_principal_name(role.name, "role")
        with self.core.db.write() as conn:
            if role_store.get_role(conn, name) is not None:
                raise AlreadyExistsError(f"Role {name} already exists.")
            role_store.insert_role(conn, self.core.ids, name, role.owner, role.create_time or _now())

    def drop_role(self, name: str) -> None:
        if name in RESERVED_ROLES:
            raise InvalidOperationError(f"{PUBLIC_ROLE},{ADMIN_ROLE} roles can't be dropped.")
        with self.core.db.write() as conn:
            role = role_store.get_role(conn, name or "", lock=True)
            if role is None:
                raise NotFoundError(f"Role {name} does not exist")
            role_store.delete_role(conn, role)

    def get_role_names(self) -> list[str]:
        with self.core.db.read() as conn:
            return [r.name for r in role_store.list_roles(conn)]

    def get_roles(self) -> list[Role]:
        with self.core.db.read() as conn:
            return [Role(r.name, r.create_time, r.owner) for r in role_store.list_roles(conn)]

    def grant_role(
        self,
        role: str,
        principal: str,
        principal_type: str,
        grantor: str | None = None,
        grantor_type: str | None = None,
        grant_option: bool = False,
    ) -> None:
        ptype = check_principal_type(principal_type)
        check_principal_name(principal)
        if role == PUBLIC_ROLE:
            raise InvalidOperationError(
                "No user can be added to public. Since all users implicitly belong to public role."
            )
        with self.core.db.write() as conn:
            r = role_store.get_role(conn, role or "", lock=True)
            if r is None:
                raise NotFoundError(f"Role {role} does not exist")
            if ptype == ROLE:
                if role_store.get_role(conn, principal) is None:
                    raise NotFoundError(f"Role {principal} does not exist")
                if principal == role or principal in role_store.role_closure(conn, [(role, ROLE)]):
                    raise InvalidOperationError(
                        f"Cannot grant role {role} to {principal} as {principal} already "
                        f"belongs to the role {role}. (no cycles allowed)"
                    )
            if role_store.find_role_map(conn, r.role_id, principal, ptype):
                raise InvalidObjectError(f"Principal {principal} already has the role {role}")
            role_store.insert_role_map(
                conn,
                self.core.ids,
                r.role_id,
                principal,
                ptype,
                grantor,
                grantor_type and grantor_type.upper(),
                grant_option,
                _now(),
            )

    def revoke_role(
        self, role: str, principal: str, principal_type: str, grant_option_only: bool = False
    ) -> None:
        ptype = check_principal_type(principal_type)
        with self.core.db.write() as conn:
            r = role_store.get_role(conn, role or "", lock=True)
            if r is None:
                raise NotFoundError(f"Role {role} does not exist")
            found = role_store.find_role_map(conn, r.role_id, principal or "", ptype)
            if not found:
                raise NotFoundError(f"Role {role} is not granted to {ptype} {principal}")
            if grant_option_only:
                role_store.clear_role_map_option(conn, found)
            else:
                role_store.delete_role_map(conn, found)

    def list_roles(self, principal: str, principal_type: str) -> list[Role]:
        """Roles granted directly to the principal (and `public`, which every user has)."""
        ptype = check_principal_type(principal_type)
        with self.core.db.read() as conn:
            granted = {g.role for g in role_store.role_grants_of(conn, principal or "", ptype)}
            if ptype == USER:
                granted.add(PUBLIC_ROLE)
            found = role_store.list_roles(conn)
        return [Role(r.name, r.create_time, r.owner) for r in found if r.name in granted]

    def get_principals_in_role(self, role: str) -> list[RoleGrant]:
        with self.core.db.read() as conn:
            if role_store.get_role(conn, role or "") is None:
                raise NotFoundError(f"Role {role} does not exist")
            return [_role_grant(r) for r in role_store.role_members(conn, role)]

    def get_role_grants_for_principal(self, principal: str, principal_type: str) -> list[RoleGrant]:
        ptype = check_principal_type(principal_type)
        with self.core.db.read() as conn:
            return [_role_grant(r) for r in role_store.role_grants_of(conn, principal or "", ptype)]

    def roles_of(self, user: str | None, groups: tuple[str, ...] | list[str] = ()) -> dict[str, bool]:
        """Every role a user (and its groups) holds, transitively, `public` included: name -> admin option."""
        with self.core.db.read() as conn:
            return _closure(conn, user, groups)

    # -- privileges -------------------------------------------------------------------------------
    def _object_keys(self, conn: Connection, obj: ObjectRef) -> tuple[str, dict]:
        kind = grant_kind(obj)
        part_name = None
        if obj.part_values:
            row = tbls.get_table(conn, obj.catalog, nm.normalize(obj.db or ""), nm.normalize(obj.table or ""))
            if row is None:
                raise NotFoundError(f"table {obj.db}.{obj.table} does not exist")
            keys = [k.name for k in row.table.partition_keys]
            if len(keys) != len(obj.part_values):
                raise InvalidInputError(
                    f"partition values {list(obj.part_values)} do not match the partition keys "
                    f"of {obj.db}.{obj.table}"
                )
            part_name = nm.make_part_name(keys, list(obj.part_values))
        if kind.endswith("COLUMN") and not obj.column:
            raise InvalidInputError("a COLUMN privilege needs a column name")
        return kind, ps.resolve(conn, kind, obj.catalog, obj.db, obj.table, part_name, obj.column)

    def grant_privileges(self, grants: list[Grant]) -> None:
        now = _now()
        with self.core.db.write() as conn:
            for g in grants:
                check_privilege(g.privilege)
                ptype = check_principal_type(g.principal_type)
                check_principal_name(g.principal_name)
                kind, keys = self._object_keys(conn, g.object)
                if ps.select_grants(
                    conn, [kind], keys=keys, principal=(g.principal_name, ptype), privilege=g.privilege
                ):
                    raise InvalidObjectError(
                        f"{g.privilege} is already granted on {g.object} to {ptype} {g.principal_name}"
                    )
                ps.insert_grant(
                    conn,
                    self.core.ids,
                    kind,
                    keys,
                    g.principal_name,
                    ptype,
                    g.privilege.upper() if g.privilege.upper() != "ALL" else g.privilege,
                    g.grantor,
                    g.grantor_type and g.grantor_type.upper(),
                    g.grant_option,
                    g.authorizer,
                    g.create_time or now,
                )

    def revoke_privileges(self, grants: list[Grant], grant_option_only: bool = False) -> None:
        with self.core.db.write() as conn:
            for g in grants:
                ptype = check_principal_type(g.principal_type)
                kind, keys = self._object_keys(conn, g.object)
                found = ps.select_grants(
                    conn, [kind], keys=keys, principal=(g.principal_name, ptype), privilege=g.privilege
                )
                if not found:
                    raise NotFoundError(
                        f"No grant of {g.privilege} on {g.object} to {ptype} {g.principal_name} "
                        "found in privileges"
                    )
                check_revocable({f.grantor for f in found})
                ids = [f.grant_id for f in found]
                if grant_option_only:
                    ps.clear_grant_option(conn, kind, ids)
                else:
                    ps.delete_grants(conn, kind, ids)

    def list_privileges(
        self, principal: str | None, principal_type: str | None, obj: ObjectRef | None
    ) -> list[Grant]:
        """Grants to the principal (every principal when None) on the object (everywhere when None;
        a COLUMN object without a column name: every column of the table or partition)."""
        ptype = check_principal_type(principal_type) if principal_type else None
        who = (principal, ptype) if (principal is not None or ptype) else None
        with self.core.db.read() as conn:
            if obj is None:
                rows = ps.select_grants(conn, tuple(ps.PRIV_TABLES), principal=who)
            else:
                if obj.type == COLUMN and not obj.column:
                    obj = ObjectRef(COLUMN, obj.catalog, obj.db, obj.table, obj.part_values, "*")
                    kind, keys = self._object_keys(conn, obj)
                    keys.pop("COLUMN_NAME", None)
                else:
                    try:
                        kind, keys = self._object_keys(conn, obj)
                    except NotFoundError:
                        if obj.part_values:
                            raise
                        return []  # Hive lists a missing database's or table's grants as none
                rows = ps.select_grants(conn, [kind], keys=keys, principal=who)
        return [_grant_from_row(r) for r in rows]

    def get_privilege_set(
        self, obj: ObjectRef, user: str | None, groups: list[str] | tuple[str, ...] = ()
    ) -> PrivilegeSet:
        out = PrivilegeSet()
        with self.core.db.read() as conn:
            kind, keys = self._object_keys(conn, obj)
            rows = ps.select_grants(conn, [kind], keys=keys)
            roles = _closure(conn, user, groups)
        for r in rows:
            g = _grant_from_row(r)
            if r.principal_type == USER and r.principal_name == user:
                out.user.setdefault(user, []).append(g)
            elif r.principal_type == GROUP and r.principal_name in groups:
                out.group.setdefault(r.principal_name, []).append(g)
            elif r.principal_type == ROLE and r.principal_name in roles:
                out.role.setdefault(r.principal_name, []).append(g)
        return out

    def refresh_privileges(self, obj: ObjectRef, authorizer: str | None, grants: list[Grant]) -> None:
        """Replace every grant on the object made by `authorizer` with `grants` (Hive 3's refresh)."""
        now = _now()
        with self.core.db.write() as conn:
            kind, keys = self._object_keys(conn, obj)
            old = ps.select_grants(conn, [kind], keys=keys, authorizer=authorizer, any_authorizer=False)
            if old:
                ps.delete_grants(conn, kind, [o.grant_id for o in old])
            for g in grants:
                check_privilege(g.privilege)
                gkind, gkeys = self._object_keys(conn, g.object)
                if (gkind, gkeys) != (kind, keys):
                    raise InvalidInputError(f"refresh_privileges: a grant on {g.object} is not on {obj}")
                ps.insert_grant(
                    conn,
                    self.core.ids,
                    kind,
                    keys,
                    check_principal_name(g.principal_name),
                    check_principal_type(g.principal_type),
                    g.privilege,
                    g.grantor,
                    g.grantor_type,
                    g.grant_option,
                    authorizer,
                    g.create_time or now,
                )


def _closure(conn, user: str | None, groups) -> dict[str, bool]:
    start = [(PUBLIC_ROLE, ROLE)] + ([(user, USER)] if user else []) + [(g, GROUP) for g in groups or ()]
    roles = role_store.role_closure(conn, start)
    roles.setdefault(PUBLIC_ROLE, False)
    return roles
