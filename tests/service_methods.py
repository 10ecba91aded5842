"""The catalog service's operations as the tests enumerate them: every public method of the parts
CatalogService is composed of (catalog.service.PARTS), and which of them write."""

from __future__ import annotations

import inspect

from catalog.service import PARTS


def _names(fn) -> set[str]:
    """Attribute and global names the function's bytecode uses (robust to the file changing on disk)."""
    code = getattr(inspect.unwrap(fn), "__code__", None)
    return set(code.co_names) if code else set()


def _opens_a_write_transaction(cls, fn, seen=()) -> bool:
    """The method opens a write transaction (`...db.write()`) itself or through another method of
    its class."""
    names = _names(fn)
    if {"db", "write"} <= names:
        return True
    for helper in sorted(n for n in names if not n.startswith("__")):
        h = getattr(cls, helper, None)
        if (
            inspect.isfunction(h)
            and helper not in seen
            and _opens_a_write_transaction(cls, h, (*seen, helper))
        ):
            return True
    return False


def operations() -> dict[str, type]:
    """Every public operation of the service's parts: name -> the part that implements it."""
    out: dict[str, type] = {}
    for part in PARTS:
        for name, _ in inspect.getmembers(part, inspect.isfunction):
            if not name.startswith("_"):
                assert name not in out, f"{name} is defined by both {out[name].__name__} and {part.__name__}"
                out[name] = part
    return out


def writing_operations() -> set[str]:
    return {
        name for name, part in operations().items() if _opens_a_write_transaction(part, getattr(part, name))
    }
