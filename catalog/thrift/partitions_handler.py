"""Thrift's partition calls (other than the streamed listings, see streaming.py) as thin
translators over the catalog service."""

from __future__ import annotations

import copy

from catalog import errors
from catalog.domain import names as nm
from catalog.service import CatalogService
from catalog.thrift import binding
from catalog.thrift import convert as cv
from catalog.thrift.binding import catalog_and_db
from catalog.thrift_gen.hive_metastore import ttypes as tt


class PartitionsHandler:
    s: CatalogService  # provided by MetastoreHandler, like `conf` (for the whitelist pattern)
    conf: dict[str, str]

    def add_partition(self, new_part):
        return self._add_one(new_part)

    def add_partition_with_environment_context(self, new_part, environment_context):
        return self._add_one(new_part)

    def _add_one(self, new_part):
        cat, db = catalog_and_db(new_part.dbName)
        cat = (new_part.catName or cat).lower()
        added = self.s.add_partitions(cat, db or "", new_part.tableName, [cv.partition_from(new_part, cat)])
        return cv.partition_to(added[0])

    def add_partitions(self, new_parts):
        if not new_parts:
            return 0
        first = new_parts[0]
        cat, db = catalog_and_db(first.dbName)
        cat = (first.catName or cat).lower()
        memo: dict = {}
        added = self.s.add_partitions(
            cat, db or "", first.tableName, [cv.partition_from(p, cat, memo) for p in new_parts]
        )
        return len(added)

    def add_partitions_pspec(self, new_parts):
        raise errors.UnsupportedError(
            "add_partitions_pspec is not implemented by this metastore; use add_partitions_req"
        )

    def append_partition(self, db_name, tbl_name, part_vals):
        cat, db = catalog_and_db(db_name)
        t = self.s.get_table(cat, db, tbl_name)
        p = cv.partition_from(
            tt.Partition(dbName=db, tableName=tbl_name, values=list(part_vals), sd=None), cat
        )
        p.sd = sd_without_location(t.sd)
        added = self.s.add_partitions(cat, db or "", tbl_name, [p])
        return cv.partition_to(added[0])

    def append_partition_with_environment_context(self, db_name, tbl_name, part_vals, environment_context):
        return self.append_partition(db_name, tbl_name, part_vals)

    def append_partition_by_name(self, db_name, tbl_name, part_name):
        return self.append_partition(db_name, tbl_name, self.s.partition_name_to_values(part_name))

    def append_partition_by_name_with_environment_context(
        self, db_name, tbl_name, part_name, environment_context
    ):
        return self.append_partition_by_name(db_name, tbl_name, part_name)

    def add_partitions_req(self, request):
        memo: dict = {}
        cat, db = catalog_and_db(request.dbName)
        cat = (request.catName or cat).lower()
        added = self.s.add_partitions(
            cat,
            db or "",
            request.tblName,
            [cv.partition_from(p, cat, memo) for p in (request.parts or [])],
            if_not_exists=bool(request.ifNotExists),
        )
        return tt.AddPartitionsResult(partitions=cv.partitions_to(added) if request.needResult else None)

    def get_partition(self, db_name, tbl_name, part_vals):
        cat, db = catalog_and_db(db_name)
        return cv.partition_to(self.s.get_partition(cat, db, tbl_name, list(part_vals or [])))

    def get_partition_with_auth(self, db_name, tbl_name, part_vals, user_name, group_names):
        return self.get_partition(db_name, tbl_name, part_vals)

    def get_partition_by_name(self, db_name, tbl_name, part_name):
        cat, db = catalog_and_db(db_name)
        return cv.partition_to(self.s.get_partition_by_name(cat, db, tbl_name, part_name))

    # -- whole listings: what the gRPC door answers (Thrift clients get them streamed, streaming.py)
    def get_partitions(self, db_name, tbl_name, max_parts):
        cat, db = catalog_and_db(db_name)
        return cv.partitions_to(self.s.get_partitions(cat, db, tbl_name, binding.max_parts(max_parts)))

    def get_partitions_with_auth(self, db_name, tbl_name, max_parts, user_name, group_names):
        return self.get_partitions(db_name, tbl_name, max_parts)

    def get_partitions_pspec(self, db_name, tbl_name, max_parts):
        # Hive reads the table, then its partitions (under the same limit as get_partitions).
        cat, db = catalog_and_db(db_name)
        t = self.s.get_table(cat, db, tbl_name)
        return cv.partition_specs_to(
            t, self.s.get_partitions(cat, db, tbl_name, binding.max_parts(max_parts))
        )

    def get_partitions_ps(self, db_name, tbl_name, part_vals, max_parts):
        cat, db = catalog_and_db(db_name)
        return [
            cv.partition_to(p)
            for p in self.s.get_partitions_ps(
                cat, db, tbl_name, list(part_vals or []), binding.max_parts(max_parts)
            )
        ]

    def get_partitions_ps_with_auth(self, db_name, tbl_name, part_vals, max_parts, user_name, group_names):
        return self.get_partitions_ps(db_name, tbl_name, part_vals, max_parts)

    def get_partitions_by_filter(self, db_name, tbl_name, filter, max_parts):
        cat, db = catalog_and_db(db_name)
        return [
            cv.partition_to(p)
            for p in self.s.get_partitions_by_filter(cat, db, tbl_name, filter, binding.max_parts(max_parts))
        ]

    def get_part_specs_by_filter(self, db_name, tbl_name, filter, max_parts):
        # The filter is evaluated in PostgreSQL exactly as for get_partitions_by_filter.
        cat, db = catalog_and_db(db_name)
        t = self.s.get_table(cat, db, tbl_name)
        return cv.partition_specs_to(
            t, self.s.get_partitions_by_filter(cat, db, tbl_name, filter, binding.max_parts(max_parts))
        )

    def get_partitions_by_names(self, db_name, tbl_name, names):
        cat, db = catalog_and_db(db_name)
        return cv.partitions_to(self.s.get_partitions_by_names(cat, db, tbl_name, list(names or [])))

    def get_partition_names(self, db_name, tbl_name, max_parts):
        cat, db = catalog_and_db(db_name)
        return self.s.get_partition_names(cat, db, tbl_name, binding.max_parts(max_parts))

    def get_partition_names_ps(self, db_name, tbl_name, part_vals, max_parts):
        cat, db = catalog_and_db(db_name)
        return self.s.get_partition_names_ps(
            cat, db, tbl_name, list(part_vals or []), binding.max_parts(max_parts)
        )

    def get_partitions_by_expr(self, req):
        cat, db = catalog_and_db(req.dbName)
        cat = (req.catName or cat).lower()
        parts = self.s.get_partitions_by_filter(
            cat, db, req.tblName, expr_filter(req.expr), binding.max_parts(req.maxParts)
        )
        return tt.PartitionsByExprResult(partitions=cv.partitions_to(parts), hasUnknownPartitions=False)

    def get_num_partitions_by_filter(self, db_name, tbl_name, filter):
        cat, db = catalog_and_db(db_name)
        return self.s.get_num_partitions_by_filter(cat, db, tbl_name, filter)

    def get_partition_values(self, request):
        cat, db = catalog_and_db(request.dbName)
        cat = (request.catName or cat).lower()
        t = self.s.get_table(cat, db, request.tblName)
        names = (
            self.s.get_partition_names_by_filter(
                cat, db, request.tblName, request.filter, binding.max_parts(request.maxParts)
            )
            if request.filter
            else self.s.get_partition_names(cat, db, request.tblName, binding.max_parts(request.maxParts))
        )
        wanted = [k.name.lower() for k in (request.partitionKeys or t.partition_keys)]
        key_pos = [i for i, k in enumerate(t.partition_keys) if k.name.lower() in wanted]
        rows, seen = [], set()
        for n in names:
            vals = self.s.partition_name_to_values(n)
            picked = tuple(vals[i] for i in key_pos)
            if request.applyDistinct and picked in seen:
                continue
            seen.add(picked)
            rows.append(tt.PartitionValuesRow(row=list(picked)))
        if request.ascending is False:
            rows.reverse()
        return tt.PartitionValuesResponse(partitionValues=rows)

    def drop_partition(self, db_name, tbl_name, part_vals, deleteData):
        cat, db = catalog_and_db(db_name)
        self.s.drop_partition(cat, db, tbl_name, list(part_vals or []), bool(deleteData))
        return True

    def drop_partition_with_environment_context(
        self, db_name, tbl_name, part_vals, deleteData, environment_context
    ):
        return self.drop_partition(db_name, tbl_name, part_vals, deleteData)

    def drop_partition_by_name(self, db_name, tbl_name, part_name, deleteData):
        cat, db = catalog_and_db(db_name)
        self.s.drop_partition_by_name(cat, db, tbl_name, part_name, bool(deleteData))
        return True

    def drop_partition_by_name_with_environment_context(
        self, db_name, tbl_name, part_name, deleteData, environment_context
    ):
        return self.drop_partition_by_name(db_name, tbl_name, part_name, deleteData)

    def drop_partitions_req(self, req):
        cat, db = catalog_and_db(req.dbName)
        cat = (req.catName or cat).lower()
        spec = req.parts
        if spec is None or (spec.names is None and spec.exprs is None):
            raise errors.InvalidInputError("drop_partitions_req needs partition names or expressions")
        delete_data = True if req.deleteData is None else bool(req.deleteData)
        if_exists = True if req.ifExists is None else bool(req.ifExists)
        if spec.exprs is not None:
            dropped = []
            for e in spec.exprs:
                dropped += self.s.drop_partitions_by_filter(
                    cat,
                    db or "",
                    req.tblName,
                    expr_filter(e.expr),
                    delete_data,
                    need_result=bool(req.needResult),
                )
        else:
            dropped = self.s.drop_partitions_by_names(
                cat,
                db or "",
                req.tblName,
                list(spec.names),
                delete_data,
                if_exists=if_exists,
                need_result=bool(req.needResult),
            )
        return tt.DropPartitionsResult(partitions=cv.partitions_to(dropped) if req.needResult else None)

    def alter_partition(self, db_name, tbl_name, new_part):
        cat, db = catalog_and_db(db_name)
        self.s.alter_partitions(cat, db, tbl_name, [cv.partition_from(new_part, cat)])

    def alter_partition_with_environment_context(self, db_name, tbl_name, new_part, environment_context):
        self.alter_partition(db_name, tbl_name, new_part)

    def alter_partitions(self, db_name, tbl_name, new_parts):
        cat, db = catalog_and_db(db_name)
        self.s.alter_partitions(cat, db, tbl_name, [cv.partition_from(p, cat) for p in (new_parts or [])])

    def alter_partitions_with_environment_context(self, db_name, tbl_name, new_parts, environment_context):
        self.alter_partitions(db_name, tbl_name, new_parts)

    def rename_partition(self, db_name, tbl_name, part_vals, new_part):
        cat, db = catalog_and_db(db_name)
        self.s.rename_partition(cat, db, tbl_name, list(part_vals or []), cv.partition_from(new_part, cat))

    def exchange_partition(self, partitionSpecs, source_db, source_table_name, dest_db, dest_table_name):
        cat, sdb = catalog_and_db(source_db)
        _, ddb = catalog_and_db(dest_db)
        moved = self.s.exchange_partitions(
            cat, dict(partitionSpecs or {}), sdb or "", source_table_name, ddb or "", dest_table_name
        )
        return cv.partition_to(moved[0])

    def exchange_partitions(self, partitionSpecs, source_db, source_table_name, dest_db, dest_table_name):
        cat, sdb = catalog_and_db(source_db)
        _, ddb = catalog_and_db(dest_db)
        return [
            cv.partition_to(p)
            for p in self.s.exchange_partitions(
                cat, dict(partitionSpecs or {}), sdb or "", source_table_name, ddb or "", dest_table_name
            )
        ]

    def partition_name_to_vals(self, part_name):
        return self.s.partition_name_to_values(part_name)

    def partition_name_to_spec(self, part_name):
        return self.s.partition_name_to_spec(part_name)

    def partition_name_has_valid_characters(self, part_vals, throw_exception):
        """Hive's check of partition values against `metastore.partition.name.whitelist.pattern`
        (empty, the default: every value is valid)."""
        pattern = self.conf.get("metastore.partition.name.whitelist.pattern") or self.conf.get(
            "hive.metastore.partition.name.whitelist.pattern", ""
        )
        bad = nm.first_value_not_matching(list(part_vals or []), pattern)
        if bad is not None and throw_exception:
            raise errors.InvalidInputError(
                f"Partition value '{bad}' contains a character not matched by whitelist pattern "
                f"'{pattern}'.  (configure with metastore.partition.name.whitelist.pattern)"
            )
        return bad is None


def expr_filter(expr: bytes | None) -> str:
    """Partition expressions as Hive's MsckPartitionExpressionProxy reads them: the UTF-8 text of a
    partition filter. Kryo-serialised Java expression trees (Hive's default proxy) cannot be read."""
    try:
        text = (expr or b"").decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text.strip() or not text.isprintable():
        raise errors.UnsupportedError(
            "partition expressions must be the UTF-8 text of a partition filter (as with Hive's "
            "MsckPartitionExpressionProxy); Kryo-serialised expressions are not supported: use "
            "get_partitions_by_filter"
        )
    return text


def sd_without_location(sd):
    c = copy.deepcopy(sd)
    c.location = None
    return c
