"""Paged reads for the REST API: keyset pages on names, a page of a
table's partitions (optionally filtered with the partition-filter language of Thrift's
get_partitions_by_filter), search, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import catalog.service.selections as select
from catalog.domain import names as nm
from catalog.errors import NotFoundError
from catalog.service.core import ServiceCore
from catalog.store import audit as audit_store
from catalog.store import databases as dbs
from catalog.store import pages
from catalog.store import partitions as parts
from catalog.store import search as search_store


@dataclass
class Page:
    """One page of a listing: `next` is the key to continue after (None: this was the last page).
    Authorization may filter `items` after the fact, so a page can be short and still not last."""

    items: list
    next: Any = None

    def filtered(self, items: list) -> Page:
        return replace(self, items=items)


def _page(items: list, limit: int, key) -> Page:
    return Page(items, key(items[-1]) if items and len(items) >= limit else None)


class BrowseOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def list_catalogs_page(self, after: str | None, limit: int) -> Page:
        with self.core.db.read() as conn:
            return _page(pages.catalogs(conn, after, limit), limit, lambda c: c.name)

    def list_databases_page(self, catalog: str, after: str | None, limit: int) -> Page:
        with self.core.db.read() as conn:
            if dbs.get_catalog(conn, catalog) is None:
                raise NotFoundError(f"catalog '{catalog}' does not exist")
            return _page(pages.databases(conn, catalog, after, limit), limit, lambda d: d.name)

    def list_tables_page(self, catalog: str, db: str, after: str | None, limit: int) -> Page:
        """A page of pages.TableSummary."""
        with self.core.db.read() as conn:
            found = dbs.get_database(conn, catalog, nm.normalize(db or ""))
            if found is None:
                raise NotFoundError(f"database {catalog}.{db} does not exist")
            return _page(pages.tables(conn, found[0], after, limit), limit, lambda t: t.name)

    def list_functions_page(self, catalog: str, db: str, after: str | None, limit: int) -> Page:
        db = nm.normalize(db or "")
        with self.core.db.read() as conn:
            if dbs.get_database(conn, catalog, db) is None:
                raise NotFoundError(f"database {catalog}.{db} does not exist")
            return _page(pages.functions(conn, catalog, db, after, limit), limit, lambda f: f.function_name)

    def get_partitions_page(
        self, catalog: str, db: str, name: str, filter_text: str | None, after: str | None, limit: int
    ) -> Page:
        """Up to `limit` partitions named after `after`, in name order, as (name, partition)."""
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            sel = (
                select.by_filter(filter_text)(row)
                if filter_text and filter_text.strip()
                else parts.Selection()
            )
            found = [
                (r.name, r.partition) for r in parts.select_partitions(conn, row, sel, limit, after=after)
            ]
        return _page(found, limit, lambda x: x[0])

    def search(
        self,
        term: str,
        *,
        kinds: tuple[str, ...] = search_store.KINDS,
        catalog: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page:
        """A page of search_store.SearchHit, best first; `next` is the offset of the next page."""
        with self.core.db.read() as conn:
            hits = search_store.search(conn, term, kinds=kinds, catalog=catalog, limit=limit, offset=offset)
        return Page(hits, offset + limit if len(hits) >= limit else None)

    def audit_records(self, query: audit_store.AuditQuery, before_id: int | None, limit: int) -> Page:
        """A page of audit records, newest first; `next` is the id to continue below."""
        with self.core.db.read() as conn:
            return _page(audit_store.query(conn, query, before_id, limit), limit, lambda r: r.id)


__all__ = ["BrowseOps", "Page"]
