"""Compare-and-swap alters (HIVE-26882), as Iceberg Java and Trino send them with Hive locks off:
`expected_parameter_key` / `expected_parameter_value` in the EnvironmentContext."""

from __future__ import annotations

import threading

import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client
from tests.factories import database, table

PREFIX = "The table has been modified. The parameter value for key 'metadata_location' is"


def env(expected: str | None, key: str = "metadata_location") -> tt.EnvironmentContext:
    props = {"DO_NOT_UPDATE_STATS": "true"}
    if expected is not None:
        props.update(expected_parameter_key=key, expected_parameter_value=expected)
    return tt.EnvironmentContext(properties=props)


def iceberg_table(client, location: str) -> tt.Table:
    client.create_database(database("ice"))
    t = table(
        "ice",
        "t",
        location=location,
        table_type="EXTERNAL_TABLE",
        params={"EXTERNAL": "TRUE", "table_type": "ICEBERG", "metadata_location": "m0"},
    )
    client.create_table(t)
    return client.get_table("ice", "t")


def commit(client, t: tt.Table, base: str, new: str) -> None:
    t.parameters = dict(t.parameters, metadata_location=new, previous_metadata_location=base)
    client.alter_table_with_environment_context("ice", "t", t, env(base))


def test_swap_applies_when_the_value_is_as_expected(client, tmp_path):
    t = iceberg_table(client, f"file:{tmp_path}/t")
    commit(client, t, "m0", "m1")
    assert client.get_table("ice", "t").parameters["metadata_location"] == "m1"


def test_a_stale_swap_fails_with_hives_message_and_changes_nothing(client, tmp_path):
    t = iceberg_table(client, f"file:{tmp_path}/t")
    commit(client, client.get_table("ice", "t"), "m0", "m1")
    t.sd.cols.append(tt.FieldSchema(name="extra", type="string"))
    with pytest.raises(tt.MetaException) as e:
        commit(client, t, "m0", "m2")
    assert e.value.message == (
        "The table has been modified. The parameter value for key 'metadata_location' is 'm1'. "
        "The expected was value was 'm0'"
    )
    now = client.get_table("ice", "t")
    assert now.parameters["metadata_location"] == "m1"
    assert [c.name for c in now.sd.cols] == ["id", "name"]


def test_the_new_value_must_be_set(client, tmp_path):
    t = iceberg_table(client, f"file:{tmp_path}/t")
    del t.parameters["metadata_location"]
    with pytest.raises(tt.MetaException) as e:
        client.alter_table_with_environment_context("ice", "t", t, env("m0"))
    assert e.value.message == "New value for expected key metadata_location is not set"


def test_a_key_the_table_does_not_have(client, tmp_path):
    t = iceberg_table(client, f"file:{tmp_path}/t")
    t.parameters["other"] = "x"
    with pytest.raises(tt.MetaException) as e:
        client.alter_table_with_environment_context("ice", "t", t, env("y", key="other"))
    assert e.value.message.startswith(
        "The table has been modified. The parameter value for key 'other' is 'null'"
    )


def test_concurrent_swaps_from_one_base_exactly_one_wins(server, client, tmp_path):
    iceberg_table(client, f"file:{tmp_path}/t")
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def writer(i: int) -> None:
        with thrift_client(server.port) as c:
            t = c.get_table("ice", "t")
            barrier.wait()
            try:
                commit(c, t, "m0", f"m1-{i}")
                outcomes.append(f"won m1-{i}")
            except tt.MetaException as e:
                outcomes.append("lost" if e.message.startswith(PREFIX) else e.message)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    won = [o for o in outcomes if o.startswith("won")]
    assert len(outcomes) == 8 and len(won) == 1 and outcomes.count("lost") == 7
    assert client.get_table("ice", "t").parameters["metadata_location"] == won[0].removeprefix("won ")


def test_a_chain_of_swaps_with_retries_loses_no_commit(server, client, tmp_path):
    """4 writers x 5 commits, each re-reading and retrying on the HIVE-26882 error: the chain of
    previous_metadata_location links every commit exactly once."""
    iceberg_table(client, f"file:{tmp_path}/t")
    errors: list = []
    swaps: dict[str, str] = {}  # base -> new, for every swap that was accepted

    def writer(i: int) -> None:
        with thrift_client(server.port) as c:
            for n in range(5):
                for _ in range(200):
                    t = c.get_table("ice", "t")
                    base = t.parameters["metadata_location"]
                    try:
                        commit(c, t, base, f"w{i}-{n}")
                        assert base not in swaps, f"two commits over {base}"
                        swaps[base] = f"w{i}-{n}"
                        break
                    except tt.MetaException as e:
                        if not e.message.startswith(PREFIX):
                            errors.append(e.message)
                            return
                else:
                    errors.append(f"w{i}-{n} never committed")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    chain, cur = [], "m0"
    while cur in swaps:
        cur = swaps[cur]
        chain.append(cur)
    assert len(chain) == len(swaps) == 20  # one line of history holding every commit
    assert client.get_table("ice", "t").parameters["metadata_location"] == chain[-1]


def test_do_not_update_stats(client, tmp_path):
    loc = tmp_path / "s"
    loc.mkdir()
    (loc / "f.parquet").write_bytes(b"x" * 10)
    client.create_database(database("st"))
    client.create_table(
        table("st", "t", location=f"file:{loc}", table_type="EXTERNAL_TABLE", params={"EXTERNAL": "TRUE"})
    )
    t = client.get_table("st", "t")
    t.parameters = {"EXTERNAL": "TRUE", "k": "v"}
    client.alter_table_with_environment_context(
        "st", "t", t, tt.EnvironmentContext(properties={"DO_NOT_UPDATE_STATS": "true"})
    )
    params = client.get_table("st", "t").parameters
    assert "numFiles" not in params and params["k"] == "v"
    # without the context flag, stats are computed, and the marker in parameters stops that and is removed
    t.parameters = {"EXTERNAL": "TRUE", "DO_NOT_UPDATE_STATS": "true"}
    client.alter_table_with_environment_context("st", "t", t, None)
    params = client.get_table("st", "t").parameters
    assert "numFiles" not in params and "DO_NOT_UPDATE_STATS" not in params
    t.parameters = {"EXTERNAL": "TRUE"}
    client.alter_table_with_environment_context("st", "t", t, None)
    params = client.get_table("st", "t").parameters
    assert (params["numFiles"], params["totalSize"]) == ("1", "10")
