"""ThriftHiveMetastore methods as thin translators over CatalogService.

Each method converts its Thrift arguments to domain objects, calls the service, and converts the
result back. Errors are translated by `catalog.thrift.errors` in one place (see `bind`). Methods the
IDL declares but this class does not define answer a MetaException that names them.
"""

from __future__ import annotations

import logging
import threading
import time

from catalog import errors, table_cas
from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, Catalog
from catalog.service import CatalogService
from catalog.thrift import binding
from catalog.thrift import convert as cv
from catalog.thrift.binding import split_db_name
from catalog.thrift.constraints_handler import ConstraintsHandler
from catalog.thrift.hive4_handler import Hive4Handler
from catalog.thrift.locks_handler import LocksHandler
from catalog.thrift.privileges_handler import PrivilegesHandler
from catalog.thrift_gen.hive_metastore import ttypes as tt

log = logging.getLogger(__name__)

VERSION = "3.1.0"

# Configuration keys a client may read with getMetaConf, with the values this server runs with.
META_CONF_DEFAULTS = {
    "hive.metastore.try.direct.sql": "true",
    "metastore.try.direct.sql": "true",
    "hive.metastore.try.direct.sql.ddl": "true",
    "hive.metastore.batch.retrieve.max": "300",
    "metastore.batch.retrieve.max": "300",
    "hive.metastore.partition.name.whitelist.pattern": "",
    "metastore.partition.name.whitelist.pattern": "",
    "hive.metastore.disallow.incompatible.col.type.changes": "true",
    "hive.metastore.server.max.message.size": str(100 * 1024 * 1024),
}


class ConnectionState(threading.local):
    """Per-connection state (one connection is served by one thread at a time)."""

    user: str | None = None
    groups: list[str] = []
    remote: str | None = None


class MetastoreHandler(Hive4Handler, ConstraintsHandler, LocksHandler, PrivilegesHandler):
    def __init__(self, service: CatalogService, conf: dict[str, str] | None = None):
        self.s = service
        self.state = ConnectionState()
        self.conf = dict(META_CONF_DEFAULTS)
        if service.limits.max_partitions_per_request is not None:
            self.conf["hive.metastore.limit.partition.request"] = str(
                service.limits.max_partitions_per_request
            )
            self.conf["metastore.limit.partition.request"] = str(service.limits.max_partitions_per_request)
        self.conf.update(conf or {})

    # -- session ----------------------------------------------------------------------------------
    def set_ugi(self, user_name, group_names):
        self.state.user = user_name
        self.state.groups = list(group_names or [])
        return list(group_names or []) + [user_name]

    def getMetaConf(self, key):
        if key not in self.conf:
            raise errors.InvalidInputError(f"Invalid configuration key {key}")
        return self.conf[key]

    def setMetaConf(self, key, value):
        if key not in self.conf:
            raise errors.InvalidInputError(f"Invalid configuration key {key}")
        # session-level in Hive; accepted and ignored here: the server's settings are fixed

    def shutdown(self):
        # fb303 oneway shutdown: Hive's client sends it on close(); the server must not stop.
        return None

    def reinitialize(self):
        return None

    def getName(self):
        return "hms-catalog"

    def getVersion(self):
        return VERSION

    def getStatus(self):
        return 2  # fb_status.ALIVE

    def getStatusDetails(self):
        return "serving"

    def aliveSince(self):
        return int(_STARTED)

    def getCounters(self):
        return {}

    def getCounter(self, key):
        return 0

    def getOptions(self):
        return {}

    def getOption(self, key):
        return ""

    def setOption(self, key, value):
        return None

    def getCpuProfile(self, profileDurationInSec):
        return ""

    def get_current_notificationEventId(self):
        return tt.CurrentNotificationEventId(eventId=self.s.current_notification_event_id())

    # -- catalogs ---------------------------------------------------------------------------------
    def get_catalog(self, catName):
        c = self.s.get_catalog(catName.name)
        return tt.GetCatalogResponse(
            catalog=tt.Catalog(name=c.name, description=c.description, locationUri=c.location_uri)
        )

    def get_catalogs(self):
        return tt.GetCatalogsResponse(names=self.s.get_catalogs())

    def create_catalog(self, catalog):
        c = catalog.catalog
        if c is None:
            raise errors.InvalidObjectError("create_catalog needs a catalog")
        self.s.create_catalog(Catalog(c.name, c.description, c.locationUri))

    def alter_catalog(self, rqst):
        c = rqst.newCat
        if c is None:
            raise errors.InvalidObjectError("alter_catalog needs the new catalog")
        self.s.alter_catalog(rqst.name or "", Catalog(c.name, c.description, c.locationUri))

    def drop_catalog(self, catName):
        self.s.drop_catalog(catName.name or "")

    # -- databases --------------------------------------------------------------------------------
    def get_database(self, name):
        cat, db = split_db_name(name)
        return cv.database_to(self.s.get_database(cat, db or ""))

    def get_databases(self, pattern):
        cat, pat = split_db_name(pattern)
        return self.s.get_databases(cat, pat)

    def get_all_databases(self):
        return self.s.get_databases(DEFAULT_CATALOG, None)

    def create_database(self, database):
        self.s.create_database(cv.database_from(database))

    def alter_database(self, dbname, db):
        cat, name = split_db_name(dbname)
        self.s.alter_database(cat, name or "", cv.database_from(db, cat))

    def drop_database(self, name, deleteData, cascade):
        cat, db = split_db_name(name)
        self.s.drop_database(cat, db or "", bool(deleteData), bool(cascade))

    # -- tables -----------------------------------------------------------------------------------
    def get_table(self, dbname, tbl_name):
        cat, db = split_db_name(dbname)
        return cv.table_to(self.s.get_table(cat, db, tbl_name))

    def get_table_req(self, req):
        cat, db = split_db_name(req.dbName)
        cat = (req.catName or cat).lower()
        return tt.GetTableResult(table=cv.table_to(self.s.get_table(cat, db, req.tblName)))

    def get_tables(self, db_name, pattern):
        cat, db = split_db_name(db_name)
        return self.s.get_tables(cat, db or "", pattern)

    def get_all_tables(self, db_name):
        cat, db = split_db_name(db_name)
        return self.s.get_tables(cat, db or "", None)

    def get_tables_by_type(self, db_name, pattern, tableType):
        cat, db = split_db_name(db_name)
        return self.s.get_tables(cat, db or "", pattern, tableType or None)

    def get_table_meta(self, db_patterns, tbl_patterns, tbl_types):
        cat, pat = split_db_name(db_patterns)
        return [
            cv.table_meta_to(m) for m in self.s.get_table_meta(cat, pat, tbl_patterns, list(tbl_types or []))
        ]

    def get_table_names_by_filter(self, dbname, filter, max_tables):
        if not dbname:
            raise errors.NotFoundError("DB name is null or empty")  # Hive: UnknownDBException
        if filter is None:
            raise errors.InvalidOperationError("null cannot apply null filter")
        cat, db = split_db_name(dbname)
        return self.s.get_table_names_by_filter(cat, db or "", filter, _max(max_tables))

    def get_metastore_db_uuid(self):
        return self.s.metastore_db_uuid()

    def get_table_objects_by_name(self, dbname, tbl_names):
        cat, db = split_db_name(dbname)
        return [cv.table_to(t) for t in self.s.get_table_objects(cat, db or "", list(tbl_names or []))]

    def get_table_objects_by_name_req(self, req):
        cat, db = split_db_name(req.dbName)
        cat = (req.catName or cat).lower()
        names = list(req.tblNames or [])
        if not names and req.tablesPattern:  # Hive 4's getTables(cat, db, pattern)
            names = self.s.get_tables(cat, db or "", req.tablesPattern)
        tables = self.s.get_table_objects(cat, db or "", names)
        return tt.GetTablesResult(tables=[cv.table_to(t) for t in tables])

    def get_fields(self, db_name, table_name):
        cat, db = split_db_name(db_name)
        return [cv.field_to(c) for c in self.s.get_table(cat, db, table_name).sd.cols]

    def get_fields_with_environment_context(self, db_name, table_name, environment_context):
        return self.get_fields(db_name, table_name)

    def get_schema(self, db_name, table_name):
        cat, db = split_db_name(db_name)
        t = self.s.get_table(cat, db, table_name)
        return [cv.field_to(c) for c in t.sd.cols + t.partition_keys]

    def get_schema_with_environment_context(self, db_name, table_name, environment_context):
        return self.get_schema(db_name, table_name)

    def create_table(self, tbl):
        self.s.create_table(cv.table_from(tbl))

    def create_table_with_environment_context(self, tbl, environment_context):
        self.s.create_table(cv.table_from(tbl))

    def alter_table(self, dbname, tbl_name, new_tbl):
        cat, db = split_db_name(dbname)
        self.s.alter_table(cat, db or "", tbl_name, cv.table_from(new_tbl, cat))

    def alter_table_with_environment_context(self, dbname, tbl_name, new_tbl, environment_context):
        env = _env(environment_context)
        cascade = env.get("CASCADE", "").lower() == "true"
        update_stats = env.get("DO_NOT_UPDATE_STATS", "").lower() != "true"
        cat, db = split_db_name(dbname)
        self.s.alter_table(
            cat,
            db or "",
            tbl_name,
            cv.table_from(new_tbl, cat),
            cascade=cascade,
            update_stats=update_stats,
            expected=table_cas.expectation(env),
        )

    def alter_table_with_cascade(self, dbname, tbl_name, new_tbl, cascade):
        cat, db = split_db_name(dbname)
        self.s.alter_table(cat, db or "", tbl_name, cv.table_from(new_tbl, cat), cascade=bool(cascade))

    def drop_table(self, dbname, name, deleteData):
        cat, db = split_db_name(dbname)
        self.s.drop_table(cat, db or "", name, bool(deleteData))

    def drop_table_with_environment_context(self, dbname, name, deleteData, environment_context):
        self.drop_table(dbname, name, deleteData)

    def truncate_table(self, dbName, tableName, partNames):
        cat, db = split_db_name(dbName)
        self.s.truncate_table(cat, db or "", tableName, list(partNames or []))

    # -- partitions -------------------------------------------------------------------------------
    def add_partition(self, new_part):
        return self._add_one(new_part)

    def add_partition_with_environment_context(self, new_part, environment_context):
        return self._add_one(new_part)

    def _add_one(self, new_part):
        cat, db = split_db_name(new_part.dbName)
        cat = (new_part.catName or cat).lower()
        added = self.s.add_partitions(cat, db or "", new_part.tableName, [cv.partition_from(new_part, cat)])
        return cv.partition_to(added[0])

    def add_partitions(self, new_parts):
        if not new_parts:
            return 0
        first = new_parts[0]
        cat, db = split_db_name(first.dbName)
        cat = (first.catName or cat).lower()
        added = self.s.add_partitions(
            cat, db or "", first.tableName, [cv.partition_from(p, cat) for p in new_parts]
        )
        return len(added)

    def add_partitions_pspec(self, new_parts):
        raise errors.UnsupportedError(
            "add_partitions_pspec is not implemented by this metastore; use add_partitions_req"
        )

    def append_partition(self, db_name, tbl_name, part_vals):
        cat, db = split_db_name(db_name)
        t = self.s.get_table(cat, db, tbl_name)
        p = cv.partition_from(
            tt.Partition(dbName=db, tableName=tbl_name, values=list(part_vals), sd=None), cat
        )
        p.sd = _copy_sd_without_location(t.sd)
        added = self.s.add_partitions(cat, db or "", tbl_name, [p])
        return cv.partition_to(added[0])

    def append_partition_with_environment_context(self, db_name, tbl_name, part_vals, environment_context):
        return self.append_partition(db_name, tbl_name, part_vals)

    def append_partition_by_name(self, db_name, tbl_name, part_name):
        return self.append_partition(db_name, tbl_name, self.s.partition_name_to_values(part_name))

    def append_partition_by_name_with_environment_context(
        self, db_name, tbl_name, part_name, environment_context
    ):
        return self.append_partition_by_name(db_name, tbl_name, part_name)

    def add_partitions_req(self, request):
        cat, db = split_db_name(request.dbName)
        cat = (request.catName or cat).lower()
        added = self.s.add_partitions(
            cat,
            db or "",
            request.tblName,
            [cv.partition_from(p, cat) for p in (request.parts or [])],
            if_not_exists=bool(request.ifNotExists),
        )
        return tt.AddPartitionsResult(partitions=cv.partitions_to(added) if request.needResult else None)

    def get_partition(self, db_name, tbl_name, part_vals):
        cat, db = split_db_name(db_name)
        return cv.partition_to(self.s.get_partition(cat, db, tbl_name, list(part_vals or [])))

    def get_partition_with_auth(self, db_name, tbl_name, part_vals, user_name, group_names):
        return self.get_partition(db_name, tbl_name, part_vals)

    def get_partition_by_name(self, db_name, tbl_name, part_name):
        cat, db = split_db_name(db_name)
        return cv.partition_to(self.s.get_partition_by_name(cat, db, tbl_name, part_name))

    def get_partition_names(self, db_name, tbl_name, max_parts):
        cat, db = split_db_name(db_name)
        return self.s.get_partition_names(cat, db, tbl_name, binding.max_parts(max_parts))

    def get_partition_names_ps(self, db_name, tbl_name, part_vals, max_parts):
        cat, db = split_db_name(db_name)
        return self.s.get_partition_names_ps(
            cat, db, tbl_name, list(part_vals or []), binding.max_parts(max_parts)
        )

    def get_partitions_by_expr(self, req):
        cat, db = split_db_name(req.dbName)
        cat = (req.catName or cat).lower()
        parts = self.s.get_partitions_by_filter(
            cat, db, req.tblName, _expr_filter(req.expr), binding.max_parts(req.maxParts)
        )
        return tt.PartitionsByExprResult(partitions=cv.partitions_to(parts), hasUnknownPartitions=False)

    def get_num_partitions_by_filter(self, db_name, tbl_name, filter):
        cat, db = split_db_name(db_name)
        return self.s.get_num_partitions_by_filter(cat, db, tbl_name, filter)

    def get_partition_values(self, request):
        cat, db = split_db_name(request.dbName)
        cat = (request.catName or cat).lower()
        t = self.s.get_table(cat, db, request.tblName)
        names = (
            self.s.get_partition_names_by_filter(
                cat, db, request.tblName, request.filter, binding.max_parts(request.maxParts)
            )
            if request.filter
            else self.s.get_partition_names(cat, db, request.tblName, binding.max_parts(request.maxParts))
        )
        wanted = [k.name.lower() for k in (request.partitionKeys or t.partition_keys)]
        key_pos = [i for i, k in enumerate(t.partition_keys) if k.name.lower() in wanted]
        rows, seen = [], set()
        for n in names:
            vals = self.s.partition_name_to_values(n)
            picked = tuple(vals[i] for i in key_pos)
            if request.applyDistinct and picked in seen:
                continue
            seen.add(picked)
            rows.append(tt.PartitionValuesRow(row=list(picked)))
        if request.ascending is False:
            rows.reverse()
        return tt.PartitionValuesResponse(partitionValues=rows)

    def drop_partition(self, db_name, tbl_name, part_vals, deleteData):
        cat, db = split_db_name(db_name)
        self.s.drop_partition(cat, db, tbl_name, list(part_vals or []), bool(deleteData))
        return True

    def drop_partition_with_environment_context(
        self, db_name, tbl_name, part_vals, deleteData, environment_context
    ):
        return self.drop_partition(db_name, tbl_name, part_vals, deleteData)

    def drop_partition_by_name(self, db_name, tbl_name, part_name, deleteData):
        cat, db = split_db_name(db_name)
        self.s.drop_partition_by_name(cat, db, tbl_name, part_name, bool(deleteData))
        return True

    def drop_partition_by_name_with_environment_context(
        self, db_name, tbl_name, part_name, deleteData, environment_context
    ):
        return self.drop_partition_by_name(db_name, tbl_name, part_name, deleteData)

    def drop_partitions_req(self, req):
        cat, db = split_db_name(req.dbName)
        cat = (req.catName or cat).lower()
        spec = req.parts
        if spec is None or (spec.names is None and spec.exprs is None):
            raise errors.InvalidInputError("drop_partitions_req needs partition names or expressions")
        delete_data = True if req.deleteData is None else bool(req.deleteData)
        if_exists = True if req.ifExists is None else bool(req.ifExists)
        if spec.exprs is not None:
            dropped = []
            for e in spec.exprs:
                dropped += self.s.drop_partitions_by_filter(
                    cat,
                    db or "",
                    req.tblName,
                    _expr_filter(e.expr),
                    delete_data,
                    need_result=bool(req.needResult),
                )
        else:
            dropped = self.s.drop_partitions_by_names(
                cat,
                db or "",
                req.tblName,
                list(spec.names),
                delete_data,
                if_exists=if_exists,
                need_result=bool(req.needResult),
            )
        return tt.DropPartitionsResult(partitions=cv.partitions_to(dropped) if req.needResult else None)

    def alter_partition(self, db_name, tbl_name, new_part):
        cat, db = split_db_name(db_name)
        self.s.alter_partitions(cat, db, tbl_name, [cv.partition_from(new_part, cat)])

    def alter_partition_with_environment_context(self, db_name, tbl_name, new_part, environment_context):
        self.alter_partition(db_name, tbl_name, new_part)

    def alter_partitions(self, db_name, tbl_name, new_parts):
        cat, db = split_db_name(db_name)
        self.s.alter_partitions(cat, db, tbl_name, [cv.partition_from(p, cat) for p in (new_parts or [])])

    def alter_partitions_with_environment_context(self, db_name, tbl_name, new_parts, environment_context):
        self.alter_partitions(db_name, tbl_name, new_parts)

    def rename_partition(self, db_name, tbl_name, part_vals, new_part):
        cat, db = split_db_name(db_name)
        self.s.rename_partition(cat, db, tbl_name, list(part_vals or []), cv.partition_from(new_part, cat))

    def exchange_partition(self, partitionSpecs, source_db, source_table_name, dest_db, dest_table_name):
        cat, sdb = split_db_name(source_db)
        _, ddb = split_db_name(dest_db)
        moved = self.s.exchange_partitions(
            cat, dict(partitionSpecs or {}), sdb or "", source_table_name, ddb or "", dest_table_name
        )
        return cv.partition_to(moved[0])

    def exchange_partitions(self, partitionSpecs, source_db, source_table_name, dest_db, dest_table_name):
        cat, sdb = split_db_name(source_db)
        _, ddb = split_db_name(dest_db)
        return [
            cv.partition_to(p)
            for p in self.s.exchange_partitions(
                cat, dict(partitionSpecs or {}), sdb or "", source_table_name, ddb or "", dest_table_name
            )
        ]

    def partition_name_to_vals(self, part_name):
        return self.s.partition_name_to_values(part_name)

    def partition_name_to_spec(self, part_name):
        return self.s.partition_name_to_spec(part_name)

    def partition_name_has_valid_characters(self, part_vals, throw_exception):
        """Hive's check of partition values against `metastore.partition.name.whitelist.pattern`
        (empty, the default: every value is valid)."""
        pattern = self.conf.get("metastore.partition.name.whitelist.pattern") or self.conf.get(
            "hive.metastore.partition.name.whitelist.pattern", ""
        )
        bad = nm.first_value_not_matching(list(part_vals or []), pattern)
        if bad is not None and throw_exception:
            raise errors.InvalidInputError(
                f"Partition value '{bad}' contains a character not matched by whitelist pattern "
                f"'{pattern}'.  (configure with metastore.partition.name.whitelist.pattern)"
            )
        return bad is None

    # -- column statistics ------------------------------------------------------------------------
    def _stats_in(self, stats_obj, want_partition: bool):
        cat, db = split_db_name(stats_obj.statsDesc.dbName if stats_obj.statsDesc else None)
        try:
            s = cv.table_column_stats_from(stats_obj, None if cat == DEFAULT_CATALOG else cat)
        except (ValueError, AttributeError, TypeError) as e:
            raise errors.InvalidInputError(f"invalid column statistics: {e}") from e
        s.db_name = db
        if want_partition and s.partition_name is None:
            raise errors.InvalidInputError(
                "partition statistics need statsDesc.partName and isTblLevel=false"
            )
        if not want_partition:
            s.partition_name = None
        return s

    def update_table_column_statistics(self, stats_obj):
        self.s.update_column_stats(self._stats_in(stats_obj, False))
        return True

    def update_partition_column_statistics(self, stats_obj):
        self.s.update_column_stats(self._stats_in(stats_obj, True))
        return True

    def get_table_column_statistics(self, db_name, tbl_name, col_name):
        cat, db = split_db_name(db_name)
        res = self.s.get_table_column_stats(cat, db, tbl_name, [col_name])
        if not res.stats:
            raise errors.NotFoundError(f"no statistics for column {col_name} of table {db}.{tbl_name}")
        return cv.table_column_stats_to(res)

    def get_partition_column_statistics(self, db_name, tbl_name, part_name, col_name):
        cat, db = split_db_name(db_name)
        res = self.s.get_partition_column_stats(cat, db, tbl_name, [part_name], [col_name])
        if not res:
            raise errors.NotFoundError(
                f"no statistics for column {col_name} of partition {part_name} of table {db}.{tbl_name}"
            )
        return cv.table_column_stats_to(next(iter(res.values())))

    def get_table_statistics_req(self, request):
        cat, db = split_db_name(request.dbName)
        cat = (request.catName or cat).lower()
        res = self.s.get_table_column_stats(cat, db, request.tblName, list(request.colNames or []))
        return tt.TableStatsResult(tableStats=[cv.column_stats_to(x) for x in res.stats])

    def get_partitions_statistics_req(self, request):
        cat, db = split_db_name(request.dbName)
        cat = (request.catName or cat).lower()
        res = self.s.get_partition_column_stats(
            cat, db, request.tblName, list(request.partNames or []), list(request.colNames or [])
        )
        return tt.PartitionsStatsResult(
            partStats={name: [cv.column_stats_to(x) for x in s.stats] for name, s in res.items()}
        )

    def get_aggr_stats_for(self, request):
        cat, db = split_db_name(request.dbName)
        cat = (request.catName or cat).lower()
        stats, found = self.s.aggregate_partition_stats(
            cat, db, request.tblName, list(request.partNames or []), list(request.colNames or [])
        )
        return tt.AggrStats(colStats=[cv.column_stats_to(x) for x in stats], partsFound=found)

    def set_aggr_stats_for(self, request):
        items = [
            self._stats_in(c, not (c.statsDesc and c.statsDesc.isTblLevel)) for c in (request.colStats or [])
        ]
        self.s.update_column_stats(items, merge=bool(request.needMerge))
        return True

    def delete_partition_column_statistics(self, db_name, tbl_name, part_name, col_name):
        cat, db = split_db_name(db_name)
        return self.s.delete_column_stats(cat, db, tbl_name, part_name, col_name)

    def delete_table_column_statistics(self, db_name, tbl_name, col_name):
        cat, db = split_db_name(db_name)
        return self.s.delete_column_stats(cat, db, tbl_name, None, col_name)

    # -- functions --------------------------------------------------------------------------------
    def create_function(self, func):
        self.s.create_function(cv.function_from(func))

    def get_function(self, dbName, funcName):
        cat, db = split_db_name(dbName)
        return cv.function_to(self.s.get_function(cat, db, funcName))

    def get_functions(self, dbName, pattern):
        cat, db = split_db_name(dbName)
        return self.s.get_functions(cat, db or "", pattern)

    def get_all_functions(self):
        return tt.GetAllFunctionsResponse(
            functions=[cv.function_to(f) for f in self.s.get_all_functions(DEFAULT_CATALOG)]
        )

    def alter_function(self, dbName, funcName, newFunc):
        cat, db = split_db_name(dbName)
        self.s.alter_function(cat, db or "", funcName, cv.function_from(newFunc, cat))

    def drop_function(self, dbName, funcName):
        cat, db = split_db_name(dbName)
        self.s.drop_function(cat, db or "", funcName)


_STARTED = time.time()


def _expr_filter(expr: bytes | None) -> str:
    """Partition expressions as Hive's MsckPartitionExpressionProxy reads them: the UTF-8 text of a
    partition filter. Kryo-serialised Java expression trees (Hive's default proxy) cannot be read."""
    try:
        text = (expr or b"").decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text.strip() or not text.isprintable():
        raise errors.UnsupportedError(
            "partition expressions must be the UTF-8 text of a partition filter (as with Hive's "
            "MsckPartitionExpressionProxy); Kryo-serialised expressions are not supported: use "
            "get_partitions_by_filter"
        )
    return text


def _env(ctx) -> dict:
    return dict(ctx.properties or {}) if ctx is not None and ctx.properties else {}


def _copy_sd_without_location(sd):
    import copy

    c = copy.deepcopy(sd)
    c.location = None
    return c
