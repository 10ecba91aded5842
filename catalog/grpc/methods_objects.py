"""gRPC methods for the session, catalogs, databases, tables, functions, roles and privileges."""

from __future__ import annotations

from catalog.auth import context
from catalog.grpc.methods import dicts, env, opt, qdb, rpc
from catalog.grpc.wire import limit, text, to_thrift
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt


# -- session ----------------------------------------------------------------------------------------
@rpc("GetMetaConf")
def get_meta_conf(h, r):
    return {"response": h.getMetaConf(r.key)}


@rpc("SetMetaConf")
def set_meta_conf(h, r):
    h.setMetaConf(r.key, r.value)


@rpc("SetUgi")
def set_ugi(h, r):
    # Hive's answer; it does not change the caller, who is the bearer token's principal.
    return {"responses": list(r.group_names) + [r.user_name]}


@rpc("GetCurrentNotificationEventId")
def get_current_notification_event_id(h, r):
    return h.get_current_notificationEventId()


# -- catalogs ---------------------------------------------------------------------------------------
@rpc("CreateCatalog")
def create_catalog(h, r):
    h.create_catalog(to_thrift(r, tt.CreateCatalogRequest))


@rpc("AlterCatalog")
def alter_catalog(h, r):
    h.alter_catalog(to_thrift(r, tt.AlterCatalogRequest))


@rpc("GetCatalog")
def get_catalog(h, r):
    return h.get_catalog(tt.GetCatalogRequest(name=r.name))


@rpc("GetCatalogs")
def get_catalogs(h, r):
    return h.get_catalogs()


@rpc("DropCatalog")
def drop_catalog(h, r):
    h.drop_catalog(tt.DropCatalogRequest(name=r.name))


# -- databases --------------------------------------------------------------------------------------
@rpc("CreateDatabase")
def create_database(h, r):
    h.create_database(to_thrift(r, tt.Database))


@rpc("GetDatabaseReq")
def get_database(h, r):
    return h.get_database_req(to_thrift(r, tt.GetDatabaseRequest))


@rpc("DropDatabaseReq")
def drop_database(h, r):
    h.drop_database_req(to_thrift(r, tt.DropDatabaseRequest))


@rpc("GetDatabases")
def get_databases(h, r):
    return {"string_lists": h.get_databases(text(r.pattern))}


@rpc("GetAllDatabases")
def get_all_databases(h, r):
    return {"string_lists": h.get_all_databases()}


@rpc("AlterDatabase")
def alter_database(h, r):
    h.alter_database(r.dbname, to_thrift(r.db, tt.Database))


# -- tables -----------------------------------------------------------------------------------------
@rpc("GetFieldsReq")
def get_fields(h, r):
    return h.get_fields_req(to_thrift(r, tt.GetFieldsRequest))


@rpc("GetSchemaReq")
def get_schema(h, r):
    return h.get_schema_req(to_thrift(r, tt.GetSchemaRequest))


def _table_in(msg) -> tt.Table:
    return to_thrift(msg, tt.Table) if msg is not None else tt.Table()


@rpc("CreateTableReq")
def create_table(h, r):
    req = to_thrift(r, tt.CreateTableRequest)
    if req.table is not None:
        # Hive's protobuf Table has no `owner` field: a table created through this door is owned by
        # the authenticated caller (what Hive's own clients put in the Thrift `owner`).
        req.table.owner = context.current().principal
    h.create_table_req(req)


@rpc("AlterTableReq")
def alter_table(h, r):
    req = to_thrift(r, tt.AlterTableRequest)
    if req.table is not None:
        # Without an `owner` field on the wire, an alteration keeps the table's owner (and its type,
        # unless the request names one).
        old = h.get_table(qdb(r.cat_name, r.db_name), r.table_name)
        req.table.owner = old.owner
        if req.table.ownerType is None:
            req.table.ownerType = old.ownerType
    h.alter_table_req(req)


@rpc("DropTable")
def drop_table(h, r):
    h.drop_table(r.dbname, r.name, r.delete_data)


@rpc("DropTableWithEnvironmentContext")
def drop_table_with_environment_context(h, r):
    h.drop_table_with_environment_context(r.dbname, r.name, r.delete_data, env(r))


@rpc("TruncateTable")
def truncate_table(h, r):
    h.truncate_table(r.db_name, r.table_name, list(r.part_names) or None)


@rpc("GetTables")
def get_tables(h, r):
    return {"responses": h.get_tables(r.db_name, text(r.pattern))}


@rpc("GetTablesByType")
def get_tables_by_type(h, r):
    return {"responses": h.get_tables_by_type(r.db_name, text(r.pattern), text(r.table_type))}


@rpc("GetTableMeta")
def get_table_meta(h, r):
    metas = h.get_table_meta(text(r.db_patterns), text(r.tbl_patterns), list(r.tbl_types))
    return {"responses": dicts(metas, pb.TableMeta, tt.TableMeta)}


@rpc("GetAllTables")
def get_all_tables(h, r):
    return {"responses": h.get_all_tables(r.db_name)}


@rpc("GetTableReq")
def get_table(h, r):
    return h.get_table_req(to_thrift(r, tt.GetTableRequest))


@rpc("GetTablesExt")
def get_tables_ext(h, r):
    req = to_thrift(r, tt.GetTablesExtRequest)
    req.limit = r.limit or None  # proto3's 0 is "not set": no limit
    return {"responses": dicts(h.get_tables_ext(req), pb.ExtendedTableInfo, tt.ExtendedTableInfo)}


@rpc("GetTableObjectsByNameReq")
def get_table_objects_by_name(h, r):
    return h.get_table_objects_by_name_req(to_thrift(r, tt.GetTablesRequest))


# -- functions --------------------------------------------------------------------------------------
@rpc("CreateFunction")
def create_function(h, r):
    h.create_function(to_thrift(r, tt.Function))


@rpc("DropFunction")
def drop_function(h, r):
    h.drop_function(r.db_name, r.func_name)


@rpc("AlterFunction")
def alter_function(h, r):
    h.alter_function(r.db_name, r.func_name, opt(r, "new_func", tt.Function))


@rpc("GetFunctions")
def get_functions(h, r):
    return {"responses": h.get_functions(r.db_name, text(r.pattern))}


@rpc("GetFunction")
def get_function(h, r):
    return h.get_function(r.db_name, r.func_name)


@rpc("GetAllFunctions")
def get_all_functions(h, r):
    return h.get_all_functions()


# -- roles and privileges ---------------------------------------------------------------------------
@rpc("CreateRole")
def create_role(h, r):
    return {"response": h.create_role(to_thrift(r, tt.Role))}


@rpc("DropRole")
def drop_role(h, r):
    return {"response": h.drop_role(r.role_name)}


@rpc("GetRoleNames")
def get_role_names(h, r):
    return {"responses": h.get_role_names()}


@rpc("ListRoles")
def list_roles(h, r):
    roles = h.list_roles(text(r.principal_name), r.principal_type or None)
    return {"responses": dicts(roles, pb.Role, tt.Role)}


@rpc("GrantRevokeRole")
def grant_revoke_role(h, r):
    return h.grant_revoke_role(to_thrift(r, tt.GrantRevokeRoleRequest))


@rpc("GetPrincipalsInRole")
def get_principals_in_role(h, r):
    return h.get_principals_in_role(tt.GetPrincipalsInRoleRequest(roleName=r.role_name))


@rpc("GetRoleGrantsForPrincipal")
def get_role_grants_for_principal(h, r):
    return h.get_role_grants_for_principal(to_thrift(r, tt.GetRoleGrantsForPrincipalRequest))


@rpc("GetPrivilegeSet")
def get_privilege_set(h, r):
    return h.get_privilege_set(
        opt(r, "hive_object", tt.HiveObjectRef), text(r.user_name), list(r.group_names)
    )


@rpc("ListPrivileges")
def list_privileges(h, r):
    grants = h.list_privileges(
        text(r.principal_name), r.principal_type or None, opt(r, "hive_object", tt.HiveObjectRef)
    )
    return {"responses": dicts(grants, pb.HiveObjectPrivilege, tt.HiveObjectPrivilege)}


@rpc("GrantRevokePrivileges")
def grant_revoke_privileges(h, r):
    return h.grant_revoke_privileges(to_thrift(r, tt.GrantRevokePrivilegeRequest))


@rpc("RefreshPrivileges")
def refresh_privileges(h, r):
    return h.refresh_privileges(
        opt(r, "obj_to_refresh", tt.HiveObjectRef),
        text(r.authorizer),
        opt(r, "grant_request", tt.GrantRevokePrivilegeRequest),
    )


# -- locks ------------------------------------------------------------------------------------------
@rpc("Lock")
def lock(h, r):
    req = to_thrift(r, tt.LockRequest)
    # Over Thrift a request without a user locks as the set_ugi user; here, as the caller.
    req.user = req.user or context.current().principal
    return h.lock(req)


@rpc("CheckLock")
def check_lock(h, r):
    return h.check_lock(to_thrift(r, tt.CheckLockRequest))


@rpc("Unlock")
def unlock(h, r):
    h.unlock(to_thrift(r, tt.UnlockRequest))


@rpc("ShowLocks")
def show_locks(h, r):
    return h.show_locks(to_thrift(r, tt.ShowLocksRequest))


@rpc("Heartbeat")
def heartbeat(h, r):
    h.heartbeat(to_thrift(r, tt.HeartbeatRequest))


@rpc("HeartbeatTxnRange")
def heartbeat_txn_range(h, r):
    return h.heartbeat_txn_range(to_thrift(r, tt.HeartbeatTxnRangeRequest))


@rpc("GetTableNamesByFilter")
def get_table_names_by_filter(h, r):
    return {"responses": h.get_table_names_by_filter(r.dbname, r.filter, limit(r.max_tables))}


@rpc("GetMetastoreDbUuid")
def get_metastore_db_uuid(h, r):
    return {"response": h.get_metastore_db_uuid()}


# -- table constraints ------------------------------------------------------------------------------
@rpc("AddPrimaryKey")
def add_primary_key(h, r):
    h.add_primary_key(to_thrift(r, tt.AddPrimaryKeyRequest))


@rpc("AddForeignKey")
def add_foreign_key(h, r):
    h.add_foreign_key(to_thrift(r, tt.AddForeignKeyRequest))


@rpc("AddUniqueConstraint")
def add_unique_constraint(h, r):
    h.add_unique_constraint(to_thrift(r, tt.AddUniqueConstraintRequest))


@rpc("AddNotNullConstraint")
def add_not_null_constraint(h, r):
    h.add_not_null_constraint(to_thrift(r, tt.AddNotNullConstraintRequest))


@rpc("AddDefaultConstraint")
def add_default_constraint(h, r):
    h.add_default_constraint(to_thrift(r, tt.AddDefaultConstraintRequest))


@rpc("AddCheckConstraint")
def add_check_constraint(h, r):
    h.add_check_constraint(to_thrift(r, tt.AddCheckConstraintRequest))


@rpc("DropConstraint")
def drop_constraint(h, r):
    h.drop_constraint(to_thrift(r, tt.DropConstraintRequest))


@rpc("GetPrimaryKeys")
def get_primary_keys(h, r):
    return h.get_primary_keys(to_thrift(r, tt.PrimaryKeysRequest))


@rpc("GetForeignKeys")
def get_foreign_keys(h, r):
    return h.get_foreign_keys(to_thrift(r, tt.ForeignKeysRequest))


@rpc("GetUniqueConstraints")
def get_unique_constraints(h, r):
    return h.get_unique_constraints(to_thrift(r, tt.UniqueConstraintsRequest))


@rpc("GetNotNullConstraints")
def get_not_null_constraints(h, r):
    return h.get_not_null_constraints(to_thrift(r, tt.NotNullConstraintsRequest))


@rpc("GetDefaultConstraints")
def get_default_constraints(h, r):
    return h.get_default_constraints(to_thrift(r, tt.DefaultConstraintsRequest))


@rpc("GetCheckConstraints")
def get_check_constraints(h, r):
    return h.get_check_constraints(to_thrift(r, tt.CheckConstraintsRequest))
