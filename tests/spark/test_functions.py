"""Permanent (Hive) functions through stock Spark: CREATE FUNCTION, use, DESCRIBE FUNCTION, SHOW USER
FUNCTIONS, a class that cannot load, DROP FUNCTION [IF EXISTS], catalog.listFunctions
(spark-hms-calls.md #80-#87, #102)."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.spark.support import drop_database, make_database

pytestmark = pytest.mark.spark

DB = "sp_fn"
UPPER = "org.apache.hadoop.hive.ql.udf.generic.GenericUDFUpper"


@pytest.fixture(scope="module")
def db(spark_env):
    yield make_database(spark_env, DB)
    drop_database(spark_env, DB)


def test_create_use_list_and_drop_functions(spark_env, db):
    env, spark = spark_env, spark_env.spark
    env.sql(f"CREATE FUNCTION {db}.my_upper AS '{UPPER}'")
    with env.client() as c:
        f = c.get_function(db, "my_upper")
    assert (f.functionName, f.dbName, f.className, f.functionType) == (
        "my_upper",
        db,
        UPPER,
        tt.FunctionType.JAVA,
    )
    with pytest.raises(AnalysisException, match="ROUTINE_ALREADY_EXISTS|already exists"):
        env.sql(f"CREATE FUNCTION {db}.my_upper AS '{UPPER}'")

    assert env.rows(f"SELECT {db}.my_upper('abc')") == [("ABC",)]
    env.sql(f"USE {db}")
    assert env.rows("SELECT my_upper(x) FROM VALUES ('q'), ('r') AS t(x)") == [("Q",), ("R",)]
    described = " ".join(r[0] for r in env.sql(f"DESCRIBE FUNCTION {db}.my_upper"))
    assert f"spark_catalog.{db}.my_upper" in described and UPPER in described

    # creating a function does not load its class: the failure shows at first use
    env.sql(f"CREATE FUNCTION {db}.bad_fn AS 'com.example.DoesNotExist'")
    with pytest.raises(AnalysisException, match="CANNOT_LOAD_FUNCTION_CLASS"):
        env.sql(f"SELECT {db}.bad_fn('abc')")

    assert env.rows("SHOW USER FUNCTIONS") == [
        (f"spark_catalog.{db}.bad_fn",),
        (f"spark_catalog.{db}.my_upper",),
    ]
    assert env.rows("SHOW USER FUNCTIONS LIKE 'my*'") == [(f"spark_catalog.{db}.my_upper",)]
    listed = {f.name: f for f in spark.catalog.listFunctions(db)}
    assert {"my_upper", "bad_fn"} <= set(listed)
    assert listed["my_upper"].className == UPPER and not listed["my_upper"].isTemporary
    assert listed["my_upper"].namespace == [db]
    assert spark.catalog.functionExists(f"{db}.my_upper")

    env.sql(f"DROP FUNCTION {db}.my_upper")
    env.sql(f"DROP FUNCTION IF EXISTS {db}.bad_fn")
    env.sql(f"DROP FUNCTION IF EXISTS {db}.bad_fn")  # no error when already gone
    with pytest.raises(AnalysisException, match="UNRESOLVED_ROUTINE"):
        env.sql(f"DROP FUNCTION {db}.my_upper")
    assert env.rows("SHOW USER FUNCTIONS") == []
    with env.client() as c:
        assert c.get_functions(db, "*") == []
        with pytest.raises(tt.NoSuchObjectException):
            c.get_function(db, "my_upper")
    with pytest.raises(AnalysisException, match="UNRESOLVED_ROUTINE"):
        env.sql(f"SELECT {db}.my_upper('abc')")
    assert not spark.catalog.functionExists(f"{db}.my_upper")
