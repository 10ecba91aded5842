"""Fixtures for the Unity Catalog mirror tests: a fake UC server and a helper that runs one sync."""

from __future__ import annotations

import pytest

from catalog.sync.mirror import SyncOptions, run_sync
from catalog.sync.unity_client import UnityClient
from tests.sync.fake_uc import FakeUnity


@pytest.fixture
def fake():
    f = FakeUnity(dialect="oss").start()
    try:
        yield f
    finally:
        f.stop()


@pytest.fixture(params=["oss", "databricks"])
def any_fake(request):
    f = FakeUnity(dialect=request.param).start()
    try:
        yield f
    finally:
        f.stop()


def client_for(fake: FakeUnity, **kw) -> UnityClient:
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 5.0)
    if fake.token and "token" not in kw:
        kw["token"] = fake.token
    return UnityClient(fake.url, **kw)


def sync(service, fake: FakeUnity, client: UnityClient | None = None, **options):
    """One run of the mirror against the fake; returns the SyncResult."""
    c = client or client_for(fake)
    try:
        return run_sync(service, c, SyncOptions(**options))
    finally:
        if client is None:
            c.close()
