"""Response and request bodies of the REST API (they make its OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

PrincipalType = Literal["USER", "GROUP", "ROLE"]
ObjectType = Literal["GLOBAL", "DATABASE", "TABLE", "PARTITION", "COLUMN"]
ResourceType = Literal["JAR", "FILE", "ARCHIVE", "UNKNOWN"]
SearchHitKind = Literal["database", "table", "column"]
SearchMatch = Literal["name", "comment", "property"]
Privilege = Literal[
    "ALL", "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX", "LOCK", "SHOW_DATABASE"
]
Scalar = int | float | str | None


class Health(BaseModel):
    status: str


class CatalogOut(BaseModel):
    name: str
    description: str | None = None
    location: str | None = None


class CatalogList(BaseModel):
    catalogs: list[CatalogOut]
    next_page_token: str | None = None


class UnityGrantOut(BaseModel):
    principal: str
    privileges: list[str]


class HivePrivilegesOut(BaseModel):
    principal_name: str
    principal_type: str
    privileges: list[str]


class MirrorOut(BaseModel):
    """Provenance of an object mirrored from Unity Catalog (`catalog sync unity`): where it comes
    from, UC's own grants on it, and the Hive privileges they map to (grantor `unity-catalog`)."""

    source: str
    unity_id: str | None = None
    full_name: str | None = None
    updated_at: str | None = None
    synced_at: int | None = None
    missing_since: int | None = None
    grants: list[UnityGrantOut] | None = None
    catalog_grants: list[UnityGrantOut] | None = None
    hive_privileges: list[HivePrivilegesOut] | None = None


class DatabaseOut(BaseModel):
    catalog: str
    name: str
    description: str | None = None
    location: str | None = None
    owner: str | None = None
    owner_type: str | None = None
    parameters: dict[str, str | None] = {}
    mirror: MirrorOut | None = None


class DatabaseList(BaseModel):
    databases: list[DatabaseOut]
    next_page_token: str | None = None


class ColumnOut(BaseModel):
    name: str
    type: str
    comment: str | None = None


class ColumnStatsOut(BaseModel):
    column: str
    type: str
    kind: str | None = None
    num_nulls: int | None = None
    num_distinct_values: int | None = None
    low: Scalar = None
    high: Scalar = None
    avg_length: float | None = None
    max_length: int | None = None
    num_trues: int | None = None
    num_falses: int | None = None


class StatisticsOut(BaseModel):
    num_rows: int | None = None
    total_size: int | None = None
    num_files: int | None = None
    raw_data_size: int | None = None
    last_analyzed: int | None = None
    columns: list[ColumnStatsOut] = []


class SerdeOut(BaseModel):
    name: str | None = None
    serialization_lib: str | None = None
    parameters: dict[str, str | None] = {}


class SortColumnOut(BaseModel):
    column: str
    order: Literal["asc", "desc"]


class SkewedLocationOut(BaseModel):
    values: list[str]
    location: str


class SkewedOut(BaseModel):
    """List bucketing: the skewed columns, their skewed value combinations, and where each lives."""

    columns: list[str] = []
    values: list[list[str]] = []
    locations: list[SkewedLocationOut] = []


class StorageOut(BaseModel):
    location: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    compressed: bool = False
    num_buckets: int = -1
    bucket_columns: list[str] = []
    sort_columns: list[SortColumnOut] = []
    serde: SerdeOut
    parameters: dict[str, str | None] = {}
    skewed: SkewedOut | None = None


class ViewOut(BaseModel):
    original_text: str | None = None
    expanded_text: str | None = None


class TableOut(BaseModel):
    catalog: str
    database: str
    name: str
    type: str
    owner: str | None = None
    owner_type: str | None = None
    create_time: int = 0
    last_access_time: int = 0
    comment: str | None = None
    columns: list[ColumnOut]
    partition_keys: list[ColumnOut]
    properties: dict[str, str | None]
    storage: StorageOut | None = None
    statistics: StatisticsOut
    view: ViewOut | None = None
    mirror: MirrorOut | None = None


class TableSummaryOut(BaseModel):
    name: str
    type: str
    owner: str | None = None
    comment: str | None = None
    create_time: int = 0


class TableList(BaseModel):
    tables: list[TableSummaryOut]
    next_page_token: str | None = None


class PartitionOut(BaseModel):
    name: str
    values: list[str]
    location: str | None = None
    create_time: int = 0
    last_access_time: int = 0
    parameters: dict[str, str | None] = {}


class PartitionList(BaseModel):
    partitions: list[PartitionOut]
    next_page_token: str | None = None


class ResourceOut(BaseModel):
    type: ResourceType
    uri: str


class FunctionOut(BaseModel):
    catalog: str
    database: str
    name: str
    class_name: str
    owner: str | None = None
    owner_type: str | None = None
    create_time: int = 0
    resources: list[ResourceOut] = []


class FunctionList(BaseModel):
    functions: list[FunctionOut]
    next_page_token: str | None = None


class SearchHitOut(BaseModel):
    kind: SearchHitKind
    catalog: str
    database: str
    table: str | None = None
    column: str | None = None
    matched: SearchMatch = Field(description="What matched the query")
    text: str = Field(description="The text that matched")
    score: float


class SearchResults(BaseModel):
    results: list[SearchHitOut]
    next_page_token: str | None = None


class AuditRecordOut(BaseModel):
    id: int
    at: dt.datetime
    principal: str | None = None
    door: str
    action: str
    object_type: str | None = None
    object_name: str | None = None
    outcome: str
    detail: dict | None = None


class AuditList(BaseModel):
    records: list[AuditRecordOut]
    next_page_token: str | None = None


_ROLE = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@\-]+$")
_PRINCIPAL = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@\-]+$")


class RoleOut(BaseModel):
    name: str
    create_time: int = 0
    owner: str | None = None


class RoleList(BaseModel):
    roles: list[RoleOut]


class RoleIn(BaseModel):
    name: str = _ROLE


class RoleMemberOut(BaseModel):
    role: str
    principal_name: str
    principal_type: str
    grant_option: bool = False
    grant_time: int = 0
    grantor: str | None = None
    grantor_type: str | None = None


class RoleMemberList(BaseModel):
    members: list[RoleMemberOut]


class RoleMemberIn(BaseModel):
    principal_name: str = _PRINCIPAL
    principal_type: PrincipalType = "USER"
    grant_option: bool = False


class GrantObject(BaseModel):
    type: ObjectType
    catalog: str = Field("hive", min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$")
    database: str | None = Field(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_]+$")
    table: str | None = Field(None, min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_]+$")
    partition_values: list[str] | None = Field(None, max_length=64)
    column: str | None = Field(None, min_length=1, max_length=767)


class GrantOut(BaseModel):
    object: GrantObject
    principal_name: str
    principal_type: str
    privilege: str
    grantor: str | None = None
    grantor_type: str | None = None
    grant_option: bool = False
    create_time: int = 0


class GrantList(BaseModel):
    grants: list[GrantOut]


class GrantIn(BaseModel):
    object: GrantObject
    principal_name: str = _PRINCIPAL
    principal_type: PrincipalType = "USER"
    privilege: Privilege
    grant_option: bool = False
