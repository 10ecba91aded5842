"""Hive's notification messages: the event types and the JSON bodies of `JSONMessageEncoder`.

Each builder returns the `NOTIFICATION_LOG` row of one event: its type, names and message, a JSON
object with the fields of Hive's `JSON*Message` class (`org.apache.hadoop.hive.metastore.messaging
.json`) and the catalog objects in TJSON (`catalog.events.tjson`), `messageFormat` "json-0.2".
Hive's deserializer ignores fields it does not know (FAIL_ON_UNKNOWN_PROPERTIES is off), so a
message carries the fields of Hive 3.1 and the few Hive 4 added (`cat`, `dbJson`) that Impala and
Hive 4 read. Files lists are empty: the service does not list data files at DDL time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.domain import model as m
from catalog.events import tjson
from catalog.store.notifications import NewEvent

if TYPE_CHECKING:
    from catalog.constraints import Constraint

MESSAGE_FORMAT = "json-0.2"
# The value Hive 3.1's get_config_value answers for the factory (metastore.event.message.factory).
MESSAGE_FACTORY = "org.apache.hadoop.hive.metastore.messaging.json.JSONMessageFactory"

CREATE_DATABASE = "CREATE_DATABASE"
ALTER_DATABASE = "ALTER_DATABASE"
DROP_DATABASE = "DROP_DATABASE"
CREATE_TABLE = "CREATE_TABLE"
ALTER_TABLE = "ALTER_TABLE"
DROP_TABLE = "DROP_TABLE"
ADD_PARTITION = "ADD_PARTITION"
ALTER_PARTITION = "ALTER_PARTITION"
ALTER_PARTITIONS = "ALTER_PARTITIONS"  # Hive 4's one event for a batch (Impala reads it)
DROP_PARTITION = "DROP_PARTITION"
CREATE_FUNCTION = "CREATE_FUNCTION"
DROP_FUNCTION = "DROP_FUNCTION"
DROP_CONSTRAINT = "DROP_CONSTRAINT"
# Hive 3.1 has these four; it has no event for default or check constraints (Hive 4 added them)
ADD_PRIMARYKEY = "ADD_PRIMARYKEY"
ADD_FOREIGNKEY = "ADD_FOREIGNKEY"
ADD_UNIQUECONSTRAINT = "ADD_UNIQUECONSTRAINT"
ADD_NOTNULLCONSTRAINT = "ADD_NOTNULLCONSTRAINT"
CREATE_CATALOG = "CREATE_CATALOG"
ALTER_CATALOG = "ALTER_CATALOG"
DROP_CATALOG = "DROP_CATALOG"
INSERT = "INSERT"
# Hive 4's column-statistics events (Hive 3.1 writes none; its readers skip unknown types)
UPDATE_TABLE_COLUMN_STAT = "UPDATE_TBL_COL_STAT_EVENT"
DELETE_TABLE_COLUMN_STAT = "DELETE_TBL_COL_STAT_EVENT"
UPDATE_PARTITION_COLUMN_STAT = "UPDATE_PART_COL_STAT_EVENT"
DELETE_PARTITION_COLUMN_STAT = "DELETE_PART_COL_STAT_EVENT"

EVENT_TYPES = (
    CREATE_DATABASE,
    ALTER_DATABASE,
    DROP_DATABASE,
    CREATE_TABLE,
    ALTER_TABLE,
    DROP_TABLE,
    ADD_PARTITION,
    ALTER_PARTITION,
    ALTER_PARTITIONS,
    DROP_PARTITION,
    CREATE_FUNCTION,
    DROP_FUNCTION,
    DROP_CONSTRAINT,
    ADD_PRIMARYKEY,
    ADD_FOREIGNKEY,
    ADD_UNIQUECONSTRAINT,
    ADD_NOTNULLCONSTRAINT,
    CREATE_CATALOG,
    ALTER_CATALOG,
    DROP_CATALOG,
    INSERT,
    UPDATE_TABLE_COLUMN_STAT,
    DELETE_TABLE_COLUMN_STAT,
    UPDATE_PARTITION_COLUMN_STAT,
    DELETE_PARTITION_COLUMN_STAT,
)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # as Jackson writes


@dataclass(frozen=True)
class Origin:
    """Hive's MS_SERVER_URL (hive.metastore.uris) and MS_SERVICE_PRINCIPAL, in every message."""

    server: str = ""
    principal: str = ""


def _partition_spec(keys: Sequence[m.FieldSchema], values: Sequence[str]) -> dict[str, str]:
    return {k.name: v for k, v in zip(keys, values, strict=False)}


class MessageBuilder:
    def __init__(self, origin: Origin | None = None):
        self.origin = origin or Origin()

    def _event(
        self, event_type: str, catalog: str | None, db: str | None, table: str | None, body: dict
    ) -> NewEvent:
        msg = {"server": self.origin.server, "servicePrincipal": self.origin.principal, **body}
        return NewEvent(event_type, catalog, db, table, _dumps(msg), MESSAGE_FORMAT)

    # -- catalogs ------------------------------------------------------------------------------
    def create_catalog(self, c: m.Catalog) -> NewEvent:
        return self._event(CREATE_CATALOG, c.name, None, None, {"catalog": c.name, "timestamp": _now()})

    def alter_catalog(self, before: m.Catalog, after: m.Catalog) -> NewEvent:
        body = {"catObjBeforeJson": tjson.catalog(before), "catObjAfterJson": tjson.catalog(after)}
        return self._event(ALTER_CATALOG, after.name, None, None, {**body, "timestamp": _now()})

    def drop_catalog(self, c: m.Catalog) -> NewEvent:
        return self._event(DROP_CATALOG, c.name, None, None, {"catalog": c.name, "timestamp": _now()})

    # -- databases -----------------------------------------------------------------------------
    def create_database(self, d: m.Database) -> NewEvent:
        body = {"cat": d.catalog_name, "db": d.name, "dbJson": tjson.database(d), "timestamp": _now()}
        return self._event(CREATE_DATABASE, d.catalog_name, d.name, None, body)

    def alter_database(self, before: m.Database, after: m.Database) -> NewEvent:
        body = {
            "db": before.name,
            "dbObjBeforeJson": tjson.database(before),
            "dbObjAfterJson": tjson.database(after),
            "timestamp": _now(),
        }
        return self._event(ALTER_DATABASE, after.catalog_name, after.name, None, body)

    def drop_database(self, d: m.Database) -> NewEvent:
        body = {"cat": d.catalog_name, "db": d.name, "dbJson": tjson.database(d), "timestamp": _now()}
        return self._event(DROP_DATABASE, d.catalog_name, d.name, None, body)

    # -- tables --------------------------------------------------------------------------------
    def _table_head(self, t: m.Table) -> dict:
        return {"db": t.db_name, "table": t.table_name, "tableType": t.table_type}

    def create_table(self, t: m.Table) -> NewEvent:
        body = {**self._table_head(t), "tableObjJson": tjson.table(t), "timestamp": _now(), "files": []}
        return self._event(CREATE_TABLE, t.catalog_name, t.db_name, t.table_name, body)

    def alter_table(self, before: m.Table, after: m.Table, truncate: bool = False) -> NewEvent:
        body = {
            **self._table_head(before),
            "tableObjBeforeJson": tjson.table(before),
            "tableObjAfterJson": tjson.table(after),
            "isTruncateOp": "true" if truncate else "false",
            "timestamp": _now(),
            "writeId": 0,
        }
        # Hive names the event after the table before the change (a rename's old name)
        return self._event(ALTER_TABLE, before.catalog_name, before.db_name, before.table_name, body)

    def drop_table(self, t: m.Table) -> NewEvent:
        body = {**self._table_head(t), "tableObjJson": tjson.table(t), "timestamp": _now()}
        return self._event(DROP_TABLE, t.catalog_name, t.db_name, t.table_name, body)

    # -- partitions ----------------------------------------------------------------------------
    def add_partitions(self, t: m.Table, ps: Sequence[m.Partition]) -> NewEvent:
        memo: dict = {}
        body = {
            **self._table_head(t),
            "tableObjJson": tjson.table(t),
            "timestamp": _now(),
            "partitions": [_partition_spec(t.partition_keys, p.values) for p in ps],
            "partitionListJson": [tjson.partition(p, memo) for p in ps],
            "partitionFiles": [],
        }
        return self._event(ADD_PARTITION, t.catalog_name, t.db_name, t.table_name, body)

    def alter_partition(
        self, t: m.Table, before: m.Partition, after: m.Partition, truncate: bool = False
    ) -> NewEvent:
        body = {
            **self._table_head(t),
            "tableObjJson": tjson.table(t),
            "isTruncateOp": "true" if truncate else "false",
            "timestamp": _now(),
            "writeId": 0,
            "keyValues": _partition_spec(t.partition_keys, before.values),
            "partitionObjBeforeJson": tjson.partition(before),
            "partitionObjAfterJson": tjson.partition(after),
        }
        return self._event(ALTER_PARTITION, t.catalog_name, t.db_name, t.table_name, body)

    def alter_partitions(self, t: m.Table, after: Sequence[m.Partition], truncate: bool = False) -> NewEvent:
        memo: dict = {}
        body = {
            **self._table_head(t),
            "tableObjJson": tjson.table(t),
            "isTruncateOp": "true" if truncate else "false",
            "timestamp": _now(),
            "writeId": 0,
            "partitions": [_partition_spec(t.partition_keys, p.values) for p in after],
            "partitionListJson": [tjson.partition(p, memo) for p in after],
        }
        return self._event(ALTER_PARTITIONS, t.catalog_name, t.db_name, t.table_name, body)

    def drop_partitions(self, t: m.Table, values: Sequence[Sequence[str]]) -> NewEvent:
        body = {
            **self._table_head(t),
            "tableObjJson": tjson.table(t),
            "timestamp": _now(),
            "partitions": [_partition_spec(t.partition_keys, v) for v in values],
        }
        return self._event(DROP_PARTITION, t.catalog_name, t.db_name, t.table_name, body)

    # -- functions -----------------------------------------------------------------------------
    def create_function(self, f: m.Function) -> NewEvent:
        body = {"db": f.db_name, "functionObjJson": tjson.function(f), "timestamp": _now()}
        return self._event(CREATE_FUNCTION, f.catalog_name, f.db_name, None, body)

    def drop_function(self, f: m.Function) -> NewEvent:
        body = {"db": f.db_name, "functionName": f.function_name, "timestamp": _now()}
        return self._event(DROP_FUNCTION, f.catalog_name, f.db_name, None, body)

    # -- constraints ---------------------------------------------------------------------------
    # One event per kind and call, named after the first column's table (a foreign key's after the
    # referenced table), as Hive's DbNotificationListener names them.
    def add_primary_key(self, cs: Sequence[Constraint]) -> NewEvent:
        body = {"timestamp": _now(), "primaryKeyListJson": [tjson.primary_key(c) for c in cs]}
        return self._event(ADD_PRIMARYKEY, cs[0].catalog, cs[0].db, cs[0].table, body)

    def add_foreign_key(self, cs: Sequence[Constraint], pk_names: Sequence[str | None]) -> NewEvent:
        """`pk_names`: each key's referenced primary key name (Hive's SQLForeignKey.pk_name)."""
        fks = [tjson.foreign_key(c, pk) for c, pk in zip(cs, pk_names, strict=True)]
        body = {"timestamp": _now(), "foreignKeyListJson": fks}
        return self._event(ADD_FOREIGNKEY, cs[0].catalog, cs[0].ref_db, cs[0].ref_table, body)

    def add_unique_constraint(self, cs: Sequence[Constraint]) -> NewEvent:
        body = {"timestamp": _now(), "uniqueConstraintListJson": [tjson.unique_constraint(c) for c in cs]}
        return self._event(ADD_UNIQUECONSTRAINT, cs[0].catalog, cs[0].db, cs[0].table, body)

    def add_not_null_constraint(self, cs: Sequence[Constraint]) -> NewEvent:
        nns = [tjson.not_null_constraint(c) for c in cs]
        body = {"timestamp": _now(), "notNullConstraintListJson": nns}
        return self._event(ADD_NOTNULLCONSTRAINT, cs[0].catalog, cs[0].db, cs[0].table, body)

    def drop_constraint(self, catalog: str, db: str, table: str, name: str) -> NewEvent:
        body = {"dbName": db, "tableName": table, "constraintName": name, "timestamp": _now()}
        return self._event(DROP_CONSTRAINT, catalog, db, table, body)

    # -- data changes reported by engines ------------------------------------------------------
    def insert(
        self,
        t: m.Table,
        p: m.Partition | None,
        replace: bool,
        files: Sequence[str],
        checksums: Sequence[str] = (),
    ) -> NewEvent:
        body = {
            **self._table_head(t),
            "tableObjJson": tjson.table(t),
            "ptnObjJson": tjson.partition(p) if p is not None else None,
            "timestamp": _now(),
            "replace": "true" if replace else "false",
            "files": _files(files, checksums),
        }
        return self._event(INSERT, t.catalog_name, t.db_name, t.table_name, body)

    # -- column statistics (Hive 4's events) ---------------------------------------------------
    def update_column_stats(
        self, t: m.Table, s: m.TableColumnStats, part_values: Sequence[str] | None
    ) -> NewEvent:
        body: dict = {
            "writeId": 0,
            "timestamp": _now(),
            "db": t.db_name,
            "colStatsJson": tjson.column_statistics(s),
            "parameters": dict(t.parameters),
            "tableObjJson": tjson.table(t),
        }
        if s.partition_name is None:
            return self._event(UPDATE_TABLE_COLUMN_STAT, t.catalog_name, t.db_name, t.table_name, body)
        body["partVals"] = list(part_values or [])
        return self._event(UPDATE_PARTITION_COLUMN_STAT, t.catalog_name, t.db_name, t.table_name, body)

    def delete_column_stats(
        self, t: m.Table, column: str | None, part_name: str | None, part_values: Sequence[str] | None
    ) -> NewEvent:
        body: dict = {"timestamp": _now(), "database": t.db_name, "colName": column}
        if part_name is None:
            return self._event(DELETE_TABLE_COLUMN_STAT, t.catalog_name, t.db_name, t.table_name, body)
        body.update(partName=part_name, partValues=list(part_values or []))
        return self._event(DELETE_PARTITION_COLUMN_STAT, t.catalog_name, t.db_name, t.table_name, body)


def _files(files: Sequence[str], checksums: Sequence[str]) -> list[str]:
    """Hive's encoding of a file with its checksum: `<path>###<checksum>`."""
    if not checksums:
        return list(files)
    return [f"{f}###{c}" if c else f for f, c in zip(files, checksums, strict=False)]


def _now() -> int:
    return int(time.time())


__all__ = ["EVENT_TYPES", "MESSAGE_FACTORY", "MESSAGE_FORMAT", "MessageBuilder", "Origin"]
