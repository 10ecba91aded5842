"""Who is calling (context), how they prove it (tokens, OIDC), what they may do (authorizer), and
what they did (audit). The public surface of each module is its `__all__`."""
