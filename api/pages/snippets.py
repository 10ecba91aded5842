"""Copy-ready code for reading a table: Spark SQL, PySpark, and PyIceberg for Iceberg tables."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from api import models as m

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Snippet:
    title: str
    language: str
    code: str


def _ident(name: str) -> str:
    return name if _PLAIN.match(name) else "`" + name.replace("`", "``") + "`"


def _sql_literal(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def is_iceberg(t: m.TableOut) -> bool:
    return (t.properties.get("table_type") or "").upper() == "ICEBERG"


def for_table(t: m.TableOut, thrift_uri: str, first_partition: list[str] | None = None) -> list[Snippet]:
    """Snippets for `t`; `first_partition` (values of one partition) makes the WHERE example real."""
    name = f"{_ident(t.database)}.{_ident(t.name)}"
    where = ""
    if t.partition_keys and first_partition and len(first_partition) == len(t.partition_keys):
        where = " WHERE " + " AND ".join(
            f"{_ident(k.name)} = {_sql_literal(v)}"
            for k, v in zip(t.partition_keys, first_partition, strict=True)
        )
    catalog_conf = ""
    if t.catalog != "hive":
        # Spark's session catalog reads one Hive 3 catalog: the metastore's default catalog.
        catalog_conf = f'    .config("spark.hadoop.metastore.catalog.default", {json.dumps(t.catalog)})\n'
    sql = f"SELECT * FROM {name}{where} LIMIT 100;"
    out = [
        Snippet("Spark SQL", "sql", sql),
        Snippet(
            "PySpark",
            "python",
            "from pyspark.sql import SparkSession\n\n"
            "spark = (\n"
            "    SparkSession.builder\n"
            f'    .config("spark.hadoop.hive.metastore.uris", {json.dumps(thrift_uri)})\n'
            f"{catalog_conf}"
            "    .enableHiveSupport()\n"
            "    .getOrCreate()\n"
            ")\n"
            f"df = spark.table({json.dumps(t.database + '.' + t.name)})\n"
            "df.show()",
        ),
    ]
    if is_iceberg(t):
        out.append(
            Snippet(
                "PyIceberg",
                "python",
                "from pyiceberg.catalog.hive import HiveCatalog\n\n"
                f"catalog = HiveCatalog({json.dumps(t.catalog)}, uri={json.dumps(thrift_uri)})\n"
                f"table = catalog.load_table(({json.dumps(t.database)}, {json.dumps(t.name)}))\n"
                "print(table.scan(limit=100).to_arrow())",
            )
        )
    return out


__all__ = ["Snippet", "for_table", "is_iceberg"]
