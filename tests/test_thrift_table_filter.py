"""get_table_names_by_filter (Trino's view listing and parameter lookups, Iceberg's listTables on
main) and get_metastore_db_uuid, over real Thrift."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, table


@pytest.fixture
def tables(client):
    client.create_database(database("f"))
    specs = {
        "ice1": {"table_type": "ICEBERG", "EXTERNAL": "TRUE"},
        "ice2": {"table_type": "iceberg"},
        "view1": {"presto_view": "true"},
        "plain": {"comment": "x"},
    }
    for name, params in specs.items():
        t = table("f", name, params=params)
        t.owner = "bob" if name.startswith("ice") else "ann"
        client.create_table(t)
    return client


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ('hive_filter_field_params__table_type like "ICEBERG"', ["ice1"]),  # Iceberg Java (main)
        ('hive_filter_field_params__presto_view = "true"', ["view1"]),  # Trino's fallback for views
        ('hive_filter_field_params__presto_view LIKE "true"', ["view1"]),
        ('hive_filter_field_params__table_type <> "ICEBERG"', ["ice2"]),  # no parameter: no match, as SQL
        ('hive_filter_field_owner__ = "bob"', ["ice1", "ice2"]),
        ('hive_filter_field_owner__ = "ann" and hive_filter_field_params__comment = "x"', ["plain"]),
        (
            'hive_filter_field_owner__ = "ann" or hive_filter_field_params__table_type = "ICEBERG"',
            ["ice1", "plain", "view1"],
        ),
        ("hive_filter_field_last_access__ = 0", ["ice1", "ice2", "plain", "view1"]),
        ("hive_filter_field_last_access__ > 0", []),
        ("", ["ice1", "ice2", "plain", "view1"]),
    ],
)
def test_filters(tables, flt, expected):
    assert tables.get_table_names_by_filter("f", flt, -1) == expected


def test_limit_catalog_prefix_and_unknown_database(tables):
    assert tables.get_table_names_by_filter("@hive#f", 'hive_filter_field_owner__ = "bob"', 1) == ["ice1"]
    assert tables.get_table_names_by_filter("nope", 'hive_filter_field_owner__ = "bob"', -1) == []


def test_bad_filters(tables):
    with pytest.raises(tt.MetaException) as e:
        tables.get_table_names_by_filter("f", "hive_filter_field_owner__ = ", -1)
    assert "Error parsing table filter" in e.value.message
    with pytest.raises(tt.MetaException):
        tables.get_table_names_by_filter("f", "hive_filter_field_last_access__ like 'x'", -1)
    with pytest.raises(tt.UnknownDBException):
        tables.get_table_names_by_filter("", 'hive_filter_field_owner__ = "bob"', -1)


def test_metastore_db_uuid_is_stable_and_shared(server, client):
    import uuid

    from tests.conftest import thrift_client

    first = client.get_metastore_db_uuid()
    assert str(uuid.UUID(first)) == first
    with thrift_client(server.port) as other:
        assert other.get_metastore_db_uuid() == first
