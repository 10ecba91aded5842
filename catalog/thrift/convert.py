"""Conversions between Hive's Thrift structs (catalog.thrift_gen) and the domain model."""

from __future__ import annotations

from catalog.domain import model as m

# Column statistics are converted in convert_stats.py; their converters stay importable from here.
from catalog.thrift.convert_stats import column_stats_from as column_stats_from
from catalog.thrift.convert_stats import column_stats_to as column_stats_to
from catalog.thrift.convert_stats import table_column_stats_from as table_column_stats_from
from catalog.thrift.convert_stats import table_column_stats_to as table_column_stats_to
from catalog.thrift_gen.hive_metastore import ttypes as tt

_OWNER_TO_WIRE = {
    "USER": tt.PrincipalType.USER,
    "ROLE": tt.PrincipalType.ROLE,
    "GROUP": tt.PrincipalType.GROUP,
}
_OWNER_FROM_WIRE = {v: k for k, v in _OWNER_TO_WIRE.items()}


def owner_type_to_wire(v: str | None) -> int | None:
    return _OWNER_TO_WIRE.get((v or "").upper()) if v else None


def owner_type_from_wire(v: int | None) -> str | None:
    return _OWNER_FROM_WIRE.get(v) if v is not None else None


# -- fields and storage ---------------------------------------------------------------------------
def field_from(f: tt.FieldSchema) -> m.FieldSchema:
    return m.FieldSchema(name=f.name, type=f.type, comment=f.comment)


def field_to(f: m.FieldSchema) -> tt.FieldSchema:
    return tt.FieldSchema(name=f.name, type=f.type, comment=f.comment)


def sd_from(sd: tt.StorageDescriptor | None, memo: dict | None = None) -> m.StorageDescriptor:
    """`memo` (one per call of a batch): a column list many descriptors repeat is converted once;
    they get their own lists of the same (never mutated) column objects."""
    if sd is None:
        return m.StorageDescriptor()
    si = sd.serdeInfo or tt.SerDeInfo()
    sk = sd.skewedInfo
    skew = None
    if sk is not None and (sk.skewedColNames or sk.skewedColValues or sk.skewedColValueLocationMaps):
        skew = m.SkewedInfo(
            col_names=list(sk.skewedColNames or []),
            col_values=[list(v or []) for v in (sk.skewedColValues or [])],
            location_maps={tuple(k): v or "" for k, v in (sk.skewedColValueLocationMaps or {}).items()},
        )
    if memo is None:
        cols = [field_from(c) for c in (sd.cols or [])]
    else:
        key = tuple((c.name, c.type, c.comment) for c in (sd.cols or []))
        shared = memo.get(key)
        if shared is None:
            shared = memo[key] = [field_from(c) for c in (sd.cols or [])]
        cols = list(shared)
    return m.StorageDescriptor(
        cols=cols,
        location=sd.location or None,
        input_format=sd.inputFormat,
        output_format=sd.outputFormat,
        compressed=bool(sd.compressed),
        num_buckets=sd.numBuckets if sd.numBuckets is not None else -1,
        serde=m.SerDeInfo(
            name=si.name,
            serialization_lib=si.serializationLib,
            parameters=dict(si.parameters or {}),
            description=si.description,
            serializer_class=si.serializerClass,
            deserializer_class=si.deserializerClass,
            serde_type=si.serdeType,
        ),
        bucket_cols=list(sd.bucketCols or []),
        sort_cols=[m.Order(o.col, o.order) for o in (sd.sortCols or [])],
        parameters=dict(sd.parameters or {}),
        skewed_info=skew,
        stored_as_sub_directories=bool(sd.storedAsSubDirectories),
    )


# Hive always answers a SkewedInfo, empty when the descriptor has none. One shared, never-mutated
# instance: replies are only encoded, and this saves an object per partition.
_NO_SKEW = tt.SkewedInfo(skewedColNames=[], skewedColValues=[], skewedColValueLocationMaps={})


def skew_to(sk: m.SkewedInfo | None) -> tt.SkewedInfo:
    if sk is None:
        return _NO_SKEW
    return tt.SkewedInfo(
        skewedColNames=list(sk.col_names),
        skewedColValues=[list(v) for v in sk.col_values],
        skewedColValueLocationMaps=dict(sk.location_maps),
    )


def sd_to(sd: m.StorageDescriptor, memo: dict | None = None) -> tt.StorageDescriptor:
    """`memo` (one per reply) converts a column list shared by many partitions only once."""
    se = sd.serde or m.SerDeInfo()
    if memo is not None:
        key = id(sd.cols)
        hit = memo.get(key)
        if hit is None or hit[0] is not sd.cols:
            hit = memo[key] = (sd.cols, [field_to(c) for c in sd.cols])
        cols = hit[1]
    else:
        cols = [field_to(c) for c in sd.cols]
    return tt.StorageDescriptor(
        cols=cols,
        location=sd.location,
        inputFormat=sd.input_format,
        outputFormat=sd.output_format,
        compressed=bool(sd.compressed),
        numBuckets=sd.num_buckets,
        serdeInfo=tt.SerDeInfo(
            name=se.name,
            serializationLib=se.serialization_lib,
            parameters=dict(se.parameters),
            description=se.description,
            serializerClass=se.serializer_class,
            deserializerClass=se.deserializer_class,
            serdeType=se.serde_type,
        ),
        bucketCols=list(sd.bucket_cols),
        sortCols=[tt.Order(col=o.col, order=o.order) for o in sd.sort_cols],
        parameters=dict(sd.parameters),
        skewedInfo=skew_to(sd.skewed_info),
        storedAsSubDirectories=bool(sd.stored_as_sub_directories),
    )


# -- databases ------------------------------------------------------------------------------------
def database_from(d: tt.Database, catalog: str | None = None) -> m.Database:
    return m.Database(
        name=d.name,
        description=d.description,
        location_uri=d.locationUri,
        parameters=dict(d.parameters or {}),
        owner_name=d.ownerName,
        owner_type=owner_type_from_wire(d.ownerType),
        catalog_name=(catalog or d.catalogName or m.DEFAULT_CATALOG).lower(),
    )


def database_to(d: m.Database) -> tt.Database:
    return tt.Database(
        name=d.name,
        description=d.description,
        locationUri=d.location_uri,
        parameters=dict(d.parameters),
        ownerName=d.owner_name,
        ownerType=owner_type_to_wire(d.owner_type),
        catalogName=d.catalog_name,
    )


# -- tables ---------------------------------------------------------------------------------------
def table_from(t: tt.Table, catalog: str | None = None) -> m.Table:
    return m.Table(
        db_name=t.dbName,
        table_name=t.tableName,
        owner=t.owner,
        create_time=t.createTime or 0,
        last_access_time=t.lastAccessTime or 0,
        retention=t.retention or 0,
        sd=sd_from(t.sd),
        partition_keys=[field_from(k) for k in (t.partitionKeys or [])],
        parameters=dict(t.parameters or {}),
        view_original_text=t.viewOriginalText,
        view_expanded_text=t.viewExpandedText,
        table_type=t.tableType or m.MANAGED_TABLE,
        temporary=bool(t.temporary),
        rewrite_enabled=bool(t.rewriteEnabled),
        catalog_name=(catalog or t.catName or m.DEFAULT_CATALOG).lower(),
        owner_type=owner_type_from_wire(t.ownerType) or m.USER,
    )


def table_to(t: m.Table) -> tt.Table:
    return tt.Table(
        tableName=t.table_name,
        dbName=t.db_name,
        owner=t.owner,
        createTime=t.create_time,
        lastAccessTime=t.last_access_time,
        retention=t.retention,
        sd=sd_to(t.sd),
        partitionKeys=[field_to(k) for k in t.partition_keys],
        parameters=dict(t.parameters),
        viewOriginalText=t.view_original_text,
        viewExpandedText=t.view_expanded_text,
        tableType=t.table_type,
        privileges=None,
        temporary=False,
        rewriteEnabled=bool(t.rewrite_enabled),
        catName=t.catalog_name,
        ownerType=owner_type_to_wire(t.owner_type) or tt.PrincipalType.USER,
    )


def table_meta_to(t: m.TableMeta) -> tt.TableMeta:
    return tt.TableMeta(
        dbName=t.db_name,
        tableName=t.table_name,
        tableType=t.table_type,
        comments=t.comments,
        catName=t.catalog_name,
    )


# -- partitions -----------------------------------------------------------------------------------
def partition_from(p: tt.Partition, catalog: str | None = None, memo: dict | None = None) -> m.Partition:
    return m.Partition(
        db_name=p.dbName,
        table_name=p.tableName,
        values=list(p.values or []),
        create_time=p.createTime or 0,
        last_access_time=p.lastAccessTime or 0,
        sd=sd_from(p.sd, memo),
        parameters=dict(p.parameters or {}),
        catalog_name=(catalog or p.catName or m.DEFAULT_CATALOG).lower(),
    )


def partition_to(p: m.Partition, memo: dict | None = None) -> tt.Partition:
    return tt.Partition(
        values=p.values,
        dbName=p.db_name,
        tableName=p.table_name,
        createTime=p.create_time,
        lastAccessTime=p.last_access_time,
        sd=sd_to(p.sd, memo),
        parameters=p.parameters,
        privileges=None,
        catName=p.catalog_name,
    )


def partitions_to(ps: list[m.Partition]) -> list[tt.Partition]:
    memo: dict = {}
    return [partition_to(p, memo) for p in ps]


# A table parameter, as in Hive: partition specs group partitions by storage descriptor only when it is "true".
SPEC_GROUPING = "hive.hcatalog.partition.spec.grouping.enabled"


def spec_grouping(t: m.Table) -> bool:
    return (t.parameters.get(SPEC_GROUPING) or "").lower() == "true"


def partition_specs_to(t: m.Table, ps: list[m.Partition]) -> list[tt.PartitionSpec]:
    """Hive 3.1's answer of get_partitions_pspec / get_part_specs_by_filter (HiveMetaStore.java).

    Unless the table says `hive.hcatalog.partition.spec.grouping.enabled=true`: one PartitionSpec
    whose partitionList holds every partition. With it: the partitions inside the table's directory,
    grouped by (input format, output format, serde library, columns), one PartitionSpec with a shared
    descriptor each (the group's first descriptor, with the table's location; each partition keeps
    its location relative to it), and one PartitionSpec with a partitionList of the partitions
    outside the table's directory (or without a location). Groups in order of first appearance."""
    root = t.sd.location if t.sd is not None else None
    if not spec_grouping(t):
        return [
            tt.PartitionSpec(
                dbName=t.db_name,
                tableName=t.table_name,
                rootPath=root,
                partitionList=tt.PartitionListComposingSpec(partitions=partitions_to(ps)),
                catName=t.catalog_name,
            )
        ]
    # Hive compares with String.startsWith; a sibling directory sharing the prefix ("/t" and "/t2") is not
    # inside the table's directory, so it is compared here as a directory.
    inside_prefix = root.rstrip("/") + "/" if root else ""
    groups: dict[tuple, tuple[m.StorageDescriptor, list[tt.PartitionWithoutSD]]] = {}
    outside: list[m.Partition] = []
    for p in ps:
        loc = p.sd.location
        if not root or not loc or not (loc == root or loc.startswith(inside_prefix)):
            outside.append(p)
            continue
        sd = p.sd
        key = (
            sd.input_format,
            sd.output_format,
            sd.serde.serialization_lib if sd.serde else None,
            tuple((c.name, c.type, c.comment) for c in sd.cols),
        )
        group = groups.get(key)
        if group is None:
            group = groups[key] = (sd, [])
        group[1].append(
            tt.PartitionWithoutSD(
                values=p.values,
                createTime=p.create_time,
                lastAccessTime=p.last_access_time,
                relativePath=loc[len(root) :],
                parameters=p.parameters,
                privileges=None,
            )
        )
    specs = []
    memo: dict = {}
    for sd, members in groups.values():
        shared = sd_to(sd, memo)
        shared.location = root
        specs.append(
            tt.PartitionSpec(
                dbName=t.db_name,
                tableName=t.table_name,
                rootPath=root,
                sharedSDPartitionSpec=tt.PartitionSpecWithSharedSD(partitions=members, sd=shared),
                catName=t.catalog_name,
            )
        )
    if outside:
        specs.append(
            tt.PartitionSpec(
                dbName=t.db_name,
                tableName=t.table_name,
                partitionList=tt.PartitionListComposingSpec(
                    partitions=[partition_to(p, memo) for p in outside]
                ),
                catName=t.catalog_name,
            )
        )
    return specs


# -- functions ------------------------------------------------------------------------------------
def function_from(f: tt.Function, catalog: str | None = None) -> m.Function:
    return m.Function(
        function_name=f.functionName,
        db_name=f.dbName,
        class_name=f.className,
        owner_name=f.ownerName,
        owner_type=owner_type_from_wire(f.ownerType),
        create_time=f.createTime or 0,
        function_type=f.functionType or tt.FunctionType.JAVA,
        resource_uris=[m.ResourceUri(r.resourceType, r.uri) for r in (f.resourceUris or [])],
        catalog_name=(catalog or f.catName or m.DEFAULT_CATALOG).lower(),
    )


def function_to(f: m.Function) -> tt.Function:
    return tt.Function(
        functionName=f.function_name,
        dbName=f.db_name,
        className=f.class_name,
        ownerName=f.owner_name,
        ownerType=owner_type_to_wire(f.owner_type),
        createTime=f.create_time,
        functionType=f.function_type,
        resourceUris=[tt.ResourceUri(resourceType=r.resource_type, uri=r.uri) for r in f.resource_uris],
        catName=f.catalog_name,
    )
