"""`GET /api/v1/sync/runs`: each mirror run and what it did, over real HTTP with a bearer token."""

from __future__ import annotations

from tests.api.conftest import make_api
from tests.sync.conftest import sync
from tests.sync.test_mirror import populate


def test_runs_are_listed_newest_first_with_counts_and_events(database_url, tmp_path, fake):
    api = make_api(database_url, tmp_path)
    try:
        populate(fake)
        first = sync(api.service, fake)
        second = sync(api.service, fake)  # nothing changed: a no-op run
        http = api.admin()
        page = http.get("/api/v1/sync/runs", params={"page_size": 1})
        assert page.status_code == 200, page.text
        body = page.json()
        assert [r["id"] for r in body["runs"]] == [second.run_id]
        assert body["runs"][0]["status"] == "succeeded"
        rest = http.get(
            "/api/v1/sync/runs", params={"page_size": 1, "page_token": body["next_page_token"]}
        ).json()
        assert [r["id"] for r in rest["runs"]] == [first.run_id] and rest["next_page_token"] is None
        detail = http.get(f"/api/v1/sync/runs/{first.run_id}").json()
        assert detail["counts"]["by_type"]["table"]["created"] == 4
        assert any(e["action"] == "created" and "orders" in e["object_name"] for e in detail["events"]), (
            detail["events"][:3]
        )
        assert http.get("/api/v1/sync/runs/999999").json()["error"]["code"]
        assert http.get("/api/v1/sync/runs/999999").status_code == 404
        assert api.client().get("/api/v1/sync/runs").status_code == 401  # no token, no data
    finally:
        api.runtime.stop()
