"""The table filter of `get_table_names_by_filter` (Hive's hive_metastore_constants): predicates on
`hive_filter_field_params__<key>` (a table parameter), `hive_filter_field_owner__` and
`hive_filter_field_last_access__`, combined with AND / OR / NOT and parentheses, in the grammar of
the partition filter (catalog.domain.partition_filter), whose parser this reuses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.domain import partition_filter as pf
from catalog.errors import InvalidInputError

PARAMS = "hive_filter_field_params__"
OWNER = "hive_filter_field_owner__"
LAST_ACCESS = "hive_filter_field_last_access__"

_FIELD = re.compile(r"(?<![\w.$`])(" + PARAMS + r"[\w.$]+|" + OWNER + "|" + LAST_ACCESS + r")", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    kind: str  # 'param' | 'owner' | 'last_access'
    param: str | None = None


@dataclass(frozen=True)
class TableFilter:
    tree: object  # partition_filter nodes; their `key` indexes `fields`
    fields: tuple[Field, ...]


def parse(text: str) -> TableFilter | None:
    if text is None or not text.strip():
        return None
    names: list[str] = []
    for m in _FIELD.finditer(text):
        if m.group(1).lower() not in [n.lower() for n in names]:
            names.append(m.group(1))
    fields = []
    for n in names:
        low = n.lower()
        if low.startswith(PARAMS):
            fields.append(Field("param", n[len(PARAMS) :]))
        elif low == OWNER:
            fields.append(Field("owner"))
        else:
            fields.append(Field("last_access"))
    try:
        tree = pf.parse_filter(text, names)
    except InvalidInputError as e:
        raise InvalidInputError(e.message.replace("partition filter", "table filter")) from None
    return TableFilter(tree, tuple(fields))
