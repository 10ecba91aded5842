"""Structured logs: JSON lines with request id, caller, method, duration and outcome; the slow-call
log; secrets redacted whatever logger writes them."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys

import httpx
import pytest

from catalog.auth.tokens import TokenManager
from catalog.embedded_pg import free_port
from catalog.observability import calls
from catalog.observability.logging import make_handler, redact
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.ops.conftest import wait_port

SECRET = "s3cr3t-Pa55"
TOKEN = "tok_AbC123-xyz_987.def"


@pytest.mark.parametrize(
    "text, hidden, kept",
    [
        (
            f"postgresql://catalog:{SECRET}@db:5432/metastore",
            SECRET,
            "postgresql://catalog:***@db:5432/metastore",
        ),
        (f"postgresql+psycopg://u:{SECRET}@h/db?sslmode=require", SECRET, "u:***@h"),
        (f"connect host=db user=catalog password={SECRET} dbname=x", SECRET, "password=***"),
        (f"Authorization: Bearer {TOKEN}", TOKEN, "Authorization: Bearer ***"),
        (f"{{'authorization': 'Bearer {TOKEN}', 'accept': '*/*'}}", TOKEN, "'accept': '*/*'"),
        (f"GET /x?token={TOKEN}&page=2", TOKEN, "page=2"),
        (f"client_secret: {SECRET}", SECRET, "client_secret: ***"),
        (f"headers bearer {TOKEN} end", TOKEN, "end"),
    ],
)
def test_redact(text, hidden, kept):
    out = redact(text)
    assert hidden not in out
    assert kept in out


def test_redact_keeps_ordinary_text():
    for text in (
        "get_table default.orders took 12 ms",
        "file:/tmp/warehouse/db.db/t",
        "s3a://bucket/path/x=1",
        "thrift://127.0.0.1:9083",
        "partition dt=2024-01-01/hour=3",
    ):
        assert redact(text) == text


@pytest.fixture
def captured():
    """Everything logged, formatted as `catalog --log-format json` does."""
    stream = io.StringIO()
    handler = make_handler("json", stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        calls.configure(slow_call_ms=1000.0, access_log=False)


def test_redaction_filter_covers_messages_arguments_and_tracebacks(captured):
    log = logging.getLogger("some.library")
    log.info("connecting to %s", f"postgresql://u:{SECRET}@db/x")
    try:
        raise RuntimeError(f"could not connect to postgresql://u:{SECRET}@db/x with Bearer {TOKEN}")
    except RuntimeError:
        log.exception("failed")
    log.warning("request", extra={"url": f"https://x/?access_token={TOKEN}"})
    text = json.dumps(captured())
    assert SECRET not in text and TOKEN not in text
    assert "postgresql://u:***@db/x" in text


def test_json_access_log_has_request_id_caller_method_duration_outcome(captured, database_url, tmp_path):
    rt = start_service(database_url, tmp_path, http_port=0, access_log=True, slow_call_ms=60_000)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("alice", ["analysts"])
            c.get_database("default")
            with pytest.raises(tt.NoSuchObjectException):
                c.get_table("default", "missing")
        token, _ = TokenManager(rt.service.db).create("bob")
        r = httpx.get(
            rt.http.url + "/api/v1/catalogs",
            headers={"Authorization": f"Bearer {token}", "X-Request-ID": "req-42"},
        )
        assert r.status_code == 200
    finally:
        rt.stop()
    records = [r for r in captured() if r["logger"] == "catalog.access"]
    by_method = {r["method"]: r for r in records}
    get = by_method["get_table"]
    assert get["door"] == "thrift" and get["caller"] == "alice" and get["outcome"] == "NoSuchObjectException"
    assert len(get["request_id"]) == 16 and get["duration_ms"] >= 0 and get["remote"].startswith("127.0.0.1:")
    assert by_method["get_database"]["outcome"] == "ok"
    assert by_method["set_ugi"]["caller"] == "alice"
    assert len({r["request_id"] for r in records}) == len(records)
    rest = by_method["GET /api/v1/catalogs"]
    assert rest["door"] == "rest" and rest["caller"] == "bob" and rest["outcome"] == "200"
    assert rest["request_id"] == "req-42"
    assert token not in json.dumps(captured())


def test_slow_calls_are_logged_with_their_arguments(captured, database_url, tmp_path):
    rt = start_service(database_url, tmp_path, slow_call_ms=0.001)
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("carol", [])
            with pytest.raises(tt.NoSuchObjectException):
                c.get_table("default", "nothing_here")
    finally:
        rt.stop()
    slow = [r for r in captured() if r["logger"] == "catalog.slow" and r["method"] == "get_table"]
    assert slow and slow[0]["level"] == "warning"
    assert slow[0]["args_summary"] == "default, nothing_here"
    assert slow[0]["caller"] == "carol" and slow[0]["outcome"] == "NoSuchObjectException"


def test_log_inside_a_call_carries_its_context(captured):
    ctx = calls.CallContext("thrift", method="get_table", caller="dave")
    token = calls.enter(ctx)
    try:
        logging.getLogger("catalog.service").warning("something odd")
    finally:
        calls.leave(token)
    rec = [r for r in captured() if r["msg"] == "something odd"][0]
    assert rec["request_id"] == ctx.request_id and rec["caller"] == "dave" and rec["method"] == "get_table"


def test_cli_json_logs(database_url, tmp_path):
    """`catalog --log-format json serve --access-log`: every stderr log line is a JSON object."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "catalog.cli",
            "--log-format",
            "json",
            "serve",
            "--database-url",
            database_url,
            "--no-migrate",
            "--thrift-port",
            str(port),
            "--http-port",
            "-1",
            "--access-log",
            "--warehouse",
            f"file:{tmp_path}/wh",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        wait_port(port, proc)
        with thrift_client(port) as c:
            c.set_ugi("erin", [])
            c.get_database("default")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    lines = [ln for ln in err.decode().splitlines() if ln.startswith("{")]
    records = [json.loads(ln) for ln in lines]
    assert any(r.get("method") == "get_database" and r.get("caller") == "erin" for r in records), (
        err.decode()[-2000:]
    )
    assert not any(SECRET in ln for ln in lines)
    assert any(r["msg"].startswith("thrift listening") for r in records)
