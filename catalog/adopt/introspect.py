"""What a PostgreSQL schema holds: tables, columns, indexes and constraints, read from pg_catalog.

Definitions are read with the inspected schema first on the search_path, so PostgreSQL prints them
unqualified; a description of `public` and one of a scratch schema holding the reference 3.1.0
schema can then be compared text for text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # format_type(), e.g. "character varying(256)", "bigint", "text"
    not_null: bool
    default: str | None


@dataclass(frozen=True)
class Index:
    """An index, and the PRIMARY KEY / UNIQUE constraint it backs (if any)."""

    name: str
    table: str
    unique: bool
    body: str  # the definition after "ON <table>": "USING btree (...)"
    constraint: str | None  # 'p' or 'u' when it backs a constraint
    constraint_def: str | None

    @property
    def signature(self) -> tuple:
        return (self.table, self.unique, self.body)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    definition: str  # "FOREIGN KEY (...) REFERENCES t(...) DEFERRABLE"


@dataclass
class SchemaInfo:
    name: str
    columns: dict[str, dict[str, Column]] = field(default_factory=dict)  # table -> column -> Column
    indexes: dict[str, Index] = field(default_factory=dict)
    foreign_keys: dict[str, ForeignKey] = field(default_factory=dict)

    @property
    def tables(self) -> set[str]:
        return set(self.columns)


_INDEXDEF = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?(\S+) (.*)$")


def describe(conn: Connection, schema: str) -> SchemaInfo:
    """Describe `schema` (the caller's search_path is restored before returning)."""
    old_path = conn.execute(text("SHOW search_path")).scalar()
    conn.execute(text("SELECT set_config('search_path', :p, true)"), {"p": f'"{schema}", pg_catalog'})
    try:
        info = SchemaInfo(schema)
        for table, col, typ, not_null, default in conn.execute(
            text(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                "       pg_get_expr(d.adbin, d.adrelid) "
                "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                "ORDER BY c.relname, a.attnum"
            ),
            {"s": schema},
        ):
            info.columns.setdefault(table, {})[col] = Column(col, typ, bool(not_null), default)
        for name, table, idef, contype, condef in conn.execute(
            text(
                "SELECT i.relname, t.relname, pg_get_indexdef(i.oid), con.contype, "
                "       pg_get_constraintdef(con.oid) "
                "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "JOIN pg_class t ON t.oid = x.indrelid "
                "JOIN pg_namespace n ON n.oid = t.relnamespace "
                "LEFT JOIN pg_constraint con ON con.conindid = i.oid AND con.conrelid = t.oid "
                "     AND con.contype IN ('p', 'u') "
                "WHERE n.nspname = :s"
            ),
            {"s": schema},
        ):
            m = _INDEXDEF.match(idef)
            if not m:  # pragma: no cover - PostgreSQL always prints this shape
                continue
            info.indexes[name] = Index(name, table, bool(m.group(1)), m.group(3), contype, condef)
        for name, table, fdef in conn.execute(
            text(
                "SELECT con.conname, t.relname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                "JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                "WHERE n.nspname = :s AND con.contype = 'f'"
            ),
            {"s": schema},
        ):
            info.foreign_keys[name] = ForeignKey(name, table, fdef)
        return info
    finally:
        conn.execute(text("SELECT set_config('search_path', :p, true)"), {"p": old_path})


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
