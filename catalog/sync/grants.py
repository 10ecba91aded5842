"""Unity Catalog grants as Hive privileges, where a faithful mapping exists.

UC privileges (normalised spelling, e.g. ``USE_CATALOG``) map to Hive's as follows; Hive's
hierarchical model lets a database privilege cover its tables, as UC's inheritance does:

    UC on a table            Hive on the table
      SELECT                   SELECT
      MODIFY                   INSERT, UPDATE, DELETE
      ALL_PRIVILEGES           SELECT, INSERT, UPDATE, DELETE   (not Hive's ALL: in UC, altering
                                                                 and dropping stay with the owner)
    UC on a schema           Hive on the database
      SELECT, MODIFY, ALL_PRIVILEGES as above, CREATE_TABLE -> CREATE (ALL_PRIVILEGES includes it)
    UC on a catalog          Hive on every database mirrored from the catalog (UC inherits them)
      the same as on a schema

Everything else (USE_*, BROWSE, EXECUTE, READ_VOLUME, APPLY_TAG, MANAGE, …) has no Hive
counterpart and is not mapped; it stays visible as the UC grant itself.

UC only lets a principal use a table when it can also use the catalog and the schema (USE_CATALOG
and USE_SCHEMA, ALL_PRIVILEGES, or ownership). A grant is mapped only for a principal that holds
those itself: UC group membership is not visible through the API, so a grant whose USE_* comes
through a group is not mapped (never more access than UC gives). UC principals have no type in the
API: e-mail addresses and application ids (UUIDs) are Hive USERs, anything else a GROUP.

Mapped privileges are written with grantor ``unity-catalog``; the mirror replaces exactly those rows
when an object's grants change and never touches grants made by anyone else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from catalog.provenance import MIRROR_GRANTOR
from catalog.store import privileges as ps

_WRITE = ("INSERT", "UPDATE", "DELETE")
TABLE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "SELECT": ("SELECT",),
    "MODIFY": _WRITE,
    "ALL_PRIVILEGES": ("SELECT", *_WRITE),
}
DATABASE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    **TABLE_PRIVILEGES,
    "CREATE_TABLE": ("CREATE",),
    "ALL_PRIVILEGES": ("SELECT", *_WRITE, "CREATE"),
}
_USE_CATALOG = {"USE_CATALOG", "ALL_PRIVILEGES"}
_USE_SCHEMA = {"USE_SCHEMA", "ALL_PRIVILEGES"}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def principal_type(principal: str) -> str:
    return "USER" if "@" in principal or _UUID.match(principal) else "GROUP"


@dataclass(frozen=True)
class Parents:
    """What decides whether a principal may use a schema's objects in UC."""

    catalog_grants: dict[str, list[str]]
    schema_grants: dict[str, list[str]]
    catalog_owner: str | None = None
    schema_owner: str | None = None

    def can_use(self, principal: str) -> bool:
        cat = set(self.catalog_grants.get(principal, ()))
        sch = set(self.schema_grants.get(principal, ()))
        uses_catalog = principal == self.catalog_owner or bool(cat & _USE_CATALOG)
        # USE_SCHEMA granted on the catalog is inherited by its schemas
        uses_schema = principal in (self.schema_owner, self.catalog_owner) or bool((sch | cat) & _USE_SCHEMA)
        return uses_catalog and uses_schema


def _mapped(
    grants: dict[str, list[str]],
    table: dict[str, tuple[str, ...]],
    parents: Parents,
    out: dict[str, set[str]],
) -> None:
    for principal, privileges in grants.items():
        if not parents.can_use(principal):
            continue
        for p in privileges:
            out.setdefault(principal, set()).update(table.get(p, ()))


def database_privileges(parents: Parents) -> dict[str, list[str]]:
    """{principal: Hive privileges} on the database mirrored from the schema."""
    out: dict[str, set[str]] = {}
    _mapped(parents.catalog_grants, DATABASE_PRIVILEGES, parents, out)
    _mapped(parents.schema_grants, DATABASE_PRIVILEGES, parents, out)
    return {k: sorted(v) for k, v in sorted(out.items()) if v}


def table_privileges(grants: dict[str, list[str]], parents: Parents) -> dict[str, list[str]]:
    """{principal: Hive privileges} on the table itself (what the database level does not give)."""
    out: dict[str, set[str]] = {}
    _mapped(grants, TABLE_PRIVILEGES, parents, out)
    return {k: sorted(v) for k, v in sorted(out.items()) if v}


def to_json(privileges: dict[str, list[str]]) -> str:
    return json.dumps(privileges, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def writer(
    kind: str, catalog: str, db: str, table: str | None, privileges: dict[str, list[str]], ids, now: int
):
    """A transaction hook that makes the mirror's grants on the object exactly `privileges` (it
    does nothing if the object does not exist in that transaction, e.g. after a drop)."""
    wanted = [
        (principal, principal_type(principal), priv)
        for principal, privs in privileges.items()
        for priv in privs
    ]

    def hook(conn) -> None:
        r = ps.object_ids(conn, catalog, db, table or "")
        if r is None or (kind == "TABLE" and r[1] is None):
            return
        keys = {"DB_ID": r[0]} if kind == "DATABASE" else {"TBL_ID": r[1]}
        ps.replace_grants_of_grantor(conn, ids, kind, keys, MIRROR_GRANTOR, wanted, now)

    return hook


__all__ = [
    "DATABASE_PRIVILEGES",
    "MIRROR_GRANTOR",
    "TABLE_PRIVILEGES",
    "Parents",
    "database_privileges",
    "principal_type",
    "table_privileges",
    "to_json",
    "writer",
]
