"""Which partitions of a table a read or a write means: the whole table, a partial specification,
a filter in Hive's partition-filter language, or a list of names. A door that reads partitions
its own way (catalog.thrift.streaming) builds its selection with these too."""

from __future__ import annotations

from collections.abc import Callable

from catalog.errors import InvalidInputError
from catalog.store import partitions as parts
from catalog.store.partition_filter_sql import compile_filter
from catalog.store.tables import TableRow

# A selection is chosen once the table is known (a filter needs its partition keys' types).
SelectionOf = Callable[[TableRow], parts.Selection]


def everything(row: TableRow) -> parts.Selection:
    return parts.Selection()


def partial(values: list[str]) -> SelectionOf:
    """Hive's partial specification: one value per leading key, an empty value matches any."""
    values = list(values or [])

    def of(row: TableRow) -> parts.Selection:
        keys = row.table.partition_keys
        if len(values) > len(keys):
            raise InvalidInputError(
                f"partial partition specification {values} has more values than the table has "
                f"partition keys ({', '.join(k.name for k in keys)})"
            )
        return parts.by_partial_values(values)

    return of


def by_filter(filter_text: str) -> SelectionOf:
    def of(row: TableRow) -> parts.Selection:
        keys = row.table.partition_keys
        return compile_filter(filter_text, [k.name for k in keys], [k.type for k in keys])

    return of


def by_names(names: list[str]) -> SelectionOf:
    names = list(names or [])
    return lambda row: parts.by_names(names)


def limit_of(max_parts: int | None) -> int | None:
    """Hive's max_parts: negative means no limit."""
    return None if max_parts is None or max_parts < 0 else max_parts
