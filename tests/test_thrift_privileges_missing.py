"""list_privileges on an object that does not exist answers no grants, as Apache Hive's metastore does
(its listAll*Grants queries do not check the object; seen against the Java metastore 2.3.10)."""

from __future__ import annotations

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f

USER = tt.PrincipalType.USER


def test_grants_of_missing_objects_are_none(client):
    client.create_database(f.database("d"))
    for obj in (
        tt.HiveObjectRef(objectType=tt.HiveObjectType.DATABASE, dbName="nope"),
        tt.HiveObjectRef(objectType=tt.HiveObjectType.TABLE, dbName="d", objectName="nope"),
        tt.HiveObjectRef(objectType=tt.HiveObjectType.COLUMN, dbName="d", objectName="nope", columnName="c"),
    ):
        assert client.list_privileges("alice", USER, obj) == []
