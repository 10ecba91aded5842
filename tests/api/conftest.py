"""The REST API served for real: the whole service (Thrift and HTTP on free ports) over a fresh
database, with httpx clients holding real bearer tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from catalog.app import Runtime
from catalog.auth.tokens import TokenManager
from tests.conftest import start_service, thrift_client


@dataclass
class Api:
    runtime: Runtime
    warehouse: Path
    admin_token: str
    clients: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.runtime.http.url

    @property
    def service(self):
        return self.runtime.service

    @property
    def thrift_port(self) -> int:
        return self.runtime.thrift.port

    def token(self, principal: str, admin: bool = False, **kw) -> str:
        secret, _ = TokenManager(self.service.db).create(principal, is_admin=admin, **kw)
        return secret

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        c = httpx.Client(base_url=self.url, headers=headers, timeout=30)
        self.clients.append(c)
        return c

    def admin(self) -> httpx.Client:
        return self.client(self.admin_token)

    def thrift(self, user: str = "tester", groups=("testers",)):
        """A context manager: a Thrift client that called set_ugi(user, groups)."""
        import contextlib

        @contextlib.contextmanager
        def cm():
            with thrift_client(self.thrift_port) as c:
                c.set_ugi(user, list(groups))
                yield c

        return cm()


def make_api(database_url: str, tmp_path: Path, **overrides) -> Api:
    wh = tmp_path / "warehouse"
    wh.mkdir(exist_ok=True)
    rt = start_service(database_url, wh, http_port=0, **overrides)
    secret, _ = TokenManager(rt.service.db).create("root", is_admin=True, description="tests")
    return Api(rt, wh, secret)


@pytest.fixture
def api(database_url, tmp_path):
    a = make_api(database_url, tmp_path)
    try:
        yield a
    finally:
        for c in a.clients:
            c.close()
        a.runtime.stop()


@pytest.fixture
def enforced(database_url, tmp_path):
    """The service with --authorization=enforce and `boss` in the admin role."""
    a = make_api(database_url, tmp_path, authorization="enforce", admin_users=("boss",))
    try:
        yield a
    finally:
        for c in a.clients:
            c.close()
        a.runtime.stop()
