"""Build the REST API for a running catalog service from the Runtime's settings."""

from __future__ import annotations

from api.app import ApiContext, create_app
from api.auth import Authenticator
from api.server import HttpServer
from catalog.auth.oidc import OidcSettings, OidcVerifier
from catalog.auth.tokens import TokenManager
from catalog.events.broadcast import EventBroadcaster


def build_app(service, settings):
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
    app = create_app(
        ApiContext(
            service=service,
            authenticator=Authenticator(TokenManager(service.db), oidc),
            broadcaster=EventBroadcaster(service.db),
        )
    )
    from api.pages import OidcLoginSettings
    from api.pages import install as _explorer  # the HTML explorer at /

    _explorer(
        app,
        oidc=OidcLoginSettings(
            issuer=settings.oidc_issuer,
            client_id=settings.oidc_client_id or settings.oidc_audience or "hms-catalog",
            client_secret=settings.oidc_client_secret,
        )
        if settings.oidc_issuer
        else None,
        thrift_port=settings.thrift_port or None,
    )
    from catalog.observability.http import install as _observe  # GET /metrics (no token), per-route metrics

    _observe(app, service.db)
    return app


def build_http(service, settings) -> HttpServer:
    """The REST API server, bound to its port but not yet serving (call .start())."""
    return HttpServer(build_app(service, settings), settings.host, settings.http_port)


__all__ = ["build_app", "build_http"]
