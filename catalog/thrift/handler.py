"""ThriftHiveMetastore methods as thin translators over the catalog service.

Each method converts its Thrift arguments to domain objects, calls the service, and converts the
result back. `MetastoreHandler` answers the session, catalog, database, table and function calls;
each other area is a base class of it in its own module (partitions_handler.py,
statistics_handler.py, privileges_handler.py, locks_handler.py) that declares what it uses of the
handler (`s`: the service, `conf`). `binding.BoundHandler` binds every IDL method, translates its
errors, and names the methods none implements in a MetaException. The large partition listings
are streamed to Thrift clients (streaming.py); their list-building methods here answer the gRPC
door.
"""

from __future__ import annotations

import logging
import threading
import time

from catalog import errors, table_cas
from catalog.domain.model import DEFAULT_CATALOG, Catalog
from catalog.service import CatalogService
from catalog.thrift import binding
from catalog.thrift import convert as cv
from catalog.thrift.binding import split_db_name
from catalog.thrift.constraints_handler import ConstraintsHandler
from catalog.thrift.events_handler import EventsHandler
from catalog.thrift.hive4_handler import Hive4Handler
from catalog.thrift.locks_handler import LocksHandler
from catalog.thrift.partitions_handler import PartitionsHandler
from catalog.thrift.privileges_handler import PrivilegesHandler
from catalog.thrift.statistics_handler import StatisticsHandler
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
    caller_of: tuple | None = None  # catalog.auth.context.thrift_caller's last answer, and for whom


class MetastoreHandler(
    Hive4Handler,
    ConstraintsHandler,
    PartitionsHandler,
    StatisticsHandler,
    PrivilegesHandler,
    LocksHandler,
    EventsHandler,
):
    """The Thrift handler: the session, catalog, database, table and function calls are here; the
    other areas are the bases, each stating what it uses of this class (`s`, `conf`)."""

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
        return cv.table_to(self.s.get_table(cat, db or "", tbl_name))

    def get_table_req(self, req):
        cat, db = split_db_name(req.dbName)
        cat = (req.catName or cat).lower()
        return tt.GetTableResult(table=cv.table_to(self.s.get_table(cat, db or "", req.tblName)))

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
        return self.s.get_table_names_by_filter(cat, db or "", filter, binding.max_parts(max_tables))

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
        return [cv.field_to(c) for c in self.s.get_table(cat, db or "", table_name).sd.cols]

    def get_fields_with_environment_context(self, db_name, table_name, environment_context):
        return self.get_fields(db_name, table_name)

    def get_schema(self, db_name, table_name):
        cat, db = split_db_name(db_name)
        t = self.s.get_table(cat, db or "", table_name)
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

    # -- functions --------------------------------------------------------------------------------
    def create_function(self, func):
        self.s.create_function(cv.function_from(func))

    def get_function(self, dbName, funcName):
        cat, db = split_db_name(dbName)
        return cv.function_to(self.s.get_function(cat, db or "", funcName))

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


def _env(ctx) -> dict:
    return dict(ctx.properties or {}) if ctx is not None and ctx.properties else {}
