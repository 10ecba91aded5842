"""Catalog objects as plain dataclasses (the wire formats convert to and from these).

Field meanings follow Apache Hive's metastore objects of the same names. Times are epoch seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_CATALOG = "hive"

MANAGED_TABLE = "MANAGED_TABLE"
EXTERNAL_TABLE = "EXTERNAL_TABLE"
VIRTUAL_VIEW = "VIRTUAL_VIEW"
MATERIALIZED_VIEW = "MATERIALIZED_VIEW"
TABLE_TYPES = (MANAGED_TABLE, EXTERNAL_TABLE, VIRTUAL_VIEW, MATERIALIZED_VIEW)

# Principal types, as stored in OWNER_TYPE columns.
USER, ROLE, GROUP = "USER", "ROLE", "GROUP"


@dataclass
class FieldSchema:
    name: str
    type: str
    comment: str | None = None


@dataclass
class Order:
    col: str
    order: int  # 1 ascending, 0 descending


@dataclass
class SerDeInfo:
    name: str | None = None
    serialization_lib: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    serializer_class: str | None = None
    deserializer_class: str | None = None
    serde_type: int | None = None


@dataclass
class SkewedInfo:
    col_names: list[str] = field(default_factory=list)
    col_values: list[list[str]] = field(default_factory=list)
    location_maps: dict[tuple[str, ...], str] = field(default_factory=dict)


@dataclass
class StorageDescriptor:
    cols: list[FieldSchema] = field(default_factory=list)
    location: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    compressed: bool = False
    num_buckets: int = -1
    serde: SerDeInfo = field(default_factory=SerDeInfo)
    bucket_cols: list[str] = field(default_factory=list)
    sort_cols: list[Order] = field(default_factory=list)
    parameters: dict[str, str] = field(default_factory=dict)
    skewed_info: SkewedInfo | None = None
    stored_as_sub_directories: bool = False


@dataclass
class Catalog:
    name: str
    description: str | None = None
    location_uri: str | None = None


@dataclass
class Database:
    name: str
    description: str | None = None
    location_uri: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    owner_name: str | None = None
    owner_type: str | None = None
    catalog_name: str = DEFAULT_CATALOG


@dataclass
class Table:
    db_name: str
    table_name: str
    owner: str | None = None
    create_time: int = 0
    last_access_time: int = 0
    retention: int = 0
    sd: StorageDescriptor = field(default_factory=StorageDescriptor)
    partition_keys: list[FieldSchema] = field(default_factory=list)
    parameters: dict[str, str] = field(default_factory=dict)
    view_original_text: str | None = None
    view_expanded_text: str | None = None
    table_type: str = MANAGED_TABLE
    temporary: bool = False
    rewrite_enabled: bool = False
    catalog_name: str = DEFAULT_CATALOG
    owner_type: str | None = USER

    @property
    def is_view(self) -> bool:
        return self.table_type in (VIRTUAL_VIEW, MATERIALIZED_VIEW)

    @property
    def is_external(self) -> bool:
        return self.table_type == EXTERNAL_TABLE or self.parameters.get("EXTERNAL", "").upper() == "TRUE"


@dataclass
class Partition:
    db_name: str
    table_name: str
    values: list[str]
    create_time: int = 0
    last_access_time: int = 0
    sd: StorageDescriptor = field(default_factory=StorageDescriptor)
    parameters: dict[str, str] = field(default_factory=dict)
    catalog_name: str = DEFAULT_CATALOG


@dataclass
class ResourceUri:
    resource_type: int  # 1 JAR, 2 FILE, 3 ARCHIVE
    uri: str


@dataclass
class Function:
    function_name: str
    db_name: str
    class_name: str
    owner_name: str | None = None
    owner_type: str | None = USER
    create_time: int = 0
    function_type: int = 1  # 1 = JAVA
    resource_uris: list[ResourceUri] = field(default_factory=list)
    catalog_name: str = DEFAULT_CATALOG


@dataclass
class TableMeta:
    db_name: str
    table_name: str
    table_type: str
    comments: str | None = None
    catalog_name: str = DEFAULT_CATALOG


# Column statistics kinds, as Hive derives them from a column's type.
STATS_KINDS = ("boolean", "long", "double", "string", "binary", "decimal", "date")


@dataclass
class ColumnStats:
    """Statistics of one column (of a table, or of one partition). `low`/`high` are ints for
    long and date (days since epoch) columns, floats for double, decimal strings for decimal."""

    column: str
    type: str
    kind: str
    num_nulls: int | None = None
    num_dvs: int | None = None
    low: int | float | str | None = None
    high: int | float | str | None = None
    avg_col_len: float | None = None
    max_col_len: int | None = None
    num_trues: int | None = None
    num_falses: int | None = None
    bit_vectors: bytes | None = None


@dataclass
class TableColumnStats:
    db_name: str
    table_name: str
    stats: list[ColumnStats]
    partition_name: str | None = None
    last_analyzed: int = 0
    catalog_name: str = DEFAULT_CATALOG
