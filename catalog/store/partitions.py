"""SQL for partitions ("PARTITIONS", "PARTITION_KEY_VALS", "PARTITION_PARAMS" and their descriptors).

Selections (by names, partial specs, filters) are evaluated in PostgreSQL through joins on
"PARTITION_KEY_VALS"; a page of partitions is read in two round trips (partitions with their
descriptors as JSON, then the distinct column descriptors they use).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from catalog.domain.model import FieldSchema, Order, Partition, SerDeInfo, StorageDescriptor
from catalog.store import partition_drop, raw, skew
from catalog.store import schema as s
from catalog.store.ids import IdAllocator
from catalog.store.storage import delete_sds, delete_unused_cds, insert_sds
from catalog.store.tables import TableRow, same_columns


@dataclass
class Selection:
    """A WHERE clause over partitions `p` of one table, and the key-value joins it needs
    (key i is joined as alias pkv{i})."""

    where: str = ""
    params: dict = field(default_factory=dict)
    keys: set[int] = field(default_factory=set)
    most: int | None = None  # at most this many partitions can match (a list of names), if known

    def from_clause(self) -> str:
        joins = "".join(
            f' JOIN "PARTITION_KEY_VALS" pkv{i} ON pkv{i}."PART_ID" = p."PART_ID" '
            f'AND pkv{i}."INTEGER_IDX" = {int(i)}'
            for i in sorted(self.keys)
        )
        return f'FROM "PARTITIONS" p{joins} WHERE p."TBL_ID" = :tbl_id' + (
            f" AND ({self.where})" if self.where else ""
        )


def by_names(names: list[str]) -> Selection:
    return Selection(
        'p."PART_NAME" = ANY(CAST(:names AS text[]))', {"names": raw.text_array(names)}, most=len(names)
    )


def by_partial_values(values: list[str]) -> Selection:
    """Hive's partial specification: an empty value matches anything."""
    conds, params, keys = [], {}, set()
    for i, v in enumerate(values):
        if v is None or v == "":
            continue
        conds.append(f'pkv{i}."PART_KEY_VAL" = :pv{i}')
        params[f"pv{i}"] = v
        keys.add(i)
    return Selection(" AND ".join(conds), params, keys)


@dataclass
class PartitionRow:
    part_id: int
    sd_id: int | None
    name: str
    partition: Partition


_PARTITIONS_SQL = """SELECT p."PART_ID", p."SD_ID", p."PART_NAME", p."CREATE_TIME", p."LAST_ACCESS_TIME",
       s."LOCATION", s."INPUT_FORMAT", s."OUTPUT_FORMAT", s."IS_COMPRESSED", s."NUM_BUCKETS",
       s."IS_STOREDASSUBDIRECTORIES", s."CD_ID", s."SERDE_ID",
       se."NAME", se."SLIB", se."DESCRIPTION", se."SERIALIZER_CLASS", se."DESERIALIZER_CLASS", se."SERDE_TYPE"
{from_clause_with_sd} ORDER BY p."PART_NAME" {limit}"""

# Every child row of a page of partitions in one statement: (kind, owner id, position, a, b, c).
# Each branch is an index lookup by id, so the plan stays linear even before ANALYZE has seen
# freshly added partitions. Ids arrive as array literals (see store/raw.py).
_CHILDREN_SQL = f"""
SELECT 'kv', "PART_ID", "INTEGER_IDX", "PART_KEY_VAL", NULL, NULL FROM "PARTITION_KEY_VALS"
 WHERE "PART_ID" = ANY(CAST(:pids AS bigint[]))
UNION ALL
SELECT 'pp', "PART_ID", 0, "PARAM_KEY", "PARAM_VALUE", NULL FROM "PARTITION_PARAMS"
 WHERE "PART_ID" = ANY(CAST(:pids AS bigint[]))
UNION ALL
SELECT 'sp', "SD_ID", 0, "PARAM_KEY", "PARAM_VALUE", NULL FROM "SD_PARAMS" WHERE "SD_ID" = ANY(CAST(:sds AS bigint[]))
UNION ALL
SELECT 'ep', "SERDE_ID", 0, "PARAM_KEY", "PARAM_VALUE", NULL FROM "SERDE_PARAMS"
 WHERE "SERDE_ID" = ANY(CAST(:serdes AS bigint[]))
UNION ALL
SELECT 'bc', "SD_ID", "INTEGER_IDX", "BUCKET_COL_NAME", NULL, NULL FROM "BUCKETING_COLS"
 WHERE "SD_ID" = ANY(CAST(:sds AS bigint[]))
UNION ALL
SELECT 'sc', "SD_ID", "INTEGER_IDX", "COLUMN_NAME", CAST("ORDER" AS text), NULL FROM "SORT_COLS"
 WHERE "SD_ID" = ANY(CAST(:sds AS bigint[]))
UNION ALL{skew.CHILDREN_SQL}UNION ALL
SELECT 'cd', "CD_ID", "INTEGER_IDX", "COLUMN_NAME", "TYPE_NAME", "COMMENT" FROM "COLUMNS_V2"
 WHERE "CD_ID" = ANY(CAST(:cds AS bigint[]))
"""


def page_of(sel: Selection, tbl_id: int, limit: int | None, after: str | None) -> tuple[Selection, dict, str]:
    """A page of a selection in partition-name order: (the selection continued after `after`
    (keyset paging), its bind parameters, the LIMIT clause or "")."""
    params = dict(sel.params, tbl_id=tbl_id)
    if after is not None:
        sel = Selection(
            f'({sel.where}) AND p."PART_NAME" > :after' if sel.where else 'p."PART_NAME" > :after',
            sel.params,
            sel.keys,
        )
        params["after"] = after
    lim = ""
    if limit is not None and limit >= 0:
        lim = "LIMIT :limit"
        params["limit"] = limit
    return sel, params, lim


def select_partitions(
    conn: Connection, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> list[PartitionRow]:
    """A selection of partitions with their descriptors, in two round trips for any number of
    partitions: the partitions joined to their SDS/SERDES rows, then all their child rows.
    `after` continues a listing after that partition name (keyset paging)."""
    sel, params, lim = page_of(sel, t.tbl_id, limit, after)
    from_sd = sel.from_clause().replace(
        'FROM "PARTITIONS" p',
        'FROM "PARTITIONS" p LEFT JOIN "SDS" s ON s."SD_ID" = p."SD_ID" '
        'LEFT JOIN "SERDES" se ON se."SERDE_ID" = s."SERDE_ID"',
        1,
    )
    rows = raw.fetchall(conn, _PARTITIONS_SQL.format(from_clause_with_sd=from_sd, limit=lim), params)
    if not rows:
        return []
    pids = [r[0] for r in rows]
    sds = [r[1] for r in rows if r[1] is not None]
    serdes = list({r[12] for r in rows if r[12] is not None})
    cds = list({r[11] for r in rows if r[11] is not None})
    vals: dict[int, list] = {}
    pparams: dict[int, dict] = {}
    sdparams: dict[int, dict] = {}
    serdeparams: dict[int, dict] = {}
    buckets: dict[int, list] = {}
    sorts: dict[int, list] = {}
    skews: dict[int, list] = {}
    skew_values: dict[int, list] = {}
    skew_locs: dict[int, list] = {}
    cols: dict[int, list] = {}
    children = raw.fetchall(
        conn,
        _CHILDREN_SQL,
        {
            "pids": raw.int_array(pids),
            "sds": raw.int_array(sds),
            "serdes": raw.int_array(serdes),
            "cds": raw.int_array(cds),
        },
    )
    for kind, oid, idx, a, b, c in children:
        if kind == "kv":
            vals.setdefault(oid, []).append((idx, a))
        elif kind == "pp":
            pparams.setdefault(oid, {})[a] = b
        elif kind == "sp":
            sdparams.setdefault(oid, {})[a] = b
        elif kind == "ep":
            serdeparams.setdefault(oid, {})[a] = b
        elif kind == "bc":
            buckets.setdefault(oid, []).append((idx, a))
        elif kind == "sc":
            sorts.setdefault(oid, []).append((idx, Order(a, int(b))))
        elif kind == "sk":
            skews.setdefault(oid, []).append((idx, a))
        elif kind == "sv":
            skew_values.setdefault(oid, []).append((idx, json.loads(a)))
        elif kind == "sl":
            skew_locs.setdefault(oid, []).append((idx, (json.loads(a), b)))
        else:
            cols.setdefault(oid, []).append((idx, FieldSchema(a, b, c)))
    # Partitions that share a column descriptor share one column list (read-only by contract).
    cols_by_cd = {cd: [f for _, f in sorted(lst, key=lambda x: x[0])] for cd, lst in cols.items()}
    out = []
    tb = t.table
    for r in rows:
        part_id, sd_id = r[0], r[1]
        sd = StorageDescriptor(
            cols=cols_by_cd.get(r[11], []),
            location=r[5],
            input_format=r[6],
            output_format=r[7],
            compressed=bool(r[8]),
            num_buckets=r[9] if r[9] is not None else -1,
            serde=SerDeInfo(
                name=r[13],
                serialization_lib=r[14],
                description=r[15],
                serializer_class=r[16],
                deserializer_class=r[17],
                serde_type=r[18],
                parameters=serdeparams.get(r[12], {}),
            ),
            bucket_cols=_ordered(buckets.get(sd_id)),
            sort_cols=_ordered(sorts.get(sd_id)),
            parameters=sdparams.get(sd_id, {}),
            skewed_info=skew.skew_from_parts(
                _ordered(skews.get(sd_id)), _ordered(skew_values.get(sd_id)), _ordered(skew_locs.get(sd_id))
            ),
            stored_as_sub_directories=bool(r[10]),
        )
        out.append(
            PartitionRow(
                part_id,
                sd_id,
                r[2],
                Partition(
                    db_name=tb.db_name,
                    table_name=tb.table_name,
                    catalog_name=tb.catalog_name,
                    values=_ordered(vals.get(part_id)),
                    create_time=r[3] or 0,
                    last_access_time=r[4] or 0,
                    parameters=pparams.get(part_id, {}),
                    sd=sd,
                ),
            )
        )
    return out


def _ordered(pairs) -> list:
    if not pairs:
        return []
    return [v for _, v in sorted(pairs, key=lambda x: x[0])]


def select_names(conn: Connection, tbl_id: int, sel: Selection, limit: int | None = None) -> list[str]:
    sql = f'SELECT p."PART_NAME" {sel.from_clause()} ORDER BY p."PART_NAME"'
    params = dict(sel.params, tbl_id=tbl_id)
    if limit is not None and limit >= 0:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [r[0] for r in conn.execute(text(sql), params)]


def select_ids(conn: Connection, tbl_id: int, sel: Selection) -> list[tuple[int, int | None, str]]:
    sql = f'SELECT p."PART_ID", p."SD_ID", p."PART_NAME" {sel.from_clause()} ORDER BY p."PART_NAME"'
    return [tuple(r) for r in conn.execute(text(sql), dict(sel.params, tbl_id=tbl_id))]


def count(conn: Connection, tbl_id: int, sel: Selection) -> int:
    return conn.execute(
        text(f"SELECT count(*) {sel.from_clause()}"), dict(sel.params, tbl_id=tbl_id)
    ).scalar_one()


def existing_names(conn: Connection, tbl_id: int, names: list[str]) -> set[str]:
    rows = conn.execute(
        text('SELECT "PART_NAME" FROM "PARTITIONS" WHERE "TBL_ID" = :id AND "PART_NAME" = ANY(:n)'),
        {"id": tbl_id, "n": names},
    )
    return {r[0] for r in rows}


def insert_partitions(
    conn: Connection,
    ids: IdAllocator,
    t: TableRow,
    parts: list[Partition],
    names: list[str],
    before_params: Callable[[], None] | None = None,
) -> list[int]:
    """Insert partitions with their descriptors. `before_params` runs after every other row is
    written and before the partitions' parameters are read (the caller's file work overlaps the
    writes and may still add parameters)."""
    if not parts:
        if before_params is not None:
            before_params()
        return []
    reuse = [
        t.cd_id if t.cd_id is not None and same_columns(t.table.sd.cols, p.sd.cols) else None for p in parts
    ]
    unchecked = _skip_checks_for_add(conn, t, len(parts))
    sds = insert_sds(conn, ids, [p.sd for p in parts], reuse)
    part_ids = ids.allocate(s.SEQ_PARTITION, len(parts))
    rows, vals = [], []
    for p, sd, pid, name in zip(parts, sds, part_ids, names, strict=True):
        rows.append(
            {
                "PART_ID": pid,
                "CREATE_TIME": p.create_time,
                "LAST_ACCESS_TIME": p.last_access_time,
                "PART_NAME": name,
                "SD_ID": sd.sd_id,
                "TBL_ID": t.tbl_id,
            }
        )
        vals += [{"PART_ID": pid, "PART_KEY_VAL": v, "INTEGER_IDX": i} for i, v in enumerate(p.values)]
    # One COPY per table: the encoding triggers (catalog/store/partition_wire.py) run once per
    # statement, over all its rows.
    raw.copy_rows(conn, s.PARTITIONS, rows)
    raw.copy_rows(conn, s.PARTITION_KEY_VALS, vals)
    if before_params is not None:
        before_params()
    params = [
        {"PART_ID": pid, "PARAM_KEY": k, "PARAM_VALUE": v}
        for p, pid in zip(parts, part_ids, strict=True)
        for k, v in p.parameters.items()
    ]
    raw.copy_rows(conn, s.PARTITION_PARAMS, params)
    if unchecked:  # the encodings the skipped triggers would have written, in one statement
        conn.execute(
            text(
                "INSERT INTO catalog.partition_wire (part_id, enc) SELECT e.part_id, e.enc "
                "FROM catalog.partition_wire_encode(CAST(:ids AS bigint[])) e "
                "ON CONFLICT (part_id) DO UPDATE SET enc = EXCLUDED.enc"
            ),
            {"ids": raw.int_array(part_ids)},
        )
        conn.execute(text("SET LOCAL session_replication_role = origin"))
    return part_ids


# Tables an add of partitions writes (their triggers are checked before skipping them).
_ADD_WRITES = [
    "PARTITIONS",
    "PARTITION_KEY_VALS",
    "PARTITION_PARAMS",
    "SDS",
    "SD_PARAMS",
    "SERDES",
    "SERDE_PARAMS",
    "CDS",
    "COLUMNS_V2",
    "BUCKETING_COLS",
    "SORT_COLS",
    "SKEWED_COL_NAMES",
    "SKEWED_VALUES",
    "SKEWED_COL_VALUE_LOC_MAP",
    "SKEWED_STRING_LIST",
    "SKEWED_STRING_LIST_VALUES",
]
# Below this many partitions the row-by-row checks cost less than deciding to skip them.
UNCHECKED_FROM = 200


def _skip_checks_for_add(conn: Connection, t: TableRow, n: int) -> bool:
    """For a large add: skip PostgreSQL's per-row foreign-key checks and encoding triggers (see
    catalog/store/partition_drop.py for who may). Every row written references the table's row,
    locked FOR UPDATE by the caller, the table's column descriptor, locked here FOR KEY SHARE as
    a check would, or rows this transaction writes; the encodings are written explicitly."""
    if n < UNCHECKED_FROM or not partition_drop.may_skip_checks(conn):
        return False
    if partition_drop.foreign_triggers(conn, _ADD_WRITES):
        return False
    conn.execute(text('SELECT 1 FROM "TBLS" WHERE "TBL_ID" = :id FOR UPDATE'), {"id": t.tbl_id}).all()
    if t.cd_id is not None:
        conn.execute(text('SELECT 1 FROM "CDS" WHERE "CD_ID" = :id FOR KEY SHARE'), {"id": t.cd_id}).all()
    conn.execute(text("SET LOCAL session_replication_role = replica"))
    return True


def update_partitions(
    conn: Connection, ids: IdAllocator, t: TableRow, changes: list[tuple[PartitionRow, Partition, str]]
) -> None:
    """Rewrite partitions in bulk: name and values (rename), times, parameters and descriptor.
    A fixed number of statements for any number of partitions."""
    if not changes:
        return
    reuse = [
        t.cd_id if t.cd_id is not None and same_columns(t.table.sd.cols, new.sd.cols) else None
        for _, new, _ in changes
    ]
    sds = insert_sds(conn, ids, [new.sd for _, new, _ in changes], reuse)
    conn.execute(
        text(
            'UPDATE "PARTITIONS" p SET "PART_NAME" = v.name, "SD_ID" = v.sd, "CREATE_TIME" = v.ct, '
            '"LAST_ACCESS_TIME" = v.lat FROM unnest(CAST(:ids AS bigint[]), CAST(:names AS varchar[]), '
            "CAST(:sds AS bigint[]), CAST(:cts AS bigint[]), CAST(:lats AS bigint[])) AS v(id, name, sd, ct, lat) "
            'WHERE p."PART_ID" = v.id'
        ),
        {
            "ids": [o.part_id for o, _, _ in changes],
            "names": [n for _, _, n in changes],
            "sds": [sd.sd_id for sd in sds],
            "cts": [new.create_time for _, new, _ in changes],
            "lats": [new.last_access_time for _, new, _ in changes],
        },
    )
    revalued = [(o, new) for o, new, _ in changes if new.values != o.partition.values]
    if revalued:
        conn.execute(
            text('DELETE FROM "PARTITION_KEY_VALS" WHERE "PART_ID" = ANY(:ids)'),
            {"ids": [o.part_id for o, _ in revalued]},
        )
        raw.copy_rows(
            conn,
            s.PARTITION_KEY_VALS,
            [
                {"PART_ID": o.part_id, "PART_KEY_VAL": v, "INTEGER_IDX": i}
                for o, new in revalued
                for i, v in enumerate(new.values)
            ],
        )
    all_ids = [o.part_id for o, _, _ in changes]
    conn.execute(text('DELETE FROM "PARTITION_PARAMS" WHERE "PART_ID" = ANY(:ids)'), {"ids": all_ids})
    params = [
        {"PART_ID": o.part_id, "PARAM_KEY": k, "PARAM_VALUE": v}
        for o, new, _ in changes
        for k, v in new.parameters.items()
    ]
    raw.copy_rows(conn, s.PARTITION_PARAMS, params)
    delete_sds(conn, [o.sd_id for o, _, _ in changes if o.sd_id is not None])


def delete_partitions(conn: Connection, part_ids: list[int], sd_ids: list[int]) -> None:
    if not part_ids:
        return
    p = {"ids": list(part_ids)}
    # Their encodings first (catalog/store/partition_wire.py): the triggers then skip re-encoding
    # them while their child rows go.
    conn.execute(text("DELETE FROM catalog.partition_wire WHERE part_id = ANY(:ids)"), p)
    for tbl in (
        '"PARTITION_PARAMS"',
        '"PARTITION_KEY_VALS"',
        '"PART_PRIVS"',
        '"PART_COL_PRIVS"',
        '"PART_COL_STATS"',
    ):
        conn.execute(text(f'DELETE FROM {tbl} WHERE "PART_ID" = ANY(:ids)'), p)
    conn.execute(text('DELETE FROM "PARTITIONS" WHERE "PART_ID" = ANY(:ids)'), p)
    delete_sds(conn, [x for x in sd_ids if x is not None])


# From this many partitions a drop deletes them set-based (partition_drop): below it, the set-based
# machinery (temporary tables, the plan of references, one pass over each child table) costs more
# than PostgreSQL's per-row checks (~0.25 ms a partition), and an unpartitioned table pays nothing.
SET_BASED_FROM = 1000


def delete_all_partitions(
    conn: Connection, tbl_id: int | list[int], batch: int = 5000, set_based: bool = True
) -> int:
    """Delete every partition of one or more tables: set-based with the foreign-key triggers off
    where this session may and there are at least SET_BASED_FROM of them
    (catalog/store/partition_drop.py), else in batches row by row; memory stays bounded for huge
    tables either way."""
    ids = [tbl_id] if isinstance(tbl_id, int) else list(tbl_id)
    if not ids:
        return 0
    total = 0
    while True:
        rows = conn.execute(
            text('SELECT "PART_ID", "SD_ID" FROM "PARTITIONS" WHERE "TBL_ID" = ANY(:ids) LIMIT :n'),
            {"ids": ids, "n": max(batch, SET_BASED_FROM)},
        ).all()
        if not rows:
            return total
        if set_based and total == 0 and len(rows) >= SET_BASED_FROM:
            done = partition_drop.delete_all_partitions_set_based(conn, ids)
            if done is not None:
                delete_unused_cds(conn, done[1])
                return done[0]
        set_based = False
        delete_partitions(conn, [r[0] for r in rows], [r[1] for r in rows])
        total += len(rows)


def locations_outside(conn: Connection, tables: list[tuple[int, str]]) -> list[str]:
    """Locations of the partitions of the given tables (id, table location) that do not lie under
    their table's directory, in one statement for any number of tables."""
    if not tables:
        return []
    rows = conn.execute(
        text(
            'SELECT s."LOCATION" FROM "PARTITIONS" p JOIN "SDS" s ON s."SD_ID" = p."SD_ID" '
            'JOIN unnest(CAST(:ids AS bigint[]), CAST(:pre AS text[])) AS m(id, pre) ON m.id = p."TBL_ID" '
            'WHERE s."LOCATION" IS NOT NULL AND left(s."LOCATION", length(m.pre)) <> m.pre'
        ),
        {"ids": [i for i, _ in tables], "pre": [loc.rstrip("/") + "/" for _, loc in tables]},
    )
    return [r[0] for r in rows]


def relocate(conn: Connection, tbl_id: int, old_prefix: str, new_prefix: str) -> int:
    """Rewrite the locations of a table's partitions under `old_prefix` (rename of a managed table)."""
    return conn.execute(
        text(
            'UPDATE "SDS" SET "LOCATION" = :new || substr("LOCATION", length(:old) + 1) '
            'WHERE "SD_ID" IN (SELECT "SD_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :id) '
            'AND ("LOCATION" = :old OR left("LOCATION", length(:old) + 1) = :old || \'/\')'
        ),
        {"new": new_prefix, "old": old_prefix, "id": tbl_id},
    ).rowcount
