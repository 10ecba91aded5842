"""Table constraints in Hive's KEY_CONSTRAINTS over real Thrift: create_table_with_constraints (one
transaction), add_*, the readers, drop_constraint, and Hive's errors."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database, table

FLAGS = {"enable_cstr": False, "validate_cstr": False, "rely_cstr": True}


@pytest.fixture
def shop(client):
    client.create_database(database("shop"))
    customers = table("shop", "customers", cols=[("id", "bigint"), ("email", "string")])
    client.create_table_with_constraints(
        customers,
        [tt.SQLPrimaryKey("shop", "customers", "id", 1, "pk_customers", catName="hive", **FLAGS)],
        [],
        [tt.SQLUniqueConstraint("hive", "shop", "customers", "email", 1, "uk_email", **FLAGS)],
        [tt.SQLNotNullConstraint("hive", "shop", "customers", "email", "nn_email", **FLAGS)],
        [],
        [],
    )
    orders = table(
        "shop",
        "orders",
        cols=[("id", "bigint"), ("customer", "bigint"), ("qty", "int")],
        part_keys=[("dt", "string")],
    )
    client.create_table(orders)
    return client


def test_create_table_with_constraints_and_readers(shop):
    pks = shop.get_primary_keys(tt.PrimaryKeysRequest("shop", "customers", "hive")).primaryKeys
    assert [(k.column_name, k.key_seq, k.pk_name, k.rely_cstr, k.enable_cstr) for k in pks] == [
        ("id", 1, "pk_customers", True, False)
    ]
    uks = shop.get_unique_constraints(
        tt.UniqueConstraintsRequest("hive", "shop", "customers")
    ).uniqueConstraints
    assert [(u.column_name, u.uk_name) for u in uks] == [("email", "uk_email")]
    nns = shop.get_not_null_constraints(
        tt.NotNullConstraintsRequest("hive", "shop", "customers")
    ).notNullConstraints
    assert [(n.column_name, n.nn_name) for n in nns] == [("email", "nn_email")]
    assert shop.get_primary_keys(tt.PrimaryKeysRequest("shop", "orders", "hive")).primaryKeys == []
    assert shop.get_primary_keys(tt.PrimaryKeysRequest("shop", "nope", "hive")).primaryKeys == []


def test_add_read_and_drop(shop):
    shop.add_primary_key(
        tt.AddPrimaryKeyRequest(
            [
                tt.SQLPrimaryKey("shop", "orders", "id", 1, "pk_orders", **FLAGS),
                tt.SQLPrimaryKey("shop", "orders", "dt", 2, "pk_orders", **FLAGS),  # a partition key
            ]
        )
    )
    shop.add_foreign_key(
        tt.AddForeignKeyRequest(
            [
                tt.SQLForeignKey(
                    "shop",
                    "customers",
                    "id",
                    "shop",
                    "orders",
                    "customer",
                    1,
                    0,
                    0,
                    "fk_customer",
                    None,
                    **FLAGS,
                )
            ]
        )
    )
    shop.add_default_constraint(
        tt.AddDefaultConstraintRequest(
            [tt.SQLDefaultConstraint("hive", "shop", "orders", "qty", "1", "df_qty", **FLAGS)]
        )
    )
    shop.add_check_constraint(
        tt.AddCheckConstraintRequest(
            [tt.SQLCheckConstraint("hive", "shop", "orders", "qty", "qty > 0", "ck_qty", **FLAGS)]
        )
    )

    pks = shop.get_primary_keys(tt.PrimaryKeysRequest("shop", "orders")).primaryKeys
    assert [(k.column_name, k.key_seq) for k in pks] == [("id", 1), ("dt", 2)]
    fks = shop.get_foreign_keys(tt.ForeignKeysRequest("shop", "customers", "shop", "orders")).foreignKeys
    assert [
        (f.pktable_name, f.pkcolumn_name, f.fktable_name, f.fkcolumn_name, f.fk_name, f.pk_name) for f in fks
    ] == [("customers", "id", "orders", "customer", "fk_customer", "pk_customers")]
    assert len(shop.get_foreign_keys(tt.ForeignKeysRequest(None, None, "shop", "orders")).foreignKeys) == 1
    dfs = shop.get_default_constraints(
        tt.DefaultConstraintsRequest("hive", "shop", "orders")
    ).defaultConstraints
    assert [(d.column_name, d.default_value) for d in dfs] == [("qty", "1")]
    cks = shop.get_check_constraints(tt.CheckConstraintsRequest("hive", "shop", "orders")).checkConstraints
    assert [(c.column_name, c.check_expression) for c in cks] == [("qty", "qty > 0")]

    shop.drop_constraint(tt.DropConstraintRequest("shop", "orders", "ck_qty"))
    assert (
        shop.get_check_constraints(tt.CheckConstraintsRequest("hive", "shop", "orders")).checkConstraints
        == []
    )
    with pytest.raises(tt.NoSuchObjectException) as e:
        shop.drop_constraint(tt.DropConstraintRequest("shop", "orders", "ck_qty"))
    assert e.value.message == "The constraint: ck_qty does not exist for the associated table: shop.orders"

    # dropping the referenced table drops the foreign keys that point at it
    shop.drop_table("shop", "customers", False)
    assert shop.get_foreign_keys(tt.ForeignKeysRequest(None, None, "shop", "orders")).foreignKeys == []


def test_errors_write_nothing(shop):
    # add_* declare only NoSuchObjectException and MetaException: Hive's InvalidObjectException
    # arrives as a MetaException with the same message
    with pytest.raises(tt.MetaException, match="Parent column not found: nope"):
        shop.add_not_null_constraint(
            tt.AddNotNullConstraintRequest(
                [tt.SQLNotNullConstraint("hive", "shop", "orders", "nope", "nn_x", **FLAGS)]
            )
        )
    with pytest.raises(tt.MetaException, match="Constraint name already exists: uk_email"):
        shop.add_unique_constraint(
            tt.AddUniqueConstraintRequest(
                [tt.SQLUniqueConstraint("hive", "shop", "orders", "id", 1, "UK_EMAIL", **FLAGS)]
            )
        )
    with pytest.raises(tt.MetaException, match="Primary key already exists"):
        shop.add_primary_key(
            tt.AddPrimaryKeyRequest([tt.SQLPrimaryKey("shop", "customers", "email", 1, "pk2", **FLAGS)])
        )
    # a failing constraint leaves no table behind
    bad = table("shop", "bad", cols=[("id", "bigint")])
    with pytest.raises(tt.InvalidObjectException):
        shop.create_table_with_constraints(
            bad, [tt.SQLPrimaryKey("shop", "bad", "missing", 1, "pk_bad", **FLAGS)], [], [], [], [], []
        )
    with pytest.raises(tt.NoSuchObjectException):
        shop.get_table("shop", "bad")
    assert (
        shop.get_not_null_constraints(
            tt.NotNullConstraintsRequest("hive", "shop", "orders")
        ).notNullConstraints
        == []
    )
