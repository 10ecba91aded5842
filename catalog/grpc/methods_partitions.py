"""gRPC methods for partitions and column statistics."""

from __future__ import annotations

from catalog import errors
from catalog.domain.model import DEFAULT_CATALOG
from catalog.grpc.methods import env, opt, partitions, qdb, rpc, specs, whole_requests
from catalog.grpc.wire import limit, text, to_proto_fn, to_thrift
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt

_partition_dict = to_proto_fn(pb.Partition.DESCRIPTOR, tt.Partition)


# -- adding -----------------------------------------------------------------------------------------
whole_requests(
    ("AddPartition", "add_partition", tt.Partition),
    ("AddPartitionsReq", "add_partitions_req", tt.AddPartitionsRequest),
)


@rpc("AddPartitionWithEnvironmentContext")
def add_partition_with_environment_context(h, r):
    p = h.add_partition_with_environment_context(opt(r, "new_part", tt.Partition), env(r))
    return {"response": _partition_dict(p)}


@rpc("AppendPartition")
def append_partition(h, r):
    return h.append_partition(r.db_name, r.tbl_name, list(r.part_vals))


@rpc("AppendPartitionWithEnvironmentContext")
def append_partition_with_environment_context(h, r):
    return h.append_partition_with_environment_context(r.db_name, r.tbl_name, list(r.part_vals), env(r))


@rpc("AppendPartitionByName")
def append_partition_by_name(h, r):
    return h.append_partition_by_name(r.db_name, r.tbl_name, r.part_name)


@rpc("AppendPartitionByNameWithEnvironmentContext")
def append_partition_by_name_with_environment_context(h, r):
    return h.append_partition_by_name_with_environment_context(r.db_name, r.tbl_name, r.part_name, env(r))


# -- dropping ---------------------------------------------------------------------------------------
whole_requests(
    ("DropPartitionsReq", "drop_partitions_req", tt.DropPartitionsRequest),
)


@rpc("DropPartition")
def drop_partition(h, r):
    return {"response": h.drop_partition(r.db_name, r.tbl_name, list(r.part_vals), r.delete_data)}


@rpc("DropPartitionWithEnvironmentContext")
def drop_partition_with_environment_context(h, r):
    done = h.drop_partition_with_environment_context(
        r.db_name, r.tbl_name, list(r.part_vals), r.delete_data, env(r)
    )
    return {"response": done}


@rpc("DropPartitionByName")
def drop_partition_by_name(h, r):
    return {"response": h.drop_partition_by_name(r.db_name, r.tbl_name, r.part_name, r.delete_data)}


@rpc("DropPartitionByNameWithEnvironmentContext")
def drop_partition_by_name_with_environment_context(h, r):
    done = h.drop_partition_by_name_with_environment_context(
        r.db_name, r.tbl_name, r.part_name, r.delete_data, env(r)
    )
    return {"response": done}


# -- reading ----------------------------------------------------------------------------------------
whole_requests(
    ("GetPartitionReq", "get_partition_req", tt.GetPartitionRequest),
    ("GetPartitionValues", "get_partition_values", tt.PartitionValuesRequest),
    ("GetPartitionsByExpr", "get_partitions_by_expr", tt.PartitionsByExprRequest),
)


@rpc("GetPartitionWithAuth")
def get_partition_with_auth(h, r):
    return h.get_partition_with_auth(
        r.db_name, r.tbl_name, list(r.part_vals), text(r.user_name), list(r.group_names)
    )


@rpc("GetPartitionByName")
def get_partition_by_name(h, r):
    return h.get_partition_by_name(r.db_name, r.tbl_name, r.part_name)


@rpc("GetPartitionsReq")
def get_partitions(h, r):
    return {"partitions": partitions(h.get_partitions_req(to_thrift(r, tt.PartitionsRequest)).partitions)}


@rpc("GetPartitionsWithAuth")
def get_partitions_with_auth(h, r):
    ps = h.get_partitions_with_auth(
        r.db_name, r.tbl_name, limit(r.max_parts), text(r.user_name), list(r.group_names)
    )
    return {"responses": partitions(ps)}


@rpc("GetPartitionsPSpec")
def get_partitions_pspec(h, r):
    return {"responses": specs(h.get_partitions_pspec(r.db_name, r.tbl_name, limit(r.max_parts)))}


@rpc("GetPartitionsPSWithAuthReq")
def get_partitions_ps_with_auth(h, r):
    ps = h.get_partitions_ps_with_auth_req(to_thrift(r, tt.GetPartitionsPsWithAuthRequest)).partitions
    return {"partitions": partitions(ps)}


@rpc("GetPartitionNamesPSReq")
def get_partition_names_ps(h, r):
    names = h.get_partition_names_ps(
        qdb(r.cat_name, r.db_name), r.tbl_name, list(r.part_values), limit(r.max_parts)
    )
    return {"names": names}


@rpc("GetPartitionsByFilter")
def get_partitions_by_filter(h, r):
    ps = h.get_partitions_by_filter(r.db_name, r.tbl_name, text(r.filter), limit(r.max_parts))
    return {"responses": partitions(ps)}


@rpc("GetPartSpecsByFilter")
def get_part_specs_by_filter(h, r):
    return {
        "responses": specs(
            h.get_part_specs_by_filter(r.db_name, r.tbl_name, text(r.filter), limit(r.max_parts))
        )
    }


@rpc("GetNumPartitionsByFilter")
def get_num_partitions_by_filter(h, r):
    return {"response": h.get_num_partitions_by_filter(r.db_name, r.tbl_name, text(r.filter))}


@rpc("GetPartitionsByNamesReq")
def get_partitions_by_names(h, r):
    ps = h.get_partitions_by_names_req(to_thrift(r, tt.GetPartitionsByNamesRequest)).partitions
    return {"partitions": partitions(ps)}


# -- altering ---------------------------------------------------------------------------------------
whole_requests(
    ("AlterPartitionsReq", "alter_partitions_req", tt.AlterPartitionsRequest),
    answers=False,
)


@rpc("AlterPartition")
def alter_partition(h, r):
    h.alter_partition(r.db_name, r.tbl_name, opt(r, "new_part", tt.Partition))


@rpc("AlterPartitionWithEnvironmentContext")
def alter_partition_with_environment_context(h, r):
    h.alter_partition_with_environment_context(
        r.db_name, r.tbl_name, opt(r, "new_part", tt.Partition), env(r)
    )


@rpc("RenamePartitionReq")
def rename_partition(h, r):
    h.rename_partition(
        qdb(r.cat_name, r.db_name), r.table_name, list(r.part_vals), opt(r, "new_part", tt.Partition)
    )


@rpc("ExchangePartition")
def exchange_partition(h, r):
    return h.exchange_partition(
        dict(r.partition_specs), r.source_db, r.source_table_name, r.dest_db, r.dest_table_name
    )


@rpc("ExchangePartitions")
def exchange_partitions(h, r):
    moved = h.exchange_partitions(
        dict(r.partition_specs), r.source_db, r.source_table_name, r.dest_db, r.dest_table_name
    )
    return {"responses": partitions(moved)}


# -- partition names --------------------------------------------------------------------------------
@rpc("PartitionNameHasValidCharacters")
def partition_name_has_valid_characters(h, r):
    return {"response": h.partition_name_has_valid_characters(list(r.part_vals), r.throw_exception)}


@rpc("PartitionNameToVals")
def partition_name_to_vals(h, r):
    return {"responses": h.partition_name_to_vals(r.part_name)}


@rpc("PartitionNameToSpec")
def partition_name_to_spec(h, r):
    return {"response": h.partition_name_to_spec(r.part_name)}


# -- column statistics ------------------------------------------------------------------------------
whole_requests(
    ("GetTableStatisticsReq", "get_table_statistics_req", tt.TableStatsRequest),
    ("GetPartitionsStatisticsReq", "get_partitions_statistics_req", tt.PartitionsStatsRequest),
    ("GetAggrStatsFor", "get_aggr_stats_for", tt.PartitionsStatsRequest),
)


def _set_stats(h, r) -> bool:
    return h.set_aggr_stats_for(to_thrift(r, tt.SetPartitionsStatsRequest))


@rpc("UpdateTableColumnStatisticsReq")
def update_table_column_statistics(h, r):
    return {"result": _set_stats(h, r)}


@rpc("UpdatePartitionColumnStatisticsReq")
def update_partition_column_statistics(h, r):
    return {"result": _set_stats(h, r)}


@rpc("SetAggrStatsFor")
def set_aggr_stats_for(h, r):
    return {"response": _set_stats(h, r)}


@rpc("GetTableColumnStatistics")
def get_table_column_statistics(h, r):
    return h.get_table_column_statistics(r.db_name, r.tbl_name, r.col_name)


@rpc("GetPartitionColumnStatistics")
def get_partition_column_statistics(h, r):
    return h.get_partition_column_statistics(r.db_name, r.tbl_name, r.part_name, r.col_name)


@rpc("DeletePartitionColumnStatistics")
def delete_partition_column_statistics(h, r):
    done = h.delete_partition_column_statistics(r.db_name, r.tbl_name, r.part_name, text(r.col_name))
    return {"response": done}


@rpc("DeleteTableColumnStatistics")
def delete_table_column_statistics(h, r):
    return {"response": h.delete_table_column_statistics(r.db_name, r.tbl_name, text(r.col_name))}


@rpc("GetPartitionNamesReq")
def get_partition_names_req(h, r):
    db = qdb(r.cat_name, r.db_name)
    if not r.expr:
        return {"responses": h.get_partition_names(db, r.tbl_name, limit(r.max_parts))}
    # Hive 3.1's Thrift has no filtered-names call: the service's, with the expression read as
    # get_partitions_by_expr reads it (the UTF-8 text of a partition filter).
    try:
        flt = r.expr.decode("utf-8")
    except UnicodeDecodeError:
        flt = ""
    if not flt.strip() or not flt.isprintable():
        raise errors.UnsupportedError(
            "partition expressions must be the UTF-8 text of a partition filter; Kryo-serialised "
            "expressions are not supported: use GetPartitionsByFilter"
        )
    cat = (r.cat_name or DEFAULT_CATALOG).lower()
    return {
        "responses": h.s.get_partition_names_by_filter(cat, r.db_name, r.tbl_name, flt, limit(r.max_parts))
    }
