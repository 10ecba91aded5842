"""The Hive 4 `_req` methods (get_database_req, create_table_req, alter_table_req, get_partitions_req,
...) as thin translators over the catalog service, mixed into MetastoreHandler next to the Hive 2.3 /
3.1 forms they replace (Hive 4.0.1 removed get_table and get_table_objects_by_name; this service
keeps both, so every client generation is served on one port).

Each request's catalog is its `catName`/`catalogName`, else the `@<cat>#<db>` prefix of its database
name, else `hive`. Fields that only matter to Hive ACID (`validWriteIdList`, `writeId`, `txnId`) are
accepted and ignored, as are `processorCapabilities` and projections (whole objects are answered)."""

from __future__ import annotations

from typing import Any

from catalog import errors, table_cas
from catalog.domain.model import DEFAULT_CATALOG
from catalog.service import CatalogService
from catalog.thrift import convert as cv
from catalog.thrift.binding import split_db_name
from catalog.thrift_gen.hive_metastore import ttypes as tt


def _names(cat_field: str | None, db_field: str | None) -> tuple[str, str]:
    cat, db = split_db_name(db_field)
    return (cat_field or cat or DEFAULT_CATALOG).lower(), db or ""


def _max(v: int | None) -> int:
    return -1 if v is None else int(v)


def _env(ctx) -> dict[str, str]:
    return dict(ctx.properties or {}) if ctx is not None and ctx.properties else {}


class Hive4Handler:
    """Expects `self.s` (the catalog service) and the 3.1 handler methods it reuses."""

    s: CatalogService
    state: Any

    # -- databases --------------------------------------------------------------------------------
    def get_database_req(self, request):
        cat, db = _names(request.catalogName, request.name)
        return cv.database_to(self.s.get_database(cat, db))

    def drop_database_req(self, req):
        cat, db = _names(req.catalogName, req.name)
        try:
            self.s.drop_database(cat, db, bool(req.deleteData), bool(req.cascade))
        except errors.NotFoundError:
            if not req.ignoreUnknownDb:
                raise

    # -- tables -----------------------------------------------------------------------------------
    def create_table_req(self, request):
        if request.table is None:
            raise errors.InvalidObjectError("create_table_req needs a table")
        self.create_table_with_constraints(  # type: ignore[attr-defined]
            request.table,
            request.primaryKeys,
            request.foreignKeys,
            request.uniqueConstraints,
            request.notNullConstraints,
            request.defaultConstraints,
            request.checkConstraints,
        )

    def alter_table_req(self, req):
        if req.table is None:
            raise errors.InvalidObjectError("alter_table_req needs the new table")
        cat, db = _names(req.catName, req.dbName)
        env = _env(req.environmentContext)
        # Hive 4 carries the compare-and-swap in fields 10/11; older callers in the context
        expected = (
            (req.expectedParameterKey, req.expectedParameterValue)
            if req.expectedParameterKey is not None and req.expectedParameterValue is not None
            else table_cas.expectation(env)
        )
        self.s.alter_table(
            cat,
            db,
            req.tableName,
            cv.table_from(req.table, cat),
            cascade=env.get("CASCADE", "").lower() == "true",
            update_stats=env.get("DO_NOT_UPDATE_STATS", "").lower() != "true",
            expected=expected,
        )
        return tt.AlterTableResponse()

    def get_fields_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        t = self.s.get_table(cat, db, req.tblName)
        return tt.GetFieldsResponse(fields=[cv.field_to(c) for c in t.sd.cols])

    def get_schema_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        t = self.s.get_table(cat, db, req.tblName)
        return tt.GetSchemaResponse(fields=[cv.field_to(c) for c in t.sd.cols + t.partition_keys])

    def get_tables_ext(self, req):
        cat, db = _names(req.catalog, req.database)
        names = self.s.get_tables(cat, db, req.tableNamePattern or "*")
        if req.limit is not None and req.limit >= 0:
            names = names[: req.limit]
        return [tt.ExtendedTableInfo(tblName=n) for n in names]

    # -- partitions -------------------------------------------------------------------------------
    def get_partitions_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        parts = self.s.get_partitions(cat, db, req.tblName, _max(req.maxParts))
        return tt.PartitionsResponse(partitions=cv.partitions_to(parts))

    def get_partitions_by_filter_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        parts = self.s.get_partitions_by_filter(cat, db, req.tblName, req.filter or "", _max(req.maxParts))
        return cv.partitions_to(parts)

    def get_partitions_ps_with_auth_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        if req.partNames:
            parts = self.s.get_partitions_by_names(cat, db, req.tblName, list(req.partNames))
        else:
            parts = self.s.get_partitions_ps(
                cat, db, req.tblName, list(req.partVals or []), _max(req.maxParts)
            )
        return tt.GetPartitionsPsWithAuthResponse(partitions=cv.partitions_to(parts))

    def get_partitions_by_names_req(self, req):
        cat, db = _names(None, req.db_name)
        parts = self.s.get_partitions_by_names(cat, db, req.tbl_name, list(req.names or []))
        return tt.GetPartitionsByNamesResult(partitions=cv.partitions_to(parts))

    def get_partition_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        p = self.s.get_partition(cat, db, req.tblName, list(req.partVals or []))
        return tt.GetPartitionResponse(partition=cv.partition_to(p))

    def alter_partitions_req(self, req):
        cat, db = _names(req.catName, req.dbName)
        self.s.alter_partitions(
            cat, db, req.tableName, [cv.partition_from(p, cat) for p in (req.partitions or [])]
        )
        return tt.AlterPartitionsResponse()
