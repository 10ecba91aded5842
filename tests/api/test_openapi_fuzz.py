"""Property-based run of the OpenAPI document with schemathesis against the live server: for every
operation, generated requests (valid and invalid) never get a 5xx, and every response — status,
content type, headers, body — is one the schema documents.

(schemathesis' pytest plugin does not work with pytest 9 yet, so the operations are driven with
Hypothesis directly: `operation.as_strategy()` per operation and generation mode.)"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories as f
from tests.api.conftest import make_api

_n = [0]
# Generated requests per operation and mode: `make test` runs the full 40; `make test-fast` fewer.
EXAMPLES = int(os.environ.get("CATALOG_TEST_FUZZ_EXAMPLES", "40"))
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
def live(pg_server, template_db, tmp_path_factory):
    _n[0] += 1
    url = pg_server.create_database(f"fuzz_{os.getpid()}_{_n[0]}", template=template_db)
    a = make_api(url, tmp_path_factory.mktemp("fuzz"))
    with a.thrift() as c:  # something to find: generated names sometimes hit real objects
        c.create_database(f.database("a", description="fuzzing"))
        c.create_table(f.table("a", "a", part_keys=[("p", "string")]))
        t = c.get_table("a", "a")
        c.add_partitions([f.partition(t, ["0"]), f.partition(t, ["1"])])
    try:
        yield a
    finally:
        a.runtime.stop()


def _operations(live, with_security: bool = True):
    """The operations of the served document; without its security requirements when we send the
    credentials ourselves (so that a generated, deliberately broken Authorization header we then
    replace does not count as a negative case)."""
    import httpx

    doc = httpx.get(f"{live.url}/openapi.json").json()
    if not with_security:
        for item in doc["paths"].values():
            for op in item.values():
                op.pop("security", None)
    schema = schemathesis.openapi.from_dict(doc)
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 15
    return ops


def _run(op, mode, examples, fn):
    @given(case=op.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        fn(case)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_schema(live, mode):
    auth = {"Authorization": f"Bearer {live.admin_token}"}
    checks = CONFORMANCE + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])
    ran = 0
    for op in _operations(live, with_security=False):
        if op.path == "/api/v1/events/stream":
            continue  # a stream never ends; tests/api/test_events.py drives it
        try:
            _run(
                op,
                mode,
                EXAMPLES,
                lambda case: case.call_and_validate(
                    base_url=live.url, headers=auth, checks=checks, timeout=30
                ),
            )
            ran += 1
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE  # nothing to get wrong in a request without inputs
    assert ran >= 12


def test_without_credentials_every_route_answers_401(live):
    def check(case):
        response = case.call(base_url=live.url, timeout=30)
        if case.path in ("/healthz", "/readyz"):
            assert response.status_code in (200, 503)
        else:
            assert response.status_code in (401, 422), (
                case.path,
                response.text,
            )  # 422: malformed, refused first
            assert "items" not in response.text and set(response.json()) == {"error"}
        case.validate_response(response, checks=CONFORMANCE)

    for op in _operations(live):
        _run(op, GenerationMode.POSITIVE, max(1, EXAMPLES // 4), check)
