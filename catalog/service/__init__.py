"""The catalog service (see composed.py): `from catalog.service import CatalogService`."""

from catalog.errors import UnsupportedError
from catalog.service.composed import PARTS, CatalogService
from catalog.service.core import ServiceLimits

__all__ = ["PARTS", "CatalogService", "ServiceLimits", "UnsupportedError"]
