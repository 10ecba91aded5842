"""Thrift's column-statistics calls as thin translators over the catalog service."""

from __future__ import annotations

from catalog import errors
from catalog.domain.model import DEFAULT_CATALOG
from catalog.service import CatalogService
from catalog.thrift import convert as cv
from catalog.thrift.binding import catalog_and_db
from catalog.thrift_gen.hive_metastore import ttypes as tt


class StatisticsHandler:
    s: CatalogService  # provided by MetastoreHandler

    def _stats_in(self, stats_obj, want_partition: bool):
        cat, db = catalog_and_db(stats_obj.statsDesc.dbName if stats_obj.statsDesc else None)
        try:
            s = cv.table_column_stats_from(stats_obj, None if cat == DEFAULT_CATALOG else cat)
        except (ValueError, AttributeError, TypeError) as e:
            raise errors.InvalidInputError(f"invalid column statistics: {e}") from e
        s.db_name = db
        if want_partition and s.partition_name is None:
            raise errors.InvalidInputError(
                "partition statistics need statsDesc.partName and isTblLevel=false"
            )
        if not want_partition:
            s.partition_name = None
        return s

    def update_table_column_statistics(self, stats_obj):
        self.s.update_column_stats(self._stats_in(stats_obj, False))
        return True

    def update_partition_column_statistics(self, stats_obj):
        self.s.update_column_stats(self._stats_in(stats_obj, True))
        return True

    def get_table_column_statistics(self, db_name, tbl_name, col_name):
        cat, db = catalog_and_db(db_name)
        res = self.s.get_table_column_stats(cat, db, tbl_name, [col_name])
        if not res.stats:
            raise errors.NotFoundError(f"no statistics for column {col_name} of table {db}.{tbl_name}")
        return cv.table_column_stats_to(res)

    def get_partition_column_statistics(self, db_name, tbl_name, part_name, col_name):
        cat, db = catalog_and_db(db_name)
        res = self.s.get_partition_column_stats(cat, db, tbl_name, [part_name], [col_name])
        if not res:
            raise errors.NotFoundError(
                f"no statistics for column {col_name} of partition {part_name} of table {db}.{tbl_name}"
            )
        return cv.table_column_stats_to(next(iter(res.values())))

    def get_table_statistics_req(self, request):
        cat, db = catalog_and_db(request.dbName)
        cat = (request.catName or cat).lower()
        res = self.s.get_table_column_stats(cat, db, request.tblName, list(request.colNames or []))
        return tt.TableStatsResult(tableStats=[cv.column_stats_to(x) for x in res.stats])

    def get_partitions_statistics_req(self, request):
        cat, db = catalog_and_db(request.dbName)
        cat = (request.catName or cat).lower()
        res = self.s.get_partition_column_stats(
            cat, db, request.tblName, list(request.partNames or []), list(request.colNames or [])
        )
        return tt.PartitionsStatsResult(
            partStats={name: [cv.column_stats_to(x) for x in s.stats] for name, s in res.items()}
        )

    def get_aggr_stats_for(self, request):
        cat, db = catalog_and_db(request.dbName)
        cat = (request.catName or cat).lower()
        stats, found = self.s.aggregate_partition_stats(
            cat, db, request.tblName, list(request.partNames or []), list(request.colNames or [])
        )
        return tt.AggrStats(colStats=[cv.column_stats_to(x) for x in stats], partsFound=found)

    def set_aggr_stats_for(self, request):
        items = [
            self._stats_in(c, not (c.statsDesc and c.statsDesc.isTblLevel)) for c in (request.colStats or [])
        ]
        self.s.update_column_stats(items, merge=bool(request.needMerge))
        return True

    def delete_partition_column_statistics(self, db_name, tbl_name, part_name, col_name):
        cat, db = catalog_and_db(db_name)
        return self.s.delete_column_stats(cat, db, tbl_name, part_name, col_name)

    def delete_table_column_statistics(self, db_name, tbl_name, col_name):
        cat, db = catalog_and_db(db_name)
        return self.s.delete_column_stats(cat, db, tbl_name, None, col_name)
