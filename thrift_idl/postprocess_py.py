"""Fix-ups applied by generate.sh to the Python code `thrift --gen py` writes.

Maps keyed by a list (Hive's `SkewedInfo.skewedColValueLocationMaps: map<list<string>, string>`):
the generated reader builds each key as a Python list and uses it as a dict key, which raises
`TypeError: unhashable type: 'list'` and drops the connection; the C-accelerated decoder fails the
same way. Both are made to build tuples instead: the pure-Python reader wraps the key in `tuple()`,
and the `thrift_spec` entry marks the key's list as immutable, which makes the C decoder produce a
tuple. Writers iterate the key, so a tuple is written exactly as a list would be.

Usage: python3 postprocess_py.py FILE.py ...  (edits the files in place; fails if a list-keyed map
is only half fixed, so a changed compiler output is noticed).
"""

from __future__ import annotations

import re
import sys

# `_keyN = []` is how the generated reader starts reading a list-valued map key.
_LIST_KEY = re.compile(r"^\s+(_key\d+) = \[\]$", re.M)
# thrift_spec of a map whose key is list<primitive>: (TType.MAP, 'name', (TType.LIST, (elem, args, False), ...
_SPEC = re.compile(r"(TType\.MAP, '\w+', \(TType\.LIST, \(TType\.\w+, (?:'UTF8'|None|'BINARY'), )False\)")


def fix(src: str) -> tuple[str, int, int]:
    keys = _LIST_KEY.findall(src)
    for k in keys:
        src = src.replace(f"[{k}] = ", f"[tuple({k})] = ")
    src, n_spec = _SPEC.subn(r"\1True)", src)
    return src, len(keys), n_spec


def main(paths: list[str]) -> int:
    total_keys = total_specs = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        out, n_keys, n_spec = fix(src)
        total_keys += n_keys
        total_specs += n_spec
        if out != src:
            with open(path, "w", encoding="utf-8") as f:
                f.write(out)
    if total_keys != total_specs:
        print(
            f"postprocess_py: {total_keys} list-keyed map readers, {total_specs} thrift_spec entries fixed",
            file=sys.stderr,
        )
        return 1
    print(f"postprocess_py: {total_keys} list-keyed map(s) decode their keys as tuples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
