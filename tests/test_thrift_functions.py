"""Functions over real Thrift."""

from __future__ import annotations

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.factories import database

UPPER = "org.apache.hadoop.hive.ql.udf.generic.GenericUDFUpper"


def fn(db, name, cls=UPPER, uris=()):
    return tt.Function(
        functionName=name,
        dbName=db,
        className=cls,
        ownerName="tester",
        ownerType=tt.PrincipalType.USER,
        createTime=0,
        functionType=tt.FunctionType.JAVA,
        resourceUris=[tt.ResourceUri(resourceType=tt.ResourceType.JAR, uri=u) for u in uris],
    )


@pytest.fixture
def d1(client):
    client.create_database(database("d1"))


def test_function_life_cycle(client, d1):
    client.create_function(fn("d1", "My_Upper", uris=["file:/tmp/a.jar", "file:/tmp/b.jar"]))
    got = client.get_function("d1", "my_upper")
    assert (got.functionName, got.dbName, got.className) == ("my_upper", "d1", UPPER)
    assert [r.uri for r in got.resourceUris] == ["file:/tmp/a.jar", "file:/tmp/b.jar"]
    assert got.createTime > 0 and got.functionType == tt.FunctionType.JAVA
    assert client.get_functions("d1", "*") == ["my_upper"]
    assert client.get_functions("d1", "my*") == ["my_upper"]
    assert [f.functionName for f in client.get_all_functions().functions] == ["my_upper"]
    new = fn("d1", "my_upper", cls="com.example.Other")
    client.alter_function("d1", "my_upper", new)
    assert client.get_function("d1", "my_upper").className == "com.example.Other"
    client.drop_function("d1", "my_upper")
    with pytest.raises(tt.NoSuchObjectException):
        client.get_function("d1", "my_upper")
    with pytest.raises(tt.NoSuchObjectException):
        client.drop_function("d1", "my_upper")


def test_function_errors(client, d1):
    client.create_function(fn("d1", "f"))
    with pytest.raises(tt.AlreadyExistsException):
        client.create_function(fn("d1", "F"))
    with pytest.raises(tt.NoSuchObjectException):
        client.create_function(fn("nodb", "f"))
    with pytest.raises(tt.InvalidObjectException):
        client.create_function(fn("d1", "bad name"))
    assert client.get_functions("d1", "*") == ["f"]


def test_drop_database_cascade_drops_functions(client, d1):
    client.create_function(fn("d1", "f"))
    with pytest.raises(tt.InvalidOperationException):
        client.drop_database("d1", True, False)
    client.drop_database("d1", True, True)
    assert client.get_all_functions().functions == []
