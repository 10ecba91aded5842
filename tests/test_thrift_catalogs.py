"""Hive 3 catalogs over real Thrift: create_catalog / get_catalog(s) / alter_catalog / drop_catalog,
and databases and tables living in a catalog other than `hive` (`@<catalog>#<db>` names)."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, table


def _create(client, name: str, location: str, description: str | None = None) -> None:
    client.create_catalog(
        tt.CreateCatalogRequest(tt.Catalog(name=name, description=description, locationUri=location))
    )


def test_create_catalog_makes_its_directory_and_a_default_database(client, server, tmp_path):
    root = tmp_path / "lake"
    _create(client, "Lake", f"file:{root}", "the lake")
    assert root.is_dir()
    assert client.get_catalogs().names == ["hive", "lake"]
    cat = client.get_catalog(tt.GetCatalogRequest("lake")).catalog
    assert (cat.name, cat.description, cat.locationUri) == ("lake", "the lake", f"file:{root}")
    d = client.get_database("@lake#default")
    assert (d.catalogName, d.locationUri, d.description) == (
        "lake",
        f"file:{root}",
        "Default database for catalog lake",
    )
    # the hive catalog's default database is another one
    assert client.get_database("default").catalogName == "hive"


def test_databases_and_tables_in_a_catalog_are_separate_from_hive(client, server, tmp_path):
    _create(client, "lake", f"file:{tmp_path / 'lake'}")
    db = database("sales")
    db.catalogName = "lake"
    client.create_database(db)
    assert client.get_database("@lake#sales").locationUri == f"file:{tmp_path / 'lake' / 'sales.db'}"
    with pytest.raises(tt.NoSuchObjectException):
        client.get_database("sales")  # not in hive
    t = table("sales", "orders")
    t.catName = "lake"
    client.create_table(t)
    assert client.get_all_tables("@lake#sales") == ["orders"]
    got = client.get_table("@lake#sales", "orders")
    assert (got.catName, got.dbName) == ("lake", "sales")
    assert client.get_databases("@lake#*") == ["default", "sales"]
    assert "sales" not in client.get_all_databases()


def test_create_catalog_errors(client, tmp_path):
    _create(client, "lake", f"file:{tmp_path / 'lake'}")
    with pytest.raises(tt.AlreadyExistsException):
        _create(client, "LAKE", f"file:{tmp_path / 'other'}")
    with pytest.raises(tt.InvalidObjectException, match="not valid"):
        _create(client, "no-dashes", f"file:{tmp_path / 'x'}")
    with pytest.raises(tt.InvalidObjectException, match="path"):
        _create(client, "nolocation", None)
    assert client.get_catalogs().names == ["hive", "lake"]
    assert not (tmp_path / "x").exists()


def test_alter_catalog(client, tmp_path):
    _create(client, "lake", f"file:{tmp_path / 'lake'}", "old")
    client.alter_catalog(
        tt.AlterCatalogRequest(
            "lake", tt.Catalog(name="lake", description="new", locationUri=f"file:{tmp_path / 'moved'}")
        )
    )
    cat = client.get_catalog(tt.GetCatalogRequest("lake")).catalog
    assert (cat.description, cat.locationUri) == ("new", f"file:{tmp_path / 'moved'}")
    with pytest.raises(tt.NoSuchObjectException):
        client.alter_catalog(tt.AlterCatalogRequest("nope", tt.Catalog(name="nope", locationUri="file:/x")))


def test_drop_catalog_follows_hive(client, tmp_path):
    with pytest.raises(tt.MetaException, match="Can not drop hive catalog"):
        client.drop_catalog(tt.DropCatalogRequest("hive"))
    with pytest.raises(tt.NoSuchObjectException):
        client.drop_catalog(tt.DropCatalogRequest("nope"))
    _create(client, "lake", f"file:{tmp_path / 'lake'}")
    db = database("sales")
    db.catalogName = "lake"
    client.create_database(db)
    with pytest.raises(tt.InvalidOperationException, match="non-default databases"):
        client.drop_catalog(tt.DropCatalogRequest("lake"))
    client.drop_database("@lake#sales", True, True)
    t = table("default", "t")
    t.catName = "lake"
    client.create_table(t)
    with pytest.raises(tt.InvalidOperationException, match="still objects in the default database"):
        client.drop_catalog(tt.DropCatalogRequest("lake"))
    assert client.get_catalogs().names == ["hive", "lake"]  # nothing was dropped
    client.drop_table("@lake#default", "t", True)
    client.drop_catalog(tt.DropCatalogRequest("lake"))
    assert client.get_catalogs().names == ["hive"]
    assert not (tmp_path / "lake").exists()
    with pytest.raises(tt.NoSuchObjectException):
        client.get_database("@lake#default")


def test_drop_catalog_keeps_a_directory_that_still_holds_files(client, tmp_path):
    root = tmp_path / "lake"
    _create(client, "lake", f"file:{root}")
    (root / "stray.parquet").write_bytes(b"x")
    client.drop_catalog(tt.DropCatalogRequest("lake"))
    assert client.get_catalogs().names == ["hive"]
    assert (root / "stray.parquet").exists()
