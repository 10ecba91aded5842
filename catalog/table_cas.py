"""Compare-and-swap table updates (HIVE-26882): an alter that carries `expected_parameter_key` /
`expected_parameter_value` in its EnvironmentContext applies only if the table still holds that
value. Iceberg Java and Trino commit this way when Hive locks are off, and recognise a lost race by
the prefix "The table has been modified. The parameter value for key '<key>' is" of the error."""

from __future__ import annotations

from sqlalchemy import Connection

from catalog.errors import ConcurrentModificationError, InvalidInputError
from catalog.store import table_params

EXPECTED_KEY = "expected_parameter_key"
EXPECTED_VALUE = "expected_parameter_value"


def expectation(env: dict[str, str]) -> tuple[str, str] | None:
    key, value = env.get(EXPECTED_KEY), env.get(EXPECTED_VALUE)
    return (key, value) if key is not None and value is not None else None


def check_and_swap(
    conn: Connection, tbl_id: int, expected: tuple[str, str], new_params: dict[str, str]
) -> None:
    """Run inside the alter's transaction, before the table is rewritten (Hive's messages, word for
    word, including its "expected was value")."""
    key, value = expected
    new_value = new_params.get(key)
    if new_value is None:
        raise InvalidInputError(f"New value for expected key {key} is not set")
    current = table_params.param_value(conn, tbl_id, key)
    if current != value:
        raise ConcurrentModificationError(
            f"The table has been modified. The parameter value for key '{key}' is "
            f"'{'null' if current is None else current}'. The expected was value was '{value}'"
        )
    if table_params.swap_param(conn, tbl_id, key, value, new_value) != 1:
        raise ConcurrentModificationError(
            f"The table has been modified. The parameter value for key '{key}' is different"
        )
