"""Storage descriptors (SDS + SERDES + CDS and their child tables), shared by tables and partitions.

Reads build one JSON document per descriptor inside PostgreSQL, so a table or a page of
partitions comes back in one round trip whatever its width. Writes are batched: one statement per
child table for any number of descriptors.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.domain.model import FieldSchema, Order, SerDeInfo, StorageDescriptor
from catalog.store import raw
from catalog.store import schema as s
from catalog.store.ids import IdAllocator
from catalog.store.skew import delete_skews, insert_skews, skew_from_json, skew_json_sql


def sd_json_sql(sd_id_expr: str, with_cols: bool = True) -> str:
    """SQL expression yielding a storage descriptor as JSON for the SD id `sd_id_expr`."""
    cols = (
        (
            ', \'cols\', (SELECT json_agg(json_build_array(c."COLUMN_NAME", c."TYPE_NAME", c."COMMENT") '
            'ORDER BY c."INTEGER_IDX") FROM "COLUMNS_V2" c WHERE c."CD_ID" = sd."CD_ID")'
        )
        if with_cols
        else ""
    )
    return f"""(SELECT json_build_object(
        'location', sd."LOCATION", 'input_format', sd."INPUT_FORMAT", 'output_format', sd."OUTPUT_FORMAT",
        'compressed', sd."IS_COMPRESSED", 'num_buckets', sd."NUM_BUCKETS",
        'subdirs', sd."IS_STOREDASSUBDIRECTORIES", 'cd_id', sd."CD_ID"{cols},
        'params', (SELECT json_object_agg(sp."PARAM_KEY", sp."PARAM_VALUE") FROM "SD_PARAMS" sp
                   WHERE sp."SD_ID" = sd."SD_ID"),
        'bucket_cols', (SELECT json_agg(b."BUCKET_COL_NAME" ORDER BY b."INTEGER_IDX") FROM "BUCKETING_COLS" b
                        WHERE b."SD_ID" = sd."SD_ID"),
        'sort_cols', (SELECT json_agg(json_build_array(o."COLUMN_NAME", o."ORDER") ORDER BY o."INTEGER_IDX")
                      FROM "SORT_COLS" o WHERE o."SD_ID" = sd."SD_ID"),
        'serde', (SELECT json_build_object('name', se."NAME", 'lib', se."SLIB", 'description', se."DESCRIPTION",
                         'serializer', se."SERIALIZER_CLASS", 'deserializer', se."DESERIALIZER_CLASS",
                         'type', se."SERDE_TYPE",
                         'params', (SELECT json_object_agg(spp."PARAM_KEY", spp."PARAM_VALUE")
                                    FROM "SERDE_PARAMS" spp WHERE spp."SERDE_ID" = se."SERDE_ID"))
                  FROM "SERDES" se WHERE se."SERDE_ID" = sd."SERDE_ID"),
        {skew_json_sql("sd")})
      FROM "SDS" sd WHERE sd."SD_ID" = {sd_id_expr})"""


def cols_from_json(rows) -> list[FieldSchema]:
    return [FieldSchema(n, t, c) for n, t, c in (rows or [])]


def sd_from_json(d: dict | None, cols: list[FieldSchema] | None = None) -> StorageDescriptor:
    if d is None:
        return StorageDescriptor()
    se = d.get("serde") or {}
    return StorageDescriptor(
        cols=cols if cols is not None else cols_from_json(d.get("cols")),
        location=d.get("location"),
        input_format=d.get("input_format"),
        output_format=d.get("output_format"),
        compressed=bool(d.get("compressed")),
        num_buckets=_int_or(d.get("num_buckets"), -1),
        serde=SerDeInfo(
            name=se.get("name"),
            serialization_lib=se.get("lib"),
            parameters=se.get("params") or {},
            description=se.get("description"),
            serializer_class=se.get("serializer"),
            deserializer_class=se.get("deserializer"),
            serde_type=se.get("type"),
        ),
        bucket_cols=d.get("bucket_cols") or [],
        sort_cols=[Order(c, o) for c, o in (d.get("sort_cols") or [])],
        parameters=d.get("params") or {},
        skewed_info=skew_from_json(d),
        stored_as_sub_directories=bool(d.get("subdirs")),
    )


@dataclass
class SdIds:
    sd_id: int
    serde_id: int
    cd_id: int


def insert_sds(
    conn: Connection, ids: IdAllocator, sds: list[StorageDescriptor], reuse_cd: list[int | None] | None = None
) -> list[SdIds]:
    """Insert storage descriptors in bulk; `reuse_cd[i]` shares an existing column descriptor."""
    n = len(sds)
    if n == 0:
        return []
    reuse_cd = reuse_cd or [None] * n
    sd_ids = ids.allocate(s.SEQ_SD, n)
    serde_ids = ids.allocate(s.SEQ_SERDE, n)
    new_cd_count = sum(1 for r in reuse_cd if r is None)
    new_cds = iter(ids.allocate(s.SEQ_CD, new_cd_count))
    out: list[SdIds] = []
    serdes, serde_params, cds, columns, sdrows, sd_params, buckets, sorts = [], [], [], [], [], [], [], []
    for sd, sd_id, serde_id, reuse in zip(sds, sd_ids, serde_ids, reuse_cd, strict=True):
        se = sd.serde or SerDeInfo()
        serdes.append(
            {
                "SERDE_ID": serde_id,
                "NAME": se.name,
                "SLIB": se.serialization_lib,
                "DESCRIPTION": se.description,
                "SERIALIZER_CLASS": se.serializer_class,
                "DESERIALIZER_CLASS": se.deserializer_class,
                "SERDE_TYPE": se.serde_type,
            }
        )
        serde_params += [
            {"SERDE_ID": serde_id, "PARAM_KEY": k, "PARAM_VALUE": v} for k, v in (se.parameters or {}).items()
        ]
        if reuse is None:
            cd_id = next(new_cds)
            cds.append({"CD_ID": cd_id})
            columns += [
                {
                    "CD_ID": cd_id,
                    "COLUMN_NAME": c.name,
                    "TYPE_NAME": c.type,
                    "COMMENT": c.comment,
                    "INTEGER_IDX": i,
                }
                for i, c in enumerate(sd.cols)
            ]
        else:
            cd_id = reuse
        sdrows.append(
            {
                "SD_ID": sd_id,
                "INPUT_FORMAT": sd.input_format,
                "IS_COMPRESSED": bool(sd.compressed),
                "LOCATION": sd.location,
                "NUM_BUCKETS": sd.num_buckets,
                "OUTPUT_FORMAT": sd.output_format,
                "SERDE_ID": serde_id,
                "CD_ID": cd_id,
                "IS_STOREDASSUBDIRECTORIES": bool(sd.stored_as_sub_directories),
            }
        )
        sd_params += [
            {"SD_ID": sd_id, "PARAM_KEY": k, "PARAM_VALUE": v} for k, v in (sd.parameters or {}).items()
        ]
        buckets += [
            {"SD_ID": sd_id, "BUCKET_COL_NAME": c, "INTEGER_IDX": i} for i, c in enumerate(sd.bucket_cols)
        ]
        sorts += [
            {"SD_ID": sd_id, "COLUMN_NAME": o.col, "ORDER": o.order, "INTEGER_IDX": i}
            for i, o in enumerate(sd.sort_cols)
        ]
        out.append(SdIds(sd_id, serde_id, cd_id))
    for table, rows in (
        (s.SERDES, serdes),
        (s.SERDE_PARAMS, serde_params),
        (s.CDS, cds),
        (s.COLUMNS_V2, columns),
        (s.SDS, sdrows),
        (s.SD_PARAMS, sd_params),
        (s.BUCKETING_COLS, buckets),
        (s.SORT_COLS, sorts),
    ):
        raw.copy_rows(conn, table, rows)  # one statement per table (the encoding triggers run once)
    insert_skews(conn, ids, [(o.sd_id, sd.skewed_info) for o, sd in zip(out, sds, strict=True)])
    return out


# Child tables keyed by SD_ID, deleted before "SDS" itself (Hive's foreign keys); skew rows too.
_SD_CHILDREN = (
    ('"SD_PARAMS"', '"SD_ID"'),
    ('"BUCKETING_COLS"', '"SD_ID"'),
    ('"SORT_COLS"', '"SD_ID"'),
)


def delete_sds(conn: Connection, sd_ids: list[int]) -> None:
    """Delete storage descriptors, their serdes, and the column descriptors no longer used."""
    if not sd_ids:
        return
    p = {"ids": list(sd_ids)}
    for t, col in _SD_CHILDREN:
        conn.execute(text(f"DELETE FROM {t} WHERE {col} = ANY(:ids)"), p)
    delete_skews(conn, sd_ids)
    gone = conn.execute(
        text('DELETE FROM "SDS" WHERE "SD_ID" = ANY(:ids) RETURNING "SERDE_ID", "CD_ID"'), p
    ).all()
    serde_ids = [r[0] for r in gone if r[0] is not None]
    cd_ids = list({r[1] for r in gone if r[1] is not None})
    if serde_ids:
        conn.execute(text('DELETE FROM "SERDE_PARAMS" WHERE "SERDE_ID" = ANY(:ids)'), {"ids": serde_ids})
        conn.execute(text('DELETE FROM "SERDES" WHERE "SERDE_ID" = ANY(:ids)'), {"ids": serde_ids})
    delete_unused_cds(conn, cd_ids)


def delete_unused_cds(conn: Connection, cd_ids: list[int]) -> None:
    """Delete the column descriptors among `cd_ids` that no descriptor uses any more."""
    if cd_ids:
        unused = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT c FROM unnest(CAST(:ids AS bigint[])) c WHERE NOT EXISTS "
                    '(SELECT 1 FROM "SDS" x WHERE x."CD_ID" = c)'
                ),
                {"ids": cd_ids},
            )
        ]
        if unused:
            conn.execute(text('DELETE FROM "COLUMNS_V2" WHERE "CD_ID" = ANY(:ids)'), {"ids": unused})
            conn.execute(text('DELETE FROM "CDS" WHERE "CD_ID" = ANY(:ids)'), {"ids": unused})


def _int_or(value: object, default: int) -> int:
    return int(value) if isinstance(value, int | str) else default
