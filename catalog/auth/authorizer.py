"""Authorization decisions (`--authorization=enforce`), the same for both doors.

A caller may do something when any of these holds:
  * the call comes from inside the process (the `internal` door), or authorization is off;
  * the caller is an admin: an admin API token, or a member (directly or through roles) of `admin`;
  * the caller owns the object (owner USER = the caller, owner GROUP = one of its groups, owner
    ROLE = one of its roles; every user has `public`, which owns Hive's `default` database);
  * the caller — as its user, its groups or any of its roles — holds the privilege (or `ALL`) on
    the object or on an enclosing level: global, then database, then table (Hive's legacy
    hierarchical model). Reading metadata needs *any* privilege, column privileges included.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.auth.context import INTERNAL, Caller
from catalog.db import Database
from catalog.domain import names as nm
from catalog.errors import PermissionDeniedError
from catalog.privileges import ADMIN_ROLE, DATABASE, GLOBAL, GROUP, PUBLIC_ROLE, ROLE, TABLE, USER, ObjectRef
from catalog.store import databases as dbs
from catalog.store import privileges as ps
from catalog.store import roles as role_store

ANY = "ANY"  # any privilege at all: what reading metadata needs


@dataclass
class Who:
    caller: Caller
    principals: list[tuple[str, str]]  # (name, USER|GROUP|ROLE)
    roles: dict[str, bool]  # role -> held with admin option
    admin: bool


class Authorizer:
    def __init__(self, db: Database, enforce: bool = False):
        self.db = db
        self.enforce = enforce

    def applies_to(self, caller: Caller) -> bool:
        return self.enforce and caller.door != INTERNAL

    # -- who is the caller --------------------------------------------------------------------------
    def who(self, caller: Caller, conn=None) -> Who:
        start = (
            [(PUBLIC_ROLE, ROLE)]
            + ([(caller.principal, USER)] if caller.principal else [])
            + [(g, GROUP) for g in caller.groups]
        )
        if conn is None:
            with self.db.read() as c:
                roles = role_store.role_closure(c, start)
        else:
            roles = role_store.role_closure(conn, start)
        roles.setdefault(PUBLIC_ROLE, False)
        principals = (
            ([(caller.principal, USER)] if caller.principal else [])
            + [(g, GROUP) for g in caller.groups]
            + [(r, ROLE) for r in roles]
        )
        return Who(caller, principals, roles, caller.is_admin or ADMIN_ROLE in roles)

    def is_admin(self, caller: Caller) -> bool:
        return not self.applies_to(caller) or self.who(caller).admin

    # -- decisions ----------------------------------------------------------------------------------
    def held(self, who: Who, obj: ObjectRef, conn) -> tuple[bool, list[tuple[str, str, bool]]]:
        """(owns the object, [(level, privilege, grant option)] on it and the levels above)."""
        db_id = tbl_id = None
        owns = False
        if obj.type != GLOBAL and obj.db:
            r = ps.owners(conn, obj.catalog, nm.normalize(obj.db), nm.normalize(obj.table or ""))
            if r is not None:
                db_id, tbl_id = r[0], r[3]
                mine = set(who.principals)
                if obj.table:
                    owns = tbl_id is not None and (r[4], r[5]) in mine
                else:
                    owns = (r[1], r[2]) in mine
        return owns, ps.effective(conn, who.principals, db_id, tbl_id if obj.table else None)

    def allowed(self, caller: Caller, privilege: str, obj: ObjectRef, *, grant_option: bool = False) -> bool:
        if not self.applies_to(caller):
            return True
        with self.db.read() as conn:
            who = self.who(caller, conn)
            if who.admin:
                return True
            owns, held = self.held(who, obj, conn)
        if owns:
            return True
        want = privilege.upper()
        for level, priv, option in held:
            if grant_option and not option:
                continue
            if level == "TABLE_COLUMN" and want != ANY:
                continue
            if want == ANY or priv.upper() in (want, "ALL"):
                return True
        return False

    def require(
        self, caller: Caller, privilege: str, obj: ObjectRef, action: str, *, grant_option: bool = False
    ) -> None:
        if not self.allowed(caller, privilege, obj, grant_option=grant_option):
            raise denied(caller, privilege, obj, action, grant_option)

    def require_admin(self, caller: Caller, action: str) -> None:
        if not self.is_admin(caller):
            raise PermissionDeniedError(
                f"Permission denied: {_principal(caller)} does not have the ADMIN privilege "
                f"(membership of role '{ADMIN_ROLE}') needed for {action}"
            )

    def require_role_admin(self, caller: Caller, role: str, action: str) -> None:
        """Granting or revoking a role: admins, and holders of the role WITH ADMIN OPTION."""
        if not self.applies_to(caller):
            return
        who = self.who(caller)
        if not (who.admin or who.roles.get(role)):
            raise PermissionDeniedError(
                f"Permission denied: {_principal(caller)} does not have the role "
                f"'{role}' WITH ADMIN OPTION, needed for {action}"
            )

    # -- filters ------------------------------------------------------------------------------------
    def visible_databases(self, caller: Caller, catalog: str, names: list[str]) -> list[str]:
        if not self.applies_to(caller) or not names:
            return list(names)
        with self.db.read() as conn:
            who = self.who(caller, conn)
            if who.admin or _global(conn, who):
                return list(names)
            keep = ps.databases_with_grants(conn, who.principals, catalog, list(names))
        return [n for n in names if n in keep]

    def visible_tables(self, caller: Caller, catalog: str, db: str, names: list[str]) -> list[str]:
        if not self.applies_to(caller) or not names:
            return list(names)
        with self.db.read() as conn:
            who = self.who(caller, conn)
            if who.admin:
                return list(names)
            db_id = dbs.database_id(conn, catalog, nm.normalize(db))
            if db_id is None:
                return []
            if any(
                level in ("GLOBAL", "DATABASE")
                for level, _, _ in ps.effective(conn, who.principals, db_id, None)
            ):
                return list(names)
            keep = ps.tables_with_grants(conn, who.principals, db_id, [nm.normalize(n) for n in names])
        return [n for n in names if nm.normalize(n) in keep]


def _global(conn, who: Who) -> bool:
    return any(level == "GLOBAL" for level, _, _ in ps.effective(conn, who.principals, None, None))


def _principal(caller: Caller) -> str:
    return f"USER {caller.name}"


def denied(
    caller: Caller, privilege: str, obj: ObjectRef, action: str, grant_option: bool = False
) -> PermissionDeniedError:
    what = "any privilege" if privilege == ANY else f"the {privilege.upper()} privilege"
    if grant_option:
        what += " WITH GRANT OPTION"
    where = "the global level" if obj.type == GLOBAL else f"{obj.type} {obj}"
    return PermissionDeniedError(
        f"Permission denied: {_principal(caller)} does not have {what} on {where} "
        f"(needed for {action}); ownership or the admin role would also do"
    )


__all__ = ["ANY", "DATABASE", "GLOBAL", "TABLE", "Authorizer", "Who", "denied"]
