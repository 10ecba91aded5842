"""Roles and privileges with Apache Hive's metastore semantics: the objects and their rules
(the operations are in catalog.service.privileges).

Principals are USER, GROUP or ROLE. Roles nest (a role may be granted to a role; cycles are
refused). Every user implicitly belongs to `public`, which cannot be granted; `admin` and `public`
are created at start-up as Hive's HMSHandler does (with `ALL` on the global level granted to
`admin`, with grant option), and cannot be dropped. Privileges are granted on the global level,
a database, a table, a partition or a column, optionally with grant option; granting one twice is
refused, revoking one that was never granted is refused, and revoking with `grant_option_only`
keeps the privilege but takes the grant option away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.domain.model import DEFAULT_CATALOG
from catalog.errors import InvalidInputError

GLOBAL, DATABASE, TABLE, PARTITION, COLUMN = "GLOBAL", "DATABASE", "TABLE", "PARTITION", "COLUMN"
OBJECT_TYPES = (GLOBAL, DATABASE, TABLE, PARTITION, COLUMN)
USER, ROLE, GROUP = "USER", "ROLE", "GROUP"
PRINCIPAL_TYPES = (USER, ROLE, GROUP)
ADMIN_ROLE, PUBLIC_ROLE = "admin", "public"
RESERVED_ROLES = (ADMIN_ROLE, PUBLIC_ROLE)
PRIVILEGES = (
    "ALL",
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "DROP",
    "ALTER",
    "INDEX",
    "LOCK",
    "SHOW_DATABASE",
)
MAX_PRINCIPAL = 128


@dataclass(frozen=True)
class ObjectRef:
    """What a privilege is on. `part_values` names a partition (PARTITION, or a partition's COLUMN)."""

    type: str
    catalog: str = DEFAULT_CATALOG
    db: str | None = None
    table: str | None = None
    part_values: tuple[str, ...] | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.type == GLOBAL:
            return "*"
        s = ".".join(x for x in (self.catalog, self.db, self.table) if x)
        if self.part_values:
            s += "[" + ",".join(self.part_values) + "]"
        if self.column:
            s += "." + self.column
        return s


@dataclass
class Grant:
    object: ObjectRef
    principal_name: str
    principal_type: str
    privilege: str
    grantor: str | None = None
    grantor_type: str | None = None
    grant_option: bool = False
    create_time: int = 0
    authorizer: str | None = None


@dataclass
class Role:
    name: str
    create_time: int = 0
    owner: str | None = None


@dataclass
class RoleGrant:
    role: str
    principal_name: str
    principal_type: str
    grant_option: bool = False
    grant_time: int = 0
    grantor: str | None = None
    grantor_type: str | None = None


@dataclass
class PrivilegeSet:
    user: dict[str, list[Grant]] = field(default_factory=dict)
    group: dict[str, list[Grant]] = field(default_factory=dict)
    role: dict[str, list[Grant]] = field(default_factory=dict)


def check_principal_type(t: str | None) -> str:
    t = (t or "").upper()
    if t not in PRINCIPAL_TYPES:
        raise InvalidInputError(f"principal type must be one of {', '.join(PRINCIPAL_TYPES)}")
    return t


def check_principal_name(name: str | None, what: str = "principal") -> str:
    if not name or not name.strip() or len(name) > MAX_PRINCIPAL:
        raise InvalidInputError(f"a {what} name is 1 to {MAX_PRINCIPAL} characters")
    return name


def check_privilege(p: str | None) -> str:
    if not p or p.strip().upper() not in PRIVILEGES:
        raise InvalidInputError(f"unknown privilege '{p}'; one of {', '.join(PRIVILEGES)}")
    return p.strip()


def grant_kind(obj: ObjectRef) -> str:
    if obj.type not in OBJECT_TYPES:
        raise InvalidInputError(f"object type must be one of {', '.join(OBJECT_TYPES)}")
    if obj.type == COLUMN:
        return "PARTITION_COLUMN" if obj.part_values else "TABLE_COLUMN"
    if obj.type != GLOBAL and not obj.db:
        raise InvalidInputError(f"a {obj.type} privilege needs a database name")
    if obj.type in (TABLE, PARTITION) and not obj.table:
        raise InvalidInputError(f"a {obj.type} privilege needs a table name")
    if obj.type == PARTITION and not obj.part_values:
        raise InvalidInputError("a PARTITION privilege needs partition values")
    return obj.type


__all__ = [
    "ADMIN_ROLE",
    "COLUMN",
    "DATABASE",
    "GLOBAL",
    "GROUP",
    "OBJECT_TYPES",
    "PARTITION",
    "PRINCIPAL_TYPES",
    "PRIVILEGES",
    "PUBLIC_ROLE",
    "ROLE",
    "TABLE",
    "USER",
    "Grant",
    "ObjectRef",
    "PrivilegeSet",
    "Role",
    "RoleGrant",
    "check_principal_type",
    "check_privilege",
    "grant_kind",
]
