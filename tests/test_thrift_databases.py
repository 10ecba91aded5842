"""Databases over real Thrift: Hive's semantics and exception types."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, table


def test_default_database_exists_with_warehouse_location(client, server):
    db = client.get_database("default")
    assert db.name == "default"
    assert db.locationUri == f"file:{server.warehouse}"
    assert db.catalogName == "hive"


def test_create_get_list_alter_drop(client, server):
    client.create_database(database("Sales", params={"owner_team": "x"}, description="sales data"))
    db = client.get_database("sales")  # names are case-insensitive, stored lower-case
    assert (db.name, db.description, db.parameters) == ("sales", "sales data", {"owner_team": "x"})
    assert db.locationUri == f"file:{server.warehouse}/sales.db"
    assert (server.warehouse / "sales.db").is_dir()
    assert client.get_databases("*") == ["default", "sales"]
    assert client.get_databases("sal*") == ["sales"]
    assert client.get_databases("x*|def*") == ["default"]
    assert client.get_all_databases() == ["default", "sales"]

    db.parameters["k1"] = "v1"
    client.alter_database("sales", db)
    assert client.get_database("SALES").parameters == {"owner_team": "x", "k1": "v1"}

    client.drop_database("sales", True, False)
    with pytest.raises(tt.NoSuchObjectException):
        client.get_database("sales")
    assert not (server.warehouse / "sales.db").exists()


def test_custom_location_is_created(client, tmp_path):
    loc = tmp_path / "custom" / "d1_custom.db"
    client.create_database(database("d1", location=str(loc)))
    assert client.get_database("d1").locationUri == f"file:{loc}"
    assert loc.is_dir()


def test_get_missing_database_is_no_such_object(client):
    with pytest.raises(tt.NoSuchObjectException):
        client.get_database("nope")


def test_create_existing_database_is_already_exists(client):
    client.create_database(database("d1"))
    with pytest.raises(tt.AlreadyExistsException):
        client.create_database(database("D1"))


@pytest.mark.parametrize("name", ["", "bad-name", "has space", "x" * 129, "semi;colon"])
def test_invalid_database_names_are_rejected_and_nothing_written(client, name):
    with pytest.raises(tt.InvalidObjectException):
        client.create_database(database(name))
    assert client.get_all_databases() == ["default"]


def test_drop_non_empty_database_needs_cascade(client, server):
    client.create_database(database("d1"))
    client.create_table(table("d1", "t1"))
    with pytest.raises(tt.InvalidOperationException, match="not empty"):
        client.drop_database("d1", True, False)
    assert client.get_table("d1", "t1").tableName == "t1"
    client.drop_database("d1", True, True)
    assert client.get_all_databases() == ["default"]
    assert not (server.warehouse / "d1.db").exists()


def test_drop_missing_database_is_no_such_object(client):
    with pytest.raises(tt.NoSuchObjectException):
        client.drop_database("nope", True, False)


def test_default_database_cannot_be_dropped(client):
    with pytest.raises(tt.InvalidOperationException):
        client.drop_database("default", True, True)


def test_hive3_catalog_prefixed_names(client):
    client.create_database(database("d1"))
    assert client.get_database("@hive#d1").name == "d1"
    assert client.get_databases("@hive#d1*") == ["d1"]
    assert client.get_databases("@hive#d*") == ["d1", "default"]
    assert client.get_catalogs().names == ["hive"]
