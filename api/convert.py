"""Domain objects -> REST response bodies."""

from __future__ import annotations

import json
from typing import cast

from api import models as m
from catalog.domain.model import Catalog, Database, FieldSchema, Function, Partition, Table, TableColumnStats
from catalog.privileges import Grant, Role, RoleGrant
from catalog.provenance import SOURCE
from catalog.store.pages import TableSummary
from catalog.store.search import SearchHit
from catalog.sync import grants as sync_grants
from catalog.sync import mapping as mp

_RESOURCE: dict[int, m.ResourceType] = {1: "JAR", 2: "FILE", 3: "ARCHIVE"}


def catalog_out(c: Catalog) -> m.CatalogOut:
    return m.CatalogOut(name=c.name, description=c.description, location=c.location_uri)


def database_out(d: Database) -> m.DatabaseOut:
    return m.DatabaseOut(
        catalog=d.catalog_name,
        name=d.name,
        description=d.description,
        location=d.location_uri,
        owner=d.owner_name,
        owner_type=d.owner_type,
        parameters=dict(d.parameters or {}),
        mirror=mirror_out(d.parameters),
    )


def _json_param(p: dict, key: str) -> dict | None:
    raw = mp.read_split(p, key)
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def mirror_out(params: dict | None) -> m.MirrorOut | None:
    p = params or {}
    if SOURCE not in p:
        return None
    grants, cat_grants, hive = (_json_param(p, k) for k in (mp.GRANTS, mp.CATALOG_GRANTS, mp.HIVE_PRIVILEGES))

    def uc(g):
        return (
            None
            if g is None
            else [m.UnityGrantOut(principal=k, privileges=list(v)) for k, v in sorted(g.items())]
        )

    return m.MirrorOut(
        source=p[SOURCE],
        unity_id=p.get(mp.UNITY_ID),
        full_name=p.get(mp.FULL_NAME),
        updated_at=p.get(mp.UPDATED_AT) or None,
        synced_at=_int(p.get(mp.SYNCED_AT)),
        missing_since=_int(p.get(mp.MISSING_SINCE)),
        grants=uc(grants),
        catalog_grants=uc(cat_grants),
        hive_privileges=None
        if hive is None
        else [
            m.HivePrivilegesOut(
                principal_name=k, principal_type=sync_grants.principal_type(k), privileges=list(v)
            )
            for k, v in sorted(hive.items())
        ],
    )


def _cols(cols: list[FieldSchema]) -> list[m.ColumnOut]:
    return [m.ColumnOut(name=c.name, type=c.type or "", comment=c.comment) for c in cols]


def _int(v) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def table_out(t: Table, stats: TableColumnStats | None) -> m.TableOut:
    p: dict[str, str | None] = dict(t.parameters or {})
    sd = t.sd
    storage = None
    if sd is not None and not t.is_view:
        storage = m.StorageOut(
            location=sd.location,
            input_format=sd.input_format,
            output_format=sd.output_format,
            compressed=bool(sd.compressed),
            num_buckets=sd.num_buckets if sd.num_buckets is not None else -1,
            bucket_columns=list(sd.bucket_cols or []),
            sort_columns=[
                m.SortColumnOut(column=o.col, order="asc" if o.order == 1 else "desc")
                for o in sd.sort_cols or []
            ],
            serde=m.SerdeOut(
                name=sd.serde.name,
                serialization_lib=sd.serde.serialization_lib,
                parameters=dict(sd.serde.parameters or {}),
            )
            if sd.serde
            else m.SerdeOut(),
            parameters=dict(sd.parameters or {}),
            skewed=m.SkewedOut(
                columns=list(sd.skewed_info.col_names),
                values=[list(v) for v in sd.skewed_info.col_values],
                locations=[
                    m.SkewedLocationOut(values=list(k), location=v)
                    for k, v in sd.skewed_info.location_maps.items()
                ],
            )
            if sd.skewed_info
            else None,
        )
    col_stats = [
        m.ColumnStatsOut(
            column=s.column,
            type=s.type,
            kind=s.kind,
            num_nulls=s.num_nulls,
            num_distinct_values=s.num_dvs,
            low=_scalar(s.low),
            high=_scalar(s.high),
            avg_length=s.avg_col_len,
            max_length=s.max_col_len,
            num_trues=s.num_trues,
            num_falses=s.num_falses,
        )
        for s in (stats.stats if stats else [])
    ]
    statistics = m.StatisticsOut(
        num_rows=_int(p.get("numRows")),
        total_size=_int(p.get("totalSize")),
        num_files=_int(p.get("numFiles")),
        raw_data_size=_int(p.get("rawDataSize")),
        last_analyzed=(stats.last_analyzed or None) if stats else None,
        columns=col_stats,
    )
    view = (
        m.ViewOut(original_text=t.view_original_text, expanded_text=t.view_expanded_text)
        if t.is_view
        else None
    )
    return m.TableOut(
        catalog=t.catalog_name,
        database=t.db_name,
        name=t.table_name,
        type=t.table_type,
        owner=t.owner,
        owner_type=t.owner_type,
        create_time=t.create_time or 0,
        last_access_time=t.last_access_time or 0,
        comment=p.get("comment"),
        columns=_cols(sd.cols if sd else []),
        partition_keys=_cols(t.partition_keys),
        properties=p,
        storage=storage,
        statistics=statistics,
        view=view,
        mirror=mirror_out(p),
    )


def _scalar(v):
    if v is None or isinstance(v, (int, float, str)):
        return v
    return str(v)


def table_summary_out(t: TableSummary) -> m.TableSummaryOut:
    return m.TableSummaryOut(
        name=t.name, type=t.table_type, owner=t.owner, comment=t.comment, create_time=t.create_time
    )


def partition_out(name: str, p: Partition) -> m.PartitionOut:
    return m.PartitionOut(
        name=name,
        values=list(p.values),
        location=p.sd.location if p.sd else None,
        create_time=p.create_time or 0,
        last_access_time=p.last_access_time or 0,
        parameters=dict(p.parameters or {}),
    )


def function_out(f: Function) -> m.FunctionOut:
    return m.FunctionOut(
        catalog=f.catalog_name,
        database=f.db_name,
        name=f.function_name,
        class_name=f.class_name,
        owner=f.owner_name,
        owner_type=f.owner_type,
        create_time=f.create_time or 0,
        resources=[
            m.ResourceOut(type=_RESOURCE.get(r.resource_type, "UNKNOWN"), uri=r.uri) for r in f.resource_uris
        ],
    )


def hit_out(h: SearchHit) -> m.SearchHitOut:
    return m.SearchHitOut(
        kind=cast(m.SearchHitKind, h.kind),
        catalog=h.catalog,
        database=h.database,
        table=h.table,
        column=h.column,
        matched=cast(m.SearchMatch, h.field),
        text=h.text or "",
        score=h.score,
    )


def role_out(r: Role) -> m.RoleOut:
    return m.RoleOut(name=r.name, create_time=r.create_time or 0, owner=r.owner)


def member_out(g: RoleGrant) -> m.RoleMemberOut:
    return m.RoleMemberOut(
        role=g.role,
        principal_name=g.principal_name,
        principal_type=g.principal_type,
        grant_option=g.grant_option,
        grant_time=g.grant_time,
        grantor=g.grantor,
        grantor_type=g.grantor_type,
    )


def grant_out(g: Grant) -> m.GrantOut:
    o = g.object
    return m.GrantOut(
        object=m.GrantObject(
            type=cast(m.ObjectType, o.type),
            catalog=o.catalog or "hive",
            database=o.db,
            table=o.table,
            partition_values=list(o.part_values) if o.part_values else None,
            column=o.column,
        ),
        principal_name=g.principal_name,
        principal_type=g.principal_type,
        privilege=g.privilege,
        grantor=g.grantor,
        grantor_type=g.grantor_type,
        grant_option=g.grant_option,
        create_time=g.create_time,
    )
