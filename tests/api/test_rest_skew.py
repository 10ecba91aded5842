"""A skewed (list-bucketed) table's skew info on the REST door, as Thrift stored it."""

from __future__ import annotations

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f


def test_table_shows_skewed_columns_values_and_locations(api):
    with api.thrift() as c:
        c.create_database(f.database("s"))
        t = f.table("s", "sk")
        t.sd.skewedInfo = tt.SkewedInfo(["id", "name"], [["1", "a"], ["2", "b"]], {("1", "a"): "file:/w/1a"})
        c.create_table(t)
        c.create_table(f.table("s", "plain"))
    a = api.admin()
    got = a.get("/api/v1/catalogs/hive/databases/s/tables/sk").json()["storage"]["skewed"]
    assert got == {
        "columns": ["id", "name"],
        "values": [["1", "a"], ["2", "b"]],
        "locations": [{"values": ["1", "a"], "location": "file:/w/1a"}],
    }
    assert a.get("/api/v1/catalogs/hive/databases/s/tables/plain").json()["storage"]["skewed"] is None
