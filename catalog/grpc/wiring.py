"""Build the gRPC door for a running catalog service from the Runtime's settings."""

from __future__ import annotations

from pathlib import Path

from api.auth import Authenticator
from catalog.auth.oidc import OidcSettings, OidcVerifier
from catalog.auth.tokens import TokenManager
from catalog.grpc.auth import GrpcAuthenticator
from catalog.grpc.server import GrpcServer
from catalog.thrift.handler import MetastoreHandler


def build_authenticator(service, settings) -> GrpcAuthenticator:
    oidc = None
    if settings.oidc_issuer:
        oidc = OidcVerifier(
            OidcSettings(
                issuer=settings.oidc_issuer,
                audience=settings.oidc_audience,
                jwks_url=settings.oidc_jwks_url,
                principal_claim=settings.oidc_principal_claim or "sub",
            )
        )
    return GrpcAuthenticator(Authenticator(TokenManager(service.db), oidc))


def build_grpc(service, settings) -> GrpcServer:
    """The gRPC server, bound to its port but not yet serving (call .start())."""
    cert = Path(settings.grpc_tls_cert).read_bytes() if settings.grpc_tls_cert else None
    key = Path(settings.grpc_tls_key).read_bytes() if settings.grpc_tls_key else None
    return GrpcServer(
        MetastoreHandler(service, settings.thrift_conf()),
        build_authenticator(service, settings),
        settings.host,
        settings.grpc_port,
        workers=settings.grpc_workers,
        max_message_bytes=settings.grpc_max_message_mb * 1024 * 1024,
        tls_cert=cert,
        tls_key=key,
    )


__all__ = ["build_authenticator", "build_grpc"]
