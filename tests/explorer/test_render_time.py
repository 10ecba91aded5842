"""How long the server takes to render the explorer's pages for a database of 1,000 tables: a
benchmark figure (written to test-artifacts/explorer/render-times.txt and printed), read from each
page's Server-Timing header (cookie check to rendered HTML). Only the pages' content is asserted:
a time limit on a shared machine would flake."""

from __future__ import annotations

import os
import statistics

import pytest

from tests import factories as f
from tests.api.conftest import make_api
from tests.explorer.conftest import ARTIFACTS, signed_in_client, token

TABLES = 1000
RUNS = 15


@pytest.fixture(scope="module")
def big(pg_server, template_db, tmp_path_factory):
    url = pg_server.create_database(f"explorer_big_{os.getpid()}", template=template_db)
    api = make_api(url, tmp_path_factory.mktemp("explorer_big"))
    with api.thrift() as c:
        c.create_database(f.database("warehouse", description="1,000 tables"))
        for i in range(TABLES):
            c.create_table(
                f.table(
                    "warehouse",
                    f"t{i:04d}",
                    cols=(("id", "bigint"), (f"metric_{i}", "double"), ("dt", "string")),
                    params={"comment": f"table number {i}", "numRows": str(i * 10)},
                )
            )
    try:
        yield api
    finally:
        api.runtime.stop()


def _server_ms(r) -> float:
    timing = r.headers["server-timing"]
    return float(timing.split("dur=")[1])


def test_render_time_for_a_database_of_1000_tables(big):
    c = signed_in_client(big.url, token(big, "erin"))
    pages = {
        "catalogs (database counts)": "/",
        "databases of hive (table counts)": "/catalogs/hive",
        "database page, first 100 tables": "/catalogs/hive/databases/warehouse",
        "database page, all 1000 tables": "/catalogs/hive/databases/warehouse?page_size=1000",
        "table page": "/catalogs/hive/databases/warehouse/tables/t0500",
        "search 'metric_5' (ranked, grouped)": "/search?q=metric_5",
    }
    lines = [f"explorer server-side render time, database of {TABLES} tables, median of {RUNS} (max)"]
    for label, path in pages.items():
        first = c.get(path)
        assert first.status_code == 200, (path, first.text[:500])
        times = []
        for _ in range(RUNS):
            r = c.get(path)
            assert r.status_code == 200
            times.append(_server_ms(r))
        lines.append(f"  {label:40s} {statistics.median(times):7.1f} ms  ({max(times):.1f} ms)")
    full = c.get("/catalogs/hive/databases/warehouse?page_size=1000").text
    assert full.count("/tables/t") == TABLES and '<td id="table-count">1000</td>' in full
    assert 'id="next-tables"' in c.get("/catalogs/hive/databases/warehouse").text
    assert '>warehouse</a></td>\n<td class="num">1000</td>' in c.get("/catalogs/hive").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "render-times.txt").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
