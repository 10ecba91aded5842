"""SQL for roles in Hive's own tables ("ROLES", "ROLE_MAP"), with ids from "SEQUENCE_TABLE" under
DataNucleus' class names, so a Java metastore sharing the database sees the same role grants."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.store.ids import IdAllocator
from catalog.store.privileges import PRIV_TABLES

_M = "org.apache.hadoop.hive.metastore.model."
SEQ_ROLE = (_M + "MRole", "ROLES", "ROLE_ID")
SEQ_ROLE_MAP = (_M + "MRoleMap", "ROLE_MAP", "ROLE_GRANT_ID")


@dataclass
class RoleRow:
    role_id: int
    name: str
    create_time: int
    owner: str | None


@dataclass
class RoleMapRow:
    grant_id: int
    role: str
    principal_name: str
    principal_type: str
    grant_option: bool
    add_time: int
    grantor: str | None
    grantor_type: str | None


# ---------------------------------------------------------------------------------------------- roles
def get_role(conn: Connection, name: str, lock: bool = False) -> RoleRow | None:
    r = conn.execute(
        text(
            'SELECT "ROLE_ID", "ROLE_NAME", "CREATE_TIME", "OWNER_NAME" FROM "ROLES" '
            'WHERE "ROLE_NAME" = :n' + (" FOR UPDATE" if lock else "")
        ),
        {"n": name},
    ).first()
    return RoleRow(*r) if r else None


def list_roles(conn: Connection) -> list[RoleRow]:
    return [
        RoleRow(*r)
        for r in conn.execute(
            text(
                'SELECT "ROLE_ID", "ROLE_NAME", "CREATE_TIME", "OWNER_NAME" FROM "ROLES" ORDER BY "ROLE_NAME"'
            )
        )
    ]


def insert_role(conn: Connection, ids: IdAllocator, name: str, owner: str | None, now: int) -> int:
    (rid,) = ids.allocate(SEQ_ROLE, 1)
    conn.execute(
        text(
            'INSERT INTO "ROLES" ("ROLE_ID", "CREATE_TIME", "OWNER_NAME", "ROLE_NAME") '
            "VALUES (:id, :t, :o, :n)"
        ),
        {"id": rid, "t": now, "o": owner, "n": name},
    )
    return rid


def delete_role(conn: Connection, role: RoleRow) -> None:
    """The role, its memberships (both ways) and every privilege granted to it."""
    conn.execute(
        text(
            'DELETE FROM "ROLE_MAP" WHERE "ROLE_ID" = :id OR '
            '("PRINCIPAL_NAME" = :n AND "PRINCIPAL_TYPE" = \'ROLE\')'
        ),
        {"id": role.role_id, "n": role.name},
    )
    for pt in PRIV_TABLES.values():
        conn.execute(
            text(f'DELETE FROM "{pt.table}" WHERE "PRINCIPAL_NAME" = :n AND "PRINCIPAL_TYPE" = \'ROLE\''),
            {"n": role.name},
        )
    conn.execute(text('DELETE FROM "ROLES" WHERE "ROLE_ID" = :id'), {"id": role.role_id})


_MAP_SQL = (
    'SELECT m."ROLE_GRANT_ID", r."ROLE_NAME", m."PRINCIPAL_NAME", m."PRINCIPAL_TYPE", m."GRANT_OPTION" <> 0, '
    'm."ADD_TIME", m."GRANTOR", m."GRANTOR_TYPE" FROM "ROLE_MAP" m JOIN "ROLES" r ON r."ROLE_ID" = m."ROLE_ID" '
)


def role_members(conn: Connection, role: str) -> list[RoleMapRow]:
    return [
        RoleMapRow(*r)
        for r in conn.execute(
            text(_MAP_SQL + 'WHERE r."ROLE_NAME" = :n ORDER BY m."PRINCIPAL_TYPE", m."PRINCIPAL_NAME"'),
            {"n": role},
        )
    ]


def role_grants_of(conn: Connection, principal: str, ptype: str) -> list[RoleMapRow]:
    return [
        RoleMapRow(*r)
        for r in conn.execute(
            text(
                _MAP_SQL + 'WHERE m."PRINCIPAL_NAME" = :p AND m."PRINCIPAL_TYPE" = :t ORDER BY r."ROLE_NAME"'
            ),
            {"p": principal, "t": ptype},
        )
    ]


def find_role_map(conn: Connection, role_id: int, principal: str, ptype: str) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            text(
                'SELECT "ROLE_GRANT_ID" FROM "ROLE_MAP" WHERE "ROLE_ID" = :r AND "PRINCIPAL_NAME" = :p '
                'AND "PRINCIPAL_TYPE" = :t'
            ),
            {"r": role_id, "p": principal, "t": ptype},
        )
    ]


def insert_role_map(
    conn: Connection,
    ids: IdAllocator,
    role_id: int,
    principal: str,
    ptype: str,
    grantor: str | None,
    grantor_type: str | None,
    grant_option: bool,
    now: int,
) -> None:
    (gid,) = ids.allocate(SEQ_ROLE_MAP, 1)
    conn.execute(
        text(
            'INSERT INTO "ROLE_MAP" ("ROLE_GRANT_ID", "ADD_TIME", "GRANT_OPTION", "GRANTOR", '
            '"GRANTOR_TYPE", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "ROLE_ID") '
            "VALUES (:id, :t, :go, :g, :gt, :p, :pt, :r)"
        ),
        {
            "id": gid,
            "t": now,
            "go": 1 if grant_option else 0,
            "g": grantor,
            "gt": grantor_type,
            "p": principal,
            "pt": ptype,
            "r": role_id,
        },
    )


def delete_role_map(conn: Connection, grant_ids: list[int]) -> None:
    conn.execute(text('DELETE FROM "ROLE_MAP" WHERE "ROLE_GRANT_ID" = ANY(:ids)'), {"ids": grant_ids})


def clear_role_map_option(conn: Connection, grant_ids: list[int]) -> None:
    conn.execute(
        text('UPDATE "ROLE_MAP" SET "GRANT_OPTION" = 0 WHERE "ROLE_GRANT_ID" = ANY(:ids)'), {"ids": grant_ids}
    )


_CLOSURE_SQL = """
WITH RECURSIVE start(name, type) AS (SELECT * FROM unnest(CAST(:names AS text[]), CAST(:types AS text[]))),
r(name, grantable) AS (
    SELECT ro."ROLE_NAME", m."GRANT_OPTION" <> 0 FROM "ROLE_MAP" m JOIN "ROLES" ro ON ro."ROLE_ID" = m."ROLE_ID"
     WHERE (m."PRINCIPAL_NAME", m."PRINCIPAL_TYPE") IN (SELECT name, type FROM start)
    UNION
    SELECT ro."ROLE_NAME", m."GRANT_OPTION" <> 0 FROM r JOIN "ROLE_MAP" m
        ON m."PRINCIPAL_NAME" = r.name AND m."PRINCIPAL_TYPE" = 'ROLE'
      JOIN "ROLES" ro ON ro."ROLE_ID" = m."ROLE_ID"
)
SELECT name, bool_or(grantable) FROM r GROUP BY name"""


def role_closure(conn: Connection, principals: list[tuple[str, str]]) -> dict[str, bool]:
    """Every role the principals hold, directly or through other roles: name -> held with admin option
    (directly granted with it, to any of the principals or the roles in between)."""
    if not principals:
        return {}
    rows = conn.execute(
        text(_CLOSURE_SQL), {"names": [p[0] for p in principals], "types": [p[1] for p in principals]}
    )
    return {r[0]: bool(r[1]) for r in rows}
