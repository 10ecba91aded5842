"""Skewed (list-bucketed) storage info: "SKEWED_COL_NAMES", "SKEWED_VALUES", "SKEWED_COL_VALUE_LOC_MAP"
and the value lists they point to ("SKEWED_STRING_LIST", "SKEWED_STRING_LIST_VALUES").

Hive keeps each list of skewed values (an element of `skewedColValues`, or a key of
`skewedColValueLocationMaps`) as its own DataNucleus `MStringList` row, with ids from
"SEQUENCE_TABLE"; a descriptor owns its lists, so they go when it goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, insert, text

from catalog.domain.model import SkewedInfo
from catalog.store import schema as s
from catalog.store.ids import IdAllocator

# A value list as a JSON array, for the string list id `expr`.
_LIST_JSON = (
    '(SELECT coalesce(json_agg(l."STRING_LIST_VALUE" ORDER BY l."INTEGER_IDX"), \'[]\'::json) '
    'FROM "SKEWED_STRING_LIST_VALUES" l WHERE l."STRING_LIST_ID" = {expr})'
)


def skew_json_sql(sd: str) -> str:
    """`json_build_object` arguments for the skew info of the descriptor alias `sd` (keys
    skewed_cols, skewed_values, skewed_locs)."""
    values = _LIST_JSON.format(expr='v."STRING_LIST_ID_EID"')
    key = _LIST_JSON.format(expr='m."STRING_LIST_ID_KID"')
    return f"""'skewed_cols', (SELECT json_agg(k."SKEWED_COL_NAME" ORDER BY k."INTEGER_IDX")
                        FROM "SKEWED_COL_NAMES" k WHERE k."SD_ID" = {sd}."SD_ID"),
        'skewed_values', (SELECT json_agg({values} ORDER BY v."INTEGER_IDX")
                          FROM "SKEWED_VALUES" v WHERE v."SD_ID_OID" = {sd}."SD_ID"),
        'skewed_locs', (SELECT json_agg(json_build_array({key}, m."LOCATION") ORDER BY m."STRING_LIST_ID_KID")
                        FROM "SKEWED_COL_VALUE_LOC_MAP" m WHERE m."SD_ID" = {sd}."SD_ID")"""


# Child rows for a page of descriptors, in the (kind, owner id, position, a, b, c) shape of
# catalog.store.partitions' children statement: 'sk' names, 'sv' value lists, 'sl' location maps
# (lists as JSON text).
CHILDREN_SQL = f"""
SELECT 'sk', "SD_ID", "INTEGER_IDX", "SKEWED_COL_NAME", NULL, NULL FROM "SKEWED_COL_NAMES"
 WHERE "SD_ID" = ANY(CAST(:sds AS bigint[]))
UNION ALL
SELECT 'sv', v."SD_ID_OID", v."INTEGER_IDX", CAST({_LIST_JSON.format(expr='v."STRING_LIST_ID_EID"')} AS text),
       NULL, NULL FROM "SKEWED_VALUES" v WHERE v."SD_ID_OID" = ANY(CAST(:sds AS bigint[]))
UNION ALL
SELECT 'sl', m."SD_ID", m."STRING_LIST_ID_KID",
       CAST({_LIST_JSON.format(expr='m."STRING_LIST_ID_KID"')} AS text), m."LOCATION", NULL
  FROM "SKEWED_COL_VALUE_LOC_MAP" m WHERE m."SD_ID" = ANY(CAST(:sds AS bigint[]))
"""


def skew_from_parts(
    names: Sequence[str] | None,
    values: Iterable[Sequence[str] | None] | None,
    locs: Iterable[tuple[Sequence[str] | None, str | None]] | None,
) -> SkewedInfo | None:
    """A SkewedInfo from its three stored parts (None when the descriptor has none of them)."""
    if not names and not values and not locs:
        return None
    return SkewedInfo(
        col_names=list(names or []),
        col_values=[list(v or []) for v in (values or [])],
        location_maps={tuple(k or []): loc or "" for k, loc in (locs or [])},
    )


def skew_from_json(d: dict) -> SkewedInfo | None:
    return skew_from_parts(d.get("skewed_cols"), d.get("skewed_values"), d.get("skewed_locs"))


def insert_skews(conn: Connection, ids: IdAllocator, items: list[tuple[int, SkewedInfo | None]]) -> None:
    """Write the skew info of freshly inserted descriptors, `items` being (SD_ID, info) pairs."""
    todo = [(sd_id, sk) for sd_id, sk in items if sk is not None and _has_any(sk)]
    if not todo:
        return
    n_lists = sum(len(sk.col_values) + len(sk.location_maps) for _, sk in todo)
    list_ids = iter(ids.allocate(s.SEQ_STRING_LIST, n_lists))
    names: list[dict] = []
    lists: list[dict] = []
    list_values: list[dict] = []
    values: list[dict] = []
    locs: list[dict] = []

    def new_list(vals: Sequence[str]) -> int:
        lid = next(list_ids)
        lists.append({"STRING_LIST_ID": lid})
        list_values.extend(
            {"STRING_LIST_ID": lid, "STRING_LIST_VALUE": v, "INTEGER_IDX": i} for i, v in enumerate(vals)
        )
        return lid

    for sd_id, sk in todo:
        names += [
            {"SD_ID": sd_id, "SKEWED_COL_NAME": c, "INTEGER_IDX": i} for i, c in enumerate(sk.col_names)
        ]
        for i, vals in enumerate(sk.col_values):
            values.append({"SD_ID_OID": sd_id, "STRING_LIST_ID_EID": new_list(vals), "INTEGER_IDX": i})
        for key, loc in sk.location_maps.items():
            locs.append({"SD_ID": sd_id, "STRING_LIST_ID_KID": new_list(key), "LOCATION": loc})
    for table, rows in (
        (s.SKEWED_STRING_LIST, lists),
        (s.SKEWED_STRING_LIST_VALUES, list_values),
        (s.SKEWED_COL_NAMES, names),
        (s.SKEWED_VALUES, values),
        (s.SKEWED_COL_VALUE_LOC_MAP, locs),
    ):
        if rows:
            conn.execute(insert(table), rows)


def _has_any(sk: SkewedInfo) -> bool:
    return bool(sk.col_names or sk.col_values or sk.location_maps)


def delete_skews(conn: Connection, sd_ids: list[int]) -> None:
    """Remove the skew rows of these descriptors and the value lists they own."""
    p = {"ids": list(sd_ids)}
    conn.execute(text('DELETE FROM "SKEWED_COL_NAMES" WHERE "SD_ID" = ANY(:ids)'), p)
    owned = [
        r[0]
        for r in conn.execute(
            text(
                'DELETE FROM "SKEWED_COL_VALUE_LOC_MAP" WHERE "SD_ID" = ANY(:ids) '
                'RETURNING "STRING_LIST_ID_KID"'
            ),
            p,
        )
    ]
    owned += [
        r[0]
        for r in conn.execute(
            text('DELETE FROM "SKEWED_VALUES" WHERE "SD_ID_OID" = ANY(:ids) RETURNING "STRING_LIST_ID_EID"'),
            p,
        )
    ]
    if owned:
        q = {"lists": owned}
        conn.execute(text('DELETE FROM "SKEWED_STRING_LIST_VALUES" WHERE "STRING_LIST_ID" = ANY(:lists)'), q)
        conn.execute(text('DELETE FROM "SKEWED_STRING_LIST" WHERE "STRING_LIST_ID" = ANY(:lists)'), q)
