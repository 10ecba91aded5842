"""Unity Catalog objects -> Hive databases and tables, laid out the way open-source Spark reads them.

The rules come from shared/reference/unity-catalog-notes.md §3 (Spark's HiveExternalCatalog):

* every data table is EXTERNAL_TABLE with `EXTERNAL=TRUE` (even UC MANAGED ones: no Hive client
  may delete UC-owned data through us); SerDe parameter `path` = the storage location; table
  parameters `spark.sql.sources.provider`, `spark.sql.sources.schema` (Spark's StructType JSON,
  split into 4000-character parts like `CatalogTable.splitLargeTableProp`) and, for partitioned
  non-Delta tables, `spark.sql.sources.schema.numPartCols` / `partCol.<i>`; never
  `spark.sql.partitionProvider` (UC has no partitions in our metastore: Spark must discover them);
* Parquet/ORC/Avro with only Hive-compatible types get Hive's layout (real columns, SerDe and
  formats); Delta, CSV/JSON/text and tables with Spark-only types (timestamp_ntz, intervals,
  variant, collated strings) get Spark's own layout (`col array<string>` 'from deserializer');
* views become VIRTUAL_VIEW with the UC definition as text;
* anything Spark cannot represent at all (GEOMETRY, TIME, unknown types, foreign/streaming/
  materialized tables, formats without a Spark data source) is skipped with the reason, never
  half-written.

Types are read from `type_json` (a Spark StructField JSON) first, then `type_text` (Spark's
catalogString), then `type_name` with precision and scale.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from catalog.domain import names as nm
from catalog.domain.model import (
    EXTERNAL_TABLE,
    USER,
    VIRTUAL_VIEW,
    Database,
    FieldSchema,
    SerDeInfo,
    StorageDescriptor,
    Table,
)
from catalog.provenance import SOURCE
from catalog.sync.uc_types import (
    Unsupported,
    catalog_string,
    column_type,
    hive_compatible,
    spark_field,
)
from catalog.warehouse import normalize_location

# -- provenance markers (Hive parameters on every mirrored database and table) ----------------------
PREFIX = "catalog.mirror."
UNITY_ID = PREFIX + "unity_id"
FULL_NAME = PREFIX + "full_name"
UC_CATALOG = PREFIX + "uc_catalog"
UC_SCHEMA = PREFIX + "uc_schema"
UC_TYPE = PREFIX + "table_type"
UC_FORMAT = PREFIX + "format"
LAYOUT = PREFIX + "layout"
UPDATED_AT = PREFIX + "updated_at"
HASH = PREFIX + "hash"
SYNCED_AT = PREFIX + "synced_at"
MISSING_SINCE = PREFIX + "missing_since"
GRANTS = PREFIX + "grants"
CATALOG_GRANTS = PREFIX + "catalog_grants"
HIVE_PRIVILEGES = PREFIX + "hive_privileges"  # what the UC grants map to (catalog.sync.grants)
STORAGE_ROOT = PREFIX + "storage_root"
# Not part of the content hash: they change without the UC object changing.
VOLATILE = (UPDATED_AT, HASH, SYNCED_AT, MISSING_SINCE)

MAPPING_VERSION = "2"  # bump when the layout changes: every mirrored object is rewritten once

SCHEMA_PROP = "spark.sql.sources.schema"
PROVIDER_PROP = "spark.sql.sources.provider"
THRESHOLD = 4000  # spark.sql.sources.schemaStringLengthThreshold

LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
SEQ_IN = "org.apache.hadoop.mapred.SequenceFileInputFormat"
SEQ_OUT = "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat"
HIVE_SERDES = {  # HiveSerDe.sourceToSerDe
    "parquet": (
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    ),
    "orc": (
        "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
        "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
        "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
    ),
    "avro": (
        "org.apache.hadoop.hive.serde2.avro.AvroSerDe",
        "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
        "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
    ),
}
PROVIDERS = {
    "DELTA": "delta",
    "PARQUET": "parquet",
    "ORC": "orc",
    "AVRO": "avro",
    "CSV": "csv",
    "JSON": "json",
    "TEXT": "text",
    "DELTA_UNIFORM_ICEBERG": "delta",
    "DELTA_UNIFORM_HUDI": "delta",
}
DATA_TABLE_TYPES = {"MANAGED", "EXTERNAL", "MANAGED_SHALLOW_CLONE", "EXTERNAL_SHALLOW_CLONE"}
VIEW_TYPES = {"VIEW"}
# Properties never copied from UC: Hive/Spark reserve them, or they are our own markers.
RESERVED_PREFIXES = ("spark.sql.", PREFIX)
RESERVED_KEYS = {"external", "transient_lastddltime", "comment"}
MAX_COMMENT = 4000


# ==================================================================================================
# Columns and parameters
# ==================================================================================================
@dataclass
class Column:
    name: str
    type: Any  # Spark JSON type
    nullable: bool
    comment: str | None
    partition_index: int | None
    metadata: dict = field(default_factory=dict)

    @property
    def hive_type(self) -> str:
        raw = self.metadata.get("__CHAR_VARCHAR_TYPE_STRING")  # Spark keeps char/varchar here
        return str(raw).lower() if raw else catalog_string(self.type)

    def spark_field(self) -> dict:
        meta = dict(self.metadata)
        if self.comment:
            meta["comment"] = self.comment
        return spark_field(
            {"name": self.name, "type": self.type, "nullable": self.nullable, "metadata": meta}
        )


def columns_of(info: dict) -> list[Column]:
    raw = info.get("columns") or []
    ordered = sorted(
        enumerate(raw),
        key=lambda p: (p[1].get("position") if p[1].get("position") is not None else p[0], p[0]),
    )
    cols: list[Column] = []
    seen: set[str] = set()
    for _, c in ordered:
        name = c.get("name")
        if not name:
            raise Unsupported("a column has no name")
        if name.lower() in seen:
            raise Unsupported(f"duplicate column name {name}")
        seen.add(name.lower())
        t, nullable, meta = column_type(c)
        comment = c.get("comment") or meta.pop("comment", None) or None
        pi = c.get("partition_index")
        cols.append(Column(name, t, nullable, clip(comment), int(pi) if pi is not None else None, meta))
    return cols


def spark_schema_json(cols: list[Column]) -> str:
    """Spark's StructType.json (compact, field keys in Spark's order)."""
    return json.dumps(
        {"type": "struct", "fields": [c.spark_field() for c in cols]},
        separators=(",", ":"),
        ensure_ascii=False,
    )


def put_split(params: dict[str, str], key: str, value: str, threshold: int = THRESHOLD) -> None:
    """CatalogTable.splitLargeTableProp: one parameter, or `<key>.numParts` + `<key>.part.<i>`."""
    if len(value) <= threshold:
        params[key] = value
        return
    chunks = [value[i : i + threshold] for i in range(0, len(value), threshold)]
    params[f"{key}.numParts"] = str(len(chunks))
    for i, c in enumerate(chunks):
        params[f"{key}.part.{i}"] = c


def read_split(params: dict[str, str], key: str) -> str | None:
    if key in params:
        return params[key]
    n = params.get(f"{key}.numParts")
    if n is None:
        return None
    return "".join(params[f"{key}.part.{i}"] for i in range(int(n)))


def copied_properties(props: dict | None) -> dict[str, str]:
    out = {}
    for k, v in (props or {}).items():
        if k is None or v is None:
            continue
        k = str(k)
        if k.lower() in RESERVED_KEYS or k.startswith(RESERVED_PREFIXES) or len(k) > nm.MAX_PARAM_KEY:
            continue
        out[k] = str(v)
    return out


def grants_json(grants: dict[str, list[str]] | None) -> str:
    return json.dumps(grants or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def clip(s: str | None, n: int = MAX_COMMENT) -> str | None:
    return s if s is None or len(s) <= n else s[: n - 1] + "…"


def content_hash(obj: Database | Table) -> str:
    """sha256 over the mirrored definition, without the names (renames are detected by id) and
    without the volatile markers."""
    d = asdict(obj)
    for k in ("name", "db_name", "table_name", "catalog_name"):
        d.pop(k, None)
    d["parameters"] = {k: v for k, v in d["parameters"].items() if k not in VOLATILE}
    d["_v"] = MAPPING_VERSION
    return hashlib.sha256(json.dumps(d, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def stamp(obj: Database | Table, updated_at: Any) -> None:
    """Set the hash and updated_at markers (after everything else is in place)."""
    obj.parameters[HASH] = content_hash(obj)
    obj.parameters[UPDATED_AT] = str(updated_at or "")


# ==================================================================================================
# Objects
# ==================================================================================================
def database_name(template: str, catalog: str, schema: str) -> str:
    """The Hive database of a UC schema; raises Unsupported if Hive cannot name it."""
    try:
        name = template.format(catalog=catalog, schema=schema).lower()
    except (KeyError, IndexError, ValueError) as e:
        raise ValueError(f"invalid --name-template {template!r}: {e}") from e
    try:
        return nm.check_db_name(name)
    except Exception as e:  # noqa: BLE001 - InvalidObjectError with the rule broken
        raise Unsupported(
            f"database name '{name}' is not a valid Hive name: {getattr(e, 'message', e)}"
        ) from None


def table_name(name: str) -> str:
    try:
        return nm.check_table_name(name.lower())
    except Exception as e:  # noqa: BLE001
        raise Unsupported(
            f"table name '{name}' is not a valid Hive name: {getattr(e, 'message', e)}"
        ) from None


def map_database(
    source: str,
    db_name: str,
    catalog: dict,
    schema: dict,
    hive_catalog: str,
    grants: dict | None,
    catalog_grants: dict | None,
    hive_privileges: dict | None = None,
) -> Database:
    params = copied_properties(schema.get("properties"))
    # DATABASE_PARAMS values are varchar(4000): long grants are split like Spark's schema.
    params.update(
        {
            SOURCE: source,
            UNITY_ID: str(schema.get("schema_id") or schema.get("full_name") or ""),
            FULL_NAME: schema.get("full_name") or f"{catalog.get('name')}.{schema.get('name')}",
            UC_CATALOG: catalog.get("name") or schema.get("catalog_name") or "",
            UC_SCHEMA: schema.get("name") or "",
        }
    )
    if catalog.get("id"):
        params[PREFIX + "catalog_id"] = str(catalog["id"])
    root = schema.get("storage_location") or schema.get("storage_root")
    if root:
        params[STORAGE_ROOT] = str(root)
    if grants is not None:
        put_split(params, GRANTS, grants_json(grants))
    if catalog_grants is not None:
        put_split(params, CATALOG_GRANTS, grants_json(catalog_grants))
    if hive_privileges is not None:
        put_split(params, HIVE_PRIVILEGES, grants_json(hive_privileges))
    db = Database(
        name=db_name,
        description=clip(schema.get("comment")),
        location_uri=None,
        parameters=params,
        owner_name=schema.get("owner"),
        owner_type=USER if schema.get("owner") else None,
        catalog_name=hive_catalog,
    )
    stamp(db, schema.get("updated_at"))
    return db


def map_table(
    source: str,
    db_name: str,
    info: dict,
    hive_catalog: str,
    grants: dict | None,
    hive_privileges: dict | None = None,
) -> Table:
    """The Hive table for a UC TableInfo; raises Unsupported with the reason to skip it."""
    name = table_name(info.get("name") or "")
    ttype = str(info.get("table_type") or "").upper()
    params, fields = _view(source, info) if ttype in VIEW_TYPES else _data_table(source, info, ttype)
    if grants is not None:
        params[GRANTS] = grants_json(grants)
    if hive_privileges is not None:
        params[HIVE_PRIVILEGES] = grants_json(hive_privileges)
    t = Table(
        db_name=db_name,
        table_name=name,
        owner=info.get("owner"),
        create_time=_secs(info.get("created_at")),
        parameters=params,
        catalog_name=hive_catalog,
        owner_type=USER,
        **fields,
    )
    stamp(t, info.get("updated_at"))
    return t


def _properties(info: dict) -> dict[str, str]:
    """A UC table's properties and comment, as the Hive table's parameters."""
    params = copied_properties(info.get("properties"))
    if info.get("comment"):
        params["comment"] = info["comment"]
    return params


def _data_table(source: str, info: dict, ttype: str) -> tuple[dict[str, str], dict[str, Any]]:
    """A UC table with storage: the Hive table's parameters, and its storage, partition keys and type."""
    fmt = str(info.get("data_source_format") or "").upper()
    if ttype not in DATA_TABLE_TYPES:
        raise Unsupported(f"table type {ttype or '(none)'} is not mirrored (no storage Spark can read)")
    provider = PROVIDERS.get(fmt)
    if provider is None:
        raise Unsupported(f"data source format {fmt or '(none)'} has no open-source Spark data source")
    location = info.get("storage_location")
    if not location:
        raise Unsupported("the table has no storage location")
    location = normalize_location(str(location))
    cols = columns_of(info)
    for c in cols:
        if "," in c.name:
            raise Unsupported(f"column name '{c.name}' contains ',' (Hive cannot store it)")
    part_cols = sorted(
        (c for c in cols if c.partition_index is not None), key=lambda c: c.partition_index or 0
    )
    data_cols = [c for c in cols if c.partition_index is None]

    params = _properties(info)
    params["EXTERNAL"] = "TRUE"
    params[PROVIDER_PROP] = provider
    serde_params = {"path": location, "serialization.format": "1"}
    partition_keys: list[FieldSchema] = []
    if provider == "delta":
        # The Delta log is the source of truth; Delta ignores the schema and partitions in HMS.
        layout = "delta"
        put_split(params, SCHEMA_PROP, spark_schema_json(data_cols + part_cols))
        sd = _spark_sd(location, serde_params)
    else:
        put_split(params, SCHEMA_PROP, spark_schema_json(data_cols + part_cols))
        if part_cols:
            params[SCHEMA_PROP + ".numPartCols"] = str(len(part_cols))
            for i, c in enumerate(part_cols):
                params[f"{SCHEMA_PROP}.partCol.{i}"] = c.name
        partition_keys = [FieldSchema(c.name, c.hive_type, c.comment) for c in part_cols]
        compatible = provider in HIVE_SERDES and cols and all(hive_compatible(c.type) for c in cols)
        if compatible:
            layout = "hive"
            serde, fin, fout = HIVE_SERDES[provider]
            sd = StorageDescriptor(
                cols=[FieldSchema(c.name, c.hive_type, c.comment) for c in data_cols],
                location=location,
                input_format=fin,
                output_format=fout,
                serde=SerDeInfo(serialization_lib=serde, parameters=serde_params),
            )
        else:
            layout = "spark"
            if provider in ("csv", "json", "text"):  # Spark passes storage properties as read options
                for k, v in copied_properties(info.get("properties")).items():
                    if not k.startswith(("delta.", "spark.")):
                        serde_params.setdefault(k, v)
            sd = _spark_sd(location, serde_params)
    params.update(_markers(source, info, layout, fmt))
    return params, {"sd": sd, "partition_keys": partition_keys, "table_type": EXTERNAL_TABLE}


def _view(source: str, info: dict) -> tuple[dict[str, str], dict[str, Any]]:
    """A UC view: the Hive view's parameters, and its columns, text and type."""
    text = info.get("view_definition")
    if not text:
        raise Unsupported("the view has no definition")
    cols = columns_of(info)
    params = _properties(info)
    if cols:
        put_split(params, SCHEMA_PROP, spark_schema_json(cols))
    hive_cols = (
        [FieldSchema(c.name, c.hive_type, c.comment) for c in cols]
        if all(hive_compatible(c.type) for c in cols)
        else []
    )
    params.update(_markers(source, info, "view", ""))
    return params, {
        "sd": StorageDescriptor(cols=hive_cols, serde=SerDeInfo(parameters={})),
        "view_original_text": text,
        "view_expanded_text": text,
        "table_type": VIRTUAL_VIEW,
    }


def _spark_sd(location: str, serde_params: dict) -> StorageDescriptor:
    """Spark's own layout (HiveExternalCatalog.newSparkSQLSpecificMetastoreTable)."""
    return StorageDescriptor(
        cols=[FieldSchema("col", "array<string>", "from deserializer")],
        location=location,
        input_format=SEQ_IN,
        output_format=SEQ_OUT,
        serde=SerDeInfo(serialization_lib=LAZY_SIMPLE, parameters=serde_params),
    )


def _markers(source: str, info: dict, layout: str, fmt: str) -> dict[str, str]:
    full = info.get("full_name") or ".".join(
        str(info.get(k) or "") for k in ("catalog_name", "schema_name", "name")
    )
    return {
        SOURCE: source,
        UNITY_ID: str(info.get("table_id") or full),
        FULL_NAME: full,
        UC_TYPE: str(info.get("table_type") or ""),
        UC_FORMAT: fmt,
        LAYOUT: layout,
    }


def _secs(ms: Any) -> int:
    try:
        return int(int(ms) // 1000)
    except (TypeError, ValueError):
        return 0
